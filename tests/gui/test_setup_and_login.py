"""First run and login, from the keyboard only."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt

from ewarong_desktop.services import operators, profile
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.setup import store_exists


def type_and_enter(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_first_run_setup_by_keyboard(qtbot, tmp_path: Path, qapp):
    from ewarong_desktop.gui.setup_wizard import SetupWizard

    data = tmp_path / "new-store"
    wizard = SetupWizard(data, "id")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.code.hasFocus, timeout=2000)
    for text in ("LTM-SKP-07", "E-Warong Maju", "Sidodadi", "Sekampung", "Lampung Timur"):
        type_and_enter(qtbot, qapp.focusWidget(), text)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)  # area code left empty
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 1, timeout=5000)
    assert wizard.pin.hasFocus()
    type_and_enter(qtbot, wizard.pin, "123456")
    type_and_enter(qtbot, wizard.pin_again, "9999")
    qtbot.waitUntil(lambda: "tidak sama" in wizard.message.text(), timeout=5000)
    assert not store_exists(data), "nothing is written before the PINs agree"
    wizard.pin_again.clear()
    type_and_enter(qtbot, wizard.pin_again, "123456")
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 2, timeout=5000)
    qtbot.wait(50)  # the Enter in "Ulangi PIN" must not also pass the fingerprint step
    assert wizard.isVisible() and wizard.result() == 0
    steps = wizard.step_list.text()
    assert all(t in steps for t in ("Profil e-warong", "Admin dan PIN", "Sidik jari kunci"))
    assert store_exists(data)
    assert len(wizard.fingerprint.text().replace(" ", "")) >= 16
    with qtbot.waitSignal(wizard.accepted, timeout=2000):
        qtbot.keyClick(wizard, Qt.Key.Key_Return)
    ctx = ServiceContext.open(data)
    try:
        assert profile.get_profile(ctx).name == "E-Warong Maju"
    finally:
        ctx.close()


def test_setup_start_button_reads_start_in_english(qtbot, tmp_path: Path, qapp):
    from ewarong_desktop.gui.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "s", "en")
    qtbot.addWidget(wizard)
    wizard.language.setCurrentIndex(0)
    wizard.language.setCurrentIndex(1)  # the operator picks English
    wizard.steps.setCurrentIndex(2)
    wizard.retranslate()
    assert wizard.next.text() == "Start"  # not "From": "Mulai" has two meanings
    wizard.language.setCurrentIndex(0)


def test_setup_refuses_a_bad_profile_in_words(qtbot, tmp_path: Path, qapp):
    from ewarong_desktop.gui.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "s", "en")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_next()
    assert wizard.steps.currentIndex() == 0
    assert wizard.message.text() and "Traceback" not in wizard.message.text()
    wizard.language.setCurrentIndex(0)


def test_login_with_pin_and_wrong_pin(qtbot, demo, qapp):
    from ewarong_desktop.gui.login import LoginDialog

    ctx = ServiceContext.open(demo.path)
    try:
        check = partial(operators.login, ctx.db)
        dialog = LoginDialog(check, [demo.admin_name, demo.operator_name], "E-Warong")
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.name.setCurrentText(demo.operator_name)
        type_and_enter(qtbot, dialog.pin, "0000")
        assert dialog.message.text() == "Nama atau PIN salah."
        assert dialog.actor is None and dialog.isVisible()
        with qtbot.waitSignal(dialog.accepted, timeout=5000):
            type_and_enter(qtbot, dialog.pin, demo.operator_pin)
        assert dialog.actor.name == demo.operator_name
        assert dialog.actor.role == "operator"
    finally:
        ctx.close()


def test_operator_sees_no_void_and_idle_lock_asks_again(qtbot, window, state, demo):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ewarong_desktop.services.context import Actor

    state.set_actor(Actor(demo.operator_name, "operator"))
    counter = window.go("counter")
    assert counter.today_panel.void_button.isHidden()  # admin only: not shown, not greyed

    def unlock():
        dialog = QApplication.activeModalWidget()
        assert dialog.title.text() == "Layar terkunci"
        dialog.name.setCurrentText(demo.admin_name)
        type_and_enter(qtbot, dialog.pin, demo.admin_pin)

    def unlock_after_trying_to_leave():
        dialog = QApplication.activeModalWidget()
        assert not dialog.quit.isVisible()  # no "Keluar aplikasi" beside "Masuk"
        assert not dialog.name.isEditable()  # a list of the real operators
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()  # the title bar's x
        assert dialog.isVisible() and window.isVisible()
        unlock()

    QTimer.singleShot(0, unlock_after_trying_to_leave)
    window.idle.timer.timeout.emit()  # as if the laptop sat idle
    assert state.actor.name == demo.admin_name
    assert not counter.today_panel.void_button.isHidden()


def test_run_on_empty_folder_goes_from_setup_to_the_main_window(
    qtbot, tmp_path, monkeypatch, main_window_shown
):
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ewarong_desktop.gui import app as gui_app

    monkeypatch.setenv("EWARONG_GUI_SMOKE_MS", "300")
    monkeypatch.setenv("EWARONG_IDLE_MINUTES", "0")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    seen = {}

    def fill_wizard():
        wizard = QApplication.activeModalWidget()
        wizard.language.setCurrentIndex(1)  # English, chosen during setup
        for field, text in (
            (wizard.code, "LTM-SKP-08"), (wizard.name, "E-Warong Baru"),
            (wizard.desa, "Sidodadi"), (wizard.kecamatan, "Sekampung"),
            (wizard.kabupaten, "Lampung Timur"),
        ):  # fmt: skip
            field.setText(text)
        wizard.go_next()
        wizard.pin.setText("654321")
        wizard.pin_again.setText("654321")
        wizard.go_next()
        seen["fingerprint"] = wizard.fingerprint.text()
        wizard.go_next()

    QTimer.singleShot(0, fill_wizard)
    assert gui_app.run(tmp_path / "data", "id") == 0
    assert seen["fingerprint"]
    shown = main_window_shown
    assert shown["window"] and shown["actor"].role == "admin"
    assert shown["title"] == "F1  Serve KPM"
    from ewarong_desktop.gui.state import AppState

    AppState.install_language_early("id")


def _give_admin_an_old_short_pin(ctx: ServiceContext, name: str, pin: str) -> None:
    """As a store made before the 6-digit rule holds it (the service no longer sets one)."""
    from ewarong_desktop.store.repositories import operators as operator_rows

    with ctx.db.session() as session:
        row = operator_rows.named(session, name)
        assert row is not None
        row.pin_hash = operators.hash_pin(pin)


def test_an_admin_with_an_old_4_digit_pin_makes_a_new_one_before_the_window(qtbot, demo, qapp):
    from ewarong_desktop.gui.login import LoginDialog

    ctx = ServiceContext.open(demo.path)
    try:
        _give_admin_an_old_short_pin(ctx, demo.admin_name, "4321")
        dialog = LoginDialog(
            partial(operators.login, ctx.db),
            [demo.admin_name],
            change_pin=partial(operators.change_pin_at_login, ctx.db),
        )
        qtbot.addWidget(dialog)
        dialog.show()
        type_and_enter(qtbot, dialog.pin, "4321")
        assert dialog.actor is None and dialog.isVisible(), "no window on a short admin PIN"
        assert dialog.new_pin.isVisible() and "6 angka" in dialog.message.text()
        qtbot.waitUntil(dialog.new_pin.hasFocus, timeout=2000)
        type_and_enter(qtbot, dialog.new_pin, "5678")
        type_and_enter(qtbot, dialog.new_pin_again, "5678")
        assert dialog.actor is None and "paling sedikit 6" in dialog.message.text()
        with qtbot.waitSignal(dialog.accepted, timeout=5000):
            type_and_enter(qtbot, dialog.new_pin, "860429")
            type_and_enter(qtbot, dialog.new_pin_again, "860429")
        assert dialog.actor is not None and not dialog.actor.pin_change_due
        assert operators.login(ctx.db, demo.admin_name, "860429").is_admin
    finally:
        ctx.close()
