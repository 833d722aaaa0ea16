"""Row digests as the audit log records them, with nothing but the standard library.

`tracking.digest_rows` (the audit hook at every commit, `check`) and `check`'s second process
share this one loop. The module imports no SQLAlchemy and none of the app, so a process
spawned to digest a five-year store's rows beside `check`'s replay of the audit log starts in
a few tens of milliseconds.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DIGEST_SIZE = 16


class NoDefault:
    """Stands in the plan for a column without a migration default: equal to no value
    (compared by identity), and still so after being pickled to another process."""

    def __repr__(self) -> str:
        return "NoDefault()"


@dataclass(frozen=True)
class Plan:
    """How to digest one table as it stands in the file: `prefix` (its name and a NUL),
    each column's migration default in column order (`NoDefault` where none), the
    position of `id`, and the positions of derived columns, digested as NULL (0010)."""

    table: str
    prefix: bytes
    tail: tuple[Any, ...]
    at: int
    blank: tuple[int, ...] = ()


def digests(
    raw: sqlite3.Connection, plan: Plan, where: str = "", params: Sequence[Any] = ()
) -> Iterator[tuple[bytes | str, bytes]]:
    """(key as stored, digest) of the rows of the table [matching `where`].

    A row's digest is BLAKE2b of the table's name and Python's `repr` of the row's values in
    column order, as `SELECT *` hands them over, leaving out trailing values that are NULL
    or the column's migration default (see `tracking.digest_rows`).
    """
    prefix, tail, at, blank = plan.prefix, plan.tail, plan.at, plan.blank
    width, blake2b = len(tail), hashlib.blake2b
    for row in raw.execute(f'SELECT * FROM "{plan.table}" {where}', tuple(params)):
        if blank:  # a small table (lots): the per-row cost is no matter
            row = tuple(None if i in blank else v for i, v in enumerate(row))
        # Inline (no call per row): in `check` this loop runs for every row of the store.
        n = width
        while n and (row[n - 1] is None or row[n - 1] == tail[n - 1]):
            n -= 1
        data = prefix + repr(row if n == width else row[:n]).encode("utf-8", "surrogatepass")
        yield row[at], blake2b(data, digest_size=DIGEST_SIZE).digest()


@dataclass(frozen=True)
class FileDigests:
    """Every row's digest of some tables, read in one snapshot of the file, and the newest
    audit entry of that snapshot (so the reader can tell it saw the same state)."""

    newest: tuple[int, bytes] | None  # (seq, hash) of the newest audit entry
    # table -> (keys, digests, odd): keys that are 16 bytes run together (in row order), the
    # digests run together, and the keys that are not 16 bytes (with their digests) apart;
    # a `Numbered` table's integer keys (0010) as one array of int64 in `keys`, `odd` None.
    tables: dict[str, tuple[bytes, bytes, list[tuple[Any, bytes]] | None]]


def digest_file(path: str, plans: Sequence[Plan]) -> FileDigests:
    """Digest every row of the planned tables of the store file at `path`, read-only, in
    one read transaction (run in a process of its own by `check`)."""
    # As a URI: a folder named with '#', '?' or '%' must not change which file opens.
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    raw = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        raw.execute("BEGIN")
        row = raw.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        newest = None if row is None else (int(row[0]), bytes(row[1]))
        tables: dict[str, tuple[bytes, bytes, list[tuple[Any, bytes]] | None]] = {}
        for plan in plans:
            listed, made = _every_digest(raw, plan)
            if _integer_keys(raw, plan.table):
                numbers = array("q", listed)
                tables[plan.table] = (numbers.tobytes(), b"".join(made), None)
                continue
            keys, found, odd = bytearray(), bytearray(), []
            for key, digest in zip(listed, made, strict=True):
                if isinstance(key, bytes) and len(key) == DIGEST_SIZE:
                    keys += key
                    found += digest
                else:
                    odd.append((key, digest))
            tables[plan.table] = (bytes(keys), bytes(found), odd)
        raw.execute("COMMIT")
        return FileDigests(newest, tables)
    finally:
        raw.close()


def _every_digest(raw: sqlite3.Connection, plan: Plan) -> tuple[list[Any], list[bytes]]:
    """The keys and digests of every row of the table, as `digests` makes them, in two
    lists. A table whose last column has no migration default (a `Numbered` table's `id`:
    `stock_movements`, `redemption_lines`, 600,000 rows of a five-year store) takes a
    tighter loop: a row whose last value is not NULL has nothing to leave out."""
    width = len(plan.tail)
    if plan.blank or not width or not isinstance(plan.tail[-1], NoDefault):
        pairs = list(digests(raw, plan))
        return [key for key, _ in pairs], [digest for _, digest in pairs]
    tail, at, last = plan.tail, plan.at, width - 1
    # The table's name hashed once; each row's hash goes on from a copy of that state
    # (the same bytes as hashing name and row together, 10% quicker than joining them).
    named = hashlib.blake2b(plan.prefix, digest_size=DIGEST_SIZE)
    keys: list[Any] = []
    made: list[bytes] = []
    add_key, add_digest = keys.append, made.append
    for row in raw.execute(f'SELECT * FROM "{plan.table}"'):
        if row[last] is None:  # as `digests` does it
            n = last
            while n and (row[n - 1] is None or row[n - 1] == tail[n - 1]):
                n -= 1
            data = repr(row[:n]).encode("utf-8", "surrogatepass")
        else:
            data = repr(row).encode("utf-8", "surrogatepass")
        add_key(row[at])
        digest = named.copy()
        digest.update(data)
        add_digest(digest.digest())
    return keys, made


def _integer_keys(raw: sqlite3.Connection, table: str) -> bool:
    """Whether `id` is the table's rowid (an INTEGER PRIMARY KEY): every key an integer."""
    for row in raw.execute(f'PRAGMA table_info("{table}")'):
        if row[1] == "id":
            return str(row[2]).upper() == "INTEGER" and bool(row[5])
    return False
