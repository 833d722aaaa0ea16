"""A store as its schema and rows, column by column, and back to a file; the lean page image.

The day's backup is now the store's pages without its indexes (`Copy.lean`, `build_indexes`):
SQLite walks its own pages in C, where the rows below cost a Python object per value (3 s
for the five-year demo store against 0.7 s). The rows are still read back (`load`): every
backup written before it holds them.

A SQLite file repeats every key in each index and leaves room in its pages; 16-byte random
keys and digests do not compress, so a compressed page image is about half the store. The
logical form keeps only what cannot be rebuilt:

- the schema (every `CREATE` statement, indexes included, as SQLite recorded it) and the
  header values the app sets (page size, auto-vacuum, user version, application id);
- each table's rows in rowid order (the rowid too, so a restored store is the same store),
  in blocks of at most `BLOCK_ROWS` rows, column after column, so like values sit together:
  a column of dates, names or amounts compresses to little, and a column of 16-byte keys
  is their bytes back to back, where the compressor's long-distance matching finds a key
  again however far back it was first written (a reference costs a few bytes).

Indexes (and the unique indexes behind primary keys) are rebuilt by SQLite at restore.

The stream, all integers little-endian: `MAGIC`, then records `length (4 bytes) + JSON head
+ payload`: first the schema, then one per block `{"t": table, "n": rows, "c": columns,
"e": [[codec, bytes], ...]}` whose payload is each column's bytes, then `{"end": {table:
rows}}`. A column's codec is one letter: `i` integers (8 bytes each), `f` reals (8), `s`
text separated by NUL, `t` text (4-byte lengths, then the bytes), `b` blobs (the same),
`k` 16-byte blobs back to back, `x` mixed (a type byte per row, then each type's values);
with `?` when it holds NULLs (a byte per row first, 1 for NULL; only the others follow).

`load` treats the stream as hostile: every count and length is checked, only `CREATE`
statements of the four kinds run (no `ATTACH`, no `PRAGMA`), the file it builds is capped,
and whatever is wrong comes out as one `Damaged`.
"""

from __future__ import annotations

import contextlib
import gc
import json
import operator
import os
import re
import sqlite3
import struct
import sys
import threading
import time
from array import array
from collections.abc import Iterator
from itertools import compress, repeat
from pathlib import Path
from typing import Any, Protocol

MAGIC = b"EWARONG-STORE-ROWS 1\n"
# The day's backup since issue #15's h15e: the store's pages without its indexes (`Copy.lean`).
# As long as `MAGIC`, so a reader tells the two apart by the same first bytes.
PAGES_MAGIC = b"EWARONG-STORE-PAGE 1\n"
# Index statements a lean image may name (the app's schema has about thirty).
MAX_INDEXES = 1000
BLOCK_ROWS = 32768
KEY_SIZE = 16
# A block's bytes, and any one value: a crafted head never makes us hold more (a real block of
# 32,768 rows is about a megabyte; SQLite allows 2,000 columns).
MAX_BLOCK = 1 << 28
MAX_COLUMNS = 2000
# Values a block may hold (rows x columns): decoded, each costs a Python object, so a crafted
# block of zeros that compress to nothing must not cost gigabytes. Ours: at most 32,768 x 19.
MAX_CELLS = 1 << 21
# However expensive a crafted CHECK or index expression, a restore ends: a genuine five-year
# store rebuilds in seconds, so ten minutes is never a genuine restore.
MAX_SECONDS = 600
_LENGTH = struct.Struct("<I")
_MAX_HEAD = 1 << 24
_SWAP = sys.byteorder != "little"
_KINDS = {"table": "TABLE", "index": "INDEX", "trigger": "TRIGGER", "view": "VIEW"}
_CREATE = re.compile(r"\s*CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\s", re.IGNORECASE)
# A table as SQLite keeps it: its name, then its columns; never `AS SELECT` (SQLite stores a
# table made that way as a plain column list, so only a crafted file holds one).
_TABLE = re.compile(r'\s*CREATE\s+TABLE\s+(?:"[^"]+"|[\w$]+)\s*\(', re.IGNORECASE)
_NOT_OURS = re.compile(r"\bWITHOUT\s+ROWID\b", re.IGNORECASE)
_PRAGMAS = ("page_size", "auto_vacuum", "user_version", "application_id")


class Unsupported(Exception):
    """The store uses something the logical form does not carry: back up its pages instead."""


class Damaged(Exception):
    """The stream is not a whole logical backup (cut short, altered or crafted)."""


class CutShort(Damaged):
    """The stream ends before its last record."""


class TooLarge(Damaged):
    """The file the stream builds would pass the caller's cap."""


class Reader(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _le(values: array[Any]) -> bytes:
    if _SWAP:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_le(typecode: str, data: bytes) -> array[Any]:
    values = array(typecode)
    if len(data) % values.itemsize:
        raise Damaged("column size")
    values.frombytes(data)
    if _SWAP:
        values.byteswap()
    return values


def _record(head: dict[str, Any], payload: bytes = b"") -> bytes:
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()
    return _LENGTH.pack(len(text)) + text + payload


# --- writing ------------------------------------------------------------------------------


def _schema(conn: sqlite3.Connection) -> list[list[str]]:
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    schema = []
    for kind, name, table, sql in rows:
        if name == "sqlite_sequence" or name.startswith("sqlite_stat"):
            continue  # made by SQLite itself (the first from its rows below, the other derived)
        if (
            kind not in _KINDS
            or not _CREATE.match(sql)
            or (kind == "table" and _NOT_OURS.search(sql))
        ):
            raise Unsupported(f"{kind} {name}")
        schema.append([kind, name, table, sql])
    return schema


def _tables(conn: sqlite3.Connection, schema: list[list[str]]) -> list[tuple[str, list[str]]]:
    names = [name for kind, name, _table, _sql in schema if kind == "table"]
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        names.append("sqlite_sequence")
    tables = []
    for name in names:
        columns = conn.execute(f"PRAGMA table_xinfo({_quote(name)})").fetchall()
        if any(c[6] for c in columns) or any(c[1].lower() == "_rowid_" for c in columns):
            raise Unsupported(f"table {name}")
        tables.append((name, [c[1] for c in columns]))
    return tables


def _lengths_and_bytes(values: list[bytes]) -> bytes:
    return _le(array("I", map(len, values))) + b"".join(values)


def _encode(column: tuple[Any, ...]) -> tuple[str, bytes]:
    # The usual column holds one kind of value and no NULL: the C loop that lays it out
    # (array, join) also proves its kind, refusing the first odd value with TypeError.
    laid = _one_kind(column)
    if laid is not None:
        return laid
    mask = bytes(map(operator.is_, column, repeat(None)))
    if 1 not in mask:
        return _reals_or_mixed(column)
    values = tuple(compress(column, map(operator.is_not, column, repeat(None))))
    if not values:
        return "x?", mask  # every value NULL
    laid = _one_kind(values) or _reals_or_mixed(values)
    if laid[0] == "x":
        return "x", _mixed(column)
    return laid[0] + "?", mask + laid[1]


def _one_kind(values: tuple[Any, ...]) -> tuple[str, bytes] | None:
    """`values` (none of them NULL) laid out by their kind, when they share one; else None."""
    kind = type(values[0])
    try:
        if kind is int:
            return "i", _le(array("q", values))
        if kind is str:
            joined = "\x00".join(values)
            if joined.count("\x00") == len(values) - 1:  # no text holds NUL: it separates
                return "s", joined.encode()
            return "t", _lengths_and_bytes([v.encode() for v in values])
        if kind is bytes:
            joined_bytes = b"".join(values)
            if len(joined_bytes) == KEY_SIZE * len(values) and max(map(len, values)) == KEY_SIZE:
                return "k", joined_bytes
            return "b", _le(array("I", map(len, values))) + joined_bytes
    except (TypeError, OverflowError):
        return None  # another kind of value among them (array and join refuse it)
    return None


def _reals_or_mixed(values: tuple[Any, ...]) -> tuple[str, bytes]:
    if set(map(type, values)) == {float}:
        return "f", _le(array("d", values))
    return "x", _mixed(values)


_TAGS = {type(None): 0, int: 1, float: 2, str: 3, bytes: 4}


def _mixed(column: tuple[Any, ...]) -> bytes:
    tags = bytes(_TAGS[type(v)] for v in column)
    ints = array("q", [v for v in column if type(v) is int])
    reals = array("d", [v for v in column if type(v) is float])
    texts = [v.encode() for v in column if type(v) is str]
    blobs = [v for v in column if type(v) is bytes]
    sizes = _LENGTH.pack(len(ints)) + _LENGTH.pack(len(reals)) + _LENGTH.pack(len(texts))
    return (
        tags + sizes + _le(ints) + _le(reals) + _lengths_and_bytes(texts)
        + _lengths_and_bytes(blobs)
    )  # fmt: skip


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block, for work that makes tens of thousands
    of tuples and lists none of which is in a cycle (a backup's block of rows, `check`'s
    replay of the audit log): each would count towards, and be walked by, a collection that
    finds nothing (15% of a backup's time, 0.25 s of a five-year replay)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _fetch(cursor: sqlite3.Cursor) -> list[Any]:
    try:
        return cursor.fetchmany(BLOCK_ROWS)
    except sqlite3.OperationalError as exc:
        if "decode" in str(exc):  # a text that is not UTF-8: the pages carry it as it is
            raise Unsupported(str(exc)) from exc
        raise


def dump(conn: sqlite3.Connection) -> Iterator[bytes]:
    """The logical form of the database `conn` holds, in pieces.

    Raises `Unsupported` before the first piece when the schema holds something this form
    does not carry, or on the way for a text that is not UTF-8.
    Read it in one transaction (an in-memory copy, or inside BEGIN) for a consistent image.
    """
    schema = _schema(conn)
    tables = _tables(conn, schema)
    pragmas = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in _PRAGMAS}
    if conn.execute("PRAGMA encoding").fetchone()[0] != "UTF-8":
        raise Unsupported("encoding")
    yield MAGIC + _record({"schema": schema, "pragmas": pragmas})
    counts = {}
    for name, columns in tables:
        listed = ", ".join(["_rowid_", *map(_quote, columns)])
        cursor = conn.execute(f"SELECT {listed} FROM {_quote(name)} ORDER BY _rowid_")
        counts[name] = 0
        while True:
            with collector_paused():  # a block's rows are freed with it, no cycle among them
                rows = _fetch(cursor)
                encoded = [_encode(column) for column in zip(*rows, strict=False)]
                count = len(rows)
                del rows
            if not count:
                break
            counts[name] += count
            head = {
                "t": name,
                "n": count,
                "c": ["_rowid_", *columns],
                "e": [[codec, len(data)] for codec, data in encoded],
            }
            yield _record(head)
            yield from (data for _codec, data in encoded)  # the payload, never copied whole
    yield _record({"end": {name: n for name, n in counts.items() if n}})


# --- reading ------------------------------------------------------------------------------


class _Input:
    def __init__(self, stream: Reader) -> None:
        self.stream = stream

    def exactly(self, size: int) -> bytes:
        parts, wanted = [], size
        while wanted > 0:
            part = self.stream.read(wanted)
            if not part:
                raise CutShort("cut short")
            parts.append(part)
            wanted -= len(part)
        return b"".join(parts)

    def record(self) -> dict[str, Any]:
        (size,) = _LENGTH.unpack(self.exactly(_LENGTH.size))
        if size > _MAX_HEAD:
            raise Damaged("head too large")
        try:
            head = json.loads(self.exactly(size))
        except (ValueError, RecursionError) as exc:  # bad JSON, deep nesting, huge integers
            raise Damaged("head unreadable") from exc
        if not isinstance(head, dict):
            raise Damaged("head unreadable")
        return head


def read_record(stream: Reader) -> dict[str, Any]:
    """One record (`length + JSON head`) from `stream`: `Damaged` or `CutShort` if none."""
    return _Input(stream).record()


class _Cut:
    """Reads a column's bytes front to back, refusing to read past its end."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.pos + size > len(self.data):
            raise Damaged("column cut short")
        out = self.data[self.pos : self.pos + size]
        self.pos += size
        return out

    def ints(self, count: int, typecode: str = "q") -> list[Any]:
        return _from_le(typecode, self.take(count * array(typecode).itemsize)).tolist()

    def chunks(self, count: int) -> list[bytes]:
        lengths = self.ints(count, "I")
        data = self.take(sum(lengths))
        out, pos = [], 0
        for length in lengths:
            out.append(data[pos : pos + length])
            pos += length
        return out

    def end(self) -> None:
        if self.pos != len(self.data):
            raise Damaged("column has trailing bytes")


def _separated(data: bytes, count: int) -> list[str]:
    try:
        values = data.decode().split("\x00") if count else []
    except UnicodeDecodeError as exc:
        raise Damaged("text not UTF-8") from exc
    if len(values) != count:
        raise Damaged("text count")
    return values


def _text(values: list[bytes]) -> list[str]:
    try:
        return [v.decode() for v in values]
    except UnicodeDecodeError as exc:
        raise Damaged("text not UTF-8") from exc


def _decode(codec: str, data: bytes, rows: int) -> list[Any]:
    cut = _Cut(data)
    kind, nulls = codec.rstrip("?"), codec.endswith("?")
    mask = cut.take(rows) if nulls else b""
    count = rows - sum(mask) if nulls else rows
    if nulls and any(b > 1 for b in mask):
        raise Damaged("null mask")
    values: list[Any]
    if kind == "x" and nulls:
        if count:
            raise Damaged("column kind")
        values = []
    elif kind == "x":
        values = _decode_mixed(cut, rows)
    elif kind == "i":
        values = cut.ints(count)
    elif kind == "f":
        values = _from_le("d", cut.take(count * 8)).tolist()
    elif kind == "s":
        values = _separated(cut.take(len(data) - cut.pos), count)
    elif kind == "t":
        values = _text(cut.chunks(count))
    elif kind == "b":
        values = cut.chunks(count)
    elif kind == "k":
        values = _split_keys(cut.take(count * KEY_SIZE))
    else:
        raise Damaged("column kind")
    cut.end()
    if not nulls:
        return values
    it = iter(values)
    return [None if m else next(it) for m in mask]


def _decode_mixed(cut: _Cut, rows: int) -> list[Any]:
    tags = cut.take(rows)
    n_int, n_real, n_text = (_LENGTH.unpack(cut.take(4))[0] for _ in range(3))
    ints = iter(cut.ints(n_int))
    reals = iter(_from_le("d", cut.take(n_real * 8)).tolist())
    texts = iter(_text(cut.chunks(n_text)))
    n_blob = rows - n_int - n_real - n_text - tags.count(0)
    blobs = iter(cut.chunks(max(n_blob, 0)))
    pick = {0: iter(lambda: None, 0), 1: ints, 2: reals, 3: texts, 4: blobs}
    try:
        out = [next(pick[t]) for t in tags]
    except (KeyError, StopIteration) as exc:
        raise Damaged("mixed column") from exc
    for rest in (ints, reals, texts, blobs):
        if next(rest, _END) is not _END:
            raise Damaged("mixed column")
    return out


_END = object()


_DENIED = {
    sqlite3.SQLITE_ATTACH,
    sqlite3.SQLITE_DETACH,
    sqlite3.SQLITE_PRAGMA,
    sqlite3.SQLITE_CREATE_TEMP_INDEX,
    sqlite3.SQLITE_CREATE_TEMP_TABLE,
    sqlite3.SQLITE_CREATE_TEMP_TRIGGER,
    sqlite3.SQLITE_CREATE_TEMP_VIEW,
}


def _deny_outside(action: int, _arg1: object, _arg2: object, database: object, *_: object) -> int:
    """The authorizer while a backup's statements run: no ATTACH, DETACH or PRAGMA, and
    nothing in any database but the file being built (the temp one has no size cap)."""
    if action in _DENIED or database not in (None, "main"):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _int(head: dict[str, Any], key: str, low: int = 0, high: int = 1 << 62) -> int:
    value = head.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Damaged(f"bad {key}")
    return value


def load(stream: Reader, target: Path, *, max_bytes: int, magic_read: bool = False) -> None:
    """Build the store file `target` (which must not exist) from a logical stream.

    `magic_read`: the caller has already read and checked `MAGIC`. Raises `Damaged` for a
    stream that is not a whole logical backup or builds a file over `max_bytes`.
    """
    source = _Input(stream)
    if not magic_read and source.exactly(len(MAGIC)) != MAGIC:
        raise Damaged("not a logical backup")
    first = source.record()
    schema, pragmas = first.get("schema"), first.get("pragmas")
    if not isinstance(schema, list) or not isinstance(pragmas, dict):
        raise Damaged("no schema")
    conn = sqlite3.connect(target, isolation_level=None)
    # No value built while rows go in (a crafted CHECK or index expression) may be huge.
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_BLOCK)
    with _refusing(conn):
        _build(conn, source, schema, pragmas, max_bytes)


@contextlib.contextmanager
def _refusing(conn: sqlite3.Connection) -> Iterator[None]:
    """Close `conn` after the block; what SQLite refuses in it is a `TooLarge` backup when
    the size cap (max_page_count) was reached, a `Damaged` one otherwise."""
    try:
        yield
    except sqlite3.Error as exc:
        if "full" in str(exc):  # max_page_count reached
            raise TooLarge(str(exc)) from exc
        raise Damaged(str(exc)) from exc
    finally:
        conn.close()


def _build(
    conn: sqlite3.Connection,
    source: _Input,
    schema: list[Any],
    pragmas: dict[str, Any],
    max_bytes: int,
) -> None:
    page_size = _int(pragmas, "page_size", 512, 65536)
    conn.execute(f"PRAGMA page_size = {page_size}")
    conn.execute(f"PRAGMA auto_vacuum = {_int(pragmas, 'auto_vacuum', 0, 2)}")
    conn.execute(
        f"PRAGMA user_version = {_int(pragmas, 'user_version', -(1 << 31), (1 << 31) - 1)}"
    )
    conn.execute(
        f"PRAGMA application_id = {_int(pragmas, 'application_id', -(1 << 31), (1 << 31) - 1)}"
    )
    conn.execute("PRAGMA journal_mode = OFF")  # a private file, renamed in only once whole
    conn.execute("PRAGMA synchronous = OFF")  # the caller fsyncs it before it counts
    conn.execute(f"PRAGMA max_page_count = {max(max_bytes // page_size, 1)}")
    deadline = time.monotonic() + MAX_SECONDS
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    later: list[str] = []
    conn.set_authorizer(_deny_outside)
    conn.execute("BEGIN")
    for entry in schema:
        if not (
            isinstance(entry, list) and len(entry) == 4 and all(isinstance(e, str) for e in entry)
        ):
            raise Damaged("schema entry")
        kind, _name, _table, sql = entry
        match = _CREATE.match(sql)
        if kind not in _KINDS or match is None or match[2].upper() != _KINDS[kind]:
            raise Damaged("schema entry")
        if kind == "table":
            if _TABLE.match(sql) is None:
                raise Damaged("schema entry")
            conn.execute(sql)
        else:
            later.append(sql)  # indexes, triggers and views once the rows are in
    counts: dict[str, int] = {}
    while True:
        head = source.record()
        if "end" in head:
            if head["end"] != counts or len(head) != 1:
                raise Damaged("row counts")
            break
        table, columns = head.get("t"), head.get("c")
        rows = _int(head, "n", 1, BLOCK_ROWS)
        layout = head.get("e")
        if not (
            isinstance(table, str)
            and isinstance(columns, list)
            and columns[:1] == ["_rowid_"]
            and all(isinstance(c, str) for c in columns)
            and isinstance(layout, list)
            and len(layout) == len(columns) <= MAX_COLUMNS
            and all(
                isinstance(e, list) and len(e) == 2 and isinstance(e[0], str)
                and isinstance(e[1], int) and 0 <= e[1] <= MAX_BLOCK
                for e in layout
            )
        ):  # fmt: skip
            raise Damaged("block head")
        if sum(size for _codec, size in layout) > MAX_BLOCK or rows * len(columns) > MAX_CELLS:
            raise Damaged("block too large")
        decoded = [_decode(codec, source.exactly(size), rows) for codec, size in layout]
        if any(len(values) != rows for values in decoded):
            raise Damaged("column length")
        if table == "sqlite_sequence" and table not in counts:
            # Rows put back into AUTOINCREMENT tables wrote their own; the stored ones rule.
            conn.execute("DELETE FROM sqlite_sequence")
        listed = ", ".join(map(_quote, columns))
        marks = ", ".join("?" * len(columns))
        conn.executemany(
            f"INSERT INTO {_quote(table)} ({listed}) VALUES ({marks})", zip(*decoded, strict=True)
        )
        counts[table] = counts.get(table, 0) + rows
    for sql in later:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.set_authorizer(None)
    conn.set_progress_handler(None, 0)


def build_indexes(target: Path, statements: object, *, max_bytes: int) -> None:
    """Create the indexes a lean image (`Copy.lean`) names in the store file `target`.

    The statements come from a file that is hostile until proven whole: only `CREATE
    [UNIQUE] INDEX` statements run, under the same authorizer, cap and deadline as `load`.
    Raises `Damaged` (or `TooLarge`) for anything else, or for an index SQLite refuses
    (a UNIQUE index over duplicates: the rows are not what the store held).
    """
    if not (
        isinstance(statements, list)
        and len(statements) <= MAX_INDEXES
        and all(isinstance(sql, str) and len(sql) <= _MAX_HEAD for sql in statements)
    ):
        raise Damaged("index list")
    for sql in statements:
        match = _CREATE.match(sql)
        if match is None or match[2].upper() != "INDEX":
            raise Damaged("index statement")
    conn = sqlite3.connect(target, isolation_level=None)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_BLOCK)
    with _refusing(conn):
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA synchronous = OFF")  # fsynced below, once whole
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        conn.execute(f"PRAGMA max_page_count = {max(max_bytes // max(page_size, 512), 1)}")
        deadline = time.monotonic() + MAX_SECONDS
        conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        conn.set_authorizer(_deny_outside)
        conn.execute("BEGIN")
        for sql in statements:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.set_authorizer(None)
        conn.set_progress_handler(None, 0)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _split_keys(data: bytes) -> list[bytes]:
    return [data[i : i + KEY_SIZE] for i in range(0, len(data), KEY_SIZE)]


# --- the live store -----------------------------------------------------------------------


class Copy:
    """The store copied into memory in one read transaction, with what a backup must know.

    SQLite's quick check of every page runs on its own thread while the copy is written out
    (the statement releases Python's lock), on the source connection still inside the read
    transaction the copy was made in: the very pages copied. `problems` waits for it.
    """

    def __init__(self, conn: sqlite3.Connection, source: sqlite3.Connection) -> None:
        self.conn = conn
        self._source = source
        self._checked: list[str] = []
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._check, name="backup-quick-check")
        self._thread.start()

    def _check(self) -> None:
        try:
            self._checked = [str(r[0]) for r in self._source.execute("PRAGMA quick_check")]
        except BaseException as exc:  # handed to the caller by `problems`
            self._failed = exc

    def wait(self) -> None:
        """Wait for the page check (once done, the source connection is free to close)."""
        self._thread.join()

    @property
    def problems(self) -> list[str]:
        """SQLite's quick check of the copied pages: ["ok"] when sound."""
        self.wait()
        if self._failed is not None:
            raise self._failed
        return self._checked

    @property
    def revision(self) -> str | None:
        """The schema revision the copy records (None for an unsound copy or none)."""
        if self.problems != ["ok"]:
            return None
        with contextlib.suppress(sqlite3.Error):
            row = self.conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
        return None

    @property
    def codes(self) -> list[object]:
        """Every warong profile's code in the copy (a sound store has one)."""
        if self.problems != ["ok"]:
            return []
        with contextlib.suppress(sqlite3.Error):
            return [r[0] for r in self.conn.execute("SELECT code FROM warong_profile")]
        return []

    def rows(self) -> Iterator[bytes]:
        """The logical form (`dump`) of the copy."""
        return dump(self.conn)

    def lean(self) -> Iterator[bytes | memoryview]:
        """The copy's pages without its indexes, in pieces: `PAGES_MAGIC`, a record
        `{"indexes": [CREATE INDEX statements]}`, then the image (`image`) of the copy once
        those indexes are dropped and it is VACUUMed. SQLite rebuilds them at restore
        (`build_indexes`); the indexes SQLite makes itself for PRIMARY KEY and UNIQUE
        constraints stay. Index pages are a quarter of the store and, sorted random keys,
        barely compress: the image without them compresses to about a quarter of the store
        (a third with them), in a fraction of the time the rows took (`dump`).

        Drops and VACUUMs the in-memory copy itself: read `revision` and `codes` as usual.
        """
        listed = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            " ORDER BY rowid"
        ).fetchall()
        for name, _sql in listed:
            self.conn.execute(f"DROP INDEX {_quote(name)}")
        # The VACUUM's own copy in memory too, not in a temporary file: the rows hold NIKs
        # and names, which have no business in the system's temporary folder.
        self.conn.execute("PRAGMA temp_store = MEMORY")
        self.conn.execute("VACUUM")
        view = memoryview(self.conn.serialize())
        # The image's length too: a stream cut short is told from a whole one.
        indexes = [sql for _name, sql in listed]
        yield PAGES_MAGIC + _record({"indexes": indexes, "bytes": len(view)})
        yield from _image_pieces(view)

    def image(self) -> Iterator[bytes | memoryview]:
        """The copy as a SQLite file, in pieces (`_image_pieces`)."""
        return _image_pieces(memoryview(self.conn.serialize()))


def _image_pieces(view: memoryview) -> Iterator[bytes | memoryview]:
    """A serialized database as a SQLite file, in pieces: its header marked as a
    rollback-journal database (bytes 18-19, what `PRAGMA journal_mode = DELETE` writes), so
    the file is self-contained, with no WAL beside it to lose."""
    head = bytes(view[:100])
    if head[18:20] == b"\x02\x02":
        head = head[:18] + b"\x01\x01" + head[20:]
    yield head
    for start in range(100, len(view), 1 << 20):
        yield view[start : start + (1 << 20)]


@contextlib.contextmanager
def copy_of(source: Path) -> Iterator[Copy]:
    """Copy the live store `source` page by page into memory (SQLite's backup API inside one
    read transaction, so nothing in the WAL is missed or torn) and check every page of that
    same snapshot (`Copy.problems`) while the caller writes the copy out."""
    mem = sqlite3.connect(":memory:")
    try:
        uri = f"{Path(source).resolve().as_uri()}?mode=rw"  # never creates a missing file
        src = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)
        try:
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot
            src.backup(mem)
            copy = Copy(mem, src)
            try:
                yield copy
            finally:
                copy.wait()
        finally:
            src.close()
    finally:
        mem.close()
