"""F8 Dana KUBE: the ledger in the window, the question before overdrawing, admin-only
buttons, the target typed by the admin shown on the Reports page too."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ewarong_desktop.services import fund
from ewarong_desktop.services.context import Actor
from tests.gui.conftest import wait_job


def use_dialog(qtbot, page, amount: str, purpose_index: int = 2) -> list[str]:
    """Open 'Penggunaan dana', type `amount`, press Enter; return the dialog's message."""
    seen: list[str] = []

    def fill():
        dialog = QApplication.activeModalWidget()
        dialog.purpose.setCurrentIndex(purpose_index)
        qtbot.keyClicks(dialog.amount, amount)
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        if dialog.isVisible():
            seen.append(dialog.message.text())
            dialog.reject()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.buttons["use"], Qt.MouseButton.LeftButton)
    return seen


def test_the_demo_fund_and_an_overdraw_that_asks_first(qtbot, window, state, messages):
    quiet_boxes = messages.shown
    page = window.go("fund")
    assert page.values[2].text() == "Rp10.000.000"  # the demo: Rp20 juta in, Rp10 juta used
    assert page.entries.model.rowCount() == 6
    messages.answers.append(False)  # "Tetap simpan?" -> no
    use_dialog(qtbot, page, "15000000")
    assert quiet_boxes[-1][0] == "question" and "-Rp5.000.000" in quiet_boxes[-1][2]
    assert fund.balance(state.ctx) == 10_000_000  # nothing saved
    messages.answers.append(True)
    use_dialog(qtbot, page, "15000000")
    assert fund.balance(state.ctx) == -5_000_000
    assert page.values[2].text() == "-Rp5.000.000"
    assert page.entries.model.rowCount() == 7
    assert use_dialog(qtbot, page, "abc") and fund.balance(state.ctx) == -5_000_000


def test_void_asks_for_a_reason_and_keeps_the_row(qtbot, window, state, messages):
    page = window.go("fund")
    page.entries.view.selectRow(0)
    chosen = page.entries.selected()
    messages.text_answers.append("salah catat")
    if chosen.kind == "tranche":  # voiding a spent tranche asks again
        messages.answers.append(True)
    qtbot.mouseClick(page.buttons["void"], Qt.MouseButton.LeftButton)
    led = fund.ledger(state.ctx)
    assert [e.status for e in led.entries if e.id == chosen.id] == ["voided"]
    assert page.entries.model.rowCount() == 6


def test_an_operator_cannot_record_or_set_the_target(qtbot, window, state):
    page = window.go("fund")
    state.set_actor(Actor("siti", "operator"))
    assert not page.buttons["use"].isEnabled() and not page.target_save.isEnabled()
    assert page.buttons["pdf"].isEnabled()  # reading and printing are for everyone


def test_the_target_typed_here_shows_on_the_reports_page(qtbot, window, state):
    reports = window.go("reports")
    wait_job(qtbot, reports.series_job)
    assert "belum diisi" in reports.target_line.text()
    page = window.go("fund")
    page.target_percent.setValue(60)
    qtbot.mouseClick(page.target_save, Qt.MouseButton.LeftButton)
    assert "Target kabupaten 60%" in page.target_text.text()
    reports = window.go("reports")
    wait_job(qtbot, reports.series_job)
    assert "Target kabupaten 60%" in reports.target_line.text()


def test_fund_report_from_the_window(qtbot, window, state):
    page = window.go("fund")
    qtbot.mouseClick(page.buttons["pdf"], Qt.MouseButton.LeftButton)
    job = page.doc_job
    if job.result is None and job.error is None:
        with qtbot.waitSignal(job.finished, timeout=20000):
            pass
    assert job.error is None and job.result.suffix == ".pdf" and job.result.stat().st_size > 0
