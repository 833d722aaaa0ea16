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


def test_admin_voids_a_wrong_purchase_with_a_reason_checked_before_closing(qtbot, window, state):
    from tests.gui.conftest import on_next_dialog

    page = window.go("purchases")
    record(qtbot, page, "pemasok", "CV Salah Catat", [("PSG", "3", "9000")])
    row = next(i for i, p in enumerate(page.list.model.rows) if p.source_name == "CV Salah Catat")
    page.list.view.selectRow(row)
    seen = {}

    def fill(dialog):
        seen["default_is_keep"] = dialog.keep.isDefault() and not dialog.ok.isDefault()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # no reason yet
        seen["still_open"] = dialog.isVisible()
        seen["said"] = dialog.message.text()
        seen["focus"] = dialog.focusWidget() is dialog.reason
        dialog.reason.setText("salah catat jumlah")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    on_next_dialog(fill)
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert seen == {
        "default_is_keep": True,
        "still_open": True,
        "said": "Isi alasannya dulu.",
        "focus": True,
    }
    voided = [p for p in purchases.list_purchases(state.ctx) if p.source_name == "CV Salah Catat"]
    assert voided[0].status == "voided" and voided[0].void_reason == "salah catat jumlah"


def test_an_operator_is_not_offered_the_void(qtbot, window, state, demo):
    from ewarong_desktop.services.context import Actor

    state.set_actor(Actor(demo.operator_name, "operator"))
    page = window.go("purchases")
    assert not page.void_button.isVisible()


def test_the_date_is_never_the_first_stop_and_arrows_leave_it_alone(qtbot, window, state):
    page = window.go("purchases")
    day = page.date.date()
    assert page.kind.hasFocus() and not page.date.hasFocus()
    qtbot.keyClick(page.kind, Qt.Key.Key_Down)
    assert page.date.date() == day
    assert page.kind.currentIndex() == 1  # the Down went to "Jenis sumber"


def test_a_known_supplier_keeps_its_kind_and_is_never_saved_as_own(qtbot, window, state):
    page = window.go("purchases")
    record(qtbot, page, "pemasok", "UD Tiga Saudara", [("BRS", "5", "10000")])
    page.kind.setCurrentIndex(page.kind.findData("produksi_sendiri"))
    page.source.setCurrentText("")
    qtbot.keyClicks(page.source.lineEdit(), "ud tiga saudara")
    assert page.kind.currentData() == "pemasok"
    assert "Pemasok" in page.source_hint.text()


def test_the_items_of_a_chosen_purchase_are_shown(qtbot, window, state):
    page = window.go("purchases")
    record(qtbot, page, "pemasok", "CV Dua Barang", [("BRS", "5", "10000"), ("TLR", "2", "25000")])
    row = next(i for i, p in enumerate(page.list.model.rows) if p.source_name == "CV Dua Barang")
    page.list.view.selectRow(row)
    shown = [line.product_name for line in page.items.model.rows]
    assert len(shown) == 2 and "CV Dua Barang" in page.items_title.text()


def test_long_source_names_are_not_cut(qtbot, window, state):
    from tests.gui.conftest import cut_cells

    page = window.go("purchases")
    name = "Kelompok Tani Makmur Sejahtera Desa Sukamaju"
    record(qtbot, page, "petani_lokal", name, [("BRS", "5", "10000")])
    assert name in {p.source_name for p in page.list.model.rows}
    assert not cut_cells(page.list), cut_cells(page.list)
    assert not cut_cells(page.sources, columns={0, 1})
