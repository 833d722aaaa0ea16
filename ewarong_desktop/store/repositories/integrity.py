"""What `check` reads: ledger sums, header and line totals, the audit log, audited records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from ewarong_desktop.store.base import Audited
from ewarong_desktop.store.models import (
    AuditEntry,
    Base,
    PurchaseLine,
    Redemption,
    RedemptionLine,
    StockMovement,
)

T = TypeVar("T", bound=Base)

# What reading rows edited outside the app raises: text that is not UTF-8, a date that is
# not a date, a value the database refuses to hand back.
UNREADABLE: tuple[type[Exception], ...] = (DatabaseError, ValueError, TypeError, KeyError)


def all_rows(session: Session, model: type[T]) -> Sequence[T]:
    """Every row of `model`, in no particular order."""
    return session.scalars(select(model)).all()


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


def redemption_lines_with_status(session: Session) -> Sequence[tuple[RedemptionLine, str]]:
    """Every redemption line, with the status of its redemption."""
    rows = session.execute(select(RedemptionLine, Redemption.status).join(Redemption))
    return [(line, status) for line, status in rows]


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


def audited_models() -> dict[str, Any]:
    """Table name to model class, for every model whose changes the audit log records."""
    return {
        m.local_table.name: m.class_  # type: ignore[attr-defined]
        for m in Base.registry.mappers
        if issubclass(m.class_, Audited)
    }


def column_keys(model: Any) -> list[str]:
    """The model's mapped column attributes, by name."""
    return [a.key for a in inspect(model).column_attrs]


def migration_defaults(model: Any) -> dict[str, str | None]:
    """What a migration filled into a column it added: the audit log never saw that write.

    A record made before the column existed has no audit value for it; it must still hold
    the default the migration gave it until the app records a change.
    """
    defaults: dict[str, str | None] = {}
    for attr in inspect(model).column_attrs:
        server_default = attr.columns[0].server_default
        text = getattr(server_default, "arg", None) if server_default is not None else None
        defaults[attr.key] = None if text is None else str(getattr(text, "text", text))
    return defaults
