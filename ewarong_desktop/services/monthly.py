"""A month's figures: aid used, KPM served, stock opening/in/out/closing, sources of goods.

Redemptions count by their period (the month of aid they spend); purchases and stock
movements by their date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.quantity import from_milli, quantity_text
from ewarong_desktop.domain.share import own_share
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.programme import load_programme
from ewarong_desktop.store.repositories import figures


@dataclass(frozen=True)
class StockFigures:
    product_id: str
    code: str
    name: str
    unit: str
    opening: Decimal
    purchased: Decimal
    redeemed: Decimal  # out to KPMs, net of voids made the same month
    adjusted: Decimal  # adjustments, voided purchases, voids of earlier months (signed)
    closing: Decimal


@dataclass(frozen=True)
class MonthlyFigures:
    period: Period
    entitlement_rate: int
    kpm_registered: int
    kpm_served: int
    redemptions_count: int
    redemptions_total_rupiah: int
    voided_count: int
    entitlement_total_rupiah: int  # what the served-or-not active KPMs could spend
    purchases_count: int
    purchases_own_rupiah: int
    purchases_third_party_rupiah: int
    received_own_rupiah: int  # what KPMs got, valued, from own-sourced lots (FIFO)
    received_third_party_rupiah: int
    received_unknown_rupiah: int  # from stock found in a count, with no lot
    stock: tuple[StockFigures, ...]

    kpm_served_registered: int  # of the registered ones (a KPM may leave mid-month)

    @property
    def kpm_not_served(self) -> int:
        return self.kpm_registered - self.kpm_served_registered

    @property
    def own_share(self) -> float | None:
        return own_share(self.purchases_own_rupiah, self.purchases_third_party_rupiah)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["period"] = str(self.period)
        data["kpm_not_served"] = self.kpm_not_served
        data["own_share"] = self.own_share
        data["stock"] = [
            {k: quantity_text(v) if isinstance(v, Decimal) else v for k, v in s.items()}
            for s in data["stock"]
        ]
        return data


def monthly_figures(ctx: ServiceContext, period: Period) -> MonthlyFigures:
    with ctx.reading() as session:
        return compute(session, period)


def _received_by_source(session: Session, period: Period) -> tuple[int, int, int]:
    """Value handed to KPMs for this period, split by the source of the lot it came from."""
    totals = {
        kind: (milli + 500) // 1000
        for kind, milli in figures.received_milli_by_source(session, period).items()
    }
    return totals.get("own", 0), totals.get("third", 0), totals.get("unknown", 0)


def _stock_figures(session: Session, period: Period) -> tuple[StockFigures, ...]:
    rows = figures.stock_movements(session, period)
    stock = []
    for product, opening, purchased, redeemed, adjusted in rows:
        closing = opening + purchased - redeemed + adjusted
        stock.append(
            StockFigures(
                product.id,
                product.code,
                product.name,
                product.unit,
                from_milli(opening),
                from_milli(purchased),
                from_milli(redeemed),
                from_milli(adjusted),
                from_milli(closing),
            )
        )
    return tuple(stock)


def compute(session: Session, period: Period) -> MonthlyFigures:
    programme = load_programme(session)
    rate = programme.rate(period) or 0
    registered = figures.registered_count(session, period)
    served_registered = figures.served_registered_count(session, period)
    count, total, served, voided = figures.redemption_figures(session, period)
    purchases, own, third = figures.purchase_figures(session, period)
    received_own, received_third, received_unknown = _received_by_source(session, period)
    return MonthlyFigures(
        period=period,
        entitlement_rate=rate,
        kpm_registered=registered,
        kpm_served=served,
        kpm_served_registered=served_registered,
        redemptions_count=count,
        redemptions_total_rupiah=total,
        voided_count=voided,
        entitlement_total_rupiah=registered * rate,
        purchases_count=purchases,
        purchases_own_rupiah=own,
        purchases_third_party_rupiah=third,
        received_own_rupiah=received_own,
        received_third_party_rupiah=received_third,
        received_unknown_rupiah=received_unknown,
        stock=_stock_figures(session, period),
    )


@dataclass(frozen=True)
class MonthShare:
    period: Period
    own_rupiah: int
    third_party_rupiah: int

    @property
    def own_share(self) -> float | None:
        return own_share(self.own_rupiah, self.third_party_rupiah)


def share_by_month(
    ctx: ServiceContext,
    last: Period,
    months: int = 12,
    progress: Callable[[str], None] | None = None,
) -> list[MonthShare]:
    """What was bought from own sources vs third-party suppliers, month by month, oldest first."""
    out = []
    for i in reversed(range(months)):
        period = last.shift(-i)
        if progress:
            progress(str(period))
        figures = monthly_figures(ctx, period)
        out.append(
            MonthShare(period, figures.purchases_own_rupiah, figures.purchases_third_party_rupiah)
        )
    return out
