"""Shared fixtures: a fresh store with goods on the shelf and a few KPM, at a fixed clock."""

from __future__ import annotations

import argparse
import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import beneficiaries, operators, products, purchases
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.profile import ProfileInput, confirm_working_month
from ewarong_desktop.services.setup import initialise
from tests.templates import copy_of_template, use_folder

NOW = datetime(2020, 5, 6, 10, 30)
ADMIN = Actor("admin", "admin")
OPERATOR = Actor("siti", "operator")
PROFILE = ProfileInput("LTM-SKP-01", "E-Warong Sejahtera", "Sidodadi", "Sekampung", "Lampung Timur")

# Valid NIKs: Lampung (18), born 12-05-1980 (women: day + 40).
NIK_A = "1807125205800001"
NIK_B = "1807121203750002"
NIK_C = "1807124407900003"


@dataclass
class Shop:
    """A store at 6 May 2020 with rice, eggs, tempe, oil in stock and three KPM."""

    ctx: ServiceContext
    data_dir: Path
    ids: dict[str, str]

    def as_operator(self) -> ServiceContext:
        return self.ctx.as_actor(OPERATOR)


def open_shop(data_dir: Path) -> ServiceContext:
    """The admin's context on a shop store at the fixed clock, its clock check passed (as
    after the writes that made the store)."""
    ctx = ServiceContext.open(data_dir, ADMIN)
    ctx.clock = lambda: NOW
    ctx.require_writer("open")
    return ctx


def build_shop(data_dir: Path) -> Shop:
    """The real path: setup, the working month, four goods bought in, three KPM."""
    initialise(data_dir, PROFILE, admin_pin="123456")
    ctx = ServiceContext.open(data_dir, ADMIN)
    ctx.clock = lambda: NOW
    confirm_working_month(ctx, Period(2020, 5))
    ids: dict[str, str] = {}
    for code, name, category, unit, price in (
        ("BRS", "Beras medium", "karbohidrat", "kg", 12_000),
        ("TLR", "Telur ayam", "protein_hewani", "kg", 28_000),
        ("TMP", "Tempe", "protein_nabati", "pcs", 5_000),
        ("MYK", "Minyak goreng", "lainnya", "liter", 17_000),
    ):
        ids[code] = products.add_product(
            ctx, products.ProductInput(code, name, category, unit, price)
        ).id
    purchases.record_purchase(
        ctx,
        purchases.PurchaseInput(
            date(2020, 5, 2),
            "anggota_kube",
            "Kelompok Tani Makmur",
            (
                purchases.PurchaseLineInput(ids["BRS"], Decimal(100), 10_000),
                purchases.PurchaseLineInput(ids["TMP"], Decimal(50), 4_000),
            ),
        ),
    )
    purchases.record_purchase(
        ctx,
        purchases.PurchaseInput(
            date(2020, 5, 3),
            "pemasok",
            "CV Sumber Pangan",
            (
                purchases.PurchaseLineInput(ids["BRS"], Decimal(50), 11_000),
                purchases.PurchaseLineInput(ids["TLR"], Decimal(20), 25_000),
                purchases.PurchaseLineInput(ids["MYK"], Decimal(10), 15_000),
            ),
        ),
    )
    for key, nik, kks, name, desa in (
        ("A", NIK_A, "6013010012345678", "Siti Rahayu", "Sidodadi"),
        ("B", NIK_B, "6013010087654321", "Budi Santoso", "Sumbergede"),
        ("C", NIK_C, "6013010011112222", "Sri Wahyuni", "Sidodadi"),
    ):
        ids[key] = beneficiaries.register(
            ctx, beneficiaries.BeneficiaryInput(nik, kks, name, desa, eligible_from=Period(2020, 3))
        ).id
    return Shop(ctx, data_dir, ids)


def make_shop(data_dir: Path) -> Shop:
    """`build_shop`'s store: a copy of the one built for the whole run."""

    def build(path: Path) -> dict[str, str]:
        made = build_shop(path)
        made.ctx.close()
        return made.ids

    ids = copy_of_template("shop", build, data_dir)
    return Shop(open_shop(data_dir), data_dir, dict(ids))


# The PIN hash's production cost (scrypt N=2**14, ~60 ms a hash) on every login, every
# command-line write and every operator made for a store was ~10 s of the suite's CPU. In the
# tests' own process a PIN costs N=2**4: the same scheme, salt and digest, the cost written into
# the hash as always (and honoured by `pin_matches`); test_roles.py proves a fresh process hashes
# at the production cost, and every command a test starts (`python -m ewarong_desktop`) does.
PRODUCTION_PIN_COST = dict(operators._SCRYPT)
operators._SCRYPT.update(n=2**4)


# argparse asks gettext for each of its own words (usage, options, -h's help) as it builds a
# parser, and gettext looks for a catalogue on disk at every ask; the command line builds ~45
# parsers a run, and the suite runs it in-process some 1,700 times: ~5 s of CPU for the same
# few answers. The answers cannot change in a run (the tests never set LANGUAGE/LC_*/LANG).
argparse._ = functools.cache(argparse._)


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist would hand out the files by their number of tests, most first, which sends
    # a file of one long test (the demo at scale) out last to run on alone after the others.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order the files are handed to the workers in (`dev.py test`: one file a worker at a
    time): the long poles first (files with a test marked `slow`, each at once on a worker of
    its own while the other workers share the rest, the fewest tests first), then the files
    with the most tests, so the files still running when the others are done are small ones.
    Each file's tests keep their order (a module's fixtures are built once)."""
    slow: dict[str, bool] = {}
    count: dict[str, int] = {}
    for item in items:
        path = str(item.path)
        slow[path] = slow.get(path, False) or item.get_closest_marker("slow") is not None
        count[path] = count.get(path, 0) + 1
    first = {path: n for n, path in enumerate(dict.fromkeys(str(item.path) for item in items))}

    def order(item: pytest.Item) -> tuple[bool, int, int]:
        path = str(item.path)
        # A file of one slow test is all long pole: among the slow files, fewest tests first.
        return (not slow[path], count[path] if slow[path] else -count[path], first[path])

    items.sort(key=order)


@pytest.fixture(scope="session", autouse=True)
def template_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The run's stores to copy (tests/templates.py), in the folder every xdist worker of
    this run shares (each worker's own temporary folder is inside it)."""
    base = tmp_path_factory.getbasetemp()
    use_folder((base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "templates")


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    made = make_shop(tmp_path / "data")
    yield made
    made.ctx.close()
