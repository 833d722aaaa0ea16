"""The real-window check: the app in an X window (Xvfb in CI), every page as an admin and as
an operator in both languages, with screenshots to look at and the page checks applied.

Run under an X server at 1366x768, e.g.
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python tools/real_window.py
Screenshots: test-artifacts/real-window/<role>-<lang>-<nn>-<page>.png (the whole X screen,
so dialogs and anything drawn off the window show too), then the district office's window
(`ewarong-district` with no subcommand) on a district filled from demo shops, every page in
both languages: district-<lang>-<nn>-<page>.png. Exits 1 when a check fails: text cut
where it matters, a widget outside the 1366x728 a maximised window has above a taskbar, or
an admin-only control in front of an operator.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "test-artifacts" / "real-window"


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtGui import QGuiApplication

    from ewarong_desktop.gui import messages
    from ewarong_desktop.gui.app import make_application
    from ewarong_desktop.gui.login import LoginDialog
    from ewarong_desktop.gui.main_window import PAGES, MainWindow
    from ewarong_desktop.gui.state import AppState
    from ewarong_desktop.services import operators
    from ewarong_desktop.services.context import Actor, ServiceContext
    from ewarong_desktop.services.demo import build_demo
    from tests.gui.window_checks import SCREEN, admin_controls_shown, cut_texts, outside

    app = make_application()  # held: Qt quits the application object nobody holds
    platform = app.platformName()
    messages.install(messages.StderrBridge())  # nobody is there to close a box
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.02)

    def shoot(name: str) -> None:
        screen = QGuiApplication.primaryScreen()
        image = screen.grabWindow(0)
        image.save(str(OUT / f"{name}.png"))

    folder = Path(tempfile.mkdtemp(prefix="ewarong-real-window-"))
    demo = build_demo(folder / "store", kpm=200, months=6)
    assert demo.setup is not None
    people = {
        "admin": (demo.setup.admin_name, demo.setup.admin_pin),
        "operator": (demo.operator_name, demo.operator_pin),
    }
    problems: list[str] = []
    ctx = ServiceContext.open(folder / "store", Actor("?", "operator"))
    try:
        names = [o.name for o in operators.list_operators(ctx) if o.active]
        login = LoginDialog(lambda n, p: operators.login(ctx.db, n, p), names, "id", "e-Warong")
        login.show()
        settle()
        shoot("00-login")
        login.close()
        for role, (name, pin) in people.items():
            actor = operators.login(ctx.db, name, pin)
            state = AppState(ctx.as_actor(actor), "id")
            window = MainWindow(state, idle_minutes=0)
            window.setGeometry(0, 0, SCREEN.width(), SCREEN.height())
            window.showMaximized()
            settle(0.6)
            if window.height() > SCREEN.height():  # no window manager: leave the taskbar's room
                window.setGeometry(0, 0, SCREEN.width(), SCREEN.height())
            for lang in ("id", "en"):
                state.set_language(lang)
                for number, (key, _module, _cls) in enumerate(PAGES, start=1):
                    page = window.go(key)
                    job = getattr(page, "series_job", None)
                    for _ in range(200):
                        if job is None or job.done:
                            break
                        settle(0.1)
                    if key == "kpm":
                        page.table.view.selectRow(2)
                    if key == "purchases":
                        page.list.view.selectRow(0)
                    settle()
                    shoot(f"{role}-{lang}-{number:02d}-{key}")
                    found = cut_texts(window) + outside(window)
                    if role == "operator":
                        found += [f"admin control {n}" for n in admin_controls_shown(window)]
                    problems += [f"{role}/{lang}/{key}: {p}" for p in found]
            window.close()
            settle()
    finally:
        ctx.close()
    problems += district_window(folder / "district", settle, shoot)
    shots = sorted(OUT.glob("*.png"))
    print(f"real window on Qt platform '{platform}': {len(shots)} screenshots in {OUT}")
    for line in problems:
        print(f"  {line}")
    return 1 if problems or platform != os.environ.get("QT_QPA_PLATFORM", platform) else 0


def district_window(
    folder: Path, settle: Callable[..., None], shoot: Callable[[str], None]
) -> list[str]:
    """The district window on an office filled from demo shops, its stick imported through
    the Import page; every page in both languages, with the same checks as the shop's."""
    from ewarong_desktop.district_gui.desk import Desk
    from ewarong_desktop.district_gui.window import PAGES, DeskWindow
    from tests.district_gui.office import build_office
    from tests.gui.window_checks import SCREEN, cut_texts, outside

    office = build_office(folder, kpm=40, months=6)
    os.environ["EWARONG_DISTRICT_KEYS"] = str(office.keys)
    desk = Desk(str(office.db), "id")
    problems: list[str] = []
    try:
        window = DeskWindow(desk)
        window.setGeometry(0, 0, SCREEN.width(), SCREEN.height())
        window.showMaximized()
        settle(0.6)
        if window.height() > SCREEN.height():
            window.setGeometry(0, 0, SCREEN.width(), SCREEN.height())
        job = window.page("import").import_folder(office.stick)
        for _ in range(600):
            if job.done:
                break
            settle(0.1)
        for lang in ("id", "en"):
            desk.set_language(lang)
            for number, (key, _module, _cls) in enumerate(PAGES, start=1):
                page = window.go(key)
                if key == "warongs":
                    page.select_code("LTM-SKP-02")
                settle()
                shoot(f"district-{lang}-{number:02d}-{key}")
                found = cut_texts(window) + outside(window)
                found += [f"side list cut: {t}" for t in window.side_texts_cut()]
                problems += [f"district/{lang}/{key}: {p}" for p in found]
        window.close()
        settle()
    finally:
        desk.close()
    return problems


if __name__ == "__main__":
    sys.exit(main())
