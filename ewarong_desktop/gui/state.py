"""What every page shares: the store context, the operator, the language, change signals.

Pages never call each other. A service result says which topics it changed
(`services.changes.Topic`); the one helper (`background.perform`, `run_in_background`)
announces them and every page decides for itself whether to reload (the Anki shape), so no
window knows every page.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui import i18n, messages
from ewarong_desktop.services.changes import Changes

if TYPE_CHECKING:  # the login screen imports this before SQLAlchemy is loaded
    from ewarong_desktop.services.context import Actor, ServiceContext


class AppState(QObject):
    changed = Signal(object)  # Changes: a frozenset of Topic
    language_changed = Signal(str)
    actor_changed = Signal(object)  # Actor
    locked = Signal()  # the screen was locked: transient messages go

    def __init__(self, ctx: ServiceContext, lang: str = "id") -> None:
        super().__init__()
        self.ctx = ctx
        self.set_language(lang)

    @property
    def lang(self) -> str:
        """The window's language; held once, in `i18n`."""
        return i18n.current()

    @property
    def actor(self) -> Actor:
        return self.ctx.actor

    @property
    def is_admin(self) -> bool:
        return self.ctx.actor.is_admin

    def set_actor(self, actor: Actor) -> None:
        self.ctx = self.ctx.as_actor(actor)
        self.actor_changed.emit(actor)

    @staticmethod
    def install_language_early(lang: str) -> None:
        """Before there is a store (setup, login): the same switch without the signal."""
        i18n.switch(lang)

    def set_language(self, lang: str) -> None:
        """Switch every string: Qt's (LanguageChange events) and the services' words."""
        before = i18n.current()
        lang = i18n.switch(lang)
        # Deliver the LanguageChange events now, so the switch is done when this returns.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        if lang != before:
            self.language_changed.emit(lang)

    def choose_language(self, lang: str) -> None:
        """The operator picked a language: switch now and remember it in the profile."""
        self.set_language(lang)
        from ewarong_desktop.services.profile import set_language

        # Remembering the choice is a nicety; the switch itself already happened.
        with contextlib.suppress(EwarongError):
            set_language(self.ctx, self.lang)

    def announce(self, changes: Changes) -> None:
        """Tell every page what a service result changed (nothing is said for no change)."""
        if changes:
            self.changed.emit(frozenset(changes))

    def text(self, error: EwarongError) -> str:
        return error.message(self.lang)

    def open_document(self, path: Path) -> None:
        messages.bridge().open_document(Path(path))
