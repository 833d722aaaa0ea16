"""Documents to a real QPrinter (writing PDF): every page, each on paper of its own size."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from ewarong_desktop.gui.printing import print_document, print_pdf
from ewarong_desktop.services import gui_support, printing
from ewarong_desktop.services.profile import working_period


def pdf_printer(path) -> QPrinter:
    # Screen resolution keeps a many-page run quick; the receipt test prints at 300 dpi.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_statements_print_every_page_on_a4(state, tmp_path):
    period = working_period(state.ctx).shift(-1)
    source = gui_support.write_statements_pdf(state.ctx, period)
    pages = len(PdfReader(source).pages)
    assert pages > 1
    out = tmp_path / "printed.pdf"
    assert print_pdf(pdf_printer(out), source, "kuitansi") == pages
    printed = PdfReader(out).pages
    assert len(printed) == pages
    width_mm = float(printed[0].mediabox.width) / 72 * 25.4
    assert round(width_mm) == round(float(PdfReader(source).pages[0].mediabox.width) / 72 * 25.4)


def test_without_an_office_printer_a_document_stays_saved(state, tmp_path):
    path = tmp_path / "laporan.pdf"
    path.write_bytes(b"%PDF-1.4")
    outcome = print_document(state.ctx, path, "laporan")
    assert outcome.printer is None and outcome.saved == path and outcome.missing is None
    printing.save_print_settings(state.ctx, printing.PrintSettings(office_printer="Gone"))
    assert print_document(state.ctx, path, "laporan").missing == "Gone"
