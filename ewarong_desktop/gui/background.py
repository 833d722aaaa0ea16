"""The one helper for the window's work with the services: a call, or slow work on a thread.

`perform(parent, state, call)` runs a service call now; `run_in_background(parent, state,
work, ...)` runs `work(progress)` on a pool thread while a small modal progress dialog says
what is happening, and hands the result back on the GUI thread. Both end the same way: a
refusal (`EwarongError`) is shown in the operator's words (in the page's own message line when
`refused` is given), a file problem as one, anything else is our bug and reaches the bug
dialog and the crash log once, here; on success the topics the result says it changed
(`services.changes`) are announced, so each page refreshes itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

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

from ewarong_desktop.domain.errors import EwarongError, NeedsConfirmation
from ewarong_desktop.gui.errors import ask, show_error
from ewarong_desktop.services.changes import changes_of

T = TypeVar("T")


class Announcer(Protocol):
    """Who hears what a result changed and whose language a question is asked in: the
    shop's `AppState`, the district window's `Desk`."""

    @property
    def lang(self) -> str: ...

    def announce(self, changes: Any) -> None: ...


Progress = Callable[[str], None]
Refused = Callable[[EwarongError], None]
_running: set[BackgroundOp] = set()


def _handle(parent: QWidget | None, exc: BaseException, refused: Refused | None) -> None:
    """The one place a failed call ends: refusal words, or the bug dialog and log."""
    if refused is not None and isinstance(exc, EwarongError):
        refused(exc)
    else:
        show_error(parent, exc)


def perform(
    parent: QWidget | None,
    state: Announcer,
    call: Callable[[], T],
    *,
    refused: Refused | None = None,
    confirmed: Callable[[], T] | None = None,
) -> T | None:
    """Run a service call on the GUI thread: its result (changes announced), or None after
    the refusal or the bug was shown. `refused` shows a refusal in the page's own words.
    `confirmed` is the same call answered yes: when the service asks (`NeedsConfirmation`: a
    purchase at Rp0, two years back), the operator is asked, and a yes makes that call."""
    try:
        try:
            result = call()
        except NeedsConfirmation as question:
            if confirmed is None:
                raise
            title = QCoreApplication.translate("Background", "Yakin?")
            more = QCoreApplication.translate("Background", "Tetap simpan?")
            if not ask(
                parent, title, f"{question.message(state.lang)}\n\n{more}", default_yes=False
            ):
                return None
            result = confirmed()
    except Exception as exc:  # the one place: refusal words, file trouble, or the bug dialog
        _handle(parent, exc, refused)
        return None
    state.announce(changes_of(result))
    return result


class BackgroundOp(QObject):
    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()  # after the result or error was handled, in either case

    def __init__(self, parent: QWidget | None, label: str) -> None:
        super().__init__()
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setCancelButton(None)  # Qt: None hides it
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumWidth(380)
        self.progressed.connect(self.dialog.setLabelText)
        self.result: object = None
        self.error: BaseException | None = None
        self.done = False  # the result or the error has been handled


class _Runner(QRunnable):
    def __init__(self, op: BackgroundOp, work: Callable[[Progress], object]) -> None:
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
    state: Announcer,
    work: Callable[[Progress], T],
    *,
    label: str,
    on_done: Callable[[T], None] | None = None,
    refused: Refused | None = None,
) -> BackgroundOp:
    op = BackgroundOp(parent, label)

    def done(result: Any) -> None:
        op.result = result
        op.dialog.close()
        try:
            state.announce(changes_of(result))
            if on_done is not None:
                on_done(cast(T, result))
        except Exception as exc:  # a bug in the page's own handling of the result
            show_error(parent, exc)
        finally:
            _running.discard(op)
            op.done = True
            op.finished.emit()

    def fail(exc: BaseException) -> None:
        op.error = exc
        op.dialog.close()
        try:
            _handle(parent, exc, refused)
        finally:
            _running.discard(op)
            op.done = True
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
