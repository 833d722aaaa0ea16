import dataclasses
from io import BytesIO

import openpyxl

from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.share import ratio
from ewarong_desktop.reports import write_monthly_report, write_monthly_workbook
from ewarong_desktop.reports.data import TrendPoint
from ewarong_desktop.reports.monthly import fitted_table
from ewarong_desktop.reports.samples import LONG_NAME, sample_monthly_report
from tests.reports.pdfcheck import (
    embedded_fonts,
    has_run,
    page_lines,
    page_texts,
    render_first_page,
)


def _pdf(data, **kwargs) -> bytes:
    out = BytesIO()
    write_monthly_report(data, out, **kwargs)
    return out.getvalue()


def test_report_has_every_figure():
    data = sample_monthly_report()
    pdf = _pdf(data)
    render_first_page(pdf, "monthly-report")
    text = "\n".join(page_texts(pdf))
    lines = page_lines(text)
    assert "LAPORAN BULANAN E-WARONG" in text and "Periode: Mei 2020" in text
    assert has_run(lines, "KPM terdaftar", "412")
    assert has_run(lines, "KPM sudah dilayani", "409")
    assert has_run(lines, "KPM belum dilayani", "3")
    assert has_run(lines, "Jumlah transaksi", "455")
    assert has_run(lines, "Nilai transaksi", format_rupiah(data.redemptions_value))
    for row in data.stock:
        assert has_run(lines, row.product, row.unit), row
    for row in data.sources:
        assert has_run(lines, row.name, str(row.purchases), format_rupiah(row.value))
    assert has_run(lines, "Sumber sendiri", "12", format_rupiah(data.own_value))
    assert has_run(lines, "Pihak ketiga", "3", format_rupiah(data.third_party_value))
    assert has_run(lines, "Porsi sumber sendiri", "48,6%")
    assert "Barang yang diterima KPM menurut sumber" in lines
    assert has_run(lines, "Sumber sendiri", format_rupiah(data.received_own))
    assert has_run(lines, "Tanpa asal (temuan stok opname)", format_rupiah(data.received_unknown))
    assert "Tren pembelian 6 bulan" in text
    prices = ("Rp10.120", "Rp10.350", "-2,2%", "Rp11.500", "Rp11.750", "-2,1%")
    assert has_run(lines, "Beras medium", "kg", *prices)
    assert LONG_NAME in text
    assert "Ketua e-warong" in text and "TKSK" in text and "Hj. Sumiati" in text


def test_report_in_english_embeds_only_dejavu():
    pdf = _pdf(sample_monthly_report(), lang="en")
    text = "\n".join(page_texts(pdf))
    assert "E-WARONG MONTHLY REPORT" in text and has_run(
        page_lines(text), "Own-sources share", "48.6%"
    )
    assert all("DejaVuSans" in name for name in embedded_fonts(pdf))


def test_wide_table_shrinks_instead_of_wrapping():
    table = fitted_table(["Name", "Value"], [(LONG_NAME * 3, "Rp1.000")], width=300)
    assert sum(table._colWidths) <= 300.5
    assert table._cellStyles[1][0].fontsize < 9


def test_workbook_numbers_are_numbers():
    data = sample_monthly_report()
    out = BytesIO()
    write_monthly_workbook(data, out)
    book = openpyxl.load_workbook(BytesIO(out.getvalue()))
    assert book.sheetnames[0] == "Ringkasan"
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Nilai transaksi"] == data.redemptions_value
    assert summary["KPM belum dilayani"] == 3
    # The ratio the PDF and the window show, rounded once: 48,6% in a 0.0% cell.
    assert summary["Porsi sumber sendiri"] == ratio(data.own_value, data.purchases_value) == 0.486
    stock = list(book["Stok barang"].iter_rows(values_only=True))
    assert stock[1][0] == data.stock[0].product and stock[1][6] == data.stock[0].closing
    sources = list(book["Pembelian menurut sumber"].iter_rows(values_only=True))[1:]
    assert sum(r[4] for r in sources) == data.purchases_value
    assert len(list(book["Tren pembelian 6 bulan"].iter_rows())) == 7
    received = dict(book["Diterima KPM per sumber"].iter_rows(min_row=2, values_only=True))
    assert received["Sumber sendiri"] == data.received_own


def test_english_workbook_sheet_names_fit_excel():
    out = BytesIO()
    write_monthly_workbook(sample_monthly_report(), out, lang="en")
    names = openpyxl.load_workbook(BytesIO(out.getvalue())).sheetnames
    assert names[0] == "Summary" and "Received by source" in names
    assert all(len(name) <= 31 for name in names)


def test_a_month_with_nothing_in_it_still_prints():
    empty = dataclasses.replace(
        sample_monthly_report(),
        stock=(),
        sources=(),
        trend=tuple(TrendPoint(p.period, 0, 0) for p in sample_monthly_report().trend),
        prices=(),
        not_served=(),
        redemptions_count=0,
        redemptions_value=0,
        received_own=0,
        received_third_party=0,
        received_unknown=0,
    )
    pdf = _pdf(empty)
    render_first_page(pdf, "monthly-report-empty")
    lines = page_lines("\n".join(page_texts(pdf)))
    assert "Tidak ada pembelian bulan ini." in lines
    assert has_run(lines, "Porsi sumber sendiri", "-")
    assert lines.count("Rp0,0 jt") == 0
