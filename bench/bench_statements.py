"""Monthly statements and the roster for 1,000 KPMs, timed beside bare reportlab documents of
the same pages.

Run: `.venv/bin/python bench/bench_statements.py [KPMS] [--store]`

- floor 1: a bare reportlab canvas, DejaVu embedded, one line of text per page;
- floor 2: the same canvas drawing every string the statements contain (names, ids, every
  cell, labels) at naive positions: no fitting, no forms, no sorting;
- `write_statements` for the same KPMs (synthetic data from `reports.samples`), one and two to
  a sheet;
- the roster (`write_roster`, 15 KPMs to a page) beside its own floors: a bare canvas of as
  many pages, and one drawing every string the roster holds at naive positions;
- with `--store`: a demo store with that many KPMs is built first (not timed), and
  `statements_data` (the store query and mapping) is timed on its own, then the PDF.

Each step runs three times; the best time is printed, so a busy machine shows less.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import TypeVar

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ewarong_desktop.domain.identity import mask_number
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_date
from ewarong_desktop.domain.quantity import format_quantity
from ewarong_desktop.reports.data import StatementsData
from ewarong_desktop.reports.fonts import FONT, register_fonts
from ewarong_desktop.reports.roster import count_pages as roster_pages
from ewarong_desktop.reports.roster import (
    identity_lines,
    items_in_short,
    receipt_codes,
    write_roster,
)
from ewarong_desktop.reports.samples import sample_statements
from ewarong_desktop.reports.statements import count_pages, write_statements

ROUNDS = 3
T = TypeVar("T")


def best(step: Callable[[], T]) -> tuple[float, T]:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def bare_one_line(pages: int) -> int:
    out = BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=FONT)
    for page in range(pages):
        canvas.setFont(FONT, 9)
        canvas.drawString(72, 800, f"Page {page + 1}")
        canvas.showPage()
    canvas.save()
    return len(out.getvalue())


def bare_same_strings(data: StatementsData) -> int:
    """Every string a statement page holds, drawn without any layout work."""
    out = BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=FONT)
    labels = (
        "KUITANSI BULANAN BANTUAN PANGAN",
        "Periode",
        "Nama KPM",
        "No. KKS",
        "NIK",
        "Desa",
        "Saya telah menerima barang bantuan pangan di atas dalam keadaan baik.",
    )
    for statement in data.statements:
        canvas.setFont(FONT, 9)
        y = 800.0
        texts = [
            *labels,
            statement.kpm_name,
            mask_number(statement.kks_number),
            mask_number(statement.nik),
            statement.desa,
        ]
        for item in statement.items:
            texts += [
                format_date(item.day),
                item.product,
                format_quantity(item.quantity, item.unit),
                format_rupiah(item.unit_price),
                format_rupiah(item.total),
                item.receipt_code,
            ]
        texts += [
            format_rupiah(statement.entitlement),
            format_rupiah(statement.received),
            format_rupiah(statement.remaining),
        ]
        for text in texts:
            canvas.drawString(50, y, text)
            y -= 11
            if y < 40:
                y = 800.0
        canvas.showPage()
    canvas.save()
    return len(out.getvalue())


def ours(data: StatementsData, per_sheet: int = 1) -> int:
    out = BytesIO()
    write_statements(data, out, per_sheet=per_sheet)
    return len(out.getvalue())


def bare_roster_strings(data: StatementsData) -> int:
    """Every string the roster holds, 15 KPMs to a page, drawn without any layout work."""
    out = BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=FONT)
    for start in range(0, len(data.statements), 15):
        canvas.setFont(FONT, 7)
        y = 800.0
        for number, statement in enumerate(data.statements[start : start + 15], start + 1):
            texts = [
                str(number),
                statement.kpm_name,
                *identity_lines(statement, "id"),
                format_rupiah(statement.entitlement),
                format_rupiah(statement.received),
                ", ".join(items_in_short(statement, "id")),
                *receipt_codes(statement),
            ]
            for text in texts:
                canvas.drawString(50, y, text)
                y = y - 5 if y > 40 else 800.0
        canvas.showPage()
    canvas.save()
    return len(out.getvalue())


def roster(data: StatementsData) -> int:
    out = BytesIO()
    write_roster(data, out)
    return len(out.getvalue())


def row(label: str, seconds: float, size: int, floor: float) -> None:
    print(f"{label:<46} {seconds:8.3f} s {seconds / floor:7.1f}x {size / 1024:9.0f} KiB")


def main(argv: list[str]) -> int:
    kpms = int(next((a for a in argv if a.isdigit()), "1000"))
    register_fonts()  # once per process, as the app does; not part of any step
    data = sample_statements(kpms)
    pages = count_pages(data)
    items = sum(len(s.items) for s in data.statements)
    print(f"{kpms} KPMs, {items} items, {pages} pages; best of {ROUNDS}\n")
    print(f"{'step':<46} {'time':>10} {'vs floor':>8} {'size':>13}")
    floor, size = best(lambda: bare_one_line(pages))
    row("floor 1: bare canvas, one line per page", floor, size, floor)
    seconds, size = best(lambda: bare_same_strings(data))
    row("floor 2: bare canvas, the same strings", seconds, size, floor)
    seconds, size = best(lambda: ours(data))
    row("write_statements", seconds, size, floor)
    seconds, size = best(lambda: ours(data, per_sheet=2))
    row(f"write_statements, two to a sheet ({(pages + 1) // 2} sheets)", seconds, size, floor)
    sheets = roster_pages(data)
    print(f"\nthe roster: {kpms} KPMs on {sheets} pages")
    floor, size = best(lambda: bare_one_line(sheets))
    row("floor 1: bare canvas, one line per page", floor, size, floor)
    seconds, size = best(lambda: bare_roster_strings(data))
    row("floor 2: bare canvas, the roster's strings", seconds, size, floor)
    seconds, size = best(lambda: roster(data))
    row("write_roster", seconds, size, floor)
    if "--store" in argv:
        bench_store(kpms, floor)
    return 0


def bench_store(kpms: int, floor: float) -> None:
    from ewarong_desktop.domain.periods import Period
    from ewarong_desktop.services.context import ServiceContext
    from ewarong_desktop.services.demo import build_demo
    from ewarong_desktop.services.documents import statements_data

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        build_demo(Path(folder), kpm=kpms, months=2, today=datetime(2020, 7, 20, 12))
        print(f"\n(demo store of {kpms} KPMs built in {time.perf_counter() - start:.1f} s)")
        ctx = ServiceContext.open(Path(folder))
        try:
            seconds, data = best(lambda: statements_data(ctx, Period(2020, 6)))
            row("statements_data (store -> data)", seconds, 0, floor)
            seconds, size = best(lambda: ours(data))
            row("write_statements (demo store data)", seconds, size, floor)
        finally:
            ctx.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
