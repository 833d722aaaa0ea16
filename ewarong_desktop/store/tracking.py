"""Flush hook: versions, the change counter and the hash-chained audit log, in one place.

Every service writes through a session; this hook stamps each changed `Synced` record with the
transaction's change-counter value and its next version, and at commit appends ONE audit entry
for the whole transaction (one business action): who, when, which action, and for every record
it created or changed the record's key, a 16-byte digest of the values the row now holds and,
for an update, the old values of the columns it changed. The row itself keeps its values; the
digest is what lets `check` prove the row still holds what the app wrote. Entries are chained:
each entry's hash covers the one before. A change of derived columns alone (a lot's remaining
quantity, which `check` proves from the stock ledger) writes no row: those columns are out of
the digest (0010).

The digest is taken from the row as SQLite stores it (read back below the ORM at commit), so
`check` computes the same bytes from a plain `SELECT *` (`digest_rows`). Trailing columns
holding NULL or the default a migration gave them are left out of the digest, so adding a
column never changes old digests, and a table added by a later migration is covered with no
code here: every `Audited` model is. The entry's bytes (the packed changes, the chain's
hash) are `auditentry`'s.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import operator
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from ewarong_desktop.store import rowdigest
from ewarong_desktop.store.auditentry import (
    CREATE,
    GENESIS_HASH,
    UPDATE,
    Change,
    anchor_bytes,
    canonical,
    entry_hash,
    key_str,
    pack_changes,
)
from ewarong_desktop.store.base import (
    Audited,
    Key,
    Numbered,
    Synced,
    key_bytes,
    local_offset_minutes,
    new_uuid,
    utc_now,
)
from ewarong_desktop.store.models import AuditEntry, Base

_TX_SEQ = "tx_change_seq"
_TX_BUMPED = "tx_bumped"
_TX_CHANGES = "tx_audit_changes"
_TX_CONNECTION = "tx_connection"
_TX_PLANS = "tx_new_plans"
_PLANS = "ewarong_digest_plans"  # in the pooled DBAPI connection's `info`: see `commit_plans`


# --- row digests --------------------------------------------------------------------------


def _default_text(column: Any) -> str | None:
    server_default = column.server_default
    if server_default is None:
        return None
    arg = getattr(server_default, "arg", None)
    found = str(getattr(arg, "text", arg)).strip("'\"").lower()
    return {"true": "1", "false": "0"}.get(found, found)


@functools.cache
def derived_columns() -> dict[str, frozenset[str]]:
    """Per audited table, the columns that hold derived state (`info={"derived": True}`):
    a lot's `remaining_milli`, which `check`'s ledger pass proves from the stock movements.
    They are out of the row's digest, and a change of them alone writes no audit row."""
    found: dict[str, frozenset[str]] = {}
    for mapper in Base.registry.mappers:
        if issubclass(mapper.class_, Audited):
            table = mapper.local_table
            found[table.name] = frozenset(  # type: ignore[attr-defined]
                c.name for c in table.columns if c.info.get("derived")
            )
    return found


@functools.cache
def numbered_tables() -> frozenset[str]:
    """The audited tables keyed by SQLite's rowid (`Numbered`, 0010). The app never deletes
    their rows, so it never logs one number as created twice: SQLite gives a number again
    only after the newest row was deleted behind the app's back."""
    return frozenset(
        mapper.local_table.name  # type: ignore[attr-defined]
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Numbered)
    )


def audited_tables() -> dict[str, dict[str, str | None]]:
    """Every audited table, with the migration default of each column that has one."""
    tables: dict[str, dict[str, str | None]] = {}
    for mapper in Base.registry.mappers:
        if issubclass(mapper.class_, Audited):
            table = mapper.local_table
            tables[table.name] = {c.name: _default_text(c) for c in table.columns}  # type: ignore[attr-defined]
    return tables


def _literal(text_value: str) -> str:
    return "'" + text_value.replace("'", "''") + "'"


def digest_expression(columns: Iterable[str], defaults: Mapping[str, str | None]) -> str:
    """The first spelling of a row (revisions 0007 to 0005), SQL that SQLite builds in C.

    `name=quote(value);` for each column in name order, leaving out NULLs and values equal
    to the column's migration default. Only migration 0007 still spells rows so (its keys
    are text then); 0009 took a new baseline in `digest_rows`'s spelling.
    """
    parts = []
    for name in sorted(columns):
        column = '"' + name.replace('"', '""') + '"'
        skip = f"{column} IS NULL"
        default = defaults.get(name)
        if default is not None:
            skip += f" OR {column} = {_literal(default)}"
        parts.append(
            f"CASE WHEN {skip} THEN '' ELSE {_literal(name + '=')} || quote({column}) || ';' END"
        )
    return " || ".join(parts) or "''"


def digest_of(table: str, spelled: str | None) -> bytes:
    """16 bytes standing for the row (its spelling by `digest_expression`)."""
    data = f"{table}\x00{spelled or ''}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=rowdigest.DIGEST_SIZE).digest()


def digest_query(
    connection: Any, table: str, defaults: Mapping[str, str | None], where: str = ""
) -> str:
    """`SELECT id, <spelling> FROM table [where]` for the table as it stands in this file."""
    info = connection.exec_driver_sql(f'PRAGMA table_info("{table}")').all()
    expression = digest_expression((str(row[1]) for row in info), defaults)
    return f'SELECT id, {expression} FROM "{table}" {where}'


def _affinity_is_text(declared: str) -> bool:
    declared = declared.upper()
    return "INT" not in declared and any(t in declared for t in ("CHAR", "CLOB", "TEXT"))


def digest_plan(table: str, layout: Mapping[str, str]) -> rowdigest.Plan:
    """How `digest_rows` digests `table` with these columns (name -> declared type)."""
    return _plan(table, tuple(layout.items()))


@functools.lru_cache(maxsize=256)
def _plan(table: str, layout: tuple[tuple[str, str], ...]) -> rowdigest.Plan:
    # Made once per table layout: the commit of every transaction asks for it (it was a
    # tenth of a redemption's time, walking every mapper each time).
    defaults = audited_tables().get(table, {})
    tail: list[Any] = []
    for name, declared in layout:
        default: Any = defaults.get(name)
        if default is None:
            tail.append(rowdigest.NoDefault())
            continue
        if not _affinity_is_text(declared):
            with contextlib.suppress(ValueError):
                default = int(default)
        tail.append(default)
    names = [name for name, _declared in layout]
    derived = derived_columns().get(table, frozenset())
    blank = tuple(i for i, name in enumerate(names) if name in derived)
    return rowdigest.Plan(table, f"{table}\x00".encode(), tuple(tail), names.index("id"), blank)


def table_layout(raw: Any, table: str) -> dict[str, str]:
    """Column name -> declared type, in column order, for `table` as it stands in this file."""
    return {str(r[1]): str(r[2]) for r in raw.execute(f'PRAGMA table_info("{table}")')}


def digest_rows(
    raw: Any, table: str, where: str = "", params: tuple[Any, ...] = ()
) -> Iterator[tuple[bytes | str, bytes]]:
    """(key as stored, digest) of the rows of `table` [matching `where`], read with the
    sqlite3 connection `raw`.

    A row's digest is BLAKE2b of the table's name and Python's `repr` of the row's values in
    column order, as `SELECT *` hands them over: built in C, several times quicker than
    spelling each column (which was most of `check`'s time). Derived columns (see
    `derived_columns`) count as NULL (0010). Trailing values that are NULL
    or the column's migration default are left out, so a column a later migration adds (it
    holds its default in every old row) leaves every old digest as it was; a migration that
    drops or reorders columns takes a new baseline, as 0009 did. The default is compared as
    SQLite would: as text in a text column, as a number in any other. The loop itself is
    `rowdigest.digests`, which `check`'s second process runs too.
    """
    return rowdigest.digests(raw, digest_plan(table, table_layout(raw, table)), where, params)


def read_digests(
    session: Session | Connection,
    table: str,
    ids: list[Any],
    plan: rowdigest.Plan | None = None,
) -> Iterator[tuple[Any, bytes]]:
    """(id, digest) of the rows of `table` with these ids (UUID text, or the integers of a
    `Numbered` table), as SQLite stores them now (`plan`: the table's, if known)."""
    connection = transaction_connection(session) if isinstance(session, Session) else session
    raw: Any = connection.connection.driver_connection
    if plan is None:
        plan = digest_plan(table, table_layout(raw, table))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        params = tuple(key_bytes(i) if isinstance(i, str) else i for i in chunk)
        for key, digest in rowdigest.digests(raw, plan, f"WHERE id IN ({marks})", params):
            yield (key if isinstance(key, int) else key_str(key)), digest


def commit_plans(session: Session, connection: Connection) -> dict[str, rowdigest.Plan]:
    """table -> its digest plan for the file as the connection's transaction sees it.

    Every commit digests the rows it wrote, and `PRAGMA table_info` for each table it wrote
    (three a basket) cost more than reading the rows: the plans are kept with the DBAPI
    connection (one file) for as long as the file's schema version stays the same, which
    is read once a commit (one cheap statement; any change of any table's columns, by this
    process or another, moves it). Plans made for a new version are kept only once the
    transaction has committed: one rolled back with its schema change must not leave them
    for a later change that happens to reach the same version number."""
    (version,) = driver_rows(session, "PRAGMA schema_version")[0]
    info = connection.connection.info
    cached = info.get(_PLANS)
    if cached is not None and cached[0] == version:
        return cached[1]
    plans = _Plans(connection)
    session.info[_TX_PLANS] = (info, version, plans)
    return plans


class _Plans(dict[str, rowdigest.Plan]):
    """Digest plans made as they are asked for, from the file's layout."""

    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self._raw = connection.connection.driver_connection

    def __missing__(self, table: str) -> rowdigest.Plan:
        plan = self[table] = digest_plan(table, table_layout(self._raw, table))
        return plan


_NEWEST_SQL = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"


def write_entry(
    session: Session | Connection,
    actor: str,
    action: str,
    changes: list[Change],
    *,
    at: datetime | None = None,
) -> int:
    """Append one entry after the newest; returns its sequence number."""
    # The driver's own cursor: every transaction's commit runs this (SQLAlchemy's statement
    # machinery cost more than the two statements).
    cursor: Any = None
    if isinstance(session, Session):
        found = driver_rows(session, _NEWEST_SQL)
        cursor, connection = _tx_driver(session)
    else:
        connection = session
        with _driver_cursor(connection) as own:
            found = own.execute(_NEWEST_SQL).fetchall()
    last = found[0] if found else None
    if last is not None:
        seq, prev = int(last[0]) + 1, bytes(last[1])
    else:
        seq, prev = _anchor(session)
    at = at or utc_now()
    offset = local_offset_minutes()
    blob = pack_changes(changes)
    digest = entry_hash(prev, seq, at.isoformat(), offset, actor, action, blob)
    row = {
        "seq": seq,
        "at": at,
        "utc_offset_min": offset,
        "actor": actor,
        "action": action,
        "changes": blob,
        "hash": digest,
    }
    _insert_raw(connection, AuditEntry.__table__, [row], numbered=False, cursor=cursor)
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
        (seq,) = driver_rows(
            session, "UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value"
        )[0]
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
        if obj.id is None and not isinstance(obj, Numbered):
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
    noted: dict[tuple[str, Any], tuple[int, dict[str, Any]]] = session.info.setdefault(
        _TX_CHANGES, {}
    )
    for obj in session.new:
        if isinstance(obj, Audited):
            noted.setdefault((type(obj).__tablename__, obj.id), (CREATE, {}))  # type: ignore[attr-defined]
    derived = derived_columns()
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj):
            table = type(obj).__tablename__  # type: ignore[attr-defined]
            changed = _changes(obj)
            skip = derived.get(table, frozenset())
            if skip and (table, obj.id) not in noted and set(changed) <= skip:
                continue  # derived state only (a lot drawn on): the ledger proves it
            kind, old = noted.setdefault((table, obj.id), (UPDATE, {}))
            if kind == UPDATE:
                for column, value in changed.items():
                    if column not in skip:
                        old.setdefault(column, value)


def _before_commit(session: Session) -> None:
    """One audit entry for the transaction: every record it touched, as now stored."""
    if session.in_nested_transaction():
        return
    session.flush()
    noted: dict[tuple[str, Any], tuple[int, dict[str, Any]]] = session.info.pop(_TX_CHANGES, {})
    if not noted:
        return
    by_table: dict[str, list[Any]] = {}
    for table, row_id in noted:
        by_table.setdefault(table, []).append(row_id)
    connection = transaction_connection(session)
    plans = commit_plans(session, connection)
    changes = []
    for table, ids in by_table.items():
        for row_id, digest in read_digests(connection, table, ids, plans[table]):
            kind, old = noted[(table, row_id)]
            changes.append(
                Change(table, row_id, kind, digest, canonical(old) if kind == UPDATE else None)
            )
    if changes:
        write_entry(
            session,
            str(session.info.get("actor", "system")),
            str(session.info.get("action", "change")),
            changes,
        )


def transaction_connection(session: Session) -> Connection:
    """The session's connection for its current transaction, as `session.connection()`
    gives it, asked of SQLAlchemy once a transaction: the counter's dozen statements a basket
    each paid SQLAlchemy's look-up (half a millisecond a basket on this machine)."""
    return _tx_driver(session)[1]


def _tx_driver(session: Session) -> tuple[Any, Connection]:
    """The driver's cursor for the session's current transaction, and its connection: one
    cursor a transaction (closed at its end), not one for each of the ~36 statements of a
    basket (making a cursor, SQLAlchemy's way to the driver's connection and a context
    manager around each cost more than several of the statements). Every statement on it
    is read to its end before the next, so none is left running."""
    transaction = session.get_transaction()
    found = session.info.get(_TX_CONNECTION)
    if transaction is not None and found is not None and found[0] is transaction:
        return found[2], found[1]
    connection = session.connection()
    if found is not None:
        _close(found[2])
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    session.info[_TX_CONNECTION] = (session.get_transaction(), connection, cursor)
    return cursor, connection


def _close(cursor: Any) -> None:
    """Close a transaction's cursor, whatever became of its connection: a connection lost
    or invalidated on the way (a failing disk) is closed already, and the transaction's
    end must leave the error that ended it to be said, not one of its own."""
    with contextlib.suppress(Exception):
        cursor.close()


def _as_sqlalchemy(connection: Connection, exc: Exception) -> StatementError:
    """A driver's error raised as SQLAlchemy raises it (a full disk stays
    `OperationalError`, said as the store's problem by `Database.session`)."""
    return DBAPIError.instance(
        None, None, exc, connection.dialect.loaded_dbapi.Error, dialect=connection.dialect
    )


@contextlib.contextmanager
def _driver_cursor(connection: Connection) -> Iterator[Any]:
    """A driver's cursor of its own on the connection's transaction (for a connection
    outside a session: a migration, BEGIN), its errors raised as SQLAlchemy raises them."""
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        yield cursor
    except connection.dialect.loaded_dbapi.Error as exc:
        raise _as_sqlalchemy(connection, exc) from exc
    finally:
        cursor.close()


def driver_execute(connection: Connection, sql: str) -> None:
    """One statement of no rows (a `BEGIN`) by the driver's own cursor, its errors raised as
    SQLAlchemy raises them."""
    with _driver_cursor(connection) as cursor:
        cursor.execute(sql)


def driver_rows(session: Session, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """The rows of a plain read (SQL written for SQLite, keys bound as `key_bytes`) on the
    session's transaction by the driver's own cursor, as SQLite hands them over (keys as
    stored, booleans as 0/1), its errors raised as SQLAlchemy's. For the few reads the
    counter makes for every basket: SQLAlchemy's statement machinery cost more than SQLite's
    own work. Reads only what is in the database (no autoflush of pending records)."""
    cursor, connection = _tx_driver(session)
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    except connection.dialect.loaded_dbapi.Error as exc:
        raise _as_sqlalchemy(connection, exc) from exc


def driver_write_many(session: Session, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """`sql` once per row of parameters, as `driver_rows` reads: for a write of derived state
    the audit does not record (what is left of the lots a basket drew on)."""
    cursor, connection = _tx_driver(session)
    try:
        cursor.executemany(sql, rows)
    except connection.dialect.loaded_dbapi.Error as exc:
        raise _as_sqlalchemy(connection, exc) from exc


_PROCESSORS: dict[tuple[str, str, str], dict[str, Any]] = {}


def _bind_processors(table_name: str, dialect: Any) -> dict[str, Any]:
    """Per column of an audited table, what SQLAlchemy does to a value before the driver sees
    it (a key to its 16 bytes, a datetime to SQLite's text), worked out once per driver."""
    key = (table_name, dialect.name, dialect.driver)
    found = _PROCESSORS.get(key)
    if found is None:
        table = Base.metadata.tables[table_name]
        found = _PROCESSORS[key] = {
            column.name: _processor(column.type, dialect) for column in table.columns
        }
    return found


def _processor(column_type: Any, dialect: Any) -> Any:
    """A column type's bind processor; a `Key` whose text type processes nothing on this
    driver (SQLite's) as `Key.process_bind_param` itself, without the TypeDecorator's
    wrapping (the counter binds ~20 keys a basket)."""
    if (
        isinstance(column_type, Key)
        and column_type.impl_instance.dialect_impl(dialect).bind_processor(dialect) is None
    ):
        return _key_param
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _key_param(value: Any) -> Any:
    """What `Key.process_bind_param` makes of a value."""
    return key_bytes(value) if isinstance(value, str) else value


_INSERTS: dict[tuple[Any, ...], tuple[Any, list[tuple[int, Any]], str, str]] = {}


def _insert_plan(
    table_name: str, names: tuple[str, ...], dialect: Any
) -> tuple[Any, list[tuple[int, Any]], str, str]:
    """For rows of these columns: a getter of their values in order, the (position,
    processor) of the columns whose type processes a value, the column list and one row's
    marks for the SQL; made once per table, columns and driver."""
    key = (table_name, names, dialect.name, dialect.driver)
    found = _INSERTS.get(key)
    if found is None:
        processors = _bind_processors(table_name, dialect)
        getter = operator.itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
        steps = [
            (i, step) for i, name in enumerate(names) if (step := processors[name]) is not None
        ]
        columns = ", ".join(f'"{name}"' for name in names)
        marks = "(" + ", ".join("?" for _ in names) + ")"
        found = _INSERTS[key] = (getter, steps, columns, marks)
    return found


def _insert_raw(
    connection: Connection,
    table: Any,
    rows: list[dict[str, Any]],
    numbered: bool,
    cursor: Any = None,
) -> list[int]:
    """INSERT `rows` (the same keys each) with the driver's own cursor, each value bound as
    the ORM binds it; for a numbered table one multi-row statement a chunk with RETURNING,
    its rowids in the order of `rows` (SQLite numbers a statement's rows upwards)."""
    getter, steps, columns, marks = _insert_plan(table.name, tuple(rows[0]), connection.dialect)
    # Only the columns whose type processes a value (keys, times, decimals) are touched: the
    # counter binds a hundred values a basket, most of them passed through as they are.
    values = []
    for row in rows:
        bound = getter(row)
        if steps:
            bound = list(bound)
            for i, step in steps:
                if bound[i] is not None:
                    bound[i] = step(bound[i])
            bound = tuple(bound)
        values.append(bound)
    if cursor is None:  # (a connection outside a session)
        with _driver_cursor(connection) as own:
            return _insert_values(own, table.name, columns, marks, values, numbered)
    try:
        return _insert_values(cursor, table.name, columns, marks, values, numbered)
    except connection.dialect.loaded_dbapi.Error as exc:
        raise _as_sqlalchemy(connection, exc) from exc


def _insert_values(
    cursor: Any, table: str, columns: str, marks: str, values: list[Any], numbered: bool
) -> list[int]:
    if not numbered:
        cursor.executemany(_insert_sql(table, columns, marks, 0), values)
        return []
    ids: list[int] = []
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        cursor.execute(
            _insert_sql(table, columns, marks, len(chunk)),
            [value for row in chunk for value in row],
        )
        ids += sorted(int(r[0]) for r in cursor.fetchall())
    return ids


@functools.lru_cache(maxsize=256)
def _insert_sql(table: str, columns: str, marks: str, rows: int) -> str:
    """INSERT of one row's marks (for `executemany`: `rows` 0), or of `rows` rows at once
    returning their rowids."""
    if not rows:
        return f'INSERT INTO "{table}" ({columns}) VALUES {marks}'
    return (
        f'INSERT INTO "{table}" ({columns}) VALUES ' + ", ".join([marks] * rows) + " RETURNING id"
    )


def insert_created(session: Session, model: type[Audited], rows: list[dict[str, Any]]) -> list[Any]:
    """Insert new audited records of one table with one statement in the session's
    transaction, stamped and noted for the transaction's audit entry exactly as a flush of
    the same ORM objects would be (ids, version 1, the change counter, `updated_at`); returns
    their ids in the order of `rows` (a `Numbered` table's from SQLite, by RETURNING).

    For the writes the counter makes for every basket: the unit of work's bookkeeping for a
    redemption's rows cost more than writing them. Each value is bound as the ORM binds it
    (the column type's own processing), so the rows are the same bytes; nothing is left in
    the session: a caller that needs the rows as records reads them."""
    if not rows:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    seq = _transaction_seq(session)  # as a flush of any audited record takes it
    bumped: set[Any] = session.info[_TX_BUMPED]
    if issubclass(model, Synced):
        now = utc_now()
        for row in rows:
            row["version"], row["change_seq"], row["updated_at"] = 1, seq, now
    cursor, connection = _tx_driver(session)
    if issubclass(model, Numbered):
        ids: list[Any] = _insert_raw(connection, table, rows, numbered=True, cursor=cursor)
    else:
        for row in rows:
            if row.get("id") is None:
                row["id"] = new_uuid()
        _insert_raw(connection, table, rows, numbered=False, cursor=cursor)
        ids = [row["id"] for row in rows]
    if issubclass(model, Synced):
        bumped.update(ids)
    noted: dict[tuple[str, Any], tuple[int, dict[str, Any]]] = session.info.setdefault(
        _TX_CHANGES, {}
    )
    for row_id in ids:
        noted.setdefault((table.name, row_id), (CREATE, {}))
    return ids


def _after_commit(session: Session) -> None:
    new_plans = session.info.pop(_TX_PLANS, None)
    if new_plans is not None:
        info, version, plans = new_plans
        info[_PLANS] = (version, plans)


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_TX_SEQ, None)
        session.info.pop(_TX_BUMPED, None)
        session.info.pop(_TX_CHANGES, None)
        found = session.info.pop(_TX_CONNECTION, None)
        if found is not None:
            _close(found[2])
        session.info.pop(_TX_PLANS, None)


def install(session_class: type[Session] | Any) -> None:
    """Attach the hook to a sessionmaker (or Session class)."""
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "before_commit", _before_commit)
    event.listen(session_class, "after_commit", _after_commit)
    event.listen(session_class, "after_transaction_end", _after_transaction_end)
