"""Start the window: first-run setup on an empty folder, then login, then the main window.

On a store it can read with plain sqlite3, the login screen shows at once and the store
opens behind it while the operator types the PIN (`LoginWhileOpening`); otherwise (first
run, a preset operator, a store whose profile and operators that first look cannot read)
the store opens first (`_open_then_login`).

`EWARONG_GUI_SMOKE_MS=N` quits N ms after the main window shows (for the start-up test);
`EWARONG_GUI_SMOKE_LOGIN_MS=N` closes the login screen N ms after it shows, once the store
has opened behind it (exit 0; 1, with the reason on stderr, when it could not);
`EWARONG_GUI_OPERATOR=name:pin` logs in without the dialog (for that test and for demos);
`EWARONG_IDLE_MINUTES` sets the idle lock (0 turns it off).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.states import Role
from ewarong_desktop.gui import errors, formatting, messages
from ewarong_desktop.gui.background import paint_until
from ewarong_desktop.gui.login import LoginDialog
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.paths import resource_dir
from ewarong_desktop.services.opening import (
    LoginPeek,
    StoreOpening,
    last_login,
    login_peek,
    remember_login,
)

# SQLAlchemy and the services load behind the login screen (services.opening); this module
# imports them only inside the functions that run once the store is open.
if TYPE_CHECKING:
    from ewarong_desktop.services.context import Actor, ServiceContext
    from ewarong_desktop.services.setup import SetupResult
    from ewarong_desktop.services.startup import Startup

# What the main window needs on its first paint, imported behind the login screen.
WINDOW_MODULES = (
    "ewarong_desktop.services.operators",
    "ewarong_desktop.services.profile",
    "ewarong_desktop.services.clockguard",
    "ewarong_desktop.gui.main_window",
    "ewarong_desktop.gui.pages.counter",
)

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
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("ewarong-desktop")
    app.setApplicationDisplayName("e-Warong")
    icon = resource_dir() / "icons" / "ewarong.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    # Setting a style sheet polishes every widget alive again: only when it would change.
    if app.styleSheet() != APP_STYLE:
        app.setStyleSheet(APP_STYLE)
    return app


def login_actor(ctx: ServiceContext) -> Actor | None:
    """The login on a store opened before any window: a preset operator, else the dialog."""
    from ewarong_desktop.services import operators, profile

    preset = os.environ.get("EWARONG_GUI_OPERATOR")
    if preset and ":" in preset:
        name, pin = preset.split(":", 1)
        return operators.login(ctx.db, name, pin)
    names = [o.name for o in operators.list_operators(ctx) if o.active]
    warong = profile.get_profile(ctx).name
    dialog = LoginDialog(
        partial(operators.login, ctx.db),
        names,
        warong,
        change_pin=partial(operators.change_pin_at_login, ctx.db),
        last=last_login(ctx.data_dir, names),
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def open_store(data_dir: Path, lang: str) -> tuple[Startup, SetupResult | None] | int:
    """The store for the window, through first-run setup if the folder never held one.

    Returns (Startup, SetupResult | None), or an exit code: 0 when the operator closed the
    setup, 1 when the store cannot be used (the reason was shown).
    """
    from ewarong_desktop.gui.setup_wizard import SetupWizard
    from ewarong_desktop.services.context import NoStore
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


def clock_and_backup_ok(startup: Startup, lang: str, parent: QWidget | None = None) -> bool:
    """Say what start-up found: a failed backup (warn), a clock gone wrong (ask first)."""
    from ewarong_desktop.services.clockguard import confirm_clock

    if startup.backup_problem is not None:
        errors.show_refusal(parent, startup.backup_problem)
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
    title = QCoreApplication.translate("Startup", "Periksa jam laptop")
    if not errors.ask(parent, title, question):
        return False
    confirm_clock(startup.db)
    return True


def offer_working_month(ctx: ServiceContext, parent: QWidget | None) -> None:
    """A new month on the clock while the counter still serves the old one: ask to move on."""
    from ewarong_desktop.domain.periods import Period
    from ewarong_desktop.gui import formatting as fmt
    from ewarong_desktop.services import profile

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


# What signing in gives the main window: the opened store, who logged in, the language.
SignedIn = tuple["Startup", "Actor", str]


def _store_language(lang: str, stored: str | None) -> str:
    """The shop's own language, unless the command line or EWARONG_LANG chose one."""
    if "EWARONG_LANG" in os.environ or lang != "id" or not stored:
        return lang
    AppState.install_language_early(stored)
    return stored


class LoginWhileOpening:
    """The login screen shown at once from a first look at the store (`login_peek`), while
    `StoreOpening` loads the services and opens the store behind it.

    The PIN is checked once the store is open: an operator who types faster than the store
    opens sees "Membuka data e-warong..." for the rest of it. What opening found (a damaged
    store, a failed backup, a clock gone wrong) is said at that moment, before the login is
    written to the store, as it is when the store opens before the window.
    """

    def __init__(self, data_dir: Path, lang: str, peek: LoginPeek) -> None:
        self.lang = lang
        # Held until the screen has painted: the thread's imports would slow the painting.
        self.opening = StoreOpening(data_dir, WINDOW_MODULES, start=False)
        self.startup: Startup | None = None
        self.exit_code = 0  # when the dialog closes without a login
        self.dialog = LoginDialog(
            self.check,
            list(peek.operator_names),
            peek.warong_name,
            change_pin=self.change_pin,
            last=peek.last_operator,
        )
        self._painted = _OnFirstPaint(self.dialog, self.opening.start)
        smoke = os.environ.get("EWARONG_GUI_SMOKE_LOGIN_MS")
        if smoke:
            QTimer.singleShot(int(smoke), self._smoke_done)

    def _smoke_done(self) -> None:
        """The smoke test of a build: the store opened behind the screen (or its trouble was
        said, exit 1), then the screen closes without a login. Nobody is there to close a
        message box, so what one would say goes to stderr."""
        messages.install(messages.StderrBridge())
        self._opened()
        self.dialog.reject()

    def check(self, name: str, pin: str) -> Actor | None:
        if self.startup is None and not self._opened():
            return None
        if not self.dialog.isVisible():
            return None  # closed (by the window's X) while the store was opening
        from ewarong_desktop.services import operators

        assert self.startup is not None
        return operators.login(self.startup.db, name, pin)

    def change_pin(self, name: str, pin: str, new_pin: str) -> Actor:
        from ewarong_desktop.services import operators

        assert self.startup is not None
        return operators.change_pin_at_login(self.startup.db, name, pin, new_pin)

    def _opened(self) -> bool:
        if not self.opening.wait(0):
            self.dialog.say(QCoreApplication.translate("Startup", "Membuka data e-warong..."))
            paint_until(self.opening.wait)  # keys wait in the queue: no PIN typed twice
            self.dialog.say("")
        try:
            self.startup = self.opening.result()
            if clock_and_backup_ok(self.startup, self.lang, self.dialog):
                return True
        except EwarongError as exc:  # a damaged or vanished store, or the clock not saved
            errors.show_refusal(self.dialog, exc)
            self.exit_code = 1
        except Exception as exc:  # a bug: the polite dialog and a log, then close
            errors.show_bug(self.dialog, exc)
            self.exit_code = 1
        return False

    def run(self) -> SignedIn | int:
        accepted = False
        try:
            accepted = self.dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            actor = self.dialog.actor if accepted else None
            if actor is None or self.startup is None:
                if self.startup is not None:
                    self.startup.db.close()
                else:
                    self.opening.discard()
        if actor is None or self.startup is None:
            return self.exit_code
        return self.startup, actor, self.lang


class _OnFirstPaint(QObject):
    """Calls `then` once, when `widget` has painted for the first time."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # after this paint is on the screen
        return False


def _open_then_login(data_dir: Path, lang: str) -> SignedIn | int:
    """The store opened before any window: first-run setup, a preset operator, or a store
    the first look could not read (its trouble is then said before anything else)."""
    from ewarong_desktop.services import operators, profile
    from ewarong_desktop.services.context import Actor, ServiceContext

    opened = open_store(data_dir, lang)
    if isinstance(opened, int):
        return opened
    startup, just_made = opened
    ctx = ServiceContext(startup.db, Actor("?", Role.OPERATOR))
    try:
        if just_made is not None:
            lang = formatting.lang()
            profile.set_language(ctx, lang)  # the language chosen in the wizard sticks
        else:
            lang = _store_language(lang, profile.get_profile(ctx).language)
        if not clock_and_backup_ok(startup, lang):
            ctx.close()
            return 0
        actor: Actor | None
        if just_made is not None:  # the admin typed the PIN a moment ago: no second login
            actor = operators.login(ctx.db, just_made.admin_name, just_made.admin_pin)
        else:
            actor = login_actor(ctx)
    except EwarongError as exc:
        errors.show_refusal(None, exc)
        ctx.close()
        return 1
    except BaseException:
        ctx.close()
        raise
    if actor is None:
        ctx.close()
        return 0
    return startup, actor, lang


def run(data_dir: Path, lang: str = "id") -> int:
    data_dir = Path(data_dir)
    app = make_application()
    errors.configure(data_dir / "logs")
    errors.install_excepthook()
    AppState.install_language_early(lang)
    peek = None if os.environ.get("EWARONG_GUI_OPERATOR") else login_peek(data_dir)
    if peek is not None:
        lang = _store_language(lang, peek.language)
        signed_in = LoginWhileOpening(data_dir, lang, peek).run()
    else:
        signed_in = _open_then_login(data_dir, lang)
    if isinstance(signed_in, int):
        return signed_in
    startup, actor, lang = signed_in
    remember_login(data_dir, actor.name)
    return _serve(app, startup, actor, lang)


def _serve(app: QApplication, startup: Startup, actor: Actor, lang: str) -> int:
    """The main window until it closes; closing it ends the counter's day with a backup."""
    from ewarong_desktop.gui.background import finish_with_note, wait_all
    from ewarong_desktop.gui.main_window import MainWindow
    from ewarong_desktop.services.context import ServiceContext
    from ewarong_desktop.services.startup import close_for_gui

    ctx = ServiceContext(startup.db, actor)
    served = False  # the main window ran: closing it ends the counter's day
    try:
        state = AppState(ctx, lang)
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
        from ewarong_desktop.gui.recovery_code import offer_recovery_code

        # An admin's first sign-in (after setup, or after the upgrade that made the code):
        # the backup recovery code to write down, over the window once it is up.
        QTimer.singleShot(0, partial(offer_recovery_code, state.ctx, window))
        smoke = os.environ.get("EWARONG_GUI_SMOKE_MS")
        if smoke:
            QTimer.singleShot(int(smoke), app.quit)
        served = True
        return int(app.exec())
    finally:
        wait_all()
        if served:
            # The day-close backup, then the store closed; a big store takes seconds, and the
            # window is gone by then, so a small one says not to switch the laptop off.
            note = QCoreApplication.translate(
                "Startup", "Menyimpan cadangan akhir hari... Jangan matikan laptop dulu."
            )
            _, problem = finish_with_note(partial(close_for_gui, ctx.db), note)
            if problem is not None:
                errors.show_refusal(None, problem)
        else:
            ctx.close()
