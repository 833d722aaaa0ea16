"""Issue 22 in the window: the roster beside the statements, the per-sheet choice remembered."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt

from ewarong_desktop.services import profile
from tests.reports.pdfcheck import page_texts


def _make(qtbot, page, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.doc_job.finished, timeout=30000):
        pass
    assert page.doc_job.error is None


def test_roster_button_beside_the_statements_writes_the_roster(qtbot, window, state, messages):
    page = window.go("reports")
    assert page.roster_button.isVisible() and page.roster_button.text()
    _make(qtbot, page, page.roster_button)
    opened = messages.opened[-1]
    texts = page_texts(opened)
    assert opened.name.startswith("daftar-tanda-terima-")
    assert "DAFTAR TANDA TERIMA BANTUAN PANGAN" in texts[0]
    assert "JUMLAH SELURUHNYA" in texts[-1]


def test_settings_remember_two_statements_to_a_sheet(qtbot, window, state, messages):
    settings = window.go("settings")
    combo = settings.statements_sheet
    assert combo.currentData() == 1 and combo.isEnabled()
    combo.setCurrentIndex(combo.findData(2))
    combo.activated.emit(combo.currentIndex())
    assert profile.statements_per_sheet(state.ctx) == 2
    assert "A5" in settings.message.text()
    settings.reload()
    assert combo.currentData() == 2
    page = window.go("reports")
    _make(qtbot, page, page.statements_button)
    sheet = PdfReader(messages.opened[-1]).pages[0].mediabox
    assert float(sheet.width) > float(sheet.height)  # landscape A4, two A5 halves
