"""The Import page, driven by keyboard and mouse: a stick from three demo shops with three bad
files, imported in the background, one line per file, replies onto the stick, a receipt."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ewarong_desktop.gui.drives import Volume
from tests.district_gui.conftest import click_page
from tests.district_gui.office import BAD_FILES
from tests.gui.conftest import wait_job


def stick_mounted(monkeypatch, office) -> None:
    stick = Volume(root=str(office.stick), name="KINGSTON", free_bytes=3 * 10**9)
    monkeypatch.setattr("ewarong_desktop.gui.drives.usb_sticks", lambda: [stick])


def test_ctrl_i_imports_the_stick_and_says_each_file(qtbot, monkeypatch, office, office_window,
                                                     messages):  # fmt: skip
    stick_mounted(monkeypatch, office)
    page = office_window.pages["import"]
    qtbot.mouseClick(page.rescan, Qt.MouseButton.LeftButton)
    assert page.source.currentText() == f"Flashdisk KINGSTON ({office.stick})"
    assert not page.no_key.isVisible()
    qtbot.keyClick(page, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert not page.start.isEnabled()  # one import at a time
    wait_job(qtbot, page.job)
    assert page.start.isEnabled() and not page.progress.isVisible()

    lines = page.shown_lines()
    assert len(lines) == 6
    for bad in BAD_FILES:
        (line,) = [text for text in lines if text.startswith(f"{bad}: DITOLAK")]
        assert "Minta e-warong:" in line
    assert page.lines.document().toHtml().count("#b00020") == 3  # the refusals stand out
    assert sum(": diimpor: " in t for t in lines) == 3
    assert page.summary.text() == (
        "6 berkas: 3 diimpor, 0 sudah diimpor sebelumnya, 0 tidak perlu, 3 ditolak."
    )
    assert page.replies.text().startswith("3 balasan bertanda tangan ditulis ke")
    assert len(list(office.stick.glob("*.reply.json"))) == 3
    assert page.receipt is not None and page.receipt.is_file()
    qtbot.mouseClick(page.open_receipt, Qt.MouseButton.LeftButton)
    assert messages.opened == [page.receipt]

    # The E-warong page heard of the import: every shop with its first bundle.
    warongs = click_page(qtbot, office_window, "warongs")
    assert sorted(w.code for w in warongs.table.model.rows) == sorted(office.codes)
    assert all(w.last_seq == 1 for w in warongs.table.model.rows)

    # The same stick again: nothing new, said so, and no second round of replies.
    click_page(qtbot, office_window, "import")
    qtbot.mouseClick(page.start, Qt.MouseButton.LeftButton)
    wait_job(qtbot, page.job)
    assert page.summary.text().startswith("6 berkas: 0 diimpor, 3 sudah diimpor sebelumnya")
    assert len(list(office.stick.glob("*.reply.json"))) == 3


def test_without_the_office_key_the_page_says_what_it_cannot_do(qtbot, monkeypatch, office,
                                                                 office_window):  # fmt: skip
    import shutil

    shutil.rmtree(office.keys)
    stick_mounted(monkeypatch, office)
    page = office_window.pages["import"]
    qtbot.mouseClick(page.rescan, Qt.MouseButton.LeftButton)
    page.refresh()
    assert page.no_key.isVisible() and "belum punya kunci" in page.no_key.text()
    qtbot.mouseClick(page.start, Qt.MouseButton.LeftButton)
    wait_job(qtbot, page.job)
    assert page.summary.text().startswith("6 berkas: 2 diimpor")
    assert page.replies.text().startswith("Balasan tidak ditulis: kantor ini belum punya kunci")
    assert not list(office.stick.glob("*.reply.json"))


def test_another_folder_is_chosen_in_a_dialog_and_english_lines_follow(
    qtbot, monkeypatch, office, office_window
):
    monkeypatch.setattr("ewarong_desktop.gui.drives.usb_sticks", lambda: [])
    chosen: list[str] = []

    def choose(_parent, title, start=None):
        chosen.append(title)
        return office.stick

    monkeypatch.setattr("ewarong_desktop.district_gui.pages.intake.choose_folder", choose)
    page = office_window.pages["import"]
    page.fill_sources()
    assert page.source.count() == 1 and page.source.currentText() == "Folder lain…"
    qtbot.mouseClick(page.start, Qt.MouseButton.LeftButton)
    wait_job(qtbot, page.job)
    assert chosen == ["Pilih flashdisk atau folder"]
    qtbot.mouseClick(office_window.language_button, Qt.MouseButton.LeftButton)
    assert page.summary.text() == (
        "6 files: 3 imported, 0 already imported, 0 not needed, 3 refused."
    )
    texts = page.shown_lines()
    assert any(t.startswith(f"{BAD_FILES[0]}: REFUSED") for t in texts)
    assert page.start.text() == "Import every bundle"


def test_the_window_stays_open_while_an_import_runs(qtbot, monkeypatch, office, office_window,
                                                    messages):  # fmt: skip
    stick_mounted(monkeypatch, office)
    page = office_window.pages["import"]
    page.fill_sources()
    qtbot.mouseClick(page.start, Qt.MouseButton.LeftButton)
    office_window.close()
    assert office_window.isVisible()
    assert messages.shown[-1][1] == "Impor masih berjalan"
    wait_job(qtbot, page.job)
    office_window.close()
    assert not office_window.isVisible()
