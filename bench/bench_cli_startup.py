"""The command line's start-up: `--help` and `check` before their work, beside a bare interpreter.

Run: `.venv/bin/python bench/bench_cli_startup.py [--rounds 7]`

Each round starts fresh processes in turn and takes the wall and CPU time (user + system) of
each, from spawn to exit:

- floor: `python -c pass` (the interpreter alone);
- floor 2: `python -c "import sqlalchemy.orm"` (what any subcommand that opens the store
  through the ORM cannot go below);
- `ewarong-desktop --help` and `ewarong-desktop --version`;
- `ewarong-desktop check` on a folder with no store: every import `check` makes, then its
  "no store" answer (exit 3), so only the start-up is timed (the check itself is in
  bench_store_growth.py);
- every command module loaded, as each command line did before (`build_parser()` with no
  command line), for the same comparison in the same run.

The median of the rounds is printed, with the load average.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

CASES = (
    ("floor: python -c pass", ["-c", "pass"]),
    ("floor 2: import sqlalchemy.orm", ["-c", "import sqlalchemy.orm"]),
    ("ewarong-desktop --version", ["-m", "ewarong_desktop", "--version"]),
    ("ewarong-desktop --help", ["-m", "ewarong_desktop", "--help"]),
    (
        "ewarong-desktop check (no store)",
        ["-m", "ewarong_desktop", "--data-dir", "{empty}", "check"],
    ),
    (
        "every command module (as before)",
        ["-c", "from ewarong_desktop.cli import build_parser; build_parser()"],
    ),
)


def run_once(args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as empty:
        times: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in CASES}
        loads = []
        for _ in range(rounds):
            loads.append(os.getloadavg()[0])
            for label, args in CASES:
                times[label].append(run_once([a.format(empty=empty) for a in args]))
    floor = statistics.median(w for w, _ in times[CASES[0][0]])
    print(f"median of {rounds} rounds, load average {min(loads):.1f} - {max(loads):.1f}")
    print(f"{'':36}{'wall s':>8}{'CPU s':>8}{'x floor':>9}")
    for label, _ in CASES:
        wall = statistics.median(w for w, _ in times[label])
        cpu = statistics.median(c for _, c in times[label])
        print(f"{label:36}{wall:8.2f}{cpu:8.2f}{wall / floor:8.1f}x")


if __name__ == "__main__":
    main()
