"""The login screen shows at once and the store opens behind it while the PIN is typed.

Each test runs the real `run()` on a demo store, with no preset operator, and types into the
login screen the way an operator does. `held_opening` makes opening the store wait for the
test's word, so what the screen does while the store is still opening can be seen.
"""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ewarong_desktop.gui import app as gui_app
from ewarong_desktop.gui.login import LoginDialog
from ewarong_desktop.services import startup as startup_service
from ewarong_desktop.services.clockguard import confirm_clock
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.store.database import StoreDamaged


@pytest.fixture
def at_login(monkeypatch, qapp, main_window_shown):
    """run() as an operator starts it: no preset operator, the login screen first."""
    monkeypatch.delenv("EWARONG_GUI_OPERATOR", raising=False)
    monkeypatch.setenv("EWARONG_GUI_SMOKE_MS", "200")
    monkeypatch.setenv("EWARONG_IDLE_MINUTES", "0")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    seen: dict[str, object] = {}

    def start(data_dir, on_login):
        """run() on `data_dir`; `on_login(dialog)` once the login shows. Gives `seen`."""

        def look():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, LoginDialog):  # not shown yet: look again soon
                QTimer.singleShot(10, look)
                return
            seen["names"] = [dialog.name.itemText(i) for i in range(dialog.name.count())]
            seen["offered"] = dialog.name.currentText()
            seen["warong"] = dialog.subtitle.text()
            on_login(dialog)

        QTimer.singleShot(0, look)
        seen["exit"] = gui_app.run(data_dir, "id")
        seen["window"], seen["actor"] = main_window_shown["window"], main_window_shown["actor"]
        return seen

    start.seen = seen  # type: ignore[attr-defined]
    return start


@pytest.fixture
def held_opening(monkeypatch):
    """Opening the store waits until the test sets the event; what it opened is kept."""
    gate = threading.Event()
    opened: list[startup_service.Startup] = []
    real = startup_service.open_for_gui

    def held(data_dir, **kwargs):
        assert gate.wait(20), "the login screen never let the store open"
        result = real(data_dir, **kwargs)
        opened.append(result)
        return result

    monkeypatch.setattr(startup_service, "open_for_gui", held)
    yield gate, opened
    gate.set()


def type_pin(dialog: LoginDialog, name: str, pin: str) -> None:
    dialog.name.setCurrentText(name)
    QTest.keyClicks(dialog.pin, pin)
    QTest.keyClick(dialog.pin, Qt.Key.Key_Return)


def test_login_shows_before_the_store_opens_and_the_pin_opens_the_counter(
    demo, at_login, held_opening
):
    gate, _opened = held_opening
    seen = at_login.seen

    def on_login(dialog):
        def store_done():
            # The operator was quicker than the store: the screen says it is opening.
            seen["waiting"] = dialog.message.text()
            gate.set()

        # Reaching this line at all proves the screen did not wait for the store: opening
        # is held until store_done, and a screen that waited would time the gate out.
        QTimer.singleShot(300, store_done)
        type_pin(dialog, demo.operator_name, demo.operator_pin)

    at_login(demo.path, on_login)
    assert seen["exit"] == 0
    assert seen["names"] == sorted([demo.admin_name, demo.operator_name])
    assert seen["warong"]  # the shop's name, read before the store opened
    assert seen["waiting"] == "Membuka data e-warong..."
    assert seen["window"] is True
    assert seen["actor"].name == demo.operator_name and seen["actor"].role == "operator"


def test_wrong_pin_is_said_in_the_login_and_the_right_one_still_works(demo, at_login):
    seen = at_login.seen

    def on_login(dialog):
        type_pin(dialog, demo.operator_name, "0000")
        seen["wrong"] = (dialog.message.text(), dialog.isVisible(), dialog.pin.text())
        type_pin(dialog, demo.operator_name, demo.operator_pin)

    at_login(demo.path, on_login)
    assert seen["wrong"] == ("Nama atau PIN salah.", True, "")
    assert seen["exit"] == 0 and seen["window"] is True


def test_damaged_store_found_behind_the_login_says_restore_and_opens_nothing(
    demo, at_login, monkeypatch, quiet_boxes
):
    def damaged(data_dir, **_kwargs):
        raise StoreDamaged(data_dir / "ewarong.sqlite", "database disk image is malformed")

    monkeypatch.setattr(startup_service, "open_for_gui", damaged)
    seen = at_login(demo.path, lambda d: type_pin(d, demo.operator_name, demo.operator_pin))
    assert seen["exit"] == 1
    kind, _title, text = quiet_boxes[-1]
    assert kind == "warning" and "pulihkan dari cadangan" in text
    assert seen["window"] is False


def test_a_bug_while_opening_gets_the_polite_box_and_a_log(
    demo, at_login, monkeypatch, quiet_boxes
):
    def broken(data_dir, **_kwargs):
        raise RuntimeError("a bug in opening")

    monkeypatch.setattr(startup_service, "open_for_gui", broken)
    seen = at_login(demo.path, lambda d: type_pin(d, demo.operator_name, demo.operator_pin))
    assert seen["exit"] == 1
    assert quiet_boxes[-1][0] == "critical"
    logs = list((demo.path / "logs").glob("gui-crash*"))
    assert logs and "a bug in opening" in logs[0].read_text(encoding="utf-8")


def test_clock_gone_backwards_is_asked_after_the_pin_and_no_means_quit(
    demo, at_login, quiet_boxes, messages
):

    ctx = ServiceContext.open(demo.path)
    confirm_clock(ctx.db, datetime.now() + timedelta(days=3))  # as if the clock ran back
    ctx.close()
    messages.answers.append(False)
    seen = at_login(demo.path, lambda d: type_pin(d, demo.operator_name, demo.operator_pin))
    assert seen["exit"] == 0 and seen["window"] is False
    asked = [b for b in quiet_boxes if b[0] == "question"]
    assert asked and asked[0][1] == "Periksa jam laptop"


def test_clock_that_cannot_be_saved_is_said_and_nothing_opens(
    demo, at_login, monkeypatch, quiet_boxes
):
    from ewarong_desktop.services import clockguard
    from ewarong_desktop.store.database import environment_problem

    ctx = ServiceContext.open(demo.path)
    confirm_clock(ctx.db, datetime.now() + timedelta(days=3))  # as if the clock ran back
    ctx.close()

    def disk_full(*_args, **_kwargs):
        raise environment_problem("database or disk is full")

    monkeypatch.setattr(clockguard, "confirm_clock", disk_full)  # "yes, the clock is right"
    seen = at_login(demo.path, lambda d: type_pin(d, demo.operator_name, demo.operator_pin))
    assert seen["exit"] == 1 and seen["window"] is False
    kind, _title, text = quiet_boxes[-1]
    assert kind == "warning" and "TIDAK" in text  # "... NOT saved", not a wrong-PIN line


def test_leaving_the_login_closes_the_store_opened_behind_it(demo, at_login, held_opening):
    gate, opened = held_opening

    def on_login(dialog):
        gate.set()

        def leave_once_open():
            if not opened:  # still opening: look again soon
                QTimer.singleShot(10, leave_once_open)
                return
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

        leave_once_open()

    seen = at_login(demo.path, on_login)
    assert seen["exit"] == 0 and seen["window"] is False
    assert len(opened) == 1  # it had opened, then was closed: the pool holds no connection
    assert opened[0].db.engine.pool.checkedin() == 0


def test_smoke_run_at_the_login_opens_the_store_then_closes(demo, at_login, monkeypatch):
    # How the installer's smoke test proves the built program opens its store behind the
    # login screen: no PIN is typed; exit 0 once the store has opened.
    opened = []
    real = startup_service.open_for_gui
    monkeypatch.setattr(
        startup_service, "open_for_gui", lambda d, **kw: opened.append(real(d, **kw)) or opened[-1]
    )
    monkeypatch.setenv("EWARONG_GUI_SMOKE_LOGIN_MS", "100")
    seen = at_login(demo.path, lambda dialog: None)
    assert seen["exit"] == 0 and seen["window"] is False
    assert len(opened) == 1 and opened[0].db.engine.pool.checkedin() == 0  # opened, closed


def test_smoke_run_at_the_login_says_why_the_store_would_not_open(
    demo, at_login, monkeypatch, capsys
):
    def damaged(data_dir, **_kwargs):
        raise StoreDamaged(data_dir / "ewarong.sqlite", "file is not a database")

    monkeypatch.setattr(startup_service, "open_for_gui", damaged)
    monkeypatch.setenv("EWARONG_GUI_SMOKE_LOGIN_MS", "100")
    seen = at_login(demo.path, lambda dialog: None)
    assert seen["exit"] == 1
    assert "file is not a database" in capsys.readouterr().err


def test_the_next_login_starts_at_whoever_logged_in_last(demo, at_login):
    names = sorted([demo.admin_name, demo.operator_name])
    assert names[0] != demo.operator_name  # so the list's first name is not the answer
    seen = at_login(demo.path, lambda d: type_pin(d, demo.operator_name, demo.operator_pin))
    assert seen["offered"] == names[0]  # nobody logged in here before: the list's first
    assert seen["exit"] == 0 and seen["window"] is True

    def pin_only(dialog):  # the operator types the PIN and Enter, nothing else
        QTest.keyClicks(dialog.pin, demo.operator_pin)
        QTest.keyClick(dialog.pin, Qt.Key.Key_Return)

    seen = at_login(demo.path, pin_only)
    assert seen["offered"] == demo.operator_name
    assert seen["actor"].name == demo.operator_name
