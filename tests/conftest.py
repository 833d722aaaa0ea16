"""Shared fixtures: a fresh store with goods on the shelf and a few KPM, at a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import beneficiaries, products, purchases
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.profile import ProfileInput, confirm_working_month
from ewarong_desktop.services.setup import initialise

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


def make_shop(data_dir: Path) -> Shop:
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


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    made = make_shop(tmp_path / "data")
    yield made
    made.ctx.close()
