"""Queries about the e-warong's own profile (one row once set up)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ewarong_desktop.store import tracking
from ewarong_desktop.store.models import StoreMeta, WarongProfile


def get(session: Session) -> WarongProfile | None:
    """The profile, or None before setup."""
    return session.scalars(select(WarongProfile)).first()


def working_month(session: Session) -> tuple[bool, str | None]:
    """(whether the profile is set up, its confirmed working month 'YYYY-MM' or None), in one
    plain read: every basket asks."""
    if session.autoflush and (session.new or session.dirty or session.deleted):
        session.flush()  # as a query would: a profile changed in this transaction counts
    rows = tracking.driver_rows(session, "SELECT working_month FROM warong_profile LIMIT 1")
    return (False, None) if not rows else (True, rows[0][0])


def setting(session: Session, key: str) -> str | None:
    """A shop setting kept in `store_meta` (a key/value table), None when never set."""
    row = session.get(StoreMeta, key)
    return None if row is None else row.value


def put_setting(session: Session, key: str, value: str) -> None:
    session.merge(StoreMeta(key=key, value=value))
