"""Hostile files wherever a file comes in: KPM lists, bundles, backups to restore.

Hypothesis mutates valid files (flipped bytes, cuts, insertions, deletions) and each reader
must either accept the file or refuse it with an `EwarongError`; never another exception,
and a refusal never leaves anything half written in the store it was meant for.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.enrolment import enrol
from ewarong_desktop.district.intake import Intake
from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import backup as backups
from ewarong_desktop.services import sync_export
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.demo import DEMO_PROFILE
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.services.kpm_import import apply_import, preview_import
from ewarong_desktop.services.products import ProductInput, add_product
from ewarong_desktop.services.profile import confirm_working_month
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput, record_purchase
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest, redeem
from ewarong_desktop.services.setup import initialise
from ewarong_desktop.store.database import STORE_FILE
from ewarong_desktop.store.models import Beneficiary
from tests.kpm_import.builders import kpm_rows, write_csv, write_xlsx

# Modest by default so the suite stays quick; EWARONG_HOSTILE_EXAMPLES=2000 for a long hunt.
EXAMPLES = int(os.environ.get("EWARONG_HOSTILE_EXAMPLES", "25"))
HOSTILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

KINDS = ("flip", "cut", "insert", "delete", "zero")
edits = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.floats(0, 1, allow_nan=False),
        st.binary(min_size=1, max_size=16),
    ),
    min_size=1,
    max_size=4,
)


def mutate(raw: bytes, operations: list[tuple[str, float, bytes]]) -> bytes:
    data = bytearray(raw)
    for kind, where, blob in operations:
        at = min(int(where * len(data)), max(0, len(data) - 1))
        if kind == "flip" and data:
            data[at] ^= blob[0] or 0xFF
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = blob
        elif kind == "delete":
            del data[at : at + len(blob) * 64]
        elif kind == "zero":
            data[at : at + len(blob) * 256] = bytes(len(data[at : at + len(blob) * 256]))
    return bytes(data)


class Sample(bytes):
    """A valid file's bytes, shown by its size so a failing example's report stays short."""

    def __repr__(self) -> str:
        return f"<{len(self)} bytes>"


def fingerprint(path: Path, tables: tuple[str, ...]) -> dict[str, Any]:
    with sqlite3.connect(path) as conn:
        return {
            t: hashlib.sha256(
                repr(conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()).encode()
            ).hexdigest()
            for t in tables
        }


STORE_TABLES = ("beneficiaries", "audit_log", "change_counter", "redemptions", "stock_movements")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A small store with one of everything: KPMs, a purchase, a redemption."""
    data_dir = tmp_path_factory.mktemp("hostile") / "data"
    initialise(data_dir, DEMO_PROFILE, admin_pin="123456")
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        confirm_working_month(ctx, Period(2024, 5))
        rice = add_product(ctx, ProductInput("BRS", "Beras", "karbohidrat", "kg", 12_000)).id
        record_purchase(
            ctx,
            PurchaseInput(
                date(2024, 5, 1),
                "pemasok",
                "CV Maju",
                (PurchaseLineInput(rice, Decimal(50), 9_000),),
                confirmed=True,  # months back on purpose
            ),
        )
        source = write_csv(data_dir.parent / "kpm.csv", kpm_rows(3))
        apply_import(ctx, source)
        with ctx.reading() as session:
            first = session.scalars(select(Beneficiary.id).limit(1)).one()
        later = ServiceContext(ctx.db, CLI_ACTOR, lambda: datetime(2024, 5, 20, 9))
        redeem(later, RedeemRequest(first, Period(2024, 5), (BasketItem(rice, Decimal(2)),)))
    finally:
        ctx.close()
    return data_dir


# --- KPM lists ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kpm_files(tmp_path_factory) -> dict[str, Sample]:
    folder = tmp_path_factory.mktemp("kpm")
    rows = kpm_rows(12, start=20)
    return {
        ".csv": Sample(write_csv(folder / "list.csv", rows).read_bytes()),
        ".xlsx": Sample(write_xlsx(folder / "list.xlsx", rows).read_bytes()),
    }


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@HOSTILE
@given(operations=edits)
def test_a_mutated_kpm_list_is_imported_or_refused_cleanly(
    store, kpm_files, tmp_path_factory, suffix, operations
):
    path = tmp_path_factory.getbasetemp() / f"hostile{suffix}"
    path.write_bytes(mutate(kpm_files[suffix], operations))
    ctx = ServiceContext.open(store, CLI_ACTOR)
    try:
        before = fingerprint(store / STORE_FILE, STORE_TABLES)
        try:
            preview_import(ctx, path)
            apply_import(ctx, path)
        except EwarongError:
            assert fingerprint(store / STORE_FILE, STORE_TABLES) == before
    finally:
        ctx.close()
    assert check_store(store).ok


# --- bundles at the district ----------------------------------------------------------------

DISTRICT_TABLES = ("bundles", "beneficiaries", "products", "purchases", "redemptions")


@pytest.fixture(scope="module")
def bundle(store, tmp_path_factory) -> tuple[bytes, Path]:
    """A real bundle from the store and a district database that knows its key."""
    folder = tmp_path_factory.mktemp("district")
    data_dir = folder / "laptop"
    shutil.copytree(store, data_dir)
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        built = sync_export.export_bundle(ctx, folder)
        enrolment = sync_export.write_enrolment(ctx, folder)
        key = sync_export.key_info(ctx).key_id
    finally:
        ctx.close()
    db = folder / "district.sqlite"
    engine = open_engine(str(db))
    enrol(engine, enrolment, key)
    engine.dispose()
    return Sample(built.path.read_bytes()), db


@HOSTILE
@given(operations=edits)
def test_a_mutated_bundle_is_refused_cleanly_and_writes_nothing(
    bundle, tmp_path_factory, operations
):
    raw, db = bundle
    path = tmp_path_factory.getbasetemp() / "ewarong-LTM-SKP-01-e1-000001.ewb"
    mutated = mutate(raw, operations)
    path.write_bytes(mutated)
    before = fingerprint(db, DISTRICT_TABLES)
    engine = open_engine(str(db))
    try:
        outcome = Intake(engine, dry_run=False).one(path)
    finally:
        engine.dispose()
    if not outcome.accepted:
        assert isinstance(outcome.refusal, EwarongError)
        assert outcome.message("en") and outcome.message("id")
        assert fingerprint(db, DISTRICT_TABLES) == before


# --- backups to restore --------------------------------------------------------------------


@pytest.fixture(scope="module")
def restore_target(store, tmp_path_factory) -> tuple[bytes, Path]:
    folder = tmp_path_factory.mktemp("restore")
    data_dir = folder / "data"
    shutil.copytree(store, data_dir)
    made = backups.backup(data_dir)
    return Sample(made.path.read_bytes()), data_dir


@HOSTILE
@given(operations=edits)
def test_a_mutated_backup_is_restored_whole_or_refused_cleanly(
    restore_target, tmp_path_factory, operations
):
    raw, data_dir = restore_target
    path = tmp_path_factory.getbasetemp() / "hostile-backup.sqlite"
    path.write_bytes(mutate(raw, operations))
    before = (data_dir / STORE_FILE).read_bytes()
    try:
        backups.restore(data_dir, path, actor=CLI_ACTOR)
    except EwarongError:
        assert (data_dir / STORE_FILE).read_bytes() == before
        assert not list(data_dir.glob(".restore-*"))
    assert check_store(data_dir).ok
