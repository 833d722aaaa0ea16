"""Opening the store behind the login screen, while the operator types the PIN.

An operator's morning starts with the login screen and a few seconds of typing. Loading
SQLAlchemy and the services, checking the store, making the day's backup and migrating take
longer than showing a window does, so the window shows the login screen first, from a plain
sqlite3 look at the store (`login_peek`), and this does the rest in a background thread. The
PIN is checked once the store is open (`StoreOpening.result`), on the window's thread.

Nothing here imports SQLAlchemy at module level: importing this module must stay as light as
the login screen it serves. The thread only imports modules and calls `open_for_gui`, which
touches no Qt object; SQLAlchemy's SQLite engine lets the window's thread use the connection
the thread opened.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ewarong_desktop.fsio import atomic_write_bytes
from ewarong_desktop.store.peek import LAST_LOGIN_FILE, LoginPeek, last_login, login_peek

if TYPE_CHECKING:
    from ewarong_desktop.services.startup import Startup

__all__ = ["LoginPeek", "StoreOpening", "last_login", "login_peek", "remember_login"]


def remember_login(data_dir: Path, name: str) -> None:
    """Keep who logged in at the window, for the next login screen to start at. A hint: a
    disk that will not take it costs the operator one pick in the list, never the login."""
    with contextlib.suppress(OSError):
        atomic_write_bytes(Path(data_dir) / LAST_LOGIN_FILE, name.encode("utf-8"))


class StoreOpening:
    """`startup.open_for_gui(data_dir)` in a background thread, started at once or, with
    `start=False`, by `start()` (or by the first `wait()`).

    `warm` names modules to import first, in the same thread (the window's pages), so that
    showing the main window after the login costs only building it.
    """

    def __init__(self, data_dir: Path, warm: Sequence[str] = (), *, start: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self._warm = tuple(warm)
        self._startup: Startup | None = None
        self._error: BaseException | None = None
        self._taken = False
        self._discarded = False
        self._thread = threading.Thread(target=self._open, name="store-opening", daemon=True)
        if start:
            self.start()

    def start(self) -> None:
        """Start opening, if not started yet (the window may hold it until it has painted),
        unless the window was closed first."""
        if self._thread.ident is None and not self._discarded:
            self._thread.start()

    def _open(self) -> None:
        try:
            from ewarong_desktop.services.startup import open_for_gui

            for name in self._warm:
                importlib.import_module(name)
            self._startup = open_for_gui(self.data_dir)
        except BaseException as exc:  # handed to the window's thread by result()
            self._error = exc

    def wait(self, seconds: float | None = None) -> bool:
        """Wait up to `seconds` (None: until done); True once the store is open or failed."""
        self.start()
        if self._thread.ident is None:
            return True  # discarded before it started: nothing to wait for
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def result(self) -> Startup:
        """The opened store, or the exception opening it raised (a refusal or a bug)."""
        self.wait()
        if self._error is not None:
            raise self._error
        assert self._startup is not None
        self._taken = True
        return self._startup

    def discard(self) -> None:
        """The window closes before using the store: wait for the thread, close the store.
        Not started yet: it never will be (nothing is opened just to be closed)."""
        self._discarded = True
        if self._thread.ident is None:
            return
        self.wait()
        if self._startup is not None and not self._taken:
            self._startup.db.close()
            self._taken = True
