"""`receipt`, `statements`, `roster`, `report`: the printed documents, written to a file.

The output file's extension chooses the format (`.pdf`, or `.xlsx` for the report's tables).
Each file is written beside its final name and renamed into place, so a cut-off run never
leaves half a PDF where the operator expects a whole one.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.services.profile import RECEIPT_WIDTHS, STATEMENTS_PER_SHEET

# reportlab and openpyxl load only when a document is written: every other subcommand
# (redeem at the counter, say) starts without them.


def register(sub: Any) -> None:
    receipt = sub.add_parser("receipt", help="cetak struk transaksi / print a receipt (PDF)")
    receipt.add_argument("id", help="nomor transaksi (boleh 8 karakter pertama)")
    receipt.add_argument("--out", required=True, metavar="F.pdf")
    receipt.add_argument(
        "--width", choices=RECEIPT_WIDTHS, help="kertas: 58 mm, 80 mm, atau A5 (bawaan: pengaturan)"
    )
    receipt.set_defaults(run=run_receipt)

    statements = sub.add_parser(
        "statements", help="kuitansi bulanan semua KPM / monthly statements (PDF)"
    )
    statements.add_argument("period", metavar="YYYY-MM")
    statements.add_argument("--out", required=True, metavar="F.pdf")
    statements.add_argument(
        "--per-sheet",
        type=int,
        choices=STATEMENTS_PER_SHEET,
        help="1 per A4, atau 2 per lembar A4 (A5, digunting); bawaan: pengaturan",
    )
    statements.set_defaults(run=run_statements)

    roster = sub.add_parser(
        "roster",
        help="daftar tanda terima bantuan bulan itu / the month's signature roster (PDF)",
    )
    roster.add_argument("period", metavar="YYYY-MM")
    roster.add_argument("--out", required=True, metavar="F.pdf")
    roster.add_argument("--ketua", default="", help="nama ketua e-warong untuk tanda tangan")
    roster.add_argument("--tksk", default="", help="nama TKSK untuk tanda tangan")
    roster.set_defaults(run=run_roster)

    report = sub.add_parser("report", help="laporan bulanan / monthly report (PDF atau XLSX)")
    report.add_argument("period", metavar="YYYY-MM")
    report.add_argument("--out", required=True, metavar="F.pdf|F.xlsx")
    report.add_argument("--ketua", default="", help="nama ketua e-warong untuk tanda tangan")
    report.add_argument("--tksk", default="", help="nama TKSK untuk tanda tangan")
    report.set_defaults(run=run_report)


def _format(out: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(out).suffix.lower().lstrip(".")
    if suffix not in allowed:
        shown = " atau ".join(f".{a}" for a in allowed)
        shown_en = " or ".join(f".{a}" for a in allowed)
        raise InvalidInput(
            f"Nama berkas '{out}' harus berakhiran {shown}.",
            f"The file name '{out}' must end in {shown_en}.",
        )
    return suffix


def run_receipt(args: argparse.Namespace, env: CliEnv) -> int:
    _format(args.out, ("pdf",))
    from ewarong_desktop.services.documents import write_file, write_receipt_to

    made: list[Any] = []
    path = write_file(
        args.out,
        lambda f: made.append(
            write_receipt_to(env.context(), args.id, f, width=args.width, lang=env.lang)
        ),
    )
    data = made[0]
    status = env.t(" (BATAL)", " (VOID)") if data.voided else ""
    env.out(
        f"{path}  {data.kpm_name}  {format_rupiah(data.total)}  {data.verification_code}{status}"
    )
    return 0


def run_statements(args: argparse.Namespace, env: CliEnv) -> int:
    _format(args.out, ("pdf",))
    period = Period.parse(args.period)
    from ewarong_desktop.services.documents import write_file, write_statements_to

    made: list[Any] = []
    path = write_file(
        args.out,
        lambda f: made.append(
            write_statements_to(env.context(), period, f, lang=env.lang, per_sheet=args.per_sheet)
        ),
    )
    data, pages = made[0]
    env.out(
        f"{path}  {format_month(period, env.lang)}  "
        + env.t(
            f"{len(data.statements)} KPM, {pages} halaman",
            f"{len(data.statements)} KPM, {pages} pages",
        )
    )
    return 0


def run_roster(args: argparse.Namespace, env: CliEnv) -> int:
    _format(args.out, ("pdf",))
    period = Period.parse(args.period)
    from ewarong_desktop.services.documents import write_file, write_roster_to

    made: list[Any] = []
    path = write_file(
        args.out,
        lambda f: made.append(
            write_roster_to(
                env.context(), period, f, lang=env.lang, ketua=args.ketua, tksk=args.tksk
            )
        ),
    )
    data, pages = made[0]
    served = sum(1 for s in data.statements if s.served)
    env.out(
        f"{path}  {format_month(period, env.lang)}  "
        + env.t(
            f"{len(data.statements)} KPM ({served} dilayani), {pages} halaman",
            f"{len(data.statements)} KPM ({served} served), {pages} pages",
        )
    )
    return 0


def run_report(args: argparse.Namespace, env: CliEnv) -> int:
    kind = _format(args.out, ("pdf", "xlsx"))
    period = Period.parse(args.period)
    from ewarong_desktop.services.documents import write_file, write_report_to

    made: list[Any] = []
    path = write_file(
        args.out,
        lambda f: made.append(
            write_report_to(
                env.context(),
                period,
                f,
                kind=kind,
                lang=env.lang,
                ketua=args.ketua,
                tksk=args.tksk,
            )
        ),
    )
    data = made[0]
    env.out(
        f"{path}  {format_month(period, env.lang)}  "
        + env.t(
            f"{data.kpm_served}/{data.kpm_registered} KPM dilayani, "
            f"{format_rupiah(data.redemptions_value)}",
            f"{data.kpm_served}/{data.kpm_registered} KPM served, "
            f"{format_rupiah(data.redemptions_value)}",
        )
    )
    return 0
