"""What `check` reads: ledger sums, header and line totals, the audit log, audited records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from ewarong_desktop.store.models import (
    AuditArchive,
    AuditEntry,
    PurchaseLine,
    Redemption,
    RedemptionLine,
    StockMovement,
)
from ewarong_desktop.store.tracking import KIND_NAMES, digest_of, digest_query, unpack_changes

# What reading rows edited outside the app raises: text that is not UTF-8, a date that is
# not a date, a value the database refuses to hand back.
UNREADABLE: tuple[type[Exception], ...] = (
    DatabaseError,
    sqlite3.DatabaseError,
    ValueError,
    TypeError,
    KeyError,
)


def lot_ledger_sums(session: Session) -> dict[str, int]:
    """Per purchase line (lot): the sum of its stock movements, in thousandths."""
    rows = session.execute(
        select(StockMovement.lot_id, func.sum(StockMovement.quantity_milli))
        .where(StockMovement.lot_id.is_not(None))
        .group_by(StockMovement.lot_id)
    )
    return {key: total for key, total in rows if key is not None}


def product_levels(session: Session) -> Sequence[tuple[str, int]]:
    """Per product with any movement: its stock level (the ledger's sum), in thousandths."""
    rows = session.execute(
        select(StockMovement.product_id, func.sum(StockMovement.quantity_milli)).group_by(
            StockMovement.product_id
        )
    )
    return [(product_id, level) for product_id, level in rows]


def redemption_line_movements(session: Session) -> dict[str, int]:
    """Per redemption line with movements: the stock they moved (signed), in thousandths."""
    rows = session.execute(
        select(StockMovement.redemption_line_id, func.sum(StockMovement.quantity_milli))
        .where(StockMovement.redemption_line_id.is_not(None))
        .group_by(StockMovement.redemption_line_id)
    )
    return {key: total for key, total in rows if key is not None}


def redemption_line_totals(session: Session) -> dict[str, int]:
    """Per redemption: the sum of its lines' rupiah."""
    key = RedemptionLine.redemption_id
    rows = session.execute(select(key, func.sum(RedemptionLine.total_rupiah)).group_by(key))
    return {header_id: total for header_id, total in rows}


def purchase_line_totals(session: Session) -> dict[str, int]:
    """Per purchase: the sum of its lines' rupiah."""
    key = PurchaseLine.purchase_id
    rows = session.execute(select(key, func.sum(PurchaseLine.total_rupiah)).group_by(key))
    return {header_id: total for header_id, total in rows}


def spent_per_kpm_period(session: Session) -> Sequence[tuple[str, str, int]]:
    """Completed redemptions' rupiah per KPM and period."""
    rows = session.execute(
        select(Redemption.beneficiary_id, Redemption.period, func.sum(Redemption.total_rupiah))
        .where(Redemption.status == "completed")
        .group_by(Redemption.beneficiary_id, Redemption.period)
    )
    return [(beneficiary_id, period, total) for beneficiary_id, period, total in rows]


def audit_entries(session: Session) -> Iterator[AuditEntry]:
    """The audit log in sequence order, streamed (it can be long)."""
    return iter(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(5000))


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


def table_digests(
    session: Session, table: str, defaults: dict[str, str | None]
) -> Iterator[tuple[str, bytes]]:
    """(id, digest) of every row of `table` as SQLite stores it (as the audit took them)."""
    connection = session.connection()
    query = digest_query(connection, table, defaults)
    cursor = connection.connection.driver_connection.execute(query)  # type: ignore[union-attr]
    for row_id, spelled in cursor:
        yield str(row_id), digest_of(table, spelled)


def id_and_total(session: Session, model: Any) -> Iterator[tuple[str, int]]:
    """(id, total_rupiah) of every row of a header table (redemptions, purchases)."""
    return iter(session.execute(select(model.id, model.total_rupiah)))


def lot_remaining(session: Session) -> Iterator[tuple[str, int]]:
    """(lot id, what is left of it) for every purchase line."""
    return iter(session.execute(select(PurchaseLine.id, PurchaseLine.remaining_milli)))


def redemption_line_quantities(session: Session) -> Iterator[tuple[str, int, str]]:
    """(line id, quantity, its redemption's status) for every redemption line."""
    rows = session.execute(
        select(RedemptionLine.id, RedemptionLine.quantity_milli, Redemption.status).join(Redemption)
    )
    return iter(rows)


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
