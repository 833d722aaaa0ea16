"""Documents written as files into `<data>/documents/`: receipts, monthly reports, statements.

Documents (and reportlab behind them) load on the first print, not at the window's start.
"""

from __future__ import annotations

from pathlib import Path

from ewarong_desktop.domain.errors import StoreProblem
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.words import os_reason
from ewarong_desktop.services.context import ServiceContext

DOCUMENTS_DIR = "documents"


def documents_dir(ctx: ServiceContext) -> Path:
    folder = ctx.data_dir / DOCUMENTS_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreProblem(
            f"Folder dokumen {folder} tidak dapat dibuat: {os_reason(exc).id}.",
            f"The documents folder {folder} cannot be made: {os_reason(exc).en}.",
        ) from exc
    return folder


def write_receipt_pdf(
    ctx: ServiceContext, redemption_id: str, lang: str = "id", width: str | None = None
) -> Path:
    """The receipt in the documents folder, on the shop's paper unless `width` says."""
    # Documents (and reportlab behind them) load on the first print, not at the window's start.
    from ewarong_desktop.services.documents import write_file, write_receipt_to

    out = documents_dir(ctx) / f"struk-{redemption_id[:8]}.pdf"
    return write_file(
        out, lambda f: write_receipt_to(ctx, redemption_id, f, width=width, lang=lang)
    )


def write_report(ctx: ServiceContext, period: Period, kind: str = "pdf", lang: str = "id") -> Path:
    """The monthly report as PDF or as an Excel workbook (`kind` = pdf | xlsx)."""
    from ewarong_desktop.services.documents import write_file, write_report_to

    out = documents_dir(ctx) / f"laporan-{period}.{'xlsx' if kind == 'xlsx' else 'pdf'}"
    return write_file(out, lambda f: write_report_to(ctx, period, f, kind=kind, lang=lang))


def write_statements_pdf(ctx: ServiceContext, period: Period, lang: str = "id") -> Path:
    from ewarong_desktop.services.documents import write_file, write_statements_to

    out = documents_dir(ctx) / f"kuitansi-{period}.pdf"
    return write_file(out, lambda f: write_statements_to(ctx, period, f, lang=lang))


def write_roster_pdf(ctx: ServiceContext, period: Period, lang: str = "id") -> Path:
    """The month's signature roster (daftar tanda terima) in the documents folder."""
    from ewarong_desktop.services.documents import write_file, write_roster_to

    out = documents_dir(ctx) / f"daftar-tanda-terima-{period}.pdf"
    return write_file(out, lambda f: write_roster_to(ctx, period, f, lang=lang))


def write_fund_report(ctx: ServiceContext, kind: str = "pdf", lang: str = "id") -> Path:
    """The KUBE fund report (as of today) as PDF or as an Excel workbook."""
    from ewarong_desktop.services.documents import write_file
    from ewarong_desktop.services.fund import write_report_to

    out = documents_dir(ctx) / f"dana-kube-{ctx.today()}.{'xlsx' if kind == 'xlsx' else 'pdf'}"
    return write_file(out, lambda f: write_report_to(ctx, f, kind=kind, lang=lang))
