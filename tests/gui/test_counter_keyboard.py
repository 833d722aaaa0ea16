"""The counter as an operator with a queue uses it: keyboard only, one balance, printing.

Each test drives one point of the counter by keys and checks what the operator would see;
screenshots of the states land in `test-artifacts/counter/` (1366x768) for a reviewer.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from ewarong_desktop.services import beneficiaries, printing, products, redemption
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest
from ewarong_desktop.services.redemption import redemptions_on as todays_redemptions

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "counter"


def shot(qtbot, window, name: str) -> None:
    qtbot.wait(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = window.grab()
    assert image.width() == 1366 and image.height() == 768
    assert image.save(str(SHOTS / f"{name}.png"))


def key(qtbot, widget, k, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, k)


def scan(qtbot, page, card: str) -> None:
    qtbot.keyClicks(page.search, card)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)


def add(qtbot, page, product: str, qty: str) -> None:
    qtbot.keyClicks(page.product, product)
    qtbot.keyClick(page.product, Qt.Key.Key_Return)
    page.qty.selectAll()
    qtbot.keyClicks(page.qty, qty)
    qtbot.keyClick(page.qty, Qt.Key.Key_Return)


def save(qtbot, page) -> None:
    qtbot.keyClick(page.product, Qt.Key.Key_Return)  # empty item field: to the EDC reference
    qtbot.keyClick(page.edc, Qt.Key.Key_Return)


def kpm_with_old_remainder(state, nik: str, kks: str, left: int = 10_000):
    """A KPM eligible two months back whose oldest month has `left` rupiah left."""
    ctx = state.ctx
    now = working_period(ctx)
    kpm = beneficiaries.register(
        ctx,
        beneficiaries.BeneficiaryInput(
            nik, kks, "Dewi Wahyuni", "Wonokarto", "RT 02/RW 01", eligible_from=now.shift(-2)
        ),
    )
    rate = redemption.balance(ctx, kpm.id).months[0].entitlement
    tempe = products.find_product(ctx, "TMP")
    pieces = Decimal((rate - left) // tempe.price_rupiah)
    redemption.redeem(ctx, RedeemRequest(kpm.id, now.shift(-2), (BasketItem(tempe.id, pieces),)))
    return kpm


@pytest.fixture
def dewi(state):
    return kpm_with_old_remainder(state, "1807126508859003", "6013019900000003")


def test_one_balance_draws_oldest_first_and_ctrl_b_pins_a_month(qtbot, window, state, dewi):
    page = window.go("counter")
    scan(qtbot, page, dewi.kks_number)
    balance = redemption.balance(state.ctx, dewi.id)
    assert page.balance_figure.text() == f"Rp{balance.remaining:,}".replace(",", ".")
    assert "Rp10.000" in page.months_line.text()  # each open month below the total
    shot(qtbot, window, "01-kpm-chosen-one-balance")

    add(qtbot, page, "BRS", "2")  # Rp24.000: more than the old month's Rp10.000
    assert page.confirm_button.isEnabled() and page.problems.text() == ""
    parts = page.check.parts
    assert len(parts) == 2 and parts[0].total_rupiah <= 10_000
    assert " + " in page.basket.model.rows[0].months  # the line shows both months
    shot(qtbot, window, "02-basket-split-between-months")

    qtbot.keyClick(page.product, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert page.period.currentIndex() == 1  # pinned to the oldest month only
    assert "melebihi sisa bantuan" in page.problems.text()
    assert not page.confirm_button.isEnabled()
    assert page.after.styleSheet()  # the remainder after is red
    shot(qtbot, window, "03-pinned-to-one-month-refused")
    key(qtbot, page.product, Qt.Key.Key_B)  # a plain B types: only Ctrl+B pins
    page.product.clear()
    for _ in range(page.period.count() - 1):
        qtbot.keyClick(page.product, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert page.period.currentIndex() == 0  # round again: all months
    assert page.confirm_button.isEnabled()

    save(qtbot, page)
    saved = page.last_saved
    assert saved is not None and len(saved.parts) == 2
    assert saved.parts[0].period < saved.parts[1].period
    assert " + " in page.saved_line.text()
    assert page.after.text() == "–" and page.after.styleSheet() == ""  # not red after saving
    shot(qtbot, window, "04-saved-two-months")


def test_lainnya_and_short_stock_are_refused_as_chosen(qtbot, window, state, dewi):
    page = window.go("counter")
    marked = [page.completer_model.item(i).text() for i in range(page.completer_model.rowCount())]
    assert "Minyak goreng — bukan barang bantuan" in marked  # marked in the completer
    scan(qtbot, page, dewi.kks_number)
    # Picked from the completer (arrows + Enter insert the entry's whole text):
    page.product.setText("Minyak goreng — bukan barang bantuan")
    qtbot.keyClick(page.product, Qt.Key.Key_Return)
    text = page.item_message.text()
    assert "bukan barang bantuan" in text and "((" not in text and "))" not in text
    assert page.product.hasFocus() and not page.items  # never reaches the basket
    shot(qtbot, window, "05-lainnya-refused")

    stock = products.find_product(state.ctx, "TLR").stock
    add(qtbot, page, "TLR", str(int(stock) + 5))
    assert "stok" in page.item_message.text().lower() and not page.items
    assert page.qty.hasFocus()  # the quantity waits to be corrected


def test_every_basket_problem_is_listed(qtbot, window, state, dewi):
    page = window.go("counter")
    scan(qtbot, page, dewi.kks_number)
    add(qtbot, page, "BRS", "5")
    add(qtbot, page, "AYM", "40")  # too much money, and perhaps too little stock
    lines = page.problems.text().splitlines()
    if len(lines) > 1:
        assert all(line.startswith("• ") for line in lines)
    assert any("melebihi sisa bantuan" in line for line in page.problems.text().splitlines()) or (
        "stok" in page.item_message.text().lower()
    )


def test_messages_clear_and_nothing_jumps(qtbot, window, state, dewi):
    page = window.go("counter")
    basket_top = page.basket.view.mapTo(window, page.basket.view.rect().topLeft()).y()
    scan(qtbot, page, "Zzzyx")
    assert "Tidak ada KPM yang cocok" in page.search_message.text()
    shot(qtbot, window, "06-no-match-message")
    assert page.basket.view.mapTo(window, page.basket.view.rect().topLeft()).y() == basket_top
    key(qtbot, page.search, Qt.Key.Key_Escape)
    assert page.search_message.text() == ""

    scan(qtbot, page, "Zzzyx")
    window.set_language("en")
    assert page.search_message.text() == ""
    window.set_language("id")

    scan(qtbot, page, dewi.kks_number)
    add(qtbot, page, "Minyak", "1")  # refused: a message under the item field
    assert page.item_message.text()
    assert page.basket.view.mapTo(window, page.basket.view.rect().topLeft()).y() == basket_top
    state.locked.emit()  # a lock (the same operator comes back)
    assert page.item_message.text() == ""


def test_quantities_change_with_plus_minus_and_typing_and_del_returns_to_items(
    qtbot, window, state, dewi
):
    page = window.go("counter")
    scan(qtbot, page, dewi.kks_number)
    add(qtbot, page, "TMP", "2")
    add(qtbot, page, "BRS", "1")
    view = page.basket.view
    view.setFocus()
    view.selectRow(0)
    key(qtbot, view, Qt.Key.Key_Plus, 2)
    assert page.items[products.find_product(state.ctx, "TMP").id] == 4
    key(qtbot, view, Qt.Key.Key_Minus)
    assert page.items[products.find_product(state.ctx, "TMP").id] == 3
    view.selectRow(0)
    key(qtbot, view, Qt.Key.Key_Return)  # type a new quantity
    assert page.qty.hasFocus()
    qtbot.keyClicks(page.qty, "6")
    qtbot.keyClick(page.qty, Qt.Key.Key_Return)
    assert page.items[products.find_product(state.ctx, "TMP").id] == 6  # replaced, not added
    shot(qtbot, window, "07-quantities-edited")
    view.setFocus()
    view.selectRow(0)
    key(qtbot, view, Qt.Key.Key_Delete)
    assert len(page.items) == 1 and page.product.hasFocus()


def test_the_match_list_tells_two_of_the_same_name_apart(qtbot, window, state, dewi):
    other = beneficiaries.register(
        state.ctx,
        beneficiaries.BeneficiaryInput(
            "1807126508859004", "6013019900000004", "Dewi Wahyuni", "Wonokarto", "RT 05/RW 03"
        ),
    )
    page = window.go("counter")
    scan(qtbot, page, "Dewi Wahyuni")
    rows = {r.kpm.id: r for r in page.matches.model.rows}
    assert {dewi.id, other.id} <= set(rows)
    shown = page.matches.model
    texts = [
        [shown.data(shown.index(r, c)) for c in range(shown.columnCount())]
        for r in range(shown.rowCount())
    ]
    ours = [t for t in texts if t[0] == "Dewi Wahyuni"]
    assert {t[2] for t in ours} == {"RT 02/RW 01", "RT 05/RW 03"}  # address tells them apart
    assert all(t[4].startswith("Rp") for t in ours) and all(t[5] for t in ours)
    shot(qtbot, window, "08-match-list")


def test_f9_prints_straight_to_the_chosen_printer(qtbot, window, state, tmp_path, monkeypatch):
    """A real QPrinter writing PDF stands in for the shop's printer."""
    out = tmp_path / "printed.pdf"

    def pdf_printer(name: str):
        if not name:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr("ewarong_desktop.gui.printing.find_printer", pdf_printer)
    printing.save_print_settings(
        state.ctx, printing.PrintSettings(receipt_printer="Kasir-58", auto_print=True)
    )
    kpm = kpm_with_old_remainder(state, "1807126508859005", "6013019900000005")
    page = window.go("counter")
    scan(qtbot, page, kpm.kks_number)
    add(qtbot, page, "BRS", "2")
    save(qtbot, page)  # auto-print after saving
    assert f"Struk dicetak ke {out}" in page.saved_line.text()
    pages = PdfReader(out).pages
    assert len(pages) == 1
    width_mm = float(pages[0].mediabox.width) / 72 * 25.4
    assert 79 <= width_mm <= 81  # the shop's 80 mm roll, not A4
    out.unlink()
    qtbot.keyClick(page.search, Qt.Key.Key_F9)  # and again by hand
    assert out.is_file()
    shot(qtbot, window, "09-printed")


def test_a_chosen_printer_that_is_gone_saves_the_pdf_and_says_where(qtbot, window, state):
    printing.save_print_settings(state.ctx, printing.PrintSettings(receipt_printer="Hilang"))
    page = window.go("counter")
    kpm = kpm_with_old_remainder(state, "1807126508859006", "6013019900000006")
    scan(qtbot, page, kpm.kks_number)
    add(qtbot, page, "TMP", "1")
    save(qtbot, page)
    qtbot.keyClick(page.search, Qt.Key.Key_F9)
    assert "Printer Hilang tidak ditemukan: PDF disimpan di" in page.saved_line.text()
    assert page.folder_button.isVisible()
    shot(qtbot, window, "10-no-printer-pdf-saved")


def test_an_open_basket_asks_before_switching_page_locking_or_closing(
    qtbot, window, state, messages
):
    page = window.go("counter")
    kpm = kpm_with_old_remainder(state, "1807126508859007", "6013019900000007")
    scan(qtbot, page, kpm.kks_number)
    add(qtbot, page, "TMP", "1")
    messages.answers.append(False)  # "stay"
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.stack.currentWidget() is page and window.side.currentRow() == 0
    assert messages.shown[-1][0] == "question" and "belum disimpan" in messages.shown[-1][2]
    messages.answers.append(False)
    window.lock()  # Ctrl+L asks too; "stay" keeps working
    assert page.items
    messages.answers.append(False)
    assert not window.close() and window.isVisible()
    messages.answers.append(True)  # leave: the basket stays for when the operator returns
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.stack.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert page.items and page.kpm is not None


def test_admin_registers_a_kpm_not_on_the_list_at_the_counter(qtbot, window, state):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    page = window.go("counter")
    scan(qtbot, page, "Karsinah")
    assert "Ctrl+N" in page.search_message.text()

    def fill():
        dialog = QApplication.activeModalWidget()
        assert dialog.name.text() == "Karsinah"  # what was typed is carried over
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.nik, "3212095507800001")
        qtbot.keyClick(dialog.nik, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.kks, "6013019988887777")
        qtbot.keyClick(dialog.kks, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.desa, "Kertasemaya")
        qtbot.keyClick(dialog.desa, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.reason, "dikirim dari e-warong Kertasemaya (tutup)")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.kpm is not None and not page.kpm.listed
    assert "luar daftar" in page.kpm_name.text()
    shot(qtbot, window, "11-unlisted-kpm-served")
    add(qtbot, page, "BRS", "2")
    save(qtbot, page)
    from ewarong_desktop.services.documents import receipt_data

    assert receipt_data(state.ctx, page.last_saved.first.id).listed is False


def test_a_queue_of_twenty_kpms_served_with_no_mouse(qtbot, window, state):
    page = window.go("counter")
    queue = [
        beneficiaries.register(
            state.ctx,
            beneficiaries.BeneficiaryInput(
                f"18071265088590{n + 10:02d}", f"60130199000001{n:02d}", f"Antrean {n}", "Sidodadi"
            ),
        )
        for n in range(20)
    ]
    before = len(todays_redemptions(state.ctx))
    for n, kpm in enumerate(queue):
        scan(qtbot, page, kpm.kks_number)
        assert page.product.hasFocus()
        add(qtbot, page, "TMP", "1")
        add(qtbot, page, "bayam" if n % 2 else "BRS", "1")
        qtbot.keyClick(page.product, Qt.Key.Key_Return)
        qtbot.keyClicks(page.edc, f"Q{n:03d}")
        qtbot.keyClick(page.edc, Qt.Key.Key_Return)
        assert page.search.hasFocus() and page.kpm is None, page.problems.text()
    assert len(todays_redemptions(state.ctx)) == before + 20
    shot(qtbot, window, "12-after-twenty")


def test_rekap_harian_per_operator_and_shop_printed_on_the_roll(qtbot, window, state, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    page = window.go("counter")
    kpm = kpm_with_old_remainder(state, "1807126508859008", "6013019900000008")
    scan(qtbot, page, kpm.kks_number)
    add(qtbot, page, "BRS", "2")
    save(qtbot, page)
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        seen["mine"] = dialog.text.toPlainText()
        qtbot.keyClick(dialog.who, Qt.Key.Key_Down)  # the whole shop
        seen["shop"] = dialog.text.toPlainText()
        dialog.print_button.setFocus()
        qtbot.keyClick(dialog.print_button, Qt.Key.Key_Space)
        seen["printed"] = dialog.message.text()
        dialog.grab().save(str(SHOTS / "13-rekap-harian.png"))
        dialog.accept()

    SHOTS.mkdir(parents=True, exist_ok=True)
    QTimer.singleShot(0, look)
    page.today_panel.daily_button.setFocus()
    qtbot.keyClick(page.today_panel.daily_button, Qt.Key.Key_Space)
    assert "Transaksi: " in seen["mine"] and "Beras medium" in seen["mine"]
    assert "Per bulan bantuan:" in seen["shop"]
    assert "PDF disimpan di" in seen["printed"]
    saved = Path(seen["printed"].split("PDF disimpan di ")[1].rstrip("."))
    text = PdfReader(saved).pages[0].extract_text()
    assert "REKAP HARIAN" in text and "Beras medium" in text
