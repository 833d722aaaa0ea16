"""`redeem` and `void`: the counter's two jobs, headless."""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.goods import split_item
from ewarong_desktop.cli.table import layout
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.domain.quantity import format_quantity, parse_quantity
from ewarong_desktop.domain.states import Status
from ewarong_desktop.services import beneficiaries, products, redemption
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest, RedemptionView


def register(sub: Any) -> None:
    redeem = sub.add_parser("redeem", help="layani KPM / record a redemption")
    redeem.add_argument("--kks", required=True, help="nomor KKS (atau NIK)")
    redeem.add_argument("--item", action="append", required=True, metavar="PRODUCT:QTY")
    redeem.add_argument("--edc", help="nomor referensi transaksi EDC")
    redeem.add_argument(
        "--period",
        metavar="YYYY-MM",
        help="kunci ke satu bulan bantuan (bawaan: bulan terbuka, yang terlama dulu)",
    )
    redeem.set_defaults(run=run_redeem)

    listing = sub.add_parser(
        "redemptions",
        help="daftar transaksi / list redemptions",
        description=(
            "Satu baris per transaksi, diawali nomornya (untuk void atau receipt). "
            "Contoh: ewarong-desktop redemptions --month 2020-05 --kpm 6013010012345678"
        ),
    )
    listing.add_argument("--month", metavar="YYYY-MM", help="bulan bantuan (bawaan: bulan kerja)")
    listing.add_argument("--kpm", metavar="KKS_OR_NIK", help="hanya KPM ini (semua bulannya)")
    listing.set_defaults(run=run_list)

    daily = sub.add_parser("daily", help="rekap hari ini / the day's summary")
    daily.add_argument("--date", metavar="YYYY-MM-DD", help="hari / day (bawaan: hari ini)")
    daily.add_argument("--operator-only", metavar="NAME", help="hanya operator ini / only them")
    daily.add_argument("--out", metavar="F.pdf", help="juga PDF untuk printer struk / as a PDF")
    daily.set_defaults(run=run_daily)

    void = sub.add_parser("void", help="batalkan transaksi / void a redemption")
    void.add_argument("id")
    void.add_argument("--reason", required=True)
    void.add_argument("--edc-reversal", help="nomor referensi pembatalan di EDC")
    void.set_defaults(run=run_void)


def print_redemption(env: CliEnv, r: RedemptionView) -> None:
    env.out(
        f"{r.id}  {r.beneficiary_name}  {format_month(r.period, env.lang)}  "
        f"{Status(r.status).label(env.lang)}"
    )
    rows = [
        [
            "",
            line.product_name,
            format_quantity(line.quantity, line.unit, env.lang),
            format_rupiah(line.total_rupiah),
        ]
        for line in r.lines
    ]
    rows.append(["", "TOTAL", "", format_rupiah(r.total_rupiah)])
    for text in layout(rows, right=(2, 3)):
        env.out(text)


def run_redeem(args: argparse.Namespace, env: CliEnv) -> int:
    """Without --period the basket draws on the KPM's open months oldest first, as at the
    counter; each month's part is saved as its own redemption and printed with its id."""
    ctx = env.context()
    kpm = beneficiaries.find_one(ctx, args.kks)
    items = []
    for item in args.item:
        name, qty = split_item(item)
        items.append(BasketItem(products.find_product(ctx, name).id, parse_quantity(qty)))
    period = Period.parse(args.period) if args.period else None
    saved = redemption.serve(ctx, RedeemRequest(kpm.id, period, tuple(items), args.edc))
    for part in saved.parts:
        print_redemption(env, part)
    if len(saved.parts) > 1:
        env.out(env.t("Total belanja: ", "Basket total: ") + format_rupiah(saved.total_rupiah))
    left = redemption.balance(ctx, kpm.id)
    env.out(env.t("Sisa bantuan: ", "Aid left: ") + format_rupiah(left.remaining))
    return 0


def run_void(args: argparse.Namespace, env: CliEnv) -> int:
    voided = redemption.void_redemption(env.context(), args.id, args.reason, args.edc_reversal)
    for part in voided.parts:  # a basket over several months is voided whole
        print_redemption(env, part)
    return 0


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services.redemption_list import list_redemptions

    ctx = env.context()
    period = Period.parse(args.month) if args.month else None
    kpm = beneficiaries.find_one(ctx, args.kpm) if args.kpm else None
    if kpm is None and period is None:
        period = working_period(ctx)
    found = list_redemptions(ctx, period, kpm.id if kpm else None)
    rows = []
    for r in found:
        rows.append(
            [
                r.id,
                format_month(r.period, env.lang),
                r.kks_number,
                r.beneficiary_name,
                format_rupiah(r.total_rupiah),
                Status(r.status).label(env.lang),
            ]
        )
    for line in layout(rows, right=(4,)):
        env.out(line)
    if not found:
        env.out(env.t("Belum ada transaksi.", "No redemptions."))
    return 0


def run_daily(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.cli.table import layout
    from ewarong_desktop.domain.periods import format_date, parse_date
    from ewarong_desktop.services import daily

    ctx = env.context()
    day = parse_date(args.date) if args.date else None
    summary = daily.daily_summary(ctx, day, args.operator_only)
    who = f" ({summary.operator})" if summary.operator else ""
    env.out(env.t("Rekap ", "Summary of ") + format_date(summary.day, env.lang) + who)
    rows = [
        [env.t("Transaksi", "Redemptions"), str(summary.transactions)],
        [env.t("KPM dilayani", "KPM served"), str(summary.kpm_served)],
        [env.t("Nilai", "Value"), format_rupiah(summary.total_rupiah)],
        [
            env.t("Dibatalkan", "Voided"),
            f"{summary.voids} ({format_rupiah(summary.voided_rupiah)})",
        ],
    ]
    rows += [
        [f"  {p.name}", format_quantity(p.quantity, p.unit, env.lang)] for p in summary.by_product
    ]
    for line in layout(rows, right=(1,)):
        env.out(line)
    if args.out:
        from ewarong_desktop.services.documents import write_file

        data = daily.daily_summary_pdf(ctx, summary, env.lang)
        env.out(str(write_file(args.out, lambda f: f.write(data))))
    return 0
