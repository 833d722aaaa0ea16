"""First-run setup: store, profile, admin and signing key appear together or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ewarong_desktop.domain.errors import Conflict, StoreProblem
from ewarong_desktop.domain.states import Role
from ewarong_desktop.domain.words import os_reason
from ewarong_desktop.fsio import fsync_dir
from ewarong_desktop.services import recovery
from ewarong_desktop.services.backup_files import new_recovery_code
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.operators import create_operator, generate_pin, validate_pin
from ewarong_desktop.services.profile import ProfileInput
from ewarong_desktop.services.programme import seed_defaults
from ewarong_desktop.services.sync_export import write_enrolment
from ewarong_desktop.store.base import new_uuid, utc_now
from ewarong_desktop.store.database import STORE_FILE, Database
from ewarong_desktop.store.migrate import upgrade
from ewarong_desktop.store.models import StoreMeta, WarongProfile
from ewarong_desktop.sync import keys

KEY_DIR = "keys"


@dataclass(frozen=True)
class SetupResult:
    data_dir: Path
    admin_name: str
    admin_pin: str
    pin_generated: bool
    key_id: str
    fingerprint: str
    enrolment_path: Path
    # Opens the backups copied off the laptop: shown to write down and print.
    recovery_code: str = ""


def store_exists(data_dir: Path) -> bool:
    return (Path(data_dir) / STORE_FILE).is_file()


def key_dir(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_DIR


def initialise(
    data_dir: Path,
    profile: ProfileInput,
    admin_pin: str | None = None,
    admin_name: str = "admin",
) -> SetupResult:
    """Make a new store. The store file is renamed into place last: that rename is the commit.

    A setup killed half-way leaves at most a temporary folder and a key; running it again
    finishes the job (an existing key with no store is kept: the district may know it).
    """
    data_dir = Path(data_dir)
    clean = profile.cleaned()
    pin = validate_pin(admin_pin, Role.ADMIN) if admin_pin else generate_pin()
    recovery_code = new_recovery_code()
    if store_exists(data_dir):
        raise Conflict(
            f"Sudah ada data e-warong di {data_dir}.", f"{data_dir} already holds a store."
        )
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(data_dir, 0o700)
        work = Path(tempfile.mkdtemp(prefix=".setup-", dir=data_dir))
    except OSError as exc:
        raise StoreProblem(
            f"Tidak dapat membuat folder data {data_dir}: {os_reason(exc).id}.",
            f"Cannot create the data folder {data_dir}: {os_reason(exc).en}.",
        ) from exc
    try:
        staged = work / STORE_FILE
        db = Database(staged)
        try:
            upgrade(db.engine)
            with db.session(actor="setup", action="setup") as session:
                session.add(StoreMeta(key="store_id", value=new_uuid()))
                session.add(StoreMeta(key="created_at", value=utc_now().isoformat()))
                session.add(StoreMeta(key=recovery.CODE_KEY, value=recovery_code))
                session.add(
                    WarongProfile(
                        code=clean.code,
                        name=clean.name,
                        desa=clean.desa,
                        kecamatan=clean.kecamatan,
                        kabupaten=clean.kabupaten,
                        area_code=clean.area_code,
                        language="id",
                    )
                )
                seed_defaults(session)
                create_operator(session, admin_name, Role.ADMIN, pin)
        finally:
            db.close()  # the last connection to close folds the WAL into the file
        kdir = key_dir(data_dir)
        if keys.has_key(kdir):
            kid = keys.key_id(keys.load_signing_key(kdir).public_key())
        else:
            kid = keys.create_key_files(kdir)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                (work / (STORE_FILE + suffix)).unlink()
        with contextlib.suppress(OSError):
            os.chmod(staged, 0o600)  # SQLite gives its WAL the same mode: the user's only
        os.replace(staged, data_dir / STORE_FILE)
        fsync_dir(data_dir)
    except OSError as exc:
        raise StoreProblem(
            f"Penyiapan gagal: {os_reason(exc).id}. Periksa ruang disk, lalu ulangi.",
            f"Setup failed: {os_reason(exc).en}. Check the free disk space, then try again.",
        ) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # After the commit point: the file is derived from the store and key, and
    # `ewarong-desktop enrolment` writes it again if this step is ever lost.
    ctx = ServiceContext.open(data_dir, Actor(admin_name, Role.ADMIN))
    try:
        enrolment = write_enrolment(ctx)
    finally:
        ctx.close()
    return SetupResult(
        data_dir,
        admin_name,
        pin,
        admin_pin is None,
        kid,
        keys.fingerprint(kid),
        enrolment,
        recovery_code,
    )


@dataclass(frozen=True)
class FirstSteps:
    """What a new shop still has to do before it can serve anyone."""

    has_products: bool  # goods to sell (Settings > Goods), with stock bought in
    has_kpm: bool  # the KPM list from the district office (F2, Import)
    has_rate: bool  # an entitlement rate for the working month (Settings > Aid rate)

    @property
    def done(self) -> bool:
        return self.has_products and self.has_kpm and self.has_rate


def first_steps(ctx: ServiceContext) -> FirstSteps:
    from ewarong_desktop.services.products import list_products
    from ewarong_desktop.services.profile import working_period
    from ewarong_desktop.services.programme import load_programme
    from ewarong_desktop.store.repositories import beneficiaries as kpm_rows

    has_products = any(p.active for p in list_products(ctx))
    with ctx.reading() as session:
        has_kpm = bool(kpm_rows.list_rows(session))
        has_rate = load_programme(session).rate(working_period(ctx, session)) is not None
    return FirstSteps(has_products, has_kpm, has_rate)
