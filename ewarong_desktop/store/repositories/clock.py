"""Queries behind the clock check: the remembered reference and the audit log's newest times."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ewarong_desktop.store.models import AuditEntry, StoreMeta


def stored_reference(session: Session, key: str) -> str | None:
    """The raw `store_meta` value under `key`, None when there is none yet."""
    row = session.get(StoreMeta, key)
    return None if row is None else row.value


def save_reference(session: Session, key: str, value: str) -> None:
    """Put `value` under `key` in `store_meta`, replacing what was there."""
    session.merge(StoreMeta(key=key, value=value))


def newest_audit_at(session: Session, after_seq: int) -> datetime | None:
    """The latest `at` among audit rows written after `after_seq`."""
    return session.scalar(select(func.max(AuditEntry.at)).where(AuditEntry.seq > after_seq))


def last_audit_seq(session: Session) -> int:
    """The highest audit sequence number so far, 0 for an empty log."""
    return session.scalar(select(func.max(AuditEntry.seq))) or 0
