"""Queries over the stock ledger: open purchase lots, lot-less stock and the movement list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from ewarong_desktop.store import tracking
from ewarong_desktop.store.base import key_bytes
from ewarong_desktop.store.models import Product, Purchase, PurchaseLine, StockMovement

_LOTS: Table = PurchaseLine.__table__  # type: ignore[assignment]
_PURCHASES: Table = Purchase.__table__  # type: ignore[assignment]


@dataclass
class OpenLot:
    """A purchase lot with something left: its key as stored and what is left, in
    thousandths (a plain pair, not an ORM record: a five-year store's counter reads some 70
    open lots a basket, and spelling each key as text cost more than the query). The key
    goes back into the store as it came (`Key` passes stored bytes through)."""

    id: Any
    remaining_milli: int


# Every basket reads these (plain reads by the driver: see `tracking.driver_rows`).
_OPEN_LOTS_SQL = (
    "SELECT l.product_id, l.id, l.remaining_milli FROM purchase_lines AS l "
    "JOIN purchases AS p ON p.id = l.purchase_id "
    "WHERE l.product_id IN ({marks}) AND l.remaining_milli > 0 "
    "ORDER BY p.date, p.created_at, l.line_no"
)
_WITHOUT_LOT_SQL = (
    "SELECT product_id, SUM(quantity_milli) FROM stock_movements "
    "WHERE product_id IN ({marks}) AND lot_id IS NULL GROUP BY product_id"
)
_ADD_REMAINING = (
    update(_LOTS)
    .where(_LOTS.c.id == bindparam("lot"))
    .values(remaining_milli=_LOTS.c.remaining_milli + bindparam("back"))
)


def open_lots(session: Session, product_ids: list[str]) -> dict[str, list[OpenLot]]:
    """Some products' purchase lots with something left, each product's oldest first (the
    FIFO order), in one query."""
    lots: dict[str, list[OpenLot]] = {product_id: [] for product_id in product_ids}
    stored = {key_bytes(product_id): lots[product_id] for product_id in lots}
    if not stored:
        return lots
    marks = ", ".join("?" for _ in stored)
    rows = tracking.driver_rows(session, _OPEN_LOTS_SQL.format(marks=marks), tuple(stored))
    for product_key, lot_key, remaining in rows:
        stored[product_key].append(OpenLot(lot_key, int(remaining)))
    return lots


def set_remaining(session: Session, lots: list[OpenLot]) -> None:
    """Write what is left of these lots (drawn on by this transaction), in one statement.
    Derived state: no audit row (`check` proves it from the movements)."""
    if lots:
        tracking.driver_write_many(
            session,
            "UPDATE purchase_lines SET remaining_milli = ? WHERE id = ?",
            [
                (lot.remaining_milli, key_bytes(lot.id) if isinstance(lot.id, str) else lot.id)
                for lot in lots
            ],
        )


def put_back_into(session: Session, returned: dict[str, int]) -> None:
    """Add quantities (thousandths) back to these lots, in one statement."""
    if returned:
        session.connection().execute(
            _ADD_REMAINING, [{"lot": lot, "back": milli} for lot, milli in returned.items()]
        )


def add_movements(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert stock movements (column values by name) in one statement; their numbers."""
    return tracking.insert_created(session, StockMovement, rows)


def without_lot_milli(session: Session, product_ids: list[str]) -> dict[str, int]:
    """Some products' stock that belongs to no lot (found in a count), in thousandths."""
    levels = dict.fromkeys(product_ids, 0)
    if not levels:
        return levels
    stored = {key_bytes(product_id): product_id for product_id in levels}
    marks = ", ".join("?" for _ in stored)
    rows = tracking.driver_rows(session, _WITHOUT_LOT_SQL.format(marks=marks), tuple(stored))
    for product_key, milli in rows:
        levels[stored[product_key]] += int(milli)
    return levels


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
