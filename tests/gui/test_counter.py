"""Serving a KPM from the keyboard, as a barcode/card reader does it: digits, then Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ewarong_desktop.services import beneficiaries, redemption
from ewarong_desktop.services.gui_support import todays_redemptions


def first_kpm(state):
    return beneficiaries.list_all(state.ctx)[0]


def serve(qtbot, page, kks: str, items: list[tuple[str, str]]) -> None:
    qtbot.keyClicks(page.search, kks)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    for product, qty in items:
        qtbot.keyClicks(page.product, product)
        qtbot.keyClick(page.product, Qt.Key.Key_Return)
        page.qty.selectAll()
        qtbot.keyClicks(page.qty, qty)
        qtbot.keyClick(page.qty, Qt.Key.Key_Return)


def test_serve_kpm_end_to_end_with_card_reader(qtbot, window, state):
    page = window.go("counter")
    kpm = first_kpm(state)
    before = len(redemption.history(state.ctx, kpm.id))

    qtbot.keyClicks(page.search, kpm.kks_number)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.kpm_name.text() == kpm.name
    assert page.product.hasFocus(), "after the card, the cursor waits in the item field"

    serve(qtbot, page, "", [("BRS", "2"), ("telur", "1")])
    assert page.total.text() == "Rp52.000"
    assert page.problems.text() == ""
    qtbot.keyClick(page.product, Qt.Key.Key_Return)  # empty item field: on to the EDC field
    assert page.edc.hasFocus()
    qtbot.keyClicks(page.edc, "EDC123")
    qtbot.keyClick(page.edc, Qt.Key.Key_Return)

    history = redemption.history(state.ctx, kpm.id)
    assert len(history) == before + 1
    saved = next(h for h in history if h.edc_reference == "EDC123")
    assert saved.total_rupiah == 52_000 and saved.edc_reference == "EDC123"
    assert "Rp52.000" in page.saved_line.text()
    assert page.receipt_button.isVisible()
    assert page.search.hasFocus() and page.search.text() == ""
    assert any(r.id == saved.id for r in page.today.model.rows)

    qtbot.keyClick(page.search, Qt.Key.Key_F9)  # the receipt offered after saving
    with qtbot.waitSignal(page.receipt_job.finished, timeout=20000):
        pass
    assert state.opened and state.opened[-1].suffix == ".pdf"
    assert state.opened[-1].is_file()


def test_refusal_over_entitlement_shows_reason_and_saves_nothing(qtbot, window, state):
    page = window.go("counter")
    kpm = first_kpm(state)
    before = redemption.history(state.ctx, kpm.id)
    serve(qtbot, page, kpm.kks_number, [("BRS", "100")])
    assert "melebihi sisa bantuan" in page.problems.text()
    assert not page.confirm_button.isEnabled()
    qtbot.keyClick(page.product, Qt.Key.Key_Return)
    qtbot.keyClick(page.edc, Qt.Key.Key_Return)
    assert redemption.history(state.ctx, kpm.id) == before
    assert "melebihi sisa bantuan" in page.problems.text()


def test_void_from_todays_list(qtbot, window, state):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    page = window.go("counter")
    kpm = first_kpm(state)
    serve(qtbot, page, kpm.kks_number, [("BRS", "1")])
    qtbot.keyClick(page.product, Qt.Key.Key_Return)
    qtbot.keyClick(page.edc, Qt.Key.Key_Return)
    saved = todays_redemptions(state.ctx)[0]
    page.today.view.selectRow(
        next(i for i, r in enumerate(page.today.model.rows) if r.id == saved.id)
    )

    def fill():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClicks(dialog.reason, "salah barang")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert redemption.get_redemption(state.ctx, saved.id).status == "voided"
    assert "Dibatalkan" in page.saved_line.text()
