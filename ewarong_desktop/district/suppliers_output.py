"""`ewarong-district suppliers` laid out: terminal text, a PDF and a workbook."""

from __future__ import annotations

from pathlib import Path

from ewarong_desktop.district.suppliers import SupplierReport
from ewarong_desktop.district.thresholds import SUPPLIER_DISTRICT_SHARE, SUPPLIER_WARONG_SHARE
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_month
from ewarong_desktop.domain.words import say
from ewarong_desktop.fsio import atomic_writer


def title(report: SupplierReport, lang: str) -> str:
    if report.month is None:
        return say(lang, "Pemasok pihak ketiga, semua bulan", "Third-party suppliers, all months")
    return say(
        lang,
        f"Pemasok pihak ketiga {format_month(report.month)}",
        f"Third-party suppliers {format_month(report.month, 'en')}",
    )


def headers(lang: str) -> list[str]:
    return [
        say(lang, "Pemasok", "Supplier"),
        "NPWP/NIB",
        say(lang, "Ejaan di e-warong", "Spellings at e-warongs"),
        "E-warong",
        say(lang, "Nilai", "Value"),
        say(lang, "Porsi barang kabupaten", "Share of district goods"),
    ]


def _share(value: float | None, lang: str) -> str:
    if value is None:
        return "-"
    text = f"{value * 100:.1f}%"
    return text if lang == "en" else text.replace(".", ",")


def cells(report: SupplierReport, lang: str) -> list[list[str]]:
    return [
        [
            s.name,
            s.tax_id or "-",
            "; ".join(s.spellings),
            str(len(s.warongs)),
            format_rupiah(s.rupiah),
            _share(s.share, lang),
        ]
        for s in report.suppliers
    ]


def rules(lang: str) -> str:
    warong, district = round(SUPPLIER_WARONG_SHARE * 100), round(SUPPLIER_DISTRICT_SHARE * 100)
    return say(
        lang,
        f"Ditandai: e-warong yang mengambil lebih dari {warong}% barang sebulan dari satu "
        f"pemasok; pemasok dengan lebih dari {district}% barang kabupaten sebulan.",
        f"Flagged: an e-warong that took more than {warong}% of a month's goods from one "
        f"supplier; a supplier with more than {district}% of the district's goods in a month.",
    )


def render_text(report: SupplierReport, lang: str = "id") -> str:
    rows = [headers(lang), *cells(report, lang)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [title(report, lang), ""]
    for r in rows:
        pairs = enumerate(zip(r, widths, strict=True))
        lines.append("  ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in pairs))
    lines += [
        "",
        say(lang, "Semua barang dibeli: ", "All goods bought: ")
        + format_rupiah(report.goods_rupiah),
    ]
    if report.month is not None:
        lines += ["", rules(lang)]
        for f in report.findings:
            lines.append(f"- {f.message(lang)}")
        if not report.findings:
            lines.append(say(lang, "Tidak ada tanda.", "No flags."))
    return "\n".join(lines)


def write_pdf(report: SupplierReport, out: Path, lang: str = "id") -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ewarong_desktop.district.report_output import _cannot_write, _register_fonts

    font, bold = _register_fonts()
    h1 = ParagraphStyle("t", fontName=bold, fontSize=14, leading=18)
    body = ParagraphStyle("b", fontName=font, fontSize=8.5, leading=11)
    cell = ParagraphStyle("c", fontName=font, fontSize=8, leading=10)
    head = ParagraphStyle("h", parent=cell, fontName=bold)
    number = ParagraphStyle("n", parent=cell, alignment=TA_RIGHT)
    number_head = ParagraphStyle("nh", parent=head, alignment=TA_RIGHT)
    data = [[Paragraph(escape(c), head if i < 3 else number_head)
             for i, c in enumerate(headers(lang))]]  # fmt: skip
    data += [[Paragraph(escape(c), cell if i < 3 else number) for i, c in enumerate(row)]
             for row in cells(report, lang)]  # fmt: skip
    table = Table(data, repeatRows=1,
                  colWidths=[62 * mm, 36 * mm, 80 * mm, 20 * mm, 32 * mm, 30 * mm])  # fmt: skip
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    story = [Paragraph(escape(title(report, lang)), h1), Spacer(1, 4 * mm), table,
             Spacer(1, 4 * mm),
             Paragraph(escape(say(lang, "Semua barang dibeli: ", "All goods bought: ")
                              + format_rupiah(report.goods_rupiah)), body)]  # fmt: skip
    if report.month is not None:
        story += [Spacer(1, 4 * mm), Paragraph(escape(rules(lang)), body), Spacer(1, 2 * mm)]
        for f in report.findings:
            story.append(Paragraph("• " + escape(f.message(lang)), body))
        if not report.findings:
            story.append(Paragraph(say(lang, "Tidak ada tanda.", "No flags."), body))
    try:
        with atomic_writer(out) as handle:
            doc = SimpleDocTemplate(handle, pagesize=landscape(A4), leftMargin=15 * mm,
                                    rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
                                    title=title(report, lang))  # fmt: skip
            doc.build(story)
    except OSError as exc:
        raise _cannot_write(out, exc) from exc


def write_xlsx(report: SupplierReport, out: Path, lang: str = "id") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ewarong_desktop.district.report_output import _cannot_write

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = say(lang, "Pemasok", "Suppliers")
    sheet.append([title(report, lang)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append([*headers(lang), say(lang, "Kode e-warong", "E-warong codes")])
    for c in sheet[3]:
        c.font = Font(bold=True)
    for s in report.suppliers:
        sheet.append([s.name, s.tax_id, "; ".join(s.spellings), len(s.warongs), s.rupiah,
                      s.share, ", ".join(s.warongs)])  # fmt: skip
    for row in sheet.iter_rows(min_row=4, min_col=5, max_col=5):
        for c in row:
            c.number_format = '"Rp"#,##0'
    for row in sheet.iter_rows(min_row=4, min_col=6, max_col=6):
        for c in row:
            c.number_format = "0.0%"
    for column, width in zip("ABCDEFG", (34, 20, 50, 10, 18, 14, 40), strict=True):
        sheet.column_dimensions[column].width = width
    flags = book.create_sheet(say(lang, "Tanda", "Flags"))
    flags.append([say(lang, "Jenis", "Kind"), "E-warong", say(lang, "Keterangan", "Detail")])
    for c in flags[1]:
        c.font = Font(bold=True)
    for f in report.findings:
        flags.append([f.kind, f.code, f.message(lang)])
    flags.column_dimensions["C"].width = 110
    try:
        with atomic_writer(out) as handle:
            book.save(handle)
    except OSError as exc:
        raise _cannot_write(out, exc) from exc
