"""Small pieces every page uses: the page base, headings, figures, the inline message line.

No `tr()` in this module's classes: PySide6 takes a `tr()` context from the object's runtime
class, so only leaf classes (which lupdate sees by name) translate their own strings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.gui.state import AppState
from ewarong_desktop.services.changes import NO_CHANGES, Changes

if TYPE_CHECKING:
    from ewarong_desktop.domain.periods import Period

ERROR_STYLE = "color: #b00020; font-weight: bold;"
OK_STYLE = "color: #1f7a4d; font-weight: bold;"
MUTED_STYLE = "color: #5f6368;"


class PageBase(QWidget):
    """A page: re-translates on LanguageChange, reloads when a topic it shows has changed."""

    topics: ClassVar[Changes] = NO_CHANGES  # what this page shows; it reloads when they change

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._stale = True
        state.changed.connect(self._on_changed)
        state.language_changed.connect(lambda _lang: self.language_changed())
        state.actor_changed.connect(lambda _actor: self.actor_changed())

    def _on_changed(self, topics: Changes) -> None:
        if topics & self.topics:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.reload()

    def reload(self) -> None:  # pragma: no cover - every page overrides
        """Read the services again and fill the widgets."""

    def activate(self) -> None:
        """The page was brought to the front (side list or F-key)."""
        if self._stale:
            self.refresh()

    def retranslate(self) -> None:
        """Set every visible string again (the page's own `tr()` calls)."""

    def language_changed(self) -> None:
        """Service-made text (dates, money words, category labels) is built again."""
        self.refresh()

    def actor_changed(self) -> None:
        """Who is logged in changed: show or hide admin-only controls."""

    def may_leave(self) -> bool:
        """Asked before the page is left, the window closed or the screen locked: a page
        with work in progress asks the operator; True lets them go."""
        return True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def admin_only(*widgets: QWidget) -> None:
    """Mark controls only an admin may use: the page hides them from an operator, and the
    checks of every page prove no operator sees one."""
    for widget in widgets:
        widget.setProperty("adminOnly", True)


def split_page(
    page: QWidget,
    first: QWidget,
    second: QWidget,
    sizes: tuple[int, int],
    *,
    vertical: bool = False,
) -> QSplitter:
    """The page's whole area in two parts the operator can resize: `first` left of `second`
    (above it when `vertical`), starting at `sizes` pixels."""
    orientation = Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal
    splitter = QSplitter(orientation, page)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setSizes(list(sizes))
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    return splitter


def keeps_front_page(stack: QStackedWidget, side: QListWidget, row: int) -> bool:
    """True when the page in front may not be left for `row` (its `may_leave` said no, after
    asking about work in progress): the side list is put back on it without a signal."""
    current = stack.currentWidget()
    may_leave = getattr(current, "may_leave", None)
    if stack.currentIndex() == row or may_leave is None or may_leave():
        return False
    side.blockSignals(True)
    side.setCurrentRow(stack.currentIndex())
    side.blockSignals(False)
    return True


def put_page(stack: QStackedWidget, row: int, page: QWidget) -> None:
    """A page built on first showing takes its placeholder's row in the stack."""
    old = stack.widget(row)
    if old is not None:
        stack.removeWidget(old)
        old.deleteLater()
    stack.insertWidget(row, page)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def line_edit_of(combo: QComboBox) -> QLineEdit:
    """An editable combo box's line (there is one once `setEditable(True)` was called)."""
    edit = combo.lineEdit()
    assert edit is not None
    return edit


def heading(parent: QWidget | None = None, size: int = 15) -> QLabel:
    label = QLabel(parent)
    font = label.font()
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label


def figure_label(parent: QWidget | None = None, size: int = 13) -> QLabel:
    label = QLabel(parent)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def message_line(parent: QWidget | None = None) -> QLabel:
    """A wrapping line for messages; a long path or name never widens the window."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def card_frame(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setObjectName("card")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    return frame


def add_period(combo: QComboBox, text: str, period: Period) -> None:
    """Months go into combo boxes as `YYYY-MM` text: Qt compares text, not Python objects."""
    combo.addItem(text, str(period))


def find_period(combo: QComboBox, period: Period | None) -> int:
    return combo.findData(str(period)) if period is not None else -1


def current_period(combo: QComboBox) -> Period | None:
    from ewarong_desktop.domain.periods import Period

    data = combo.currentData()
    return Period.parse(data) if data else None


def form_dialog(
    dialog: QDialog,
    form: QFormLayout,
    save_text: str,
    cancel_text: str,
    on_save: Callable[[], None],
) -> QLabel:
    """Lay out a small editing dialog: the form, a line for refusals, Cancel and Save (Enter).

    Returns the refusal line; the caller passes its own translated button words.
    """
    message = QLabel(dialog)
    message.setStyleSheet(ERROR_STYLE)
    message.setWordWrap(True)
    ok = QPushButton(save_text, dialog)
    ok.setDefault(True)
    ok.clicked.connect(on_save)
    cancel = QPushButton(cancel_text, dialog)
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(cancel)
    buttons.addWidget(ok)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(message)
    layout.addLayout(buttons)
    return message
