"""Records changed since a change-counter value, and the store facts a bundle carries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ewarong_desktop.store import tracking
from ewarong_desktop.store.base import Synced
from ewarong_desktop.store.models import StoreMeta, WarongProfile

S = TypeVar("S", bound=Synced)


def change_counter_value(session: Session) -> int:
    """The logical clock as the file holds it in this transaction (0 in a store that has
    never changed anything): every transaction that writes a record adds one (see
    `tracking`), so an unchanged value proves nothing was written since it was read. Read by
    the driver (the counter reads it before every basket), so also after `tracking` has
    bumped it by the driver in this transaction."""
    rows = tracking.driver_rows(session, "SELECT value FROM change_counter WHERE id = 1")
    return int(rows[0][0]) if rows else 0


def changed_since(session: Session, model: type[S], since: int, upto: int) -> Sequence[S]:
    """Rows of `model` changed in (since, upto], in change order."""
    return session.scalars(
        select(model)
        .where(model.change_seq > since, model.change_seq <= upto)
        .order_by(model.change_seq, model.id)
    ).all()


def warong_profile(session: Session) -> WarongProfile:
    """This e-warong's one profile row."""
    return session.scalars(select(WarongProfile)).one()


def store_id(session: Session) -> str:
    """This store file's own id; empty if it was never given one."""
    row = session.get(StoreMeta, "store_id")
    return row.value if row else ""
