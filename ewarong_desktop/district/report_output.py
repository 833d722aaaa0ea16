"""The district report laid out: terminal text, a PDF (reportlab) and a workbook (openpyxl)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ewarong_desktop.district import independence_output
from ewarong_desktop.district.flags import kind_of
from ewarong_desktop.district.report import FLAG_LABELS, DistrictReport, Figures
from ewarong_desktop.domain.errors import StoreProblem
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_month
from ewarong_desktop.domain.share import format_share
from ewarong_desktop.domain.words import Words, say
from ewarong_desktop.fsio import atomic_writer
from ewarong_desktop.paths import resource_dir

SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _headers(lang: str) -> list[str]:
    if lang == "en":
        return [
            "Code",
            "E-warong",
            "KPM served",
            "Redemptions",
            "Value",
            "Own purchases",
            "Third-party purchases",
            "Own share",
        ]
    return ["Kode", "E-warong", "KPM dilayani", "Transaksi", "Nilai", "Belanja sumber sendiri",
            "Belanja pihak ketiga", "Porsi sendiri"]  # fmt: skip


def _share(fig: Figures, lang: str) -> str:
    return format_share(fig.own_share, lang)


def _cells(fig: Figures, lang: str) -> list[str]:
    return [
        fig.code, fig.name, str(fig.kpm_served), str(fig.redemptions),
        format_rupiah(fig.redeemed_rupiah), format_rupiah(fig.own_rupiah),
        format_rupiah(fig.third_party_rupiah), _share(fig, lang),
    ]  # fmt: skip


def _title(report: DistrictReport, lang: str) -> str:
    return say(
        lang,
        f"Laporan kabupaten {format_month(report.month)}",
        f"District report {format_month(report.month, 'en')}",
    )


def _names(report: DistrictReport) -> dict[str, str]:
    return {f.code: f.name for f in report.warongs}


def unmatched_lines(report: DistrictReport, lang: str = "id") -> list[str]:
    """Flagged records the app could never have made: shown apart, never in the figures."""
    out = []
    for f in (*report.warongs, report.total):
        if not f.has_unmatched:
            continue
        who = f.code or say(lang, "TOTAL KABUPATEN", "DISTRICT TOTAL")
        out.append(
            say(
                lang,
                f"Tidak dapat dicocokkan, {who}: {f.unmatched_redemptions} transaksi "
                f"{format_rupiah(f.unmatched_redeemed_rupiah)}, pembelian "
                f"{format_rupiah(f.unmatched_purchase_rupiah)} (lihat tanda)",
                f"Not matched, {who}: {f.unmatched_redemptions} redemption(s) "
                f"{format_rupiah(f.unmatched_redeemed_rupiah)}, purchases "
                f"{format_rupiah(f.unmatched_purchase_rupiah)} (see the flags)",
            )
        )
    return out


def render_text(report: DistrictReport, lang: str = "id") -> str:
    rows = [_headers(lang)] + [_cells(f, lang) for f in report.warongs]
    total = _cells(report.total, lang)
    total[0], total[1] = "", say(lang, "TOTAL KABUPATEN", "DISTRICT TOTAL")
    rows.append(total)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [_title(report, lang), ""]
    for number, row in enumerate(rows):
        if number == len(rows) - 1:
            lines.append("-" * (sum(widths) + 2 * len(widths)))
        lines.append(
            "  ".join(
                c.ljust(w) if i < 2 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    lines += unmatched_lines(report, lang)
    if report.independence is not None:
        lines += independence_output.text_lines(report.independence, _names(report), lang)
    lines.append("")
    if report.flags:
        lines.append(
            say(lang, f"Tanda terbuka ({len(report.flags)}):", f"Open flags ({len(report.flags)}):")
        )
        lines += [flag.line(lang) for flag in report.flags]
    else:
        lines.append(say(lang, "Tidak ada tanda.", "No flags."))
    return "\n".join(lines)


def _font_files() -> tuple[Path, Path] | None:
    for folder in (resource_dir() / "fonts", SYSTEM_FONT_DIR):
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file():
            return regular, bold if bold.is_file() else regular
    return None


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = _font_files()
    if files is None:
        return "Helvetica", "Helvetica-Bold"
    if "DistrictDejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DistrictDejaVu", str(files[0])))
        pdfmetrics.registerFont(TTFont("DistrictDejaVu-Bold", str(files[1])))
        # So <b> in a paragraph finds the bold face.
        pdfmetrics.registerFontFamily(
            "DistrictDejaVu",
            normal="DistrictDejaVu",
            bold="DistrictDejaVu-Bold",
            italic="DistrictDejaVu",
            boldItalic="DistrictDejaVu-Bold",
        )
    return "DistrictDejaVu", "DistrictDejaVu-Bold"


def _cannot_write(out: Path, exc: OSError) -> StoreProblem:
    return StoreProblem(
        f"Laporan {out} tidak bisa ditulis: {exc}", f"Cannot write the report {out}: {exc}"
    )


def write_pdf(report: DistrictReport, out: Path, lang: str = "id") -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ewarong_desktop.domain.text import escape_markup as escape

    font, bold = _register_fonts()
    title = ParagraphStyle("t", fontName=bold, fontSize=14, leading=18)
    body = ParagraphStyle("b", fontName=font, fontSize=8.5, leading=11)
    cell = ParagraphStyle("c", fontName=font, fontSize=8, leading=10)
    head = ParagraphStyle("h", parent=cell, fontName=bold)
    number = ParagraphStyle("n", parent=cell, alignment=TA_RIGHT)
    number_head = ParagraphStyle("nh", parent=head, alignment=TA_RIGHT)

    def row(cells: list[str], text: ParagraphStyle, figure: ParagraphStyle) -> list[Paragraph]:
        # Paragraph reads markup: an e-warong named `<img src=...>` must stay a name.
        return [Paragraph(escape(c), text if i < 2 else figure) for i, c in enumerate(cells)]

    total = _cells(report.total, lang)
    total[0], total[1] = "", say(lang, "TOTAL KABUPATEN", "DISTRICT TOTAL")
    data = [row(_headers(lang), head, number_head)]
    data += [row(_cells(f, lang), cell, number) for f in report.warongs]
    data.append(row(total, head, number_head))
    table = Table(
        data,
        repeatRows=1,
        colWidths=[28 * mm, 62 * mm, 24 * mm, 28 * mm, 32 * mm, 36 * mm, 36 * mm, 20 * mm],
    )
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f4f4f4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    story = [Paragraph(_title(report, lang), title), Spacer(1, 4 * mm), table, Spacer(1, 6 * mm)]
    story += [Paragraph(escape(text), body) for text in unmatched_lines(report, lang)]
    if report.independence is not None:
        story += independence_output.pdf_flowables(
            report.independence, _names(report), lang, font, bold
        )
        story.append(Spacer(1, 6 * mm))
    flags_title = say(lang, f"Tanda ({len(report.flags)})", f"Flags ({len(report.flags)})")
    story.append(Paragraph(flags_title, ParagraphStyle("f", parent=title, fontSize=11)))
    for flag in report.flags or ():
        story.append(Paragraph(escape(flag.line(lang)), body))
    if not report.flags:
        story.append(Paragraph(say(lang, "Tidak ada tanda.", "No flags."), body))
    generated = report.generated_at.strftime("%Y-%m-%d %H:%M UTC")

    def footer(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(font, 7)  # type: ignore[attr-defined]
        canvas.drawString(  # type: ignore[attr-defined]
            15 * mm,
            8 * mm,
            f"ewarong-district · {generated} · {doc.page}",  # type: ignore[attr-defined]
        )
        canvas.restoreState()  # type: ignore[attr-defined]

    try:
        with atomic_writer(out) as handle:
            doc = SimpleDocTemplate(
                handle,
                pagesize=landscape(A4),
                leftMargin=15 * mm,
                rightMargin=15 * mm,
                topMargin=15 * mm,
                bottomMargin=15 * mm,
                title=_title(report, lang),
            )
            doc.build(story, onFirstPage=footer, onLaterPages=footer)
    except OSError as exc:
        raise _cannot_write(out, exc) from exc


def append_text_row(sheet: Any, values: list[Any]) -> None:
    """Append a row whose strings stay strings: an e-warong named `=HYPERLINK(...)` is shown,
    never run (as `reports.markup.append_text_row`, which the district may not import)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    sheet.append([ILLEGAL_CHARACTERS_RE.sub("?", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def write_xlsx(report: DistrictReport, out: Path, lang: str = "id") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = say(lang, "Ringkasan", "Summary")
    # Every text cell is written as text: an e-warong named `=HYPERLINK(...)` stays a name.
    append_text_row(sheet, [_title(report, lang)])
    sheet["A1"].font = Font(bold=True, size=13)
    append_text_row(sheet, [])
    append_text_row(sheet, _headers(lang))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    # Numbers stay numbers (rupiah as integers) so the office can sum and chart them.
    for f in report.warongs:
        append_text_row(
            sheet,
            [
                f.code,
                f.name,
                f.kpm_served,
                f.redemptions,
                f.redeemed_rupiah,
                f.own_rupiah,
                f.third_party_rupiah,
                f.own_share,
            ],
        )
    t = report.total
    append_text_row(
        sheet,
        [
            "",
            say(lang, "TOTAL KABUPATEN", "DISTRICT TOTAL"),
            t.kpm_served,
            t.redemptions,
            t.redeemed_rupiah,
            t.own_rupiah,
            t.third_party_rupiah,
            t.own_share,
        ],
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    last_figure_row = sheet.max_row
    for text in unmatched_lines(report, lang):
        append_text_row(sheet, [text])
    for row in sheet.iter_rows(min_row=4, max_row=last_figure_row, min_col=5, max_col=7):
        for cell in row:
            cell.number_format = '"Rp"#,##0'
    for row in sheet.iter_rows(min_row=4, max_row=last_figure_row, min_col=8, max_col=8):
        for cell in row:
            cell.number_format = "0.0%"
    for column, width in zip("ABCDEFGH", (16, 32, 12, 12, 16, 20, 20, 12), strict=True):
        sheet.column_dimensions[column].width = width
    if report.independence is not None:
        independence_output.add_sheets(book, report.independence, _names(report), lang)
    flags = book.create_sheet(say(lang, "Tanda", "Flags"))
    append_text_row(
        flags,
        [
            say(lang, "Jenis", "Kind"),
            say(lang, "E-warong", "E-warong"),
            say(lang, "Keterangan", "Detail"),
            "Id",
            say(lang, "Catatan", "Record"),
            say(lang, "Periksa", "Check"),
        ],
    )
    for cell in flags[1]:
        cell.font = Font(bold=True)
    for flag in report.flags:
        label = FLAG_LABELS.get(flag.kind, Words(flag.kind, flag.kind))
        append_text_row(
            flags,
            [
                label.text(lang),
                flag.code,
                flag.message(lang),
                flag.short_id,
                flag.record_id or "",
                kind_of(flag.kind).check(lang),
            ],
        )
    flags.column_dimensions["A"].width = 26
    flags.column_dimensions["C"].width = 110
    try:
        with atomic_writer(out) as handle:
            book.save(handle)
    except OSError as exc:
        raise _cannot_write(out, exc) from exc
