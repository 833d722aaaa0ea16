"""Backups with SQLite's online backup API, rotated in `<data>/backups/`, and a checked restore.

A backup is made page by page from a live store inside one read transaction (never a file
copy of a WAL database, which can miss or tear what the WAL holds) into memory, checked
there, and written as its schema and rows, compressed (see `backup_files`), into a
temporary file that is fsynced and renamed only when whole. A copy written outside the data
folder (a USB stick) is encrypted to the store's recovery code (`services.recovery`);
restoring it needs that code. Restore refuses anything
that is not a whole store of this e-warong passing `check`, keeps the current store aside in
`<data>/replaced/` and then swaps the file in one rename. The signing key and the sync state
beside it are never in a backup and never touched by a restore, so the bundle sequence never
goes back.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ewarong_desktop.domain.errors import Conflict, InvalidInput, PermissionDenied, StoreProblem
from ewarong_desktop.domain.words import Words, os_error_number, os_reason
from ewarong_desktop.fsio import fsync_dir
from ewarong_desktop.services import backup_files as bf
from ewarong_desktop.services.changes import Changes, Topic
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.store import files, logical
from ewarong_desktop.store.database import STORE_FILE, Database, NoStore, StoreDamaged
from ewarong_desktop.store.migrate import head_revision

BACKUP_DIR = "backups"
REPLACED_DIR = "replaced"
RESTORE_LOG = "restore-log.jsonl"
KEEP_RECENT = 2
KEEP_DAYS = 5
KEEP_MONTHS = 3
STALE_SECONDS = 3600.0
# ewarong-<code>-b<number>-<YYYYMMDD>-<HHMMSS>.backup.zst (`.sqlite.zst` and plain `.sqlite`
# from older versions); the number, not the clock, orders backups, so a laptop clock set to
# 2019 never makes rotation delete the newest ones.
_NAME = re.compile(
    r"^ewarong-(?P<code>[A-Za-z0-9-]{1,40})-b(?P<number>\d{6,})-(?P<day>\d{8})-\d{6}"
    r"\.(sqlite(\.zst)?|backup\.zst)$"
)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    number: int
    day: str  # YYYYMMDD by the laptop clock when it was made
    code: str = ""  # the e-warong it belongs to

    @property
    def month(self) -> str:
        return self.day[:6]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    copy: Path | None  # the copy in the extra folder or on the USB stick, if asked
    bytes: int
    removed: tuple[Path, ...]  # old backups rotated away
    changes: Changes = frozenset({Topic.SYNC})  # the sync page lists backups


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    replaced: Path | None  # where the store it replaced was kept
    schema_before: str | None


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def _secure_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)


def secure_store_files(data_dir: Path) -> None:
    """Store, WAL, backups and signing key readable by this user only, where the OS allows.

    Run at every start: a folder copied back from a stick or another account comes with
    whatever modes the copy gave it.
    """
    data_dir = Path(data_dir)
    for folder in (data_dir, data_dir / "keys", backups_dir(data_dir)):
        if folder.is_dir():
            with contextlib.suppress(OSError):
                os.chmod(folder, 0o700)
    files = [data_dir / (STORE_FILE + suffix) for suffix in ("", "-wal", "-shm")]
    files += [data_dir / "keys" / name for name in ("signing-key.pem", "signing-key.next.pem")]
    files += [b.path for b in list_backups(backups_dir(data_dir))]
    for path in files:
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)


def environment_problem(exc: BaseException, what_id: str, what_en: str) -> StoreProblem:
    """Disk full, read-only media, a pulled stick: one clear sentence in both languages."""
    why = os_reason(exc)
    todo = _WHAT_TO_DO.get(os_error_number(exc) or 0, _CHECK_THE_DISK)
    return StoreProblem(
        f"{what_id} gagal: {why.id}. Tidak ada yang setengah tertulis; {todo.id}.",
        f"{what_en} failed: {why.en}. Nothing was half written; {todo.en}.",
    )


_CHECK_THE_DISK = Words(
    "periksa flashdisk atau disk, lalu ulangi", "check the USB stick or disk, then try again"
)
_ANOTHER_FOLDER = Words(
    "pilih folder lain atau buka kunci flashdisk", "choose another folder or unlock the USB stick"
)
_WHAT_TO_DO = {
    errno.ENOSPC: Words(
        "kosongkan ruang disk, lalu ulangi", "free some disk space, then try again"
    ),
    errno.EROFS: _ANOTHER_FOLDER,
    errno.EACCES: _ANOTHER_FOLDER,
    errno.EPERM: _ANOTHER_FOLDER,
}


def sweep_leftovers(folder: Path, pattern: str, older_than: float = STALE_SECONDS) -> None:
    """Remove temporary files or folders a killed backup or restore left behind.

    They never look like a backup (hidden names, never read), but they take disk space. Only
    old ones go: a young one may belong to a backup running right now in another process.
    """
    now = time.time()
    for path in Path(folder).glob(pattern):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > older_than:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink()


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in `folder`, oldest first (by number, never by the clock)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            found.append(BackupFile(path, int(match["number"]), match["day"], match["code"]))
    return sorted(found, key=lambda b: b.number)


def kept(found: list[BackupFile], keep_recent: int = KEEP_RECENT) -> set[Path]:
    """Which backups rotation keeps, all of them picked newest first by number (never by the
    clock, so a laptop clock set to 2019 never makes the newest go):

    - the newest `keep_recent` (two): today's first, made before any of today's work, stays
      beside the one made at closing;
    - the last of each of the KEEP_DAYS (five) most recent days with a backup: a working week
      back, to undo a mistake noticed a few days late;
    - the last of each of the KEEP_MONTHS (three) most recent months: the month just closed,
      for its monthly statement, and the quarter;
    - the last of every year, for the year's books and an audit years later.

    Every backup holds the whole history up to its day, so the kept ones are points to go
    back to, not pieces of it. After five years of daily use that is 12 files, 2.6 to 2.8
    times the store on disk with a backup 26% to 28% of it (`bench/bench_store_growth.py`).
    """
    newest_first = sorted(found, key=lambda b: b.number, reverse=True)
    keep = {b.path for b in newest_first[:keep_recent]} if keep_recent > 0 else set()
    days: dict[str, Path] = {}
    months: dict[str, Path] = {}
    years: dict[str, Path] = {}
    for b in newest_first:
        if b.day not in days and len(days) < KEEP_DAYS:
            days[b.day] = b.path
        if b.month not in months and len(months) < KEEP_MONTHS:
            months[b.month] = b.path
        years.setdefault(b.day[:4], b.path)
    return keep | set(days.values()) | set(months.values()) | set(years.values())


def rotate(folder: Path, keep_recent: int = KEEP_RECENT) -> tuple[Path, ...]:
    """Delete the backups `kept` does not keep."""
    found = list_backups(folder)
    keep = kept(found, keep_recent)
    removed = []
    for b in found:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return tuple(removed)


def _vetted(source: Path, snapshot: logical.Copy) -> str:
    """The warong code of a sound snapshot of `source`; StoreDamaged for any other."""
    if snapshot.problems != ["ok"]:
        raise StoreDamaged(source, "; ".join(snapshot.problems[:3]))
    # An emptied store is a sound SQLite file too: without a schema revision it is no
    # backup, and must never rotate a good one away.
    if snapshot.revision is None:
        raise StoreDamaged(source, "no schema revision")
    code = str(snapshot.codes[0]) if snapshot.codes else "store"
    return code if re.fullmatch(r"[A-Za-z0-9-]{1,40}", code) else "store"


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _next_name(folder: Path, code: str, now: datetime) -> str:
    existing = list_backups(folder)
    number = existing[-1].number + 1 if existing else 1
    return f"ewarong-{code}-b{number:06d}-{now:%Y%m%d-%H%M%S}{bf.BACKUP_SUFFIX}"


def _place(staged: Path, folder: Path, name: str) -> Path:
    target = folder / name
    os.replace(staged, target)
    fsync_dir(folder)
    return target


def _store_path(where: ServiceContext | Database | Path) -> Path:
    if isinstance(where, ServiceContext):
        return where.db.path
    if isinstance(where, Database):
        return where.path
    return Path(where) / STORE_FILE


def backup(
    where: ServiceContext | Database | Path,
    to: Path | None = None,
    *,
    now: datetime | None = None,
    keep_recent: int = KEEP_RECENT,
) -> BackupResult:
    """Back the store up into `<data>/backups/` (rotated) and, if asked, also into `to`.

    Any operator may do it (it changes nothing). On any failure nothing new is left behind
    and the older backups are untouched: rotation only runs after a backup is whole.
    """
    source = _store_path(where)
    data_dir = source.parent
    if not source.is_file():
        raise NoStore(data_dir)
    if to is not None and not Path(to).is_dir():
        raise InvalidInput(
            f"Folder tujuan {to} tidak ada (flashdisk sudah dipasang?).",
            f"The folder {to} does not exist (is the USB stick plugged in?).",
        )
    now = now or datetime.now()
    folder = backups_dir(data_dir)
    staged: Path | None = None
    try:
        _secure_dir(folder)
        # The copy and its check happen in memory; only the compressed file reaches the disk.
        with logical.copy_of(source) as snapshot:
            # mkstemp makes the file 0600.
            fd, name = tempfile.mkstemp(
                prefix=".backup-", suffix=".part" + bf.COMPRESSED_SUFFIX, dir=folder
            )
            staged = Path(name)
            with os.fdopen(fd, "wb") as out:
                # The copy's pages are checked while it is written out; it counts only once
                # they are found sound (a damaged store says so before any other fault).
                try:
                    bf.write_store(snapshot, out)
                except files.DatabaseError:
                    _vetted(source, snapshot)
                    raise
                code = _vetted(source, snapshot)
                out.flush()
                os.fsync(out.fileno())
        path = _place(staged, folder, _next_name(folder, code, now))
        staged = None
    except files.DatabaseError as exc:
        if not isinstance(exc, files.OperationalError):  # not a database, or malformed
            raise StoreDamaged(source, str(exc)) from exc
        raise environment_problem(exc, "Pencadangan", "The backup") from exc
    except OSError as exc:
        raise environment_problem(exc, "Pencadangan", "The backup") from exc
    finally:
        if staged is not None:
            for suffix in ("", "-journal", "-wal", "-shm", bf.COMPRESSED_SUFFIX):
                with contextlib.suppress(OSError):
                    Path(str(staged) + suffix).unlink()
    removed = rotate(folder, keep_recent)
    sweep_leftovers(folder, ".backup-*.part*")
    copy = None
    if to is not None:
        try:
            copy = _copy_to(path, Path(to), data_dir)
        except OSError as exc:
            raise environment_problem(
                exc,
                f"Cadangan tersimpan di laptop ({path.name}), tetapi salinan ke {to}",
                f"The backup is kept on the laptop ({path.name}), but the copy to {to}",
            ) from exc
    return BackupResult(path, copy, path.stat().st_size, removed)


def _inside(folder: Path, data_dir: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(Path(data_dir).resolve())
    except OSError:
        return False


def _copy_to(backup_file: Path, folder: Path, data_dir: Path) -> Path:
    """Copy a finished backup to another folder, atomically; encrypted to the recovery code
    unless the folder is inside the data folder (a stick is lost more easily than a laptop)."""
    from ewarong_desktop.services.recovery import code_for_backup

    sealed = not _inside(folder, data_dir)
    code = code_for_backup(data_dir) if sealed else None
    fd, name = tempfile.mkstemp(prefix=".backup-", suffix=".part", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, open(backup_file, "rb") as src:
            if code is not None:
                bf.encrypt(src, out, code)
            else:
                shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        target = folder / (backup_file.name + (bf.ENCRYPTED_SUFFIX if sealed else ""))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(folder)
    return target


def last_backup(data_dir: Path) -> BackupFile | None:
    found = list_backups(backups_dir(data_dir))
    return found[-1] if found else None


def backup_if_due(
    where: ServiceContext | Database | Path, *, now: datetime | None = None
) -> BackupResult | None:
    """The start-of-day backup: made when there is none yet with today's date."""
    if not backup_due(_store_path(where).parent, now=now):
        return None
    return backup(where, now=now)


def backup_due(data_dir: Path, *, now: datetime | None = None) -> bool:
    """No backup carries today's date yet: this is the day's first start."""
    now = now or datetime.now()
    latest = last_backup(Path(data_dir))
    return latest is None or latest.day != f"{now:%Y%m%d}"


# --- restore ------------------------------------------------------------------------------


def _newest_backup_in(folder: Path) -> Path | None:
    try:
        found = list_backups(folder)
    except OSError:
        return None
    return found[-1].path if found else None


def _refuse(file: Path, why_id: str, why_en: str) -> InvalidInput:
    return InvalidInput(
        f"{file.name} tidak bisa dipulihkan: {why_id}. Data sekarang tidak diubah.",
        f"{file.name} cannot be restored: {why_en}. The current store was not changed.",
    )


def _stage(file: Path, work: Path, recovery_code: str | None) -> Path:
    """Unpack the candidate into our own folder; whatever it is, we only ever read our copy."""
    try:
        bf.kind_of(file)
    except OSError as exc:
        raise _refuse(file, "berkas tidak bisa dibaca", "the file cannot be read") from exc
    staged = work / STORE_FILE
    bf.unpack(file, staged, recovery_code)
    with contextlib.suppress(OSError):
        os.chmod(staged, 0o600)
    return staged


# A file from outside is hostile until proven whole: whatever breaks reading it, the answer
# is the same refusal (bad text encodings, values of the wrong type...).
_BREAKS_READING: tuple[type[Exception], ...] = (
    StoreDamaged,
    *files.UNREADABLE,
    ValueError,
    TypeError,
    KeyError,
)


def _prepare(file: Path, staged: Path, expected_code: str | None) -> str | None:
    """Bring the staged copy to this app's schema, clear its export mark, prove it whole."""
    revision, code = _revision_and_code(file, staged)
    if expected_code is not None and code != expected_code:
        raise _refuse(
            file,
            f"cadangan ini milik e-warong {code}, bukan {expected_code}",
            f"this backup belongs to e-warong {code}, not {expected_code}",
        )
    # Here, not at the top: every start-up imports this module, and the exporter brings the
    # signing library with it; only a restore needs its mark.
    from ewarong_desktop.services.sync_export import EXPORT_MARK

    try:
        db = Database.open(staged.parent)  # migrates an older backup to this app's schema
        try:
            # The restored store must not claim to know the latest bundle: the next one is full.
            files.delete_meta(db, EXPORT_MARK)
        finally:
            db.close()
        report = check_store(staged.parent)
    except _BREAKS_READING as exc:
        raise _refuse(file, "berkas rusak", "the file is damaged") from exc
    if not report.ok:
        raise _refuse(
            file,
            "pemeriksaan gagal (" + "; ".join(report.problems[:3]) + ")",
            "the check failed (" + "; ".join(report.problems[:3]) + ")",
        )
    return revision


def _admin_of_backup(staged_dir: Path, name: str, pin: str) -> None:
    from ewarong_desktop.services.operators import login

    db = Database.open(staged_dir)
    try:
        if not login(db, name, pin).is_admin:
            raise PermissionDenied(
                "Hanya admin yang boleh memulihkan cadangan.",
                "Only an admin may restore a backup.",
            )
    except PermissionDenied as refused:
        raise PermissionDenied(
            "Data e-warong rusak, jadi nama dan PIN diperiksa pada cadangan ini: "
            f"{refused.message('id')}",
            "The store is damaged, so the name and PIN are checked against this backup: "
            f"{refused.message('en')}",
        ) from refused
    finally:
        db.close()


def _revision_and_code(file: Path, staged: Path) -> tuple[str | None, str]:
    damaged = _refuse(file, "berkas rusak atau bukan data e-warong", "damaged or not a store")
    try:
        if files.quick_check(staged) != ["ok"]:
            raise damaged
        revision = files.schema_revision_of(staged)
        codes = files.warong_codes(staged)
    except files.Error as exc:
        raise damaged from exc
    if revision is None or len(codes) != 1 or not isinstance(codes[0], str):
        raise damaged
    if not _known_revision(revision):
        raise _refuse(
            file,
            "dibuat oleh versi aplikasi yang lebih baru; perbarui aplikasi dulu",
            "it was made by a newer version of the app; update the app first",
        )
    return revision, codes[0]


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    from ewarong_desktop.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return revision in {r.revision for r in script.walk_revisions()} or revision == head_revision()


def _current_code(data_dir: Path) -> str | None:
    """Which e-warong this folder belongs to: its store's code, else what it left behind.

    A damaged store cannot say; its backups and enrolment file still can, so a damaged
    store is not replaced by another e-warong's backup either.
    """
    path = data_dir / STORE_FILE
    if path.is_file():
        try:
            codes = files.warong_codes(path, read_only=True)
            if codes and isinstance(codes[0], str):
                return codes[0]
        except files.Error:
            pass
    kept = list_backups(backups_dir(data_dir))
    if kept and kept[-1].code != "store":
        return kept[-1].code
    enrolments = [p.name for p in data_dir.glob("ewarong-*.enrol.json")]
    if len(enrolments) == 1:
        return enrolments[0][len("ewarong-") : -len(".enrol.json")]
    return None


def _set_aside(data_dir: Path, now: datetime) -> Path | None:
    """Move the current store (and any WAL beside it) into `<data>/replaced/<stamp>/`."""
    current = data_dir / STORE_FILE
    if not current.exists():
        return None
    root = data_dir / REPLACED_DIR
    _secure_dir(root)
    aside = root / f"{now:%Y%m%d-%H%M%S}"
    n = 1
    while aside.exists():
        n += 1
        aside = root / f"{now:%Y%m%d-%H%M%S}-{n}"
    aside.mkdir(mode=0o700)
    # Copy first, then move the WAL away: a stale WAL must never meet the restored file.
    try:
        for suffix in ("", "-wal"):
            src = data_dir / (STORE_FILE + suffix)
            if src.exists():
                shutil.copyfile(src, aside / src.name)
                with contextlib.suppress(OSError):
                    os.chmod(aside / src.name, 0o600)
                _fsync_file(aside / src.name)
        fsync_dir(aside)
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)  # no half copy that looks like a kept store
        raise
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            (data_dir / (STORE_FILE + suffix)).unlink()
    return aside


def _refuse_if_in_use(data_dir: Path) -> None:
    """A healthy store still open elsewhere (the window, another command) is not swapped.

    SQLite removes the WAL when the last connection closes, so a WAL still there after ours
    closed means another program holds the store: its next write would go to the old file.
    """
    _checkpoint(data_dir)
    if not (data_dir / (STORE_FILE + "-wal")).exists():
        return
    try:
        healthy = files.quick_check(data_dir / STORE_FILE, read_only=True) == ["ok"]
    except files.Error:
        healthy = False
    if healthy:
        raise Conflict(
            "Data e-warong sedang dibuka oleh jendela atau program lain; tutup dulu, lalu "
            "ulangi pemulihan.",
            "The store is open in another window or program; close it first, then restore again.",
        )


def _checkpoint(data_dir: Path) -> None:
    """Fold a WAL left by a crash into the current store before it is set aside."""
    if not (data_dir / (STORE_FILE + "-wal")).exists():
        return
    with contextlib.suppress(files.Error):
        files.checkpoint(data_dir / STORE_FILE)


def restore(
    where: ServiceContext | Path,
    file: Path,
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
    recovery_code: str | None = None,
    pin: str | None = None,
) -> RestoreResult:
    """Replace the store by a backup: admin only, the backup proven whole first.

    Given a `ServiceContext`, its store is closed (open it again afterwards). The signing key
    and `sync-state.json` are not touched: the next bundle is full and continues the chain.
    `pin`: the actor could not be checked (the store is damaged or gone), so the backup
    itself must know them as an admin with this PIN; nobody puts an old day's data back in
    place of today's by spoiling the store first.
    """
    if isinstance(where, ServiceContext):
        data_dir, actor = where.data_dir, actor or where.actor
    else:
        data_dir = Path(where)
    if actor is None or not actor.is_admin:
        raise PermissionDenied(
            "Hanya admin yang boleh memulihkan cadangan.", "Only an admin may restore a backup."
        )
    file = Path(file)
    if file.is_dir():
        # `restore backups/` is a natural slip: say what it is, and what to give instead.
        shown = _newest_backup_in(file)
        hint_id = f" (mis. {shown})" if shown else ""
        hint_en = f" (e.g. {shown})" if shown else ""
        raise InvalidInput(
            f"{file} adalah folder, bukan berkas cadangan: sebutkan satu berkas cadangan "
            f"di dalamnya{hint_id}. Data sekarang tidak diubah.",
            f"{file} is a folder, not a backup file: name one backup file in it{hint_en}. "
            "The current store was not changed.",
        )
    if not file.is_file():
        raise _refuse(file, "berkas tidak ditemukan", "the file does not exist")
    now = now or datetime.now()
    expected_code = _current_code(data_dir)
    if isinstance(where, ServiceContext):
        where.db.close()
    _refuse_if_in_use(data_dir)
    try:
        work = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))
    except OSError as exc:
        raise environment_problem(exc, "Pemulihan", "The restore") from exc
    try:
        staged = _stage(file, work, recovery_code)
        revision = _prepare(file, staged, expected_code)
        if pin is not None:
            _admin_of_backup(staged.parent, actor.name, pin)
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                (work / (STORE_FILE + suffix)).unlink()
        _fsync_file(staged)
        _checkpoint(data_dir)
        aside = _set_aside(data_dir, now)
        os.replace(staged, data_dir / STORE_FILE)  # the commit point
        fsync_dir(data_dir)
        _log_restore(data_dir, file, aside, actor, now)
    except (OSError, files.Error) as exc:
        raise environment_problem(exc, "Pemulihan", "The restore") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    secure_store_files(data_dir)
    sweep_leftovers(data_dir, ".restore-*")
    return RestoreResult(file, aside, revision)


def _log_restore(
    data_dir: Path, file: Path, aside: Path | None, actor: Actor, now: datetime
) -> None:
    root = data_dir / REPLACED_DIR
    _secure_dir(root)
    entry = {"at": now.isoformat(timespec="seconds"), "by": actor.name, "from": str(file),
             "kept_aside": str(aside) if aside else None}  # fmt: skip
    with open(root / RESTORE_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        log.flush()
        os.fsync(log.fileno())
