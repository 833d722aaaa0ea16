"""Make KPM list files the way they really arrive: Excel CSVs and workbooks, quirks included."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from tests.templates import copy_of_template

HEADER = ["No", "NIK", "No KKS", "Nama", "Desa/Kelurahan"]


def ew01_store(data_dir: Path) -> None:
    """A store just set up (E-Warong Maju, admin PIN 482913) with no KPM yet, in `data_dir`."""
    from ewarong_desktop.services.profile import ProfileInput
    from ewarong_desktop.services.setup import initialise

    def build(path: Path) -> None:
        profile = ProfileInput("EW-01", "E-Warong Maju", "Sukamaju", "Tanjung Bintang", "Lamsel")
        initialise(path, profile, admin_pin="482913")

    copy_of_template("ew-01", build, data_dir)


def nik(i: int, *, female: bool = False) -> str:
    """A valid Lampung NIK; the serial varies with i so last digits are not all 0."""
    day = 15 + (40 if female else 0)
    return f"180712{day:02d}0885{(i % 9999) + 1:04d}"


def kks(i: int) -> str:
    return f"6013010{i:09d}"


def kpm_row(i: int, *, name: str | None = None, village: str = "Sukamaju") -> list[Any]:
    return [str(i), nik(i), kks(i), name if name is not None else f"KPM NOMOR {i}", village]


def kpm_rows(count: int, start: int = 1) -> list[list[Any]]:
    return [kpm_row(i) for i in range(start, start + count)]


def write_csv(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    header: Sequence[str] = HEADER,
    titles: Sequence[str] = (),
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
    newline: str = "\r\n",
    sep_line: bool = False,
) -> Path:
    """Write as Excel does: no quoting unless needed, the chosen line ends and encoding."""
    lines = []
    if sep_line:
        lines.append(f"sep={delimiter}")
    lines.extend(title + delimiter * (len(header) - 1) for title in titles)
    for record in [header, *rows]:
        cells = []
        for value in record:
            text = "" if value is None else str(value)
            if delimiter in text or '"' in text or "\n" in text:
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(delimiter.join(cells))
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def write_xlsx(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    header: Sequence[str] = HEADER,
    titles: Sequence[str] = (),
    sheet: str = "KPM",
    more_sheets: dict[str, list[list[Any]]] | None = None,
) -> Path:
    """Cells keep their Python type: an int NIK becomes a number cell, as in Excel."""
    book = openpyxl.Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = sheet
    for title in titles:
        worksheet.append([title])
    worksheet.append(list(header))
    for record in rows:
        worksheet.append(list(record))
    for name, table in (more_sheets or {}).items():
        extra = book.create_sheet(name)
        for record in table:
            extra.append(record)
    book.save(path)
    return path
