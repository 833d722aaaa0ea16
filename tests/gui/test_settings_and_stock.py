"""Stock adjustments and the settings an admin changes; operators are refused politely."""

from __future__ import annotations

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
    qtbot.keyClicks(page.rate_from, "2027-01")
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


def test_operator_cannot_change_rates(qtbot, window, state, demo):
    state.set_actor(Actor(demo.operator_name, "operator"))
    page = window.go("settings")
    assert not page.add_rate.isEnabled()
    page.rate_amount.setText("300000")
    page.rate_from.setText("2027-02")
    page.on_add_rate()  # even if reached, the service refuses
    assert "admin" in page.message.text()


def test_admin_sets_an_operators_pin(qtbot, window, state, demo, messages):

    page = window.go("settings")
    page.tabs.setCurrentIndex(3)
    row = next(i for i, o in enumerate(page.operators.model.rows) if o.name == demo.operator_name)
    page.operators.view.selectRow(row)
    messages.text_answers.append("97531")
    qtbot.mouseClick(page.set_pin, Qt.MouseButton.LeftButton)
    assert operators.login(state.ctx.db, demo.operator_name, "97531").name == demo.operator_name


def test_admin_chooses_the_receipt_paper_and_receipts_follow_it(qtbot, window, state):
    from pypdf import PdfReader

    from ewarong_desktop.services import beneficiaries, redemption
    from ewarong_desktop.services.gui_support import write_receipt_pdf

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
