"""Opening a store: the SQLite file, its pragmas, migrations at start-up, one session per job."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ewarong_desktop.domain.errors import StoreProblem
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


def environment_problem(sqlite_message: str) -> StoreProblem | None:
    """A full disk or read-only media under a write: rolled back whole, said plainly."""
    text = sqlite_message.lower()
    if "disk is full" in text:
        return StoreProblem(
            "Disk penuh: perubahan ini TIDAK tersimpan (tidak ada yang setengah tertulis). "
            "Kosongkan ruang disk, lalu ulangi.",
            "The disk is full: this change was NOT saved (nothing was half written). Free "
            "some disk space, then try again.",
        )
    if "readonly" in text or "read-only" in text or "disk i/o error" in text:
        return StoreProblem(
            "Data tidak bisa ditulis (media hanya-baca atau rusak): perubahan ini TIDAK "
            "tersimpan. Periksa disk, lalu ulangi.",
            "The store cannot be written (read-only or failing media): this change was NOT "
            "saved. Check the disk, then try again.",
        )
    return None


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # We issue BEGIN ourselves (see _on_begin), so pysqlite must not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed redemption survives a power cut, WAL or not.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def _on_begin(connection: Any) -> None:
    # Writers take the write lock up front, so two processes (GUI and CLI) queue politely
    # instead of failing to upgrade a read lock half-way through a redemption.
    mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 10})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """A handle on one store file. Sessions are short: one per user action."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data_dir = path.parent
        self.engine = make_engine(path)
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(
            self.engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        )
        tracking.install(self._write)

    @classmethod
    def open(cls, data_dir: Path, *, migrate: bool = True) -> Database:
        path = Path(data_dir) / STORE_FILE
        if not path.is_file():
            raise NoStore(Path(data_dir))
        db = cls(path)
        try:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            if migrate:
                upgrade(db.engine)
        except (DatabaseError, OperationalError) as exc:
            db.close()
            raise StoreDamaged(path, str(exc.orig) if exc.orig else str(exc)) from exc
        return db

    @contextmanager
    def session(self, actor: str = "system", action: str = "change") -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        try:
            with self._write() as session:
                session.info["actor"] = actor
                session.info["action"] = action
                with session.begin():
                    yield session
        except OperationalError as exc:
            problem = environment_problem(str(exc.orig or exc))
            if problem is None:
                raise
            raise problem from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A consistent read snapshot; nothing written."""
        with self._read() as session, session.begin():
            yield session

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return current_revision(conn)

    def is_current(self) -> bool:
        return self.schema_revision() == SCHEMA_HEAD

    def integrity_problems(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(text("PRAGMA integrity_check")).scalars().all()
            fk = conn.execute(text("PRAGMA foreign_key_check")).all()
        problems = [str(r) for r in rows if r != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in fk]
        return problems

    def close(self) -> None:
        self.engine.dispose()
