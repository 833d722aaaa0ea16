"""The recovery code: what opens a backup that left the laptop (USB stick, shared folder).

Made at setup (or, for a store made before there was one, at the first backup or admin login
that needs it) and kept in the store itself, so every later backup uses the same code and a
restored store keeps it. The window shows it to an admin once to write down and print
(`pending_code`), and again in Settings after the admin PIN is typed (`show_code`).
"""

from __future__ import annotations

from pathlib import Path

from ewarong_desktop.domain.errors import PermissionDenied
from ewarong_desktop.services.backup_files import new_recovery_code
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.operators import login
from ewarong_desktop.store import files
from ewarong_desktop.store.database import STORE_FILE

CODE_KEY = "backup_recovery_code"
SHOWN_KEY = "backup_recovery_code_shown"


def code_for_backup(data_dir: Path) -> str:
    """The store's code, made now if it has none yet (read below the ORM: a backup needs no
    session and may run while the window holds one)."""
    return files.put_meta_if_missing(Path(data_dir) / STORE_FILE, CODE_KEY, new_recovery_code())


def pending_code(ctx: ServiceContext) -> str | None:
    """For an admin: the code, when it has never been shown (a new or upgraded store)."""
    if not ctx.actor.is_admin:
        return None
    path = ctx.db.path
    code = code_for_backup(ctx.data_dir)
    return None if files.read_meta(path, SHOWN_KEY) == "1" else code


def mark_shown(ctx: ServiceContext) -> None:
    """The admin has seen the code (and was asked to write it down)."""
    files.put_meta_if_missing(ctx.db.path, SHOWN_KEY, "1")


def show_code(ctx: ServiceContext, admin_pin: str) -> str:
    """The code again, for the admin who types their PIN now (wrong tries count as logins)."""
    if not ctx.actor.is_admin:
        raise PermissionDenied(
            "Hanya admin yang boleh melihat kode pemulihan.",
            "Only an admin may see the recovery code.",
        )
    login(ctx.db, ctx.actor.name, admin_pin)
    return code_for_backup(ctx.data_dir)
