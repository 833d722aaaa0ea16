"""Recording purchases from the keyboard: one from an own source, one from a supplier."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ewarong_desktop.services import purchases


def record(qtbot, page, kind: str, source: str, lines: list[tuple[str, str, str]]) -> None:
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.source.setCurrentText("")
    qtbot.keyClicks(page.source.lineEdit(), source)
    qtbot.keyClick(page.source.lineEdit(), Qt.Key.Key_Return)
    assert page.product.hasFocus()
    for product, qty, price in lines:
        qtbot.keyClicks(page.product, product)
        qtbot.keyClick(page.product, Qt.Key.Key_Return)
        qtbot.keyClicks(page.qty, qty)
        qtbot.keyClick(page.qty, Qt.Key.Key_Return)
        page.price.selectAll()
        qtbot.keyClicks(page.price, price)
        qtbot.keyClick(page.price, Qt.Key.Key_Return)
    qtbot.keyClick(page.product, Qt.Key.Key_Return)  # empty item field saves


def test_own_and_third_party_purchase(qtbot, window, state):
    page = window.go("purchases")
    before = {p.id for p in purchases.list_purchases(state.ctx)}

    record(
        qtbot, page, "petani_lokal", "Bu Marni", [("BRS", "50", "10.500"), ("bayam", "20", "2000")]
    )
    assert "Tersimpan" in page.message.text(), page.message.text()
    assert "sendiri" in page.message.text()
    record(qtbot, page, "pemasok", "CV Baru Jaya", [("Telur ayam", "10", "Rp 25.000")])
    assert "pihak ketiga" in page.message.text()

    new = [p for p in purchases.list_purchases(state.ctx) if p.id not in before]
    by_source = {p.source_name: p for p in new}
    assert by_source["Bu Marni"].is_own and by_source["Bu Marni"].total_rupiah == 565_000
    assert not by_source["CV Baru Jaya"].is_own
    assert by_source["CV Baru Jaya"].total_rupiah == 250_000
    shown = {p.source_name for p in page.list.model.rows}
    assert {"Bu Marni", "CV Baru Jaya"} <= shown
    totals = {t.name: t.total_rupiah for t in page.sources.model.rows}
    assert totals["Bu Marni"] == 565_000 and totals["CV Baru Jaya"] == 250_000


def test_purchase_refusal_shows_words_and_keeps_lines(qtbot, window, state):
    page = window.go("purchases")
    before = len(purchases.list_purchases(state.ctx))
    record(qtbot, page, "pemasok", "", [("BRS", "5", "10000")])
    assert page.message.text() and "Tersimpan" not in page.message.text()
    assert len(page.lines) == 1
    assert len(purchases.list_purchases(state.ctx)) == before


def test_admin_voids_a_wrong_purchase(qtbot, window, state, messages):

    page = window.go("purchases")
    record(qtbot, page, "pemasok", "CV Salah Catat", [("PSG", "3", "9000")])
    row = next(i for i, p in enumerate(page.list.model.rows) if p.source_name == "CV Salah Catat")
    page.list.view.selectRow(row)
    messages.text_answers.append("salah catat jumlah")
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    voided = [p for p in purchases.list_purchases(state.ctx) if p.source_name == "CV Salah Catat"]
    assert voided[0].status == "voided" and voided[0].void_reason == "salah catat jumlah"
