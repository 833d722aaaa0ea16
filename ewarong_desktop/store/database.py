"""Opening a store: the SQLite file, its pragmas, migrations at start-up, one session per job."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ewarong_desktop.domain.errors import StoreProblem
from ewarong_desktop.domain.words import Words, os_error_number, os_reason
from ewarong_desktop.store import tracking
from ewarong_desktop.store.migrate import SCHEMA_HEAD, current_revision, upgrade
from ewarong_desktop.store.peek import STORE_FILE as STORE_FILE


class NoStore(StoreProblem):
    """The data directory holds no finished store yet (setup never ran or never finished)."""

    code = "no_store"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Belum ada data e-warong di {data_dir}. Jalankan penyiapan awal "
            "(buka aplikasi, atau `ewarong-desktop init`).",
            f"There is no e-warong store in {data_dir} yet. Run the first-time setup "
            "(open the app, or `ewarong-desktop init`).",
        )


class StoreDamaged(StoreProblem):
    code = "store_damaged"

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"Berkas data {path} rusak ({detail}). Jangan hapus berkas itu; pulihkan dari "
            "cadangan terakhir (`ewarong-desktop restore`), atau hubungi pendamping.",
            f"The store file {path} is damaged ({detail}). Do not delete it; restore the "
            "latest backup (`ewarong-desktop restore`), or call for support.",
        )


class FolderReadOnly(StoreProblem):
    """The data folder (or the store file) cannot be written: reading still works."""

    code = "folder_read_only"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Folder data {data_dir} tidak dapat ditulis (hanya-baca atau tanpa izin): data "
            "bisa dilihat, tetapi tidak ada yang bisa disimpan. Periksa izin folder atau "
            "disknya.",
            f"The data folder {data_dir} cannot be written (read-only, or no permission): "
            "the store can be read, but nothing can be saved. Check the folder's "
            "permissions or its disk.",
        )


# What SQLite says when the file itself is no longer a whole database.
_DAMAGE_WORDS = ("malformed", "not a database", "file is encrypted", "corrupt")


def is_damage(sqlite_message: str) -> bool:
    text = sqlite_message.lower()
    return any(word in text for word in _DAMAGE_WORDS)


def environment_problem(sqlite_message: str) -> StoreProblem | None:
    """A full disk or read-only media under a write: rolled back whole, said plainly, in the
    words every file problem uses (`os_reason`)."""
    number = os_error_number(sqlite_message)
    if number not in (errno.ENOSPC, errno.EROFS, errno.EIO):
        return None
    why = os_reason(sqlite_message)
    todo = (
        Words("Kosongkan ruang disk", "Free some disk space")
        if number == errno.ENOSPC
        else Words("Periksa disk atau flashdisk", "Check the disk or USB stick")
    )
    return StoreProblem(
        f"Perubahan ini TIDAK tersimpan: {why.id} (tidak ada yang setengah tertulis). "
        f"{todo.id}, lalu ulangi.",
        f"This change was NOT saved: {why.en} (nothing was half written). {todo.en}, then "
        "try again.",
    )


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # We issue BEGIN ourselves (see _on_begin), so pysqlite must not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    if not cursor.execute("PRAGMA query_only").fetchone()[0]:
        cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed redemption survives a power cut, WAL or not.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def _on_begin(connection: Any) -> None:
    # Writers take the write lock up front, so two processes (GUI and CLI) queue politely
    # instead of failing to upgrade a read lock half-way through a redemption.
    # By the driver's cursor: SQLAlchemy's statement machinery cost more than the BEGIN, and
    # every transaction (two a basket at the counter) begins here.
    mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    tracking.driver_execute(connection, f"BEGIN {mode}")


def _read_only_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only = ON")


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    if read_only:
        # Nobody can write the folder, so nothing can change the file under us: SQLite may
        # then read a WAL store without making its -shm file (immutable), unless a WAL
        # with work in it lies beside the file (then read it, read-only).
        wal = Path(f"{path}-wal")
        immutable = "0" if wal.is_file() and wal.stat().st_size else "1"
        url = f"sqlite:///file:{path}?mode=ro&immutable={immutable}&uri=true"
        engine = create_engine(
            url, connect_args={"timeout": 10}, execution_options={"sqlite_begin": "DEFERRED"}
        )
        event.listen(engine, "connect", _read_only_connect)
    else:
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 10})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """A handle on one store file. Sessions are short: one per user action."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.data_dir = path.parent
        self.read_only = read_only
        self.engine = make_engine(path, read_only=read_only)
        # Reads begin DEFERRED: a read that held the write lock (SQLite's page check takes
        # seconds on a large store) would make every writer wait for it.
        self.reads = self.engine.execution_options(sqlite_begin="DEFERRED")
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(self.reads, expire_on_commit=False)
        tracking.install(self._write)

    @classmethod
    def open(cls, data_dir: Path, *, migrate: bool = True, check_pages: bool = False) -> Database:
        """Open a finished store, never making one: an empty file, a file without our schema
        or (with `check_pages`, SQLite's quick check of every page) a damaged page is
        `StoreDamaged`; a folder that cannot be written opens for reading only."""
        path = Path(data_dir) / STORE_FILE
        if not path.is_file():
            raise NoStore(Path(data_dir))
        if path.stat().st_size == 0:
            raise StoreDamaged(path, "empty file")
        read_only = not (os.access(data_dir, os.W_OK) and os.access(path, os.W_OK))
        db = cls(path, read_only=read_only)
        try:
            with db.reads.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
                revision = current_revision(conn)
            if check_pages:
                db.require_sound()
            if revision is None:
                # Every store this app ever made records its schema revision: a file
                # without one is not ours, or was emptied. Never build a schema into it.
                raise StoreDamaged(path, "no schema revision")
            if migrate and revision != SCHEMA_HEAD:
                if read_only:
                    raise FolderReadOnly(Path(data_dir))
                upgrade(db.engine)
        except (DatabaseError, OperationalError) as exc:
            db.close()
            message = str(exc.orig) if exc.orig else str(exc)
            if read_only and not is_damage(message):
                raise FolderReadOnly(Path(data_dir)) from exc
            raise StoreDamaged(path, message) from exc
        except BaseException:
            db.close()
            raise
        return db

    def require_sound(self) -> None:
        """SQLite's quick check of every page, before something is made from all of it."""
        try:
            with self.reads.connect() as conn:
                found = conn.exec_driver_sql("PRAGMA quick_check").scalars().all()
        except DatabaseError as exc:
            raise StoreDamaged(self.path, str(exc.orig or exc)) from exc
        if found != ["ok"]:
            raise StoreDamaged(self.path, "; ".join(str(f) for f in found[:3]))

    @contextmanager
    def session(self, actor: str = "system", action: str = "change") -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        if self.read_only:
            raise FolderReadOnly(self.data_dir)
        try:
            with self._write() as session:
                session.info["actor"] = actor
                session.info["action"] = action
                with session.begin():
                    yield session
        except DatabaseError as exc:
            message = str(exc.orig or exc)
            if is_damage(message):
                raise StoreDamaged(self.path, message) from exc
            if not isinstance(exc, OperationalError):
                raise
            problem = environment_problem(message)
            if problem is None:
                raise
            raise problem from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A consistent read snapshot; nothing written."""
        try:
            with self._read() as session, session.begin():
                yield session
        except DatabaseError as exc:
            if is_damage(str(exc.orig or exc)):
                raise StoreDamaged(self.path, str(exc.orig or exc)) from exc
            raise

    def read_once(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of one plain read (SQL written for SQLite, keys bound as stored) by the
        driver, outside any session: one statement is its own consistent snapshot, so it
        needs no transaction. For the counter's card scan, which runs before every basket:
        a session and its transaction cost ten times the statement. Errors as `reading`
        says them (a damaged store is `StoreDamaged`; anything else SQLAlchemy's error)."""
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        try:
            connection = self.reads.raw_connection()
            try:
                cursor = connection.driver_connection.cursor()  # type: ignore[union-attr]
                try:
                    return list(cursor.execute(sql, params).fetchall())
                finally:
                    cursor.close()
            except dbapi_error as exc:
                raise DBAPIError.instance(
                    sql, params, exc, dbapi_error, dialect=self.engine.dialect
                ) from exc
            finally:
                connection.close()
        except DatabaseError as exc:
            if is_damage(str(exc.orig or exc)):
                raise StoreDamaged(self.path, str(exc.orig or exc)) from exc
            raise

    @contextmanager
    def building(self) -> Iterator[None]:
        """For a builder that writes a whole store in one go (`demo`), through the same
        sessions and services as ever: within the block commits skip the fsync
        (`synchronous=OFF`) and the page cache is 256 MiB; at its end the WAL is
        checkpointed into the file and synced once. What the block wrote is exactly what it
        would have written otherwise; only a power cut in the middle of the build (not a
        crash of the app) could lose it. Never used for a shop's own work."""

        def fast(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA synchronous = OFF")
            dbapi_connection.execute("PRAGMA cache_size = -262144")

        self.engine.dispose()
        event.listen(self.engine, "connect", fast)
        try:
            yield
        finally:
            event.remove(self.engine, "connect", fast)
            self.engine.dispose()  # connections opened from now on are FULL again
            raw = self.engine.raw_connection()  # outside any transaction, as it must be
            try:
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
            finally:
                raw.close()

    @property
    def generation(self) -> object:
        """Replaced whenever the store's connections are closed (`close`, so a restore, or
        a build): what was read through the old ones is no proof of what the file holds."""
        return self.engine.pool

    def schema_revision(self) -> str | None:
        with self.reads.connect() as conn:
            return current_revision(conn)

    def is_current(self) -> bool:
        return self.schema_revision() == SCHEMA_HEAD

    def integrity_problems(self) -> list[str]:
        with self.reads.connect() as conn:
            rows = conn.execute(text("PRAGMA integrity_check")).scalars().all()
            fk = conn.execute(text("PRAGMA foreign_key_check")).all()
        problems = [str(r) for r in rows if r != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in fk]
        return problems

    def close(self) -> None:
        self.engine.dispose()
