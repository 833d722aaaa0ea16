"""Opening the store for the window: a quick check, the day's backup, migrations, the clock.

A damaged or vanished store is reported (restore a backup), never replaced by an empty one:
only a data folder that never held a store leads to first-run setup (`NoStore`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ewarong_desktop.domain.errors import EwarongError, StoreProblem
from ewarong_desktop.services import backup as backups
from ewarong_desktop.services.clockguard import ClockFinding, note_clock
from ewarong_desktop.store import files
from ewarong_desktop.store.database import STORE_FILE, Database, NoStore, StoreDamaged
from ewarong_desktop.store.migrate import SCHEMA_HEAD


class StoreLost(StoreDamaged):
    """The folder held a store once (a key, backups) but the store file is gone."""

    code = "store_lost"

    def __init__(self, data_dir: Path) -> None:
        EwarongError.__init__(
            self,
            f"Berkas data e-warong di {data_dir} hilang, padahal kunci atau cadangannya ada. "
            "Jangan jalankan penyiapan awal; pulihkan cadangan terakhir "
            "(`ewarong-desktop restore`), atau hubungi pendamping.",
            f"The e-warong store in {data_dir} is missing, though its key or backups are "
            "there. Do not run the first-time setup; restore the latest backup "
            "(`ewarong-desktop restore`), or call for support.",
        )


@dataclass
class Startup:
    db: Database
    backup: backups.BackupResult | None  # None when today's backup already existed
    backup_problem: StoreProblem | None  # the backup failed (disk full...): warn, go on
    clock: ClockFinding  # not ok: ask the operator before serving
    migrated: bool


def quick_check(data_dir: Path, *, deep: bool = True) -> str | None:
    """The store's schema revision, after SQLite's quick check of every page when `deep`.

    The light form still opens the file and reads its schema, so a wrecked header or a file
    that is no database is caught at every start.
    """
    path = Path(data_dir) / STORE_FILE
    try:
        if deep:
            found = files.quick_check(path)
            if found != ["ok"]:
                raise StoreDamaged(path, "; ".join(found[:3]))
        revision = files.schema_revision_of(path)
    except files.Error as exc:
        raise StoreDamaged(path, str(exc)) from exc
    if revision is None:
        raise StoreDamaged(path, "no schema revision")
    return revision


def _ever_had_a_store(data_dir: Path) -> bool:
    return (data_dir / "keys").is_dir() or bool(backups.list_backups(backups.backups_dir(data_dir)))


def open_for_gui(data_dir: Path, *, now: datetime | None = None) -> Startup:
    """Open the store the window will use, or say clearly why it cannot be used."""
    data_dir = Path(data_dir)
    if not (data_dir / STORE_FILE).is_file():
        if _ever_had_a_store(data_dir):
            raise StoreLost(data_dir)
        raise NoStore(data_dir)
    # Every page is checked at the day's first start, before the day's backup copies them
    # (and before any migration); later starts the same day only read the schema, because a
    # full check of a year's store costs about a second on the village laptop.
    revision = quick_check(data_dir, deep=False)
    migrating = revision != SCHEMA_HEAD
    if migrating or backups.backup_due(data_dir, now=now):
        quick_check(data_dir)
    backups.secure_store_files(data_dir)
    made, problem = None, None
    try:
        # Before a migration always, else once a day: the way back if anything goes wrong.
        made = (
            backups.backup(data_dir, now=now)
            if migrating
            else backups.backup_if_due(data_dir, now=now)
        )
    except StoreProblem as exc:
        problem = exc
    db = Database.open(data_dir)
    try:
        if not db.is_current():
            raise StoreDamaged(db.path, f"schema at {db.schema_revision()}")
        clock = note_clock(db, now)
    except BaseException:
        db.close()
        raise
    return Startup(db, made, problem, clock, migrating)


def close_for_gui(
    db: Database, *, now: datetime | None = None
) -> tuple[backups.BackupResult | None, StoreProblem | None]:
    """Closing the window, the end of the counter's day: a backup, then the store closed.

    A failed backup (disk full, stick pulled) is returned for the window to show; the store
    is closed either way.
    """
    try:
        return backups.backup(db, now=now), None
    except StoreProblem as exc:
        return None, exc
    finally:
        db.close()
