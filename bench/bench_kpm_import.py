"""Benchmark: import a 10,000-row KPM list, next to a floor measured in the same run.

Run: `.venv/bin/python bench/bench_kpm_import.py [ROWS]`. A plain script, not a timed test:
figures depend on the machine, so each is printed beside a floor (bare `csv.reader` plus a
`sqlite3.executemany` of the same rows into a file with the store's pragmas) measured here.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import openpyxl

from ewarong_desktop.kpm_import import read_kpm_file
from ewarong_desktop.services import kpm_import
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.profile import ProfileInput
from ewarong_desktop.services.setup import initialise

T = TypeVar("T")
HEADER = ["No", "NIK", "No KKS", "Nama", "Desa/Kelurahan"]


def rows(count: int) -> list[list[str]]:
    out = []
    for i in range(1, count + 1):
        day = 15 + (40 if i % 2 else 0)
        nik = f"1807{i % 100:02d}{day:02d}0885{i % 9999 + 1:04d}"
        out.append([str(i), nik, f"6013010{i:09d}", f"KPM NOMOR {i}", f"Desa {i % 40}"])
    return out


def write_csv(path: Path, table: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("DAFTAR KPM PROGRAM SEMBAKO;;;;\r\n")
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([HEADER, *table])


def write_xlsx(path: Path, table: list[list[str]]) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("KPM")
    sheet.append(["DAFTAR KPM PROGRAM SEMBAKO"])
    sheet.append(HEADER)
    for row in table:
        sheet.append(row)
    book.save(path)


def timed(label: str, action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:7.3f} s")
    return seconds, result


def floor(path: Path, db_path: Path) -> None:
    """The least any import must do: parse the CSV and insert the rows in one transaction."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle, delimiter=";"))[2:]
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE b (id TEXT PRIMARY KEY, nik TEXT UNIQUE, kks TEXT, name TEXT, desa TEXT)"
    )
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO b VALUES (?, ?, ?, ?, ?)",
        [(str(uuid.uuid4()), r[1], r[2], r[3], r[4]) for r in records],
    )
    conn.execute("COMMIT")
    conn.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        table = rows(count)
        csv_path, xlsx_path = work / "kpm.csv", work / "kpm.xlsx"
        write_csv(csv_path, table)
        write_xlsx(xlsx_path, table)
        data_dir = work / "data"
        profile = ProfileInput("EW-01", "E-Warong Bench", "Sukamaju", "Tanjung Bintang", "X")
        initialise(data_dir, profile, admin_pin="482913")
        ctx = ServiceContext.open(data_dir)
        try:
            print(f"KPM import, {count} rows")
            floor_s, _ = timed(
                "floor: csv.reader + sqlite3 executemany",
                lambda: floor(csv_path, work / "floor.sqlite"),
            )
            timed("read + check CSV (kpm_import)", lambda: read_kpm_file(csv_path))
            timed("read + check XLSX (kpm_import)", lambda: read_kpm_file(xlsx_path))
            timed(
                "preview CSV against empty store", lambda: kpm_import.preview_import(ctx, csv_path)
            )
            first_s, first = timed(
                "apply CSV: first import (all new)", lambda: kpm_import.apply_import(ctx, csv_path)
            )
            again_s, again = timed(
                "apply CSV again (all unchanged)", lambda: kpm_import.apply_import(ctx, csv_path)
            )
            assert first.counts["imported"] == count, first.counts
            assert again.counts["unchanged"] == count and not again.changed, again.counts
            print(
                f"  first import = {first_s / floor_s:.1f} x floor; "
                f"re-import = {again_s / floor_s:.1f} x floor"
            )
        finally:
            ctx.close()


if __name__ == "__main__":
    main()
