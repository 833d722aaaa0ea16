"""What the counter, search, start-up and memory benchmarks share: cached demo stores,
percentiles and a line about the machine the figures came from."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"  # git-ignored
sys.path.insert(0, str(ROOT))


def machine() -> str:
    """`2 cores, <CPU model>, 24 GiB RAM, Python 3.11.7, Linux`, from /proc where there is one."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f", {int(line.split()[1]) / 2**20:.0f} GiB RAM"
                break
    except OSError:
        pass
    # Other work on the machine shows in every figure; say how much there was.
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (
        f"{os.cpu_count()} cores, {cpu}{ram}, Python {platform.python_version()}, "
        f"{platform.system()}{load}"
    )


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile: the value below which `pct`% of the samples fall."""
    ordered = sorted(samples)
    rank = max(1, round(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summary(samples: list[float]) -> dict[str, float]:
    """p50, p95, max and mean in milliseconds, from samples in seconds."""
    return {
        "p50": percentile(samples, 50) * 1000,
        "p95": percentile(samples, 95) * 1000,
        "max": max(samples) * 1000,
        "mean": statistics.fmean(samples) * 1000,
    }


def schema_head() -> str:
    from ewarong_desktop.store.migrate import head_revision

    return head_revision() or "none"


# Bumped when `services/demo.py` writes differently: "tx1" is one transaction (and one audit
# entry) per purchase, redemption, void and adjustment, as the app writes them.
DEMO_FORM = "tx1"


def demo_store(kpm: int, months: int, *, seed: int = 1) -> tuple[Path, float | None]:
    """A demo store of that size under bench/out/, built once and reused while the schema
    head is the same; returns its data folder and the build time when it was built now.

    Benchmarks that write must work on `working_copy()` of it, never on the cache.
    """
    from ewarong_desktop.services.demo import build_demo

    folder = OUT / f"demo-kpm{kpm}-m{months}-s{seed}-{schema_head()}-{DEMO_FORM}"
    done = folder / "BUILT"
    if done.is_file():
        return folder, None
    if folder.exists():
        shutil.rmtree(folder)  # a build cut off half-way
    folder.mkdir(parents=True)
    print(f"building demo store: {kpm:,} KPM x {months} months into {folder} ...", flush=True)
    started = time.perf_counter()
    build_demo(folder, kpm=kpm, months=months, seed=seed)
    seconds = time.perf_counter() - started
    done.write_text(f"{seconds:.1f}\n")
    print(f"  built in {seconds:.1f} s", flush=True)
    return folder, seconds


def working_copy(store: Path, into: Path) -> Path:
    """A copy of a cached store to write to (the SQLite file with its WAL, keys and all)."""
    target = into / store.name
    shutil.copytree(store, target, ignore=shutil.ignore_patterns("BUILT"))
    return target


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.1f}x" if floor > 0 else "n/a"
