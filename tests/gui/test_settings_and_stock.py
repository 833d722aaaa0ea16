"""Stock adjustments and the settings an admin changes; operators are refused politely."""

from __future__ import annotations

import itertools
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import operators, products, profile, programme
from ewarong_desktop.services.context import Actor


def test_stock_adjustment_for_damaged_goods(qtbot, window, state):
    page = window.go("stock")
    rice = products.find_product(state.ctx, "BRS")
    row = next(
        r for r in range(page.products.proxy.rowCount())
        if page.products.proxy.index(r, 0).data() == "BRS"
    )  # fmt: skip
    page.products.view.selectRow(row)

    def fill():
        dialog = QApplication.activeModalWidget()
        dialog.reason.setCurrentIndex(dialog.reason.findData("rusak"))
        qtbot.keyClicks(dialog.change, "-2,5")
        qtbot.keyClick(dialog.change, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.adjust_button, Qt.MouseButton.LeftButton)
    assert products.find_product(state.ctx, "BRS").stock == rice.stock - Decimal("2.5")
    assert page.moves.model.rows[0].reason == "rusak"


def test_admin_adds_rate_product_operator_and_month(qtbot, window, state):
    page = window.go("settings")
    page.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.rate_amount, "Rp250.000")
    page.rate_from.setCurrentIndex(page.rate_from.findData("2027-01"))
    assert page.rate_from.currentText() == "Januari 2027"  # a month in words, not TTTT-BB
    qtbot.mouseClick(page.add_rate, Qt.MouseButton.LeftButton)
    assert programme.list_rates(state.ctx)[-1].amount == 250_000
    assert "tersimpan" in page.message.text()

    page.tabs.setCurrentIndex(3)
    qtbot.keyClicks(page.op_name, "Wati")
    qtbot.keyClicks(page.op_pin, "1357")
    qtbot.mouseClick(page.add_operator, Qt.MouseButton.LeftButton)
    assert "Wati" in [o.name for o in operators.list_operators(state.ctx)]

    page.tabs.setCurrentIndex(2)

    def fill():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClicks(dialog.code, "JGG")
        qtbot.keyClicks(dialog.name, "Jagung pipilan")
        qtbot.keyClicks(dialog.price, "8000")
        qtbot.keyClick(dialog.price, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.add_product, Qt.MouseButton.LeftButton)
    assert products.find_product(state.ctx, "JGG").price_rupiah == 8000

    page.tabs.setCurrentIndex(0)
    target = Period.of(state.ctx.today()).previous()
    page.working.setCurrentIndex(page.working.findData(str(target)))
    qtbot.mouseClick(page.confirm_month, Qt.MouseButton.LeftButton)
    assert profile.working_period(state.ctx) == target
    assert window.month.text().endswith(str(target.year))


def test_an_operator_sees_no_admin_tab_or_button_and_a_read_only_profile(
    qtbot, window, state, demo
):
    state.set_actor(Actor(demo.operator_name, "operator"))
    page = window.go("settings")
    shown_tabs = [page.tabs.tabText(i) for i in range(4) if page.tabs.isTabVisible(i)]
    assert shown_tabs == ["Profil dan bahasa"]
    assert not page.save_profile.isVisible() and not page.paper.isVisible()
    assert page.p_name.isReadOnly() and page.my_pin.isVisible()
    page.rate_amount.setText("300000")
    page.on_add_rate()  # even if reached, the service refuses
    assert "admin" in page.message.text()
    state.set_actor(Actor(demo.admin_name, "admin"))
    assert all(page.tabs.isTabVisible(i) for i in range(4)) and not page.p_name.isReadOnly()


def pin_typed_twice(qtbot, first: str, second: str, seen: dict):
    def fill(dialog):
        qtbot.keyClicks(dialog.pin, first)
        qtbot.keyClicks(dialog.again, second + "9")
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)  # not the same twice
        seen["mismatch"] = (dialog.isVisible(), dialog.message.text())
        seen["focus"] = dialog.focusWidget() is dialog.again
        qtbot.keyClicks(dialog.again, second)
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)

    return fill


def test_admin_sets_an_operators_pin_typed_twice(qtbot, window, state, demo):
    from tests.gui.conftest import on_next_dialog

    page = window.go("settings")
    page.tabs.setCurrentIndex(3)
    row = next(i for i, o in enumerate(page.operators.model.rows) if o.name == demo.operator_name)
    page.operators.view.selectRow(row)
    seen: dict = {}
    on_next_dialog(pin_typed_twice(qtbot, "97531", "97531", seen))
    qtbot.mouseClick(page.set_pin, Qt.MouseButton.LeftButton)
    assert seen["mismatch"] == (True, "Kedua PIN tidak sama; ketik ulang.") and seen["focus"]
    assert operators.login(state.ctx.db, demo.operator_name, "97531").name == demo.operator_name


def test_an_operator_changes_only_their_own_pin_refused_before_typing(
    qtbot, window, state, demo, messages
):
    from PySide6.QtWidgets import QApplication

    from tests.gui.conftest import on_next_dialog

    state.set_actor(Actor(demo.operator_name, "operator"))
    page = window.go("settings")
    admin = next(o for o in operators.list_operators(state.ctx) if o.name == demo.admin_name)
    page._change_pin(admin)  # as if reached: no dialog opens, the refusal is said at once
    assert QApplication.activeModalWidget() is None and "admin" in page.message.text()
    seen: dict = {}
    on_next_dialog(pin_typed_twice(qtbot, "86420", "86420", seen))
    qtbot.mouseClick(page.my_pin, Qt.MouseButton.LeftButton)
    assert operators.login(state.ctx.db, demo.operator_name, "86420").name == demo.operator_name


def test_admin_chooses_the_receipt_paper_and_receipts_follow_it(qtbot, window, state):
    from pypdf import PdfReader

    from ewarong_desktop.services import beneficiaries, redemption
    from ewarong_desktop.services.document_files import write_receipt_pdf

    page = window.go("settings")
    page.paper.setCurrentIndex(page.paper.findData("58"))
    page.paper.activated.emit(page.paper.currentIndex())
    assert profile.get_profile(state.ctx).receipt_width == "58"
    assert "58 mm" in page.message.text()
    served = next(
        history[0]
        for kpm in beneficiaries.list_all(state.ctx)
        if (history := redemption.history(state.ctx, kpm.id))
    )
    pdf = write_receipt_pdf(state.ctx, served.id)  # what the counter's print button writes
    width_mm = float(PdfReader(pdf).pages[0].mediabox.width) / 72 * 25.4
    assert round(width_mm) == 58


def test_the_ledger_is_newest_first_with_a_running_balance(qtbot, window, state):
    page = window.go("stock")
    row = next(
        r for r in range(page.products.proxy.rowCount())
        if page.products.proxy.index(r, 0).data() == "BRS"
    )  # fmt: skip
    page.products.view.selectRow(row)
    moves = page.moves.model.rows
    assert len(moves) > 3
    days = [m.movement_date for m in moves]
    assert days == sorted(days, reverse=True)
    rice = products.find_product(state.ctx, "BRS")
    assert moves[0].balance == rice.stock
    for newer, older in itertools.pairwise(moves):
        assert older.balance == newer.balance - newer.quantity
    from tests.gui.conftest import cut_cells

    assert not cut_cells(page.moves, columns={0, 1, 2, 3, 4}), cut_cells(page.moves)
    assert not cut_cells(page.products)


def test_quantities_are_grouped_by_thousands(qtbot, window, state):
    from ewarong_desktop.gui import formatting as fmt

    assert fmt.qty(Decimal("10033"), "kg") == "10.033 kg"
    assert fmt.qty(Decimal("-1234.5"), "kg") == "-1.234,5 kg"
    state.set_language("en")
    assert fmt.qty(Decimal("10033.25"), "kg") == "10,033.25 kg"


def test_adjusting_needs_a_highlighted_item_not_one_tabbed_into(qtbot, window, state):
    page = window.go("stock")
    page.products.view.setFocus()
    page.products.view.setCurrentIndex(page.products.proxy.index(0, 0))  # as Tab does
    page.products.view.clearSelection()
    assert page.products.selected() is None and not page.adjust_button.isEnabled()
    page.products.view.selectRow(1)
    assert page.adjust_button.isEnabled()
