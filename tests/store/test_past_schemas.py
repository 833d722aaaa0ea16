"""Every released schema opens: a store kept from each revision upgrades and stays whole.

`tests/fixtures/stores/<revision>/ewarong.sqlite` is a small demo store as that revision
wrote it. When a migration is added, keep the previous head's store here (make it with
`ewarong-desktop demo --kpm 5 --months 2` on the old code) so its upgrade path stays tested.
"""

import json
import shutil
import zlib
from contextlib import closing
from pathlib import Path

import pytest

from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.store.migrate import SCHEMA_HEAD
from ewarong_desktop.store.tracking import unpack_changes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "stores"
REVISIONS = sorted(p.name for p in FIXTURES.iterdir() if (p / "ewarong.sqlite").is_file())


def test_there_is_a_fixture_store_for_the_first_revision() -> None:
    assert "0001" in REVISIONS


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_store_from_each_released_revision_upgrades_and_passes_check(
    tmp_path: Path, revision: str
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / revision / "ewarong.sqlite", data_dir / "ewarong.sqlite")
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)  # migrates to head
    try:
        assert ctx.db.schema_revision() == SCHEMA_HEAD
        assert len(beneficiaries.list_all(ctx)) == 5  # the data came through
    finally:
        ctx.close()
    report = check_store(data_dir)
    assert report.ok, report.problems


def test_a_column_a_migration_added_is_still_guarded_by_check(tmp_path: Path) -> None:
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / "0001" / "ewarong.sqlite", data_dir / "ewarong.sqlite")
    ServiceContext.open(data_dir, CLI_ACTOR).close()  # upgrade: receipt_width gets "80"
    assert check_store(data_dir).ok
    with sqlite3.connect(data_dir / "ewarong.sqlite") as conn:
        conn.execute("UPDATE warong_profile SET receipt_width = '58'")  # behind the app's back
    problems = check_store(data_dir).problems
    assert len(problems) == 1 and "warong_profile" in problems[0]
    assert "changed outside the app" in problems[0]


def _per_row_audit_log(revision: str) -> bool:
    """Whether that revision's store still has the per-row audit log 0007 archives."""
    import sqlite3

    with closing(sqlite3.connect(FIXTURES / revision / "ewarong.sqlite")) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(audit_log)")}
    return "entity_id" in columns


@pytest.mark.parametrize("revision", [r for r in REVISIONS if _per_row_audit_log(r)])
def test_the_old_audit_log_stays_verifiable_after_the_upgrade(
    tmp_path: Path, revision: str
) -> None:
    """0007 archives the per-row log; every old entry is still checked, and anchors the new."""
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / revision / "ewarong.sqlite", data_dir / "ewarong.sqlite")
    with sqlite3.connect(data_dir / "ewarong.sqlite") as conn:
        (old_rows,) = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    ServiceContext.open(data_dir, CLI_ACTOR).close()
    report = check_store(data_dir)
    assert report.ok and report.facts["audit_archived_rows"] == old_rows
    with sqlite3.connect(data_dir / "ewarong.sqlite") as conn:
        # The first new entry follows the last old one; its hash starts from the old head.
        assert conn.execute("SELECT min(seq) FROM audit_log").fetchone() == (old_rows + 1,)
        blob = conn.execute("SELECT entries FROM audit_archive WHERE chunk = 1").fetchone()[0]
        rows = json.loads(zlib.decompress(blob))
        rows[1][3] = "admin"  # one old row's actor, re-written
        edited = zlib.compress(json.dumps(rows).encode())
        conn.execute("UPDATE audit_archive SET entries = ? WHERE chunk = 1", (edited,))
    assert check_store(data_dir).problems == ["audit archive: row 2 was altered"]


def test_the_listed_flag_a_migration_added_is_guarded_by_check(tmp_path: Path) -> None:
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / "0003" / "ewarong.sqlite", data_dir / "ewarong.sqlite")
    ServiceContext.open(data_dir, CLI_ACTOR).close()  # upgrade: every KPM listed
    assert check_store(data_dir).ok
    with sqlite3.connect(data_dir / "ewarong.sqlite") as conn:
        conn.execute("UPDATE beneficiaries SET listed = 0")  # behind the app's back
    problems = check_store(data_dir).problems
    assert problems and all(
        p.startswith("beneficiaries ") and "changed outside the app" in p for p in problems
    )


KEY_COLUMNS = {  # (0010 numbered redemption lines and stock movements: see below)
    "redemptions": ("id", "beneficiary_id"),
    "redemption_lines": ("redemption_id", "product_id"),
    "stock_movements": ("product_id",),
    "beneficiaries": ("id",),
}


def test_keys_become_16_bytes_and_the_audit_chain_goes_on(tmp_path: Path) -> None:
    """0009 stores every key as its UUID's 16 bytes: the app reads the same ids, every past
    audit entry stays as it was, a baseline entry chained on them covers every row, and an
    edit behind the app's back is still found."""
    import sqlite3

    from ewarong_desktop.store.base import key_text

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = data_dir / "ewarong.sqlite"
    shutil.copy(FIXTURES / "0005" / "ewarong.sqlite", store)
    with closing(sqlite3.connect(store)) as conn:
        ids_before = {r[0] for r in conn.execute("SELECT id FROM redemptions")}
        audit_before = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq").fetchall()
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    ctx.close()
    assert check_store(data_dir).ok
    with closing(sqlite3.connect(store)) as conn:
        for table, columns in KEY_COLUMNS.items():
            for column in columns:
                kinds = conn.execute(
                    f"SELECT DISTINCT typeof({column}), length({column}) FROM {table}"
                ).fetchall()
                assert kinds == [("blob", 16)], (table, column, kinds)
        ids_after = {key_text(r[0]) for r in conn.execute("SELECT id FROM redemptions")}
        audit_after = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq").fetchall()
        assert ids_after == ids_before
        assert audit_after[: len(audit_before)] == audit_before  # nothing re-written
        (action, changes), (later, _) = conn.execute(
            "SELECT action, changes FROM audit_log WHERE seq > ?", (audit_before[-1][0],)
        ).fetchall()
        assert (action, later) == ("migrate:0009", "migrate:0010")
        baseline = {(c.table, c.row_id) for c in unpack_changes(changes)}
        assert ("redemptions", next(iter(ids_before))) in baseline
        # Hand one KPM's redemption to another, behind the app's back.
        rid, other = conn.execute(
            "SELECT r.id, b.id FROM redemptions r JOIN beneficiaries b "
            "ON b.id != r.beneficiary_id LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE redemptions SET beneficiary_id = ? WHERE id = ?", (other, rid))
        conn.commit()
    assert f"redemptions {key_text(rid)}: changed outside the app" in check_store(data_dir).problems
