"""Start the window: first-run setup on an empty folder, then login, then the main window.

`EWARONG_GUI_SMOKE_MS=N` quits N ms after the main window shows (for the start-up test);
`EWARONG_GUI_OPERATOR=name:pin` logs in without the dialog (for that test and for demos);
`EWARONG_IDLE_MINUTES` sets the idle lock (0 turns it off).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui import errors
from ewarong_desktop.gui.login import LoginDialog
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.paths import resource_dir
from ewarong_desktop.services import operators, profile
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.setup import store_exists

APP_STYLE = """
QListWidget#sideList { background: #1f7a4d; color: white; border: none; padding-top: 6px; }
QListWidget#sideList::item { padding: 10px 8px; border-radius: 4px; }
QListWidget#sideList::item:selected { background: #e8b730; color: #1b1b1b; }
QFrame#card { background: #f4f8f5; border: 1px solid #c9dccf; border-radius: 6px; }
QPushButton#counterConfirm { background: #1f7a4d; color: white; font-weight: bold;
                             padding: 4px 14px; border-radius: 4px; }
QPushButton#counterConfirm:disabled { background: #9bbfa9; }
"""


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("ewarong-desktop")
    app.setApplicationDisplayName("e-Warong")
    icon = resource_dir() / "icons" / "ewarong.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyleSheet(APP_STYLE)
    return app


def login_actor(ctx: ServiceContext, lang: str) -> Actor | None:
    preset = os.environ.get("EWARONG_GUI_OPERATOR")
    if preset and ":" in preset:
        name, pin = preset.split(":", 1)
        return operators.login(ctx.db, name, pin)
    names = [o.name for o in operators.list_operators(ctx) if o.active]
    warong = profile.get_profile(ctx).name
    dialog = LoginDialog(ctx.db, names, lang, warong)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def run(data_dir: Path, lang: str = "id") -> int:
    from ewarong_desktop.gui.main_window import MainWindow
    from ewarong_desktop.gui.setup_wizard import SetupWizard

    data_dir = Path(data_dir)
    app = make_application()
    errors.configure(data_dir / "logs", lang)
    errors.install_excepthook()
    AppState.install_language_early(lang)
    just_made = None
    if not store_exists(data_dir):
        wizard = SetupWizard(data_dir, lang)
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.result_ is None:
            return 0
        lang, just_made = wizard.lang, wizard.result_
    try:
        ctx = ServiceContext.open(data_dir, Actor("?", "operator"))
    except EwarongError as exc:
        errors.show_refusal(None, exc)
        return 1
    try:
        if just_made is not None:
            profile.set_language(ctx, lang)  # the language chosen in the wizard sticks
        elif "EWARONG_LANG" not in os.environ and lang == "id":
            lang = profile.get_profile(ctx).language or lang
        try:
            if just_made is not None:  # the admin typed the PIN a moment ago: no second login
                actor = operators.login(ctx.db, just_made.admin_name, just_made.admin_pin)
            else:
                actor = login_actor(ctx, lang)
        except EwarongError as exc:
            errors.show_refusal(None, exc)
            return 1
        if actor is None:
            return 0
        state = AppState(ctx.as_actor(actor), lang)
        window = MainWindow(state, float(os.environ.get("EWARONG_IDLE_MINUTES", "10")))
        app.installEventFilter(window.idle)
        window.show()
        window.idle.start()
        smoke = os.environ.get("EWARONG_GUI_SMOKE_MS")
        if smoke:
            QTimer.singleShot(int(smoke), app.quit)
        return int(app.exec())
    finally:
        from ewarong_desktop.gui.background import wait_all

        wait_all()
        ctx.close()
