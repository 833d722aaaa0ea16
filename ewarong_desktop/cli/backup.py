"""`backup`, `backups`, `restore`: copies of the store and putting one back."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.services import backup as backups


def register(sub: Any) -> None:
    make = sub.add_parser("backup", help="cadangkan data / back up the store")
    make.add_argument("--to", type=Path, metavar="DIR", help="salin juga ke folder ini (flashdisk)")
    make.set_defaults(run=run_backup)

    listing = sub.add_parser("backups", help="daftar cadangan / list the backups")
    listing.set_defaults(run=run_list)

    restore = sub.add_parser("restore", help="pulihkan dari cadangan / restore a backup (admin)")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--recovery-code",
        metavar="CODE",
        help="kode pemulihan untuk cadangan terenkripsi (atau EWARONG_RECOVERY_CODE) / "
        "the recovery code of an encrypted backup",
    )
    restore.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace, env: CliEnv) -> int:
    result = backups.backup(env.data_dir, args.to)
    env.out(str(result.path))
    if result.copy is not None:
        env.out(str(result.copy))
        if result.copy.name.endswith(".enc"):
            env.out(
                env.t(
                    "Salinan itu terenkripsi: untuk memulihkannya perlu kode pemulihan "
                    "(lihat Pengaturan, dengan PIN admin).",
                    "That copy is encrypted: restoring it needs the recovery code (see "
                    "Settings, with the admin PIN).",
                )
            )
    env.out(
        env.t(
            f"Cadangan selesai ({result.bytes // 1024} KB); {len(result.removed)} cadangan lama "
            "dihapus.",
            f"Backup done ({result.bytes // 1024} KB); {len(result.removed)} old backups removed.",
        )
    )
    return 0


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    found = backups.list_backups(backups.backups_dir(env.data_dir))
    for item in found:
        env.out(f"{item.path}  {item.path.stat().st_size // 1024} KB")
    if not found:
        env.out(env.t("Belum ada cadangan.", "No backups yet."))
    return 0


def run_restore(args: argparse.Namespace, env: CliEnv) -> int:
    # Not through env.context(): a damaged store must still be replaceable (roles.RESTORE).
    assert env.actor is not None
    # Never prompted: a script (or a support technician) passes it, or the env carries it.
    code = args.recovery_code or os.environ.get("EWARONG_RECOVERY_CODE") or None
    result = backups.restore(
        env.data_dir,
        args.file,
        actor=env.actor,
        recovery_code=code,
        pin=getattr(args, "unchecked_pin", None),  # set by roles when the store can't check
    )
    env.out(
        env.t(
            f"Data dipulihkan dari {result.restored_from}.",
            f"Restored from {result.restored_from}.",
        )
    )
    if result.replaced is not None:
        env.out(
            env.t(
                f"Data sebelumnya disimpan di {result.replaced}.",
                f"The store it replaced is kept in {result.replaced}.",
            )
        )
    env.out(
        env.t(
            "Bundel sinkron berikutnya akan berisi semua data (penuh).",
            "The next sync bundle will carry everything (full).",
        )
    )
    return 0
