"""The other pages' jobs: KPM add and import, documents, sync export, the big list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.profile import working_period
from tests.gui.conftest import wait_job
from tests.kpm_import.builders import HEADER, kpm_row, write_csv


def test_add_kpm_with_the_keyboard_and_filter(qtbot, window, state):
    page = window.go("kpm")
    count = page.table.model.rowCount()

    def fill():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClicks(dialog.nik, "1807125508850099")
        qtbot.keyClicks(dialog.kks, "6013010000000777")
        qtbot.keyClicks(dialog.name, "Wartini Baru")
        for field in (dialog.name, dialog.desa, dialog.address):  # Enter goes on, then saves
            qtbot.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.model.rowCount() == count + 1
    assert beneficiaries.find_one(state.ctx, "6013010000000777").name == "Wartini Baru"
    qtbot.keyClicks(page.filter, "wartini")
    assert page.table.proxy.rowCount() == 1
    assert page.table.selected().name == "Wartini Baru"


def test_kpm_dialog_checks_fields_before_closing_and_goes_to_the_one_at_fault(qtbot, window, state):
    from tests.gui.conftest import on_next_dialog

    page = window.go("kpm")
    count = len(beneficiaries.list_all(state.ctx))
    seen = []

    def fill(dialog):
        qtbot.keyClicks(dialog.nik, "1807125508850098")
        qtbot.keyClick(dialog.nik, Qt.Key.Key_Return)  # Enter after the NIK: on to the KKS
        seen.append(("after nik", dialog.isVisible(), dialog.focusWidget() is dialog.kks))
        dialog.save()  # Simpan with no KKS yet
        seen.append(("no kks", dialog.message.text(), dialog.focusWidget() is dialog.kks))
        dialog.nik.setText("123")
        dialog.kks.setText("6013010000000778")
        dialog.name.setText("Salah NIK")
        dialog.save()
        seen.append(("bad nik", "NIK" in dialog.message.text(), dialog.focusWidget() is dialog.nik))
        seen.append(("open", dialog.isVisible()))
        dialog.reject()

    on_next_dialog(fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert seen[0] == ("after nik", True, True)
    assert seen[1][0] == "no kks" and "KKS" in seen[1][1] and seen[1][2]
    assert seen[2] == ("bad nik", True, True) and seen[3] == ("open", True)
    assert len(beneficiaries.list_all(state.ctx)) == count


def test_the_start_month_is_chosen_by_name_not_typed_as_a_code(qtbot, window, state):
    from tests.gui.conftest import on_next_dialog

    page = window.go("kpm")
    seen = []

    def fill(dialog):
        seen.append([dialog.start.itemText(i) for i in range(3)])
        dialog.reject()

    on_next_dialog(fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert seen[0][0].startswith("bulan kerja (") and "-" not in seen[0][1]


def test_down_in_the_filter_goes_into_the_list(qtbot, window, state):
    page = window.go("kpm")
    qtbot.keyClicks(page.filter, "a")
    qtbot.keyClick(page.filter, Qt.Key.Key_Down)
    assert page.table.view.hasFocus() or window.focusWidget() is page.table.view
    assert page.table.selected() is not None


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


def test_monthly_report_pdf_made_off_the_gui_thread(qtbot, window, state, messages):
    page = window.go("reports")
    wait_job(qtbot, page.series_job)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.doc_job.finished, timeout=30000):
        pass
    assert page.doc_job.error is None
    opened = messages.opened[-1]
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
    written = sorted(stick.iterdir())
    page.export_to(stick)  # nothing changed since: said, and nothing written
    with qtbot.waitSignal(page.job.finished, timeout=30000):
        pass
    assert page.job.error is None, page.job.error
    assert page.result.text().startswith("Tidak ada yang berubah sejak bundel seq 1")
    assert sorted(stick.iterdir()) == written and page.bundles.model.rowCount() == 1


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
    copies = list(stick.iterdir())
    # Off the laptop, so sealed to the recovery code: no page of the store readable on it.
    assert len(copies) == 1 and copies[0].name.endswith(".sqlite.zst.enc")
    assert copies[0].read_bytes().startswith(b"EWARONG-BACKUP-ENC1")
    assert page.backup_line.text().startswith("Cadangan terakhir: ")  # a day, no file name
    assert copies[0].name not in page.backup_line.text()
    assert "kode pemulihan" in page.result.text()


def test_deactivate_asks_first_and_the_counter_then_refuses(qtbot, window, state, messages):

    page = window.go("kpm")
    page.table.view.selectRow(0)
    kpm = page.table.selected()
    messages.answers.append(False)
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert beneficiaries.find_one(state.ctx, kpm.kks_number).active
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)  # yes this time
    assert not beneficiaries.get(state.ctx, kpm.id).active
    assert page.table.selected().id == kpm.id and page.active_button.text() == "Aktifkan lagi"

    counter = window.go("counter")
    qtbot.keyClicks(counter.search, kpm.nik)
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    assert "tidak aktif" in counter.search_message.text()
    qtbot.keyClicks(counter.product, "TMP")
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)
    # Refused as the item is chosen: nothing reaches the basket, nothing can be saved.
    assert "tidak aktif" in counter.item_message.text() and not counter.items
    assert not counter.confirm_button.isEnabled()


def test_a_deactivated_kpm_is_activated_again(qtbot, window, state, messages):
    page = window.go("kpm")
    page.table.view.selectRow(1)
    kpm = page.table.selected()
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)  # asked; yes
    assert not beneficiaries.get(state.ctx, kpm.id).active
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)  # "Aktifkan lagi"
    assert beneficiaries.get(state.ctx, kpm.id).active
    assert page.active_button.text() == "Nonaktifkan"


def test_sync_says_when_it_last_sent_and_what_waits_in_plain_words(
    qtbot, window, state, demo, tmp_path: Path
):
    from ewarong_desktop.services.context import Actor

    page = window.go("sync")
    assert page.status.text().startswith("Belum pernah dikirim")
    assert page.empty.isVisible() and not page.bundles.view.isVisible()
    page.export_to(tmp_path)
    with qtbot.waitSignal(page.job.finished, timeout=30000):
        pass
    assert page.status.text().startswith("Terakhir dikirim ")
    assert "Belum dikirim: 0 transaksi, 0 pembelian, 0 data KPM." in page.status.text()
    assert not page.empty.isVisible()
    state.set_actor(Actor(demo.operator_name, "operator"))
    shown = " ".join(
        [page.status.text(), page.result.text(), page.backup_line.text()]
        + [page.bundles.model.index(0, c).data() for c in range(page.bundles.model.columnCount())]
        + [
            page.bundles.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(page.bundles.model.columnCount())
        ]
    )
    assert not page.card.isVisible() and not page.enrol_button.isVisible()
    for word in ("Seq", "epoch", "ID kunci", ".zip", "ewb", "-1-"):
        assert word not in shown, word


def test_a_kpm_starting_two_years_back_is_asked_about_first(qtbot, window, state, messages):
    """An entitlement starting more than 12 months before today is unusual: the admin is
    asked, as `--yes` does in the shell; yes saves the KPM with that first month."""
    page = window.go("kpm")

    def fill():
        dialog = QApplication.activeModalWidget()
        dialog.start.setCurrentIndex(1)  # the first month offered: 24 months back
        qtbot.keyClicks(dialog.nik, "1807125508850097")
        qtbot.keyClicks(dialog.kks, "6013010000000778")
        qtbot.keyClicks(dialog.name, "Sulastri Lama")
        for field in (dialog.name, dialog.desa, dialog.address):
            qtbot.keyClick(field, Qt.Key.Key_Return)

    messages.answers.append(True)
    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert messages.shown[-1][0] == "question", messages.shown[-1:]
    saved = beneficiaries.find_one(state.ctx, "6013010000000778")
    assert saved.name == "Sulastri Lama"
    assert saved.eligible_from == working_period(state.ctx).shift(-24)


def test_import_preview_shows_each_new_kpms_address(qtbot, window, state, tmp_path: Path):
    from ewarong_desktop.gui.pages.kpm_import_dialog import ImportDialog

    rows = [[*kpm_row(i), f"RT 0{i} RW 02"] for i in range(1, 3)]
    path = write_csv(tmp_path / "kpm.csv", rows, header=[*HEADER, "Alamat"])
    dialog = ImportDialog(state, window)
    qtbot.addWidget(dialog)
    dialog.run_preview(path)
    with qtbot.waitSignal(dialog.job.finished, timeout=20000):
        pass
    model = dialog.plan.model
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    column = headers.index("Alamat")  # the operator checks where each family lives
    shown = {model.index(r, column).data() for r in range(model.rowCount())}
    assert shown == {"RT 01 RW 02", "RT 02 RW 02"}
