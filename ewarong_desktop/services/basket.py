"""A basket against the KPM's open months: the value types, and how a basket is divided.

One balance to the KPM, one redemption per month in the records: the open months are filled
oldest first, a line that does not fit a month's remainder is split by quantity, and every
part is priced by the bundle spec's line rule. Plain functions over rows already read; the
reading and saving are in `redemption`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ewarong_desktop.domain.errors import CategoryNotRedeemable, EntitlementExceeded, EwarongError
from ewarong_desktop.domain.money import format_rupiah, line_total
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.domain.quantity import from_milli, to_milli
from ewarong_desktop.domain.rules import CATEGORY_LABELS, NEVER_REDEEMABLE
from ewarong_desktop.services.programme import Programme


class Good(Protocol):
    """What the basket checks need of a product: a `store.models.Product` record, or the
    counter's `GoodRow` read as a plain row."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def price_rupiah(self) -> int: ...
    @property
    def active(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class GoodRow:
    """A product as the counter reads it for a basket (no ORM record)."""

    id: str
    name: str
    unit: str
    category: str
    price_rupiah: int
    active: bool


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


# Quantities a line may be split into between months: whole pieces for counted goods,
# grams or millilitres for weighed ones (kept in thousandths, like every quantity).
_SPLIT_STEP_MILLI = {"butir": 1000, "ikat": 1000, "pcs": 1000}


def fits(room: int, unit_price: int, step: int) -> int:
    """The most thousandths (a multiple of `step`) whose line total, rounded half up as the
    spec's line rule says, is at most `room` rupiah."""
    if room <= 0 or unit_price <= 0:
        return 0
    # round(k * price / 1000) <= room  <=>  2 * k * price < (2 * room + 1) * 1000
    most = ((2 * room + 1) * 1000 - 1) // (2 * unit_price)
    return most - most % step


def not_redeemable(product: Good, period: Period | None) -> CategoryNotRedeemable:
    if product.category == NEVER_REDEEMABLE:
        return CategoryNotRedeemable(
            f"{product.name} bukan barang bantuan (kategori lainnya): tidak dapat dibeli "
            "dengan bantuan.",
            f"{product.name} is not an aid good (category other): it cannot be bought with aid.",
        )
    label = CATEGORY_LABELS[product.category]
    month_id = f" {format_month(period)}" if period is not None else " yang tersisa"
    month_en = f" for {format_month(period, 'en')}" if period is not None else " left"
    return CategoryNotRedeemable(
        f"{product.name}: kategori {label.id.lower()} tidak boleh dibeli dengan bantuan{month_id}.",
        f"{product.name}: {label.en.lower()} may not be bought with the aid{month_en}.",
    )


def priced_line(product: Good, quantity: Decimal) -> BasketLine:
    return BasketLine(
        product.id,
        product.name,
        product.unit,
        product.category,
        quantity,
        product.price_rupiah,
        line_total(quantity, product.price_rupiah),
    )


def entitlement_problem(status: EntitlementStatus, total: int) -> EntitlementExceeded:
    return EntitlementExceeded(
        f"Belanja {format_rupiah(total)} melebihi sisa bantuan {format_month(status.period)} "
        f"sebesar {format_rupiah(status.remaining)}.",
        f"Basket {format_rupiah(total)} exceeds the {format_month(status.period, 'en')} aid "
        f"left, {format_rupiah(status.remaining)}.",
        remaining=status.remaining,
        requested=total,
    )


def balance_problem(balance: Balance, total: int, placed: int) -> EntitlementExceeded:
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


def pinned_parts(
    programme: Programme,
    status: EntitlementStatus,
    priced: list[tuple[Good, BasketLine]],
    problems: list[EwarongError],
) -> tuple[BasketPart, ...]:
    allowed = programme.redeemable(status.period)
    for product, _line in priced:
        if product.category not in allowed:
            problems.append(not_redeemable(product, status.period))
    part = BasketPart(status, tuple(line for _, line in priced))
    if part.total_rupiah > status.remaining:
        problems.append(entitlement_problem(status, part.total_rupiah))
    return (part,) if part.lines else ()


def split_parts(
    programme: Programme,
    months: list[EntitlementStatus],
    priced: list[tuple[Good, BasketLine]],
    problems: list[EwarongError],
) -> tuple[tuple[BasketPart, ...], dict[str, int]]:
    """Fill the open months oldest first; a line that does not fit a month's remainder is
    split by quantity, each part priced by the line rule. Returns the parts and, per product,
    the rupiah that found no month (the basket is then over the balance)."""
    # The open months by their place in `months` (a KPM who saved up has sixty of them):
    # plain integers as keys, not the months themselves, hashed and compared for each.
    room: dict[int, int] = {}
    for index, month in enumerate(months):
        if month.entitlement > month.spent:
            room[index] = month.entitlement - month.spent
    placed: dict[int, list[BasketLine]] = {}
    unplaced: dict[str, int] = {}
    # A KPM who saved up may have dozens of months open and a basket fills the oldest two or
    # three: each month's categories are asked for (memoised by the programme) only as the
    # lines reach it, and all of them only for a product no open month takes.
    redeemable = programme.redeemable
    for product, line in priced:
        left = to_milli(line.quantity)
        step = _SPLIT_STEP_MILLI.get(product.unit, 1)
        usable = False
        for index in room:
            if left <= 0:
                break
            if product.category not in redeemable(months[index].period):
                continue
            usable = True
            whole = line_total(from_milli(left), product.price_rupiah)
            take = left if whole <= room[index] else fits(room[index], product.price_rupiah, step)
            if take <= 0:
                continue
            part = priced_line(product, from_milli(take))
            placed.setdefault(index, []).append(part)
            room[index] -= part.total_rupiah
            left -= take
        if not usable and not any(product.category in redeemable(m.period) for m in months):
            problems.append(not_redeemable(product, months[-1].period if months else None))
            continue
        if left > 0:
            unplaced[product.id] = line_total(from_milli(left), product.price_rupiah)
    parts = tuple(BasketPart(months[index], tuple(placed[index])) for index in sorted(placed))
    return parts, unplaced
