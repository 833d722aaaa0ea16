"""Bundle export of a year: a full bundle of a 1,000-KPM, 12-month store, next to floors.

    .venv/bin/python bench/bench_export.py [KPM] [MONTHS]

Floors, measured in the same run on the same store file:
- bare sqlite3: read the same tables' rows and `executemany` them into a fresh file
  (`synchronous=FULL`, one transaction);
- bare sqlite3 + json + zipfile: read the rows, one JSON line each, into a deflated ZIP.
The export does what neither floor does: shapes records to the contract, checks them as the
district reader will, hashes and signs the manifest, keeps a copy and fsyncs both files.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from _common import demo_store, machine, ratio, working_copy

TABLES = (
    "beneficiaries",
    "products",
    "purchases",
    "purchase_lines",
    "redemptions",
    "redemption_lines",
)


def rows_of(db: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    with sqlite3.connect(db) as conn:
        out = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            out[table] = ([d[0] for d in cursor.description], cursor.fetchall())
        return out


def floor_executemany(db: Path, target: Path) -> float:
    started = time.perf_counter()
    data = rows_of(db)
    with sqlite3.connect(target) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        for table, (columns, rows) in data.items():
            conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            marks = ", ".join("?" * len(columns))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    return time.perf_counter() - started


def floor_zip(db: Path, target: Path) -> float:
    started = time.perf_counter()
    data = rows_of(db)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
        for table, (columns, rows) in data.items():
            lines = "".join(
                json.dumps(dict(zip(columns, row, strict=True)), default=str) + "\n" for row in rows
            )
            bundle.writestr(f"data/{table}.jsonl", lines)
    return time.perf_counter() - started


def main() -> None:
    kpm = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    months = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    store, built = demo_store(kpm, months)
    from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
    from ewarong_desktop.services.sync_export import ExportResult, NothingToExport, export_bundle

    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        work = working_copy(store, Path(tmp))
        db = work / "ewarong.sqlite"
        ctx = ServiceContext.open(work, CLI_ACTOR)
        try:
            usb = Path(tmp) / "usb"
            usb.mkdir()
            started = time.perf_counter()
            full = export_bundle(ctx, usb, full=True)
            t_full = time.perf_counter() - started
            started = time.perf_counter()
            empty = export_bundle(ctx, usb)
            t_empty = time.perf_counter() - started
        finally:
            ctx.close()
        t_many = floor_executemany(db, Path(tmp) / "floor.sqlite")
        t_zip = floor_zip(db, Path(tmp) / "floor.zip")
        assert isinstance(full, ExportResult) and isinstance(empty, NothingToExport)
        size = full.path.stat().st_size
    print(f"store: {kpm:,} KPM x {months} months ({'built now' if built else 'cached'})")
    print(f"{'step':<44}{'seconds':>9}{'ratio':>9}")
    print(f"{'floor: bare sqlite3 read + executemany':<44}{t_many:>9.2f}")
    print(f"{'floor: bare sqlite3 read + json + zip':<44}{t_zip:>9.2f}")
    print(f"{'export, full bundle of the year':<44}{t_full:>9.2f}{ratio(t_full, t_many):>9}")
    print(f"{'export again, nothing changed':<44}{t_empty:>9.2f}")
    print(
        f"full bundle: {full.records:,} records, {size / 2**20:.1f} MiB; "
        f"then nothing to send (no file, seq {empty.last_seq} still the last)"
    )
    print(f"vs the zip floor: {ratio(t_full, t_zip)}")


if __name__ == "__main__":
    main()
