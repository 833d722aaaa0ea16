"""Laporan bulanan: the e-warong's month on A4, for the ketua and the TKSK to sign.

Tables hold plain strings, never paragraphs, so no cell wraps; a table that would be wider
than the page is set in a smaller font instead (`fitted_table`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_month
from ewarong_desktop.domain.quantity import format_quantity
from ewarong_desktop.domain.rules import SOURCE_KIND_LABELS
from ewarong_desktop.domain.share import format_share, ratio
from ewarong_desktop.domain.words import Words
from ewarong_desktop.reports.data import MonthlyReportData, WarongInfo
from ewarong_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts, text_width
from ewarong_desktop.reports.labels import format_change, t
from ewarong_desktop.reports.markup import escape
from ewarong_desktop.reports.output import Output, as_target
from ewarong_desktop.reports.signatures import HEIGHT as SIGNATURES_HEIGHT
from ewarong_desktop.reports.signatures import draw_signatures

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
# SimpleDocTemplate's frame keeps 6 pt of padding on each side; tables fill what is left.
WIDTH = PAGE_W - 2 * MARGIN - 12
BODY = 9.0
PAD = 4.0
OWN_COLOUR = Color(0.18, 0.55, 0.34)
THIRD_COLOUR = Color(0.75, 0.45, 0.2)
_SHADE = Color(0.9, 0.9, 0.9)
_RULE = Color(0.6, 0.6, 0.6)


def _style(name: str, size: float, bold: bool = False, **extra: object) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=FONT_BOLD if bold else FONT, fontSize=size, leading=size * 1.3, **extra
    )


def fitted_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    flex: int = 0,
    width: float = WIDTH,
    size: float = BODY,
    bold_rows: Sequence[int] = (),
) -> Table:
    """A table of one-line cells: column `flex` takes spare width; too wide means smaller type.

    `bold_rows` index into `rows` (the header is always bold).
    """
    register_fonts()
    all_rows = [list(header), *[list(r) for r in rows]]
    bold = {0, *(i + 1 for i in bold_rows)}

    def natural(at: float) -> list[float]:
        widths = [0.0] * len(header)
        for index, row in enumerate(all_rows):
            font = FONT_BOLD if index in bold else FONT
            for col, cell in enumerate(row):
                widths[col] = max(widths[col], text_width(cell, font, at) + 2 * PAD + 1)
        return widths

    widths = natural(size)
    padding = len(widths) * (2 * PAD + 1)
    while sum(widths) > width and size > 2:
        # Padding does not shrink with the type, so scale the text's share only.
        size = max(2.0, int(size * (width - padding) / (sum(widths) - padding) * 10) / 10)
        widths = natural(size)
    widths[flex] += max(0.0, width - sum(widths))
    table = Table(all_rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, size, size * 1.25),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, size, size * 1.25),
        ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, _RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("ALIGN", (col, 0), (col, -1), "RIGHT") for col in right]
    style += [("FONT", (0, r + 1), (-1, r + 1), FONT_BOLD, size, size * 1.25) for r in bold_rows]
    table.setStyle(TableStyle(style))
    return table


def _millions(value: float, lang: str) -> str:
    if value == 0:
        return "0"
    text = f"{value / 1_000_000:.0f}" if value >= 10_000_000 else f"{value / 1_000_000:.1f}"
    if lang != "en":
        text = text.replace(".", ",")
    return f"Rp{text} {'jt' if lang != 'en' else 'M'}"


def trend_chart(data: MonthlyReportData, lang: str, width: float = WIDTH) -> Drawing:
    """Own vs third-party purchases, stacked per month, with the own share above each bar."""
    height = 62 * mm
    drawing = Drawing(width, height, initialFontName=FONT)
    chart = VerticalBarChart()
    chart.x, chart.y = 58, 30
    chart.width, chart.height = width - 58 - 130, height - 30 - 22
    points = data.trend
    chart.data = [
        [p.own_value for p in points] or [0],
        [p.third_party_value for p in points] or [0],
    ]
    chart.categoryAxis.categoryNames = [
        format_month(p.period, lang)[:3] + " " + str(p.period.year)[2:] for p in points
    ] or [""]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    if not any(p.total for p in points):
        # Nothing bought in six months: an honest empty axis, not five labels of "Rp0,0 jt".
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 1_000_000, 500_000
    chart.valueAxis.labelTextFormat = lambda v: _millions(v, lang)
    chart.bars[0].fillColor = OWN_COLOUR
    chart.bars[1].fillColor = THIRD_COLOUR
    chart.bars.strokeColor = white
    chart.barWidth = 10
    chart.groupSpacing = 10
    drawing.add(chart)
    step = chart.width / max(len(points), 1)
    top = max((p.total for p in points), default=0)
    for i, point in enumerate(points):
        bar_top = chart.y + (chart.height * point.total / top if top else 0)
        label = format_share(ratio(point.own_value, point.total), lang)
        drawing.add(
            String(
                chart.x + step * (i + 0.5),
                bar_top + 3,
                label,
                fontName=FONT_BOLD,
                fontSize=7,
                textAnchor="middle",
            )
        )
    legend = Legend()
    legend.x, legend.y = chart.x + chart.width + 14, chart.y + chart.height - 6
    legend.fontName, legend.fontSize = FONT, 7.5
    legend.alignment = "right"
    legend.colorNamePairs = [
        (OWN_COLOUR, t("own_sources", lang)),
        (THIRD_COLOUR, t("third_party", lang)),
    ]
    drawing.add(legend)
    drawing.add(String(legend.x, chart.y, f"% = {t('own_share', lang)}", fontName=FONT, fontSize=7))
    return drawing


def _price(value: int | None) -> str:
    return "-" if value is None else format_rupiah(value)


class SignedDocument(Protocol):
    """What a signature block needs of a document (the monthly and the fund report)."""

    @property
    def warong(self) -> WarongInfo: ...
    @property
    def printed_on(self) -> date: ...
    @property
    def ketua_name(self) -> str: ...
    @property
    def tksk_name(self) -> str: ...


class Signatures(Flowable):
    """Two signing places side by side; drawn, not tabled, so the lines sit where pens go."""

    def __init__(self, data: SignedDocument, lang: str) -> None:
        super().__init__()
        self.data, self.lang = data, lang
        self.width, self.height = WIDTH, SIGNATURES_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        data = self.data
        draw_signatures(
            self.canv,
            0,
            0,
            WIDTH,
            warong=data.warong,
            printed_on=data.printed_on,
            ketua=data.ketua_name,
            tksk=data.tksk_name,
            lang=self.lang,
        )


def _story(data: MonthlyReportData, lang: str) -> list[Flowable]:
    h1 = _style("h1", 14, True, alignment=1)
    h2 = _style("h2", 11, True, spaceBefore=8, spaceAfter=4)
    sub = _style("sub", 10, alignment=1)
    note = _style("note", 8.5)
    month = format_month(data.period, lang)
    warong = data.warong
    story: list[Flowable] = [
        Paragraph(t("report_title", lang), h1),
        Paragraph(escape(f"{t('period', lang)}: {month}"), sub),
        Spacer(0, 4),
        Paragraph(
            escape(
                f"{warong.name} ({warong.code})"
                + (f" — {warong.place()}" if warong.place() else "")
            ),
            sub,
        ),
        Spacer(0, 6),
    ]
    summary_rows = [
        (t("kpm_registered", lang), str(data.kpm_registered)),
        (t("kpm_served", lang), str(data.kpm_served)),
        (t("kpm_not_served", lang), str(data.kpm_not_served)),
        (t("redemptions_count", lang), str(data.redemptions_count)),
        (t("redemptions_value", lang), format_rupiah(data.redemptions_value)),
        (t("entitlement_value", lang), format_rupiah(data.entitlement_value)),
        (t("voided_count", lang), str(data.voided_count)),
    ]
    story += [
        Paragraph(t("summary", lang), h2),
        fitted_table(
            [t("summary", lang), month], summary_rows, right=[1], flex=0, width=WIDTH * 0.7
        ),
    ]
    stock_rows = [
        (
            row.product,
            row.unit,
            format_quantity(row.opening, "", lang),
            format_quantity(row.received, "", lang),
            format_quantity(row.issued, "", lang),
            format_quantity(row.adjusted, "", lang),
            format_quantity(row.closing, "", lang),
        )
        for row in data.stock
    ]
    story += [
        Paragraph(t("stock", lang), h2),
        fitted_table(
            [
                t(k, lang)
                for k in (
                    "product",
                    "unit",
                    "opening",
                    "stock_in",
                    "stock_out",
                    "adjusted",
                    "closing",
                )
            ],
            stock_rows,
            right=[2, 3, 4, 5, 6],
        ),
    ]
    source_rows: list[tuple[str, ...]] = []
    for row in data.sources:
        kind_label = SOURCE_KIND_LABELS.get(row.kind, Words(row.kind, row.kind)).text(lang)
        source_rows.append((kind_label, row.name, str(row.purchases), format_rupiah(row.value)))
    own_count = sum(r.purchases for r in data.sources if r.own)
    third_count = sum(r.purchases for r in data.sources if not r.own)
    totals: list[tuple[str, ...]] = [
        (t("own_sources", lang), "", str(own_count), format_rupiah(data.own_value)),
        (t("third_party", lang), "", str(third_count), format_rupiah(data.third_party_value)),
        (
            t("all_purchases", lang),
            "",
            str(own_count + third_count),
            format_rupiah(data.purchases_value),
        ),
        (
            t("own_share", lang),
            "",
            "",
            format_share(ratio(data.own_value, data.purchases_value), lang),
        ),
    ]
    first_total = len(source_rows)
    purchases: list[Flowable] = [Paragraph(t("purchases", lang), h2)]
    if not data.sources:
        purchases.append(Paragraph(t("no_purchases", lang), note))
    purchases.append(
        fitted_table(
            [t(k, lang) for k in ("source_kind", "source_name", "purchase_count", "value")],
            source_rows + totals,
            right=[2, 3],
            flex=1,
            bold_rows=range(first_total, first_total + len(totals)),
        )
    )
    story.append(KeepTogether(purchases))
    received = data.received_own + data.received_third_party + data.received_unknown
    if received:
        received_rows = [
            (t("own_sources", lang), format_rupiah(data.received_own)),
            (t("third_party", lang), format_rupiah(data.received_third_party)),
        ]
        if data.received_unknown:
            received_rows.append((t("unknown_source", lang), format_rupiah(data.received_unknown)))
        received_rows.append(
            (t("own_share", lang), format_share(ratio(data.received_own, received), lang))
        )
        story.append(
            KeepTogether(
                [
                    Paragraph(t("received_by_source", lang), h2),
                    fitted_table(
                        [t("source_kind", lang), t("value", lang)],
                        received_rows,
                        right=[1],
                        width=WIDTH * 0.7,
                        bold_rows=[len(received_rows) - 1],
                    ),
                ]
            )
        )
    story.append(KeepTogether([Paragraph(t("trend", lang), h2), trend_chart(data, lang)]))
    prev = t("previous", lang)
    price_rows = [
        (
            row.product,
            row.unit,
            _price(row.purchase_price),
            _price(row.purchase_price_previous),
            format_change(row.purchase_price, row.purchase_price_previous, lang),
            _price(row.sale_price),
            _price(row.sale_price_previous),
            format_change(row.sale_price, row.sale_price_previous, lang),
        )
        for row in data.prices
    ]
    story.append(
        KeepTogether(
            [
                Paragraph(t("prices", lang), h2),
                fitted_table(
                    [
                        t("product", lang),
                        t("unit", lang),
                        t("purchase_price", lang),
                        prev,
                        t("change", lang),
                        t("sale_price", lang),
                        prev,
                        t("change", lang),
                    ],
                    price_rows,
                    right=[2, 3, 4, 5, 6, 7],
                ),
            ]
        )
    )
    if data.not_served:
        story += [
            Paragraph(t("not_served_list", lang), h2),
            fitted_table(
                [t("no", lang), t("kpm_name", lang), t("desa", lang)],
                [(str(i), kpm.name, kpm.desa) for i, kpm in enumerate(data.not_served, 1)],
                right=[0],
                flex=1,
            ),
        ]
    story += [Spacer(0, 10), Signatures(data, lang)]
    return story


def write_monthly_report(data: MonthlyReportData, out: Output, *, lang: str = "id") -> None:
    register_fonts()
    month = format_month(data.period, lang)
    footer = f"{data.warong.name} ({data.warong.code}) · {t('report_title', lang)} · {month}"
    title = f"{t('report_title', lang)} {month}"
    build_a4(out, _story(data, lang), title=title, author=data.warong.name, footer=footer)


def build_a4(out: Output, story: list[Any], *, title: str, author: str, footer: str) -> None:
    """An A4 document of the shop's: our margins and font, `footer` and the page number below."""

    def on_page(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(black)
        canvas.drawString(MARGIN, MARGIN - 16, footer)
        canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 16, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        as_target(out),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        creator="ewarong-desktop",
        pageCompression=1,
        initialFontName=FONT,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
