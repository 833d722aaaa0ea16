"""`receipt`, `statements`, `report`: the printed documents, written to a file.

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
from ewarong_desktop.services.profile import RECEIPT_WIDTHS

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
    statements.set_defaults(run=run_statements)

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
        lambda f: made.append(write_statements_to(env.context(), period, f, lang=env.lang)),
    )
    data, pages = made[0][0], [made[0][1]]
    env.out(
        f"{path}  {format_month(period, env.lang)}  "
        + env.t(
            f"{len(data.statements)} KPM, {pages[0]} halaman",
            f"{len(data.statements)} KPM, {pages[0]} pages",
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
