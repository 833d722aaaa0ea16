"""Serving a KPM: which months of aid are open, the basket checks, redeeming and voiding."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import (
    CategoryNotRedeemable,
    Conflict,
    EntitlementExceeded,
    EwarongError,
    InvalidInput,
    NotFound,
    RuleViolation,
)
from ewarong_desktop.domain.money import format_rupiah, line_total
from ewarong_desktop.domain.periods import Period, format_month, period_range
from ewarong_desktop.domain.quantity import check_quantity, from_milli, to_milli
from ewarong_desktop.domain.rules import CATEGORY_LABELS
from ewarong_desktop.services.beneficiaries import beneficiary_row
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Topic, changed
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.products import product_row
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.services.programme import Programme, load_programme
from ewarong_desktop.services.stock import put_back, refuse_short, take_out
from ewarong_desktop.store.base import new_uuid
from ewarong_desktop.store.models import Beneficiary, Product, Redemption, RedemptionLine
from ewarong_desktop.store.repositories import redemptions as redemption_repo
from ewarong_desktop.store.repositories.products import stock_levels


@dataclass(frozen=True)
class EntitlementStatus:
    period: Period
    entitlement: int
    spent: int

    @property
    def remaining(self) -> int:
        return max(0, self.entitlement - self.spent)


@dataclass(frozen=True)
class BasketItem:
    product_id: str
    quantity: Decimal


@dataclass(frozen=True)
class RedeemRequest:
    beneficiary_id: str
    period: Period
    items: tuple[BasketItem, ...]
    edc_reference: str | None = None


@dataclass(frozen=True)
class BasketLine:
    product_id: str
    product_name: str
    unit: str
    category: str
    quantity: Decimal
    unit_price_rupiah: int
    total_rupiah: int


@dataclass(frozen=True)
class BasketCheck:
    """What the counter shows before confirming: the lines, the total and every problem."""

    status: EntitlementStatus
    lines: tuple[BasketLine, ...]
    total_rupiah: int
    problems: tuple[EwarongError, ...]

    @property
    def remaining_after(self) -> int:
        return self.status.remaining - self.total_rupiah

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.lines)


@dataclass(frozen=True)
class RedemptionView:
    id: str
    beneficiary_id: str
    beneficiary_name: str
    nik: str
    kks_number: str
    desa: str
    period: Period
    lines: tuple[BasketLine, ...]
    total_rupiah: int
    edc_reference: str | None
    status: str
    void_reason: str | None
    void_edc_reference: str | None
    operator_name: str
    created_at: datetime
    utc_offset_min: int
    version: int
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


def spent(session: Session, beneficiary_id: str, period: Period) -> int:
    return redemption_repo.spent(session, beneficiary_id, period)


def _rate_or_refuse(programme: Programme, period: Period) -> int:
    rate = programme.rate(period)
    if rate is None:
        raise RuleViolation(
            f"Tidak ada besaran bantuan untuk {format_month(period)}; tambahkan di Pengaturan.",
            f"No entitlement rate for {format_month(period, 'en')}; add one in Settings.",
        )
    return rate


def status_for(
    session: Session, programme: Programme, beneficiary_id: str, period: Period
) -> EntitlementStatus:
    return EntitlementStatus(
        period, _rate_or_refuse(programme, period), spent(session, beneficiary_id, period)
    )


def offered_periods(
    ctx: ServiceContext, beneficiary_id: str, current: Period | None = None
) -> list[EntitlementStatus]:
    """The current month and every earlier month of this KPM with aid left, oldest first."""
    with ctx.reading() as session:
        return _offered(session, ctx, beneficiary_row(session, beneficiary_id), current)


def _offered(
    session: Session, ctx: ServiceContext, kpm: Beneficiary, current: Period | None
) -> list[EntitlementStatus]:
    programme = load_programme(session)
    now = current or working_period(ctx, session)
    first = max(Period.parse(kpm.eligible_from), programme.first_period() or now)
    spent_by_period = redemption_repo.spent_by_period(session, kpm.id)
    offered = []
    for period in period_range(first, now) if first <= now else [now]:
        rate = programme.rate(period)
        if rate is None:
            continue
        status = EntitlementStatus(period, rate, spent_by_period.get(str(period), 0))
        if status.remaining > 0 or period == now:
            offered.append(status)
    return offered


def _check_period(session: Session, ctx: ServiceContext, kpm: Beneficiary, period: Period) -> None:
    now = working_period(ctx, session)
    if period > now:
        raise RuleViolation(
            f"Bantuan {format_month(period)} belum bisa dibelanjakan (bulan kerja: "
            f"{format_month(now)}).",
            f"Aid for {format_month(period, 'en')} cannot be spent yet (working month: "
            f"{format_month(now, 'en')}).",
        )
    first = Period.parse(kpm.eligible_from)
    if period < first:
        raise RuleViolation(
            f"{kpm.name} baru menerima bantuan mulai {format_month(first)}.",
            f"{kpm.name} receives aid only from {format_month(first, 'en')}.",
        )


def _basket(
    session: Session, programme: Programme, items: tuple[BasketItem, ...], period: Period
) -> tuple[list[tuple[Product, BasketLine]], list[EwarongError]]:
    """Merge repeated products, price the lines and collect every refusal."""
    merged: dict[str, Decimal] = {}
    for item in items:
        merged[item.product_id] = merged.get(item.product_id, Decimal(0)) + item.quantity
    for quantity in merged.values():
        check_quantity(quantity)
    allowed = programme.redeemable(period)
    levels = stock_levels(session, list(merged))
    lines: list[tuple[Product, BasketLine]] = []
    problems: list[EwarongError] = []
    for product_id, quantity in merged.items():
        product = product_row(session, product_id)
        milli = to_milli(quantity)
        if milli <= 0:
            problems.append(
                InvalidInput("Jumlah barang harus lebih dari 0.", "Quantity must be more than 0.")
            )
            continue
        line = BasketLine(
            product.id,
            product.name,
            product.unit,
            product.category,
            quantity,
            product.price_rupiah,
            line_total(quantity, product.price_rupiah),
        )
        lines.append((product, line))
        if product.category not in allowed:
            label_id, label_en = CATEGORY_LABELS[product.category]
            problems.append(
                CategoryNotRedeemable(
                    f"{product.name} ({label_id}) tidak boleh dibeli dengan bantuan "
                    f"{format_month(period)}.",
                    f"{product.name} ({label_en}) may not be bought with aid for "
                    f"{format_month(period, 'en')}.",
                )
            )
        if not product.active:
            problems.append(
                RuleViolation(
                    f"{product.name} tidak dijual lagi.", f"{product.name} is no longer sold."
                )
            )
        if milli > levels[product.id]:
            problems.append(refuse_short(product, milli, levels[product.id]))
    return lines, problems


def _entitlement_problem(status: EntitlementStatus, total: int) -> EntitlementExceeded:
    return EntitlementExceeded(
        f"Belanja {format_rupiah(total)} melebihi sisa bantuan {format_month(status.period)} "
        f"sebesar {format_rupiah(status.remaining)}.",
        f"Basket {format_rupiah(total)} exceeds the {format_month(status.period, 'en')} aid "
        f"left, {format_rupiah(status.remaining)}.",
        remaining=status.remaining,
        requested=total,
    )


def _inactive_problem(kpm: Beneficiary) -> RuleViolation:
    return RuleViolation(
        f"KPM {kpm.name} tidak aktif; bantuan tidak dapat disalurkan.",
        f"KPM {kpm.name} is inactive; no aid can be handed out.",
    )


def check_basket(ctx: ServiceContext, request: RedeemRequest) -> BasketCheck:
    """Every reason the counter would refuse, computed before the operator confirms."""
    with ctx.reading() as session:
        return _check(session, ctx, request)


def _check(session: Session, ctx: ServiceContext, request: RedeemRequest) -> BasketCheck:
    kpm = beneficiary_row(session, request.beneficiary_id)
    programme = load_programme(session)
    problems: list[EwarongError] = []
    if not kpm.active:
        problems.append(_inactive_problem(kpm))
    try:
        _check_period(session, ctx, kpm, request.period)
    except RuleViolation as exc:
        problems.append(exc)
    status = status_for(session, programme, kpm.id, request.period)
    priced, basket_problems = _basket(session, programme, request.items, request.period)
    problems += basket_problems
    total = sum(line.total_rupiah for _, line in priced)
    if total > status.remaining:
        problems.append(_entitlement_problem(status, total))
    return BasketCheck(status, tuple(line for _, line in priced), total, tuple(problems))


def _clean_reference(text: str | None) -> str | None:
    if text is None:
        return None
    ref = " ".join(text.split())
    if len(ref) > 60:
        raise InvalidInput(
            "Nomor referensi EDC terlalu panjang (paling banyak 60 karakter).",
            "The EDC reference is too long (at most 60 characters).",
        )
    return ref or None


def redeem_in(session: Session, ctx: ServiceContext, request: RedeemRequest) -> Redemption:
    """Record a redemption in the caller's transaction, refusing on the first problem."""
    if not request.items:
        raise InvalidInput("Belum ada barang yang dipilih.", "No items chosen yet.")
    edc = _clean_reference(request.edc_reference)
    check = _check(session, ctx, request)
    if check.problems:
        raise check.problems[0]
    with session.no_autoflush:
        # One flush at the end: the checks above already read the state this basket needs.
        redemption = Redemption(
            id=new_uuid(),
            beneficiary_id=request.beneficiary_id,
            period=str(request.period),
            total_rupiah=check.total_rupiah,
            edc_reference=edc,
            status="completed",
            operator_name=ctx.actor.name,
        )
        redemption.created_at, redemption.utc_offset_min = ctx.utc_stamp()
        session.add(redemption)
        for number, line in enumerate(check.lines, start=1):
            row = RedemptionLine(
                id=new_uuid(),
                redemption=redemption,
                line_no=number,
                product_id=line.product_id,
                quantity_milli=to_milli(line.quantity),
                unit_price_rupiah=line.unit_price_rupiah,
                total_rupiah=line.total_rupiah,
            )
            session.add(row)
            take_out(
                session,
                product_row(session, line.product_id),
                row.quantity_milli,
                kind="redemption_out",
                on=ctx.today(),
                operator=ctx.actor.name,
                redemption_line_id=row.id,
            )
    session.flush()
    return redemption


def redeem(ctx: ServiceContext, request: RedeemRequest) -> RedemptionView:
    with ctx.transaction("redeem") as session:
        return changed(view(redeem_in(session, ctx, request)), Topic.REDEMPTION, Topic.STOCK)


def void_in(
    session: Session,
    ctx: ServiceContext,
    redemption_id: str,
    reason: str,
    edc_reversal_reference: str | None,
) -> Redemption:
    ctx.require_admin("membatalkan transaksi", "void a transaction")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput("Alasan pembatalan wajib diisi.", "A reason for the void is required.")
    row = redemption_row(session, redemption_id)
    if row.status == "voided":
        raise Conflict("Transaksi ini sudah dibatalkan.", "This transaction is already voided.")
    reversal = _clean_reference(edc_reversal_reference)
    if row.edc_reference and not reversal:
        raise InvalidInput(
            f"Transaksi ini dibayar lewat EDC (ref {row.edc_reference}): isi nomor referensi "
            "pembatalan (reversal) dari EDC.",
            f"This transaction was paid on the EDC (ref {row.edc_reference}): enter the EDC "
            "reversal reference.",
        )
    for line in row.lines:
        taken = redemption_repo.stock_taken(session, line.id)
        put_back(session, taken, kind="void_in", on=ctx.today(), operator=ctx.actor.name)
    row.status, row.void_reason, row.void_edc_reference = "voided", reason, reversal
    row.voided_at, row.voided_by = ctx.utc_stamp()[0], ctx.actor.name
    session.flush()
    return row


def void_redemption(
    ctx: ServiceContext, redemption_id: str, reason: str, edc_reversal_reference: str | None = None
) -> RedemptionView:
    """Never delete: mark voided with the reason; stock goes back, the entitlement is freed."""
    with ctx.transaction("void_redemption") as session:
        voided = void_in(session, ctx, redemption_id, reason, edc_reversal_reference)
        return changed(view(voided), Topic.REDEMPTION, Topic.STOCK)


def redemption_row(session: Session, redemption_id: str) -> Redemption:
    row = redemption_repo.get(session, redemption_id.strip().lower())
    if row is None:
        matches = redemption_repo.id_starting(session, redemption_id.strip().lower(), 2)
        if len(matches) == 1 and len(redemption_id.strip()) >= 8:
            return matches[0]
        raise NotFound(
            f"Transaksi {redemption_id} tidak ditemukan.", f"Transaction {redemption_id} not found."
        )
    return row


def view(row: Redemption) -> RedemptionView:
    kpm = row.beneficiary
    return RedemptionView(
        id=row.id,
        beneficiary_id=kpm.id,
        beneficiary_name=kpm.name,
        nik=kpm.nik,
        kks_number=kpm.kks_number,
        desa=kpm.desa,
        period=Period.parse(row.period),
        lines=tuple(
            BasketLine(
                line.product_id,
                line.product.name,
                line.product.unit,
                line.product.category,
                from_milli(line.quantity_milli),
                line.unit_price_rupiah,
                line.total_rupiah,
            )
            for line in row.lines
        ),
        total_rupiah=row.total_rupiah,
        edc_reference=row.edc_reference,
        status=row.status,
        void_reason=row.void_reason,
        void_edc_reference=row.void_edc_reference,
        operator_name=row.operator_name,
        created_at=row.created_at,
        utc_offset_min=row.utc_offset_min,
        version=row.version,
    )


def get_redemption(ctx: ServiceContext, redemption_id: str) -> RedemptionView:
    with ctx.reading() as session:
        return view(redemption_row(session, redemption_id))


def redemptions_between(
    ctx: ServiceContext, start_utc: datetime, end_utc: datetime
) -> list[RedemptionView]:
    """Transactions recorded in a span of time (the counter's 'today'), newest first."""
    with ctx.reading() as session:
        return [view(r) for r in redemption_repo.recorded_between(session, start_utc, end_utc)]


def history(ctx: ServiceContext, beneficiary_id: str) -> list[RedemptionView]:
    """One KPM's redemptions, newest period first."""
    with ctx.reading() as session:
        return [view(r) for r in redemption_repo.of_beneficiary(session, beneficiary_id)]


def redemptions_on(ctx: ServiceContext, day: date | None = None) -> list[RedemptionView]:
    """What was recorded on the laptop's local day (today by default), newest first."""
    day = day or ctx.today()
    start_local = datetime.combine(day, time.min).astimezone()
    end_local = datetime.combine(day + timedelta(days=1), time.min).astimezone()
    start = start_local.astimezone(UTC).replace(tzinfo=None)
    end = end_local.astimezone(UTC).replace(tzinfo=None)
    return redemptions_between(ctx, start, end)


def local_time(view: RedemptionView) -> datetime:
    """When a redemption happened, on the clock of the laptop that recorded it."""
    return view.created_at + timedelta(minutes=view.utc_offset_min)
