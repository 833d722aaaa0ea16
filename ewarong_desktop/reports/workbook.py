"""The monthly report's tables as an Excel workbook, for district staff who work in Excel.

Amounts are numbers (whole rupiah with an `Rp` number format), quantities exact decimals, so
the sheets add up in Excel the same as on paper. Identity numbers never appear here.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ewarong_desktop.domain.periods import format_date, format_month
from ewarong_desktop.domain.rules import SOURCE_KIND_LABELS
from ewarong_desktop.domain.share import ratio
from ewarong_desktop.domain.words import Words
from ewarong_desktop.reports.data import MonthlyReportData
from ewarong_desktop.reports.labels import t
from ewarong_desktop.reports.markup import append_text_row
from ewarong_desktop.reports.output import Output, as_target

RUPIAH_FORMAT = '"Rp"#,##0'
QUANTITY_FORMAT = "#,##0.###"
PERCENT_FORMAT = "0.0%"
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")

Cell = str | int | float | object


def _sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    formats: dict[int, str] | None = None,
) -> Worksheet:
    sheet = book.create_sheet(title[:31])  # Excel's limit for a sheet name
    append_text_row(sheet, header)
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    for row in rows:
        append_text_row(sheet, row)
    for col, number_format in (formats or {}).items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col + 1, max_col=col + 1):
            cell.number_format = number_format
    for col in range(1, len(header) + 1):
        letter = get_column_letter(col)
        longest = max(len(str(c.value or "")) for c in sheet[letter])
        sheet.column_dimensions[letter].width = min(max(longest + 2, 8), 60)
    sheet.freeze_panes = "A2"
    return sheet


def write_monthly_workbook(data: MonthlyReportData, out: Output, *, lang: str = "id") -> None:
    book = Workbook()
    book.remove(book.active)
    month = format_month(data.period, lang)
    w = data.warong
    summary = _sheet(
        book,
        t("summary", lang),
        [t("summary", lang), month],
        [
            (t("ewarong", lang), f"{w.name} ({w.code})"),
            (t("period", lang), str(data.period)),
            (t("kpm_registered", lang), data.kpm_registered),
            (t("kpm_served", lang), data.kpm_served),
            (t("kpm_not_served", lang), data.kpm_not_served),
            (t("redemptions_count", lang), data.redemptions_count),
            (t("redemptions_value", lang), data.redemptions_value),
            (t("entitlement_value", lang), data.entitlement_value),
            (t("voided_count", lang), data.voided_count),
            (t("own_sources", lang), data.own_value),
            (t("third_party", lang), data.third_party_value),
            (t("all_purchases", lang), data.purchases_value),
            (
                t("own_share", lang),
                ratio(data.own_value, data.purchases_value),
            ),
            (t("printed", lang, date=format_date(data.printed_on, lang)), ""),
        ],
    )
    for row in (8, 9, 11, 12, 13):
        summary.cell(row=row, column=2).number_format = RUPIAH_FORMAT
    summary.cell(row=14, column=2).number_format = PERCENT_FORMAT

    _sheet(
        book,
        t("stock", lang),
        [
            t(k, lang)
            for k in ("product", "unit", "opening", "stock_in", "stock_out", "adjusted", "closing")
        ],
        [
            (r.product, r.unit, r.opening, r.received, r.issued, r.adjusted, r.closing)
            for r in data.stock
        ],
        {c: QUANTITY_FORMAT for c in range(2, 7)},
    )
    _sheet(
        book,
        t("purchases", lang),
        [
            t("source_kind", lang),
            t("source_name", lang),
            t("own_sources", lang),
            t("purchase_count", lang),
            t("value", lang),
        ],
        [
            (
                SOURCE_KIND_LABELS.get(r.kind, Words(r.kind, r.kind)).text(lang),
                r.name,
                r.own,
                r.purchases,
                r.value,
            )
            for r in data.sources
        ],
        {4: RUPIAH_FORMAT},
    )
    _sheet(
        book,
        t("received_sheet", lang),
        [t("source_kind", lang), t("value", lang)],
        [
            (t("own_sources", lang), data.received_own),
            (t("third_party", lang), data.received_third_party),
            (t("unknown_source", lang), data.received_unknown),
        ],
        {1: RUPIAH_FORMAT},
    )
    _sheet(
        book,
        t("trend", lang),
        [
            t("period", lang),
            t("own_sources", lang),
            t("third_party", lang),
            t("all_purchases", lang),
            t("own_share", lang),
        ],
        [
            (
                str(p.period),
                p.own_value,
                p.third_party_value,
                p.total,
                ratio(p.own_value, p.total),
            )
            for p in data.trend
        ],
        {1: RUPIAH_FORMAT, 2: RUPIAH_FORMAT, 3: RUPIAH_FORMAT, 4: PERCENT_FORMAT},
    )
    prev = t("previous", lang)
    _sheet(
        book,
        t("prices", lang),
        [
            t("product", lang),
            t("unit", lang),
            t("purchase_price", lang),
            f"{t('purchase_price', lang)} ({prev})",
            t("sale_price", lang),
            f"{t('sale_price', lang)} ({prev})",
        ],
        [
            (
                r.product,
                r.unit,
                r.purchase_price,
                r.purchase_price_previous,
                r.sale_price,
                r.sale_price_previous,
            )
            for r in data.prices
        ],
        {c: RUPIAH_FORMAT for c in range(2, 6)},
    )
    _sheet(
        book,
        t("kpm_not_served", lang),
        [t("no", lang), t("kpm_name", lang), t("desa", lang)],
        [(i, kpm.name, kpm.desa) for i, kpm in enumerate(data.not_served, 1)],
    )
    book.properties.title = f"{t('report_title', lang)} {month}"
    book.properties.creator = "ewarong-desktop"
    book.save(as_target(out))
