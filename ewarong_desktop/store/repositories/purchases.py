"""Queries about purchases and the sources goods were bought from."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.store.models import Purchase, Source


def source(session: Session, kind: str, name: str) -> Source | None:
    """The source of this kind with exactly this name."""
    return session.scalars(select(Source).where(Source.kind == kind, Source.name == name)).first()


def sources_named(session: Session, name: str) -> list[Source]:
    """Every source with this name, whatever its kind, ignoring letter case."""
    return list(session.scalars(select(Source).where(func.lower(Source.name) == name.lower())))


def all_sources(session: Session) -> list[Source]:
    return list(session.scalars(select(Source).order_by(Source.name)))


def get(session: Session, purchase_id: str) -> Purchase | None:
    return session.get(Purchase, purchase_id)


def listed(session: Session, period: Period | None) -> list[Purchase]:
    """Purchases newest first; only those dated in `period` if one is given."""
    stmt = select(Purchase).order_by(Purchase.date.desc(), Purchase.created_at.desc())
    if period is not None:
        stmt = stmt.where(Purchase.date.between(period.first_day(), period.last_day()))
    return list(session.scalars(stmt))
