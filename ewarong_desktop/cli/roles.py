"""Who may run which subcommand: one table, checked by `main` before any command runs.

A subcommand that neither changes the store nor signs or encrypts a file needs no PIN; every
other one acts as an operator named by `--operator NAME` (or `EWARONG_OPERATOR`) who types
their PIN (`EWARONG_PIN`, or one line on standard input with `--pin-stdin`). The login is the
window's own (`services.operators.login`): the same lockout after five wrong PINs, and the
services then hold the same role rules (only an admin voids, adds products...).

A new subcommand declares its need here, in `NEEDS`; one with no row needs an admin (a test
lists every subcommand, so a missing row is noticed before it ships).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ewarong_desktop.domain.errors import PermissionDenied, StoreProblem
from ewarong_desktop.domain.states import Role

if TYPE_CHECKING:
    from ewarong_desktop.cli.env import CliEnv

READ = "read"  # changes nothing, signs nothing: no PIN
OPERATOR = "operator"  # any active operator (the services refuse what only an admin may do)
ADMIN = "admin"  # an admin, checked here before anything runs
SETUP = "setup"  # makes a store in an empty folder: nobody to log in as yet
OWN_PIN = "own-pin"  # one's own new PIN: logging in with the old one, however short
RESTORE = "restore"  # an admin; with a damaged or missing store, nobody can check a PIN

Need = str | Callable[[argparse.Namespace], str]


def _when(option: str, need: str) -> Callable[[argparse.Namespace], str]:
    """READ, unless `option` was given (`stock --adjust`, `clock --confirm`)."""
    return lambda args: need if getattr(args, option, None) else READ


def _demo(args: argparse.Namespace) -> str:
    """An empty folder gets a demo store (printing both PINs); a real store needs an admin."""
    from ewarong_desktop.paths import default_data_dir
    from ewarong_desktop.services.setup import store_exists

    return ADMIN if store_exists(default_data_dir(args.data_dir)) else SETUP


def _import(args: argparse.Namespace) -> str:
    return READ if args.dry_run else OPERATOR


NEEDS: dict[str, Need] = {
    "init": SETUP,
    "demo": _demo,
    "change-pin": OWN_PIN,
    "kpm add": OPERATOR,
    "kpm list": READ,
    "kpm find": READ,
    "kpm show": READ,
    "kpm activate": OPERATOR,
    "kpm deactivate": OPERATOR,
    "import-kpm": _import,
    "product add": ADMIN,
    "product list": READ,
    "product edit": ADMIN,
    "product activate": ADMIN,
    "product deactivate": ADMIN,
    "purchase add": OPERATOR,
    "stock": _when("adjust", OPERATOR),
    "redeem": OPERATOR,
    "redemptions": READ,
    "void": ADMIN,
    "month": READ,
    "working-month": _when("period", ADMIN),
    "check": READ,
    "receipt": READ,
    "statements": READ,
    "roster": READ,
    "report": READ,
    "export": OPERATOR,
    "bundles": READ,
    "enrolment": READ,
    "rekey": ADMIN,
    "district-key": ADMIN,  # decides who may read every bundle from now on
    "receive": ADMIN,  # marks bundles, stores the Dinas' KPM list, may add rates
    "backup": READ,
    "backups": READ,
    "restore": RESTORE,
    "clock": _when("confirm", OPERATOR),
    "fund": READ,
    "fund tranche": ADMIN,
    "fund use": ADMIN,
    "fund void": ADMIN,
    "fund report": READ,
    "supplier": READ,
    "supplier tax-id": OPERATOR,
    "target": _when("percent", ADMIN),
}


def need_of(args: argparse.Namespace) -> str:
    need = NEEDS.get(getattr(args, "cli_path", ""), ADMIN)
    return need(args) if callable(need) else need


def name_subcommands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[str]:
    """Give every runnable subcommand its `cli_path` ("kpm add"); returns them all."""
    found: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            if path and parser.get_default("run") is not None:  # runs on its own too (`fund`)
                parser.set_defaults(cli_path=" ".join(path))
                found.append(" ".join(path))
            seen: set[int] = set()
            for name, child in action.choices.items():
                if id(child) not in seen:  # an alias is the same parser again
                    seen.add(id(child))
                    found += name_subcommands(child, (*path, name))
            return found
    if path:
        parser.set_defaults(cli_path=" ".join(path))
        found.append(" ".join(path))
    return found


class LoginRefused(PermissionDenied):
    code = "login_refused"


def new_pin(args: argparse.Namespace) -> str:
    """`change-pin`'s new PIN: the next line on standard input, or `EWARONG_NEW_PIN`."""
    pin = sys.stdin.readline() if args.pin_stdin else os.environ.get("EWARONG_NEW_PIN", "")
    if not pin.strip():
        raise LoginRefused(
            "PIN baru tidak ada: EWARONG_NEW_PIN, atau baris kedua dengan --pin-stdin.",
            "No new PIN: set EWARONG_NEW_PIN, or put it on the second line with --pin-stdin.",
        )
    return pin.strip()


def _pin(args: argparse.Namespace) -> str:
    if args.pin_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise LoginRefused(
                "Tidak ada PIN di masukan standar (--pin-stdin): tulis PIN pada baris pertama.",
                "No PIN on standard input (--pin-stdin): write the PIN on the first line.",
            )
        return line.strip()
    pin = os.environ.get("EWARONG_PIN", "")
    if not pin.strip():
        raise LoginRefused(
            "Perintah ini mengubah data: perlu PIN operator (EWARONG_PIN atau --pin-stdin).",
            "This command changes the store: it needs the operator's PIN (EWARONG_PIN or "
            "--pin-stdin).",
        )
    return pin


def authorise(args: argparse.Namespace, env: CliEnv) -> None:
    """Log the named operator in when the subcommand needs it; refuse in one line if not."""
    from ewarong_desktop.services.context import Actor, PinChangeDue

    need = need_of(args)
    if need in (READ, SETUP):
        env.actor = Actor(env.operator or "cli", Role.READER)
        return
    if not env.operator:
        raise LoginRefused(
            f"`{args.cli_path}` mengubah data: sebutkan operator (--operator NAMA atau "
            "EWARONG_OPERATOR) dan PIN-nya (EWARONG_PIN atau --pin-stdin).",
            f"`{args.cli_path}` changes the store: name the operator (--operator NAME or "
            "EWARONG_OPERATOR) and their PIN (EWARONG_PIN or --pin-stdin).",
        )
    from ewarong_desktop.services.operators import login

    try:
        db = env.context().db
    except StoreProblem:
        if need != RESTORE:
            raise
        # A damaged or lost store holds no PIN to check: the backup being put back does
        # (`backup.restore(pin=...)`), so spoiling the store is no way past the admin.
        env.actor = Actor(env.operator, Role.ADMIN)
        args.unchecked_pin = _pin(args)
        return
    actor = login(db, env.operator, _pin(args))
    if actor.pin_change_due and need != OWN_PIN:
        raise PinChangeDue(
            "PIN admin harus paling sedikit 6 angka: ganti dulu dengan "
            f"`ewarong-desktop --operator {env.operator} change-pin` (PIN baru di "
            "EWARONG_NEW_PIN, atau baris kedua dengan --pin-stdin).",
            "An admin PIN has at least 6 digits: change it first with "
            f"`ewarong-desktop --operator {env.operator} change-pin` (the new PIN in "
            "EWARONG_NEW_PIN, or on the second line with --pin-stdin).",
        )
    if need in (ADMIN, RESTORE) and not actor.is_admin:
        raise PermissionDenied(
            f"Hanya admin yang boleh menjalankan `{args.cli_path}`.",
            f"Only an admin may run `{args.cli_path}`.",
        )
    env.actor = actor
    if need == RESTORE:
        env.close()  # restore replaces the file: nothing of ours may hold it open
