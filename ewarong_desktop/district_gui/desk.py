"""What every district page shares: the district database, the language, change signals, and
one way to run the `district` services (now, or on a thread with progress).

The database is the one the command line opens: `--db` (a SQLite file or an SQLAlchemy URL
such as `postgresql+psycopg://...`), else `EWARONG_DISTRICT_DB`, else the SQLite file in the
user data folder (`district.db.open_engine`). The office's keys are where `ewarong-district`
keeps them for that database (`district.office.key_folder`).

Pages never call each other: an action says which `DeskTopic`s it changed, `Desk.announce`
tells every page, and each page reloads itself when a topic it shows changed (as the shop's
window does with `services.changes.Topic`). Refusals, file trouble and bugs end in the shop's
one helper (`gui.background`): refusal words in the officer's language, a bug in the dialog
and the log once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from ewarong_desktop.district.db import Engine, open_engine, resolve_url
from ewarong_desktop.district.office import key_folder
from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui import background, i18n, messages

T = TypeVar("T")


class DeskTopic(StrEnum):
    """What an action on the desk changed; pages declare the topics they show."""

    WARONGS = "warongs"  # enrolled e-warongs and their keys
    BUNDLES = "bundles"  # bundles imported (and everything they carry: months, flags...)
    FLAGS = "flags"  # flags reviewed
    RATES = "rates"  # entitlement rates
    TARGET = "target"  # the own-source target
    OFFICE = "office"  # the office's own keys, replies written


DeskChanges = frozenset[DeskTopic]


class Desk(QObject):
    """The district database, the language and the one helper for the services' calls."""

    changed = Signal(object)  # DeskChanges
    language_changed = Signal(str)

    def __init__(self, db: str | None = None, lang: str = "id") -> None:
        super().__init__()
        # As typed after --db (None: EWARONG_DISTRICT_DB or the default file); work done in
        # another process (the Import page's) opens the same database from it.
        self.db = db
        self.engine: Engine = open_engine(db)
        self.keys = key_folder(db)  # the office's signing and sealing keys
        self.set_language(lang)

    # --- where --------------------------------------------------------------------------------
    def where(self) -> str:
        """The database as the officer may read it (a URL without its password)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return str(url.database or resolve_url(self.db))
        return url.render_as_string(hide_password=True)

    def close(self) -> None:
        background.wait_all()
        self.engine.dispose()

    # --- language -----------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        """The window's language; held once, in `i18n` (as the shop's `AppState`)."""
        return i18n.current()

    def set_language(self, lang: str) -> None:
        """Switch every string: Qt's (LanguageChange events) and the services' words."""
        before = i18n.current()
        lang = i18n.switch(lang)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        if lang != before:
            self.language_changed.emit(lang)

    def text(self, error: EwarongError) -> str:
        return error.message(self.lang)

    def open_document(self, path: Path) -> None:
        messages.bridge().open_document(Path(path))

    # --- changes ------------------------------------------------------------------------------
    def announce(self, changes: Iterable[Any]) -> None:
        """Tell every page what changed (the shop's topics a district result never carries
        are ignored; nothing is said for no change)."""
        topics = frozenset(t for t in changes if isinstance(t, DeskTopic))
        if topics:
            self.changed.emit(topics)

    # --- the services -------------------------------------------------------------------------
    def perform(
        self,
        parent: QWidget | None,
        call: Callable[[], T],
        *,
        changes: Iterable[DeskTopic] = (),
        refused: background.Refused | None = None,
    ) -> T | None:
        """A service call now: its result (and `changes` announced), or None after the
        refusal (in `refused`'s words, else a box) or the bug was shown."""
        result = background.perform(parent, self, call, refused=refused)
        if result is not None:
            self.announce(changes)
        return result

    def run(
        self,
        parent: QWidget | None,
        work: Callable[[background.Progress], T],
        *,
        label: str,
        changes: Iterable[DeskTopic] = (),
        on_done: Callable[[T], None] | None = None,
        refused: background.Refused | None = None,
        modal: bool = True,
    ) -> background.BackgroundOp:
        """`work(progress)` on a pool thread (it opens its own connections from
        `self.engine`); `on_done(result)` back on the GUI thread after `changes` were
        announced. `modal=False` leaves the window usable and the page shows the progress
        itself (`op.progressed`)."""
        topics = tuple(changes)

        def done(result: T) -> None:
            self.announce(topics)
            if on_done is not None:
                on_done(result)

        op = background.run_in_background(
            parent, self, work, label=label, on_done=done, refused=refused
        )
        if not modal:
            op.dialog.setWindowModality(op.dialog.windowModality().NonModal)
            op.dialog.setMinimumDuration(2**30)  # never shown: the page shows progress
        return op
