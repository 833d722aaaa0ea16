"""Queries behind a bundle export: the change counter, store marks and the e-warong's identity."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ewarong_desktop.store.base import Synced
from ewarong_desktop.store.models import StoreMeta, WarongProfile


def meta_value(session: Session, key: str) -> str | None:
    """The `store_meta` value under `key`, None when there is none."""
    row = session.get(StoreMeta, key)
    return row.value if row else None


def set_meta(session: Session, key: str, value: str) -> None:
    """Put `value` under `key` in `store_meta`, replacing what was there."""
    session.merge(StoreMeta(key=key, value=value))


def warong_profile(session: Session) -> WarongProfile:
    """The e-warong's one profile row (raises if there is none or more than one)."""
    return session.scalars(select(WarongProfile)).one()


def changed_count(session: Session, model: type[Synced], since: int) -> int:
    """How many rows of `model` changed after the change counter stood at `since`."""
    return (
        session.scalar(select(func.count()).select_from(model).where(model.change_seq > since)) or 0
    )
