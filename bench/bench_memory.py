"""Peak resident memory of the window on the 10,000-KPM store, next to a bare PySide6 window.

Run: `.venv/bin/python bench/bench_memory.py [--kpm 10000] [--months 10]`

The app runs as in bench_startup.py (offscreen, logged in by `EWARONG_GUI_OPERATOR`) on a copy
of the cached demo store that bench_counter.py uses (10,000 KPMs, ~96,000 redemptions), then
opens every page once (the KPM page lists all 10,000) and quits. The peak resident set size
comes from the kernel for the whole child process (`os.wait4`'s `ru_maxrss`), so it includes
start-up, every page and shut-down. The floor is a bare PySide6 window in the same run.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _common import demo_store, machine, ratio, working_copy
from bench_startup import spawn

GOAL_MIB = 250.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kpm", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=10)
    args = parser.parse_args()

    print(machine())
    store, _built = demo_store(args.kpm, args.months)
    with tempfile.TemporaryDirectory(prefix="bench-memory-", dir=store.parent) as tmp:
        data = working_copy(store, Path(tmp))
        bare = spawn("bare", data)
        app = spawn("app", data, visit_pages=True)

    print(f"\npeak RSS, MiB ({args.kpm:,} KPMs)           at ready  whole run")
    for label, figures in (
        ("floor: bare PySide6 window", bare),
        ("ewarong-desktop, every page opened", app),
    ):
        print(f"{label:<40}{figures['rss_ready_mib']:>8.0f} {figures['rss_peak_mib']:>9.0f}")
    print(f"(every page opened {app['visited'] - app['ready']:.2f} s after the window was ready)")
    peak = app["rss_peak_mib"]
    print(
        f"\npeak {peak:.0f} MiB = {ratio(peak, bare['rss_peak_mib'])} the bare window's; goal < "
        f"{GOAL_MIB:.0f} MB: " + ("met" if peak * 1.048576 < GOAL_MIB else "NOT met")
    )


if __name__ == "__main__":
    main()
