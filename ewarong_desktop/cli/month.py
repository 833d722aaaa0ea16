"""`month YYYY-MM`: the monthly figures as a table, or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.table import layout
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.domain.quantity import format_quantity
from ewarong_desktop.domain.share import format_share
from ewarong_desktop.services.monthly import MonthlyFigures, monthly_figures


def register(sub: Any) -> None:
    month = sub.add_parser("month", help="angka bulanan / monthly figures")
    month.add_argument("period", metavar="YYYY-MM")
    month.add_argument("--json", action="store_true")
    month.set_defaults(run=run_month)

    working = sub.add_parser(
        "working-month",
        help="bulan kerja: lihat atau konfirmasi (admin) / the working month",
        description=(
            "Tanpa argumen: tampilkan bulan kerja. Dengan YYYY-MM: admin mengonfirmasinya "
            "(tidak boleh melewati bulan jam laptop). Contoh: ewarong-desktop working-month "
            "2020-05"
        ),
    )
    working.add_argument("period", nargs="?", metavar="YYYY-MM")
    working.set_defaults(run=run_working_month)


def run_month(args: argparse.Namespace, env: CliEnv) -> int:
    figures = monthly_figures(env.context(), Period.parse(args.period))
    if args.json:
        env.out(json.dumps(figures.to_json(), indent=2, ensure_ascii=False))
    else:
        print_month(env, figures)
    return 0


def print_month(env: CliEnv, f: MonthlyFigures) -> None:
    t, lang = env.t, env.lang
    share = format_share(f.own_share, lang)
    rows = [
        (t("Bulan", "Month"), format_month(f.period, lang)),
        (t("Bantuan per KPM", "Aid per KPM"), format_rupiah(f.entitlement_rate)),
        (t("KPM terdaftar", "KPM registered"), str(f.kpm_registered)),
        (t("KPM dilayani", "KPM served"), str(f.kpm_served)),
        (t("KPM belum dilayani", "KPM not served yet"), str(f.kpm_not_served)),
        (t("Transaksi", "Redemptions"), str(f.redemptions_count)),
        (t("Nilai transaksi", "Value redeemed"), format_rupiah(f.redemptions_total_rupiah)),
        (t("Dibatalkan", "Voided"), str(f.voided_count)),
        (
            t("Pembelian sumber sendiri", "Bought from own sources"),
            format_rupiah(f.purchases_own_rupiah),
        ),
        (
            t("Pembelian pihak ketiga", "Bought from third parties"),
            format_rupiah(f.purchases_third_party_rupiah),
        ),
        (t("Porsi sumber sendiri", "Own-source share"), share),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        env.out(f"{label:<{width}}  {value}")
    env.out()
    head = (
        t("Barang", "Product"),
        t("Awal", "Opening"),
        t("Masuk", "In"),
        t("Keluar", "Out"),
        t("Penyesuaian", "Adjusted"),
        t("Akhir", "Closing"),
    )
    stock_rows = [
        [s.name]
        + [
            format_quantity(c, s.unit, lang)
            for c in (s.opening, s.purchased, s.redeemed, s.adjusted, s.closing)
        ]
        for s in f.stock
    ]
    for line in layout(stock_rows, right=range(1, 6), head=head):
        env.out(line)


def run_working_month(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import profile

    ctx = env.context()
    if args.period:
        view = profile.confirm_working_month(ctx, Period.parse(args.period))
        shown = view.working_month
    else:
        shown = profile.working_period(ctx)
    assert shown is not None
    env.out(env.t("Bulan kerja: ", "Working month: ") + format_month(shown, env.lang))
    return 0
