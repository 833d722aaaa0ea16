"""`check`: is this store whole? SQLite's own check, migrations, the ledger, the audit chain."""

from __future__ import annotations

import json
import multiprocessing
import re
import sys
import threading
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import InvalidInput, StoredValueUnreadable
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services.programme import load_programme
from ewarong_desktop.store import rowdigest
from ewarong_desktop.store.auditentry import (
    FULL_BASELINES,
    GENESIS_HASH,
    Runs,
    entry_hash,
    key_str,
    legacy_entry_hash,
    unpack_raw,
)
from ewarong_desktop.store.database import Database, StoreDamaged
from ewarong_desktop.store.files import UNREADABLE
from ewarong_desktop.store.logical import collector_paused
from ewarong_desktop.store.migrate import SCHEMA_HEAD
from ewarong_desktop.store.models import (
    Purchase,
    PurchaseLine,
    Redemption,
    RedemptionLine,
)
from ewarong_desktop.store.repositories import integrity as reading
from ewarong_desktop.store.tracking import (
    audited_tables,
    digest_plan,
    numbered_tables,
    table_layout,
)


class Finding(str):
    """One problem `check` found: the English text (what logs and tests compare) that also
    carries its Indonesian twin, for the operator reading it in their language."""

    id_text: str

    def __new__(cls, en_text: str, id_text: str) -> Finding:
        made = super().__new__(cls, en_text)
        made.id_text = id_text
        return made

    def text(self, lang: str = "id") -> str:
        return str(self) if lang == "en" else self.id_text


def said(problem: str, lang: str = "id") -> str:
    return problem.text(lang) if isinstance(problem, Finding) else problem


# What each fact counts, in the operator's words.
FACT_LABELS = {
    "audit_archived_rows": ("baris log audit diarsipkan", "audit log rows archived"),
    "audit_rows": ("baris log audit", "audit log rows"),
    "lots": ("lot stok", "stock lots"),
    "products_with_stock": ("barang dengan catatan stok", "products with stock records"),
    "purchases": ("pembelian", "purchases"),
    "redemptions": ("transaksi", "redemptions"),
}


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    # The rows were digested by a second process beside the replay of the audit log.
    digested_apart: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(data_dir: Path) -> CheckReport:
    """Open without migrating (an unapplied migration is itself a finding) and check all.

    Damage is a finding, never a crash: an emptied file, a file that is no store, a page
    SQLite cannot read are each reported as "damaged: restore from backup".
    """
    report = CheckReport()
    try:
        db = Database.open(data_dir, migrate=False)
    except StoreDamaged as exc:
        report.problems.append(Finding(exc.en_text, exc.id_text))
        return report
    try:
        # SQLite's own check of every page and index runs on a second connection in a thread
        # of its own (SQLite lets go of Python's lock while it works), beside the pass over
        # the ledger and the audit: on a large store they take about as long. Its findings
        # come first, and alone: what the other pass makes of a damaged file is noise.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pages = pool.submit(_page_problems, db)
            contents = CheckReport()
            try:
                _check_contents(db, contents)
            except UNREADABLE as exc:
                damaged = StoreDamaged(db.path, str(exc))
                contents.problems.append(Finding(damaged.en_text, damaged.id_text))
            report.problems += pages.result()
        if not report.problems:
            report.problems += contents.problems
            report.facts.update(contents.facts)
            report.digested_apart = contents.digested_apart
        return report
    finally:
        db.close()


def _page_problems(db: Database) -> list[str]:
    try:
        return [Finding(p, f"SQLite menemukan kerusakan: {p}") for p in db.integrity_problems()]
    except UNREADABLE as exc:
        damaged = StoreDamaged(db.path, str(exc))
        return [Finding(damaged.en_text, damaged.id_text)]


def _check_contents(db: Database, report: CheckReport) -> None:
    # SCHEMA_HEAD, not Alembic's own reading of the scripts: importing Alembic is a second.
    revision, head = db.schema_revision(), SCHEMA_HEAD
    if revision != head:
        report.problems.append(
            Finding(
                f"schema at revision {revision}, expected {head}",
                f"skema di revisi {revision}, seharusnya {head}",
            )
        )
        return
    # Three at once, on a large store: a second process digests every audited row (Python
    # work, so it needs an interpreter of its own), the ledger and the totals are SQLite's
    # work (off Python's lock) on a connection of their own, and this thread replays the
    # audit log, then compares.
    with _digesting_apart(db) as apart, ThreadPoolExecutor(max_workers=1) as pool:
        sums = pool.submit(_checked, db, _check_schema, _check_ledger, _check_amounts)
        audit = _checked(db, lambda session, part: _check_audit(session, part, apart))
        first = sums.result()
    for part in (first, audit):
        report.problems += part.problems
        report.facts.update(part.facts)
    report.digested_apart = audit.digested_apart


# From this size on (about half a year of a 1,000-KPM shop) `check` digests the rows
# in second processes; below it, starting them costs more than it saves.
APART_FROM_BYTES = 16 * 2**20
# Processes digesting beside the replay: the tables split between two by their rows, so
# neither waits for the other (two cores: 6.1 -> 4.x s on the five-year demo store).
DIGESTERS = 2

Apart = list[Future[rowdigest.FileDigests]]


@contextmanager
def _digesting_apart(db: Database) -> Iterator[Apart | None]:
    if db.path.stat().st_size < APART_FROM_BYTES:
        yield None
        return
    try:
        shares = _shares(_plans(db), _row_counts(db), DIGESTERS)
        pool = ProcessPoolExecutor(
            max_workers=len(shares), mp_context=multiprocessing.get_context("spawn")
        )
    except Exception:  # no second process: this one digests, as below the size
        yield None
        return
    exits = _Exits(pool)
    try:
        with _main_script_left_alone():
            futures = [pool.submit(rowdigest.digest_file, str(db.path), s) for s in shares]
        for future in futures:
            future.add_done_callback(exits.one_done)
        exits.expect(len(futures))
        yield futures
    finally:
        exits.close()


class _Exits:
    """Once every digesting process has handed its rows over, they are let go (their exit
    took 0.08 s on the five-year store) in a thread of their own while the replay compares,
    instead of after it: the processes finish last, so whatever follows them is added to
    the wall time. `close` (always) waits for that, or lets them go itself."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool
        self.lock = threading.Lock()
        self.left: int | None = None  # futures not done yet, once all are submitted
        self.done = 0
        self.closed = False
        self.closer: threading.Thread | None = None

    def expect(self, count: int) -> None:
        with self.lock:
            self.left = count - self.done
            self._maybe_let_go()

    def one_done(self, _future: Future[Any]) -> None:
        with self.lock:
            self.done += 1
            if self.left is not None:
                self.left -= 1
            self._maybe_let_go()

    def _maybe_let_go(self) -> None:
        if self.left == 0 and not self.closed and self.closer is None:
            self.closer = threading.Thread(target=self.pool.shutdown, name="check-digesters")
            self.closer.start()

    def close(self) -> None:
        with self.lock:
            self.closed = True
            closer = self.closer
        if closer is not None:
            closer.join()
        self.pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _main_script_left_alone() -> Iterator[None]:
    """While the digesting processes start: `spawn` runs the parent's main script again in
    each child (to find the functions it defines), but `rowdigest` needs nothing of it. The
    bench's script or the command line's took a child 0.4 s of CPU importing SQLAlchemy and
    the services before it digested a row. Without a file or a module name for `__main__`,
    `spawn` leaves it alone (as for an interactive session). Not in the frozen app, whose
    children stop at `freeze_support` before any import."""
    main = sys.modules.get("__main__")
    if main is None or getattr(sys, "frozen", False):
        yield
        return
    saved: dict[str, Any] = {
        k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__
    }
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def _row_counts(db: Database) -> dict[str, int]:
    raw = db.engine.raw_connection()
    try:
        counts = {}
        for table in audited_tables():
            try:
                cursor = raw.cursor()
                (counts[table],) = cursor.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            except Exception:  # a table gone: the replay names it
                counts[table] = 0
        return counts
    finally:
        raw.close()


def _shares(
    plans: list[rowdigest.Plan], counts: dict[str, int], ways: int
) -> list[list[rowdigest.Plan]]:
    """The plans in `ways` shares of about as many rows each (the largest tables first,
    each to the share with the fewest rows so far); no empty share."""
    shares: list[list[rowdigest.Plan]] = [[] for _ in range(ways)]
    rows = [0] * ways
    for plan in sorted(plans, key=lambda p: -counts.get(p.table, 0)):
        least = rows.index(min(rows))
        shares[least].append(plan)
        rows[least] += counts.get(plan.table, 0)
    return [share for share in shares if share]


def _plans(db: Database) -> list[rowdigest.Plan]:
    """How to digest every audited table that stands in the file with an `id` column."""
    raw = db.engine.raw_connection()
    try:
        plans = []
        for table in audited_tables():
            layout = table_layout(raw.driver_connection, table)
            if "id" in layout:
                plans.append(digest_plan(table, layout))
        return plans
    finally:
        raw.close()


Digested = tuple[bytes, bytes, list[tuple[Any, bytes]] | None]


def _apart_digests(
    apart: Apart | None, newest: tuple[int, bytes] | None
) -> dict[str, Digested] | None:
    """The other processes' digests, when each read the very state the replay read (the
    same newest audit entry: every write of the app writes one); None to digest here."""
    if apart is None:
        return None
    tables: dict[str, Digested] = {}
    for future in apart:
        try:
            found = future.result()
        except Exception:
            return None
        if found.newest != newest:
            return None  # the store changed in between (the app wrote): digest here
        tables.update(found.tables)
    return tables


def _as_dict(digested: Digested) -> dict[Any, bytes]:
    keys, digests, odd = digested
    if odd is None:  # integer keys
        numbers = array("q")
        numbers.frombytes(keys)
        return dict(zip(numbers, cut16(digests), strict=True))
    current: dict[Any, bytes] = dict(zip(cut16(keys), cut16(digests), strict=True))
    current.update(odd)
    return current


def _in_row_order(recorded: list[Any], recorded_digests: bytes, digested: Digested) -> bool:
    """Whether a numbered table's log, read in order, names each row once and in rowid order
    with the digest it has now (the usual case: rows are added with rising numbers and never
    changed): then the two agree without a dict of either side."""
    keys, digests, odd = digested
    if odd is not None or recorded_digests != digests:
        return False
    numbers = array("q")
    numbers.frombytes(keys)
    return recorded == numbers.tolist()


def _checked(db: Database, *checks: Callable[[Session, CheckReport], None]) -> CheckReport:
    """Run `checks` in one read snapshot; what the file's state makes of them is a finding."""
    report = CheckReport()
    try:
        with db.reading() as session:
            for check in checks:
                check(session, report)
    except StoreDamaged as exc:
        report.problems.append(Finding(exc.en_text, exc.id_text))
    except reading.UNREADABLE as exc:
        # Text that is not UTF-8, a date that is not a date: edited outside the app.
        report.problems.append(
            Finding(
                f"unreadable data (edited outside the app?): {exc}",
                f"data tidak terbaca (diubah di luar aplikasi?): {exc}",
            )
        )
    except StoredValueUnreadable as exc:
        # A stored value the app checks on its way in and would never have taken (a rate's
        # month '2024-05x'): edited outside the app. A finding beside the others, not the
        # end of `check` with a message that hides what the replay would have named.
        report.problems.append(Finding(exc.en_text, exc.id_text))
    except InvalidInput as exc:  # the same, from a value read without a named reader
        report.problems.append(
            Finding(
                f"unreadable data (edited outside the app?): {exc.en_text}",
                f"data tidak terbaca (diubah di luar aplikasi?): {exc.id_text}",
            )
        )
    return report


def _check_schema(session: Session, report: CheckReport) -> None:
    for kind, name in reading.triggers_and_views(session):
        report.problems.append(
            Finding(
                f"{kind} {name}: not made by the app (restore from a backup)",
                f"{kind} {name}: bukan buatan aplikasi (pulihkan dari cadangan)",
            )
        )


def _check_ledger(session: Session, report: CheckReport) -> None:
    found = reading.ledger_findings(session)
    for lot, remaining, moved in found.lots:
        lot_id = key_str(lot)
        report.problems.append(
            Finding(
                f"lot {lot_id}: remaining {remaining} but ledger says {moved}",
                f"lot {lot_id}: sisa {remaining} tetapi buku stok {moved}",
            )
        )
    for product, level in found.negative:
        report.problems.append(
            Finding(
                f"product {key_str(product)}: stock below zero ({level})",
                f"barang {key_str(product)}: stok di bawah nol ({level})",
            )
        )
    for line, moved, expected in found.lines:
        line_id = key_str(line)
        report.problems.append(
            Finding(
                f"redemption line {line_id}: stock moved {moved}, expected {expected}",
                f"baris transaksi {line_id}: stok berpindah {moved}, seharusnya {expected}",
            )
        )
    report.facts["lots"] = found.lots_moved
    report.facts["products_with_stock"] = found.products_moved


_TABLE_WORDS = {"redemptions": "transaksi", "purchases": "pembelian"}


def _check_amounts(session: Session, report: CheckReport) -> None:
    pairs = (
        (Redemption, RedemptionLine.redemption_id, RedemptionLine.total_rupiah),
        (Purchase, PurchaseLine.purchase_id, PurchaseLine.total_rupiah),
    )
    for model, key, line_total in pairs:
        count, wrong = reading.header_total_mismatches(session, model, key, line_total)
        for row_id, total, lines in wrong:
            what = _TABLE_WORDS.get(model.__tablename__, model.__tablename__)
            if lines is None:
                report.problems.append(
                    Finding(
                        f"{model.__tablename__} {row_id}: no lines", f"{what} {row_id}: tanpa baris"
                    )
                )
            else:
                report.problems.append(
                    Finding(
                        f"{model.__tablename__} {row_id}: total {total} "
                        f"but lines add up to {lines}",
                        f"{what} {row_id}: total {total} tetapi jumlah barisnya {lines}",
                    )
                )
        report.facts[model.__tablename__] = count
    programme = load_programme(session)
    # The entitlement of each period (a few dozen) here; SQLite adds up each KPM's periods
    # and hands back only those over it (five years: 60,000 groups, 0.35 s of Python less).
    periods = reading.completed_periods(session)
    rates = {period: programme.rate(Period.parse(period)) for period in periods}
    for beneficiary_id, period, spent, rate in reading.overspent(session, rates):
        report.problems.append(
            Finding(
                f"KPM {beneficiary_id}: {period} redeemed {spent}, entitlement {rate}",
                f"KPM {beneficiary_id}: {period} ditebus {spent}, hak {rate}",
            )
        )


def _check_archive(session: Session, report: CheckReport) -> tuple[int, str] | None:
    """Replay the old per-row chain a store kept before 0007; its head anchors the new one."""
    prev, expected_seq = GENESIS_HASH, 1
    for _chunk, first, last, head, blob in reading.archived_chunks(session):
        if first != expected_seq:
            report.problems.append(
                Finding(
                    f"audit archive: row {expected_seq} missing (next is {first})",
                    f"arsip log audit: baris {expected_seq} hilang (berikutnya {first})",
                )
            )
            return None
        try:
            rows = json.loads(zlib.decompress(blob))
        except (zlib.error, ValueError):
            report.problems.append(
                Finding(
                    f"audit archive: rows {first}-{last} unreadable",
                    f"arsip log audit: baris {first}-{last} tidak terbaca",
                )
            )
            return None
        for row in rows if isinstance(rows, list) else [None]:
            if not isinstance(row, list) or len(row) != 11:
                report.problems.append(
                    Finding(
                        f"audit archive: rows {first}-{last} unreadable",
                        f"arsip log audit: baris {first}-{last} tidak terbaca",
                    )
                )
                return None
            seq, at, _offset, actor, action, entity, entity_id, old, new, prev_hash, digest = row
            expected = legacy_entry_hash(prev, seq, at, actor, action, entity, entity_id, old, new)
            if seq != expected_seq:
                report.problems.append(
                    Finding(
                        f"audit archive: row {expected_seq} missing",
                        f"arsip log audit: baris {expected_seq} hilang",
                    )
                )
                return None
            if prev_hash != prev or digest != expected:
                report.problems.append(
                    Finding(
                        f"audit archive: row {seq} was altered",
                        f"arsip log audit: baris {seq} telah diubah",
                    )
                )
                return None
            prev, expected_seq = digest, expected_seq + 1
        if expected_seq - 1 != last or prev != head:
            report.problems.append(
                Finding(
                    f"audit archive: rows {first}-{last} were altered",
                    f"arsip log audit: baris {first}-{last} telah diubah",
                )
            )
            return None
    report.facts["audit_archived_rows"] = expected_seq - 1
    return expected_seq, prev


# An entry's head as the app writes it (`auditentry.pack_changes`), in the usual case: no old
# values, each table's keys a count of 16-byte keys or one run of numbers, the kinds digits.
# Read by two regular expressions instead of `json.loads` and a check of each part: on a
# five-year log (62,000 entries) 0.6 s of the replay's 1.3 s was parsing heads. The numbers
# are spelled as JSON spells them (no leading zero) and short enough for an int64, so what
# the expressions take, `json.loads` reads as the same values.
_NUMBER = rb"(0|[1-9][0-9]{0,17})"
_SECTION = (
    rb'\["([a-z_][a-z_0-9]*)",(?:' + _NUMBER + rb'|\{"runs":\[' + _NUMBER + rb"," + _NUMBER
    + rb'\]\}),"([0-9]*)",\{\}\]'
)  # fmt: skip
_USUAL_SECTION = re.compile(_SECTION)
_USUAL_HEAD = re.compile(
    rb"\[(?:" + re.sub(rb"\((?!\?)", b"(?:", _SECTION) + rb"(?:,(?=\[)|(?=\]$)))*\]"
)


DIGEST = rowdigest.DIGEST_SIZE


def _sections(blob: bytes) -> list[tuple[str, bytes | list[Any], str, bytes]]:
    """(table, keys, kinds, digests) of one entry, as `unpack_raw(blob, False)` gives them
    (raises ValueError where it does): an entry of the usual shape read without the JSON
    parser, anything else by `unpack_raw` itself."""
    usual = _usual_sections(blob)
    if usual is None:
        return [section[:4] for section in unpack_raw(blob, False)]
    return usual


def _usual_sections(blob: bytes) -> list[tuple[str, bytes | list[Any], str, bytes]] | None:
    """`_sections` of an entry of the usual shape whose bytes add up; None for any other."""
    try:
        data = zlib.decompress(blob)
    except zlib.error:
        return None
    cut = data.find(b"\n")
    if cut < 0 or not _USUAL_HEAD.fullmatch(data, 0, cut):
        return None
    found: list[tuple[str, bytes | list[Any], str, bytes]] = []
    pos = cut + 1
    for table, count, first, run, kinds in _USUAL_SECTION.findall(data, 0, cut):
        keys: bytes | list[Any]
        if count:
            n = int(count)
            keys = data[pos : pos + n * DIGEST]
            pos += n * DIGEST
            if len(keys) != n * DIGEST:
                return None
        else:
            n = int(run)
            keys = Runs([int(first), n])
        digests = data[pos : pos + n * DIGEST]
        pos += n * DIGEST
        if len(kinds) != n or len(digests) != n * DIGEST or (not count and n < 1):
            return None
        found.append((table.decode(), keys, kinds.decode(), digests))
    return found if pos == len(data) else None


def cut16(data: bytes) -> list[bytes]:
    return [data[i : i + 16] for i in range(0, len(data), 16)]


def _same_in_row_order(spelled: bytes | None, digests: bytes, digested: Digested) -> bool:
    """Whether the table's rows (`digested`) are the numbers `spelled` (`_spelled`), in
    that order, with the digests the log recorded: `_in_row_order` for a numbered table
    whose every section holds its numbers as runs (an honest log: one run or a few),
    without a list of its numbers."""
    keys, found, odd = digested
    return spelled is not None and odd is None and digests == found and spelled == keys


def _spelled(parts: list[bytes | list[Any]]) -> bytes | None:
    """A numbered table's numbers as the log names them, in order, as int64 (the rows'
    keys as `rowdigest` hands them over), when every section holds them as runs that join
    into a few (the honest log); None otherwise (the plain comparison)."""
    if not all(isinstance(p, Runs) for p in parts):
        return None
    merged: list[int] = []  # first, count, first, count...
    for part in parts:
        for first, count in zip(part[0::2], part[1::2], strict=True):
            if merged and merged[-2] + merged[-1] == first:
                merged[-1] += count
            else:
                merged += [first, count]
        if len(merged) > 20_000:  # not the honest case: leave it to the plain comparison
            return None
    spelled = array("q")
    for first, count in zip(merged[0::2], merged[1::2], strict=True):
        if first < -(2**63) or first + count > 2**63:  # no number an int64 key can hold
            return None
        spelled.extend(range(first, first + count))
    return spelled.tobytes()


def _run_together(parts: list[bytes | list[Any]]) -> list[Any]:
    """The keys of a table's sections, in order: byte runs joined and cut at once
    (`Runs` spelled out)."""
    found: list[Any] = []
    for is_run, group in groupby(parts, key=lambda part: isinstance(part, bytes)):
        if is_run:
            found += cut16(b"".join(part for part in group if isinstance(part, bytes)))
        else:
            for listed in group:
                if isinstance(listed, Runs):
                    found += listed.numbers()
                elif not isinstance(listed, bytes):
                    found += listed
    return found


def _created_again(keys: list[Any], kinds: str) -> list[Any]:
    """The keys of a `Numbered` table the log records as created after it had already
    recorded them: a number SQLite gave again once its row was deleted behind the app's back
    (the app never deletes these rows, so an honest log creates each number once)."""
    seen: set[Any] = set()
    again: list[Any] = []
    for key, kind in zip(keys, kinds, strict=False):  # (the same length: `unpack_raw`)
        if kind == "0" and key in seen:
            again.append(key)
        seen.add(key)
    return again


def _check_audit(session: Session, report: CheckReport, apart: Apart | None = None) -> None:
    """The chain must be unbroken, and every audited row must hold what it last recorded."""
    with collector_paused():  # keeps 190,000 lists and tuples, none in a cycle
        _replay(session, report, apart)


def _replay(session: Session, report: CheckReport, apart: Apart | None) -> None:
    anchor = _check_archive(session, report)
    if anchor is None:
        return
    expected_seq, prev_hex = anchor
    prev = bytes.fromhex(prev_hex)
    # Per table, every key and digest the log recorded, oldest first, run together: one
    # dict at the end keeps each key's latest digest (later keys overwrite earlier ones).
    # (A key list only in entries from before 0009, when keys were text.)
    # An entry that records every audited row (FULL_BASELINES: a migration's) supersedes
    # all the log recorded before it: the entries before it are hashed into the chain
    # (still verified) but not unpacked, which on a five-year store was half of `check`.
    # Only the first entry of each such action counts: the migration writes it in every
    # store (an empty one in a new store), so one appended later by hand cannot make the
    # log forget a row deleted behind the app's back.
    baselines: set[str] = set()
    keys: dict[str, list[bytes | list[Any]]] = defaultdict(list)
    digests: dict[str, list[bytes]] = defaultdict(list)
    kinds: dict[str, list[str]] = defaultdict(list)  # per table, one digit per key
    pending: list[tuple[int, bytes]] = []
    entries = 0
    for seq, at, offset, actor, action, changes, stored in reading.audit_chain(session):
        if seq != expected_seq:
            report.problems.append(
                Finding(
                    f"audit log: row {expected_seq} missing (next is {seq})",
                    f"log audit: baris {expected_seq} hilang (berikutnya {seq})",
                )
            )
            return
        digest = entry_hash(prev, seq, at, offset, actor, action, changes)
        if stored != digest:
            report.problems.append(
                Finding(f"audit log: row {seq} was altered", f"log audit: baris {seq} telah diubah")
            )
            return
        if action in FULL_BASELINES and action not in baselines:
            baselines.add(action)
            pending.clear()
        pending.append((seq, changes))
        prev, expected_seq, entries = digest, expected_seq + 1, entries + 1
    for seq, changes in pending:
        try:
            for table, row_keys, row_kinds, row_digests in _sections(changes):
                keys[table].append(row_keys)  # cut into keys once per table, below
                kinds[table].append(row_kinds)
                digests[table].append(row_digests)
        except ValueError:
            report.problems.append(
                Finding(f"audit log: row {seq} was altered", f"log audit: baris {seq} telah diubah")
            )
            return
    del pending
    report.facts["audit_rows"] = entries
    newest = None if entries == 0 else (expected_seq - 1, prev)
    numbered = numbered_tables()
    # What the log says of each table, made ready while the other processes still digest
    # (on two cores they finish last: whatever is done after them is added to the wall).
    # A numbered table as its runs spelled out (its 60,000 parts let go here, not after the
    # processes); any other (60,000 redemptions) as the dict it is compared as.
    ready: dict[str, tuple[list[Any] | None, bytes, bytes | None, Any, str]] = {}
    for table in audited_tables():
        parts = keys.pop(table, [])
        recorded_digests = b"".join(digests.pop(table, []))
        kind_text = "".join(kinds.pop(table, []))
        spelled = prepared = None
        kept: list[Any] | None = parts
        if apart is not None and table in numbered:
            spelled = _spelled(parts)
            if spelled is not None:
                kept = None  # the same numbers, in the same order, as `_run_together`'s
        elif apart is not None:
            listed = _run_together(parts)
            prepared = (listed, dict(zip(listed, cut16(recorded_digests), strict=True)))
        del parts
        ready[table] = (kept, recorded_digests, spelled, prepared, kind_text)
    found_apart = _apart_digests(apart, newest) or {}
    report.digested_apart = bool(found_apart)
    for table in list(ready):
        kept, recorded_digests, spelled, prepared, kind_text = ready.pop(table)
        digested = found_apart.get(table)
        if digested is not None and _same_in_row_order(spelled, recorded_digests, digested):
            continue
        if prepared is not None:
            recorded_keys = prepared[0]
        elif kept is None:  # spelled out as int64 by `_spelled`
            numbers = array("q")
            numbers.frombytes(spelled or b"")
            recorded_keys = numbers.tolist()
        else:
            recorded_keys = _run_together(kept)
        del kept
        if digested is not None and _in_row_order(recorded_keys, recorded_digests, digested):
            continue
        if prepared is None:
            recorded = dict(zip(recorded_keys, cut16(recorded_digests), strict=True))
        else:
            recorded = prepared[1]
        del prepared
        if table in numbered and len(recorded) != len(recorded_keys):
            for key in _created_again(recorded_keys, kind_text):
                report.problems.append(
                    Finding(
                        f"{table} {key_str(key)}: created twice (a row deleted outside the "
                        "app, its number given again)",
                        f"{table} {key_str(key)}: dibuat dua kali (baris dihapus di luar "
                        "aplikasi, nomornya dipakai lagi)",
                    )
                )
        del recorded_keys, recorded_digests
        if digested is not None:
            current = _as_dict(digested)
        else:
            current = dict(reading.table_digests(session, table))
        if current == recorded:
            continue  # the usual case, compared in C; otherwise name each difference
        for key, now in current.items():
            found = recorded.pop(key, None)
            if found is None:
                report.problems.append(
                    Finding(
                        f"{table} {key_str(key)}: not in the audit log",
                        f"{table} {key_str(key)}: tidak ada di log audit",
                    )
                )
            elif found != now:
                report.problems.append(
                    Finding(
                        f"{table} {key_str(key)}: changed outside the app",
                        f"{table} {key_str(key)}: diubah di luar aplikasi",
                    )
                )
        for key in recorded:
            report.problems.append(
                Finding(
                    f"{table} {key_str(key)}: deleted outside the app",
                    f"{table} {key_str(key)}: dihapus di luar aplikasi",
                )
            )
    for table, parts in keys.items():
        rows = len(set(_run_together(parts)))
        report.problems.append(
            Finding(
                f"{table}: {rows} recorded rows, but the table is gone",
                f"{table}: {rows} baris tercatat, tetapi tabelnya hilang",
            )
        )
