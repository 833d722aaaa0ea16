"""How a store grows over years: bytes per redemption, audit, backups, checks, the counter.

Run: `.venv/bin/python bench/bench_store_growth.py [--months 12 60] [--serve 200]`

For each demo store of 1,000 KPMs (one year and five years by default, built once with
`services.demo.build_demo` and cached under bench/out/ like the other benchmarks), on a working
copy with its WAL checkpointed:

- bytes per redemption of the store file, everything included, and of the audit log alone;
- the day's backup (`services.backup.backup`): its size against the store, and its time;
- its restore: the store rebuilt from it (`backup_files.unpack`), then the whole
  `backup.restore` (rebuilt, migrated, `check`ed, swapped in);
- the rotation's total on disk after five years of daily use (`backup.kept` as two backups
  a day are made, each as big as the store was that day);
- the day's first-start check (`services.startup.quick_check`, every page) and `check`;
- the counter's find + redeem p95 (as `bench_counter.py` does it).

Each figure is printed beside a floor measured in the same run: the same records (KPMs,
redemptions, their lines, stock movements, purchases and lots) in a bare SQLite file with
integer keys and no audit, WAL and `synchronous=FULL`; its backup is the same zstd of that
file, its checks SQLite's own `quick_check` / `integrity_check`, its counter the bare lookup
and insert of `bench_counter.floor`.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from _common import demo_store, machine, ratio, summary, working_copy
from bench_counter import floor as counter_floor
from bench_counter import serve_queue

from ewarong_desktop.services import backup as backups
from ewarong_desktop.services import backup_files
from ewarong_desktop.services.context import CLI_ACTOR
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.services.startup import quick_check

GOAL_BYTES = 2500
GOAL_BACKUP_SHARE = 0.30
GOAL_ROTATION = 3.0
GOAL_FIRST_START_S = 1.0
GOAL_BACKUP_S = 2.0
GOAL_CHECK_S = 5.0
GOAL_COUNTER_X = 15.0

FLOOR_SCHEMA = """
CREATE TABLE kpm (id INTEGER PRIMARY KEY, nik TEXT, kks TEXT, name TEXT, desa TEXT,
                  address TEXT, eligible_from TEXT, active INTEGER);
CREATE UNIQUE INDEX kpm_nik ON kpm (nik);
CREATE INDEX kpm_kks ON kpm (kks);
CREATE TABLE purchase (id INTEGER PRIMARY KEY, date TEXT, source INTEGER, total INTEGER,
                       operator TEXT);
CREATE TABLE lot (id INTEGER PRIMARY KEY, purchase INTEGER, product INTEGER,
                  quantity INTEGER, price INTEGER, total INTEGER, remaining INTEGER);
CREATE TABLE redemption (id INTEGER PRIMARY KEY, kpm INTEGER, period TEXT, total INTEGER,
                         edc TEXT, status TEXT, operator TEXT, created TEXT);
CREATE INDEX redemption_kpm ON redemption (kpm, period);
CREATE TABLE line (id INTEGER PRIMARY KEY, redemption INTEGER, product INTEGER,
                   quantity INTEGER, price INTEGER, total INTEGER);
CREATE INDEX line_redemption ON line (redemption);
CREATE TABLE movement (id INTEGER PRIMARY KEY, product INTEGER, kind TEXT, quantity INTEGER,
                       lot INTEGER, line INTEGER, date TEXT, operator TEXT);
CREATE INDEX movement_line ON movement (line);
CREATE INDEX movement_product ON movement (product, lot);
"""

COPIES = (
    (
        "kpm",
        "SELECT id, nik, kks_number, name, desa, address, eligible_from, active FROM beneficiaries",
        (0,),
    ),
    (
        "purchase",
        "SELECT id, date, source_id, total_rupiah, operator_name FROM purchases",
        (0, 2),
    ),
    (
        "lot",
        "SELECT id, purchase_id, product_id, quantity_milli, unit_price_rupiah, total_rupiah, "
        "remaining_milli FROM purchase_lines",
        (0, 1, 2),
    ),
    (
        "redemption",
        "SELECT id, beneficiary_id, period, total_rupiah, edc_reference, status, "
        "operator_name, created_at FROM redemptions",
        (0, 1),
    ),
    (
        "line",
        "SELECT id, redemption_id, product_id, quantity_milli, unit_price_rupiah, total_rupiah "
        "FROM redemption_lines",
        (0, 1, 2),
    ),
    (
        "movement",
        "SELECT id, product_id, kind, quantity_milli, lot_id, redemption_line_id, "
        "movement_date, operator_name FROM stock_movements",
        (0, 1, 4, 5),
    ),
)


def build_floor(store: Path, target: Path) -> None:
    """The same records with integer keys and no audit, in a bare SQLite file."""
    keys: dict[str, int] = {}

    def key(value: object) -> int | None:
        if value is None:
            return None
        return keys.setdefault(str(value), len(keys) + 1)

    src = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode = WAL")
    dst.execute("PRAGMA synchronous = FULL")
    dst.executescript(FLOOR_SCHEMA)
    dst.execute("BEGIN")
    for table, query, key_columns in COPIES:
        rows = (
            [key(v) if i in key_columns else v for i, v in enumerate(row)]
            for row in src.execute(query)
        )
        marks = ", ".join("?" * len(next(iter(src.execute(query + " LIMIT 1")), ())))
        dst.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    dst.execute("COMMIT")
    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dst.close()
    src.close()


def checkpoint(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def audit_bytes(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        row = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%audit%'").fetchone()
    return int(row[0] or 0)


def redemptions_in(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM redemptions").fetchone()[0])


def timed(job) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = job()
    return time.perf_counter() - start, result


def floor_backup(path: Path, into: Path) -> tuple[float, int]:
    """The floor's backup: SQLite's online copy of the bare file, then the same zstd."""
    start = time.perf_counter()
    copy = into / "floor-copy.sqlite"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as src:
        dst = sqlite3.connect(copy)
        src.backup(dst)
        dst.close()
    with open(into / "floor-copy.sqlite.zst", "wb") as out:
        backup_files.compress(copy, out)
    seconds = time.perf_counter() - start
    return seconds, (into / "floor-copy.sqlite.zst").stat().st_size


def sqlite_pragma(path: Path, pragma: str) -> float:
    start = time.perf_counter()
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        conn.execute(f"PRAGMA {pragma}").fetchall()
    return time.perf_counter() - start


def rotation_total(backup_size: int, store_size: int, years: int = 5) -> tuple[float, int]:
    """Disk used by the kept backups after `years` of daily use, in stores, and their count.

    Two backups a day (the window's first start and its closing), rotated by `backup.kept`
    as they are made; the store grows steadily, so a backup made on day n is that share of
    today's backup (`backup_size`, the measured one).
    """
    first = date(2026, 1, 1)
    made = 2 * 365 * years
    on_disk: list[backups.BackupFile] = []
    for n in range(made):
        day = first + timedelta(days=n // 2)
        on_disk.append(backups.BackupFile(Path(f"b{n}"), n + 1, f"{day:%Y%m%d}"))
        keep = backups.kept(on_disk)
        on_disk = [b for b in on_disk if b.path in keep]
    total = sum(backup_size * (b.number / made) for b in on_disk)
    return total / store_size, len(on_disk)


def floor_restore(backup: Path, into: Path) -> float:
    """The floor's restore: the same zstd back to a file."""
    start = time.perf_counter()
    backup_files.unpack(backup, into / "floor-restored.sqlite", None)
    return time.perf_counter() - start


def measure(months: int, serve_count: int, store: Path | None = None) -> None:
    built = None
    if store is None:
        store, built = demo_store(1000, months)
    with tempfile.TemporaryDirectory(prefix="bench-growth-", dir=store.parent) as tmp:
        work = Path(tmp)
        data = working_copy(store, work)
        path = data / "ewarong.sqlite"
        checkpoint(path)
        count = redemptions_in(path)
        size = path.stat().st_size
        floor_path = work / "floor.sqlite"
        build_floor(path, floor_path)
        floor_size = floor_path.stat().st_size
        what = f"{store}" if months == 0 else f"1,000 KPM x {months} months"
        print(
            f"\n== {what}: {count:,} redemptions, store "
            f"{size / 2**20:.1f} MiB" + (f" (built in {built:.0f} s)" if built else " (cached)")
        )
        print(f"{'':34}{'store':>12}{'floor':>12}{'ratio':>8}   goal")
        per = size / count
        fper = floor_size / count
        line("bytes per redemption", f"{per:,.0f}", f"{fper:,.0f}", ratio(per, fper),
             f"<= {GOAL_BYTES:,}", per <= GOAL_BYTES)  # fmt: skip
        audit = audit_bytes(path) / count
        line("audit bytes per redemption", f"{audit:,.0f}", "0", "", "", None)

        cpu = os.times()
        backup_s, made = timed(lambda: backups.backup(data))
        used = os.times()
        backup_cpu = (used.user - cpu.user) + (used.system - cpu.system)  # every thread
        cpu = os.times()
        floor_s, floor_bytes = floor_backup(floor_path, work)
        used = os.times()
        floor_cpu = (used.user - cpu.user) + (used.system - cpu.system)
        share = made.bytes / size  # type: ignore[attr-defined]
        line("backup size, of the store", f"{share:.1%}", f"{floor_bytes / floor_size:.1%}",
             "", f"<= {GOAL_BACKUP_SHARE:.0%}", share <= GOAL_BACKUP_SHARE)  # fmt: skip
        line("backup size, MiB", f"{made.bytes / 2**20:.1f}", f"{floor_bytes / 2**20:.1f}",  # type: ignore[attr-defined]
             ratio(made.bytes, floor_bytes), "", None)  # type: ignore[attr-defined]  # fmt: skip
        line("backup time, s", f"{backup_s:.2f}", f"{floor_s:.2f}", ratio(backup_s, floor_s),
             f"<= {GOAL_BACKUP_S:.0f}", backup_s <= GOAL_BACKUP_S)  # fmt: skip
        line("backup CPU (all threads), s", f"{backup_cpu:.2f}", f"{floor_cpu:.2f}",
             ratio(backup_cpu, floor_cpu), f"load {os.getloadavg()[0]:.1f}", None)  # fmt: skip
        unpack_s, _ = timed(lambda: backup_files.unpack(made.path, work / "restored", None))  # type: ignore[attr-defined]
        floor_unpack = floor_restore(work / "floor-copy.sqlite.zst", work)
        line("restore: store rebuilt, s", f"{unpack_s:.2f}", f"{floor_unpack:.2f}",
             ratio(unpack_s, floor_unpack), "", None)  # fmt: skip
        restore_s, _ = timed(lambda: backups.restore(data, made.path, actor=CLI_ACTOR))  # type: ignore[attr-defined]
        line("restore: rebuilt, checked, in place, s", f"{restore_s:.2f}", "", "", "", None)
        rotation, files = rotation_total(made.bytes, size)  # type: ignore[attr-defined]
        floor_rotation, _ = rotation_total(floor_bytes, floor_size)
        line(f"rotation after 5 years ({files} files)", f"{rotation:.2f}x",
             f"{floor_rotation:.2f}x", "", f"< {GOAL_ROTATION:.0f}x",
             rotation < GOAL_ROTATION)  # fmt: skip

        first_s, _ = timed(lambda: quick_check(data, deep=True))
        floor_first = sqlite_pragma(floor_path, "quick_check")
        line("first-start check, s", f"{first_s:.2f}", f"{floor_first:.2f}",
             ratio(first_s, floor_first), f"+<= {GOAL_FIRST_START_S:.0f}",
             first_s <= GOAL_FIRST_START_S)  # fmt: skip
        # Twice, each beside its own floor: on a shared machine one run says little.
        for run in (1, 2):
            cpu = os.times()
            check_s, report = timed(lambda: check_store(data))
            used = os.times()
            assert report.ok, report.problems[:5]  # type: ignore[attr-defined]
            floor_check = sqlite_pragma(floor_path, "integrity_check")
            line(f"check, s (run {run})", f"{check_s:.2f}", f"{floor_check:.2f}",
                 ratio(check_s, floor_check), f"<= {GOAL_CHECK_S:.0f}",
                 check_s <= GOAL_CHECK_S)  # fmt: skip
            own = (used.user - cpu.user) + (used.system - cpu.system)
            child = (used.children_user - cpu.children_user) + (
                used.children_system - cpu.children_system
            )
            apart = "rows digested apart" if report.digested_apart else "one process"  # type: ignore[attr-defined]
            print(f"{'':34}CPU {own:.2f} s + {child:.2f} s in children; {apart}; "
                  f"load {os.getloadavg()[0]:.1f}")  # fmt: skip

        if serve_count:
            try:
                _finds, _redeems, totals, rows = serve_queue(data, serve_count)
            except SystemExit as exc:
                print(f"counter: {exc}")
                return
            (work / "counter").mkdir()
            bare = counter_floor(work / "counter", 1000, serve_count, round(rows))
            p95, floor_p95 = summary(totals)["p95"], summary(bare)["p95"]
            p50, floor_p50 = summary(totals)["p50"], summary(bare)["p50"]
            line("counter find + redeem p50, ms", f"{p50:.1f}", f"{floor_p50:.1f}",
                 ratio(p50, floor_p50), f"load {os.getloadavg()[0]:.1f}", None)  # fmt: skip
            line("counter find + redeem p95, ms", f"{p95:.1f}", f"{floor_p95:.1f}",
                 ratio(p95, floor_p95), f"<= {GOAL_COUNTER_X:.0f}x",
                 p95 <= GOAL_COUNTER_X * floor_p95)  # fmt: skip


def line(label: str, value: str, floor: str, times: str, goal: str, met: bool | None) -> None:
    verdict = "" if met is None else ("met" if met else "NOT met")
    print(f"{label:<34}{value:>12}{floor:>12}{times:>8}   {goal} {verdict}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, nargs="+", default=[12, 60])
    parser.add_argument("--serve", type=int, default=200)
    parser.add_argument("--store", type=Path, help="measure this data folder instead")
    args = parser.parse_args()
    print(machine())
    if args.store is not None:
        measure(0, args.serve, args.store)
        return
    for months in args.months:
        measure(months, args.serve)


if __name__ == "__main__":
    main()
