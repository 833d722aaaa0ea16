"""GUI tests: offscreen Qt, one demo store built per session and copied per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass
from pathlib import Path

import pytest

from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.demo import build_demo
from tests.templates import copy_of_template


@dataclass(frozen=True)
class DemoStore:
    path: Path
    admin_name: str
    admin_pin: str
    operator_name: str
    operator_pin: str


def wait_job(qtbot, job, timeout: int = 30000) -> None:
    """Until a `run_in_background` job's result or error has been handled."""
    if job is not None and not job.done:
        with qtbot.waitSignal(job.finished, timeout=timeout):
            pass


def build_gui_demo(path: Path) -> tuple[str, str, str, str]:
    result = build_demo(path, kpm=30, months=3)
    assert result.setup is not None
    return (
        result.setup.admin_name,
        result.setup.admin_pin,
        result.operator_name,
        result.operator_pin,
    )


@pytest.fixture
def demo(tmp_path: Path) -> DemoStore:
    """A private copy of a demo store built once per run: each test may redeem, void and buy
    without touching the others."""
    path = tmp_path / "store"
    return DemoStore(path, *copy_of_template("gui-demo", build_gui_demo, path))


@pytest.fixture(autouse=True)
def no_quit_left_over(qapp):
    """A window destroyed after its event loop ended (the end of an earlier test's `run()`,
    a dialog closed by its test) asks Qt to quit, which would end this test's first loop at
    once. Let such a quit end a loop of its own first. (The program itself calls `run()` once
    per process and never meets one.)

    What outlives the collection is alive (the app's modules, session stores, whatever a test
    kept): frozen, later collections skip it. Without that each collection walked every
    object the worker had made so far, about two seconds a test by the end of a worker."""
    import gc

    from PySide6.QtCore import QTimer

    gc.collect()
    gc.freeze()
    QTimer.singleShot(0, qapp.quit)
    qapp.exec()


@pytest.fixture
def main_window_shown(qapp):
    """What a `run()` showed: {"window": True, "actor": ..., "title": first page's label}
    once its main window shows (its loop may end before a timer could look at it)."""
    from PySide6.QtCore import QEvent, QObject

    from ewarong_desktop.gui.main_window import MainWindow

    seen: dict[str, object] = {"window": False, "actor": None, "title": None}

    class Watcher(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Show and isinstance(obj, MainWindow):
                seen.update(window=True, actor=obj.state.actor, title=obj.side.item(0).text())
            return False

    watcher = Watcher()
    qapp.installEventFilter(watcher)
    yield seen
    qapp.removeEventFilter(watcher)


class RecordingBridge:
    """The tests' message bridge: every box, question and opened document is recorded as
    (kind, title, text) instead of shown; questions take the next of `answers` (yes when
    none is left), text questions the next of `text_answers` (cancelled when none)."""

    interactive = False  # no window of our own is opened (the recovery code is shown as text)

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answers: list[bool] = []
        self.text_answers: list[str | None] = []
        self.opened: list[Path] = []

    def show(self, kind, parent, title: str, text: str) -> None:
        self.shown.append((str(kind), title, text))

    def ask(self, parent, title: str, text: str, *, default_yes: bool) -> bool:
        self.shown.append(("question", title, text))
        return self.answers.pop(0) if self.answers else True

    def ask_text(self, parent, title: str, label: str, *, secret: bool) -> str | None:
        self.shown.append(("text", title, label))
        return self.text_answers.pop(0) if self.text_answers else None

    def open_document(self, path: Path) -> None:
        self.opened.append(Path(path))


@pytest.fixture(autouse=True)
def messages():
    """Message boxes are recorded, not shown: a modal box would stall an offscreen test."""
    from ewarong_desktop.gui import messages as bridge_module

    bridge = RecordingBridge()
    old = bridge_module.install(bridge)  # type: ignore[arg-type]
    yield bridge
    bridge_module.install(old)


@pytest.fixture
def quiet_boxes(messages: RecordingBridge) -> list[tuple[str, str, str]]:
    """What was shown, as (kind, title, text), oldest first."""
    return messages.shown


@pytest.fixture
def state(qapp, demo: DemoStore):
    from ewarong_desktop.gui.app import make_application
    from ewarong_desktop.gui.state import AppState

    make_application()
    ctx = ServiceContext.open(demo.path, Actor(demo.admin_name, "admin"))
    app_state = AppState(ctx, "id")
    yield app_state
    from ewarong_desktop.gui.background import wait_all

    wait_all()
    app_state.set_language("id")
    ctx.close()


@pytest.fixture
def window(qtbot, state):
    from ewarong_desktop.gui.main_window import MainWindow

    win = MainWindow(state, idle_minutes=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


# The offscreen platform cannot do these; anything else Qt warns about fails the test
# (qutebrowser's rule: a Qt warning is a bug we have not understood yet).
OFFSCREEN_LIMITS = ("does not support", "propagateSizeHints")


@pytest.fixture(autouse=True)
def fail_on_qt_warnings(qtlog):
    yield
    from pytestqt.qt_compat import qt_api

    bad = [
        r.message
        for r in qtlog.records
        if r.type in (qt_api.QtCore.QtMsgType.QtWarningMsg, qt_api.QtCore.QtMsgType.QtCriticalMsg)
        and not any(limit in r.message for limit in OFFSCREEN_LIMITS)
    ]
    assert not bad, f"Qt warned: {bad}"


def on_next_dialog(fill) -> None:
    """Run `fill(dialog)` on the next modal dialog once it is open (a dialog's `exec()`
    would otherwise wait for a person)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        fill(dialog)

    QTimer.singleShot(0, look)


def cut_cells(bundle, columns=None) -> list[str]:
    """Texts of a table's visible cells that do not fit their column (Qt would elide them)."""
    from PySide6.QtWidgets import QStyle

    view = bundle.view
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    model = view.model()
    cut = []
    for row in range(model.rowCount()):
        if view.isRowHidden(row):
            continue
        for column in range(model.columnCount()):
            if columns is not None and column not in columns:
                continue
            text = model.index(row, column).data() or ""
            room = view.columnWidth(column) - 2 * margin  # Qt's own cell margins
            if metrics.horizontalAdvance(text) > room:
                cut.append(text)
    return cut


def label_cut(label) -> bool:
    """A one-line label whose text is wider than the label itself."""
    if label.wordWrap() or not label.isVisible():
        return False
    return label.fontMetrics().horizontalAdvance(label.text()) > label.contentsRect().width()
