"""Flush hook: versions, the change counter and the hash-chained audit log, in one place.

Every service writes through a session; this hook stamps each changed `Synced` record with the
transaction's change-counter value and its next version, and appends one audit row per changed
record, chained by hash to the row before. Services never do this bookkeeping themselves.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect, select, text
from sqlalchemy.orm import Session

from ewarong_desktop.store.base import Audited, Synced, local_offset_minutes, new_uuid, utc_now
from ewarong_desktop.store.models import AuditEntry

GENESIS_HASH = "0" * 64
_TX_SEQ = "tx_change_seq"
_TX_BUMPED = "tx_bumped"
_TX_AUDIT_HEAD = "tx_audit_head"


def plain(value: Any) -> Any:
    """A column value as JSON-safe data (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def canonical(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps({k: plain(v) for k, v in values.items()}, sort_keys=True, ensure_ascii=False)


def entry_hash(
    prev_hash: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    old: str | None,
    new: str | None,
) -> str:
    payload = json.dumps([prev_hash, seq, at, actor, action, entity, entity_id, old, new])
    return hashlib.sha256(payload.encode()).hexdigest()


def _column_values(obj: Audited) -> dict[str, Any]:
    return {a.key: getattr(obj, a.key) for a in inspect(obj).mapper.column_attrs}


def _changes(obj: Audited) -> tuple[dict[str, Any], dict[str, Any]]:
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.added:
            new[attr.key] = history.added[0]
            old[attr.key] = history.deleted[0] if history.deleted else None
    return old, new


def _transaction_seq(session: Session) -> int:
    seq = session.info.get(_TX_SEQ)
    if seq is None:
        seq = session.execute(
            text("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value")
        ).scalar_one()
        session.info[_TX_SEQ] = seq
        session.info[_TX_BUMPED] = set()
    return int(seq)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Stamp ids, versions and the change counter before the rows are written."""
    new_objs = [o for o in session.new if isinstance(o, Audited)]
    dirty = [o for o in session.dirty if isinstance(o, Audited) and session.is_modified(o)]
    for obj in session.deleted:
        if isinstance(obj, Audited):
            raise RuntimeError(f"records are never deleted: {type(obj).__name__}")
    if not new_objs and not dirty:
        return
    seq = _transaction_seq(session)
    bumped: set[str] = session.info[_TX_BUMPED]
    now = utc_now()
    for obj in new_objs:
        if obj.id is None:
            obj.id = new_uuid()
        if isinstance(obj, Synced):
            obj.version, obj.change_seq, obj.updated_at = 1, seq, now
            bumped.add(obj.id)
    for obj in dirty:
        if isinstance(obj, Synced):
            if obj.id not in bumped:
                obj.version += 1
                bumped.add(obj.id)
            obj.change_seq, obj.updated_at = seq, now


def _after_flush(session: Session, _context: Any) -> None:
    """Append the audit rows once the values are final (defaults and foreign keys filled).

    The new/dirty lists and attribute history still show the flush's changes here.
    """
    created = [o for o in session.new if isinstance(o, Audited)]
    changed = [o for o in session.dirty if isinstance(o, Audited) and session.is_modified(o)]
    if not created and not changed:
        return
    head = session.info.get(_TX_AUDIT_HEAD)
    if head is None:
        last = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        head = (last[0], last[1]) if last else (0, GENESIS_HASH)
    seq, prev = head
    actor = str(session.info.get("actor", "system"))
    action = str(session.info.get("action", "change"))
    at = utc_now()
    offset = local_offset_minutes()
    rows: list[tuple[Audited, str, dict[str, Any] | None, dict[str, Any]]] = [
        (obj, "create", None, _column_values(obj)) for obj in created
    ]
    for obj in changed:
        old, new = _changes(obj)
        rows.append((obj, "update", old, new))
    values = []
    for obj, kind, old_values, new_values in rows:
        seq += 1
        old_text, new_text = canonical(old_values), canonical(new_values)
        entity = type(obj).__tablename__  # type: ignore[attr-defined]
        full_action = f"{action}:{kind}"
        digest = entry_hash(
            prev, seq, at.isoformat(), actor, full_action, entity, obj.id, old_text, new_text
        )
        values.append(
            {
                "seq": seq,
                "at": at,
                "utc_offset_min": offset,
                "actor": actor,
                "action": full_action,
                "entity": entity,
                "entity_id": obj.id,
                "old_values": old_text,
                "new_values": new_text,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    session.execute(insert(AuditEntry), values)
    session.info[_TX_AUDIT_HEAD] = (seq, prev)


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_TX_SEQ, None)
        session.info.pop(_TX_BUMPED, None)
        session.info.pop(_TX_AUDIT_HEAD, None)


def install(session_class: type[Session] | Any) -> None:
    """Attach the hook to a sessionmaker (or Session class)."""
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "after_transaction_end", _after_transaction_end)
