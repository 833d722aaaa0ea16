"""The audit log: who, when, what and the old values; editing, deleting or reordering is found."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from ewarong_desktop.services.context import CLI_ACTOR, Actor, ServiceContext
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.services.redemption import void_redemption
from ewarong_desktop.store.auditentry import unpack_changes
from ewarong_desktop.store.base import key_text
from ewarong_desktop.store.database import STORE_FILE
from ewarong_desktop.store.models import Redemption, WarongProfile
from ewarong_desktop.store.repositories.integrity import row_history
from tests.templates import demo_6x1


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    demo_6x1(data_dir)
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
            history = row_history(session, "redemptions", rid)
            row = session.get(Redemption, rid)
    finally:
        ctx.close()
    assert [h.kind for h in history] == ["create", "update"]
    entry = history[-1]
    assert (entry.actor, entry.action) == ("dewi", "void_redemption")
    # The old values are in the log, the new ones in the row the log's digest vouches for.
    assert entry.old is not None and entry.old["status"] == "completed"
    assert row is not None and (row.status, row.void_reason) == ("voided", "Salah input")
    assert abs((datetime.now(UTC).replace(tzinfo=None) - entry.at).total_seconds()) < 60
    assert check_store(data_dir).ok


def test_one_entry_per_business_action(data_dir):
    """A redemption writes many rows (header, lines, stock movements, lots): one entry."""
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (before,) = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    ctx = ServiceContext.open(data_dir, Actor("dewi", "admin"))
    try:
        with ctx.reading() as session:
            rid = session.scalars(select(Redemption.id).limit(1)).one()
        void_redemption(ctx, rid, "Salah input", "REV7")
    finally:
        ctx.close()
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (after,) = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    assert after == before + 1


def test_an_edited_audit_row_is_found(data_dir):
    raw(data_dir, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 3")
    assert problems(data_dir) == ["audit log: row 3 was altered"]


def test_an_audit_row_with_other_changes_is_found(data_dir):
    raw(data_dir, "UPDATE audit_log SET changes = (SELECT changes FROM audit_log WHERE seq = 4) "
        "WHERE seq = 5")  # fmt: skip
    assert "audit log: row 5 was altered" in problems(data_dir)


def test_a_deleted_audit_row_is_found(data_dir):
    raw(data_dir, "DELETE FROM audit_log WHERE seq = 4")
    assert problems(data_dir) == ["audit log: row 4 missing (next is 5)"]


@pytest.mark.parametrize("apart", [False, True], ids=["one process", "rows digested apart"])
def test_reordered_audit_rows_are_found(data_dir, apart, request):
    if apart:
        request.getfixturevalue("digested_apart")
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        conn.execute("UPDATE audit_log SET seq = -1 WHERE seq = 4")
        conn.execute("UPDATE audit_log SET seq = 4 WHERE seq = 5")
        conn.execute("UPDATE audit_log SET seq = 5 WHERE seq = -1")
    assert problems(data_dir) == ["audit log: row 4 was altered"]


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
    assert f"redemptions {key_text(rid)}: changed outside the app" in found
    assert f"redemption_lines {line_id}: changed outside the app" in found


def test_who_served_a_redemption_cannot_be_rewritten(data_dir):
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (rid,) = conn.execute("SELECT id FROM redemptions WHERE rowid = 1").fetchone()
        conn.execute("UPDATE redemptions SET operator_name = 'hantu' WHERE rowid = 1")
    assert f"redemptions {key_text(rid)}: changed outside the app" in problems(data_dir)


def test_a_row_deleted_behind_the_apps_back_is_found(data_dir):
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (mid,) = conn.execute(
            "SELECT id FROM stock_movements WHERE kind = 'adjustment' LIMIT 1"
        ).fetchone()
        conn.execute("DELETE FROM stock_movements WHERE id = ?", (mid,))
    assert f"stock_movements {mid}: deleted outside the app" in problems(data_dir)


def test_a_row_slipped_in_behind_the_apps_back_is_found(data_dir):
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        conn.execute(
            "INSERT INTO sources (id, kind, name, active, version, change_seq, updated_at) "
            "VALUES ('11111111-2222-3333-4444-555555555555', 'pemasok', 'Fiktif', 1, 1, 1, "
            "'2024-05-20 10:00:00.000000')"
        )
    assert "sources 11111111-2222-3333-4444-555555555555: not in the audit log" in problems(
        data_dir
    )


def test_setting_a_value_back_to_its_column_default_is_still_found(data_dir):
    """Defaults are left out of a digest; a value changed TO the default must still show."""
    ctx = ServiceContext.open(data_dir, Actor("dewi", "admin"))
    try:
        with ctx.transaction("receipt_width") as session:
            profile = session.scalars(select(WarongProfile)).one()
            profile.receipt_width = "58"
            pid = profile.id
    finally:
        ctx.close()
    assert check_store(data_dir).ok
    raw(data_dir, "UPDATE warong_profile SET receipt_width = '80'")
    assert problems(data_dir) == [f"warong_profile {pid}: changed outside the app"]


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


def test_a_total_that_no_longer_matches_its_lines_is_named(data_dir):
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        rid, total = conn.execute("SELECT id, total_rupiah FROM redemptions LIMIT 1").fetchone()
        conn.execute("UPDATE redemptions SET total_rupiah = 1 WHERE id = ?", (rid,))
    found = problems(data_dir)
    assert f"redemptions {key_text(rid)}: total 1 but lines add up to {total}" in found


def test_stock_that_no_longer_matches_a_redemption_line_is_named(data_dir):
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        line_id, quantity = conn.execute(
            "SELECT l.id, l.quantity_milli FROM redemption_lines l JOIN redemptions r "
            "ON r.id = l.redemption_id WHERE r.status = 'completed' LIMIT 1"
        ).fetchone()
        conn.execute(
            "UPDATE stock_movements SET quantity_milli = 0 WHERE redemption_line_id = ?",
            (line_id,),
        )
    found = problems(data_dir)
    assert f"redemption line {line_id}: stock moved 0, expected {-quantity}" in found


@pytest.fixture
def digested_apart(monkeypatch):
    """Every store is large enough for `check` to digest its rows in a second process."""
    from ewarong_desktop.services import integrity

    monkeypatch.setattr(integrity, "APART_FROM_BYTES", 0)


def test_rows_digested_in_a_second_process_still_show_every_edit(data_dir, digested_apart):
    clean = check_store(data_dir)
    assert clean.ok and clean.digested_apart
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (line_id,) = conn.execute("SELECT id FROM redemption_lines LIMIT 1").fetchone()
        conn.execute("UPDATE redemption_lines SET unit_price_rupiah = 1 WHERE id = ?", (line_id,))
        (mid,) = conn.execute(
            "SELECT id FROM stock_movements WHERE kind = 'adjustment' LIMIT 1"
        ).fetchone()
        conn.execute("DELETE FROM stock_movements WHERE id = ?", (mid,))
        conn.execute(
            "INSERT INTO sources (id, kind, name, active, version, change_seq, updated_at) "
            "VALUES ('11111111-2222-3333-4444-555555555555', 'pemasok', 'Fiktif', 1, 1, 1, "
            "'2024-05-20 10:00:00.000000')"
        )
    report = check_store(data_dir)
    assert report.digested_apart
    assert f"redemption_lines {line_id}: changed outside the app" in report.problems
    assert f"stock_movements {mid}: deleted outside the app" in report.problems
    assert "sources 11111111-2222-3333-4444-555555555555: not in the audit log" in report.problems


def test_digests_of_another_state_of_the_store_are_not_used(data_dir):
    """The second process read the file on its own: if the app wrote in between (another
    newest audit entry), its digests are set aside and the rows digested in the replay's
    snapshot, so a redemption saved meanwhile is no false alarm."""
    from concurrent.futures import Future

    from ewarong_desktop.services.integrity import _apart_digests
    from ewarong_desktop.store.rowdigest import FileDigests

    done: Future[FileDigests] = Future()
    key, digest = b"k" * 16, b"d" * 16
    done.set_result(FileDigests((7, b"h" * 32), {"sources": (key, digest, [])}))
    other: Future[FileDigests] = Future()
    other.set_result(FileDigests((7, b"h" * 32), {"operators": (key, digest, [])}))
    assert _apart_digests([done, other], (7, b"h" * 32)) == {
        "sources": (key, digest, []),
        "operators": (key, digest, []),
    }
    assert _apart_digests([done, other], (8, b"i" * 32)) is None
    late: Future[FileDigests] = Future()  # one of the two read a later state
    late.set_result(FileDigests((8, b"i" * 32), {"operators": (key, digest, [])}))
    assert _apart_digests([done, late], (7, b"h" * 32)) is None
    failed: Future[FileDigests] = Future()
    failed.set_exception(OSError("no process"))
    assert _apart_digests([done, failed], (7, b"h" * 32)) is None


def test_a_planted_trigger_is_found(data_dir):
    """A trigger put in from outside (a crafted backup restored, a hand edit) would run
    inside the app's own writes: the app's schema has none, so check names it."""
    raw(
        data_dir,
        "CREATE TRIGGER quietly AFTER INSERT ON redemptions BEGIN "
        "UPDATE redemptions SET total_rupiah = 0 WHERE id = new.id; END",
    )
    assert problems(data_dir) == ["trigger quietly: not made by the app (restore from a backup)"]


def test_a_lots_remaining_quantity_is_proved_by_the_ledger_not_the_audit_log(data_dir):
    """A redemption's entry no longer lists the lots it drew on (what is left of a lot is
    derived from the stock movements, 0010); an edit of it behind the app's back is still
    found, by the ledger, and named."""
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (changes,) = conn.execute(
            "SELECT changes FROM audit_log WHERE action = 'redeem' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        lot, remaining = conn.execute(
            "SELECT id, remaining_milli FROM purchase_lines WHERE remaining_milli > 0 LIMIT 1"
        ).fetchone()
        conn.execute(
            "UPDATE purchase_lines SET remaining_milli = remaining_milli + 5000 WHERE id = ?",
            (lot,),
        )
    tables = {c.table for c in unpack_changes(changes)}
    assert tables == {"redemptions", "redemption_lines", "stock_movements"}
    assert problems(data_dir) == [
        f"lot {key_text(lot)}: remaining {remaining + 5000} but ledger says {remaining}"
    ]


@pytest.mark.parametrize("apart", [False, True], ids=["one-process", "digested-apart"])
def test_a_movement_moved_to_another_line_is_found(data_dir, apart, request):
    """Redemption lines and stock movements are numbered by SQLite (0010): a movement handed
    to another line, the ledger still adding up, is an edit of the audited row."""
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        movement, line = conn.execute(
            "SELECT id, redemption_line_id FROM stock_movements "
            "WHERE redemption_line_id IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
        conn.execute(
            "UPDATE stock_movements SET redemption_line_id = ? WHERE id = ?", (line + 1, movement)
        )
    if apart:
        request.getfixturevalue("digested_apart")
    found = problems(data_dir)
    assert f"stock_movements {movement}: changed outside the app" in found


def test_a_baseline_entry_appended_by_hand_does_not_forget_a_deleted_row(data_dir):
    """Only the migration's own full baseline (the first of its name, which every store has
    from the start) lets `check` set aside what the log recorded before it: an entry of that
    name appended later, hash chain and all, still leaves a deleted row named."""
    from ewarong_desktop.store import auditentry, tracking
    from ewarong_desktop.store.database import Database

    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        assert conn.execute(
            "SELECT seq, action FROM audit_log ORDER BY seq LIMIT 1"
        ).fetchone() == (
            1,
            "migrate:0010",
        )
        (mid,) = conn.execute(
            "SELECT id FROM stock_movements WHERE kind = 'adjustment' LIMIT 1"
        ).fetchone()
        conn.execute("DELETE FROM stock_movements WHERE id = ?", (mid,))
    db = Database.open(data_dir)
    try:
        with db.engine.begin() as connection:
            raw_conn = connection.connection.driver_connection
            changes = [
                auditentry.Change(table, key if isinstance(key, int) else auditentry.key_str(key),
                                auditentry.BASELINE, digest)
                for table in tracking.audited_tables()
                for key, digest in tracking.digest_rows(raw_conn, table)
            ]  # fmt: skip
            tracking.write_entry(connection, "system", "migrate:0010", changes)
    finally:
        db.close()
    assert f"stock_movements {mid}: deleted outside the app" in problems(data_dir)


def test_a_crafted_entry_nested_too_deep_is_a_finding_not_a_crash(data_dir):
    """Someone with a shell appends an entry, hash chain and all, whose list of changes is
    nested a hundred thousand deep: `check` names the entry instead of a traceback."""
    import zlib

    from ewarong_desktop.store.auditentry import entry_hash

    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        seq, prev = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC").fetchone()
        blob = zlib.compress(b"[" * 100_000 + b"\n")
        at = "2024-05-20 10:00:00.123456"
        digest = entry_hash(prev, seq + 1, at.replace(" ", "T"), 0, "siti", "stock", blob)
        conn.execute(
            "INSERT INTO audit_log (seq, at, utc_offset_min, actor, action, changes, hash) "
            "VALUES (?, ?, 0, 'siti', 'stock', ?, ?)",
            (seq + 1, at, blob, digest),
        )
    assert problems(data_dir) == [f"audit log: row {seq + 1} was altered"]


@pytest.mark.parametrize("apart", [False, True], ids=["one-process", "digested-apart"])
def test_a_deleted_movement_stays_found_when_the_app_gives_its_number_again(
    data_dir, apart, request
):
    """The newest movement deleted behind the app's back (its lot set to agree with the
    ledger): SQLite gives the next movement the same number, and the app logs it as new.
    The log then names that number twice as created, which no honest store does."""
    from decimal import Decimal

    from ewarong_desktop.services import stock

    def adjust(change: str, reason: str) -> None:
        ctx = ServiceContext.open(data_dir, CLI_ACTOR)
        try:
            stock.adjust_stock(ctx, product, Decimal(change), reason)
        finally:
            ctx.close()

    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (raw_product,) = conn.execute(
            "SELECT product_id FROM purchase_lines WHERE remaining_milli > 5000 LIMIT 1"
        ).fetchone()
    product = key_text(raw_product)
    adjust("-2", "rusak")
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        number, quantity, lot = conn.execute(
            "SELECT id, quantity_milli, lot_id FROM stock_movements ORDER BY id DESC LIMIT 1"
        ).fetchone()
        conn.execute("DELETE FROM stock_movements WHERE id = ?", (number,))
        conn.execute(
            "UPDATE purchase_lines SET remaining_milli = remaining_milli - ? WHERE id = ?",
            (quantity, lot),
        )
    adjust("-1", "hilang")  # the app's next movement: SQLite hands out the same number
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        assert conn.execute("SELECT max(id) FROM stock_movements").fetchone() == (number,)
    if apart:
        request.getfixturevalue("digested_apart")
    assert problems(data_dir) == [
        f"stock_movements {number}: created twice (a row deleted outside the app, "
        "its number given again)"
    ]


def test_numbered_keys_compared_as_runs_only_when_they_spell_the_table_in_order():
    """`check` compares a numbered table's log with its rows as runs of numbers (an honest
    log names each row once, in order); any other log is left to the full comparison."""
    from array import array

    from ewarong_desktop.services.integrity import _same_in_row_order, _spelled
    from ewarong_desktop.store.auditentry import Runs

    def _runs_in_row_order(parts, digests, table):
        return _same_in_row_order(_spelled(parts), digests, table)

    digests = b"".join(bytes([n]) * 16 for n in (1, 2, 4))
    table = (array("q", [1, 2, 4]).tobytes(), digests, None)  # keys, digests, integers
    assert _runs_in_row_order([Runs([1, 2]), Runs([4, 1])], digests, table)
    assert _runs_in_row_order([Runs([1, 1]), Runs([2, 1, 4, 1])], digests, table)
    assert not _runs_in_row_order([Runs([1, 3])], digests, table)  # names 3, not 4
    assert not _runs_in_row_order([Runs([2, 1]), Runs([1, 1]), Runs([4, 1])], digests, table)
    assert not _runs_in_row_order([Runs([1, 2]), Runs([4, 1]), Runs([4, 1])], digests, table)
    assert not _runs_in_row_order([Runs([1, 2]), [4]], digests, table)  # not all runs
    assert not _runs_in_row_order([Runs([1, 2]), Runs([4, 1])], digests[:-1] + b"x", table)
    assert not _runs_in_row_order([Runs([2**63 - 1, 2])], digests, table)  # no such number


def test_a_kpm_over_the_entitlement_is_named_and_a_period_without_one(data_dir):
    """SQLite adds up each KPM's completed redemptions per period and hands back only those
    over the period's entitlement, or of a period the programme has no entitlement for."""
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        beneficiary, period, total = conn.execute(
            "SELECT beneficiary_id, period, total_rupiah FROM redemptions "
            "WHERE status = 'completed' ORDER BY total_rupiah DESC LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE entitlement_rates SET amount_rupiah = ?", (total - 1,))
    kpm = key_text(beneficiary)
    found = problems(data_dir)
    assert f"KPM {kpm}: {period} redeemed {total}, entitlement {total - 1}" in found
    spent = [int(p.split(" redeemed ")[1].split(",")[0]) for p in found if p.startswith("KPM ")]
    assert spent and min(spent) > total - 1  # only the KPM-periods over it
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        conn.execute("DELETE FROM entitlement_rates")
    found = problems(data_dir)
    assert f"KPM {kpm}: {period} redeemed {total}, entitlement None" in found


def _outcome(read, blob):
    try:
        return [
            (t, list(k) if isinstance(k, list) else k, type(k), n, d) for t, k, n, d in read(blob)
        ]
    except ValueError:
        return "refused"


def test_the_replay_reads_usual_entries_without_json_exactly_as_unpack_raw(monkeypatch):
    """`check` reads the usual entry's head by two regular expressions instead of the JSON
    parser: whatever it takes, it must read as `unpack_raw` does, and refuse what that
    refuses (each crafted head below is either read alike or left to `unpack_raw`)."""
    import zlib

    from ewarong_desktop.services.integrity import _sections
    from ewarong_desktop.store.auditentry import Change, pack_changes, unpack_raw

    def plain(blob):
        return [section[:4] for section in unpack_raw(blob, False)]

    key = "0b7d5b6e-1f53-4c6b-9d35-2d4c7d8a9e01"
    usual = pack_changes(
        [Change("redemptions", key, 0, b"r" * 16)]
        + [Change("redemption_lines", n, 0, bytes([n]) * 16) for n in (7, 8, 9)]
        + [Change("stock_movements", n, 0, bytes([n]) * 16) for n in (20, 21)]
    )
    tail = zlib.decompress(usual).split(b"\n", 1)[1]
    lines = b"".join(bytes([n]) * 16 for n in (7, 8, 9))
    heads = [
        b'[["redemptions",1,"0",{}],["redemption_lines",{"runs":[7,3]},"000",{}]]',
        b'[["products",0,"",{}]]',
        b"[]",
        b'[["redemption_lines",{"runs":[0,3]},"000",{}]]',
        b'[["redemption_lines",{"runs":[7,0]},"",{}]]',  # a run of no numbers
        b'[["redemption_lines",{"runs":[07,3]},"000",{}]]',  # no JSON number
        b'[["redemption_lines",{"runs":[-7,3]},"000",{}]]',  # negative: left to the parser
        b'[["redemption_lines",{"runs":[7,3]},"00",{}]]',  # kinds short
        b'[["redemption_lines",{"runs":[7,4]},"0000",{}]]',  # more numbers than digests
        b'[["redemption_lines",{"runs":[7,2]},"00",{}]]',  # bytes left over
        b'[["redemption_lines",{"runs":[7,3]},"000",{}],]',  # trailing comma
        b'[["redemption_lines",{"runs":[7,3]},"000",{}]',  # not closed
        b'[["redemption_lines",{"runs":[7,3]},"000",{}]["x",0,"",{}]]',  # no comma
        b'[["redemption_lines",{"runs":[7,1,9,2]},"000",{}]]',  # two runs
        b'[["redemption_lines",{"runs":[7,3]},"000",{"0":{"a":1}}]]',  # old values
        b'[["redemption_lines", {"runs":[7,3]},"000",{}]]',  # a space (JSON reads it)
        b'[["redemption_lines",{"runs":[99999999999999999999,3]},"000",{}]]',  # too long
        b'[["redemption_lines",3,"000",{}]]',  # keys as a count: 16 bytes each
    ]
    blobs = [usual, b"not zlib", zlib.compress(b"no newline")]
    blobs += [zlib.compress(head + b"\n" + body) for head in heads for body in (lines, lines * 2)]
    blobs.append(zlib.compress(b"[]\n" + tail))
    for blob in blobs:
        assert _outcome(_sections, blob) == _outcome(plain, blob), (
            zlib.decompress(blob)[:80] if blob != b"not zlib" else blob
        )
    # The usual entries are read without `unpack_raw` at all.
    import ewarong_desktop.services.integrity as integrity

    monkeypatch.setattr(integrity, "unpack_raw", None)
    for blob in (usual, zlib.compress(heads[0] + b"\n" + b"k" * 32 + lines)):
        assert _outcome(_sections, blob) == _outcome(plain, blob) != "refused"


def test_the_digesting_processes_are_let_go_as_soon_as_they_are_done():
    """`check` lets its digesting processes exit while it compares (they finish last),
    and is never left with one running or a thread waiting for them, whether they were
    done before or after it looked, or never started."""
    import threading
    from concurrent.futures import Future

    from ewarong_desktop.services.integrity import _Exits

    class Pool:
        def __init__(self) -> None:
            self.calls: list[tuple[str, bool]] = []

        def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
            self.calls.append((threading.current_thread().name, cancel_futures))

    for already_done in (0, 1, 2):
        pool = Pool()
        exits = _Exits(pool)  # type: ignore[arg-type]
        futures: list[Future[object]] = [Future(), Future()]
        for future in futures:
            future.add_done_callback(exits.one_done)
        for future in futures[:already_done]:
            future.set_result(None)
        exits.expect(2)
        for future in futures[already_done:]:
            future.set_result(None)
        assert exits.closer is not None
        exits.closer.join()
        assert pool.calls == [("check-digesters", False)]  # let go once, by the thread
        exits.close()
        assert pool.calls[-1] == (threading.current_thread().name, True)
    pool = Pool()
    exits = _Exits(pool)  # type: ignore[arg-type]
    never: Future[object] = Future()
    never.add_done_callback(exits.one_done)
    exits.expect(1)
    exits.close()  # the replay failed before the process was done
    never.set_result(None)
    assert exits.closer is None
    assert pool.calls == [(threading.current_thread().name, True)]


def _row_key(table: str, key: object) -> str:
    from ewarong_desktop.store.auditentry import key_str

    return key_str(key)  # type: ignore[arg-type]


@pytest.mark.parametrize("apart", [False, True], ids=["one-process", "digested-apart"])
def test_a_row_edited_deleted_or_added_behind_the_app_is_found_in_every_audited_table(
    data_dir, apart, request
):
    """Whichever audited table a row is changed in by hand (one column edited, a row
    deleted, a row copied under a new key), `check` names that row, whether it replays
    the log alone or with the rows digested in other processes (each kind of table: keyed
    by UUIDs, numbered by SQLite)."""
    from ewarong_desktop.store.tracking import audited_tables, derived_columns

    derived = derived_columns()
    expected: list[str] = []

    def kept_if_whole(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> bool:
        """Run `sql` unless it leaves a foreign key dangling or a unique value twice (then
        `check` stops at the schema, before the log: another test's business)."""
        conn.execute("SAVEPOINT tamper")
        try:
            conn.execute(sql, params)
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO tamper")
            return False
        whole = not conn.execute("PRAGMA foreign_key_check").fetchall()
        conn.execute("RELEASE tamper" if whole else "ROLLBACK TO tamper")
        return whole

    with sqlite3.connect(data_dir / STORE_FILE, isolation_level=None) as conn:
        for table in sorted(audited_tables()):
            rows = conn.execute(f'SELECT id FROM "{table}" ORDER BY rowid').fetchall()
            if len(rows) < 2:
                continue  # (no row to both edit and delete)
            edited = rows[0][0]
            linked = {row[3] for row in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
            values = conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (edited,))
            names = [d[0] for d in values.description]
            column = next(
                name
                for name, value in zip(names, values.fetchone(), strict=True)
                if isinstance(value, (int, str))
                and name != "id"
                and name not in linked
                and name not in derived.get(table, frozenset())
            )
            if kept_if_whole(
                conn,
                f'UPDATE "{table}" SET "{column}" = CASE typeof("{column}") '
                f"WHEN 'text' THEN \"{column}\" || 'x' ELSE \"{column}\" + 1 END "
                "WHERE id = ?",
                (edited,),
            ):
                expected.append(f"{table} {_row_key(table, edited)}: changed outside the app")
            copy = dict(
                zip(names, conn.execute(f'SELECT * FROM "{table}"').fetchone(), strict=True)
            )
            for (deleted,) in reversed(rows[1:]):
                if kept_if_whole(conn, f'DELETE FROM "{table}" WHERE id = ?', (deleted,)):
                    expected.append(f"{table} {_row_key(table, deleted)}: deleted outside the app")
                    break
            copy["id"] = 10**9 if isinstance(edited, int) else bytes(range(16))
            if kept_if_whole(
                conn,
                f'INSERT INTO "{table}" ({", ".join(copy)}) VALUES ({", ".join("?" * len(copy))})',
                tuple(copy.values()),
            ):
                expected.append(f"{table} {_row_key(table, copy['id'])}: not in the audit log")
    # Each kind of tampering in each kind of table (keyed by UUIDs, numbered by SQLite).
    kinds = {(p.split()[0], p.split(": ")[1]) for p in expected}
    for table in ("fund_entries", "stock_movements"):
        for kind in ("changed outside the app", "deleted outside the app", "not in the audit log"):
            assert (table, kind) in kinds
    if apart:
        request.getfixturevalue("digested_apart")
    report = check_store(data_dir)
    assert report.digested_apart == apart
    assert [p for p in expected if p not in report.problems] == []


def test_a_month_edited_by_hand_into_no_month_is_a_finding_not_the_end_of_check(data_dir):
    """A rate's month that the app would never have taken ('2024-05x', edited by hand)
    is said as unreadable data beside everything else `check` finds (here: the edited
    row), not as a refusal of `check` itself that hides the rest."""
    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (rate,) = conn.execute("SELECT id FROM entitlement_rates LIMIT 1").fetchone()
        conn.execute(
            "UPDATE entitlement_rates SET valid_from = valid_from || 'x' WHERE id = ?", (rate,)
        )
    found = problems(data_dir)
    assert f"entitlement_rates {key_text(rate)}: changed outside the app" in found
    assert any(
        p.startswith("The programme's rates or category rules in the store cannot be read")
        and "Month '" in p
        for p in found
    )


def test_crafted_heads_by_the_thousand_are_read_as_unpack_raw_reads_them():
    """The replay's regular expressions against `unpack_raw` on heads changed at random
    (a character replaced, added or taken out, from the characters JSON gives meaning to:
    digits, signs, exponents, quotes, escapes, spaces, brackets), each with the bytes that
    would fit it and a few more or less: read alike, or refused alike, every time."""
    import random
    import zlib

    from ewarong_desktop.services.integrity import _sections
    from ewarong_desktop.store.auditentry import unpack_raw

    def plain(blob):
        return [section[:4] for section in unpack_raw(blob, False)]

    heads = [
        b'[["redemptions",1,"0",{}],["redemption_lines",{"runs":[7,3]},"000",{}]]',
        b'[["stock_movements",{"runs":[20,2]},"00",{}],["purchase_lines",2,"11",{}]]',
    ]
    alphabet = b'0123456789-+.eE"\\u ,:[]{}nNaItrufl\x00\xff\n'
    rng = random.Random(15)
    seen = {"read": 0, "refused": 0}
    for _ in range(4000):
        head = bytearray(rng.choice(heads))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(head) + 1)
            change = rng.randrange(3)
            if change == 0 and at < len(head):
                head[at] = rng.choice(alphabet)
            elif change == 1:
                head[at:at] = bytes([rng.choice(alphabet)])
            elif at < len(head):
                del head[at]
        body = bytes(rng.randrange(256) for _ in range(16 * rng.choice((5, 6, 7, 8))))
        blob = zlib.compress(bytes(head) + b"\n" + body)
        outcome = _outcome(_sections, blob)
        assert outcome == _outcome(plain, blob), bytes(head)
        seen["refused" if outcome == "refused" else "read"] += 1
    assert min(seen.values()) > 200  # both outcomes were tried often


def test_a_digesting_process_that_died_or_handed_over_too_little_never_hides_an_edit(data_dir):
    """`check` uses the other processes' digests only when every one of them handed over
    the state it replayed: a process that died, or digests without some table, leave
    those rows to be digested here, and an edit in them is still named."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from ewarong_desktop.services import integrity
    from ewarong_desktop.store import rowdigest
    from ewarong_desktop.store.database import Database

    with sqlite3.connect(data_dir / STORE_FILE) as conn:
        (movement,) = conn.execute("SELECT max(id) FROM stock_movements").fetchone()
        conn.execute("UPDATE stock_movements SET note = 'x' WHERE id = ?", (movement,))
        (redemption,) = conn.execute("SELECT id FROM redemptions LIMIT 1").fetchone()
        conn.execute("UPDATE redemptions SET total_rupiah = 1 WHERE id = ?", (redemption,))
    edits = [
        f"stock_movements {movement}: changed outside the app",
        f"redemptions {key_text(redemption)}: changed outside the app",
    ]
    db = Database.open(data_dir)
    try:
        whole = rowdigest.digest_file(str(db.path), integrity._plans(db))

        def handed(result: object) -> Future[object]:
            future: Future[object] = Future()
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)
            return future

        without_edited = rowdigest.FileDigests(
            whole.newest,
            {t: d for t, d in whole.tables.items() if t not in ("stock_movements", "redemptions")},
        )
        for apart, used in (
            ([handed(whole)], True),  # the honest case: the digests show the edits themselves
            ([handed(whole), handed(BrokenProcessPool("a digesting process died"))], False),
            ([handed(without_edited)], True),
        ):
            report = integrity._checked(
                db,
                lambda session, part, apart=apart: integrity._check_audit(session, part, apart),  # type: ignore[misc]
            )
            assert [e for e in edits if e not in report.problems] == []
            assert report.digested_apart == used
    finally:
        db.close()
