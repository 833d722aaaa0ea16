"""Queries about the e-warong's own profile (one row once set up)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ewarong_desktop.store.models import WarongProfile


def get(session: Session) -> WarongProfile | None:
    """The profile, or None before setup."""
    return session.scalars(select(WarongProfile)).first()
