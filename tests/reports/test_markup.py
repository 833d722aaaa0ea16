"""Issue 13, point 11 on the laptop: names in the shop's documents stay text.

A product, supplier, KPM or e-warong name is data: `<b>`/`<img src=...>` never becomes
reportlab markup, `=...` never becomes a workbook formula, a control character never breaks
the file.
"""

from __future__ import annotations

import dataclasses

from openpyxl import load_workbook
from pypdf import PdfReader

from ewarong_desktop.reports import write_monthly_report, write_monthly_workbook
from ewarong_desktop.reports.samples import sample_monthly_report

HTML = '<b>Toko</b> <img src="/etc/passwd"/> & Co'
FORMULA = '=HYPERLINK("http://x","klik")'


def hostile_report():
    data = sample_monthly_report()
    stock = list(data.stock)
    stock[0] = dataclasses.replace(stock[0], product=FORMULA)
    sources = list(data.sources)
    sources[0] = dataclasses.replace(sources[0], name="=1+1")
    not_served = list(data.not_served)
    not_served[0] = dataclasses.replace(not_served[0], name="@SUM(A1)\x01")
    return dataclasses.replace(
        data,
        warong=dataclasses.replace(data.warong, name=HTML),
        stock=tuple(stock),
        sources=tuple(sources),
        not_served=tuple(not_served),
    )


def test_monthly_pdf_shows_markup_in_names_as_text(tmp_path):
    out = tmp_path / "laporan.pdf"
    write_monthly_report(hostile_report(), out)
    reader = PdfReader(out)
    text = " ".join("".join(page.extract_text() for page in reader.pages).split())
    assert HTML in text
    assert all(not page.images for page in reader.pages)  # no file of this laptop embedded


def test_monthly_workbook_writes_every_text_cell_as_text(tmp_path):
    out = tmp_path / "laporan.xlsx"
    write_monthly_workbook(hostile_report(), out)
    book = load_workbook(out)
    cells = {
        c.value: c.data_type
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }
    assert cells[FORMULA] == "s" and cells["=1+1"] == "s"
    assert cells["@SUM(A1)?"] == "s"  # the control character shown, the file still written
    assert not [v for v, kind in cells.items() if kind == "f"]
