"""`clock`: is the laptop clock plausible against what the store has seen? `--confirm` says yes."""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.services.clockguard import confirm_clock, note_clock


def register(sub: Any) -> None:
    clock = sub.add_parser("clock", help="periksa jam laptop / check the laptop clock")
    clock.add_argument(
        "--confirm",
        action="store_true",
        help="jam laptop sudah benar / the laptop clock is right (after checking it)",
    )
    clock.set_defaults(run=run_clock)


def run_clock(args: argparse.Namespace, env: CliEnv) -> int:
    db = env.context().db
    if args.confirm:
        confirm_clock(db)
        env.out(env.t("Jam laptop dicatat benar.", "The laptop clock is recorded as right."))
        return 0
    finding = note_clock(db)
    if finding.ok:
        env.out(env.t("Jam laptop wajar.", "The laptop clock looks right."))
        return 0
    env.error(finding.id_text, finding.en_text)
    env.out(
        env.t(
            "Jika jam sudah benar, jalankan: ewarong-desktop clock --confirm",
            "If the clock is right, run: ewarong-desktop clock --confirm",
        )
    )
    return 1
