"""Laporan penggunaan dana KUBE: each tranche, each use, the balance, and how much of the
fund bought goods from own sources versus suppliers, on A4 for the ketua and the TKSK to sign.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from ewarong_desktop.domain.fund import purpose_label
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_date
from ewarong_desktop.domain.share import format_share, ratio
from ewarong_desktop.domain.states import FundKind
from ewarong_desktop.reports.fonts import register_fonts
from ewarong_desktop.reports.fund_data import FundLine, FundReportData
from ewarong_desktop.reports.labels import t
from ewarong_desktop.reports.markup import escape
from ewarong_desktop.reports.monthly import (
    WIDTH,
    Signatures,
    _style,
    build_a4,
    fitted_table,
)
from ewarong_desktop.reports.output import Output


def describe(line: FundLine, lang: str) -> str:
    """`Tahap 1 (B-123/DINSOS/2019)` or `Peralatan — timbangan`, with a void's reason."""
    if line.kind == FundKind.TRANCHE:
        text = t("fund_tranche", lang, stage=line.stage)
        if line.reference:
            text += f" ({line.reference})"
    else:
        text = purpose_label(line.purpose, lang)
    if line.note:
        text += f" — {line.note}"
    if line.voided:
        text = f"{t('fund_voided', lang, reason=line.void_reason or '')}; {text}"
    return text


def _entry_rows(data: FundReportData, lang: str) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for line in data.lines:
        money = format_rupiah(line.amount)
        if line.voided:
            money = f"({money})"
        rows.append(
            (
                format_date(line.date, lang),
                describe(line, lang),
                money if line.kind == FundKind.TRANCHE else "",
                money if line.kind == FundKind.USE else "",
                "" if line.balance_after is None else format_rupiah(line.balance_after),
            )
        )
    return rows


def _story(data: FundReportData, lang: str) -> list[Flowable]:
    h1 = _style("h1", 14, True, alignment=1)
    h2 = _style("h2", 11, True, spaceBefore=8, spaceAfter=4)
    sub = _style("sub", 10, alignment=1)
    note = _style("note", 8.5)
    w = data.warong
    story: list[Flowable] = [
        Paragraph(t("fund_title", lang), h1),
        Paragraph(t("fund_as_of", lang, date=format_date(data.as_of, lang)), sub),
        Spacer(0, 4),
        Paragraph(escape(f"{w.name} ({w.code})" + (f" — {w.place()}" if w.place() else "")), sub),
        Spacer(0, 6),
        fitted_table(
            [t("summary", lang), format_date(data.as_of, lang)],
            [
                (t("fund_received", lang), format_rupiah(data.received)),
                (t("fund_used", lang), format_rupiah(data.used)),
                (t("fund_balance", lang), format_rupiah(data.balance)),
            ],
            right=[1],
            width=WIDTH * 0.7,
            bold_rows=[2],
        ),
        Paragraph(t("fund_entries", lang), h2),
    ]
    if data.lines:
        story.append(
            fitted_table(
                [
                    t("date", lang),
                    t("fund_what", lang),
                    t("fund_in", lang),
                    t("fund_out", lang),
                    t("fund_balance", lang),
                ],
                _entry_rows(data, lang),
                right=[2, 3, 4],
                flex=1,
            )
        )
    else:
        story.append(Paragraph(t("fund_no_entries", lang), note))
    purpose_rows = [
        (purpose_label(p, lang), format_rupiah(v), format_share(ratio(v, data.used), lang))
        for p, v in data.used_by_purpose
    ]
    purpose_rows.append((t("fund_used", lang), format_rupiah(data.used), ""))
    goods = data.own_goods + data.supplier_goods
    goods_rows = [
        (t("fund_own_goods", lang), format_rupiah(data.own_goods)),
        (t("fund_supplier_goods", lang), format_rupiah(data.supplier_goods)),
        (t("fund_own_share", lang), format_share(ratio(data.own_goods, data.used), lang)),
        (t("own_share", lang) + " (" + t("fund_goods", lang).lower() + ")",
         format_share(ratio(data.own_goods, goods), lang)),
    ]  # fmt: skip
    story += [
        KeepTogether(
            [
                Paragraph(t("fund_by_purpose", lang), h2),
                fitted_table(
                    [t("purpose", lang), t("value", lang), t("share", lang)],
                    purpose_rows,
                    right=[1, 2],
                    width=WIDTH * 0.7,
                    bold_rows=[len(purpose_rows) - 1],
                ),
            ]
        ),
        KeepTogether(
            [
                Paragraph(t("fund_goods", lang), h2),
                fitted_table(
                    [t("source_kind", lang), t("value", lang)],
                    goods_rows,
                    right=[1],
                    width=WIDTH * 0.7,
                    bold_rows=[2, 3],
                ),
            ]
        ),
        Spacer(0, 10),
        Signatures(data, lang),
    ]
    return story


def write_fund_report(data: FundReportData, out: Output, *, lang: str = "id") -> None:
    register_fonts()
    title = t("fund_title", lang)
    footer = f"{data.warong.name} ({data.warong.code}) · {title} · {format_date(data.as_of, lang)}"

    build_a4(out, _story(data, lang), title=title, author=data.warong.name, footer=footer)
