"""`check`: integrity of the store; exit 0 only when everything holds, 3 when there is none."""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.services.integrity import FACT_LABELS, check_store, said


def register(sub: Any) -> None:
    check = sub.add_parser(
        "check",
        help="periksa keutuhan data / check the store's integrity",
        description=(
            "Keluar 0 bila data utuh, 1 bila ada masalah, 3 bila tidak ada data. "
            "Contoh: ewarong-desktop check"
        ),
    )
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace, env: CliEnv) -> int:
    report = check_store(env.data_dir)
    for key, value in sorted(report.facts.items()):
        label = FACT_LABELS.get(key, (key, key))
        env.out(
            f"{env.t(label[0], label[1]).capitalize()}: {value:,}".replace(",", env.t(".", ","))
        )
    if report.ok:
        env.out(env.t("Data utuh.", "The store is whole."))
        return 0
    for problem in report.problems:
        env.out(env.t("MASALAH: ", "PROBLEM: ") + said(problem, env.lang))
    env.error(
        f"{len(report.problems)} masalah ditemukan; "
        "pulihkan dari cadangan atau hubungi pendamping.",
        f"{len(report.problems)} problems found; restore a backup or call for support.",
    )
    return 1
