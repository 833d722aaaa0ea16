"""`rates` and `rates add`: the shop's entitlement rates (aid per KPM per month).

The same service as the window's Pengaturan › Besaran bantuan: only an admin adds one, it
must be more than Rp0 and start after every rate held, and the month before it closes the
rate before. Like the window, a new rate starts within a year of the working month.
"""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.table import layout
from ewarong_desktop.domain.money import format_rupiah, parse_rupiah
from ewarong_desktop.domain.periods import Period, format_month


def register(sub: Any) -> None:
    rates = sub.add_parser(
        "rates",
        help="besaran bantuan per KPM per bulan / the entitlement rates",
        description="Tanpa subperintah: daftar besaran. Contoh: ewarong-desktop rates",
    )
    rates.set_defaults(run=run_list)
    rates_sub = rates.add_subparsers(dest="rates_command", metavar="add")
    add = rates_sub.add_parser(
        "add",
        help="tambah besaran baru (admin) / add a new rate",
        description=(
            "Besaran baru berlaku mulai bulan itu; besaran sebelumnya berakhir sebulan "
            "sebelumnya. Contoh: ewarong-desktop rates add --amount 225000 --from 2025-01"
        ),
    )
    add.add_argument("--amount", required=True, help="mis. 225000 atau Rp225.000")
    add.add_argument("--from", dest="valid_from", required=True, metavar="YYYY-MM")
    add.set_defaults(run=run_add)


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import programme
    from ewarong_desktop.services.profile import working_period

    ctx = env.context()
    held = programme.list_rates(ctx)
    working = working_period(ctx)
    rows = []
    for rate in held:
        until = format_month(rate.valid_until, env.lang) if rate.valid_until else "-"
        mark = env.t("<- bulan kerja", "<- working month") if rate.covers(working) else ""
        rows.append(
            [format_rupiah(rate.amount), format_month(rate.valid_from, env.lang), until, mark]
        )
    head = (env.t("Besaran", "Rate"), env.t("Mulai", "From"), env.t("Sampai", "Until"), "")
    for line in layout(rows, right=(0,), head=head):
        env.out(line)
    if not held:
        env.out(
            env.t(
                "Belum ada besaran bantuan: tambahkan dengan `ewarong-desktop rates add`.",
                "No entitlement rate yet: add one with `ewarong-desktop rates add`.",
            )
        )
    return 0


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import programme

    ctx = env.context()
    start = Period.parse(args.valid_from)
    amount = parse_rupiah(args.amount)
    programme.check_rate_start(ctx, start)
    programme.add_rate(ctx, amount, start)
    env.out(
        env.t(
            f"Besaran bantuan tersimpan: {format_rupiah(amount)} mulai "
            f"{format_month(start, 'id')}.",
            f"Entitlement rate saved: {format_rupiah(amount)} from {format_month(start, 'en')}.",
        )
    )
    return 0
