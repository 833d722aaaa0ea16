"""`ewarong-desktop --data-dir D` on a demo store opens the window and stays up."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time


def run_app(demo, **variables: str) -> float:
    """`python -m ewarong_desktop --data-dir DEMO`, offscreen, with these variables and no
    preset operator unless given; asserts a clean exit (0, no traceback, no crash log) and
    gives how long it ran."""
    env = {k: v for k, v in os.environ.items() if k != "EWARONG_GUI_OPERATOR"}
    env.update(QT_QPA_PLATFORM="offscreen", **variables)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "ewarong_desktop", "--data-dir", str(demo.path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (demo.path / "logs").exists() or not any((demo.path / "logs").iterdir())
    return elapsed


def test_app_starts_and_stays_up(demo):
    started_wall = time.time()
    elapsed = run_app(
        demo,
        EWARONG_GUI_SMOKE_MS="1500",
        EWARONG_GUI_OPERATOR=f"{demo.admin_name}:{demo.admin_pin}",
    )
    assert elapsed >= 1.4, "it quit before the smoke timer: it did not stay up"
    # Closing the window ends the counter's day with a backup, made after the smoke timer.
    newest = max(p.stat().st_mtime for p in (demo.path / "backups").glob("*.backup.zst"))
    assert newest >= started_wall + 1.4


def test_login_screen_opens_the_store_behind_it_in_a_fresh_process(demo):
    # The path every operator takes, in a fresh interpreter: the thread behind the login
    # screen imports SQLAlchemy, the services and the main window's modules itself.
    run_app(demo, EWARONG_GUI_SMOKE_LOGIN_MS="300")


def loaded_after(setup: str, watched: tuple[str, ...]) -> list[str]:
    """Which of the `watched` modules a fresh interpreter holds after running `setup`."""
    code = f"{setup}\nimport sys\nprint(sorted(m for m in {watched!r} if m in sys.modules))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return ast.literal_eval(proc.stdout.strip())


def test_startup_does_not_import_reports_or_openpyxl(demo):
    setup = (
        "import os\n"
        "os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from pathlib import Path\n"
        "from ewarong_desktop.gui.app import make_application\n"
        "from ewarong_desktop.gui.main_window import MainWindow\n"
        "from ewarong_desktop.gui.state import AppState\n"
        "from ewarong_desktop.services.context import ServiceContext, Actor\n"
        "make_application()\n"
        f"ctx = ServiceContext.open(Path({str(demo.path)!r}), Actor('admin', 'admin'))\n"
        "w = MainWindow(AppState(ctx, 'id'), 0); w.show()\n"
        "ctx.close()\n"
    )
    assert loaded_after(setup, ("openpyxl", "reportlab", "ewarong_desktop.reports")) == []


def test_the_login_screen_needs_neither_sqlalchemy_nor_the_services():
    # What `ewarong-desktop` imports before its login screen shows: the operator waits for
    # exactly this, so the store's heavy imports must stay behind the screen.
    heavy = ("sqlalchemy", "alembic", "cryptography", "reportlab", "openpyxl")
    ours = ("ewarong_desktop.services.context", "ewarong_desktop.store.database")
    assert loaded_after("import ewarong_desktop.cli, ewarong_desktop.gui.app", heavy + ours) == []
