"""Queries over the stock ledger: open purchase lots, lot-less stock and the movement list."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ewarong_desktop.store.models import Product, Purchase, PurchaseLine, StockMovement

# Built once: the counter runs this for every line it hands out.
_OPEN_LOTS = (
    select(PurchaseLine)
    .join(Purchase)
    .where(PurchaseLine.product_id == bindparam("product_id"), PurchaseLine.remaining_milli > 0)
    .order_by(Purchase.date, Purchase.created_at, PurchaseLine.line_no)
)


def open_lots(session: Session, product_id: str) -> list[PurchaseLine]:
    """A product's purchase lots with something left, oldest first (the FIFO order)."""
    return list(session.scalars(_OPEN_LOTS, {"product_id": product_id}).all())


def without_lot_milli(session: Session, product_id: str) -> int:
    """A product's stock that belongs to no lot (found in a count), in thousandths."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(StockMovement.quantity_milli), 0)).where(
                StockMovement.product_id == product_id, StockMovement.lot_id.is_(None)
            )
        )
        or 0
    )


def lot(session: Session, lot_id: str) -> PurchaseLine | None:
    return session.get(PurchaseLine, lot_id)


def movements(
    session: Session, product_id: str | None, *, limit: int
) -> list[tuple[StockMovement, Product]]:
    """Movements with their product, newest first (by the day they happened, then by when
    they were recorded); one product's if `product_id` is given."""
    stmt = (
        select(StockMovement, Product)
        .join(Product)
        .order_by(StockMovement.movement_date.desc(), StockMovement.created_at.desc())
        .limit(limit)
    )
    if product_id:
        stmt = stmt.where(StockMovement.product_id == product_id)
    return [(m, p) for m, p in session.execute(stmt)]
