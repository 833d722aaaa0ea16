"""The store, mapped into the plain data the printed documents are drawn from.

The monthly report reuses `services.monthly.compute`, so every figure on paper is the figure
the services show: redemptions count by their period, purchases and stock by their date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import FileProblem
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.quantity import from_milli, quantity_text
from ewarong_desktop.domain.states import Status
from ewarong_desktop.fsio import atomic_writer
from ewarong_desktop.reports.data import (
    ItemLine,
    KpmRef,
    KpmStatement,
    MonthlyReportData,
    PriceRow,
    ReceiptData,
    ReceiptPart,
    SourceRow,
    StatementItem,
    StatementsData,
    StockRow,
    TrendPoint,
    WarongInfo,
)
from ewarong_desktop.reports.verification import verification_code
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.monthly import compute
from ewarong_desktop.services.profile import profile_row
from ewarong_desktop.services.programme import load_programme
from ewarong_desktop.services.redemption import redemption_row
from ewarong_desktop.store.models import Product, Redemption
from ewarong_desktop.store.repositories import documents as reading
from ewarong_desktop.store.repositories.redemptions import basket_parts

TREND_MONTHS = 6


def _warong(session: Session) -> WarongInfo:
    row = profile_row(session)
    return WarongInfo(row.code, row.name, row.desa, row.kecamatan, row.kabupaten)


def _local(moment_utc: datetime, offset_min: int) -> datetime:
    """The laptop's local time when it was recorded (stored as naive UTC plus the offset)."""
    return moment_utc + timedelta(minutes=offset_min)


def code_for(row: Redemption) -> str:
    """The receipt's verification code, over the fields the sync bundle carries."""
    return verification_code(
        redemption_id=row.id,
        beneficiary_id=row.beneficiary_id,
        period=row.period,
        lines=[
            {
                "product_id": line.product_id,
                "quantity": quantity_text(from_milli(line.quantity_milli)),
                "unit_price_rupiah": line.unit_price_rupiah,
                "total_rupiah": line.total_rupiah,
            }
            for line in row.lines
        ],
        total_rupiah=row.total_rupiah,
        edc_reference=row.edc_reference,
    )


def _item_lines(row: Redemption) -> tuple[ItemLine, ...]:
    return tuple(
        ItemLine(
            line.product.name,
            line.product.unit,
            from_milli(line.quantity_milli),
            line.unit_price_rupiah,
            line.total_rupiah,
        )
        for line in row.lines
    )


def _merged(parts: Sequence[ReceiptPart]) -> tuple[ItemLine, ...]:
    """The basket as the KPM took it: one line per product over every month's part."""
    merged: dict[tuple[str, str, int], ItemLine] = {}
    for part in parts:
        for line in part.lines:
            key = (line.product, line.unit, line.unit_price)
            seen = merged.get(key)
            merged[key] = (
                line
                if seen is None
                else ItemLine(
                    line.product,
                    line.unit,
                    seen.quantity + line.quantity,
                    line.unit_price,
                    seen.total + line.total,
                )
            )
    return tuple(merged.values())


def receipt_data(ctx: ServiceContext, redemption_id: str) -> ReceiptData:
    """One basket as its struk: `redemption_id` (or its first 8+ characters) may name any of
    the redemptions the basket was saved as; every one prints the same whole basket."""
    with ctx.reading() as session:
        asked = redemption_row(session, redemption_id)
        rows = basket_parts(session, asked)
        first = rows[0]
        programme = load_programme(session)
        parts = []
        for row in rows:
            period = Period.parse(row.period)
            entitlement = programme.rate(period) or 0
            spent = reading.spent_until(session, row)
            parts.append(
                ReceiptPart(
                    period,
                    _item_lines(row),
                    row.total_rupiah,
                    entitlement,
                    spent,
                    max(0, entitlement - spent),
                    row.status == Status.VOIDED,
                )
            )
        kpm = first.beneficiary
        voided = all(row.status == Status.VOIDED for row in rows)
        live = [p for p in parts if not p.voided] or parts
        return ReceiptData(
            warong=_warong(session),
            redemption_id=first.id,
            verification_code=code_for(first),
            served_at=_local(first.created_at, first.utc_offset_min),
            period=parts[0].period,
            kpm_name=kpm.name,
            kks_number=kpm.kks_number,
            nik=kpm.nik,
            desa=kpm.desa,
            lines=_merged(live) if len(parts) > 1 else parts[0].lines,
            total=sum(p.total for p in live),
            entitlement=parts[0].entitlement,
            spent=parts[0].spent,
            remaining=parts[0].remaining,
            operator=first.operator_name,
            edc_reference=first.edc_reference,
            voided=voided,
            void_reason=first.void_reason if voided else None,
            voided_at=_local(first.voided_at, first.utc_offset_min) if first.voided_at else None,
            void_edc_reference=first.void_edc_reference if voided else None,
            parts=tuple(parts) if len(parts) > 1 else (),
            listed=kpm.listed,
        )


def statements_data(ctx: ServiceContext, period: Period) -> StatementsData:
    """A statement for every registered KPM, and for anyone else who redeemed this period."""
    with ctx.reading() as session:
        entitlement = load_programme(session).rate(period) or 0
        kpms = {kpm.id: kpm for kpm in reading.registered(session, period)}
        items: dict[str, list[StatementItem]] = defaultdict(list)
        for row in reading.completed_in(session, period):
            kpms.setdefault(row.beneficiary_id, row.beneficiary)
            code = code_for(row)
            day = _local(row.created_at, row.utc_offset_min).date()
            items[row.beneficiary_id] += [
                StatementItem(
                    day,
                    line.product.name,
                    line.product.unit,
                    from_milli(line.quantity_milli),
                    line.unit_price_rupiah,
                    line.total_rupiah,
                    code,
                )
                for line in row.lines
            ]
        statements = tuple(
            KpmStatement(
                kpm_name=kpm.name,
                kks_number=kpm.kks_number,
                nik=kpm.nik,
                desa=kpm.desa,
                entitlement=entitlement,
                items=tuple(items.get(kpm.id, ())),
                address=kpm.address,
                listed=kpm.listed,
            )
            for kpm in sorted(kpms.values(), key=lambda k: (k.desa.casefold(), k.name.casefold()))
        )
        return StatementsData(_warong(session), period, ctx.today(), statements)


def _sources(session: Session, period: Period) -> tuple[SourceRow, ...]:
    """Completed purchases dated in the month, per source: the filter `monthly` uses."""
    return tuple(
        SourceRow(kind, name, bool(own), int(count), int(value))
        for kind, name, own, count, value in reading.purchases_by_source(session, period)
    )


def _average_prices(rows: Iterable[Any]) -> dict[str, int]:
    """Rupiah per unit, weighted by quantity: sum of line totals over sum of quantities."""
    prices = {}
    for product_id, total, milli in rows:
        if milli:
            prices[product_id] = (int(total) * 1000 * 2 + int(milli)) // (2 * int(milli))
    return prices


def _purchase_prices(session: Session, period: Period) -> dict[str, int]:
    return _average_prices(reading.purchase_line_sums(session, period))


def _sale_prices(session: Session, period: Period) -> dict[str, int]:
    return _average_prices(reading.sale_line_sums(session, period))


def _prices(session: Session, period: Period, products: Sequence[Product]) -> tuple[PriceRow, ...]:
    before = period.previous()
    bought, bought_before = _purchase_prices(session, period), _purchase_prices(session, before)
    sold, sold_before = _sale_prices(session, period), _sale_prices(session, before)
    rows = []
    for product in products:
        values = tuple(
            prices.get(product.id) for prices in (bought, bought_before, sold, sold_before)
        )
        if any(value is not None for value in values):
            rows.append(PriceRow(product.name, product.unit, *values))
    return tuple(rows)


def monthly_report_data(
    ctx: ServiceContext, period: Period, *, ketua: str = "", tksk: str = ""
) -> MonthlyReportData:
    """The laporan bulanan; `ketua` and `tksk` are printed under the signature lines."""
    with ctx.reading() as session:
        figures = compute(session, period)
        trend = []
        for back in range(TREND_MONTHS - 1, 0, -1):
            month = compute(session, period.shift(-back))
            trend.append(
                TrendPoint(
                    month.period, month.purchases_own_rupiah, month.purchases_third_party_rupiah
                )
            )
        trend.append(
            TrendPoint(period, figures.purchases_own_rupiah, figures.purchases_third_party_rupiah)
        )
        served = reading.served_ids(session, period)
        not_served = sorted(
            (
                KpmRef(k.name, k.desa)
                for k in reading.registered(session, period)
                if k.id not in served
            ),
            key=lambda k: (k.desa.casefold(), k.name.casefold()),
        )
        products = reading.products(session, (s.product_id for s in figures.stock))
        return MonthlyReportData(
            warong=_warong(session),
            period=period,
            printed_on=ctx.today(),
            kpm_registered=figures.kpm_registered,
            kpm_served=figures.kpm_served,
            redemptions_count=figures.redemptions_count,
            redemptions_value=figures.redemptions_total_rupiah,
            entitlement_value=figures.entitlement_total_rupiah,
            voided_count=figures.voided_count,
            stock=tuple(
                StockRow(s.name, s.unit, s.opening, s.purchased, s.redeemed, s.adjusted, s.closing)
                for s in figures.stock
            ),
            sources=_sources(session, period),
            trend=tuple(trend),
            prices=_prices(session, period, products),
            not_served=tuple(not_served),
            ketua_name=ketua,
            tksk_name=tksk,
            received_own=figures.received_own_rupiah,
            received_third_party=figures.received_third_party_rupiah,
            received_unknown=figures.received_unknown_rupiah,
        )


# --- writing the documents (reportlab and openpyxl load only here) -----------------------


def write_file(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Write a document beside `target` and rename it into place: a cut-off run never leaves
    half a PDF where the operator expects a whole one. File errors say what is wrong."""
    target = Path(target).expanduser()
    try:
        with atomic_writer(target) as handle:
            write(handle)
    except OSError as exc:
        raise FileProblem.from_os_error(exc, str(target)) from exc
    return target


def write_receipt_to(
    ctx: ServiceContext,
    redemption_id: str,
    out: BinaryIO,
    *,
    width: str | None = None,
    lang: str = "id",
) -> ReceiptData:
    """The receipt as PDF into `out`, on the shop's receipt paper unless `width` says."""
    from ewarong_desktop.reports import write_receipt
    from ewarong_desktop.services.profile import get_profile

    data = receipt_data(ctx, redemption_id)
    write_receipt(data, out, width=width or get_profile(ctx).receipt_width, lang=lang)
    return data


def write_statements_to(
    ctx: ServiceContext,
    period: Period,
    out: BinaryIO,
    *,
    lang: str = "id",
    per_sheet: int | None = None,
) -> tuple[StatementsData, int]:
    """Every KPM's statement for the month as one PDF, one or two to a sheet (the shop's
    setting unless `per_sheet` says); returns the data and the number of sheets."""
    from ewarong_desktop.reports import write_statements
    from ewarong_desktop.services.profile import statements_per_sheet

    data = statements_data(ctx, period)
    per_sheet = per_sheet or statements_per_sheet(ctx)
    return data, write_statements(data, out, lang=lang, per_sheet=per_sheet)


def write_roster_to(
    ctx: ServiceContext,
    period: Period,
    out: BinaryIO,
    *,
    lang: str = "id",
    ketua: str = "",
    tksk: str = "",
) -> tuple[StatementsData, int]:
    """The month's signature roster (every KPM, served or not) as PDF; the data and its pages.

    `ketua` and `tksk` are printed under the signature lines, as on the monthly report."""
    from ewarong_desktop.reports import write_roster

    data = statements_data(ctx, period)
    return data, write_roster(data, out, lang=lang, ketua=ketua, tksk=tksk)


def write_report_to(
    ctx: ServiceContext,
    period: Period,
    out: BinaryIO,
    *,
    kind: str = "pdf",
    lang: str = "id",
    ketua: str = "",
    tksk: str = "",
) -> MonthlyReportData:
    """The monthly report as PDF, or its tables as an Excel workbook (`kind` = xlsx)."""
    from ewarong_desktop.reports import write_monthly_report, write_monthly_workbook

    data = monthly_report_data(ctx, period, ketua=ketua, tksk=tksk)
    writer = write_monthly_workbook if kind == "xlsx" else write_monthly_report
    writer(data, out, lang=lang)
    return data
