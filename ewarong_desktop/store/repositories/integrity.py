"""What `check` reads: ledger sums, header and line totals, the audit log, audited records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from ewarong_desktop.domain.states import Status
from ewarong_desktop.store.auditentry import KIND_NAMES, key_str, unpack_changes
from ewarong_desktop.store.models import (
    AuditArchive,
    AuditEntry,
)
from ewarong_desktop.store.tracking import digest_rows

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
class LedgerFindings:
    """Where the stock ledger and the rows it moved disagree, found by SQLite (in C, off
    Python's lock, so `check` digests rows meanwhile); keys as the rows store them."""

    lots: list[tuple[Any, int, int]]  # (lot, remaining, what its movements add up to)
    negative: list[tuple[Any, int]]  # (product, stock level below zero)
    lines: list[tuple[Any, int, int]]  # (redemption line, moved, expected)
    lots_moved: int  # lots with movements
    products_moved: int  # products with movements


# One pass over the movements for the lots and the products (was three: 0.65 -> 0.40 s on
# the five-year demo store): a few hundred groups, added up per lot and per product below.
_MOVED = """
SELECT product_id, lot_id, sum(quantity_milli) FROM stock_movements GROUP BY product_id, lot_id
"""
# Minus the quantity when the redemption was completed, nothing when voided.
_LINES = """
SELECT l.id,
       coalesce((SELECT sum(m.quantity_milli) FROM stock_movements AS m
                 WHERE m.redemption_line_id = l.id), 0) AS moved,
       CASE WHEN r.status = ? THEN -l.quantity_milli ELSE 0 END AS expected
FROM redemption_lines AS l JOIN redemptions AS r ON r.id = l.redemption_id
WHERE moved != expected
"""


def triggers_and_views(session: Session) -> list[tuple[str, str]]:
    """(type, name) of every trigger and view in the store: the app's schema has none, so
    each was put there from outside (a crafted backup restored, a hand edit); a trigger
    would run inside the app's own writes."""
    rows = session.connection().exec_driver_sql(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name"
    )
    return [(str(kind), str(name)) for kind, name in rows]


def ledger_findings(session: Session) -> LedgerFindings:
    """The stock ledger against the lots' remaining quantities, the products' levels and
    the redemption lines (a line of no redemption is left to the foreign key check)."""
    raw = session.connection().connection.driver_connection
    run = raw.execute  # type: ignore[union-attr]
    by_lot: dict[Any, int] = {}
    by_product: dict[Any, int] = {}
    for product, lot, moved in run(_MOVED):
        by_product[product] = by_product.get(product, 0) + int(moved)
        if lot is not None:
            by_lot[lot] = by_lot.get(lot, 0) + int(moved)
    lots = []
    for key, remaining in run("SELECT id, remaining_milli FROM purchase_lines"):
        moved = by_lot.get(key, 0)
        if remaining is None or remaining != moved or remaining < 0:
            lots.append((key, int(remaining), moved))
    lines = [(k, int(m), int(e)) for k, m, e in run(_LINES, (str(Status.COMPLETED),))]
    return LedgerFindings(
        lots,
        [(k, level) for k, level in by_product.items() if level < 0],
        lines,
        len(by_lot),
        len(by_product),
    )


def completed_periods(session: Session) -> list[str]:
    """The periods completed redemptions were made for (a few dozen)."""
    raw = session.connection().connection.driver_connection
    rows = raw.execute(  # type: ignore[union-attr]
        "SELECT DISTINCT period FROM redemptions WHERE status = ?", (str(Status.COMPLETED),)
    )
    return [period for (period,) in rows]


_OVERSPENT = """
WITH rates AS (SELECT key AS period, value AS rate FROM json_each(?))
SELECT r.beneficiary_id, r.period, sum(r.total_rupiah) AS total, rates.rate
FROM redemptions AS r LEFT JOIN rates ON rates.period = r.period
WHERE r.status = ?
GROUP BY r.beneficiary_id, r.period
HAVING rates.rate IS NULL OR total IS NULL OR total > rates.rate
"""


def overspent(
    session: Session, rates: dict[str, int | None]
) -> list[tuple[str, str, int | None, int | None]]:
    """(KPM, period, completed rupiah, entitlement) where a KPM's completed redemptions of a
    period add up to more than its entitlement `rates[period]`, or the period has none:
    SQLite adds up the 60,000 groups of five years, only these come back."""
    raw = session.connection().connection.driver_connection
    rows = raw.execute(  # type: ignore[union-attr]
        _OVERSPENT, (json.dumps(rates), str(Status.COMPLETED))
    )
    return [(key_str(k), period, total, rate) for k, period, total, rate in rows]


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
        # As the app stores it ("2026-01-31 10:00:00.123456"), isoformat differs in one
        # character: no parse per entry. Anything else takes the parse (which may refuse).
        if type(at) is str and len(at) == 26 and at[10] == " " and not at.endswith(".000000"):
            iso = at[:10] + "T" + at[11:]
        else:
            iso = parse(at).isoformat()
        yield seq, iso, offset, actor, action, changes, digest


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
