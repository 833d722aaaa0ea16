"""Errors never end the window: refusals show their words, bugs a polite dialog and a log."""

from __future__ import annotations

import sys
from pathlib import Path

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.gui import errors
from ewarong_desktop.gui.background import run_in_background
from ewarong_desktop.services.changes import Done, Topic


def test_unexpected_exception_gets_polite_dialog_and_log(qapp, tmp_path: Path, quiet_boxes):
    errors.configure(tmp_path / "logs")
    old = sys.excepthook
    errors.install_excepthook()
    try:
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    kind, title, text = quiet_boxes[-1]
    assert kind == "critical" and title == "Terjadi kesalahan program"
    assert "Traceback" not in text and "boom" not in text
    logs = list((tmp_path / "logs").iterdir())
    assert len(logs) == 1 and "ZeroDivisionError: boom" in logs[0].read_text()


def test_background_job_reports_progress_result_and_refusal(qtbot, state, quiet_boxes):
    seen = []

    def work(progress):
        progress("langkah 1")
        return Done(frozenset({Topic.STOCK}))

    op = run_in_background(None, state, work, label="Bekerja…", on_done=seen.append)
    with qtbot.waitSignals([op.finished, state.changed], timeout=5000):
        pass
    assert seen == [Done(frozenset({Topic.STOCK}))] and op.result == seen[0]

    def refuse(_progress):
        raise InvalidInput("Tidak boleh.", "Not allowed.")

    op = run_in_background(None, state, refuse, label="Bekerja…")
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert quiet_boxes[-1] == ("warning", "Tidak dapat dilakukan", "Tidak boleh.")
    state.set_language("en")
    op = run_in_background(None, state, refuse, label="Working…")
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert quiet_boxes[-1] == ("warning", "Cannot do that", "Not allowed.")


def test_bug_in_background_job_is_logged_not_raised(qtbot, state, quiet_boxes, tmp_path):
    errors.configure(tmp_path / "logs")

    def broken(_progress):
        return {}["missing"]

    op = run_in_background(None, state, broken, label="Bekerja…")
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert isinstance(op.error, KeyError)
    assert quiet_boxes[-1][0] == "critical"
    assert any((tmp_path / "logs").iterdir())
