"""The district pages' convention.

A page is a `DeskPage` (a `QWidget`) in `district_gui/pages/<name>.py`, built as
`Page(desk, parent)`, with:
- `TITLE`: its side-list title, a `QT_TRANSLATE_NOOP("DeskWindow", ...)` string (`title()`
  gives it in the current language);
- `topics`: the `DeskTopic`s it shows; when an action announces one of them, the page
  reloads (at once when visible, else the next time it is shown);
- `refresh()`: read the services again and fill the widgets;
- `retranslate()`: set its own `tr()` strings again (called on a language switch, before
  `refresh()` rebuilds the service-made words).
The window lists pages in `window.PAGES` and builds each the first time it is shown.

No `tr()` in this module: PySide6 takes the context from the runtime class, so only the
leaf page classes translate their strings.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from ewarong_desktop.district_gui.desk import Desk, DeskChanges

TITLES_CONTEXT = "DeskWindow"


class DeskPage(QWidget):
    TITLE: ClassVar[object] = ""  # a QT_TRANSLATE_NOOP string (typed `object` by PySide6)
    topics: ClassVar[DeskChanges] = frozenset()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._stale = True
        desk.changed.connect(self._on_changed)
        desk.language_changed.connect(lambda _lang: self._language_changed())

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate(TITLES_CONTEXT, str(cls.TITLE))

    def refresh(self) -> None:
        """Read the services again and fill the widgets (every page overrides it)."""
        self._stale = False

    def retranslate(self) -> None:
        """Set the page's own `tr()` strings again."""

    def activate(self) -> None:
        """The page was brought to the front."""
        if self._stale:
            self.refresh()

    def may_leave(self) -> bool:
        """False keeps the officer on this page (unsaved work asked about first)."""
        return True

    def may_close(self) -> bool:
        """False keeps the window open (work that must finish first is said)."""
        return self.may_leave()

    def _on_changed(self, topics: DeskChanges) -> None:
        if topics & self.topics:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def _language_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
