"""Printing straight to the chosen printer, no dialog: receipts, statements, reports.

A document is the PDF the services write; it reaches a `QPrinter` as page images at the
printer's resolution (capped at 300 dpi), each page on paper of the PDF page's own size, so a
58 mm roll gets a 58 mm page as tall as the receipt. With no printer chosen (or the chosen
one gone) the PDF is saved and the caller says where; ESC/POS printers take the receipt
through the services.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ewarong_desktop.domain.errors import StoreProblem
from ewarong_desktop.services import printing, profile
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.document_files import write_receipt_pdf

if TYPE_CHECKING:
    from ewarong_desktop.services.daily import DailySummary

MAX_DPI = 300


@dataclass(frozen=True)
class PrintOutcome:
    """Where a document went: a printer (`printer` named) or a saved PDF (`saved`), and the
    chosen printer that could not be found, if that is why it was saved."""

    printer: str | None = None
    saved: Path | None = None
    missing: str | None = None


def system_printers() -> list[str]:
    """The printers the system knows (Qt's print support), the default first."""
    names = list(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName()
    return sorted(names, key=lambda n: (n != default, n.lower()))


def find_printer(name: str) -> QPrinter | None:
    """A printer ready to print to `name`, or None when the system has no such printer."""
    if not name:
        return None
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def _name(printer: QPrinter) -> str:
    """How the operator knows the printer: its system name (a file when printing to PDF)."""
    return printer.printerName() or printer.outputFileName()


def print_pages(printer: QPrinter, pages: Iterable[printing.PageImage], title: str) -> int:
    """Paint the pages on `printer`, each on paper of its own size; returns the page count."""
    printer.setDocName(title)
    printer.setFullPage(True)
    painter: QPainter | None = None
    count = 0
    try:
        for page in pages:
            layout = QPageLayout(
                QPageSize(QSizeF(page.width_pt, page.height_pt), QPageSize.Unit.Point, title),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
            printer.setPageLayout(layout)
            if painter is None:
                painter = QPainter()
                if not painter.begin(printer):
                    raise StoreProblem(
                        f"Printer {_name(printer)} tidak dapat dipakai sekarang.",
                        f"The printer {_name(printer)} cannot be used now.",
                    )
            elif not printer.newPage():
                raise StoreProblem(
                    "Printer menolak halaman berikutnya.", "The printer refused a page."
                )
            image = QImage(
                page.pixels, page.width_px, page.height_px, page.stride, QImage.Format.Format_RGB32
            )
            area = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(0, 0, area.width(), area.height()), image)
            count += 1
    finally:
        if painter is not None:
            painter.end()
    return count


def print_pdf(printer: QPrinter, pdf: bytes | Path, title: str) -> int:
    dpi = min(printer.resolution(), MAX_DPI)
    return print_pages(printer, printing.render_pages(pdf, dpi), title)


def print_receipt(ctx: ServiceContext, redemption_id: str, lang: str) -> PrintOutcome:
    """The receipt to this laptop's receipt printer (or ESC/POS device), else a saved PDF."""
    settings = printing.print_settings(ctx)
    width = profile.get_profile(ctx).receipt_width
    if settings.escpos_device:
        device = printing.print_receipt_escpos(
            ctx, redemption_id, settings.escpos_device, lang=lang, width=width
        )
        return PrintOutcome(printer=device)
    printer = find_printer(settings.receipt_printer)
    if printer is not None:
        print_pdf(printer, printing.receipt_pdf(ctx, redemption_id, lang, width), "struk")
        return PrintOutcome(printer=_name(printer))
    saved = write_receipt_pdf(ctx, redemption_id, lang)
    return PrintOutcome(saved=saved, missing=settings.receipt_printer or None)


def print_document(ctx: ServiceContext, path: Path, title: str) -> PrintOutcome:
    """A saved statement or report to the office printer; without one it stays saved."""
    settings = printing.print_settings(ctx)
    printer = find_printer(settings.office_printer)
    if printer is None:
        return PrintOutcome(saved=path, missing=settings.office_printer or None)
    print_pdf(printer, path, title)
    return PrintOutcome(printer=_name(printer))


def print_daily(ctx: ServiceContext, summary: DailySummary, lang: str) -> PrintOutcome:
    """The day's close to the receipt printer, else saved as a PDF."""
    from ewarong_desktop.services import daily

    settings = printing.print_settings(ctx)
    printer = find_printer(settings.receipt_printer)
    if printer is not None:
        print_pdf(printer, daily.daily_summary_pdf(ctx, summary, lang), "rekap")
        return PrintOutcome(printer=_name(printer))
    saved = daily.save_daily_summary_pdf(ctx, summary, lang)
    return PrintOutcome(saved=saved, missing=settings.receipt_printer or None)
