"""The one helper for slow work (import, export, reports, backups): a thread and a progress bar.

`run_in_background(parent, state, work, ...)` runs `work(progress)` on a pool thread while a
small modal progress dialog says what is happening; the result comes back on the GUI thread.
Refusals and bugs are shown by `errors.show_error`, never raised into Qt. On success the
topics that changed are announced, so each page refreshes itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from ewarong_desktop.gui.errors import show_error

Progress = Callable[[str], None]
_running: set[BackgroundOp] = set()


class BackgroundOp(QObject):
    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()  # after the result or error was handled, in either case

    def __init__(self, parent: QWidget | None, label: str) -> None:
        super().__init__()
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumWidth(380)
        self.progressed.connect(self.dialog.setLabelText)
        self.result: Any = None
        self.error: BaseException | None = None


class _Runner(QRunnable):
    def __init__(self, op: BackgroundOp, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.op, self.work = op, work

    def run(self) -> None:
        try:
            result = self.work(self.op.progressed.emit)
        except BaseException as exc:
            self.op.failed.emit(exc)
        else:
            self.op.succeeded.emit(result)


def run_in_background(
    parent: QWidget | None,
    state: Any,
    work: Callable[[Progress], Any],
    *,
    label: str,
    on_done: Callable[[Any], None] | None = None,
    topics: Iterable[str] = (),
) -> BackgroundOp:
    op = BackgroundOp(parent, label)
    topics = tuple(topics)

    def done(result: Any) -> None:
        op.result = result
        op.dialog.close()
        try:
            if topics:
                state.notify(*topics)
            if on_done is not None:
                on_done(result)
        except Exception as exc:
            show_error(parent, exc)
        finally:
            _running.discard(op)
            op.finished.emit()

    def fail(exc: BaseException) -> None:
        op.error = exc
        op.dialog.close()
        try:
            show_error(parent, exc)
        finally:
            _running.discard(op)
            op.finished.emit()

    op.succeeded.connect(done, Qt.ConnectionType.QueuedConnection)
    op.failed.connect(fail, Qt.ConnectionType.QueuedConnection)
    _running.add(op)
    QThreadPool.globalInstance().start(_Runner(op, work))
    return op


def wait_all(timeout_ms: int = 30000) -> bool:
    """For shutdown: let running jobs finish so no thread outlives the store."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def paint_until(finished: Callable[[float], bool]) -> None:
    """Keep the screen painting while a plain thread works: `finished(seconds)` waits up to
    that long and says whether the work is done. Keys and clicks wait in the queue."""
    while not finished(0.05):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def finish_with_note(work: Callable[[], Any], note: str, *, after_s: float = 0.3) -> Any:
    """For when no window is left to hold a progress bar (closing the app): `work()` on a
    plain thread; if it takes longer than `after_s`, a small window says `note` until it is
    done. Returns what `work` returned, or raises what it raised, on this thread."""
    outcome: dict[str, Any] = {}

    def call() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # handed back below
            outcome["error"] = exc

    def finished(seconds: float) -> bool:
        worker.join(seconds)
        return not worker.is_alive()

    worker = threading.Thread(target=call, name="finish-with-note")
    worker.start()
    if not finished(after_s):
        shown = QProgressDialog(note, "", 0, 0)
        shown.setObjectName("finishNote")
        shown.setCancelButton(None)
        shown.setWindowTitle("e-Warong")
        shown.setMinimumWidth(420)
        shown.show()
        paint_until(finished)
        shown.close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
