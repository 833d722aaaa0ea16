"""Documents to a real QPrinter (writing PDF): every page, each on paper of its own size."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from ewarong_desktop.gui.printing import print_document, print_pdf
from ewarong_desktop.services import document_files, printing
from ewarong_desktop.services.profile import working_period


def pdf_printer(path) -> QPrinter:
    # Screen resolution keeps a many-page run quick; the receipt test prints at 300 dpi.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_statements_print_every_page_on_a4(state, tmp_path):
    period = working_period(state.ctx).shift(-1)
    source = document_files.write_statements_pdf(state.ctx, period)
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


def test_settings_printing_tab_by_keyboard(qtbot, window, state, monkeypatch):
    from PySide6.QtCore import Qt

    monkeypatch.setattr(
        "ewarong_desktop.gui.pages.printing_settings.system_printers",
        lambda: ["Kasir-58", "Kantor-A4"],
    )
    page = window.go("settings")
    tab = page.printing
    page.tabs.setCurrentWidget(tab)
    tab.reload()
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Pencetakan"
    tab.receipt_printer.setFocus()
    qtbot.keyClick(tab.receipt_printer, Qt.Key.Key_Down)  # Kasir-58
    tab.office_printer.setFocus()
    qtbot.keyClick(tab.office_printer, Qt.Key.Key_Down)
    qtbot.keyClick(tab.office_printer, Qt.Key.Key_Down)  # Kantor-A4
    tab.auto_print.setFocus()
    qtbot.keyClick(tab.auto_print, Qt.Key.Key_Space)
    tab.save_button.setFocus()
    qtbot.keyClick(tab.save_button, Qt.Key.Key_Space)
    saved = printing.print_settings(state.ctx)
    assert saved == printing.PrintSettings("Kasir-58", "Kantor-A4", True, "")
    assert "Kasir-58" in tab.message.text()
    window.grab().save(str(_shots() / "15-settings-printing.png"))
    tab.escpos.setText("printer")
    qtbot.keyClick(tab.save_button, Qt.Key.Key_Space)
    assert "usb:VID:PID" in tab.message.text()  # refused in words, nothing changed
    assert printing.print_settings(state.ctx).escpos_device == ""


def _shots():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "test-artifacts" / "counter"
    path.mkdir(parents=True, exist_ok=True)
    return path
