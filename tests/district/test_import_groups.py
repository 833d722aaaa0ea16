"""An import writes its bundles in groups (one transaction, a savepoint per bundle): each
bundle is still all or nothing, no bundle is reported imported before the commit that holds
it, a crash loses only what was never reported, and importing again finishes the job."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError

from ewarong_desktop.district import intake as intake_module
from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.intake import Intake, Outcome
from ewarong_desktop.district.models import ReceivedBundle, RecordVersion, Redemption, Warong
from tests.district.conftest import enrol_laptop, save
from tests.sync.bundlekit import Laptop, month_tables


def _bundles(engine: Engine, tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        lap = Laptop(code=f"LTM-G{i:02d}")
        enrol_laptop(engine, lap, tmp_path / "enrol")
        paths.append(
            save(lap.export(month_tables("2024-01", kpm=2, base=10 * i)), tmp_path / "usb")
        )
    return paths


def _count(engine: Engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model)) or 0


def _imported_codes(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.scalars(select(ReceivedBundle.code)))


def test_a_failed_bundle_in_the_middle_of_a_group_leaves_the_others_imported(
    any_engine, tmp_path, monkeypatch
):
    paths = _bundles(any_engine, tmp_path, 5)
    real = intake_module.upsert_records
    calls = []

    def fails_after_writing(conn, name, code, *args):
        counts = real(conn, name, code, *args)  # rows written in this bundle's savepoint...
        calls.append((code, name))
        if code == "LTM-G02" and name == "redemptions":  # ...then the disk is full
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        return counts

    monkeypatch.setattr(intake_module, "upsert_records", fails_after_writing)
    told: list[Outcome] = []
    outcomes = Intake(any_engine, dry_run=False, group_bundles=100, group_seconds=600).run(
        paths, lambda done, total, outcome: told.append(outcome)
    )

    assert [o.status for o in outcomes] == ["imported"] * 2 + ["refused"] + ["imported"] * 2
    assert told == outcomes
    assert outcomes[2].refusal.reason == "write_failed"
    assert "database or disk is full" in outcomes[2].message("en")
    assert ("LTM-G02", "beneficiaries") in calls  # it did write before failing
    assert _imported_codes(any_engine) == {"LTM-G00", "LTM-G01", "LTM-G03", "LTM-G04"}
    with any_engine.connect() as conn:
        assert "LTM-G02" not in set(conn.scalars(select(RecordVersion.warong_code)))
        assert conn.scalar(select(Warong.last_seq).where(Warong.code == "LTM-G02")) == 0
    assert _count(any_engine, Redemption) == 4 * 2

    monkeypatch.setattr(intake_module, "upsert_records", real)
    again = Intake(any_engine, dry_run=False).run(paths)
    assert [o.status for o in again] == ["already"] * 2 + ["imported"] + ["already"] * 2


class PowerCut(BaseException):
    """Not an Exception: nothing in the import catches it, as nothing survives a power cut."""


def test_a_crash_between_groups_loses_only_what_was_never_reported(
    any_engine, tmp_path, monkeypatch
):
    paths = _bundles(any_engine, tmp_path, 8)
    real = Intake._write

    def cut_at_the_sixth(self, bundle, *args):
        if bundle.manifest.code == "LTM-G05":
            raise PowerCut
        return real(self, bundle, *args)

    monkeypatch.setattr(Intake, "_write", cut_at_the_sixth)
    told: list[Outcome] = []
    with pytest.raises(PowerCut):
        Intake(any_engine, dry_run=False, group_bundles=3, group_seconds=600).run(
            paths, lambda done, total, outcome: told.append(outcome)
        )

    # Groups of three: the first committed and was told; the fourth and fifth bundles were
    # written in the group the cut interrupted: never told, never kept.
    assert [(o.code, o.status) for o in told] == [
        ("LTM-G00", "imported"), ("LTM-G01", "imported"), ("LTM-G02", "imported"),
    ]  # fmt: skip
    assert _imported_codes(any_engine) == {"LTM-G00", "LTM-G01", "LTM-G02"}
    assert _count(any_engine, Redemption) == 3 * 2

    monkeypatch.setattr(Intake, "_write", real)
    again = Intake(any_engine, dry_run=False, group_bundles=3, group_seconds=600).run(paths)
    assert [o.status for o in again] == ["already"] * 3 + ["imported"] * 5
    assert _count(any_engine, Redemption) == 8 * 2


def test_a_failed_commit_refuses_every_bundle_of_its_group(engine, tmp_path, monkeypatch):
    paths = _bundles(engine, tmp_path, 5)
    real = intake_module._Group.commit
    commits = []

    def second_commit_fails(self):
        commits.append(1)
        if len(commits) == 2 and self.transaction is not None:
            self.transaction.rollback()
            self.transaction = None
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))
        real(self)

    monkeypatch.setattr(intake_module._Group, "commit", second_commit_fails)
    told: list[Outcome] = []
    outcomes = Intake(engine, dry_run=False, group_bundles=2, group_seconds=600).run(
        paths, lambda done, total, outcome: told.append(outcome)
    )

    assert told == outcomes
    assert [o.status for o in outcomes] == [
        "imported",
        "imported",
        "refused",
        "refused",
        "imported",
    ]
    for refused in outcomes[2:4]:
        assert refused.refusal.reason == "write_failed"
        assert "disk I/O error" in refused.message("en")
    assert _imported_codes(engine) == {"LTM-G00", "LTM-G01", "LTM-G04"}
    monkeypatch.setattr(intake_module._Group, "commit", real)
    again = Intake(engine, dry_run=False).run(paths)
    assert [o.status for o in again] == ["already", "already", "imported", "imported", "already"]


def test_a_database_error_while_reading_a_bundle_loses_none_of_its_group(
    any_engine, tmp_path, monkeypatch
):
    # PostgreSQL aborts the whole transaction on an error outside a savepoint, and COMMIT of
    # an aborted transaction rolls back without a word: the bundles before it in the group
    # were told "imported" and were not.
    paths = _bundles(any_engine, tmp_path, 5)
    real = Intake._chain

    def read_fails_for_the_third(self, code):
        if code == "LTM-G02":
            with self._reading() as conn:  # the database refuses a read (a lost table, a
                conn.exec_driver_sql("SELECT * FROM no_such_table")  # timeout...)
        return real(self, code)

    monkeypatch.setattr(Intake, "_chain", read_fails_for_the_third)
    told: list[Outcome] = []
    outcomes = Intake(any_engine, dry_run=False, group_bundles=100, group_seconds=600).run(
        paths, lambda done, total, outcome: told.append(outcome)
    )

    assert told == outcomes
    assert [o.status for o in outcomes] == ["imported"] * 2 + ["refused"] + ["imported"] * 2
    assert outcomes[2].refusal.reason == "unexpected"
    assert _imported_codes(any_engine) == {"LTM-G00", "LTM-G01", "LTM-G03", "LTM-G04"}
    assert _count(any_engine, Redemption) == 4 * 2

    monkeypatch.setattr(Intake, "_chain", real)
    again = Intake(any_engine, dry_run=False).run(paths)
    assert [o.status for o in again] == ["already"] * 2 + ["imported"] + ["already"] * 2


def test_what_an_import_reports_is_on_the_disk_before_it_is_said(tmp_path):
    # A group's commit is when its bundles are said to be imported; under WAL only
    # `synchronous=FULL` syncs that commit, so a power cut after it cannot undo it.
    engine = open_engine(str(tmp_path / "district.sqlite"))
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        engine.dispose()
