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
from ewarong_desktop.store.auditentry import unpack_changes
from ewarong_desktop.store.migrate import SCHEMA_HEAD

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


_MOVED = """
SELECT r.id, l.line_no, m.kind, m.quantity_milli, m.lot_id FROM stock_movements m
JOIN redemption_lines l ON l.id = m.redemption_line_id JOIN redemptions r ON r.id = l.redemption_id
ORDER BY 1, 2, 3, 4, 5
"""


def test_lines_and_movements_get_numbers_and_the_log_before_stays_verified(
    tmp_path: Path,
) -> None:
    """0010 numbers redemption lines and stock movements: every movement still belongs to
    the same line of the same redemption, every past entry stays as it was (and an edit of
    one is still found), and a full baseline chained on them covers the rows."""
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = data_dir / "ewarong.sqlite"
    shutil.copy(FIXTURES / "0009" / "ewarong.sqlite", store)
    with closing(sqlite3.connect(store)) as conn:
        moved_before = conn.execute(_MOVED).fetchall()
        counts_before = [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()
            for t in ("redemption_lines", "stock_movements")
        ]
        audit_before = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq").fetchall()
    ServiceContext.open(data_dir, CLI_ACTOR).close()
    assert check_store(data_dir).ok
    with closing(sqlite3.connect(store)) as conn:
        assert conn.execute(_MOVED).fetchall() == moved_before
        assert [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()
            for t in ("redemption_lines", "stock_movements")
        ] == counts_before
        for table in ("redemption_lines", "stock_movements"):
            kinds = conn.execute(f"SELECT DISTINCT typeof(id) FROM {table}").fetchall()
            assert kinds == [("integer",)]
            # The primary key is the rowid: no index of its own.
            assert not conn.execute(
                "SELECT name FROM sqlite_master WHERE tbl_name = ? AND name LIKE 'sqlite_auto%'",
                (table,),
            ).fetchall()
        audit_after = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq").fetchall()
        assert audit_after[: len(audit_before)] == audit_before
        ((action, changes),) = conn.execute(
            "SELECT action, changes FROM audit_log WHERE seq > ?", (audit_before[-1][0],)
        ).fetchall()
        assert action == "migrate:0010"
        baseline = {c.table for c in unpack_changes(changes)}
        assert {"redemptions", "redemption_lines", "stock_movements", "purchase_lines"} <= baseline
        # An old entry, behind the baseline, edited: the chain still catches it.
        conn.execute("UPDATE audit_log SET actor = 'admin' WHERE seq = 3")
        conn.commit()
    assert check_store(data_dir).problems == ["audit log: row 3 was altered"]


def test_after_0010_edits_deletions_and_extra_rows_are_found(tmp_path: Path) -> None:
    """Numbered rows are as guarded as the others: an edit, a deletion and a row slipped in
    behind the app's back are each named by their number."""
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = data_dir / "ewarong.sqlite"
    shutil.copy(FIXTURES / "0009" / "ewarong.sqlite", store)
    ServiceContext.open(data_dir, CLI_ACTOR).close()
    with closing(sqlite3.connect(store)) as conn:
        conn.execute("UPDATE redemption_lines SET unit_price_rupiah = 1 WHERE id = 2")
        conn.execute("DELETE FROM stock_movements WHERE id = 3")
        (last,) = conn.execute("SELECT max(id) FROM stock_movements").fetchone()
        conn.execute(
            "INSERT INTO stock_movements SELECT product_id, kind, quantity_milli, lot_id, "
            "redemption_line_id, reason, note, movement_date, operator_name, created_at, NULL "
            "FROM stock_movements WHERE kind = 'adjustment' LIMIT 1"
        )
        conn.commit()
    found = check_store(data_dir).problems
    assert "redemption_lines 2: changed outside the app" in found
    assert "stock_movements 3: deleted outside the app" in found
    assert f"stock_movements {last + 1}: not in the audit log" in found


def test_what_check_found_before_the_0010_upgrade_it_still_finds_after(tmp_path: Path) -> None:
    """The full baseline must not launder the store: rows edited, deleted or slipped in
    behind the app's back while it was at 0009 (which `check` then named) are still named
    after the upgrade, a renumbered line by its new number, a deleted movement by its UUID."""
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = data_dir / "ewarong.sqlite"
    shutil.copy(FIXTURES / "0009" / "ewarong.sqlite", store)
    with closing(sqlite3.connect(store)) as conn:
        kpm, line_no, redemption = conn.execute(
            "SELECT b.id, l.line_no, l.redemption_id FROM redemption_lines AS l "
            "JOIN redemptions AS r ON r.id = l.redemption_id "
            "JOIN beneficiaries AS b ON b.id = r.beneficiary_id ORDER BY l.rowid LIMIT 1"
        ).fetchone()
        gone, quantity, lot = conn.execute(
            "SELECT id, quantity_milli, lot_id FROM stock_movements "
            "WHERE kind = 'adjustment' ORDER BY rowid LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE beneficiaries SET name = 'Hantu' WHERE id = ?", (kpm,))
        conn.execute(
            "UPDATE redemption_lines SET unit_price_rupiah = unit_price_rupiah + 1 "
            "WHERE redemption_id = ? AND line_no = ?",
            (redemption, line_no),
        )
        # The movement goes, and its lot is set to agree with the ledger without it.
        conn.execute("DELETE FROM stock_movements WHERE id = ?", (gone,))
        conn.execute(
            "UPDATE purchase_lines SET remaining_milli = remaining_milli - ? WHERE id = ?",
            (quantity, lot),
        )
        conn.execute(  # a movement slipped in, the last in rowid order
            "INSERT INTO stock_movements SELECT product_id, kind, quantity_milli, NULL, "
            "redemption_line_id, reason, note, movement_date, operator_name, created_at, "
            "randomblob(16) FROM stock_movements WHERE kind = 'adjustment' LIMIT 1"
        )
        conn.commit()
    ServiceContext.open(data_dir, CLI_ACTOR).close()  # upgrades to 0010
    with closing(sqlite3.connect(store)) as conn:
        (number,) = conn.execute(
            "SELECT id FROM redemption_lines WHERE redemption_id = ? AND line_no = ?",
            (redemption, line_no),
        ).fetchone()
        (slipped_in,) = conn.execute("SELECT max(id) FROM stock_movements").fetchone()
    from ewarong_desktop.store.base import key_text

    found = check_store(data_dir).problems
    assert f"beneficiaries {key_text(kpm)}: changed outside the app" in found
    assert f"redemption_lines {number}: changed outside the app" in found
    assert f"stock_movements {key_text(gone)}: deleted outside the app" in found
    assert f"stock_movements {slipped_in}: not in the audit log" in found
