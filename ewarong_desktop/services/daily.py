"""Rekap harian: the day's close at the counter, per operator and for the whole shop."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.states import Status
from ewarong_desktop.reports.data import DailySummary, MonthTotal, ProductTotal
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.redemption import redemptions_on as todays_redemptions


def daily_summary(
    ctx: ServiceContext, day: date | None = None, operator: str | None = None
) -> DailySummary:
    from ewarong_desktop.services.profile import get_profile

    day = day or ctx.today()
    rows = todays_redemptions(ctx, day)
    operators = tuple(sorted({r.operator_name for r in rows}))
    if operator is not None:
        rows = [r for r in rows if r.operator_name == operator]
    done = [r for r in rows if r.status == Status.COMPLETED]
    voided = [r for r in rows if r.status == Status.VOIDED]
    products: dict[tuple[str, str], list] = defaultdict(lambda: [Decimal(0), 0])
    months: dict[Period, list[int]] = defaultdict(lambda: [0, 0])
    for row in done:
        for line in row.lines:
            total = products[(line.product_name, line.unit)]
            total[0] += line.quantity
            total[1] += line.total_rupiah
        months[row.period][0] += 1
        months[row.period][1] += row.total_rupiah
    return DailySummary(
        day=day,
        operator=operator,
        warong_name=get_profile(ctx).name,
        transactions=len({r.basket_id or r.id for r in done}),
        kpm_served=len({r.beneficiary_id for r in done}),
        total_rupiah=sum(r.total_rupiah for r in done),
        by_product=tuple(
            ProductTotal(name, unit, qty, rupiah)
            for (name, unit), (qty, rupiah) in sorted(products.items())
        ),
        by_month=tuple(
            MonthTotal(period, count, rupiah) for period, (count, rupiah) in sorted(months.items())
        ),
        voids=len(voided),
        voided_rupiah=sum(r.total_rupiah for r in voided),
        operators=operators,
    )


def daily_summary_pdf(ctx: ServiceContext, summary: DailySummary, lang: str = "id") -> bytes:
    """The summary on the shop's receipt paper, for the receipt printer."""
    import io

    from ewarong_desktop.reports.receipt import write_daily_summary
    from ewarong_desktop.services.profile import get_profile

    buffer = io.BytesIO()
    write_daily_summary(summary, buffer, width=get_profile(ctx).receipt_width, lang=lang)
    return buffer.getvalue()


def save_daily_summary_pdf(ctx: ServiceContext, summary: DailySummary, lang: str = "id") -> Path:
    """The summary as a PDF in the documents folder (when no receipt printer is chosen)."""
    from ewarong_desktop.services.document_files import documents_dir
    from ewarong_desktop.services.documents import write_file

    who = f"-{summary.operator}" if summary.operator else ""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in who)
    out = documents_dir(ctx) / f"rekap-{summary.day:%Y-%m-%d}{safe}.pdf"
    data = daily_summary_pdf(ctx, summary, lang)
    return write_file(out, lambda f: f.write(data))
