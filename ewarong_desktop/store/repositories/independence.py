"""Queries behind the own-source share over months and the suppliers' tax numbers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.rules import SOURCE_KIND_THIRD_PARTY
from ewarong_desktop.domain.states import Status
from ewarong_desktop.store.models import Purchase, Source


def purchases_by_month(session: Session, first: date, last: date) -> dict[tuple[str, bool], int]:
    """Completed purchases dated in [first, last]: rupiah per (YYYY-MM, is_own)."""
    month = func.strftime("%Y-%m", Purchase.date)
    rows = session.execute(
        select(month, Purchase.is_own, func.sum(Purchase.total_rupiah))
        .where(Purchase.status == Status.COMPLETED, Purchase.date.between(first, last))
        .group_by(month, Purchase.is_own)
    ).all()
    return {(str(m), bool(own)): int(total or 0) for m, own, total in rows}


def suppliers(session: Session) -> Sequence[Source]:
    return session.scalars(
        select(Source).where(Source.kind == SOURCE_KIND_THIRD_PARTY).order_by(Source.name)
    ).all()


def supplier_named(session: Session, name: str) -> Source | None:
    """The third-party source with this name, case and spacing aside."""
    wanted = " ".join(name.split()).casefold()
    for row in suppliers(session):
        if row.name.casefold() == wanted:
            return row
    return None
