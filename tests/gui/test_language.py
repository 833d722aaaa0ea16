"""Switching to English and back at run time: every page re-translates itself."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ewarong_desktop.services import profile


def test_switch_to_english_and_back(qtbot, window, state):
    counter = window.go("counter")
    assert counter.title.text() == "Layani KPM"
    assert window.side.item(0).text() == "F1  Layani KPM"
    header = counter.basket.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "Barang"

    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert state.lang == "en"
    assert counter.title.text() == "Serve KPM"
    assert window.side.item(0).text() == "F1  Serve KPM"
    assert counter.basket.model.headerData(0, Qt.Orientation.Horizontal) == "Item"
    assert window.language_button.text() == "Bahasa Indonesia"
    assert profile.get_profile(state.ctx).language == "en"
    settings = window.go("settings")
    assert settings.tabs.tabText(0) == "Profile and language"

    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert state.lang == "id"
    assert counter.title.text() == "Layani KPM"
    assert settings.tabs.tabText(0) == "Profil dan bahasa"
    assert window.language_button.text() == "English"


def test_refusals_follow_the_language(qtbot, window, state):
    from ewarong_desktop.services import beneficiaries

    window.set_language("en")
    counter = window.go("counter")
    kpm = beneficiaries.list_all(state.ctx)[0]
    qtbot.keyClicks(counter.search, kpm.kks_number)
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    qtbot.keyClicks(counter.product, "BRS")
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)
    counter.qty.selectAll()
    qtbot.keyClicks(counter.qty, "100")
    qtbot.keyClick(counter.qty, Qt.Key.Key_Return)
    assert "exceeds" in counter.problems.text()
    window.set_language("id")
    assert "melebihi" in counter.problems.text()


def test_f_keys_move_between_pages(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.side, Qt.Key.Key_F4)
    assert window.stack.currentWidget() is window.pages["purchases"]
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
    assert window.stack.currentWidget() is window.pages["counter"]
    assert window.pages["counter"].search.hasFocus()


def test_english_counts_say_one_sale_not_one_sales(qtbot, window, state):
    page = window.go("sync")
    state.set_language("en")
    assert page.tr("%Ln transaksi", "", 1) == "1 sale"
    assert page.tr("%Ln transaksi", "", 2) == "2 sales"
    assert page.tr("%Ln data KPM", "", 1) == "1 KPM record"


def test_counts_are_grouped_as_each_language_writes_numbers(qtbot, window, state):
    page = window.go("sync")
    assert page.tr("%Ln transaksi", "", 1132) == "1.132 transaksi"  # as Rp150.000
    state.set_language("en")
    assert page.tr("%Ln transaksi", "", 1132) == "1,132 sales"


def test_the_file_chooser_speaks_indonesian_where_qt_has_no_words_of_its_own(qtbot, state):
    from PySide6.QtWidgets import QFileDialog

    from ewarong_desktop.gui import files

    dialog = QFileDialog()
    qtbot.addWidget(dialog)
    files._words(dialog, "Buka")
    label = QFileDialog.DialogLabel
    assert dialog.labelText(label.LookIn) == "Cari di:"
    assert dialog.labelText(label.FileName) == "Nama berkas:"
    assert dialog.labelText(label.Accept) == "Buka"
    state.set_language("en")
    files._words(dialog, "Open")
    assert dialog.labelText(label.LookIn) == "Look in:"
