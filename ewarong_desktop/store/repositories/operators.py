"""Queries about operators: find by name, list, count the active admins."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.states import Role
from ewarong_desktop.store.models import Operator


def by_id(session: Session, operator_id: str) -> Operator | None:
    return session.get(Operator, operator_id)


def named(session: Session, name: str) -> Operator | None:
    """The operator with this name, in any case (names are unique regardless of case)."""
    return session.scalars(
        select(Operator).where(func.lower(Operator.name) == name.lower())
    ).first()


def by_name(session: Session) -> Sequence[Operator]:
    """Every operator, active or not, by name."""
    return session.scalars(select(Operator).order_by(Operator.name)).all()


def active_admin_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).where(Operator.role == Role.ADMIN, Operator.active.is_(True))
        )
        or 0
    )
