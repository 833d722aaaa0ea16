"""Work on a store file itself with plain sqlite3: snapshot, page check, schema revision.

These are the operations that must run below SQLAlchemy (a backup page by page, a check of a
file that may be no database at all, a store set aside or restored). They say what SQLite
found and raise what SQLite raises; what that means to the operator is the services' call.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from ewarong_desktop.store.database import Database

# What SQLite raises on a file: `DatabaseError` for one that is no database or is malformed,
# its subclass `OperationalError` for the environment (disk full, locked, read-only).
Error = sqlite3.Error
DatabaseError = sqlite3.DatabaseError
OperationalError = sqlite3.OperationalError
# Whatever either driver raises reading a file that is not a whole store.
UNREADABLE: tuple[type[Exception], ...] = (SQLAlchemyError, sqlite3.Error)


@contextlib.contextmanager
def connect(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that never creates a missing file."""
    mode = "ro" if read_only else "rw"
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode={mode}", uri=True, timeout=10)
    try:
        yield conn
    finally:
        conn.close()


def quick_check(path: Path, *, read_only: bool = False) -> list[str]:
    """SQLite's quick check of every page: `["ok"]` for a sound file, else what it found."""
    with connect(path, read_only=read_only) as conn:
        return [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]


def schema_revision_of(path: Path) -> str | None:
    """The Alembic revision the file records, None when the table is empty."""
    with connect(path) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def warong_codes(path: Path, *, read_only: bool = False) -> list[object]:
    """The `code` of every row of the file's warong profile, as stored (a sound store has one)."""
    with connect(path, read_only=read_only) as conn:
        return [r[0] for r in conn.execute("SELECT code FROM warong_profile").fetchall()]


def checkpoint(path: Path) -> None:
    """Fold the WAL beside `path` into the file and truncate it."""
    with connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def delete_meta(db: Database, key: str) -> None:
    """Remove one `store_meta` entry below the ORM (no audit row: a file being prepared)."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM store_meta WHERE key = ?", (key,))


def read_meta(path: Path, key: str) -> str | None:
    """One `store_meta` value of the file, None when it has none."""
    with connect(path) as conn:
        row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put_meta_if_missing(path: Path, key: str, value: str) -> str:
    """Store `value` under `key` unless the file has one already; returns the one kept."""
    with connect(path) as conn:
        conn.execute("PRAGMA busy_timeout = 10000")
        with conn:
            conn.execute(
                "INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, ?)", (key, value)
            )
        row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
    return str(row[0])
