"""Save the refused rows of a KPM list, with the reason, to send back for correction.

The file keeps the original columns (so the corrected file imports again as it is) between
a leading row-number column and a trailing reason column. CSV is written the way
Indonesian-locale Excel reads it: UTF-8 with BOM, `;`, CRLF. An `.xlsx` path gets a workbook
whose cells are all Text, so opening it cannot turn a NIK back into a damaged number.

A cell that Excel would run as a formula (`=`, `+`, `-`, `@`, tab or CR first: a name in a
crafted list such as `=HYPERLINK(...)`) is written after Excel's own text apostrophe, which
the reader drops again, so the corrected file still imports as it is.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ewarong_desktop.kpm_import.rows import RejectedRow

_ROW_HEADER = {"id": "Baris", "en": "Row"}
_REASON_HEADER = {"id": "Alasan", "en": "Reason"}


def rejects_table(
    headers: Sequence[str], rejected: Sequence[RejectedRow], lang: str = "id"
) -> list[list[str]]:
    lang = "en" if lang == "en" else "id"
    width = max([len(headers), *(len(r.cells) for r in rejected)])
    table = [[_ROW_HEADER[lang], *_pad(headers, width), _REASON_HEADER[lang]]]
    for row in rejected:
        table.append([str(row.row), *_pad(row.cells, width), row.message(lang)])
    return table


def _pad(cells: Sequence[str], width: int) -> list[str]:
    return [*cells, *([""] * (width - len(cells)))]


def write_rejects(
    path: str | Path,
    headers: Sequence[str],
    rejected: Sequence[RejectedRow],
    lang: str = "id",
) -> Path:
    """Write the rejects file (CSV, or XLSX when the name ends in .xlsx); return its path."""
    path = Path(path)
    table = rejects_table(headers, rejected, lang)
    # Written beside the target and renamed, so a full USB stick never leaves half a file.
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".rejects-", suffix=".tmp")
    os.close(handle)
    temp = Path(temp_name)
    try:
        if path.suffix.lower() == ".xlsx":
            _write_xlsx(temp, table)
        else:
            with temp.open("w", encoding="utf-8-sig", newline="") as out:
                csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
                    [[_inert(cell) for cell in row] for row in table]
                )
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: str) -> str:
    """The cell as text Excel shows but never evaluates."""
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def _write_xlsx(path: Path, table: list[list[str]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ditolak"
    for values in table:
        sheet.append(values)
    for row in sheet.iter_rows():
        for cell in row:
            cell.number_format = "@"
            if cell.data_type == "f":  # a name typed as "=..." stays text, never a formula
                cell.data_type = "s"
    book.save(path)
