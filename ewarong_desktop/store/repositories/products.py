"""Queries about goods: finding a product and reading stock levels from the lots."""

from __future__ import annotations

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from ewarong_desktop.store import tracking
from ewarong_desktop.store.base import key_bytes, stored_key_text
from ewarong_desktop.store.models import Product, PurchaseLine, StockMovement

# Built once: the counter asks for levels on every basket it checks.
_LEVELS_IN_LOTS = (
    select(PurchaseLine.product_id, func.sum(PurchaseLine.remaining_milli))
    .where(PurchaseLine.product_id.in_(bindparam("ids", expanding=True)))
    .where(PurchaseLine.remaining_milli > 0)
    .group_by(PurchaseLine.product_id)
)
_LEVELS_WITHOUT_LOT = (
    select(StockMovement.product_id, func.sum(StockMovement.quantity_milli))
    .where(StockMovement.product_id.in_(bindparam("ids", expanding=True)))
    .where(StockMovement.lot_id.is_(None))
    .group_by(StockMovement.product_id)
)


def stock_levels(session: Session, product_ids: list[str]) -> dict[str, int]:
    """Levels of some products: what is left in lots plus lot-less stock (found in a count).

    Equal to the sum of each product's whole ledger (`check` proves it) but reads a handful
    of rows instead of every movement the product ever had.
    """
    levels = dict.fromkeys(product_ids, 0)
    params = {"ids": list(product_ids)}
    for statement in (_LEVELS_IN_LOTS, _LEVELS_WITHOUT_LOT):
        for product_id, milli in session.execute(statement, params):
            levels[product_id] += int(milli)
    return levels


def get(session: Session, product_id: str) -> Product | None:
    return session.get(Product, product_id)


_BY_IDS = select(Product).where(Product.id.in_(bindparam("ids", expanding=True)))


def by_ids(session: Session, product_ids: list[str]) -> dict[str, Product]:
    """Those of these products that exist, by id, in one query."""
    return {row.id: row for row in session.scalars(_BY_IDS, {"ids": list(product_ids)})}


def rows_by_ids(
    session: Session, product_ids: list[str]
) -> list[tuple[str, str, str, str, int, bool]]:
    """Those of these products that exist, as plain values (no ORM record, read by the
    driver: every basket asks): id, name, unit, category, price_rupiah, active."""
    if not product_ids:
        return []
    marks = ", ".join("?" for _ in product_ids)
    rows = tracking.driver_rows(
        session,
        "SELECT id, name, unit, category, price_rupiah, active FROM products "
        f"WHERE id IN ({marks})",
        tuple(key_bytes(p) for p in product_ids),
    )
    return [
        (stored_key_text(key), name, unit, category, int(price), bool(active))
        for key, name, unit, category, price, active in rows
    ]


def by_code_or_name(session: Session, key: str) -> Product | None:
    """The product whose code or name is `key`, in any case."""
    return session.scalars(
        select(Product).where(
            or_(func.upper(Product.code) == key.upper(), func.lower(Product.name) == key.lower())
        )
    ).first()


def named_starting(session: Session, prefix: str, limit: int) -> list[Product]:
    """Up to `limit` products whose name starts with `prefix`, in any case."""
    return list(
        session.scalars(
            select(Product)
            .where(func.lower(Product.name).startswith(prefix.lower(), autoescape=True))
            .limit(limit)
        ).all()
    )


def named_containing(session: Session, part: str, limit: int) -> list[Product]:
    """Up to `limit` products whose name contains `part`, in any case."""
    return list(
        session.scalars(
            select(Product)
            .where(func.lower(Product.name).contains(part.lower(), autoescape=True))
            .order_by(Product.name)
            .limit(limit)
        ).all()
    )


def with_code(session: Session, code: str) -> Product | None:
    """A product using this code, in any case."""
    return session.scalars(select(Product).where(func.lower(Product.code) == code.lower())).first()


def with_name(session: Session, name: str) -> Product | None:
    """A product using this name, in any case."""
    return session.scalars(select(Product).where(func.lower(Product.name) == name.lower())).first()


def listed(session: Session, *, include_inactive: bool) -> list[Product]:
    """Products by category, then name."""
    stmt = select(Product).order_by(Product.category, Product.name)
    if not include_inactive:
        stmt = stmt.where(Product.active.is_(True))
    return list(session.scalars(stmt).all())
