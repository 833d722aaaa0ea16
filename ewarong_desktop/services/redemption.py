"""Serving a KPM: which months of aid are open, the basket checks, redeeming and voiding."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Protocol

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import (
    Conflict,
    EwarongError,
    InvalidInput,
    NotFound,
    RuleViolation,
)
from ewarong_desktop.domain.periods import Period, format_month, period_range
from ewarong_desktop.domain.quantity import check_quantity, from_milli, to_milli
from ewarong_desktop.domain.rules import void_reason
from ewarong_desktop.domain.states import Status
from ewarong_desktop.services.basket import (
    Balance,
    BasketCheck,
    BasketItem,
    BasketLine,
    EntitlementStatus,
    Good,
    GoodRow,
    RedeemRequest,
    balance_problem,
    pinned_parts,
    priced_line,
    split_parts,
)
from ewarong_desktop.services.beneficiaries import BeneficiaryView, beneficiary_row
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Topic, changed
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.products import product_rows
from ewarong_desktop.services.profile import (
    stored_working_month,
    working_period,
    working_period_of,
)
from ewarong_desktop.services.programme import Programme, load_programme
from ewarong_desktop.services.stock import (
    Shelf,
    draw,
    load_shelf,
    put_back,
    refuse_short,
    settled,
    shelf_with,
    store_drawn,
)
from ewarong_desktop.store.base import new_uuid
from ewarong_desktop.store.models import Redemption
from ewarong_desktop.store.repositories import beneficiaries as kpm_repo
from ewarong_desktop.store.repositories import products as product_repo
from ewarong_desktop.store.repositories import redemptions as redemption_repo
from ewarong_desktop.store.repositories import stock as stock_repo
from ewarong_desktop.store.repositories.records import change_counter_value


class _Kpm(Protocol):
    """What the basket checks need of a KPM: a `Beneficiary` record or a `_CounterKpm`."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def eligible_from(self) -> str: ...
    @property
    def active(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class _CounterKpm:
    """A KPM as the counter reads it for a basket (a plain row, no ORM record)."""

    id: str
    name: str
    nik: str
    kks_number: str
    desa: str
    eligible_from: str
    active: bool


def _counter_kpm(session: Session, beneficiary_id: str) -> _CounterKpm:
    row = kpm_repo.counter_row(session, beneficiary_id)
    if row is None:
        raise NotFound("KPM tidak ditemukan.", "KPM not found.")
    return _CounterKpm(*row)


def _goods(
    session: Session, product_ids: list[str], known: dict[str, Good] | None = None
) -> dict[str, Good]:
    """A basket's products as plain rows, by id (those `known` already, proven current by
    the caller, not read again); refused as `product_rows` refuses."""
    rows: dict[str, Good] = known if known is not None else {}
    missing = [product_id for product_id in product_ids if product_id not in rows]
    if missing:
        rows.update((r[0], GoodRow(*r)) for r in product_repo.rows_by_ids(session, missing))
        if any(product_id not in rows for product_id in missing):
            product_rows(session, missing)  # refuses the missing one, word for word
    return rows


@dataclass
class _Kept:
    """What the counter's last basket read and left, for the next one: the shelf as it left
    it, the goods, the programme and the working month as stored."""

    shelf: Shelf
    goods: dict[str, Good]
    programme: Programme
    month: str | None


# By store (its `Database`'s connections, so a store closed and opened again, as a restore
# does, starts afresh): the change counter the last basket committed, and what it kept.
# The counter serves basket after basket of the same few goods, and on a five-year store
# the open lots' read alone (some seventy lots joined to their purchases for the FIFO
# order) was the biggest read of a basket. Every transaction that writes a record adds one
# to the change counter (`tracking`), so the same count read under the next basket's write
# lock proves nothing was written since: no purchase, void, adjustment, price or rate,
# working month or basket, by this window or another program.
_KEPT: weakref.WeakKeyDictionary[object, tuple[int, _Kept]] = weakref.WeakKeyDictionary()


# Where `serve_in` leaves what it read, in its session, until the transaction commits.
_KEEP = "counter_kept"


def _take_kept(session: Session, ctx: ServiceContext) -> _Kept | None:
    """What the last basket kept, if still current (one read); taken, not copied: `draw`
    changes the lots in place, so a basket that fails leaves nothing kept behind."""
    kept = _KEPT.pop(ctx.db.generation, None)
    if kept is None or change_counter_value(session) != kept[0]:
        return None
    return kept[1]


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
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class SavedBasket:
    """A basket as saved (or as voided): one redemption per month of aid it drew on, oldest
    first."""

    parts: tuple[RedemptionView, ...]
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

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
            f"Tidak ada besaran bantuan untuk {format_month(period)}; tambahkan di Pengaturan "
            "› Besaran bantuan (atau `ewarong-desktop rates add`).",
            f"No entitlement rate for {format_month(period, 'en')}; add one in Settings › "
            "Entitlement rates (or `ewarong-desktop rates add`).",
        )
    return rate


def status_for(
    session: Session, programme: Programme, beneficiary_id: str, period: Period
) -> EntitlementStatus:
    return EntitlementStatus(
        period, _rate_or_refuse(programme, period), spent(session, beneficiary_id, period)
    )


def _offered(
    session: Session,
    ctx: ServiceContext,
    kpm: _Kpm,
    current: Period | None,
    programme: Programme | None = None,
) -> list[EntitlementStatus]:
    programme = programme or load_programme(session)
    now = current or working_period(ctx, session)
    first = max(Period.parse(kpm.eligible_from), programme.first_period() or now)
    spent_by_period = redemption_repo.spent_by_period(session, kpm.id)
    now_text = str(now)
    offered = []
    for text, rate, untouched in _rated_months(programme, first, now):
        spent = spent_by_period.get(text)
        if spent is None:  # nothing spent of this month yet: its status is shared
            if rate > 0 or text == now_text:
                offered.append(untouched)
        elif rate > spent or text == now_text:
            offered.append(EntitlementStatus(untouched.period, rate, spent))
    return offered


# The months from a KPM's first to the working month that have a rate, as (text, rate, the
# month's status with nothing spent), worked out once per set of rates (kept with the
# programme's own answers): a KPM who saved up for five years has 60 of them, most untouched,
# and the counter went through them month by month for every basket.
_RatedMonths = tuple[tuple[str, int, EntitlementStatus], ...]


def _rated_months(programme: Programme, first: Period, now: Period) -> _RatedMonths:
    key = ("rated_months", first, now)
    found = programme.memo.get(key)
    if found is None:
        if len(programme.memo) >= 256:
            programme.memo.clear()
        months = period_range(first, now) if first <= now else [now]
        found = programme.memo[key] = tuple(
            (str(period), rate, EntitlementStatus(period, rate, 0))
            for period in months
            if (rate := programme.rate(period)) is not None
        )
    return found  # type: ignore[return-value]


def _check_period(kpm: _Kpm, period: Period, now: Period) -> None:
    """Refuse a month of aid not due yet (after the working month `now`) or before the KPM's."""
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
    session: Session,
    items: tuple[BasketItem, ...],
    goods: dict[str, Good] | None,
    shelf: Shelf | None,
) -> tuple[list[tuple[Good, BasketLine]], list[EwarongError]]:
    """Merge repeated products, price the whole lines and collect the goods' refusals
    (`goods` and `shelf` as the caller read them, else read here)."""
    merged: dict[str, Decimal] = {}
    for item in items:
        merged[item.product_id] = merged.get(item.product_id, Decimal(0)) + item.quantity
    for quantity in merged.values():
        check_quantity(quantity)
    goods = goods if goods is not None else _goods(session, list(merged))
    shelf = shelf or load_shelf(session, merged)
    lines: list[tuple[Good, BasketLine]] = []
    problems: list[EwarongError] = []
    for product_id, quantity in merged.items():
        product = goods[product_id]
        milli = to_milli(quantity)
        if milli <= 0:
            problems.append(
                InvalidInput("Jumlah barang harus lebih dari 0.", "Quantity must be more than 0.")
            )
            continue
        lines.append((product, priced_line(product, quantity)))
        if not product.active:
            problems.append(
                RuleViolation(
                    f"{product.name} tidak dijual lagi.", f"{product.name} is no longer sold."
                )
            )
        level = shelf.level(product.id)
        if milli > level:
            problems.append(refuse_short(product, milli, level))
    return lines, problems


def _inactive_problem(kpm: _Kpm) -> RuleViolation:
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


def _check(
    session: Session,
    ctx: ServiceContext,
    request: RedeemRequest,
    goods: dict[str, Good] | None = None,
    shelf: Shelf | None = None,
    kpm: _Kpm | None = None,
    now: Period | None = None,
) -> BasketCheck:
    kpm = kpm or beneficiary_row(session, request.beneficiary_id)
    programme = load_programme(session)
    problems: list[EwarongError] = []
    if not kpm.active:
        problems.append(_inactive_problem(kpm))
    now = now or working_period(ctx, session)
    offered = _offered(session, ctx, kpm, now, programme)
    balance = Balance(tuple(offered), now)
    priced, goods_problems = _basket(session, request.items, goods, shelf)
    if request.period is not None:
        try:
            _check_period(kpm, request.period, now)
        except RuleViolation as exc:
            problems.append(exc)
        status = balance.month(request.period) or status_for(
            session, programme, kpm.id, request.period
        )
        parts = pinned_parts(programme, status, priced, goods_problems)
        total = sum(p.total_rupiah for p in parts)
        lines = tuple(line for _, line in priced)
    else:
        eligible = Period.parse(kpm.eligible_from)
        # `offered` runs oldest first from the KPM's first month but for a KPM whose first
        # month is still to come (then only the working month, which this drops).
        months = (
            offered
            if not offered or offered[0].period >= eligible
            else [m for m in offered if m.period >= eligible]
        )
        if not months:
            try:
                _check_period(kpm, now, now)
            except RuleViolation as exc:
                problems.append(exc)
        parts, unplaced = split_parts(programme, months, priced, goods_problems)
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
            goods_problems.append(balance_problem(balance, total, placed))
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


def serve_in(session: Session, ctx: ServiceContext, request: RedeemRequest) -> list[RedemptionView]:
    """Record a basket in the caller's transaction, one redemption per month it draws on,
    refusing on the first problem (the counter has shown them all before)."""
    if not request.items:
        raise InvalidInput("Belum ada barang yang dipilih.", "No items chosen yet.")
    edc = _clean_reference(request.edc_reference)
    # The goods and their open lots are read once, for the check and for taking them off
    # the shelf.
    # The KPM and the goods as plain rows: the checks and the receipt need a few columns,
    # not ORM records.
    kpm = _counter_kpm(session, request.beneficiary_id)
    # The goods, their shelf, the programme and the working month as the last basket left
    # them when nothing was written since (`_take_kept`), else read.
    kept = _take_kept(session, ctx)
    ids = [i.product_id for i in request.items]
    goods = _goods(session, ids, kept.goods if kept else None)
    shelf = shelf_with(session, kept.shelf if kept else None, ids)
    if kept is not None:
        session.info["programme"] = kept.programme  # as `load_programme` keeps it
    month = kept.month if kept is not None else stored_working_month(session)
    check = _check(session, ctx, request, goods, shelf, kpm, working_period_of(ctx, month))
    if check.problems:
        raise check.problems[0]
    # Written by one statement a table (redemptions, lines, movements, lots), not the ORM's
    # unit of work: the basket's rows are known in full here, and the audit entry notes them
    # as a flush would (`tracking.insert_created`).
    basket_id = new_uuid()
    created_at, offset = ctx.utc_stamp()
    today, operator = ctx.today(), ctx.actor.name
    redemption_ids = redemption_repo.add(
        session,
        [
            {
                "id": new_uuid(),
                "beneficiary_id": kpm.id,
                "period": str(part.period),
                "total_rupiah": part.total_rupiah,
                "edc_reference": edc,
                "status": Status.COMPLETED,
                "void_reason": None,
                "void_edc_reference": None,
                "voided_at": None,
                "voided_by": None,
                "operator_name": operator,
                "created_at": created_at,
                "utc_offset_min": offset,
                "basket_id": basket_id,
            }
            for part in check.parts
        ],
    )
    placed = [
        (redemption_id, number, line)
        for redemption_id, part in zip(redemption_ids, check.parts, strict=True)
        for number, line in enumerate(part.lines, start=1)
    ]
    line_ids = redemption_repo.add_lines(
        session,
        [
            {
                "redemption_id": redemption_id,
                "line_no": number,
                "product_id": line.product_id,
                "quantity_milli": to_milli(line.quantity),
                "unit_price_rupiah": line.unit_price_rupiah,
                "total_rupiah": line.total_rupiah,
            }
            for redemption_id, number, line in placed
        ],
    )
    movements = []
    for line_id, (_, _, line) in zip(line_ids, placed, strict=True):
        movements += draw(
            shelf,
            goods[line.product_id],
            to_milli(line.quantity),
            kind="redemption_out",
            on=today,
            operator=operator,
            redemption_line_id=line_id,
        )
    stock_repo.add_movements(session, movements)
    store_drawn(session, shelf)
    # For the next basket, once this one is committed (`serve`).
    session.info[_KEEP] = _Kept(settled(shelf), goods, load_programme(session), month)
    return [
        RedemptionView(
            id=redemption_id,
            beneficiary_id=kpm.id,
            beneficiary_name=kpm.name,
            nik=kpm.nik,
            kks_number=kpm.kks_number,
            desa=kpm.desa,
            period=part.period,
            lines=tuple(_as_saved(line, goods[line.product_id]) for line in part.lines),
            total_rupiah=part.total_rupiah,
            edc_reference=edc,
            status=Status.COMPLETED,
            void_reason=None,
            void_edc_reference=None,
            operator_name=operator,
            created_at=created_at,
            utc_offset_min=offset,
            version=1,
            basket_id=basket_id,
        )
        for redemption_id, part in zip(redemption_ids, check.parts, strict=True)
    ]


def _as_saved(line: BasketLine, product: Good) -> BasketLine:
    """A part's line as `view` reads it back: the product's words, the quantity as stored."""
    return BasketLine(
        line.product_id,
        product.name,
        product.unit,
        product.category,
        from_milli(to_milli(line.quantity)),
        line.unit_price_rupiah,
        line.total_rupiah,
    )


def redeem_in(session: Session, ctx: ServiceContext, request: RedeemRequest) -> RedemptionView:
    """A basket pinned to one month, in the caller's transaction (one redemption)."""
    if request.period is None:
        raise ValueError("redeem_in takes a basket pinned to one month; use serve_in")
    return serve_in(session, ctx, request)[0]


@contextmanager
def _basket_transaction(ctx: ServiceContext) -> Iterator[Session]:
    """A basket's transaction; once it has committed, what `serve_in` left is kept for the
    next basket with the change counter the commit wrote (read after the basket's writes).
    A basket that fails keeps nothing."""
    with ctx.transaction("redeem") as session:
        yield session
        left: _Kept | None = session.info.pop(_KEEP, None)
        kept = None if left is None else (change_counter_value(session), left)
    if kept is not None:  # committed: what it kept is what the store now holds
        _KEPT[ctx.db.generation] = kept


def serve(ctx: ServiceContext, request: RedeemRequest) -> SavedBasket:
    """Save a basket: automatically over the open months, or pinned to `request.period`."""
    with _basket_transaction(ctx) as session:
        saved = SavedBasket(tuple(serve_in(session, ctx, request)))
    return changed(saved, Topic.REDEMPTION, Topic.STOCK)


def redeem(ctx: ServiceContext, request: RedeemRequest) -> RedemptionView:
    """A basket pinned to one month of aid, saved as one redemption."""
    with _basket_transaction(ctx) as session:
        saved = redeem_in(session, ctx, request)
    return changed(saved, Topic.REDEMPTION, Topic.STOCK)


def void_in(
    session: Session,
    ctx: ServiceContext,
    redemption_id: str,
    reason: str,
    edc_reversal_reference: str | None,
) -> Redemption:
    ctx.require_admin("membatalkan transaksi", "void a transaction")
    reason = void_reason(reason)
    row = redemption_row(session, redemption_id)
    if row.status == Status.VOIDED:
        raise Conflict("Transaksi ini sudah dibatalkan.", "This transaction is already voided.")
    reversal = _clean_reference(edc_reversal_reference)
    if row.edc_reference and not reversal:
        raise InvalidInput(
            f"Transaksi ini dibayar lewat EDC (ref {row.edc_reference}): isi nomor referensi "
            "pembatalan (reversal) dari EDC.",
            f"This transaction was paid on the EDC (ref {row.edc_reference}): enter the EDC "
            "reversal reference.",
        )
    # Every line's movements in one read, put back in the order they were taken.
    taken = redemption_repo.stock_taken(session, [line.id for line in row.lines])
    put_back(
        session,
        [out for line in row.lines for out in taken[line.id]],
        kind="void_in",
        on=ctx.today(),
        operator=ctx.actor.name,
    )
    row.status, row.void_reason, row.void_edc_reference = Status.VOIDED, reason, reversal
    row.voided_at, row.voided_by = ctx.utc_stamp()[0], ctx.actor.name
    session.flush()
    return row


def void_redemption(
    ctx: ServiceContext, redemption_id: str, reason: str, edc_reversal_reference: str | None = None
) -> SavedBasket:
    """Never delete: mark voided with the reason; stock goes back, the entitlement is freed.

    A basket saved over several months of aid was one sale (one receipt, one EDC payment and
    so one reversal), so voiding any part of it voids every part still standing, together.
    """
    ctx.require_admin("membatalkan transaksi", "void a transaction")
    with ctx.transaction("void_redemption") as session:
        standing = _standing(session, redemption_row(session, redemption_id))
        voided = [void_in(session, ctx, p.id, reason, edc_reversal_reference) for p in standing]
        return changed(SavedBasket(tuple(view(v) for v in voided)), Topic.REDEMPTION, Topic.STOCK)


def basket_of(ctx: ServiceContext, redemption_id: str) -> SavedBasket:
    """The parts of the basket a redemption was saved in that a void would take: those
    still standing (just the asked one when none is, or for a basket of one)."""
    with ctx.reading() as session:
        standing = _standing(session, redemption_row(session, redemption_id))
        return SavedBasket(tuple(view(p) for p in standing))


def _standing(session: Session, asked: Redemption) -> list[Redemption]:
    """The parts of `asked`'s basket not voided yet; just `asked` when all are (voiding it
    again then says it is already voided)."""
    parts = redemption_repo.basket_parts(session, asked)
    return [p for p in parts if p.status != Status.VOIDED] or [asked]


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
