"""Start the window: first-run setup on an empty folder, then login, then the main window.

`EWARONG_GUI_SMOKE_MS=N` quits N ms after the main window shows (for the start-up test);
`EWARONG_GUI_OPERATOR=name:pin` logs in without the dialog (for that test and for demos);
`EWARONG_IDLE_MINUTES` sets the idle lock (0 turns it off).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui import errors, formatting
from ewarong_desktop.gui.login import LoginDialog
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.paths import resource_dir
from ewarong_desktop.services import operators, profile
from ewarong_desktop.services.context import Actor, NoStore, ServiceContext

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


def open_store(data_dir: Path, lang: str):
    """The store for the window, through first-run setup if the folder never held one.

    Returns (Startup, SetupResult | None), or an exit code: 0 when the operator closed the
    setup, 1 when the store cannot be used (the reason was shown).
    """
    from ewarong_desktop.gui.setup_wizard import SetupWizard
    from ewarong_desktop.services.startup import open_for_gui

    made = None
    try:
        return open_for_gui(data_dir), made
    except NoStore:
        pass  # a folder that never held a store: first-run setup
    except EwarongError as exc:  # damaged or vanished store: say restore, never start afresh
        errors.show_refusal(None, exc)
        return 1
    wizard = SetupWizard(data_dir, lang)
    if wizard.exec() != QDialog.DialogCode.Accepted or wizard.result_ is None:
        return 0
    made = wizard.result_
    AppState.install_language_early(wizard.lang)
    try:
        return open_for_gui(data_dir), made
    except EwarongError as exc:
        errors.show_refusal(None, exc)
        return 1


def clock_and_backup_ok(startup, lang: str) -> bool:
    """Say what start-up found: a failed backup (warn), a clock gone wrong (ask first)."""
    from ewarong_desktop.services.clockguard import confirm_clock

    if startup.backup_problem is not None:
        errors.show_refusal(None, startup.backup_problem)
    if startup.clock.ok:
        return True
    question = (
        startup.clock.message(lang)
        + "\n\n"
        + QCoreApplication.translate(
            "Startup",
            "Tanggal dan jam laptop sudah benar? (Tidak: aplikasi ditutup agar jam "
            "dibetulkan dulu.)",
        )
    )
    if not errors.ask(None, QCoreApplication.translate("Startup", "Periksa jam laptop"), question):
        return False
    confirm_clock(startup.db)
    return True


def offer_working_month(ctx: ServiceContext, parent) -> None:
    """A new month on the clock while the counter still serves the old one: ask to move on."""
    from ewarong_desktop.domain.periods import Period
    from ewarong_desktop.gui import formatting as fmt

    view = profile.get_profile(ctx)
    clock = Period.of(ctx.today())
    if view.working_month is None or view.working_month >= clock or not ctx.actor.is_admin:
        return
    if errors.ask(
        parent,
        QCoreApplication.translate("Startup", "Bulan baru"),
        QCoreApplication.translate(
            "Startup", "Bulan kerja masih {0}, tetapi jam laptop sudah {1}. Pindah ke {1}?"
        ).format(fmt.month(view.working_month), fmt.month(clock)),
    ):
        profile.confirm_working_month(ctx, clock)


def run(data_dir: Path, lang: str = "id") -> int:
    from ewarong_desktop.gui.main_window import MainWindow

    data_dir = Path(data_dir)
    app = make_application()
    errors.configure(data_dir / "logs", lang)
    errors.install_excepthook()
    AppState.install_language_early(lang)
    opened = open_store(data_dir, lang)
    if isinstance(opened, int):
        return opened
    startup, just_made = opened
    if just_made is not None:
        lang = formatting.lang()
    ctx = ServiceContext(startup.db, Actor("?", "operator"))
    served = False  # the main window ran: closing it ends the counter's day
    try:
        if just_made is not None:
            profile.set_language(ctx, lang)  # the language chosen in the wizard sticks
        elif "EWARONG_LANG" not in os.environ and lang == "id":
            lang = profile.get_profile(ctx).language or lang
            AppState.install_language_early(lang)
        if not clock_and_backup_ok(startup, lang):
            return 0
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
        offer_working_month(state.ctx, None)
        window = MainWindow(state, float(os.environ.get("EWARONG_IDLE_MINUTES", "10")))
        app.installEventFilter(window.idle)
        screen = app.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is not None and (room.width() <= 1400 or room.height() <= 800):
            window.showMaximized()  # the village laptop: use every pixel under the taskbar
        else:
            window.show()
        window.idle.start()
        smoke = os.environ.get("EWARONG_GUI_SMOKE_MS")
        if smoke:
            QTimer.singleShot(int(smoke), app.quit)
        served = True
        return int(app.exec())
    finally:
        from ewarong_desktop.gui.background import wait_all
        from ewarong_desktop.services.startup import close_for_gui

        wait_all()
        if served:
            _, problem = close_for_gui(ctx.db)  # the day-close backup; closes the store
            if problem is not None:
                errors.show_refusal(None, problem)
        else:
            ctx.close()
