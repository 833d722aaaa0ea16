"""What `run()` does before the window opens: a lost store, a wrong clock, a new month."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta

import pytest

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.gui import app as gui_app
from ewarong_desktop.services import profile
from ewarong_desktop.services.clockguard import confirm_clock
from ewarong_desktop.services.context import Actor, ServiceContext


@pytest.fixture
def quick_run(monkeypatch, demo):
    monkeypatch.setenv("EWARONG_GUI_SMOKE_MS", "200")
    monkeypatch.setenv("EWARONG_IDLE_MINUTES", "0")
    monkeypatch.setenv("EWARONG_GUI_OPERATOR", f"{demo.admin_name}:{demo.admin_pin}")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    return lambda: gui_app.run(demo.path, "id")


def test_lost_store_says_restore_and_never_starts_setup(qapp, tmp_path, quiet_boxes):
    (tmp_path / "keys").mkdir()  # the folder held a store once
    assert gui_app.run(tmp_path, "id") == 1
    kind, _title, text = quiet_boxes[-1]
    assert kind == "warning" and "pulihkan cadangan" in text
    assert not (tmp_path / "ewarong.sqlite").exists()


def test_clock_gone_backwards_is_asked_and_no_means_quit(
    qapp, demo, quick_run, quiet_boxes, messages
):

    ctx = ServiceContext.open(demo.path)
    confirm_clock(ctx.db, datetime.now() + timedelta(days=3))  # as if the clock ran back
    ctx.close()
    messages.answers.append(False)
    assert quick_run() == 0
    asked = [b for b in quiet_boxes if b[0] == "question"]
    assert asked and asked[0][1] == "Periksa jam laptop"
    assert "lebih awal" in asked[0][2]


def test_new_month_on_the_clock_offers_to_move_the_working_month(qapp, demo, quick_run):
    ctx = ServiceContext.open(demo.path, Actor("admin", "admin"))
    now = Period.of(ctx.today())
    profile.confirm_working_month(ctx, now.previous())
    ctx.close()
    assert quick_run() == 0  # the answer defaults to yes in tests
    ctx = ServiceContext.open(demo.path)
    try:
        assert profile.working_period(ctx) == now
    finally:
        ctx.close()


def test_a_slow_day_close_backup_says_not_to_switch_off(qapp, demo, quick_run, monkeypatch):
    import time

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QProgressDialog

    from ewarong_desktop.services import startup

    real_close = startup.close_for_gui
    made = []

    def slow_close(db, **kwargs):  # a big store on an old laptop
        time.sleep(0.8)
        made.append(real_close(db, **kwargs))
        return made[-1]

    monkeypatch.setattr(startup, "close_for_gui", slow_close)
    notes = []

    class Watcher(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Show and isinstance(obj, QProgressDialog):
                notes.append(obj.labelText())
            return False

    watcher = Watcher()
    qapp.installEventFilter(watcher)
    try:
        assert quick_run() == 0
    finally:
        qapp.removeEventFilter(watcher)
    assert notes == ["Menyimpan cadangan akhir hari... Jangan matikan laptop dulu."]
    backup, problem = made[0]
    assert problem is None and backup is not None and backup.path.is_file()
