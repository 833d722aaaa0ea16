"""Serving a KPM from the keyboard, as a barcode/card reader does it: digits, then Enter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ewarong_desktop.services import beneficiaries, redemption
from ewarong_desktop.services.redemption import redemptions_on as todays_redemptions


def first_kpm(state):
    """A KPM whose only open month is this one, with its whole entitlement left.

    Registered here rather than picked from the demo: demo families carry small balances from
    earlier months, and the counter offers the oldest first.
    """
    nik = "1807126508859001"
    found = [b for b in beneficiaries.find(state.ctx, nik) if b.nik == nik]
    if found:
        return found[0]
    return beneficiaries.register(
        state.ctx,
        beneficiaries.BeneficiaryInput(nik, "6013019900000001", "Lestari Uji Coba", "Sidodadi"),
    )


def serve(qtbot, page, kks: str, items: list[tuple[str, str]]) -> None:
    qtbot.keyClicks(page.search, kks)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    for product, qty in items:
        qtbot.keyClicks(page.product, product)
        qtbot.keyClick(page.product, Qt.Key.Key_Return)
        page.qty.selectAll()
        qtbot.keyClicks(page.qty, qty)
        qtbot.keyClick(page.qty, Qt.Key.Key_Return)


def test_serve_kpm_end_to_end_with_card_reader(qtbot, window, state, messages):
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
    assert page.receipt_button.isEnabled()
    assert page.search.hasFocus() and page.search.text() == ""
    assert any(r.id == saved.id for r in page.today_panel.table.model.rows)

    qtbot.keyClick(page.search, Qt.Key.Key_F9)  # no receipt printer chosen: the PDF is kept
    assert "PDF disimpan di" in page.saved_line.text()
    saved_pdf = page.saved_line.text().split("PDF disimpan di ")[1].rstrip(".")
    assert saved_pdf.endswith(".pdf") and Path(saved_pdf).is_file()
    assert page.folder_button.isVisible()
    page.folder_button.click()
    assert messages.opened[-1] == Path(saved_pdf).parent


def test_refusal_over_entitlement_shows_reason_and_saves_nothing(qtbot, window, state):
    page = window.go("counter")
    kpm = first_kpm(state)
    before = redemption.history(state.ctx, kpm.id)
    serve(qtbot, page, kpm.kks_number, [("BRS", "20")])  # Rp240.000 of Rp200.000
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
    page.today_panel.table.view.selectRow(
        next(i for i, r in enumerate(page.today_panel.table.model.rows) if r.id == saved.id)
    )

    def fill():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClicks(dialog.reason, "salah barang")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # Enter would keep the sale

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.today_panel.void_button, Qt.MouseButton.LeftButton)
    assert redemption.get_redemption(state.ctx, saved.id).status == "voided"
    assert "Dibatalkan" in page.saved_line.text()


def test_name_search_offers_a_list_chosen_with_arrows_and_enter(qtbot, window, state):
    page = window.go("counter")
    everyone = beneficiaries.list_all(state.ctx)
    first_name = everyone[0].name.split()[0]
    matches = [b for b in everyone if first_name.lower() in b.name.lower()]
    qtbot.keyClicks(page.search, first_name.lower())
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    if len(matches) == 1:
        assert page.kpm_name.text() == matches[0].name
        return
    assert page.matches.view.isVisible() and page.matches.view.hasFocus()
    qtbot.keyClick(page.matches.view, Qt.Key.Key_Down)
    chosen = page.matches.selected()
    qtbot.keyClick(page.matches.view, Qt.Key.Key_Return)
    assert page.kpm_name.text() == chosen.kpm.name
    assert page.product.hasFocus()


def test_unknown_card_says_so_and_keeps_the_cursor(qtbot, window):
    page = window.go("counter")
    qtbot.keyClicks(page.search, "9999999999999999")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "9999999999999999" in page.search_message.text()
    assert page.kpm is None and page.search.hasFocus()


def test_card_scanned_into_item_field_switches_kpm(qtbot, window, state):
    page = window.go("counter")
    one, two = beneficiaries.list_all(state.ctx)[:2]
    qtbot.keyClicks(page.search, one.kks_number)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.keyClicks(page.product, two.kks_number)  # the reader types where the cursor is
    qtbot.keyClick(page.product, Qt.Key.Key_Return)
    assert page.kpm_name.text() == two.name


def test_void_of_edc_paid_sale_needs_the_reversal_reference(qtbot, window, state, quiet_boxes):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    page = window.go("counter")
    kpm = first_kpm(state)
    serve(qtbot, page, kpm.kks_number, [("TMP", "1")])
    qtbot.keyClick(page.product, Qt.Key.Key_Return)
    qtbot.keyClicks(page.edc, "REF-778")
    qtbot.keyClick(page.edc, Qt.Key.Key_Return)
    saved = todays_redemptions(state.ctx)[0]
    assert saved.edc_reference == "REF-778"
    row = next(i for i, r in enumerate(page.today_panel.table.model.rows) if r.id == saved.id)

    said = []

    def fill(reversal: str):
        def run():
            dialog = QApplication.activeModalWidget()
            assert dialog.reversal.isVisible()
            qtbot.keyClicks(dialog.reason, "KPM minta batal")
            qtbot.keyClicks(dialog.reversal, reversal)
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
            if dialog.isVisible():  # checked before closing, the cursor on the field at fault
                said.append((dialog.message.text(), dialog.focusWidget() is dialog.reversal))
                dialog.reject()

        return run

    page.today_panel.table.view.selectRow(row)
    QTimer.singleShot(0, fill(""))
    qtbot.mouseClick(page.today_panel.void_button, Qt.MouseButton.LeftButton)
    assert said and "EDC" in said[0][0] and said[0][1]
    assert redemption.get_redemption(state.ctx, saved.id).status == "completed"

    page.today_panel.table.view.selectRow(row)
    QTimer.singleShot(0, fill("REV-991"))
    qtbot.mouseClick(page.today_panel.void_button, Qt.MouseButton.LeftButton)
    voided = redemption.get_redemption(state.ctx, saved.id)
    assert voided.status == "voided" and voided.void_edc_reference == "REV-991"


def test_next_card_does_not_drop_an_open_basket(qtbot, window, state):
    page = window.go("counter")
    one, two = beneficiaries.list_all(state.ctx)[:2]
    serve(qtbot, page, one.kks_number, [("TMP", "1")])
    qtbot.keyClicks(page.search, two.kks_number)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.kpm_name.text() == one.name and len(page.items) == 1
    assert "Esc" in page.search_message.text()
    page.basket.view.setFocus()
    page.basket.view.selectRow(0)
    qtbot.keyClick(page.basket.view, Qt.Key.Key_Delete)  # the basket emptied: the words go
    assert page.search_message.text() == "" and page.kpm_name.text() == one.name
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)  # the next KPM
    assert page.kpm is None and not page.items


def test_voiding_a_basket_over_two_months_voids_both_and_says_so(qtbot, window, state):
    from decimal import Decimal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from ewarong_desktop.services import products
    from ewarong_desktop.services.redemption import BasketItem, RedeemRequest

    rice = products.find_product(state.ctx, "BRS")
    kpm, months = next(
        (b, m)
        for b in beneficiaries.list_all(state.ctx)
        if len(m := redemption.balance(state.ctx, b.id).months) >= 2
        and m[1].remaining > rice.price_rupiah
    )
    # Just over the oldest month's balance: the basket draws on two months.
    kilos = Decimal(months[0].remaining // rice.price_rupiah + 1)
    saved = redemption.serve(state.ctx, RedeemRequest(kpm.id, None, (BasketItem(rice.id, kilos),)))
    assert len(saved.parts) == 2
    page = window.go("counter")
    page.today_panel.reload()
    rows = page.today_panel.table.model.rows
    page.today_panel.table.view.selectRow(
        next(i for i, r in enumerate(rows) if r.id == saved.parts[1].id)
    )
    seen = []

    def fill():
        dialog = QApplication.activeModalWidget()
        seen.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        qtbot.keyClicks(dialog.reason, "salah jumlah")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.today_panel.void_button, Qt.MouseButton.LeftButton)
    (said,) = seen
    assert "Satu belanja dari 2 bulan bantuan" in said
    assert fmt_rupiah(saved.total_rupiah) in said
    assert [redemption.get_redemption(state.ctx, p.id).status for p in saved.parts] == [
        "voided",
        "voided",
    ]
    assert fmt_rupiah(saved.total_rupiah) in page.saved_line.text()


def fmt_rupiah(amount: int) -> str:
    from ewarong_desktop.gui import formatting

    return formatting.rupiah(amount)
