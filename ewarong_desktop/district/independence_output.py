"""The independence section laid out for the district report: terminal lines, PDF flowables
(a small trend line per e-warong) and workbook sheets (a column per month)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ewarong_desktop.district.fund import FundPosition
from ewarong_desktop.district.independence import IndependenceSection
from ewarong_desktop.district.target import ShareTrend
from ewarong_desktop.district.thresholds import TARGET_MONTHS
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_month
from ewarong_desktop.domain.text import escape_markup
from ewarong_desktop.domain.words import say

# The terminal's trend: one character a month, the share in tenths (0-9, X for 100%), "."
# with no purchases; plain ASCII, so a Windows console or a redirected file never chokes.
SPARK = "0123456789X"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def fund_headers(lang: str, first: str = "code") -> list[str]:
    lead = (
        [say(lang, "Kode", "Code"), "E-warong", say(lang, "Kecamatan", "Sub-district")]
        if first == "code"
        else [say(lang, "Kecamatan", "Sub-district")]
    )
    return [
        *lead,
        say(lang, "Dana diterima", "Fund received"),
        say(lang, "Terpakai", "Used"),
        say(lang, "Sisa", "Left"),
        say(lang, "Barang sumber sendiri", "Own-source goods"),
        say(lang, "Porsi sendiri", "Own share"),
    ]


def fund_cells(p: FundPosition, by_kecamatan: bool = False) -> list[str]:
    lead = [p.name] if by_kecamatan else [p.code, p.name, p.kecamatan]
    return [
        *lead,
        format_rupiah(p.received),
        format_rupiah(p.used),
        format_rupiah(p.left),
        format_rupiah(p.own_goods),
        _pct(p.own_share),
    ]


def sparkline(trend: ShareTrend) -> str:
    return "".join("." if s is None else SPARK[int(s * 10 + 1e-9)] for _, s in trend.months)


def status(trend: ShareTrend, target: int | None, lang: str) -> str:
    latest = trend.latest
    if latest is None:
        return say(lang, "tidak ada pembelian", "no purchases")
    if trend.moved_away:
        return say(lang, "menjauh dari target", "moving away")
    if target is None:
        return ""
    if latest * 100 >= target:
        return say(lang, "tercapai", "met")
    return say(lang, "di bawah target", "below target")


def _table(rows: list[list[str]], right_from: int) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.ljust(w) if i < right_from else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]


def fund_title(section: IndependenceSection, lang: str) -> str:
    return say(
        lang,
        f"Dana KUBE per akhir {format_month(section.month)}",
        f"KUBE fund at the end of {format_month(section.month, 'en')}",
    )


def target_title(section: IndependenceSection, lang: str) -> str:
    if section.target is None:
        return say(
            lang,
            f"Porsi sumber sendiri {TARGET_MONTHS} bulan (target belum ditetapkan: "
            "ewarong-district target PERSEN --from TTTT-BB)",
            f"Own-source share over {TARGET_MONTHS} months (no target set: "
            "ewarong-district target PERCENT --from YYYY-MM)",
        )
    return say(
        lang,
        f"Porsi sumber sendiri {TARGET_MONTHS} bulan terhadap target {section.target}%",
        f"Own-source share over {TARGET_MONTHS} months against the {section.target}% target",
    )


def text_lines(section: IndependenceSection, names: Mapping[str, str], lang: str) -> list[str]:
    lines = ["", fund_title(section, lang), ""]
    rows = [fund_headers(lang)] + [fund_cells(p) for p in section.fund]
    total = fund_cells(section.fund_total)
    total[1] = say(lang, "TOTAL KABUPATEN", "DISTRICT TOTAL")
    lines += _table([*rows, total], 3)
    lines += ["", say(lang, "Per kecamatan:", "Per sub-district:")]
    rows = [fund_headers(lang, "kecamatan")]
    rows += [fund_cells(p, True) for p in section.fund_by_kecamatan]
    lines += _table(rows, 1)
    lines += ["", target_title(section, lang), ""]
    first, last = section.month.shift(-(TARGET_MONTHS - 1)), section.month
    span = f"{format_month(first, lang)} – {format_month(last, lang)}"
    rows = [[say(lang, "Kode", "Code"), "E-warong", span, say(lang, "Bulan ini", "This month"),
             say(lang, "Keadaan", "Status")]]  # fmt: skip
    for trend in section.trends:
        this = trend.months[-1][1]
        rows.append(
            [
                trend.code,
                names.get(trend.code, trend.code),
                sparkline(trend),
                _pct(this),
                status(trend, section.target, lang),
            ]
        )
    lines += _table(rows, 3)
    return lines


# --- PDF --------------------------------------------------------------------------------


def trend_drawing(trend: ShareTrend, target: int | None, width: float, height: float) -> Any:
    """The share month by month as a line (gaps where nothing was bought), the target dashed."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
    from reportlab.lib import colors

    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, strokeColor=colors.HexColor("#dddddd"),
                     fillColor=None, strokeWidth=0.3))  # fmt: skip
    pad = 2.0
    n = len(trend.months)

    def x(i: int) -> float:
        return pad + (width - 2 * pad) * (i / max(1, n - 1))

    def y(share: float) -> float:
        return pad + (height - 2 * pad) * share

    if target is not None:
        drawing.add(Line(0, y(target / 100), width, y(target / 100),
                         strokeColor=colors.HexColor("#888888"), strokeWidth=0.5,
                         strokeDashArray=[2, 2]))  # fmt: skip
    below = trend.latest is not None and target is not None and trend.latest * 100 < target
    colour = colors.HexColor("#c0392b" if trend.moved_away else "#c07020" if below else "#2e8b57")
    run: list[float] = []
    for i, (_, share) in enumerate(trend.months):
        if share is None:
            if len(run) >= 4:
                drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1))
            run = []
            continue
        run += [x(i), y(share)]
        drawing.add(Circle(x(i), y(share), 1.3, fillColor=colour, strokeColor=None))
    if len(run) >= 4:
        drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1))
    return drawing


def pdf_flowables(
    section: IndependenceSection, names: Mapping[str, str], lang: str, font: str, bold: str
) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    h2 = ParagraphStyle("h2i", fontName=bold, fontSize=11, leading=14, spaceBefore=6)
    cell = ParagraphStyle("ci", fontName=font, fontSize=8, leading=10)
    head = ParagraphStyle("hi", parent=cell, fontName=bold)
    number = ParagraphStyle("ni", parent=cell, alignment=TA_RIGHT)
    number_head = ParagraphStyle("nhi", parent=head, alignment=TA_RIGHT)
    grid = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]

    def row(cells: list[str], text: ParagraphStyle, fig: ParagraphStyle, lead: int) -> list[Any]:
        return [Paragraph(escape_markup(c), text if i < lead else fig) for i, c in enumerate(cells)]

    total = fund_cells(section.fund_total)
    total[1] = say(lang, "TOTAL KABUPATEN", "DISTRICT TOTAL")
    data = [row(fund_headers(lang), head, number_head, 3)]
    data += [row(fund_cells(p), cell, number, 3) for p in section.fund]
    data.append(row(total, head, number_head, 3))
    widths = [26 * mm, 52 * mm, 32 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm, 20 * mm]
    fund_table = Table(data, repeatRows=1, hAlign="LEFT", colWidths=widths)
    fund_table.setStyle(TableStyle([*grid, ("BACKGROUND", (0, -1), (-1, -1),
                                            colors.HexColor("#f4f4f4"))]))  # fmt: skip
    kec = [row(fund_headers(lang, "kecamatan"), head, number_head, 1)]
    kec += [row(fund_cells(p, True), cell, number, 1) for p in section.fund_by_kecamatan]
    kec_table = Table(
        kec, repeatRows=1, hAlign="LEFT", colWidths=[50 * mm] + [30 * mm] * 4 + [20 * mm]
    )
    kec_table.setStyle(TableStyle(grid))
    story: list[Any] = [
        Spacer(1, 4 * mm),
        Paragraph(fund_title(section, lang), h2),
        Spacer(1, 2 * mm),
        fund_table,
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                Paragraph(say(lang, "Per kecamatan", "Per sub-district"), h2),
                Spacer(1, 2 * mm),
                kec_table,
            ]
        ),
    ]
    first = section.month.shift(-(TARGET_MONTHS - 1))
    span = f"{format_month(first, lang)} – {format_month(section.month, lang)}"
    trend_rows = [[Paragraph(h, head) for h in (say(lang, "Kode", "Code"), "E-warong", span)]
                  + [Paragraph(say(lang, "Bulan ini", "This month"), number_head),
                     Paragraph(say(lang, "Keadaan", "Status"), head)]]  # fmt: skip
    for trend in section.trends:
        trend_rows.append(
            [
                Paragraph(escape_markup(trend.code), cell),
                Paragraph(escape_markup(names.get(trend.code, trend.code)), cell),
                trend_drawing(trend, section.target, 70 * mm, 11 * mm),
                Paragraph(_pct(trend.months[-1][1]), number),
                Paragraph(escape_markup(status(trend, section.target, lang)), cell),
            ]
        )
    trend_table = Table(trend_rows, repeatRows=1, hAlign="LEFT",
                        colWidths=[26 * mm, 62 * mm, 74 * mm, 22 * mm, 40 * mm])  # fmt: skip
    trend_table.setStyle(TableStyle(grid))
    note = ParagraphStyle("noi", parent=cell, textColor=colors.HexColor("#555555"))
    story += [
        Spacer(1, 3 * mm),
        Paragraph(target_title(section, lang), h2),
        Paragraph(
            say(
                lang,
                "Garis putus-putus: target. Hijau: tercapai; jingga: di bawah target; merah: "
                "menjauh dari target. Bulan tanpa pembelian tidak bergaris.",
                "Dashed line: the target. Green: met; orange: below target; red: moving away "
                "from it. Months with no purchases leave a gap.",
            ),
            note,
        ),
        Spacer(1, 2 * mm),
        trend_table,
    ]
    return story


# --- XLSX -------------------------------------------------------------------------------


def add_sheets(
    book: Any, section: IndependenceSection, names: Mapping[str, str], lang: str
) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    sheet = book.create_sheet(say(lang, "Dana KUBE", "KUBE fund"))
    sheet.append([fund_title(section, lang)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(fund_headers(lang))
    for c in sheet[3]:
        c.font = bold

    def numbers(p: FundPosition) -> list[Any]:
        return [p.received, p.used, p.left, p.own_goods, p.own_share]

    for p in section.fund:
        sheet.append([p.code, p.name, p.kecamatan, *numbers(p)])
    sheet.append(["", say(lang, "TOTAL KABUPATEN", "DISTRICT TOTAL"), "",
                  *numbers(section.fund_total)])  # fmt: skip
    for c in sheet[sheet.max_row]:
        c.font = bold
    sheet.append([])
    sheet.append(["", "", *fund_headers(lang, "kecamatan")])
    for c in sheet[sheet.max_row]:
        c.font = bold
    for p in section.fund_by_kecamatan:
        sheet.append(["", "", p.name, *numbers(p)])
    for row in sheet.iter_rows(min_row=4, min_col=4, max_col=7):
        for c in row:
            c.number_format = '"Rp"#,##0'
    for row in sheet.iter_rows(min_row=4, min_col=8, max_col=8):
        for c in row:
            c.number_format = "0%"
    for column, width in zip("ABCDEFGH", (16, 30, 20, 16, 16, 16, 22, 12), strict=True):
        sheet.column_dimensions[column].width = width

    target = book.create_sheet(say(lang, "Target", "Target"))
    target.append([target_title(section, lang)])
    target["A1"].font = Font(bold=True, size=13)
    target.append([say(lang, "Target (%)", "Target (%)"), section.target])
    months = [p for p, _ in section.trends[0].months] if section.trends else []
    target.append([say(lang, "Kode", "Code"), "E-warong", *[str(m) for m in months],
                   say(lang, "Keadaan", "Status")])  # fmt: skip
    for c in target[3]:
        c.font = bold
    for trend in section.trends:
        shares = [s for _, s in trend.months]
        target.append(
            [trend.code, names.get(trend.code, trend.code), *shares,
             status(trend, section.target, lang)]
        )  # fmt: skip
    for row in target.iter_rows(min_row=4, min_col=3, max_col=2 + len(months)):
        for c in row:
            c.number_format = "0%"
    target.column_dimensions["A"].width = 16
    target.column_dimensions["B"].width = 30
