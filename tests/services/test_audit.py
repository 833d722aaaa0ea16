"""The audit log: who, when, what, old and new; editing or deleting any past row is found."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from ewarong_desktop.services.context import CLI_ACTOR, Actor, ServiceContext
from ewarong_desktop.services.demo import build_demo
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.services.redemption import void_redemption
from ewarong_desktop.store.database import STORE_FILE
from ewarong_desktop.store.models import AuditEntry, Redemption


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    build_demo(data_dir, kpm=6, months=1, today=datetime(2024, 5, 20, 10))
    return data_dir


@pytest.fixture
def data_dir(template, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template, target)
    assert check_store(target).ok
    return target


def raw(data_dir: Path, sql: str, *params: object) -> None:
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        conn.execute(sql, params)


def problems(data_dir: Path) -> list[str]:
    return check_store(data_dir).problems


def test_a_change_records_who_when_what_old_and_new(data_dir):
    ctx = ServiceContext.open(data_dir, Actor("dewi", "admin"))
    try:
        with ctx.reading() as session:
            rid = session.scalars(select(Redemption.id).limit(1)).one()
        void_redemption(ctx, rid, "Salah input", "REV7")
        with ctx.reading() as session:
            entry = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == "redemptions", AuditEntry.entity_id == rid)
                .order_by(AuditEntry.seq.desc())
            ).first()
    finally:
        ctx.close()
    assert entry is not None
    assert (entry.actor, entry.action) == ("dewi", "void_redemption:update")
    old, new = json.loads(entry.old_values), json.loads(entry.new_values)
    assert (old["status"], new["status"]) == ("completed", "voided")
    assert new["void_reason"] == "Salah input"
    assert abs((datetime.now(UTC).replace(tzinfo=None) - entry.at).total_seconds()) < 60
    assert check_store(data_dir).ok


def test_an_edited_audit_row_is_found(data_dir):
    raw(data_dir, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 7")
    assert problems(data_dir) == ["audit log: row 7 was altered"]


def test_an_audit_row_with_edited_values_is_found(data_dir):
    raw(data_dir, "UPDATE audit_log SET new_values = replace(new_values, '1', '2') WHERE seq = 40")
    assert "audit log: row 40 was altered" in problems(data_dir)


def test_a_deleted_audit_row_is_found(data_dir):
    raw(data_dir, "DELETE FROM audit_log WHERE seq = 12")
    assert problems(data_dir) == ["audit log: row 12 missing (next is 13)"]


def test_deleting_the_newest_audit_rows_is_found(data_dir):
    raw(data_dir, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)")
    found = problems(data_dir)
    assert found and all("outside the app" in p or "not in the audit log" in p for p in found)


def test_an_edited_redemption_is_found_even_when_the_sums_still_add_up(data_dir):
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        rid, line_id = conn.execute(
            "SELECT r.id, l.id FROM redemptions r JOIN redemption_lines l "
            "ON l.redemption_id = r.id WHERE l.line_no = 1 LIMIT 1"
        ).fetchone()
        # A quieter edit than most: line and header changed together, ledger untouched.
        conn.execute(
            "UPDATE redemption_lines SET total_rupiah = total_rupiah - 1000 WHERE id = ?",
            (line_id,),
        )
        conn.execute(
            "UPDATE redemptions SET total_rupiah = total_rupiah - 1000 WHERE id = ?", (rid,)
        )
    found = problems(data_dir)
    assert f"redemptions {rid}: changed outside the app (total_rupiah)" in found
    assert f"redemption_lines {line_id}: changed outside the app (total_rupiah)" in found


def test_who_served_a_redemption_cannot_be_rewritten(data_dir):
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        conn.execute("UPDATE redemptions SET operator_name = 'hantu' WHERE rowid = 1")
    assert any("changed outside the app (operator_name)" in p for p in problems(data_dir))


def test_records_are_never_deleted_through_the_app(data_dir):
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        with pytest.raises(RuntimeError, match="never deleted"):  # noqa: SIM117
            with ctx.transaction("delete") as session:
                session.delete(session.scalars(select(Redemption).limit(1)).one())
    finally:
        ctx.close()
    assert check_store(data_dir).ok


def test_text_that_is_not_utf8_is_a_finding_not_a_crash(data_dir):
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        conn.execute("UPDATE beneficiaries SET name = CAST(x'4b50ff4d' AS TEXT) WHERE rowid = 1")
    assert any("unreadable data" in p for p in problems(data_dir))
