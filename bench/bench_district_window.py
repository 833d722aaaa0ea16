"""Benchmark: the district window stays responsive while it imports 1,200 bundles.

Run: `.venv/bin/python bench/bench_district_window.py [WARONGS] [MONTHS] [KPM]` (defaults
100, 12, 150: the bundles of `bench_district_import.py`, built by its own builders). A plain
script, not a timed test; offscreen unless QT_QPA_PLATFORM says otherwise.

It builds the bundles and enrols every e-warong in a fresh SQLite district database (not
timed), opens the district window on it, and measures the longest gap of the event loop with
a QTimer ticking every 10 ms that records the largest interval between two ticks:

- the floor: the same timer for as long as the import took (at most 30 s), with the window
  open and nothing to do (what the machine itself costs a 10 ms timer);
- the same timer beside a child process that only computes, at the import child's priority
  (what sharing two cores with it costs, with none of the import's work);
- the import: the Import page's own action (`ImportPage.import_folder`, the button's work)
  from the moment it is asked until its result was handled (lines, summary, receipt).

The goal is a gap of at most 100 ms: a click or a key answered within a tenth of a second.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine, percentile
from bench_district_import import build_all

from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.enrolment import enrol

TICK_MS = 10
FLOOR_S = 30.0  # the idle loop's measuring time (the import's own when shorter)


class GapMeter:
    """A 10 ms timer; every tick records the time since the one before."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0

    def start(self) -> None:
        self.gaps.clear()
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now

    def said(self) -> str:
        gaps = self.gaps or [0.0]
        over = sum(g > 0.1 for g in gaps)
        minutes = max(sum(gaps) / 60, 1e-9)
        return (
            f"longest {max(gaps) * 1000:6.1f} ms, p99 {percentile(gaps, 99) * 1000:5.1f} ms, "
            f"{over} gaps over 100 ms ({over / minutes:.1f} a minute), {len(self.gaps)} ticks"
        )


class GcPauses:
    """The garbage collector's pauses in this (the window's) process: each holds the lock
    every thread needs, the GUI thread's included."""

    def __init__(self) -> None:
        import gc

        self.pauses: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)

    def said(self) -> str:
        longest = max(self.pauses, default=0.0)
        return f"{len(self.pauses)} collections, longest {longest * 1000:.1f} ms"


def busy_child(seconds: float) -> None:
    """A process doing nothing but computing, at the import child's priority (nice 10)."""
    if hasattr(os, "nice"):
        os.nice(10)
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1


def run_loop_until(done: object, timeout_s: float) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.perf_counter() + timeout_s
    while not done() and time.perf_counter() < end:  # type: ignore[operator]
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.001)


def main() -> None:
    warongs, months, kpm = (
        int(a) for a in (sys.argv[1:] + ["100", "12", "150"][len(sys.argv) - 1 :])
    )
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        usb = root / "usb"
        usb.mkdir()
        start = time.perf_counter()
        enrolments, floor = build_all(usb, warongs, months, kpm)
        print(f"{len(floor)} bundles of {warongs} e-warongs built in "
              f"{time.perf_counter() - start:.0f} s (not measured)")  # fmt: skip
        db = root / "district.sqlite"
        engine = open_engine(str(db))
        for code, data, kid in enrolments:
            path = root / f"{code}.enrol.json"
            path.write_bytes(data)
            enrol(engine, path, kid)
        engine.dispose()
        os.environ["EWARONG_DISTRICT_KEYS"] = str(root / "office-keys")

        from PySide6.QtCore import QTimer

        from ewarong_desktop.district_gui.desk import Desk
        from ewarong_desktop.district_gui.window import DeskWindow
        from ewarong_desktop.gui import messages
        from ewarong_desktop.gui.app import make_application

        app = make_application()
        messages.install(messages.StderrBridge())
        desk = Desk(str(db), "id")
        window = DeskWindow(desk)
        window.show()
        page = window.pages["import"]
        meter = GapMeter()
        gc_pauses = GcPauses()

        # The import first, the floor after it (the same page on screen, nothing to do).
        meter.start()
        began = time.perf_counter()
        job = page.import_folder(usb)
        run_loop_until(lambda: job.done, 3600)
        import_s = time.perf_counter() - began
        meter.stop()
        busy = list(meter.gaps)
        gc_said = gc_pauses.said()
        lines = len(page.shown_lines())
        summary = page.summary.text()
        receipt = page.receipt

        meter.start()
        idle = QTimer()
        idle.setSingleShot(True)
        stopped = {"done": False}
        idle.timeout.connect(lambda: stopped.update(done=True))
        idle.start(int(min(FLOOR_S, import_s) * 1000))
        run_loop_until(lambda: stopped["done"], FLOOR_S + 5)
        meter.stop()
        floor_gaps = list(meter.gaps)

        # The same timer while a process of ours only computes, at the import's priority:
        # what sharing the two cores costs, with none of the import's own work.
        import multiprocessing

        hog = multiprocessing.get_context("spawn").Process(
            target=busy_child, args=(min(FLOOR_S, import_s) + 1,)
        )
        hog.start()
        meter.start()
        stopped["done"] = False
        idle.start(int(min(FLOOR_S, import_s) * 1000))
        run_loop_until(lambda: stopped["done"], FLOOR_S + 5)
        meter.stop()
        hog.join()
        hog_gaps = list(meter.gaps)

        meter.gaps = busy
        print(f"import through the window: {import_s:.1f} s, {lines} lines; {summary}")
        print(f"receipt: {receipt.stat().st_size // 1024 if receipt else 0} KiB PDF")
        print(f"event loop during the import: {meter.said()}  (goal: longest <= 100 ms)")
        print(f"garbage collector in the window's process during the import: {gc_said}")
        meter.gaps = floor_gaps
        print(f"floor, the same timer idle:  {meter.said()}")
        meter.gaps = hog_gaps
        print(f"the same timer beside a computing child (nice 10): {meter.said()}")
        window.close()
        desk.close()
        app.processEvents()


if __name__ == "__main__":
    main()
