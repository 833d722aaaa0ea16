"""The optional `fund_entries` table and `purchases.source_tax_id` (BUNDLE_SPEC "Optional
tables and fields"): written by the shop, read back, and a bundle without them still reads."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from ewarong_desktop.services import fund, sync_export
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.demo import build_demo
from ewarong_desktop.sync.reader import (
    BundleRefused,
    open_envelope_bytes,
    read_data,
    verify_manifest,
)
from ewarong_desktop.sync.records import RecordProblem, check_record
from tests.services.test_sync_export import Ring, read_back
from tests.sync.bundlekit import (
    KeyRingStub,
    Laptop,
    edit_manifest,
    entries,
    manifest_of,
    month_tables,
    new_id,
    replace_entry,
)

TODAY = datetime(2024, 5, 20, 10, 0)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    build_demo(data_dir, kpm=6, months=3, today=TODAY)
    return data_dir


@pytest.fixture
def ctx(template, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    context = ServiceContext.open(data_dir, CLI_ACTOR)
    context.clock = lambda: TODAY
    yield context
    context.close()


def test_fund_entries_and_tax_ids_travel_and_read_back(ctx, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    first = read_back(ctx, sync_export.export_bundle(ctx, usb).path)
    entries = first.tables["fund_entries"]
    led = fund.ledger(ctx)
    assert len(entries) == len(led.entries) == 6
    by_id = {e["id"]: e for e in entries}
    for view in led.entries:
        record = by_id[view.id]
        assert (record["date"], record["kind"], record["stage"], record["amount_rupiah"]) == (
            view.date.isoformat(), view.kind, view.stage, view.amount_rupiah
        )  # fmt: skip
        assert record["purpose"] == view.purpose and record["reference"] == view.reference
    assert first.manifest.summary["fund"] == {
        "tranche_rupiah": led.received_rupiah,
        "use_rupiah": led.used_rupiah,
    }
    taxed = {p["source_name"]: p["source_tax_id"] for p in first.tables["purchases"]
             if p["source_tax_id"]}  # fmt: skip
    assert taxed == {"CV Sumber Pangan": "012345678901000"}
    # The first month's purchases were made before the number was typed: null, not rewritten.
    assert any(
        p["source_name"] == "CV Sumber Pangan" and p["source_tax_id"] is None
        for p in first.tables["purchases"]
    )
    # A void travels as a new version of the same record, in the next incremental bundle.
    fund.void_entry(ctx, led.entries[-1].id, "salah catat")
    second = read_back(ctx, sync_export.export_bundle(ctx, usb).path)
    (voided,) = second.tables["fund_entries"]
    assert (voided["id"], voided["version"], voided["status"]) == (
        led.entries[-1].id, 2, "voided"
    )  # fmt: skip
    assert second.manifest.summary["fund"] == {"tranche_rupiah": 0, "use_rupiah": 0}


def test_a_bundle_without_the_optional_table_and_field_still_reads() -> None:
    laptop = Laptop()
    tables = month_tables("2024-05")
    assert "source_tax_id" not in tables["purchases"][0]
    built = laptop.export(tables)
    assert "fund" not in manifest_of(built.data)["summary"]
    assert "data/fund_entries.jsonl" not in [f.path for f in built.manifest.files]
    envelope = open_envelope_bytes(built.data, "old.ewb")
    bundle = read_data(envelope, verify_manifest(envelope, KeyRingStub(laptop)))
    assert "fund_entries" not in bundle.tables
    assert len(bundle.tables["purchases"]) == 2


def fund_record(**changes):
    record = {
        "id": new_id(), "version": 1, "updated_at": "2024-05-01T08:00:00Z",
        "date": "2024-05-02", "kind": "tranche", "stage": 1, "amount_rupiah": 10_000_000,
        "purpose": None, "purchase_id": None, "reference": "B-1", "note": "", "status": "completed",
        "void_reason": None,
    }  # fmt: skip
    record.update(changes)
    return record


def test_the_summary_fund_part_is_checked_when_present_and_may_be_left_out() -> None:
    laptop = Laptop()
    tables = month_tables("2024-05")
    tables["fund_entries"] = [fund_record()]
    built = laptop.export(tables)
    assert manifest_of(built.data)["summary"]["fund"] == {
        "tranche_rupiah": 10_000_000,
        "use_rupiah": 0,
    }
    ring = KeyRingStub(laptop)
    # Another writer may leave the "fund" part out of the summary: still accepted.
    summary = manifest_of(built.data)["summary"]
    del summary["fund"]
    without = edit_manifest(built.data, laptop.key, summary=summary)
    envelope = open_envelope_bytes(without, "b.ewb")
    assert len(read_data(envelope, verify_manifest(envelope, ring)).tables["fund_entries"]) == 1
    # A "fund" part that does not add up is refused (rule 3).
    summary["fund"] = {"tranche_rupiah": 20_000_000, "use_rupiah": 0}
    wrong = edit_manifest(built.data, laptop.key, summary=summary)
    envelope = open_envelope_bytes(wrong, "c.ewb")
    with pytest.raises(BundleRefused) as refused:
        read_data(envelope, verify_manifest(envelope, ring))
    assert refused.value.reason == "summary_mismatch"


@pytest.mark.parametrize(
    "changes",
    [
        {"purpose": "peralatan"},  # a tranche has no purpose
        {"stage": None},  # ...and needs its stage
        {"kind": "use", "stage": None, "purpose": "jalan-jalan"},
        {"kind": "use", "stage": 2, "purpose": "peralatan"},
        {"amount_rupiah": 0},
        {"amount_rupiah": -5},
        {"date": "2024-02-30"},
        {"purchase_id": "not-a-uuid"},
        {"note": None},
        {"status": "deleted"},
    ],
)
def test_a_malformed_fund_record_is_refused(changes) -> None:
    with pytest.raises(RecordProblem):
        check_record("fund_entries", fund_record(**changes))
    record = fund_record()
    del record["purpose"]
    with pytest.raises(RecordProblem):
        check_record("fund_entries", record)


@pytest.mark.parametrize("tax_id", ["01.234.567.8-901.000", 12345, ""])
def test_a_tax_id_that_is_not_digits_is_refused(tax_id) -> None:
    record = month_tables("2024-05")["purchases"][1]
    check_record("purchases", {**record, "source_tax_id": None})
    check_record("purchases", {**record, "source_tax_id": "012345678901000"})
    with pytest.raises(RecordProblem):
        check_record("purchases", {**record, "source_tax_id": tax_id})


def test_a_changed_fund_amount_is_refused(ctx, tmp_path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    data = sync_export.export_bundle(ctx, usb).path.read_bytes()
    original = dict(entries(data))["data/fund_entries.jsonl"]
    first, rest = original.split(b"\n", 1)
    record = json.loads(first)
    record["amount_rupiah"] = 1  # a crafted file: the fund spent was "Rp1"
    changed = json.dumps(record, separators=(",", ":"), sort_keys=True).encode() + b"\n" + rest
    envelope = open_envelope_bytes(replace_entry(data, "data/fund_entries.jsonl", changed), "x")
    with pytest.raises(BundleRefused) as refused:
        read_data(envelope, verify_manifest(envelope, Ring(ctx)))
    assert refused.value.rule == 3
