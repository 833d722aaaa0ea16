"""Flush hook: versions, the change counter and the hash-chained audit log, in one place.

Every service writes through a session; this hook stamps each changed `Synced` record with the
transaction's change-counter value and its next version, and at commit appends ONE audit entry
for the whole transaction (one business action): who, when, which action, and for every record
it created or changed the record's key, a 16-byte digest of the values the row now holds and,
for an update, the old values of the columns it changed. The row itself keeps its values; the
digest is what lets `check` prove the row still holds what the app wrote. Entries are chained:
each entry's hash covers the one before.

The digest is taken from the row as SQLite stores it (read back below the ORM at commit), so
`check` computes the same bytes from a plain `SELECT *`. Columns holding NULL or the default a
migration gave them are left out of the digest, so adding a column never changes old digests,
and a table added by a later migration is covered with no code here: every `Audited` model is.
"""

from __future__ import annotations

import hashlib
import json
import struct
import uuid
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, text
from sqlalchemy.orm import Session

from ewarong_desktop.store.base import Audited, Synced, local_offset_minutes, new_uuid, utc_now
from ewarong_desktop.store.models import AuditEntry, Base

GENESIS_HASH = "0" * 64
_TX_SEQ = "tx_change_seq"
_TX_BUMPED = "tx_bumped"
_TX_CHANGES = "tx_audit_changes"

CREATE, UPDATE, BASELINE = 0, 1, 2
KIND_NAMES = {CREATE: "create", UPDATE: "update", BASELINE: "baseline"}
DIGEST_SIZE = 16


def plain(value: Any) -> Any:
    """A column value as JSON-safe data (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def canonical(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps({k: plain(v) for k, v in values.items()}, sort_keys=True, ensure_ascii=False)


def legacy_entry_hash(
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
    """The hash of one row of the per-row audit log stores kept before revision 0007."""
    payload = json.dumps([prev_hash, seq, at, actor, action, entity, entity_id, old, new])
    return hashlib.sha256(payload.encode()).hexdigest()


# --- row digests --------------------------------------------------------------------------


def _default_text(column: Any) -> str | None:
    server_default = column.server_default
    if server_default is None:
        return None
    arg = getattr(server_default, "arg", None)
    found = str(getattr(arg, "text", arg)).strip("'\"").lower()
    return {"true": "1", "false": "0"}.get(found, found)


def audited_tables() -> dict[str, dict[str, str | None]]:
    """Every audited table, with the migration default of each column that has one."""
    tables: dict[str, dict[str, str | None]] = {}
    for mapper in Base.registry.mappers:
        if issubclass(mapper.class_, Audited):
            table = mapper.local_table
            tables[table.name] = {c.name: _default_text(c) for c in table.columns}  # type: ignore[attr-defined]
    return tables


def row_digest(table: str, row: Mapping[str, Any], defaults: Mapping[str, str | None]) -> bytes:
    """16 bytes standing for the row's stored values (raw sqlite3 values: text, int, ...).

    NULLs and values equal to the column's migration default are left out; that keeps the
    encoding one-to-one (the defaults are fixed) while a column added later, holding its
    default in every old row, leaves every old digest as it was.
    """
    items = []
    for name in sorted(row):
        value = row[name]
        if value is None:
            continue
        default = defaults.get(name)
        if default is not None and str(value) == default:
            continue
        items.append((name, value))
    return hashlib.blake2b(repr((table, tuple(items))).encode(), digest_size=DIGEST_SIZE).digest()


def read_rows(session: Session, table: str, ids: list[str]) -> Iterator[dict[str, Any]]:
    """The rows of `table` with these ids, as SQLite stores them (no ORM conversion)."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":k{i}" for i in range(len(chunk)))
        result = session.execute(
            text(f'SELECT * FROM "{table}" WHERE id IN ({marks})'),
            {f"k{i}": key for i, key in enumerate(chunk)},
        )
        names = list(result.keys())
        for values in result:
            yield dict(zip(names, values, strict=True))


# --- the packed list of changes -----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    table: str
    row_id: str
    kind: int
    digest: bytes
    old: str | None = None  # JSON of the changed columns' old values (updates only)


def _pack_id(row_id: str) -> bytes:
    try:
        as_uuid = uuid.UUID(row_id)
    except ValueError:
        as_uuid = None
    if as_uuid is not None and str(as_uuid) == row_id:
        return b"\x00" + as_uuid.bytes
    raw = row_id.encode()
    return b"\x01" + struct.pack(">H", len(raw)) + raw


def pack_changes(changes: Iterable[Change]) -> bytes:
    """The entry's changes as one compressed blob: tables, keys, digests, old values."""
    by_table: dict[str, list[Change]] = {}
    for change in changes:
        by_table.setdefault(change.table, []).append(change)
    out = bytearray()
    for table, rows in by_table.items():
        name = table.encode()
        out += struct.pack(">B", len(name)) + name + struct.pack(">I", len(rows))
        for row in rows:
            out += struct.pack(">B", row.kind) + _pack_id(row.row_id) + row.digest
            if row.kind == UPDATE:
                old = (row.old or "{}").encode()
                out += struct.pack(">I", len(old)) + old
    return zlib.compress(bytes(out), 6)


def unpack_changes(blob: bytes) -> Iterator[Change]:
    """The changes of one entry; raises ValueError on a blob that is not one of ours."""
    try:
        data = zlib.decompress(blob)
    except zlib.error as exc:
        raise ValueError(f"audit entry unreadable: {exc}") from exc
    pos, end = 0, len(data)
    try:
        while pos < end:
            size = data[pos]
            table = data[pos + 1 : pos + 1 + size].decode()
            pos += 1 + size
            (count,) = struct.unpack_from(">I", data, pos)
            pos += 4
            for _ in range(count):
                kind, id_form = data[pos], data[pos + 1]
                pos += 2
                if id_form == 0:
                    row_id = str(uuid.UUID(bytes=data[pos : pos + 16]))
                    pos += 16
                else:
                    (length,) = struct.unpack_from(">H", data, pos)
                    row_id = data[pos + 2 : pos + 2 + length].decode()
                    pos += 2 + length
                digest = data[pos : pos + DIGEST_SIZE]
                pos += DIGEST_SIZE
                old = None
                if kind == UPDATE:
                    (length,) = struct.unpack_from(">I", data, pos)
                    old = data[pos + 4 : pos + 4 + length].decode()
                    pos += 4 + length
                if len(digest) != DIGEST_SIZE or kind not in KIND_NAMES or pos > end:
                    raise ValueError("audit entry truncated")
                yield Change(table, row_id, kind, digest, old)
    except (IndexError, struct.error, UnicodeDecodeError) as exc:
        raise ValueError(f"audit entry unreadable: {exc}") from exc


def entry_hash(
    prev: bytes, seq: int, at: str, offset: int, actor: str, action: str, changes: bytes
) -> bytes:
    """The chain: an entry's hash covers the previous hash and everything the entry says."""
    head = json.dumps([seq, at, offset, actor, action], ensure_ascii=False).encode()
    digest = hashlib.sha256(prev)
    digest.update(struct.pack(">I", len(head)) + head)
    digest.update(changes)
    return digest.digest()


def anchor_bytes(legacy_head: str) -> bytes:
    """The hash a new chain starts from: the old per-row chain's head (or the genesis)."""
    return bytes.fromhex(legacy_head)


def write_entry(
    session: Session | Connection,
    actor: str,
    action: str,
    changes: list[Change],
    *,
    at: datetime | None = None,
) -> int:
    """Append one entry after the newest; returns its sequence number."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    if last is not None:
        seq, prev = int(last[0]) + 1, bytes(last[1])
    else:
        seq, prev = _anchor(session)
    at = at or utc_now()
    offset = local_offset_minutes()
    blob = pack_changes(changes)
    digest = entry_hash(prev, seq, at.isoformat(), offset, actor, action, blob)
    session.execute(
        insert(AuditEntry),
        [
            {
                "seq": seq,
                "at": at,
                "utc_offset_min": offset,
                "actor": actor,
                "action": action,
                "changes": blob,
                "hash": digest,
            }
        ],
    )
    return seq


def _anchor(session: Session | Connection) -> tuple[int, bytes]:
    """Where an empty new log starts: after the archived old chain, if the store has one."""
    row = session.execute(
        text("SELECT last_seq, last_hash FROM audit_archive ORDER BY chunk DESC LIMIT 1")
    ).first()
    if row is None:
        return 1, anchor_bytes(GENESIS_HASH)
    return int(row[0]) + 1, anchor_bytes(str(row[1]))


# --- the session hooks --------------------------------------------------------------------


def _changes(obj: Audited) -> dict[str, Any]:
    old: dict[str, Any] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.added:
            old[attr.key] = history.deleted[0] if history.deleted else None
    return old


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
    """Note which records the flush created or changed (and the old values of an update).

    The entry itself is written at commit, once every value is final.
    """
    noted: dict[tuple[str, str], tuple[int, dict[str, Any]]] = session.info.setdefault(
        _TX_CHANGES, {}
    )
    for obj in session.new:
        if isinstance(obj, Audited):
            noted.setdefault((type(obj).__tablename__, obj.id), (CREATE, {}))  # type: ignore[attr-defined]
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj):
            key = (type(obj).__tablename__, obj.id)  # type: ignore[attr-defined]
            kind, old = noted.setdefault(key, (UPDATE, {}))
            if kind == UPDATE:
                for column, value in _changes(obj).items():
                    old.setdefault(column, value)


def _before_commit(session: Session) -> None:
    """One audit entry for the transaction: every record it touched, as now stored."""
    if session.in_nested_transaction():
        return
    session.flush()
    noted: dict[tuple[str, str], tuple[int, dict[str, Any]]] = session.info.pop(_TX_CHANGES, {})
    if not noted:
        return
    defaults = audited_tables()
    by_table: dict[str, list[str]] = {}
    for table, row_id in noted:
        by_table.setdefault(table, []).append(row_id)
    changes = []
    for table, ids in by_table.items():
        for row in read_rows(session, table, ids):
            kind, old = noted[(table, row["id"])]
            changes.append(
                Change(
                    table,
                    row["id"],
                    kind,
                    row_digest(table, row, defaults[table]),
                    canonical(old) if kind == UPDATE else None,
                )
            )
    if changes:
        write_entry(
            session,
            str(session.info.get("actor", "system")),
            str(session.info.get("action", "change")),
            changes,
        )


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_TX_SEQ, None)
        session.info.pop(_TX_BUMPED, None)
        session.info.pop(_TX_CHANGES, None)


def install(session_class: type[Session] | Any) -> None:
    """Attach the hook to a sessionmaker (or Session class)."""
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "before_commit", _before_commit)
    event.listen(session_class, "after_transaction_end", _after_transaction_end)
