"""Queries the demo builder needs beyond the KPM list: the goods it buys and sells."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ewarong_desktop.store.models import Product


def products_by_code(session: Session) -> dict[str, Product]:
    """Every product, keyed by its code."""
    return {p.code: p for p in session.scalars(select(Product))}
