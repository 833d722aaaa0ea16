"""Start the district window: `ewarong-district [--db PATH_OR_URL] [--lang id|en]` with no
subcommand.

The database is opened (and migrated) before the window shows; a database that cannot be
opened is said in one box and the exit code is 1. `EWARONG_GUI_SMOKE_MS=N` quits N ms after
the window shows (the installer's smoke test), with boxes on stderr; with
`EWARONG_DISTRICT_SMOKE_IMPORT=FOLDER` too, it imports that folder through the Import page
(its child process included) and quits when the import is done (exit 1 if it failed).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer

from ewarong_desktop.district.db import default_db_path
from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui import errors, messages
from ewarong_desktop.gui.app import make_application
from ewarong_desktop.gui.state import AppState


def main(db: str | None = None, lang: str = "id") -> int:
    from ewarong_desktop.district_gui.desk import Desk
    from ewarong_desktop.district_gui.window import DeskWindow

    app = make_application()
    app.setApplicationName("ewarong-district")
    app.setApplicationDisplayName("e-Warong Dinas")
    errors.configure(default_db_path().parent / "logs")
    errors.install_excepthook()
    AppState.install_language_early(lang)
    smoke = os.environ.get("EWARONG_GUI_SMOKE_MS")
    if smoke:
        messages.install(messages.StderrBridge())  # nobody is there to close a box
    try:
        desk = Desk(db, lang)
    except EwarongError as exc:  # the database cannot be opened: say why, in one box
        errors.show_refusal(None, exc)
        return 1
    try:
        window = DeskWindow(desk)
        screen = app.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is not None and (room.width() <= 1400 or room.height() <= 800):
            window.showMaximized()  # the office laptop: every pixel above the taskbar
        else:
            window.show()
        stick = os.environ.get("EWARONG_DISTRICT_SMOKE_IMPORT")
        if smoke and stick:  # the installer's smoke test: import through the window, quit
            from ewarong_desktop.district_gui.pages.intake import ImportPage

            page = window.page("import")
            assert isinstance(page, ImportPage)
            job = page.import_folder(Path(stick))
            job.finished.connect(lambda: app.exit(0 if page.session is not None else 1))
        elif smoke:
            QTimer.singleShot(int(smoke), app.quit)
        return int(app.exec())
    finally:
        desk.close()
