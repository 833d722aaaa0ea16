"""Every page rendered offscreen at 1366x768 with demo data, for a reviewer to look at.

The PNGs land in `test-artifacts/screens/` (git-ignored) at the repo root.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ewarong_desktop.gui.main_window import PAGES
from ewarong_desktop.services import beneficiaries

SCREENS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"


def grab(qtbot, window, name: str) -> Path:
    qtbot.wait(1)  # let pending layout and paint events run
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    image = window.grab()
    assert image.width() == 1366 and image.height() == 768
    assert image.save(str(path))
    return path


def serve(qtbot, counter, kks: str, items) -> None:
    qtbot.keyClicks(counter.search, kks)
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    for product, qty in items:
        qtbot.keyClicks(counter.product, product)
        qtbot.keyClick(counter.product, Qt.Key.Key_Return)
        counter.qty.selectAll()
        qtbot.keyClicks(counter.qty, qty)
        qtbot.keyClick(counter.qty, Qt.Key.Key_Return)


def test_every_page_at_1366x768(qtbot, window, state, tmp_path):
    window.resize(1366, 768)
    counter = window.go("counter")
    everyone = beneficiaries.list_all(state.ctx)
    for served in everyone[5:8]:  # a few of today's transactions for the list on the right
        serve(qtbot, counter, served.kks_number, (("TMP", "2"), ("BYM", "1")))
        qtbot.keyClick(counter.product, Qt.Key.Key_Return)
        qtbot.keyClick(counter.edc, Qt.Key.Key_Return)
    kpm = everyone[3]
    serve(
        qtbot,
        counter,
        kpm.kks_number,
        (("BRS", "5"), ("Telur", "1"), ("Tempe", "2"), ("bayam", "2")),
    )
    written = []
    for number, (key, _module, _cls) in enumerate(PAGES, start=1):
        page = window.go(key)
        if key == "kpm":
            page.table.view.selectRow(2)  # show one KPM's history below the list
        if key == "sync":  # one bundle and one backup on a "USB stick", for the lists
            for job in (page.export_to, page.backup_to):
                job(tmp_path)
                with qtbot.waitSignal(page.job.finished, timeout=30000):
                    pass
        ready = getattr(page, "wait_ready", None)
        if ready is not None:
            ready(qtbot)
        written.append(grab(qtbot, window, f"{number:02d}-{key}"))
    window.set_language("en")
    window.go("counter")
    written.append(grab(qtbot, window, "08-counter-en"))
    window.go("reports")
    written.append(grab(qtbot, window, "09-reports-en"))
    window.set_language("id")
    assert all(p.stat().st_size > 10_000 for p in written)


def save_widget(widget, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def test_dialogs_and_settings_tabs(qtbot, window, state, demo, tmp_path):
    from ewarong_desktop.gui.login import LoginDialog
    from ewarong_desktop.gui.pages.kpm_import_dialog import ImportDialog
    from ewarong_desktop.gui.setup_wizard import SetupWizard
    from tests.kpm_import.builders import kpm_row, write_csv

    wizard = SetupWizard(tmp_path / "fresh", "id")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.code.setText("LTM-SKP-09")
    wizard.name.setText("E-Warong Mekar")
    save_widget(wizard, "10-setup-profile")
    for field, text in ((wizard.desa, "Sidodadi"), (wizard.kecamatan, "Sekampung"),
                        (wizard.kabupaten, "Lampung Timur")):  # fmt: skip
        field.setText(text)
    wizard.go_next()
    wizard.pin.setText("258025")
    wizard.pin_again.setText("258025")
    wizard.go_next()
    save_widget(wizard, "11-setup-fingerprint")

    nobody = lambda _name, _pin: None  # noqa: E731 (only its look is saved)
    login = LoginDialog(nobody, ["admin", "siti"], "id", "E-Warong KUBE Sejahtera")
    qtbot.addWidget(login)
    login.show()
    save_widget(login, "12-login")

    rows = [kpm_row(i) for i in range(1, 40)] + [["40", "3,20123E+15", "601301000040", "Y", "B"]]
    dialog = ImportDialog(state, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.run_preview(write_csv(tmp_path / "daftar.csv", rows))
    with qtbot.waitSignal(dialog.job.finished, timeout=20000):
        pass
    save_widget(dialog, "13-kpm-import")
    dialog.tabs.setCurrentIndex(1)
    save_widget(dialog, "14-kpm-import-refused")
    dialog.close()

    settings = window.go("settings")
    for index, name in ((1, "15-settings-rates"), (2, "16-settings-products"),
                        (3, "17-settings-operators")):  # fmt: skip
        settings.tabs.setCurrentIndex(index)
        grab(qtbot, window, name)
