"""Start-up to the main window shown and ready, next to a bare PySide6 window in the same run.

Run: `.venv/bin/python bench/bench_startup.py [--kpm 1000] [--months 12] [--rounds 5] [--phases]`

Each round starts five fresh processes, in turn, with QT_QPA_PLATFORM=offscreen:

- floor: a bare PySide6 window (QApplication, a QMainWindow with a label and a status bar,
  the same size);
- floor 2: the same bare window after importing SQLAlchemy's ORM and the store's tables,
  nothing else: what any start-up that opens the store through the ORM before its window
  cannot go below;
- the app as an operator starts it: the `ewarong-desktop` entry point (`cli.main` with no
  subcommand) on a copy of a cached demo store (1,000 KPMs, 12 months). The login screen
  shows first while the store opens behind it (`services.opening`); the benchmark types the
  operator's name and PIN into it through Qt's key events, either the moment the screen is
  ready (no person's time in the figures: the machine's whole work) or 1.5 s later, as a
  person does (the store has opened by then: what the operator waits after Enter);
- the app logged in through `EWARONG_GUI_OPERATOR`, with no login screen (the store opens
  before any window, as a first run or a store in trouble does).

"Ready" is the first time the event loop is idle after a window's first paint: the moment a
keypress would be handled. Every moment is timed from just before the process is spawned,
so interpreter start and imports count. The median of the rounds is reported.

`--phases` adds one more run that times each step of the preset start-up in-process (the
imports in the order they load, the store, the login, the window), to show where the time
goes.

`--child bare|orm|app|login DATA_DIR` is the child side (also used by bench_memory.py): it
prints one `BENCH {json}` line with its timestamps and its peak RSS, then quits.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 2.0
DEMO_OPERATOR = "siti:2468"  # the demo store's operator and PIN
PERSON_MS = 1500  # from the login screen ready to the PIN's Enter: a person's typing
HERE = Path(__file__).resolve()


# --- child side: runs inside the measured process ----------------------------------------------
def _peak_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _watch_first_paint(app, on_ready, window_class=None) -> None:  # type: ignore[no-untyped-def]
    """Call `on_ready(window, figures)` once a window of `window_class` (the main window
    unless told) has painted and the loop is idle."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    window_class = window_class or QMainWindow
    figures: dict[str, float] = {}

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            kind = event.type()
            if isinstance(obj, window_class):
                if kind == QEvent.Type.Show and "shown" not in figures:
                    figures["shown"] = time.time()
                elif kind == QEvent.Type.Paint and "painted" not in figures:
                    figures["painted"] = time.time()
                    QTimer.singleShot(0, lambda: ready(obj))
            return False

    def ready(window) -> None:  # type: ignore[no-untyped-def]
        figures["ready"] = time.time()
        figures["rss_ready_mib"] = _peak_rss_mib()
        app.removeEventFilter(watcher)
        on_ready(window, figures)

    watcher = Watcher(app)
    app.installEventFilter(watcher)


def _report(figures: dict[str, float]) -> None:
    figures["rss_peak_mib"] = _peak_rss_mib()
    print("BENCH " + json.dumps(figures), flush=True)


def child(kind: str, data_dir: str, visit_pages: bool, typing_ms: int) -> int:
    t_main = time.time()
    if kind in ("bare", "orm"):
        if kind == "orm":  # the second floor: what loading the ORM and our tables costs alone
            import sqlalchemy.orm  # noqa: F401

            import ewarong_desktop.store.models  # noqa: F401
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

        app = QApplication([sys.argv[0]])
        done: dict[str, float] = {}

        def bare_ready(window, figures) -> None:  # type: ignore[no-untyped-def]
            done.update(figures)
            QTimer.singleShot(0, app.quit)

        _watch_first_paint(app, bare_ready)
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.setCentralWidget(QLabel("Layani KPM", window))
        window.statusBar().showMessage("ready")
        window.resize(1366, 768)
        window.show()
        app.exec()
        done["main"] = t_main
        _report(done)
        return 0

    from PySide6.QtCore import QTimer

    from ewarong_desktop.gui import app as gui_app

    app = gui_app.make_application()
    done = {}

    def app_ready(window, figures) -> None:  # type: ignore[no-untyped-def]
        done.update(figures)
        if visit_pages:
            # Every page once, as an operator's first morning would: the KPM list loads all.
            from ewarong_desktop.gui.main_window import PAGES

            for key, _module, _cls in PAGES:
                window.go(key)
                app.processEvents()
            done["visited"] = time.time()
        QTimer.singleShot(0, app.quit)

    _watch_first_paint(app, app_ready)
    if kind == "login":
        # The way an operator starts it: the login screen, then the PIN typed into it.
        from ewarong_desktop.gui.login import LoginDialog

        def login_ready(dialog, figures) -> None:  # type: ignore[no-untyped-def]
            done["login_shown"], done["login_ready"] = figures["shown"], figures["ready"]
            QTimer.singleShot(typing_ms, lambda: type_pin(dialog))

        def type_pin(dialog) -> None:  # type: ignore[no-untyped-def]
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            name, pin = DEMO_OPERATOR.split(":")
            dialog.name.setCurrentText(name)
            QTest.keyClicks(dialog.pin, pin)
            done["enter"] = time.time()
            QTest.keyClick(dialog.pin, Qt.Key.Key_Return)

        _watch_first_paint(app, login_ready, LoginDialog)
    # The way an operator starts it: the `ewarong-desktop` entry point with no subcommand.
    from ewarong_desktop.cli import main as cli_main

    code = cli_main(["--data-dir", data_dir, "--lang", "id"])
    done["main"] = t_main
    _report(done)
    return code


def child_phases(data_dir: str) -> int:
    """The app's start-up cut into steps: the imports, then `gui.app.run` up to the first
    paint, with the helpers it calls timed by wrapping them (a helper that was renamed is
    simply not shown; its time falls into "the rest")."""
    marks: list[tuple[str, float]] = [("", time.perf_counter())]

    def mark(label: str) -> None:
        marks.append((label, time.perf_counter()))

    from ewarong_desktop import cli  # noqa: F401

    mark("import the CLI (global options only)")
    from ewarong_desktop.gui import app as gui_app

    mark("import the login screen (PySide6, no SQLAlchemy)")
    import sqlalchemy.orm  # noqa: F401

    from ewarong_desktop.services import startup  # noqa: F401

    mark("import SQLAlchemy, the tables and the services")
    from ewarong_desktop.gui import main_window
    from ewarong_desktop.gui.pages import counter  # noqa: F401

    mark("import the main window and its first page")
    app = gui_app.make_application()
    mark("QApplication")
    timed: dict[str, float] = {}

    def wrap(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        def timed_call(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timed[label] = timed.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, name, timed_call)

    wrap(gui_app, "open_store", "open the store (quick check, daily backup, migrations)")
    wrap(gui_app, "clock_and_backup_ok", "clock and backup findings")
    wrap(gui_app, "login_actor", "log in (PIN check)")
    wrap(gui_app, "offer_working_month", "working-month check")
    wrap(main_window, "MainWindow", "main window and counter page")

    def on_ready(window, figures) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer

        mark("run() until the first paint")
        QTimer.singleShot(0, app.quit)

    _watch_first_paint(app, on_ready, False)
    gui_app.run(Path(data_dir), "id")
    for (_, before), (label, at) in itertools.pairwise(marks):
        print(f"PHASE {(at - before) * 1000:7.0f} ms  {label}")
        if label.startswith("run()"):
            for step, seconds in timed.items():
                print(f"PHASE {seconds * 1000:7.0f} ms    of which: {step}")
    print(f"PHASE {(marks[-1][1] - marks[0][1]) * 1000:7.0f} ms  total after Python started")
    return 0


# --- parent side ---------------------------------------------------------------------------------
def child_env(kind: str = "app") -> dict[str, str]:
    env = dict(os.environ)
    if kind != "login":
        env["EWARONG_GUI_OPERATOR"] = DEMO_OPERATOR  # logged in without the dialog
    env.update(
        QT_QPA_PLATFORM="offscreen",
        EWARONG_IDLE_MINUTES="0",
        EWARONG_LANG="id",
    )
    env.pop("EWARONG_GUI_SMOKE_MS", None)
    return env


def spawn(
    kind: str, data_dir: Path, *, visit_pages: bool = False, typing_ms: int = 0
) -> dict[str, float]:
    """Run one child; its figures as seconds since spawn, plus its peak RSS from wait4."""
    args = [sys.executable, str(HERE), "--child", kind, str(data_dir)]
    args += ["--typing-ms", str(typing_ms)]
    if visit_pages:
        args.append("--visit-pages")
    with tempfile.TemporaryFile("w+") as out:
        started = time.time()
        proc = subprocess.Popen(args, env=child_env(kind), stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        ended = time.time()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    lines = [line for line in text.splitlines() if line.startswith("BENCH ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{kind} child failed (exit {proc.returncode}):\n{text}")
    raw = json.loads(lines[-1][6:])
    moments = ("main", "login_shown", "login_ready", "enter", "shown", "painted", "ready")
    figures = {k: raw[k] - started for k in moments if k in raw}
    if "visited" in raw:
        figures["visited"] = raw["visited"] - started
    figures["exit"] = ended - started
    figures["rss_ready_mib"] = raw["rss_ready_mib"]
    figures["rss_peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    return figures


PERSON_LABEL = f"app, PIN typed {PERSON_MS / 1000:.1f} s after (a person)"
# What each round starts: (key, label, child kind, ms from the login screen ready to the PIN
# typed, whether it is the day's first start: today's backups removed, so the store's every
# page is checked and the day's backup made behind the login screen).
RUNS = (
    ("bare", "floor: bare PySide6 window", "bare", 0, False),
    ("orm", "floor 2: bare window after loading the ORM", "orm", 0, False),
    ("preset", "app, operator preset (no login screen)", "app", 0, False),
    ("at_once", "app, PIN typed as the login shows", "login", 0, False),
    (
        "person",
        f"app, PIN typed {PERSON_MS / 1000:.1f} s after (a person)",
        "login",
        PERSON_MS,
        False,
    ),
    ("first", "  the same, the day's first start", "login", PERSON_MS, True),
    ("first_at_once", "  the day's first start, PIN typed at once", "login", 0, True),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kpm", type=int, default=1000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", choices=("bare", "orm", "app", "login", "phases"))
    parser.add_argument(
        "--phases", action="store_true", help="also time each step of the app's start-up"
    )
    parser.add_argument("--visit-pages", action="store_true")
    parser.add_argument("--typing-ms", type=int, default=0)
    parser.add_argument("data_dir", nargs="?")
    args = parser.parse_args()
    if args.child == "phases":
        sys.exit(child_phases(args.data_dir or ""))
    if args.child:
        sys.exit(child(args.child, args.data_dir or "", args.visit_pages, args.typing_ms))

    from _common import demo_store, machine, working_copy

    print(machine())
    store, _built = demo_store(args.kpm, args.months)
    rounds: dict[str, list[dict[str, float]]] = {key: [] for key, *_ in RUNS}
    with tempfile.TemporaryDirectory(prefix="bench-startup-", dir=store.parent) as tmp:
        data = working_copy(store, Path(tmp))
        spawn("app", data)  # warm the disk cache for every side alike
        spawn("bare", data)
        for _ in range(args.rounds):
            for key, _label, kind, typing_ms, first_of_day in RUNS:
                if first_of_day:
                    for old in (data / "backups").glob("*"):
                        old.unlink()
                rounds[key].append(spawn(kind, data, typing_ms=typing_ms))
        phases = ""
        if args.phases:
            done = subprocess.run(
                [sys.executable, str(HERE), "--child", "phases", str(data)],
                env=child_env(),
                capture_output=True,
                text=True,
                check=True,
            )
            phases = "\n".join(
                line[6:] for line in done.stdout.splitlines() if line.startswith("PHASE ")
            )

    def med(key: str, moment: str) -> float:
        return statistics.median(r[moment] for r in rounds[key])

    def cell(key: str, moment: str) -> str:
        return f"{med(key, moment):>7.2f}" if moment in rounds[key][0] else f"{'':>7}"

    def after_enter(key: str) -> float:
        return statistics.median(r["ready"] - r["enter"] for r in rounds[key])

    print(
        f"\n{args.rounds} rounds, median seconds from spawn        python  login  Enter"
        "  shown  ready   exit"
    )
    for key, label, *_ in RUNS:
        moments = ("main", "login_ready", "enter", "shown", "ready", "exit")
        print(f"{label:<50}" + "".join(cell(key, m) for m in moments))
    bare = med("bare", "ready")

    def verdict(what: str, seconds: float) -> str:
        ratio = seconds / bare
        met = "met" if ratio <= GOAL_RATIO else "NOT met"
        return f"{what}: {seconds:.2f} s = {ratio:.1f}x the bare window ({met})"

    print(f"\nwhat the operator waits, against the bare window's {bare:.2f} s (goal 2x):")
    print("  " + verdict("spawn to the login screen ready", med("person", "login_ready")))
    print("  " + verdict("Enter to the main window ready", after_enter("person")))
    print("  " + verdict("the same, the day's first start", after_enter("first")))
    print("machine time with no person in it (the PIN typed by the benchmark at once):")
    print("  " + verdict("spawn to the main window ready", med("at_once", "ready")))
    print("  " + verdict("the same, operator preset, no login screen", med("preset", "ready")))
    print("  " + verdict("the same, the day's first start", med("first_at_once", "ready")))
    print("  " + verdict("floor 2 alone (bare window after loading the ORM)", med("orm", "ready")))
    print(
        f"peak RSS at ready: app {med('person', 'rss_ready_mib'):.0f} MiB, "
        f"bare {med('bare', 'rss_ready_mib'):.0f} MiB"
    )
    if phases:
        print(f"\nthe app's start-up step by step (one run, in-process, preset):\n{phases}")


if __name__ == "__main__":
    main()
