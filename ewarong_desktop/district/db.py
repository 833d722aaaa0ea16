"""Opening the district database: SQLite by default, any SQLAlchemy URL, migrated at start."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ewarong_desktop.domain.errors import StoreProblem

APP_DIR_NAME = "ewarong-district"
DB_ENV = "EWARONG_DISTRICT_DB"
DB_FILE = "district.sqlite"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE


def sqlite_target(db: str | None) -> tuple[Path, str] | None:
    """The SQLite file the district database lives in, and who named it: `--db`,
    `EWARONG_DISTRICT_DB`, or "" for the default in the user data folder. None for an
    SQLAlchemy URL (a value with `://`)."""
    env = os.environ.get(DB_ENV)
    if db:
        value, origin = db, "--db"
    elif env:
        value, origin = env, DB_ENV
    else:
        return default_db_path(), ""
    if "://" in value:
        return None
    return Path(value).expanduser(), origin


def resolve_url(db: str | None) -> str:
    """`--db`, else `EWARONG_DISTRICT_DB`, else the SQLite file in the user data folder.

    A value with `://` is an SQLAlchemy URL (`postgresql+psycopg://user@host/db`); anything
    else is the path of a SQLite file. Only the default's folder is created: a folder named
    by hand that does not exist is a typo, and SQLite then refuses to open the file.
    """
    target = sqlite_target(db)
    if target is None:
        return str(db or os.environ.get(DB_ENV))
    path, origin = target
    if not origin:
        path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a group of bundles the officer has been told is imported is on the disk when
    # it is said, so a power cut cannot take back what the officer may already have acted
    # on (handed the stick back, struck the shop off the list). The import commits once per
    # group of bundles, so the fsync is paid a few times an import, not once a bundle.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    # 64 MiB of page cache: records are keyed by random UUIDs, so a year of a district's
    # inserts touches pages all over each table; the default 2 MiB makes bulk import crawl.
    cursor.execute("PRAGMA cache_size = -65536")
    # Checkpoint (and fsync) every ~40 MiB of WAL instead of every 4 MiB: a bulk import
    # writes each bundle in its own transaction, and the fsyncs were a third of its time.
    cursor.execute("PRAGMA wal_autocheckpoint = 10000")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    # Writers take the write lock up front; readers ask for DEFERRED (see `reading`).
    mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


def reading(engine: Engine) -> Connection:
    """A connection for reads only: on SQLite it takes no write lock."""
    return engine.connect().execution_options(sqlite_begin="DEFERRED")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def db_error_text(exc: BaseException) -> str:
    """The driver's own words, without SQLAlchemy's SQL echo and help link."""
    return str(getattr(exc, "orig", None) or exc).strip()


def _cannot_open(url: str, exc: Exception) -> StoreProblem:
    shown = make_url(url).render_as_string(hide_password=True) if "://" in url else url
    exc_text = db_error_text(exc)
    return StoreProblem(
        f"Database kabupaten {shown} tidak bisa dibuka: {exc_text}",
        f"Cannot open the district database {shown}: {exc_text}",
    )


def open_engine(db: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine on the district database, brought to the newest schema."""
    url = resolve_url(db)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 10})
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        if migrate:
            upgrade(engine)
    except (ArgumentError, NoSuchModuleError, DBAPIError, OSError) as exc:
        raise _cannot_open(url, exc) from exc
    return engine


def upgrade(engine: Engine) -> None:
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head_revision():
            return
        command.upgrade(alembic_config(conn), "head")
        conn.commit()
