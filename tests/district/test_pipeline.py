"""Reading bundles ahead in a second process (`district/pipeline.py`): the same outcomes, the
same records and flags as reading them in the importing process, what is written is what was
verified, and a worker that dies is reported, never waited for."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select

from ewarong_desktop.district import pipeline
from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.intake import Intake
from ewarong_desktop.district.models import Beneficiary, Flag, RecordVersion, Redemption
from tests.district.conftest import enrol_laptop, save
from tests.sync.bundlekit import (
    Laptop,
    edit_manifest,
    entries,
    month_tables,
    replace_data,
    replace_entry,
)


def _folder(engines: list[Engine], tmp_path: Path) -> list[Path]:
    """Four e-warongs x three months, enrolled in each of `engines`, with on the stick: a
    data byte changed under an unchanged manifest (B's seq 2, so its seq 3 comes after a gap),
    a record id another e-warong owns (C's first), a manifest signed by another key (D's
    seq 2)."""
    usb = tmp_path / "usb"
    laps = [Laptop(code=f"LTM-P{i}") for i in range(4)]
    for lap in laps:
        for engine in engines:
            enrol_laptop(engine, lap, tmp_path / "enrol")
    paths = []
    first_a = None
    for lap in laps:
        for n, month in enumerate(("2024-01", "2024-02", "2024-03"), start=1):
            tables = month_tables(month, kpm=3, base=10 * n)
            if lap.code == "LTM-P0" and n == 1:
                first_a = tables
            if lap.code == "LTM-P2" and n == 1:
                assert first_a is not None
                tables["products"][0]["id"] = first_a["products"][0]["id"]
            built = lap.export(tables)
            data = built.data
            if lap.code == "LTM-P1" and n == 2:
                raw = dict(entries(data))["data/redemptions.jsonl"]
                data = replace_entry(data, "data/redemptions.jsonl", raw.replace(b"10", b"11", 1))
            if lap.code == "LTM-P3" and n == 2:
                data = edit_manifest(data, Ed25519PrivateKey.generate())
            if lap.code == "LTM-P0" and n == 3:
                # Valid strict JSON, but not the writer's own form: read the careful way.
                raw = dict(entries(data))["data/redemptions.jsonl"]
                spaced = b"".join(
                    json.dumps(json.loads(x), separators=(", ", ": ")).encode() + b"\n"
                    for x in raw.splitlines()
                )
                data = replace_data(data, lap.key, "redemptions", spaced)
            paths.append(save(built, usb, data))
    return paths


def _held(engine: Engine) -> tuple[list[tuple], list[tuple]]:
    with engine.connect() as conn:
        versions = conn.execute(
            select(
                RecordVersion.warong_code, RecordVersion.table_name, RecordVersion.record_id,
                RecordVersion.version, RecordVersion.record,
            ).order_by(RecordVersion.record_id, RecordVersion.version)
        ).all()  # fmt: skip
        rows = conn.execute(
            select(
                Redemption.id, Redemption.beneficiary_id, Redemption.period,
                Redemption.total_rupiah, Redemption.status, Redemption.unmatched,
                Redemption.content_sha256,
            ).order_by(Redemption.id)
        ).all()  # fmt: skip
        flags = conn.execute(
            select(Flag.kind, Flag.code, Flag.record_id).order_by(
                Flag.kind, Flag.code, Flag.record_id
            )
        ).all()
    return [tuple(v) for v in versions] + [tuple(r) for r in rows], [tuple(f) for f in flags]


@pytest.mark.parametrize("dry_run", [False, True])
def test_reading_ahead_gives_the_same_outcomes_records_and_flags(
    any_engine, migrated_template, tmp_path, dry_run
):
    here = tmp_path / "in-process.sqlite"
    shutil.copyfile(migrated_template, here)
    in_process = open_engine(str(here))
    paths = _folder([any_engine, in_process], tmp_path)

    expected = Intake(in_process, dry_run=dry_run, read_ahead=False).run(paths)
    got = Intake(any_engine, dry_run=dry_run, read_ahead=True).run(paths)

    assert [o.message("en") for o in got] == [o.message("en") for o in expected]
    refused = {(o.code, o.seq, o.refusal.reason) for o in got if o.refusal is not None}
    assert refused == {
        ("LTM-P1", 2, "sha256_mismatch"),
        ("LTM-P1", 3, "gap"),
        ("LTM-P2", 1, "foreign_id"),
        ("LTM-P2", 2, "gap"),
        ("LTM-P2", 3, "gap"),
        ("", 0, "bad_signature"),
        ("LTM-P3", 3, "gap"),
    }
    assert sum(o.accepted for o in got) == 5
    assert _held(any_engine) == _held(in_process)
    in_process.dispose()


def test_a_bundle_changed_on_disk_after_it_was_verified_is_written_as_verified(
    engine, tmp_path, monkeypatch
):
    laps = [Laptop(code=f"LTM-T{i}") for i in range(3)]
    originals, swaps, paths = {}, {}, []
    for lap in laps:
        enrol_laptop(engine, lap, tmp_path / "enrol")
        tables = month_tables("2024-01", kpm=2)
        originals[lap.code] = {b["name"] for b in tables["beneficiaries"]}
        # Another bundle the same laptop could sign for the same seq, other names.
        twin = Laptop(code=lap.code, key=lap.key)
        other = month_tables("2024-01", kpm=2, base=50)
        for b in other["beneficiaries"]:
            b["name"] = "DITUKAR " + b["name"]
        swaps[lap.code] = twin.export(other).data
        paths.append(save(lap.export(tables), tmp_path / "usb"))
    taken = pipeline.Pipeline.take

    def take_then_swap(self, index):
        verified = taken(self, index)
        assert verified is not None  # the worker read and checked this file...
        # ...and now, before it is written, someone copies another bundle over it.
        path = next(p for p in paths if p.name.startswith(f"ewarong-{verified.manifest.code}-"))
        path.write_bytes(swaps[verified.manifest.code])
        return verified

    monkeypatch.setattr(pipeline.Pipeline, "take", take_then_swap)
    outcomes = Intake(engine, dry_run=False, read_ahead=True).run(paths)

    assert [o.status for o in outcomes] == ["imported"] * 3
    with engine.connect() as conn:
        names = set(conn.scalars(select(Beneficiary.name)))
    assert names == set().union(*originals.values())


def _single_bundles(engine: Engine, tmp_path: Path, count: int, prefix: str = "W") -> list[Path]:
    paths = []
    for i in range(count):
        lap = Laptop(code=f"LTM-{prefix}{i:02d}")
        enrol_laptop(engine, lap, tmp_path / "enrol")
        paths.append(save(lap.export(month_tables("2024-01", kpm=2)), tmp_path / "usb"))
    return paths


def test_a_worker_that_dies_is_reported_and_the_rest_imported(engine, tmp_path, monkeypatch):
    paths = _single_bundles(engine, tmp_path, 10)
    started = pipeline.Pipeline.__init__

    def start_then_kill(self, *args):
        started(self, *args)
        for child in multiprocessing.active_children():
            child.kill()  # the worker, before it could read anything
            child.join()

    monkeypatch.setattr(pipeline.Pipeline, "__init__", start_then_kill)
    # A spawned worker takes a good part of a second to start: killed before it reads.
    monkeypatch.setattr(pipeline, "_context", lambda: multiprocessing.get_context("spawn"))
    outcomes = Intake(engine, dry_run=False, read_ahead=True).run(paths)

    assert [o.status for o in outcomes] == ["refused"] + ["imported"] * 9
    stopped = outcomes[0].refusal
    assert stopped is not None and stopped.reason == "worker_stopped"
    assert "the process checking bundles stopped unexpectedly" in outcomes[0].message("en")
    assert "nothing was changed" in outcomes[0].message("en")
    assert "import this file again" in outcomes[0].message("en")
    # Importing again finishes the job.
    monkeypatch.setattr(pipeline.Pipeline, "__init__", started)
    again = Intake(engine, dry_run=False, read_ahead=True).run(paths)
    assert sorted(o.status for o in again) == ["already"] * 9 + ["imported"]


def test_big_bundles_and_short_runs_are_read_in_the_importing_process(
    engine, tmp_path, monkeypatch
):
    started = []
    monkeypatch.setattr(pipeline, "Pipeline", lambda *a: started.append(a) or None)
    paths = _single_bundles(engine, tmp_path, pipeline.MIN_BUNDLES - 1)
    assert {o.status for o in Intake(engine, dry_run=True).run(paths)} == {"ok"}
    assert started == []
    monkeypatch.setattr(pipeline, "KEEP_PARSED_BYTES", 100)
    more = _single_bundles(engine, tmp_path / "more", pipeline.MIN_BUNDLES + 1, "X")
    assert {o.status for o in Intake(engine, dry_run=True).run(more)} == {"ok"}
    assert started == []


class _NoProcesses:
    """A start method whose processes cannot start (no memory, a process limit)."""

    def __init__(self) -> None:
        self._real = multiprocessing.get_context("spawn")

    def __getattr__(self, name: str):
        return getattr(self._real, name)

    def Process(self, *args, **kwargs):  # multiprocessing's name
        raise OSError(11, "Resource temporarily unavailable")


def test_no_worker_to_be_had_means_everything_is_read_here(engine, tmp_path, monkeypatch):
    paths = _single_bundles(engine, tmp_path, 9, "N")
    monkeypatch.setattr(pipeline, "_context", _NoProcesses)
    outcomes = Intake(engine, dry_run=False, read_ahead=True).run(paths)
    assert [o.status for o in outcomes] == ["imported"] * 9
