"""The other pages' jobs: KPM add and import, documents, sync export, the big list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ewarong_desktop.services import beneficiaries
from tests.kpm_import.builders import kpm_row, write_csv


def test_add_kpm_with_the_keyboard_and_filter(qtbot, window, state):
    page = window.go("kpm")
    count = page.table.model.rowCount()

    def fill():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClicks(dialog.nik, "1807125508850099")
        qtbot.keyClicks(dialog.kks, "6013010000000777")
        qtbot.keyClicks(dialog.name, "Wartini Baru")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.model.rowCount() == count + 1
    assert beneficiaries.find_one(state.ctx, "6013010000000777").name == "Wartini Baru"
    qtbot.keyClicks(page.filter, "wartini")
    assert page.table.proxy.rowCount() == 1
    assert page.table.selected().name == "Wartini Baru"


def test_kpm_dialog_shows_refusal_and_saves_nothing(qtbot, window, state):
    page = window.go("kpm")
    count = len(beneficiaries.list_all(state.ctx))
    messages = []

    def fill():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClicks(dialog.nik, "123")
        qtbot.keyClicks(dialog.kks, "6013010000000778")
        qtbot.keyClicks(dialog.name, "Salah NIK")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        messages.append(dialog.message.text())
        dialog.reject()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert messages and "NIK" in messages[0]
    assert len(beneficiaries.list_all(state.ctx)) == count


def test_import_dialog_previews_then_imports(qtbot, window, state, tmp_path: Path):
    from ewarong_desktop.gui.pages.kpm_import_dialog import ImportDialog

    rows = [kpm_row(i) for i in range(1, 6)] + [["6", "3,20123E+15", "6013010000000006", "X", "A"]]
    path = write_csv(tmp_path / "kpm.csv", rows)
    dialog = ImportDialog(state, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.run_preview(path)
    with qtbot.waitSignal(dialog.job.finished, timeout=20000):
        pass
    assert "5 KPM baru" in dialog.summary.text()
    assert dialog.rejects.model.rowCount() == 1
    assert dialog.mapping["nik"].currentData() == 1
    before = len(beneficiaries.list_all(state.ctx))
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.job.finished, timeout=20000):
        pass
    assert len(beneficiaries.list_all(state.ctx)) == before + 5
    assert window.page("kpm").table.model.rowCount() in (0, before + 5)  # reloads when shown


def test_monthly_report_pdf_made_off_the_gui_thread(qtbot, window, state):
    page = window.go("reports")
    page.wait_ready(qtbot)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.doc_job.finished, timeout=30000):
        pass
    assert page.doc_job.error is None
    opened = state.opened[-1]
    assert opened.suffix == ".pdf" and opened.read_bytes().startswith(b"%PDF")
    assert page.chart.series and any(s.own_rupiah for s in page.chart.series)


def test_sync_export_to_a_folder(qtbot, window, state, tmp_path: Path):
    page = window.go("sync")
    assert len(page.fingerprint.text().replace(" ", "")) >= 16
    stick = tmp_path / "usb"
    stick.mkdir()
    page.export_to(stick)
    with qtbot.waitSignal(page.job.finished, timeout=30000):
        pass
    assert page.job.error is None, page.job.error
    assert any(stick.iterdir())
    assert page.bundles.model.rowCount() == 1
    assert "usb" in page.result.text()


@dataclass(frozen=True)
class FakeKpm:
    id: str
    nik: str
    kks_number: str
    name: str
    desa: str
    address: str
    eligible_from: object
    active: bool


def test_ten_thousand_kpm_fill_sort_and_filter_quickly(qtbot, state):
    from ewarong_desktop.domain.periods import Period
    from ewarong_desktop.gui.pages.kpm import KpmPage

    page = KpmPage(state)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    rows = [
        FakeKpm(str(i), f"18071215088{i:05d}", f"60130100{i:08d}", f"Nama {i:05d}",
                f"Desa {i % 40}", "RT 01", Period(2026, 1), i % 17 != 0)
        for i in range(10_000)
    ]  # fmt: skip
    page.table.set_rows(rows)
    page.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    page.table.proxy.setFilterFixedString("Desa 7")
    qtbot.wait(1)
    assert page.table.proxy.rowCount() == 250
    assert page.table.proxy.index(0, 0).data() == "Nama 09967"
    page.table.proxy.setFilterFixedString("")
    page.table.view.scrollToBottom()
    qtbot.wait(1)


def test_a_mounted_stick_is_offered_and_export_goes_there_without_a_dialog(
    qtbot, window, state, tmp_path: Path, monkeypatch
):
    from ewarong_desktop.gui import drives

    stick = tmp_path / "media" / "FLASHDISK"
    stick.mkdir(parents=True)
    monkeypatch.setattr(
        drives, "usb_sticks", lambda: [drives.Volume(str(stick), "FLASHDISK", 4 * 10**9)]
    )
    page = window.go("sync")
    page.reload()
    assert page.target.count() == 2 and "FLASHDISK" in page.target.itemText(0)
    monkeypatch.setattr(page, "_folder", lambda _title: pytest.fail("no dialog for a stick"))
    page.export_button.click()
    with qtbot.waitSignal(page.job.finished, timeout=30000):
        pass
    assert page.job.error is None, page.job.error
    assert [p.suffix for p in stick.iterdir()] == [".ewb"]


def test_backup_to_a_usb_stick(qtbot, window, state, tmp_path: Path):
    page = window.go("sync")
    stick = tmp_path / "usb"
    stick.mkdir()
    page.backup_to(stick)
    with qtbot.waitSignal(page.job.finished, timeout=30000):
        pass
    assert page.job.error is None, page.job.error
    copies = list(stick.glob("*.sqlite"))
    assert len(copies) == 1 and copies[0].read_bytes().startswith(b"SQLite format 3")
    assert copies[0].name in page.backup_line.text()


def test_deactivate_asks_first_and_the_counter_then_refuses(qtbot, window, state):
    from ewarong_desktop.gui import errors

    page = window.go("kpm")
    page.table.view.selectRow(0)
    kpm = page.table.selected()
    errors.answers.append(False)
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert beneficiaries.find_one(state.ctx, kpm.kks_number).active
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)  # yes this time
    assert not beneficiaries.get(state.ctx, kpm.id).active

    counter = window.go("counter")
    qtbot.keyClicks(counter.search, kpm.nik)
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    assert "tidak aktif" in counter.search_message.text()
    qtbot.keyClicks(counter.product, "TMP")
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)
    # Refused as the item is chosen: nothing reaches the basket, nothing can be saved.
    assert "tidak aktif" in counter.item_message.text() and not counter.items
    assert not counter.confirm_button.isEnabled()
