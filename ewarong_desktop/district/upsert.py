"""Reading rule 5: upsert a bundle's records by id, keeping the higher version, in bulk.

Set-based on purpose: one SELECT per 500 ids, one executemany INSERT and one UPDATE per
table, so a province's year of bundles imports in seconds rather than row-by-row ORM minutes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Executable,
    Insert,
    Select,
    Table,
    Update,
    and_,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError

from ewarong_desktop.district.models import (
    RECORD_MODELS,
    OtherRecord,
    RecordVersion,
    held_version,
)
from ewarong_desktop.district.records import fund_columns
from ewarong_desktop.sync.strictjson import JsonText, dumps_canonical, dumps_line

CHUNK = 500
WRITE_CHUNK = 5_000  # records written per executemany


class Stored(NamedTuple):
    code: str
    version: int
    digest: str


@dataclass
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    # A lower version than the one held (a laptop restored from an older backup): the held
    # one is kept, and each of these is flagged for review like a conflict.
    older: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    # What the checks look at: records written (new or higher version) per table, and
    # (table, version held before, new version) for each higher version.
    written: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    replaced: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    flags: int = 0  # flags newly raised by this bundle

    def add(self, other: UpsertCounts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.older += other.older
        self.conflicts += other.conflicts
        for table, records in other.written.items():
            self.written.setdefault(table, []).extend(records)
        self.replaced += other.replaced


def table_for(name: str) -> Table:
    model: Any = RECORD_MODELS.get(name, OtherRecord)
    table: Table = model.__table__
    return table


# Statements built once per table: building (and cache-keying) a fresh one per bundle and
# chunk cost more than the rows it wrote. Ids go in as one expanding parameter.
_STATEMENTS: dict[tuple[str, str], Executable] = {}


def _by_ids(name: str, *columns: str) -> Select[Any]:
    key = (name, "select " + " ".join(columns))
    statement = _STATEMENTS.get(key)
    if statement is None:
        table = table_for(name)
        condition: ColumnElement[bool] = table.c.id.in_(bindparam("ids", expanding=True))
        if name not in RECORD_MODELS:
            condition = and_(condition, table.c.table_name == bindparam("table_name"))
        statement = _STATEMENTS[key] = select(*(table.c[c] for c in columns)).where(condition)
    return statement  # type: ignore[return-value]


def _insert(name: str) -> Insert:
    statement = _STATEMENTS.get((name, "insert"))
    if statement is None:
        statement = _STATEMENTS[(name, "insert")] = table_for(name).insert()
    return statement  # type: ignore[return-value]


def _update(name: str, keys: tuple[str, ...]) -> Update:
    key = (name, "update " + " ".join(keys))
    statement = _STATEMENTS.get(key)
    if statement is None:
        table = table_for(name)
        built = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values({k: bindparam(f"b_{k}") for k in keys})
        )
        if name not in RECORD_MODELS:
            built = built.where(table.c.table_name == bindparam("b_table_name"))
        statement = _STATEMENTS[key] = built
    return statement  # type: ignore[return-value]


_VERSIONS_INSERT = insert(RecordVersion)


def on_driver(
    conn: Connection, sql: str, arguments: Any, many: bool = False
) -> list[tuple[Any, ...]]:
    """`conn.exec_driver_sql(sql, arguments)` on the driver's own cursor, skipping
    SQLAlchemy's execution context: an import runs about fifteen statements per bundle, and
    that context cost more than a small bundle's SQL. Only inside a transaction already
    begun (SQLAlchemy begins it, so SQLite's `BEGIN IMMEDIATE`/`DEFERRED` holds); otherwise
    SQLAlchemy runs it and begins one. A driver error is raised as SQLAlchemy's, as before.
    Rows are the driver's tuples, which `exec_driver_sql` returned too (no type processing)."""
    if not conn.in_transaction():
        result = conn.exec_driver_sql(sql, arguments)
        return [] if many else [tuple(row) for row in result]
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if many:
            cursor.executemany(sql, arguments)
            return []
        cursor.execute(sql, arguments)
        return list(cursor.fetchall()) if cursor.description else []
    except dbapi.Error as exc:
        raise DBAPIError.instance(sql, arguments, exc, dbapi.Error) from exc
    finally:
        cursor.close()


_DRIVER_SQL: dict[tuple[int, tuple[str, ...], str], tuple[str, tuple[str, ...] | None]] = {}


def executemany(
    conn: Connection,
    statement: Insert | Update,
    rows: list[dict[str, Any]],
    keys: tuple[str, ...] | None = None,
) -> None:
    """`conn.execute(statement, rows)` for plain columns (text, integers, booleans), handing
    the rows straight to the driver's executemany: SQLAlchemy's per-row parameter processing
    cost more than SQLite's insert itself. The statement is compiled once per dialect and
    set of keys (`keys`, or those of the first row); every row must have them."""
    keys = keys or tuple(rows[0])
    dialect = conn.dialect
    cache_key = (id(statement), keys, f"{dialect.name}+{dialect.driver} {dialect.paramstyle}")
    found = _DRIVER_SQL.get(cache_key)
    if found is None:
        compiled = statement.compile(dialect=dialect, column_keys=list(keys))
        order = tuple(compiled.positiontup or ()) if compiled.positional else None
        found = _DRIVER_SQL[cache_key] = (str(compiled), order)
    sql, order = found
    if order is None:
        on_driver(conn, sql, rows if len(rows[0]) == len(keys) else [
            {k: row[k] for k in keys} for row in rows
        ], many=True)  # fmt: skip
    elif len(order) == 1:
        on_driver(conn, sql, [(row[order[0]],) for row in rows], many=True)
    else:
        on_driver(conn, sql, list(map(itemgetter(*order), rows)), many=True)


_PLAIN_SQL: dict[tuple[int, tuple[str, ...], str], tuple[str, Any, dict[str, Any]] | None] = {}


def run_plain(
    conn: Connection,
    statement: Select[*tuple[Any, ...]] | CompoundSelect[*tuple[Any, ...]],
    params: dict[str, Any] | None = None,
) -> list[tuple[Any, ...]]:
    """`conn.execute(statement, params)` as plain tuples, compiled once per dialect (cache
    by the statement's identity: pass statements built once) and handed to the driver. Only
    for values the driver takes as they are (text, integers): a statement with a bind that
    SQLAlchemy would convert (a date, a boolean on SQLite) goes through `conn.execute`."""
    params = params or {}
    dialect = conn.dialect
    key = (id(statement), tuple(params), f"{dialect.name}+{dialect.driver} {dialect.paramstyle}")
    if key not in _PLAIN_SQL:
        compiled = statement.compile(dialect=dialect)
        binds = compiled.binds.values()
        if any(b.type.dialect_impl(dialect).bind_processor(dialect) for b in binds):
            _PLAIN_SQL[key] = None
        else:
            # Values written into the statement (literals), by the names the SQL uses.
            fixed = {
                name: bind.effective_value
                for bind, name in compiled.bind_names.items()
                if name not in params
            }
            order = tuple(compiled.positiontup or ()) if compiled.positional else None
            _PLAIN_SQL[key] = (str(compiled), order, fixed)
    found = _PLAIN_SQL[key]
    if found is None:
        return [tuple(row) for row in conn.execute(statement, params)]
    sql, order, fixed = found
    values = {**fixed, **params}
    return on_driver(conn, sql, tuple(values[k] for k in order) if order is not None else values)


_IN_SQL: dict[tuple[int, int, tuple[str, ...], str], tuple[str, Any, dict[str, Any]]] = {}


def _in_size(n: int) -> int:
    """The list sizes statements are compiled for: powers of two up to CHUNK (a list is
    padded with its last id, which changes nothing an IN matches)."""
    size = 1
    while size < n:
        size *= 2
    return min(size, CHUNK)


def rows_in(
    conn: Connection,
    statement: Select[*tuple[Any, ...]] | CompoundSelect[*tuple[Any, ...]],
    ids: Sequence[str],
    params: dict[str, Any] | None = None,
    name: str = "ids",
) -> list[tuple[Any, ...]]:
    """`conn.execute(statement, {name: chunk, **params})` for each CHUNK of `ids`, where
    `name` is an expanding parameter (`IN`), handed straight to the driver: SQLAlchemy
    renders an expanding list on every execution, which cost more than the lookups. The SQL
    is compiled once per dialect and list size (cached by the statement's identity: pass
    statements built once, at import or in a cache); results are plain tuples."""
    params = params or {}
    names = tuple(params)
    dialect = conn.dialect
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        size = _in_size(len(chunk))
        chunk += chunk[-1:] * (size - len(chunk))
        key = (id(statement), size, names, f"{dialect.name}+{dialect.driver} {dialect.paramstyle}")
        found = _IN_SQL.get(key)
        if found is None:
            compiled = statement.params({name: chunk, **params}).compile(
                dialect=dialect, compile_kwargs={"render_postcompile": True}
            )
            # Fixed values (literals) are kept; the list and `params` are filled per call.
            fixed = {
                k: b.effective_value
                for k, b in compiled.binds.items()
                if k != name and k not in params
            }
            if compiled.positional:
                # Each placeholder's place in `chunk + params' values + fixed values`, so one
                # C-level itemgetter lays out the arguments (a list may appear several times).
                slot = {f"{name}_{n}": n - 1 for n in range(1, size + 1)}
                slot.update((k, size + i) for i, k in enumerate(names))
                slot.update((k, size + len(names) + i) for i, k in enumerate(fixed))
                places = [slot[k] for k in compiled.positiontup or ()]
                if len(places) == 1:  # itemgetter of one place gives the value itself
                    found = (str(compiled), lambda values, p=places[0]: (values[p],), fixed)
                else:
                    found = (str(compiled), itemgetter(*places), fixed)
            else:
                found = (str(compiled), None, fixed)
            _IN_SQL[key] = found
        sql, layout, fixed = found
        if layout is not None:
            arguments: Any = layout([*chunk, *params.values(), *fixed.values()])
        else:
            arguments = {**fixed, **params}
            arguments.update((f"{name}_{n}", value) for n, value in enumerate(chunk, start=1))
        rows += on_driver(conn, sql, arguments)
    return rows


def _select_by_ids(conn: Connection, name: str, ids: Sequence[str], *columns: str) -> list[Any]:
    params = {} if name in RECORD_MODELS else {"table_name": name}
    return rows_in(conn, _by_ids(name, *columns), ids, params)


def stored_rows(conn: Connection, name: str, ids: Sequence[str]) -> dict[str, Stored]:
    """What the district holds for these ids of table `name`, whoever owns them."""
    rows = _select_by_ids(conn, name, ids, "id", "warong_code", "version", "content_sha256")
    return {row[0]: Stored(row[1], row[2], row[3]) for row in rows}


def _columns(name: str, record: dict[str, Any]) -> dict[str, Any]:
    """The typed columns of one record; everything else lives in `record` (JSON text)."""
    if name == "beneficiaries":
        return {
            "nik": record["nik"],
            "kks_number": record["kks_number"],
            "name": record["name"],
            "desa": record["desa"],
            "active": record["active"],
        }
    if name == "products":
        return {"name": record["name"], "category": record["category"], "unit": record["unit"]}
    if name == "purchases":
        return {
            "date": record["date"],
            "month": record["date"][:7],
            "source": record["source"],
            "source_kind": record["source_kind"],
            "source_name": record["source_name"],
            "total_rupiah": record["total_rupiah"],
            "status": record["status"],
            "source_tax_id": record.get("source_tax_id"),
            "unmatched": False,  # the checks of this bundle set it again
        }
    if name == "fund_entries":
        return fund_columns(record)
    if name == "redemptions":
        return {
            "beneficiary_id": record["beneficiary_id"],
            "period": record["period"],
            "total_rupiah": record["total_rupiah"],
            "edc_reference": record["edc_reference"],
            "status": record["status"],
            "unmatched": False,
        }
    return {"table_name": name}


def _row(
    name: str, code: str, bundle_id: int, record: dict[str, Any], digest: str, text: str
) -> dict[str, Any]:
    row = _columns(name, record)
    row.update(
        id=record["id"],
        warong_code=code,
        version=record["version"],
        content_sha256=digest,
        updated_at=record["updated_at"],
        bundle_id=bundle_id,
        # The line as received, in the history row; only `other_records` keeps it beside
        # the columns as well.
        record=text,
    )
    return row


def _redemption_row(
    code: str, bundle_id: int, r: dict[str, Any], digest: str, text: str
) -> dict[str, Any]:
    """`_row("redemptions", ...)` in one dict display: the bulk of every bundle."""
    return {
        "beneficiary_id": r["beneficiary_id"],
        "period": r["period"],
        "total_rupiah": r["total_rupiah"],
        "edc_reference": r["edc_reference"],
        "status": r["status"],
        "unmatched": False,
        "id": r["id"],
        "warong_code": code,
        "version": r["version"],
        "content_sha256": digest,
        "updated_at": r["updated_at"],
        "bundle_id": bundle_id,
        "record": text,
    }


def _row_builder(name: str) -> Any:
    """(code, bundle_id, record, digest, text) -> the row, as `_row(name, ...)` builds it."""
    if name == "redemptions":
        return _redemption_row
    return lambda code, bundle_id, record, digest, text: _row(
        name, code, bundle_id, record, digest, text
    )


def _record_columns(name: str, row: dict[str, Any]) -> tuple[str, ...] | None:
    """The keys of `row` that are columns of `name`'s table (the record text goes to the
    history only, except in `other_records`)."""
    if name not in RECORD_MODELS:
        return None
    return tuple(k for k in row if k != "record")


def content_digest(record: dict[str, Any]) -> str:
    """`records.content_digest`: SHA-256 of the canonical line without updated_at, what
    "the same version with other content" is judged by (and version flags are keyed by)."""
    content = record.copy()
    content.pop("updated_at", None)
    return hashlib.sha256(dumps_canonical(content).encode("utf-8") + b"\n").hexdigest()


def upsert_records(
    conn: Connection,
    name: str,
    code: str,
    bundle_id: int,
    records: Sequence[dict[str, Any]],
    stored: dict[str, Stored],
    lines: Sequence[bytes] | None = None,
    digests: Sequence[str] | None = None,
) -> UpsertCounts:
    """Insert new ids, update where the version is higher, flag same version + other content
    and a lower version than the one held.

    `stored` is what `stored_rows` returned for these ids (the reader already refused ids
    owned by another e-warong). `lines`: each record's line as received (rule 3 checked it
    and parsed `records` from it), stored as it is in the history and hashed for
    `content_sha256`; without them each record is written in the canonical form. `digests`:
    each line's SHA-256, when the reading worker computed them (`pipeline.py`).
    """
    counts = UpsertCounts()
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    written: list[dict[str, Any]] = []
    # (position, id, held) only: a crafted bundle's records may each cost megabytes parsed.
    same_version: list[tuple[int, str, Stored]] = []
    sha256 = hashlib.sha256
    build = _row_builder(name)
    for n, record in enumerate(records):
        # The line as received: one hash and one decode instead of encoding it again.
        line = lines[n] if lines is not None else dumps_canonical(record).encode("utf-8")
        digest = (
            digests[n] if digests is not None and lines is not None else sha256(line).hexdigest()
        )
        held = stored.get(record["id"])
        if held is None:
            inserts.append(build(code, bundle_id, record, digest, line.decode("utf-8")))
            written.append(record)
        elif record["version"] > held.version:
            updates.append(build(code, bundle_id, record, digest, line.decode("utf-8")))
            written.append(record)
        elif record["version"] == held.version and digest == held.digest:
            counts.unchanged += 1  # the very same line again
        else:
            same_version.append((n, record["id"], held))  # rare: judged by content below
        if len(inserts) + len(updates) >= WRITE_CHUNK:
            _flush(conn, name, code, bundle_id, inserts, updates, written, counts)
            inserts, updates = [], []
    _flush(conn, name, code, bundle_id, inserts, updates, written, counts)
    if same_version:
        _judge(conn, name, records, same_version, counts)
    if written:
        counts.written[name] = written
    return counts


JUDGE_CHUNK = 50  # held lines fetched at once (each up to the reader's line limit)


def _judge(
    conn: Connection,
    name: str,
    records: Sequence[dict[str, Any]],
    pairs: list[tuple[int, str, Stored]],
    counts: UpsertCounts,
) -> None:
    """A lower version (flagged), or the same version in another line: unchanged when its
    content (without updated_at) is the held one's, else flagged. Digests in the flags are
    content digests, whatever form the held one was stored in. One record parsed at a time."""
    for start in range(0, len(pairs), JUDGE_CHUNK):
        part = pairs[start : start + JUDGE_CHUNK]
        texts = _held_texts(conn, name, [rid for _n, rid, _held in part])
        for n, rid, held in part:
            record = records[n]
            incoming = content_digest(record)
            text = texts.get(rid)
            stored = content_digest(json.loads(text)) if text is not None else held.digest
            entry = {
                "table": name,
                "id": rid,
                "version": record["version"],
                "stored_sha256": stored,
                "incoming_sha256": incoming,
                "incoming": JsonText(dumps_line(record)),  # parsed only to write its flag
            }
            if record["version"] < held.version:
                counts.older.append({**entry, "stored_version": held.version})
            elif incoming in (stored, held.digest):
                counts.unchanged += 1
            else:
                counts.conflicts.append(entry)


def _flush(
    conn: Connection,
    name: str,
    code: str,
    bundle_id: int,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    written: list[dict[str, Any]],
    counts: UpsertCounts,
) -> None:
    """Write one chunk: rows, their history, and what the updated ones replace. Chunks keep
    a big bundle's row copies from doubling what the reader already holds in memory."""
    if updates:
        # The versions about to be replaced, for the changed-facts checks.
        before = _held_records(conn, name, [row["id"] for row in updates])
        new = {row["id"] for row in updates}
        by_id = {r["id"]: r for r in written[-len(inserts) - len(updates) :] if r["id"] in new}
        counts.replaced += [
            (name, before[row["id"]], by_id[row["id"]]) for row in updates if row["id"] in before
        ]
    if inserts:
        executemany(conn, _insert(name), inserts, _record_columns(name, inserts[0]))
    if updates:
        columns = _record_columns(name, updates[0]) or tuple(updates[0])
        keys = tuple(c for c in columns if c not in ("id", "table_name"))
        executemany(
            conn,
            _update(name, keys),
            [
                {f"b_{k}": row[k] for k in (*keys, "id", "table_name") if k in row}
                for row in updates
            ],
        )
    if inserts or updates:
        executemany(
            conn,
            _VERSIONS_INSERT,
            [
                {
                    "table_name": name,
                    "record_id": row["id"],
                    "warong_code": code,
                    "version": row["version"],
                    "bundle_id": bundle_id,
                    "record": row["record"],
                    "updated_at": row["updated_at"],
                }
                for row in (*inserts, *updates)
            ],
        )
    counts.inserted += len(inserts)
    counts.updated += len(updates)


_HELD: dict[str, Select[Any]] = {}


def _held_texts(conn: Connection, name: str, ids: Sequence[str]) -> dict[str, str]:
    """The JSON text held for these ids: the history row of each one's version."""
    if name not in RECORD_MODELS:
        return dict(_select_by_ids(conn, name, ids, "id", "record"))
    statement = _HELD.get(name)
    if statement is None:
        model = RECORD_MODELS[name]
        table = table_for(name)
        statement = _HELD[name] = (
            select(table.c.id, RecordVersion.record)
            .join(RecordVersion, held_version(model))
            .where(table.c.id.in_(bindparam("ids", expanding=True)))
        )
    return dict(rows_in(conn, statement, ids))


def _held_records(conn: Connection, name: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The records held for these ids (as received, without updated_at)."""
    held = {rid: json.loads(text) for rid, text in _held_texts(conn, name, ids).items()}
    for record in held.values():
        record.pop("updated_at", None)  # a line as received carries it; it has its column
    return held
