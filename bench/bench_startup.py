"""Start-up to the main window shown and ready, next to a bare PySide6 window in the same run.

Run: `.venv/bin/python bench/bench_startup.py [--kpm 1000] [--months 12] [--rounds 5] [--phases]`

Each round starts two fresh processes, in turn, with QT_QPA_PLATFORM=offscreen:

- the floor: a bare PySide6 window (QApplication, a QMainWindow with a label and a status bar,
  the same size), and
- the app: the `ewarong-desktop` entry point (`cli.main` with no subcommand, which opens the
  window through `gui.app.run`) on a copy of a cached demo store (1,000 KPMs, 12 months),
  logged in through `EWARONG_GUI_OPERATOR` so no dialog waits for a person.

"Ready" is the first time the event loop is idle after the main window's first paint: the
moment a keypress would be handled. Both are timed from just before the process is spawned,
so interpreter start and imports count. The median of the rounds is reported.

`--phases` adds one more run that times each step of the start-up in-process (imports, the
parser, the store, the login, the window), to show where the time goes.

`--child bare|app DATA_DIR` is the child side (also used by bench_memory.py): it prints one
`BENCH {json}` line with its timestamps and its peak RSS, then quits.
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


def _watch_first_paint(app, on_ready, visit_pages: bool) -> None:  # type: ignore[no-untyped-def]
    """Call `on_ready(window, figures)` once the main window has painted and the loop is idle."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    figures: dict[str, float] = {}

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            kind = event.type()
            if isinstance(obj, QMainWindow):
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


def child(kind: str, data_dir: str, visit_pages: bool) -> int:
    t_main = time.time()
    if kind == "bare":
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

        app = QApplication([sys.argv[0]])
        done: dict[str, float] = {}

        def bare_ready(window, figures) -> None:  # type: ignore[no-untyped-def]
            done.update(figures)
            QTimer.singleShot(0, app.quit)

        _watch_first_paint(app, bare_ready, False)
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

    _watch_first_paint(app, app_ready, visit_pages)
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

    from ewarong_desktop import cli

    mark("import the CLI (SQLAlchemy, services)")
    cli.build_parser()
    mark("build the parser (imports every command module)")
    from ewarong_desktop.gui import app as gui_app
    from ewarong_desktop.gui import main_window

    mark("import the window (PySide6, pages)")
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
def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        EWARONG_GUI_OPERATOR="siti:2468",  # the demo store's operator
        EWARONG_IDLE_MINUTES="0",
        EWARONG_LANG="id",
    )
    env.pop("EWARONG_GUI_SMOKE_MS", None)
    return env


def spawn(kind: str, data_dir: Path, *, visit_pages: bool = False) -> dict[str, float]:
    """Run one child; its figures as seconds since spawn, plus its peak RSS from wait4."""
    args = [sys.executable, str(HERE), "--child", kind, str(data_dir)]
    if visit_pages:
        args.append("--visit-pages")
    with tempfile.TemporaryFile("w+") as out:
        started = time.time()
        proc = subprocess.Popen(args, env=child_env(), stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        ended = time.time()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    lines = [line for line in text.splitlines() if line.startswith("BENCH ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{kind} child failed (exit {proc.returncode}):\n{text}")
    raw = json.loads(lines[-1][6:])
    figures = {k: raw[k] - started for k in ("main", "shown", "painted", "ready") if k in raw}
    if "visited" in raw:
        figures["visited"] = raw["visited"] - started
    figures["exit"] = ended - started
    figures["rss_ready_mib"] = raw["rss_ready_mib"]
    figures["rss_peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kpm", type=int, default=1000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", choices=("bare", "app", "phases"))
    parser.add_argument(
        "--phases", action="store_true", help="also time each step of the app's start-up"
    )
    parser.add_argument("--visit-pages", action="store_true")
    parser.add_argument("data_dir", nargs="?")
    args = parser.parse_args()
    if args.child == "phases":
        sys.exit(child_phases(args.data_dir or ""))
    if args.child:
        sys.exit(child(args.child, args.data_dir or "", args.visit_pages))

    from _common import demo_store, machine, working_copy

    print(machine())
    store, _built = demo_store(args.kpm, args.months)
    with tempfile.TemporaryDirectory(prefix="bench-startup-", dir=store.parent) as tmp:
        data = working_copy(store, Path(tmp))
        spawn("app", data)  # warm the disk cache for both sides alike
        spawn("bare", data)
        rounds: dict[str, list[dict[str, float]]] = {"bare": [], "app": []}
        for _ in range(args.rounds):
            for kind in ("bare", "app"):
                rounds[kind].append(spawn(kind, data))
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

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in rounds[kind])

    print(f"\n{args.rounds} rounds, median seconds from spawn   python up  shown   ready   exit")
    for kind, label in (("bare", "floor: bare PySide6 window"), ("app", "ewarong-desktop window")):
        print(
            f"{label:<40}{med(kind, 'main'):>7.2f} {med(kind, 'shown'):>6.2f} "
            f"{med(kind, 'ready'):>7.2f} {med(kind, 'exit'):>6.2f}"
        )
    ratio = med("app", "ready") / med("bare", "ready")
    print(
        f"\nready: {med('app', 'ready'):.2f} s = {ratio:.1f}x the bare window's "
        f"{med('bare', 'ready'):.2f} s; goal within {GOAL_RATIO:.0f}x: "
        + ("met" if ratio <= GOAL_RATIO else "NOT met")
    )
    print(
        f"peak RSS at ready: app {med('app', 'rss_ready_mib'):.0f} MiB, "
        f"bare {med('bare', 'rss_ready_mib'):.0f} MiB"
    )
    if phases:
        print(f"\nthe app's start-up step by step (one run, in-process):\n{phases}")


if __name__ == "__main__":
    main()
