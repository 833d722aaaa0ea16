"""The district window opens on the district database, lists its pages, speaks both
languages, and `ewarong-district` with no subcommand opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ewarong_desktop.district_gui.window import PAGES


def test_the_window_lists_every_page_and_opens_the_first(desk_window, desk):
    titles = [desk_window.side.item(row).text() for row in range(desk_window.side.count())]
    assert len(titles) == len(PAGES)
    assert titles[0] == "F1  Impor dari flashdisk"
    assert "F2  E-warong" in titles
    assert desk_window.stack.currentWidget() is desk_window.pages["import"]
    assert str(desk.engine.url.database) in desk_window.where.text()


def test_f2_brings_the_e_warong_page_and_english_is_one_click_away(qtbot, desk_window):
    qtbot.keyClick(desk_window, Qt.Key.Key_F2)
    assert desk_window.stack.currentWidget() is desk_window.pages["warongs"]
    assert desk_window.pages["warongs"].count.text().startswith("Belum ada e-warong terdaftar.")
    assert desk_window.language_button.text() == "English"
    qtbot.mouseClick(desk_window.language_button, Qt.MouseButton.LeftButton)
    assert desk_window.side.item(0).text() == "F1  Import from a USB stick"
    assert desk_window.side_texts_cut() == []  # the side list widened for the longer words
    assert desk_window.windowTitle() == "e-Warong - Dinas Sosial desk"
    assert desk_window.pages["warongs"].count.text().startswith("No e-warong enrolled yet.")
    assert desk_window.language_button.text() == "Bahasa Indonesia"


def test_ewarong_district_without_a_subcommand_opens_the_window(qapp, db_path, monkeypatch):
    from ewarong_desktop.district.cli import main

    shown: list[str] = []

    def watch() -> None:
        from PySide6.QtWidgets import QApplication

        from ewarong_desktop.district_gui.window import DeskWindow

        shown.extend(w.windowTitle() for w in QApplication.topLevelWidgets()
                     if isinstance(w, DeskWindow) and w.isVisible())  # fmt: skip

    from PySide6.QtCore import QTimer

    monkeypatch.setenv("EWARONG_GUI_SMOKE_MS", "300")
    QTimer.singleShot(150, watch)
    assert main(["--db", str(db_path)]) == 0
    assert shown == ["e-Warong - meja Dinas Sosial"]


def test_a_typo_in_the_database_folder_is_said_and_no_window_opens(tmp_path, capsys):
    from ewarong_desktop.district.cli import main

    assert main(["--db", str(tmp_path / "no-such-folder" / "d.sqlite")]) == 2
    assert "folder database tidak ada" in capsys.readouterr().err


def test_the_window_started_by_the_command_imports_a_stick_in_its_child(qapp, office, monkeypatch):
    """What the installer's smoke test does with the built program: `ewarong-district` opens
    the window, which imports the stick in its child process and quits when done."""
    from ewarong_desktop.district.cli import main

    monkeypatch.setenv("EWARONG_GUI_SMOKE_MS", "300")
    monkeypatch.setenv("EWARONG_DISTRICT_SMOKE_IMPORT", str(office.stick))
    assert main(["--db", str(office.db)]) == 0
    assert len(list(office.stick.glob("*.reply.json"))) == 3
    receipts = list((office.keys.parent / "tanda-terima").glob("tanda-terima-*.pdf"))
    assert len(receipts) == 1 and receipts[0].read_bytes().startswith(b"%PDF")
