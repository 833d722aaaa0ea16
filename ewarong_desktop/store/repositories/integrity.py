"""What `check` reads: ledger sums, header and line totals, the audit log, audited records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from ewarong_desktop.domain.states import Status
from ewarong_desktop.store.models import (
    AuditArchive,
    AuditEntry,
    PurchaseLine,
    Redemption,
)
from ewarong_desktop.store.tracking import KIND_NAMES, digest_rows, key_str, unpack_changes

# What reading rows edited outside the app raises: text that is not UTF-8, a date that is
# not a date, a value the database refuses to hand back.
UNREADABLE: tuple[type[Exception], ...] = (
    DatabaseError,
    sqlite3.DatabaseError,
    ValueError,
    TypeError,
    KeyError,
)


@dataclass(frozen=True)
class LedgerSums:
    """The stock ledger summed three ways, in thousandths (keys as the rows store them)."""

    by_lot: dict[Any, int]  # per purchase line (lot) with movements
    by_product: dict[Any, int]  # per product with movements: its stock level
    by_line: dict[Any, int]  # per redemption line: what its movements moved


def ledger_sums(session: Session) -> LedgerSums:
    """One pass over the stock ledger, read below the ORM (a GROUP BY each way had SQLite
    sort the whole ledger three times)."""
    raw = session.connection().connection.driver_connection
    by_lot: dict[Any, int] = {}
    by_product: dict[Any, int] = {}
    by_line: dict[Any, int] = {}
    cursor = raw.execute(  # type: ignore[union-attr]
        "SELECT lot_id, product_id, redemption_line_id, quantity_milli FROM stock_movements"
    )
    for lot, product, line, quantity in cursor:
        by_product[product] = by_product.get(product, 0) + quantity
        if lot is not None:
            by_lot[lot] = by_lot.get(lot, 0) + quantity
        if line is not None:
            by_line[line] = by_line.get(line, 0) + quantity
    return LedgerSums(by_lot, by_product, by_line)


def spent_per_kpm_period(session: Session) -> Sequence[tuple[str, str, int]]:
    """Completed redemptions' rupiah per KPM and period."""
    rows = session.execute(
        select(Redemption.beneficiary_id, Redemption.period, func.sum(Redemption.total_rupiah))
        .where(Redemption.status == Status.COMPLETED)
        .group_by(Redemption.beneficiary_id, Redemption.period)
    )
    return [(beneficiary_id, period, total) for beneficiary_id, period, total in rows]


def audit_entries(session: Session) -> Iterator[Any]:
    """The audit log in sequence order, streamed (it can be long); rows with the columns of
    `AuditEntry` as attributes."""
    columns = [c for c in AuditEntry.__table__.columns]
    query = select(*columns).order_by(AuditEntry.seq).execution_options(yield_per=5000)
    return iter(session.execute(query))


def audit_chain(session: Session) -> Iterator[tuple[int, str, int, str, str, bytes, bytes]]:
    """The audit log in sequence order as `check` replays it, read below the ORM (it can be
    long): (seq, `at` as the chain hashed it, offset, actor, action, changes, hash)."""
    raw = session.connection().connection.driver_connection
    cursor = raw.execute(  # type: ignore[union-attr]
        "SELECT seq, at, utc_offset_min, actor, action, changes, hash FROM audit_log ORDER BY seq"
    )
    parse = datetime.fromisoformat
    for seq, at, offset, actor, action, changes, digest in cursor:
        yield seq, parse(at).isoformat(), offset, actor, action, changes, digest


def archived_chunks(session: Session) -> Iterator[tuple[int, int, int, str, bytes]]:
    """The old per-row log of a store made before 0007: (chunk, first, last, head, blob)."""
    rows = session.execute(
        select(
            AuditArchive.chunk,
            AuditArchive.first_seq,
            AuditArchive.last_seq,
            AuditArchive.last_hash,
            AuditArchive.entries,
        ).order_by(AuditArchive.chunk)
    )
    return iter(rows)


def table_digests(session: Session, table: str) -> Iterator[tuple[bytes | str, bytes]]:
    """(key as stored, digest) of every row of `table` (as the audit took them)."""
    raw = session.connection().connection.driver_connection
    return digest_rows(raw, table)


def header_total_mismatches(
    session: Session, header: Any, header_key: Any, line_total: Any
) -> tuple[int, list[tuple[str, int, int | None]]]:
    """Headers (redemptions, purchases) whose total is not the sum of their lines, found by
    SQLite in one pass: (how many headers, [(id, total, lines' sum or None)])."""
    sums = (
        select(header_key.label("header_id"), func.sum(line_total).label("total"))
        .group_by(header_key)
        .subquery()
    )
    rows = session.execute(
        select(header.id, header.total_rupiah, sums.c.total)
        .outerjoin(sums, sums.c.header_id == header.id)
        .where(or_(sums.c.total.is_(None), sums.c.total != header.total_rupiah))
    )
    count = session.scalar(select(func.count()).select_from(header)) or 0
    return int(count), [(str(i), int(t), None if s is None else int(s)) for i, t, s in rows]


def lot_remaining(session: Session) -> Iterator[tuple[str, int]]:
    """(lot id, what is left of it) for every purchase line."""
    return iter(session.execute(select(PurchaseLine.id, PurchaseLine.remaining_milli)))


def redemption_line_mismatches(
    session: Session, moved: dict[Any, int]
) -> list[tuple[str, int, int]]:
    """Redemption lines whose stock movements (`moved`, per line as `ledger_sums` gives
    them) do not add up to what they should have moved (minus the quantity when completed,
    nothing when voided): (line id, moved, expected)."""
    raw = session.connection().connection.driver_connection
    completed = {
        key: status == Status.COMPLETED
        for key, status in raw.execute("SELECT id, status FROM redemptions")  # type: ignore[union-attr]
    }
    found = []
    cursor = raw.execute(  # type: ignore[union-attr]
        "SELECT id, redemption_id, quantity_milli FROM redemption_lines"
    )
    for key, redemption, quantity in cursor:
        done = completed.get(redemption)
        if done is None:
            continue  # a line of no redemption: the foreign key check names it
        expected = -quantity if done else 0
        total = moved.get(key, 0)
        if total != expected:
            found.append((key_str(key), int(total), int(expected)))
    return found


@dataclass(frozen=True)
class RecordedChange:
    """One audit entry's word about one record: who, when, which action, old values."""

    seq: int
    at: datetime
    actor: str
    action: str
    kind: str  # create | update | baseline
    old: dict[str, Any] | None


def row_history(session: Session, table: str, row_id: str) -> list[RecordedChange]:
    """Every audit entry that created or changed this record, oldest first (reads the log)."""
    found = []
    for entry in audit_entries(session):
        for change in unpack_changes(entry.changes):
            if change.table == table and change.row_id == row_id:
                old = json.loads(change.old) if change.old is not None else None
                kind = KIND_NAMES[change.kind]
                found.append(
                    RecordedChange(entry.seq, entry.at, entry.actor, entry.action, kind, old)
                )
    return found
