"""`change-pin`: the logged-in operator's own new PIN (an admin's short PIN must go first)."""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli import roles
from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.services.operators import change_own_pin


def register(sub: Any) -> None:
    change = sub.add_parser(
        "change-pin",
        help="ganti PIN sendiri / change your own PIN",
        description=(
            "PIN lama dari EWARONG_PIN (atau baris pertama dengan --pin-stdin), PIN baru dari "
            "EWARONG_NEW_PIN (atau baris kedua dengan --pin-stdin)."
        ),
    )
    change.set_defaults(run=run_change_pin)


def run_change_pin(args: argparse.Namespace, env: CliEnv) -> int:
    env.actor = change_own_pin(env.context(), roles.new_pin(args))
    env.out(env.t(f"PIN {env.actor.name} sudah diganti.", f"{env.actor.name}'s PIN is changed."))
    return 0
