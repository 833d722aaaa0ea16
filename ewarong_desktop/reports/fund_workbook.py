"""The KUBE fund report's tables as an Excel workbook: amounts as numbers, dates as dates."""

from __future__ import annotations

from openpyxl import Workbook

from ewarong_desktop.domain.fund import purpose_label
from ewarong_desktop.domain.periods import format_date
from ewarong_desktop.domain.states import FundKind
from ewarong_desktop.reports.fund import describe
from ewarong_desktop.reports.fund_data import FundReportData
from ewarong_desktop.reports.labels import t
from ewarong_desktop.reports.output import Output, as_target
from ewarong_desktop.reports.workbook import PERCENT_FORMAT, RUPIAH_FORMAT, _sheet


def write_fund_workbook(data: FundReportData, out: Output, *, lang: str = "id") -> None:
    book = Workbook()
    book.remove(book.active)
    w = data.warong
    goods = data.own_goods + data.supplier_goods
    summary = _sheet(
        book,
        t("summary", lang),
        [t("fund_title", lang), t("fund_as_of", lang, date=format_date(data.as_of, lang))],
        [
            (t("ewarong", lang), f"{w.name} ({w.code})"),
            (t("fund_received", lang), data.received),
            (t("fund_used", lang), data.used),
            (t("fund_balance", lang), data.balance),
            (t("fund_own_goods", lang), data.own_goods),
            (t("fund_supplier_goods", lang), data.supplier_goods),
            (t("fund_own_share", lang), data.own_goods / data.used if data.used else None),
            (t("own_share", lang), data.own_goods / goods if goods else None),
        ],
    )
    for row in range(3, 8):
        summary.cell(row=row, column=2).number_format = RUPIAH_FORMAT
    for row in (8, 9):
        summary.cell(row=row, column=2).number_format = PERCENT_FORMAT
    _sheet(
        book,
        t("fund_entries", lang),
        [
            t("date", lang),
            t("fund_what", lang),
            t("purpose", lang),
            t("fund_in", lang),
            t("fund_out", lang),
            t("fund_balance", lang),
            t("void_reason", lang),
        ],
        [
            (
                line.date,
                describe(line, lang),
                line.purpose or "",
                line.amount if line.kind == FundKind.TRANCHE and not line.voided else None,
                line.amount if line.kind == FundKind.USE and not line.voided else None,
                line.balance_after,
                line.void_reason if line.voided else None,
            )
            for line in data.lines
        ],
        {0: "yyyy-mm-dd", 3: RUPIAH_FORMAT, 4: RUPIAH_FORMAT, 5: RUPIAH_FORMAT},
    )
    _sheet(
        book,
        t("fund_by_purpose", lang),
        [t("purpose", lang), t("value", lang), t("share", lang)],
        [
            (purpose_label(p, lang), v, v / data.used if data.used else None)
            for p, v in data.used_by_purpose
        ],
        {1: RUPIAH_FORMAT, 2: PERCENT_FORMAT},
    )
    book.properties.title = t("fund_title", lang)
    book.properties.creator = "ewarong-desktop"
    book.save(as_target(out))
