"""Text from data made safe for reportlab's paragraph markup and for spreadsheet cells.

A `Paragraph` reads its text as markup: a shop or KPM named `<b>` breaks the page, and
`<img src="/etc/passwd"/>` would embed a file of the machine that renders it. openpyxl reads a
string starting with `=` as a formula (and `#N/A` as an error). Names, notes and codes are
data, never code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from ewarong_desktop.domain.text import escape_markup


def escape(text: str) -> str:
    """`text` for a reportlab `Paragraph`: `&`, `<` and `>` shown as themselves."""
    return escape_markup(text)


def cell_values(values: Iterable[Any]) -> list[Any]:
    """A row for `Worksheet.append`: control characters a workbook cannot hold (openpyxl
    would refuse the whole file) shown as `?`."""
    return [ILLEGAL_CHARACTERS_RE.sub("?", v) if isinstance(v, str) else v for v in values]


def append_text_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row whose strings stay strings: `=HYPERLINK(...)` in a name is shown, never
    run."""
    sheet.append(cell_values(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
