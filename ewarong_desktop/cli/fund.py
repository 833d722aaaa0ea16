"""`fund`, `supplier`, `target`: the KUBE fund ledger and its report, suppliers' tax numbers,
and the own-source share against the district's target."""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.fund import PURPOSES, STAGE, purpose_label
from ewarong_desktop.domain.money import format_rupiah, parse_rupiah
from ewarong_desktop.domain.periods import Period, format_date, format_month, parse_date
from ewarong_desktop.domain.states import FundKind, Status


def register(sub: Any) -> None:
    fund = sub.add_parser("fund", help="dana KUBE: catatan dan saldo / the KUBE fund")
    fund.add_argument("--date", help="saldo per YYYY-MM-DD (bawaan: hari ini) / balance as at")
    fund.set_defaults(run=run_fund_list)
    fund_sub = fund.add_subparsers(dest="fund_command", metavar="tranche|use|void|report")

    tranche = fund_sub.add_parser("tranche", help="dana tahap N diterima / a stage received")
    tranche.add_argument("--stage", type=int, required=True)
    tranche.add_argument("--amount", required=True, help="mis. 10000000 atau Rp10.000.000")
    tranche.add_argument("--date", required=True, help="YYYY-MM-DD")
    tranche.add_argument("--reference", default="", help="nomor surat atau transfer")
    tranche.add_argument("--note", default="")
    tranche.set_defaults(run=run_tranche)

    use = fund_sub.add_parser("use", help="penggunaan dana / money spent from the fund")
    use.add_argument("--amount", required=True)
    use.add_argument("--date", required=True, help="YYYY-MM-DD")
    use.add_argument("--purpose", required=True, choices=PURPOSES)
    use.add_argument("--purchase", help="nomor pembelian yang dibayar dari dana")
    use.add_argument("--note", default="")
    use.add_argument("--yes", action="store_true", help="melebihi saldo: admin mengonfirmasi")
    use.set_defaults(run=run_use)

    void = fund_sub.add_parser("void", help="batalkan catatan dana / void an entry")
    void.add_argument("id", help="nomor catatan (boleh 8 karakter pertama)")
    void.add_argument("--reason", required=True)
    void.add_argument("--yes", action="store_true", help="saldo jadi negatif: admin mengonfirmasi")
    void.set_defaults(run=run_void)

    report = fund_sub.add_parser("report", help="laporan penggunaan dana KUBE (PDF atau XLSX)")
    report.add_argument("--out", required=True, metavar="F.pdf|F.xlsx")
    report.add_argument("--date", help="keadaan per YYYY-MM-DD (bawaan: hari ini)")
    report.add_argument("--ketua", default="", help="nama ketua e-warong untuk tanda tangan")
    report.add_argument("--tksk", default="", help="nama TKSK untuk tanda tangan")
    report.set_defaults(run=run_report)

    supplier = sub.add_parser("supplier", help="pemasok dan NPWP/NIB / suppliers' tax numbers")
    supplier.set_defaults(run=run_suppliers)
    supplier_sub = supplier.add_subparsers(dest="supplier_command", metavar="tax-id")
    tax = supplier_sub.add_parser("tax-id", help="NPWP/NIB pemasok, sekali untuk seterusnya")
    tax.add_argument("name", help="nama pemasok seperti pada pembelian")
    tax.add_argument("number", help="NPWP (15/16 angka) atau NIB (13 angka)")
    tax.set_defaults(run=run_tax_id)

    target = sub.add_parser(
        "target", help="porsi sumber sendiri 12 bulan vs target kabupaten / own-source target"
    )
    target.add_argument("percent", nargs="?", type=int, help="target dari surat dinas, mis. 60")
    target.add_argument("--from", dest="valid_from", help="mulai bulan YYYY-MM")
    target.set_defaults(run=run_target)


def run_fund_list(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import fund

    led = fund.ledger(env.context(), parse_date(args.date) if args.date else None)
    if not led.entries:
        env.out(env.t("Belum ada catatan dana KUBE.", "No KUBE fund entries yet."))
    for e in led.entries:
        what = (
            STAGE.format(stage=e.stage).text(env.lang)
            if e.kind == FundKind.TRANCHE
            else purpose_label(e.purpose, env.lang)
        )
        sign = "+" if e.kind == FundKind.TRANCHE else "-"
        after = "" if e.balance_after is None else format_rupiah(e.balance_after)
        extra = " ".join(x for x in (e.reference or "", e.note) if x)
        status = env.t(f"  BATAL: {e.void_reason}", f"  VOID: {e.void_reason}")
        env.out(
            f"{e.id[:8]}  {e.date}  {sign}{format_rupiah(e.amount_rupiah):>14}  {after:>14}  "
            f"{what}{'  ' + extra if extra else ''}{status if e.status == Status.VOIDED else ''}"
        )
    env.out(
        env.t(
            f"Diterima {format_rupiah(led.received_rupiah)}, terpakai "
            f"{format_rupiah(led.used_rupiah)}, sisa {format_rupiah(led.balance_rupiah)} "
            f"per {format_date(led.as_of)}.",
            f"Received {format_rupiah(led.received_rupiah)}, used "
            f"{format_rupiah(led.used_rupiah)}, balance {format_rupiah(led.balance_rupiah)} "
            f"as at {format_date(led.as_of, 'en')}.",
        )
    )
    return 0


def _done(env: CliEnv, entry: Any) -> None:
    from ewarong_desktop.services import fund

    balance = fund.balance(env.context())
    env.out(
        f"{entry.id}  {entry.date}  {format_rupiah(entry.amount_rupiah)}  "
        + env.t(f"sisa dana {format_rupiah(balance)}", f"balance {format_rupiah(balance)}")
    )


def run_tranche(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import fund

    data = fund.TrancheInput(
        args.stage, parse_rupiah(args.amount), parse_date(args.date), args.reference, args.note
    )
    _done(env, fund.record_tranche(env.context(), data))
    return 0


def run_use(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import fund

    data = fund.UseInput(
        parse_rupiah(args.amount), parse_date(args.date), args.purpose, args.purchase, args.note
    )
    _done(env, fund.record_use(env.context(), data, confirm_overdraw=args.yes))
    return 0


def run_void(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import fund

    entry = fund.void_entry(env.context(), args.id, args.reason, confirm_overdraw=args.yes)
    env.out(env.t(f"{entry.id} dibatalkan.", f"{entry.id} voided."))
    return 0


def run_report(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.cli.reports import _format
    from ewarong_desktop.services import fund
    from ewarong_desktop.services.documents import write_file

    kind = _format(args.out, ("pdf", "xlsx"))
    as_of = parse_date(args.date) if args.date else None
    made: list[Any] = []
    path = write_file(
        args.out,
        lambda f: made.append(
            fund.write_report_to(
                env.context(),
                f,
                kind=kind,
                lang=env.lang,
                as_of=as_of,
                ketua=args.ketua,
                tksk=args.tksk,
            )
        ),
    )
    data = made[0]
    env.out(
        f"{path}  "
        + env.t(
            f"diterima {format_rupiah(data.received)}, terpakai {format_rupiah(data.used)}, "
            f"sisa {format_rupiah(data.balance)}",
            f"received {format_rupiah(data.received)}, used {format_rupiah(data.used)}, "
            f"balance {format_rupiah(data.balance)}",
        )
    )
    return 0


def run_suppliers(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import independence

    rows = independence.suppliers(env.context())
    if not rows:
        env.out(env.t("Belum ada pemasok.", "No suppliers yet."))
    for row in rows:
        env.out(f"{row.name:<40} {row.tax_id or '-'}")
    return 0


def run_tax_id(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import independence

    row = independence.set_supplier_tax_id(env.context(), args.name, args.number)
    env.out(
        env.t(
            f"{row.name}: {row.tax_id} (untuk pembelian berikutnya)",
            f"{row.name}: {row.tax_id} (for the purchases from now on)",
        )
    )
    return 0


def run_target(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import independence

    ctx = env.context()
    if args.percent is not None:
        if not args.valid_from:
            raise InvalidInput("target perlu --from TTTT-BB.", "target needs --from YYYY-MM.")
        view = independence.set_target(ctx, args.percent, Period.parse(args.valid_from))
    elif args.valid_from:
        raise InvalidInput("--from perlu PERSEN.", "--from needs PERCENT.")
    else:
        view = independence.independence(ctx)
    for month in view.months:
        share = "-" if month.share is None else f"{month.share * 100:.0f}%"
        target = view.target_for(month.period)
        mark = "" if target is None or month.share is None else (
            env.t("  tercapai", "  met") if month.share * 100 >= target else f"  < {target}%"
        )  # fmt: skip
        env.out(f"{format_month(month.period, env.lang):<16} {share:>5}{mark}")
    if view.target_percent is None or view.target_from is None:
        env.out(
            env.t(
                "Target kabupaten belum diisi: target PERSEN --from TTTT-BB",
                "The district's target is not set: target PERCENT --from YYYY-MM",
            )
        )
    else:
        env.out(
            env.t(
                f"Target kabupaten {view.target_percent}% mulai "
                f"{format_month(view.target_from)}; tercapai {view.months_at_target} bulan.",
                f"District target {view.target_percent}% from "
                f"{format_month(view.target_from, 'en')}; met in {view.months_at_target} "
                "month(s).",
            )
        )
    return 0
