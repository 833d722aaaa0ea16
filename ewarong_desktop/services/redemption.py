"""Serving a KPM: which months of aid are open, the basket checks, redeeming and voiding."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
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
from ewarong_desktop.domain.rules import CATEGORY_LABELS, NEVER_REDEEMABLE
from ewarong_desktop.services.beneficiaries import BeneficiaryView, beneficiary_row
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.products import product_row, stock_levels
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.services.programme import Programme, load_programme
from ewarong_desktop.services.stock import put_back, refuse_short, take_out
from ewarong_desktop.store.base import new_uuid
from ewarong_desktop.store.models import Beneficiary, Product, Redemption, RedemptionLine
from ewarong_desktop.store.repositories import redemptions as redemption_repo


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
    """A basket for one KPM. `period` None: drawn on the open months oldest first (one
    balance); a period pins the whole basket to that month of aid."""

    beneficiary_id: str
    period: Period | None
    items: tuple[BasketItem, ...]
    edc_reference: str | None = None


@dataclass(frozen=True)
class Balance:
    """What a KPM can spend now: every open month (first eligible month up to the working
    month, with aid left; the working month always), oldest first."""

    months: tuple[EntitlementStatus, ...]
    working: Period

    @property
    def remaining(self) -> int:
        return sum(m.remaining for m in self.months)

    def month(self, period: Period) -> EntitlementStatus | None:
        return next((m for m in self.months if m.period == period), None)


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
class BasketPart:
    """What one month of aid pays for: saved as one redemption."""

    status: EntitlementStatus  # the month before this basket
    lines: tuple[BasketLine, ...]

    @property
    def period(self) -> Period:
        return self.status.period

    @property
    def total_rupiah(self) -> int:
        return sum(line.total_rupiah for line in self.lines)


@dataclass(frozen=True)
class BasketCheck:
    """What the counter shows before confirming: the lines, the total, the months each part
    draws on, and every problem."""

    balance: Balance
    pinned: Period | None
    lines: tuple[BasketLine, ...]  # the basket as the KPM sees it, one line per product
    parts: tuple[BasketPart, ...]
    total_rupiah: int
    problems: tuple[EwarongError, ...]

    @property
    def status(self) -> EntitlementStatus:
        """The pinned month, else the oldest month this basket draws on (or the working one)."""
        if self.pinned is not None:
            pinned = self.balance.month(self.pinned)
            if pinned is not None:
                return pinned
            return self.parts[0].status if self.parts else EntitlementStatus(self.pinned, 0, 0)
        if self.parts:
            return self.parts[0].status
        if self.balance.months:
            return self.balance.months[-1]
        return EntitlementStatus(self.balance.working, 0, 0)  # no rate for the working month

    @property
    def remaining(self) -> int:
        """What this basket may spend: the pinned month's remainder, else the whole balance."""
        return self.status.remaining if self.pinned is not None else self.balance.remaining

    @property
    def remaining_after(self) -> int:
        return self.remaining - self.total_rupiah

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
    basket_id: str | None = None


@dataclass(frozen=True)
class SavedBasket:
    """A basket as saved: one redemption per month of aid it drew on, oldest first."""

    parts: tuple[RedemptionView, ...]

    @property
    def total_rupiah(self) -> int:
        return sum(p.total_rupiah for p in self.parts)

    @property
    def first(self) -> RedemptionView:
        return self.parts[0]


@dataclass(frozen=True)
class KpmMatch:
    """A KPM in the counter's match list, with what tells two of the same name apart."""

    kpm: BeneficiaryView
    remaining: int  # aid left now, over every open month
    served_this_month: bool  # a completed redemption recorded in the working month


def match_rows(ctx: ServiceContext, kpms: list[BeneficiaryView]) -> list[KpmMatch]:
    with ctx.reading() as session:
        now = working_period(ctx, session)
        served = redemption_repo.recorded_in_month(session, [k.id for k in kpms], now)
        rows = []
        for kpm in kpms:
            offered = _offered(session, ctx, beneficiary_row(session, kpm.id), now)
            first = kpm.eligible_from
            left = sum(s.remaining for s in offered if s.period >= first)
            rows.append(KpmMatch(kpm, left, kpm.id in served))
        return rows


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


# Quantities a line may be split into between months: whole pieces for counted goods,
# grams or millilitres for weighed ones (kept in thousandths, like every quantity).
_SPLIT_STEP_MILLI = {"butir": 1000, "ikat": 1000, "pcs": 1000}


def _fits(room: int, unit_price: int, step: int) -> int:
    """The most thousandths (a multiple of `step`) whose line total, rounded half up as the
    spec's line rule says, is at most `room` rupiah."""
    if room <= 0 or unit_price <= 0:
        return 0
    # round(k * price / 1000) <= room  <=>  2 * k * price < (2 * room + 1) * 1000
    most = ((2 * room + 1) * 1000 - 1) // (2 * unit_price)
    return most - most % step


def _not_redeemable(product: Product, period: Period | None) -> CategoryNotRedeemable:
    if product.category == NEVER_REDEEMABLE:
        return CategoryNotRedeemable(
            f"{product.name} bukan barang bantuan (kategori lainnya): tidak dapat dibeli "
            "dengan bantuan.",
            f"{product.name} is not an aid good (category other): it cannot be bought with aid.",
        )
    label_id, label_en = CATEGORY_LABELS[product.category]
    month_id = f" {format_month(period)}" if period is not None else " yang tersisa"
    month_en = f" for {format_month(period, 'en')}" if period is not None else " left"
    return CategoryNotRedeemable(
        f"{product.name}: kategori {label_id.lower()} tidak boleh dibeli dengan bantuan{month_id}.",
        f"{product.name}: {label_en.lower()} may not be bought with the aid{month_en}.",
    )


def _basket(
    session: Session, items: tuple[BasketItem, ...]
) -> tuple[list[tuple[Product, BasketLine]], list[EwarongError]]:
    """Merge repeated products, price the whole lines and collect the goods' refusals."""
    merged: dict[str, Decimal] = {}
    for item in items:
        merged[item.product_id] = merged.get(item.product_id, Decimal(0)) + item.quantity
    for quantity in merged.values():
        check_quantity(quantity)
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
        lines.append((product, _line(product, quantity)))
        if not product.active:
            problems.append(
                RuleViolation(
                    f"{product.name} tidak dijual lagi.", f"{product.name} is no longer sold."
                )
            )
        if milli > levels[product.id]:
            problems.append(refuse_short(product, milli, levels[product.id]))
    return lines, problems


def _line(product: Product, quantity: Decimal) -> BasketLine:
    return BasketLine(
        product.id,
        product.name,
        product.unit,
        product.category,
        quantity,
        product.price_rupiah,
        line_total(quantity, product.price_rupiah),
    )


def _entitlement_problem(status: EntitlementStatus, total: int) -> EntitlementExceeded:
    return EntitlementExceeded(
        f"Belanja {format_rupiah(total)} melebihi sisa bantuan {format_month(status.period)} "
        f"sebesar {format_rupiah(status.remaining)}.",
        f"Basket {format_rupiah(total)} exceeds the {format_month(status.period, 'en')} aid "
        f"left, {format_rupiah(status.remaining)}.",
        remaining=status.remaining,
        requested=total,
    )


def _balance_problem(balance: Balance, total: int, placed: int) -> EntitlementExceeded:
    months = len([m for m in balance.months if m.remaining > 0])
    if total <= balance.remaining:
        # Within the balance, but each month takes only whole pieces and whole rupiah per
        # line: what is left in a month can be too small for the next piece of the basket.
        return EntitlementExceeded(
            f"Belanja {format_rupiah(total)} tidak dapat dibagi habis ke sisa tiap bulan "
            f"(sisa bantuan {format_rupiah(balance.remaining)}, {months} bulan): yang muat "
            f"{format_rupiah(placed)}; kurangi sedikit jumlahnya.",
            f"Basket {format_rupiah(total)} cannot be divided over what each month has left "
            f"(aid left {format_rupiah(balance.remaining)}, {months} months): "
            f"{format_rupiah(placed)} fits; take a little less.",
            remaining=placed,
            requested=total,
        )
    return EntitlementExceeded(
        f"Belanja {format_rupiah(total)} melebihi sisa bantuan {format_rupiah(balance.remaining)}"
        f" ({months} bulan).",
        f"Basket {format_rupiah(total)} exceeds the aid left, "
        f"{format_rupiah(balance.remaining)} ({months} months).",
        remaining=balance.remaining,
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


def balance(ctx: ServiceContext, beneficiary_id: str) -> Balance:
    """The KPM's one balance: every open month, oldest first."""
    with ctx.reading() as session:
        kpm = beneficiary_row(session, beneficiary_id)
        return Balance(tuple(_offered(session, ctx, kpm, None)), working_period(ctx, session))


def _pinned_parts(
    programme: Programme,
    status: EntitlementStatus,
    priced: list[tuple[Product, BasketLine]],
    problems: list[EwarongError],
) -> tuple[BasketPart, ...]:
    allowed = programme.redeemable(status.period)
    for product, _line in priced:
        if product.category not in allowed:
            problems.append(_not_redeemable(product, status.period))
    part = BasketPart(status, tuple(line for _, line in priced))
    if part.total_rupiah > status.remaining:
        problems.append(_entitlement_problem(status, part.total_rupiah))
    return (part,) if part.lines else ()


def _split_parts(
    programme: Programme,
    months: list[EntitlementStatus],
    priced: list[tuple[Product, BasketLine]],
    problems: list[EwarongError],
) -> tuple[tuple[BasketPart, ...], dict[str, int]]:
    """Fill the open months oldest first; a line that does not fit a month's remainder is
    split by quantity, each part priced by the line rule. Returns the parts and, per product,
    the rupiah that found no month (the basket is then over the balance)."""
    room = {m.period: m.remaining for m in months}
    placed: dict[Period, list[BasketLine]] = {m.period: [] for m in months}
    unplaced: dict[str, int] = {}
    open_periods = [m.period for m in months if m.remaining > 0]
    for product, line in priced:
        allowed = [m.period for m in months if product.category in programme.redeemable(m.period)]
        if not allowed:
            problems.append(_not_redeemable(product, months[-1].period if months else None))
            continue
        usable = [p for p in open_periods if p in allowed]
        left = to_milli(line.quantity)
        step = _SPLIT_STEP_MILLI.get(product.unit, 1)
        for period in usable:
            if left <= 0:
                break
            whole = line_total(from_milli(left), product.price_rupiah)
            take = (
                left if whole <= room[period] else _fits(room[period], product.price_rupiah, step)
            )
            if take <= 0:
                continue
            part = _line(product, from_milli(take))
            placed[period].append(part)
            room[period] -= part.total_rupiah
            left -= take
        if left > 0:
            unplaced[product.id] = line_total(from_milli(left), product.price_rupiah)
    parts = tuple(
        BasketPart(status, tuple(placed[status.period]))
        for status in months
        if placed[status.period]
    )
    return parts, unplaced


def _check(session: Session, ctx: ServiceContext, request: RedeemRequest) -> BasketCheck:
    kpm = beneficiary_row(session, request.beneficiary_id)
    programme = load_programme(session)
    problems: list[EwarongError] = []
    if not kpm.active:
        problems.append(_inactive_problem(kpm))
    offered = _offered(session, ctx, kpm, None)
    balance = Balance(tuple(offered), working_period(ctx, session))
    priced, goods_problems = _basket(session, request.items)
    if request.period is not None:
        try:
            _check_period(session, ctx, kpm, request.period)
        except RuleViolation as exc:
            problems.append(exc)
        status = balance.month(request.period) or status_for(
            session, programme, kpm.id, request.period
        )
        parts = _pinned_parts(programme, status, priced, goods_problems)
        total = sum(p.total_rupiah for p in parts)
        lines = tuple(line for _, line in priced)
    else:
        months = [m for m in offered if m.period >= Period.parse(kpm.eligible_from)]
        if not months:
            try:
                _check_period(session, ctx, kpm, working_period(ctx, session))
            except RuleViolation as exc:
                problems.append(exc)
        parts, unplaced = _split_parts(programme, months, priced, goods_problems)
        per_product: dict[str, int] = dict(unplaced)
        for part in parts:
            for line in part.lines:
                per_product[line.product_id] = per_product.get(line.product_id, 0) + (
                    line.total_rupiah
                )
        # The KPM's lines: whole quantities, each priced as the sum of its months' parts.
        lines = tuple(
            replace(line, total_rupiah=per_product.get(line.product_id, line.total_rupiah))
            for _, line in priced
        )
        total = sum(line.total_rupiah for line in lines)
        if unplaced:
            placed = sum(p.total_rupiah for p in parts)
            goods_problems.append(_balance_problem(balance, total, placed))
    problems += goods_problems
    return BasketCheck(balance, request.period, lines, parts, total, tuple(problems))


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


def serve_in(session: Session, ctx: ServiceContext, request: RedeemRequest) -> list[Redemption]:
    """Record a basket in the caller's transaction, one redemption per month it draws on,
    refusing on the first problem (the counter has shown them all before)."""
    if not request.items:
        raise InvalidInput("Belum ada barang yang dipilih.", "No items chosen yet.")
    edc = _clean_reference(request.edc_reference)
    check = _check(session, ctx, request)
    if check.problems:
        raise check.problems[0]
    basket_id = new_uuid()
    stamp = ctx.utc_stamp()
    saved: list[Redemption] = []
    with session.no_autoflush:
        # One flush at the end: the checks above already read the state this basket needs.
        for part in check.parts:
            redemption = Redemption(
                id=new_uuid(),
                beneficiary_id=request.beneficiary_id,
                period=str(part.period),
                total_rupiah=part.total_rupiah,
                edc_reference=edc,
                status="completed",
                operator_name=ctx.actor.name,
                basket_id=basket_id,
            )
            redemption.created_at, redemption.utc_offset_min = stamp
            session.add(redemption)
            for number, line in enumerate(part.lines, start=1):
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
            saved.append(redemption)
    session.flush()
    return saved


def redeem_in(session: Session, ctx: ServiceContext, request: RedeemRequest) -> Redemption:
    """A basket pinned to one month, in the caller's transaction (one redemption)."""
    if request.period is None:
        raise ValueError("redeem_in takes a basket pinned to one month; use serve_in")
    return serve_in(session, ctx, request)[0]


def serve(ctx: ServiceContext, request: RedeemRequest) -> SavedBasket:
    """Save a basket: automatically over the open months, or pinned to `request.period`."""
    with ctx.transaction("redeem") as session:
        return SavedBasket(tuple(view(r) for r in serve_in(session, ctx, request)))


def redeem(ctx: ServiceContext, request: RedeemRequest) -> RedemptionView:
    """A basket pinned to one month of aid, saved as one redemption."""
    with ctx.transaction("redeem") as session:
        return view(redeem_in(session, ctx, request))


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
        return view(void_in(session, ctx, redemption_id, reason, edc_reversal_reference))


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
        basket_id=row.basket_id,
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
