"""`init` and `demo`: make a store (first-run setup without the window)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.services.context import CLI_ACTOR
from ewarong_desktop.services.demo import build_demo
from ewarong_desktop.services.monthly import monthly_figures
from ewarong_desktop.services.profile import ProfileInput
from ewarong_desktop.services.setup import SetupResult, initialise


def register(sub: Any) -> None:
    init = sub.add_parser(
        "init",
        help="penyiapan awal e-warong / first-run setup",
        description=(
            "Contoh: ewarong-desktop init --code LTM-SKP-01 --name 'E-Warong Sejahtera' "
            "--desa Sidodadi --kecamatan Sekampung --kabupaten 'Lampung Timur'"
        ),
    )
    init.add_argument("--code", required=True, help="kode e-warong dari dinas sosial")
    init.add_argument("--name", required=True, help="nama e-warong")
    init.add_argument("--desa", required=True, help="desa")
    init.add_argument("--kecamatan", required=True, help="kecamatan")
    init.add_argument("--kabupaten", required=True, help="kabupaten")
    init.add_argument("--area-code", help="kode wilayah Kemendagri, mis. 18.07.12.2001")
    init.add_argument(
        "--admin-pin", help="PIN admin, 6-12 angka (bawaan: dibuat dan ditampilkan sekali)"
    )
    init.set_defaults(run=run_init)

    demo = sub.add_parser("demo", help="isi toko contoh / fill a demo store")
    demo.add_argument("--kpm", type=int, default=200)
    demo.add_argument("--months", type=int, default=6)
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(run=run_demo)


def _print_setup(env: CliEnv, result: SetupResult) -> None:
    env.out(
        env.t(f"Data e-warong dibuat di {result.data_dir}", f"Store created in {result.data_dir}")
    )
    if result.pin_generated:
        env.out(
            env.t(
                f"PIN admin ({result.admin_name}): {result.admin_pin}  (catat sekarang; "
                "tidak ditampilkan lagi)",
                f"Admin PIN ({result.admin_name}): {result.admin_pin}  (write it down now; "
                "it is not shown again)",
            )
        )
    env.out(env.t("Sidik jari kunci: ", "Key fingerprint: ") + result.fingerprint)
    env.out(
        env.t(
            f"Kode pemulihan cadangan: {result.recovery_code}  (catat dan simpan di tempat "
            "aman; membuka cadangan di flashdisk)",
            f"Backup recovery code: {result.recovery_code}  (write it down and keep it safe; "
            "it opens the backups on a USB stick)",
        )
    )
    env.out(
        env.t("Berkas enrolmen untuk Dinas Sosial: ", "Enrolment file for the district office: ")
        + str(result.enrolment_path)
    )


def run_init(args: argparse.Namespace, env: CliEnv) -> int:
    profile = ProfileInput(
        args.code, args.name, args.desa, args.kecamatan, args.kabupaten, args.area_code
    )
    _print_setup(env, initialise(env.data_dir, profile, args.admin_pin))
    return 0


def _month_done(env: CliEnv) -> Callable[[Period, int, int], None]:
    """A line on the terminal as each month of the demo is made: a big demo takes minutes.
    Only on a terminal: a script reads the summary, not the progress."""

    def said(month: Period, done: int, of: int) -> None:
        text = env.t(
            f"Bulan {format_month(month)} selesai ({done}/{of})",
            f"{format_month(month, 'en')} done ({done}/{of})",
        )
        print(text, file=sys.stderr, flush=True)

    return said


def run_demo(args: argparse.Namespace, env: CliEnv) -> int:
    if not (1 <= args.kpm <= 200_000 and 1 <= args.months <= 120):
        env.error("--kpm 1..200000 dan --months 1..120.", "--kpm 1..200000 and --months 1..120.")
        return 2
    # An empty folder: the demo's own admin acts; a store: the admin who logged in.
    admin = env.actor if env.actor is not None and env.actor.is_admin else CLI_ACTOR
    result = build_demo(
        env.data_dir,
        kpm=args.kpm,
        months=args.months,
        seed=args.seed,
        actor=admin,
        progress=_month_done(env) if sys.stderr.isatty() else None,
    )
    if result.setup is not None:
        _print_setup(env, result.setup)
    env.out(
        env.t(
            f"Operator: {result.operator_name}, PIN {result.operator_pin}",
            f"Operator: {result.operator_name}, PIN {result.operator_pin}",
        )
    )
    env.out(
        env.t(
            f"{result.kpm} KPM, {result.redemptions} transaksi, "
            f"{format_month(result.months[0])} - {format_month(result.months[-1])}",
            f"{result.kpm} KPM, {result.redemptions} redemptions, "
            f"{format_month(result.months[0], 'en')} - {format_month(result.months[-1], 'en')}",
        )
    )
    from ewarong_desktop.cli.month import print_month

    print_month(env, monthly_figures(env.context(), result.months[-1]))
    return 0
