"""Queries over the stock ledger: open purchase lots, lot-less stock and the movement list."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, lazyload

from ewarong_desktop.store.models import Product, Purchase, PurchaseLine, StockMovement

# Built once: the counter runs these for every basket it hands out. The lot's product is
# not joined in: the caller holds the products already.
_OPEN_LOTS = (
    select(PurchaseLine)
    .join(Purchase)
    .where(
        PurchaseLine.product_id.in_(bindparam("ids", expanding=True)),
        PurchaseLine.remaining_milli > 0,
    )
    .order_by(Purchase.date, Purchase.created_at, PurchaseLine.line_no)
    .options(lazyload(PurchaseLine.product))
)
_WITHOUT_LOT = (
    select(StockMovement.product_id, func.sum(StockMovement.quantity_milli))
    .where(StockMovement.product_id.in_(bindparam("ids", expanding=True)))
    .where(StockMovement.lot_id.is_(None))
    .group_by(StockMovement.product_id)
)


def open_lots(session: Session, product_ids: list[str]) -> dict[str, list[PurchaseLine]]:
    """Some products' purchase lots with something left, each product's oldest first (the
    FIFO order), in one query."""
    lots: dict[str, list[PurchaseLine]] = {product_id: [] for product_id in product_ids}
    for lot in session.scalars(_OPEN_LOTS, {"ids": list(lots)}):
        lots[lot.product_id].append(lot)
    return lots


def without_lot_milli(session: Session, product_ids: list[str]) -> dict[str, int]:
    """Some products' stock that belongs to no lot (found in a count), in thousandths."""
    levels = dict.fromkeys(product_ids, 0)
    for product_id, milli in session.execute(_WITHOUT_LOT, {"ids": list(levels)}):
        levels[product_id] += int(milli)
    return levels


def lots(session: Session, lot_ids: list[str]) -> dict[str, PurchaseLine]:
    """Purchase lots by id, in one query."""
    if not lot_ids:
        return {}
    rows = session.scalars(
        select(PurchaseLine)
        .where(PurchaseLine.id.in_(lot_ids))
        .options(lazyload(PurchaseLine.product))
    )
    return {row.id: row for row in rows}


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
