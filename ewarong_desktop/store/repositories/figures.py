"""A month's aggregate queries: KPMs registered and served, redemptions, purchases, stock.

Redemptions count by their period (the month of aid they spend); purchases and stock
movements by their date.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.states import Status
from ewarong_desktop.store.models import (
    Beneficiary,
    Product,
    Purchase,
    PurchaseLine,
    Redemption,
    RedemptionLine,
    StockMovement,
)
from ewarong_desktop.store.repositories.beneficiaries import registered_in


def registered_count(session: Session, period: Period) -> int:
    """KPMs on the list in `period`."""
    return int(session.scalar(select(func.count(Beneficiary.id)).where(registered_in(period))) or 0)


def served_registered_count(session: Session, period: Period) -> int:
    """Registered KPMs with a completed redemption of `period`."""
    return int(
        session.scalar(
            select(func.count(func.distinct(Redemption.beneficiary_id)))
            .join(Beneficiary, Redemption.beneficiary_id == Beneficiary.id)
            .where(
                Redemption.period == str(period),
                Redemption.status == Status.COMPLETED,
                registered_in(period),
            )
        )
        or 0
    )


def redemption_figures(session: Session, period: Period) -> tuple[int, int, int, int]:
    """Completed redemptions of `period`: count, rupiah, KPMs served; and the voided count."""
    completed = Redemption.status == Status.COMPLETED
    row = session.execute(
        select(
            func.count(Redemption.id).filter(completed),
            func.coalesce(func.sum(Redemption.total_rupiah).filter(completed), 0),
            func.count(func.distinct(Redemption.beneficiary_id)).filter(completed),
            func.count(Redemption.id).filter(Redemption.status == Status.VOIDED),
        ).where(Redemption.period == str(period))
    ).one()
    return int(row[0]), int(row[1]), int(row[2]), int(row[3])


def purchase_figures(session: Session, period: Period) -> tuple[int, int, int]:
    """Completed purchases dated in the month: count, own rupiah, third-party rupiah."""
    row = session.execute(
        select(
            func.count(Purchase.id),
            func.coalesce(func.sum(case((Purchase.is_own, Purchase.total_rupiah), else_=0)), 0),
            func.coalesce(func.sum(case((Purchase.is_own, 0), else_=Purchase.total_rupiah)), 0),
        ).where(
            Purchase.status == Status.COMPLETED,
            Purchase.date.between(period.first_day(), period.last_day()),
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def received_milli_by_source(session: Session, period: Period) -> dict[str, int]:
    """Value handed to KPMs for `period` in thousandths of a rupiah, by the source of the lot
    it came from: "own", "third", or "unknown" (stock with no lot)."""
    own = case(
        (Purchase.is_own.is_(True), "own"), (Purchase.id.is_not(None), "third"), else_="unknown"
    )
    value = -StockMovement.quantity_milli * RedemptionLine.unit_price_rupiah
    rows = session.execute(
        select(own, func.coalesce(func.sum(value), 0))
        .select_from(StockMovement)
        .join(RedemptionLine, StockMovement.redemption_line_id == RedemptionLine.id)
        .join(Redemption, RedemptionLine.redemption_id == Redemption.id)
        .outerjoin(PurchaseLine, StockMovement.lot_id == PurchaseLine.id)
        .outerjoin(Purchase, PurchaseLine.purchase_id == Purchase.id)
        .where(
            Redemption.period == str(period),
            Redemption.status == Status.COMPLETED,
            StockMovement.kind == "redemption_out",
        )
        .group_by(own)
    ).all()
    return {kind: int(value) for kind, value in rows}


def stock_movements(
    session: Session, period: Period
) -> Sequence[tuple[Product, int, int, int, int]]:
    """Every product with its stock in thousandths: opening, purchased, redeemed (net of
    voids in the same month), adjusted (adjustments, voided purchases, and goods back from
    voiding an earlier month's redemption, signed); by category and name.

    A void dated in a later month is an adjustment of that month, not a negative 'out'.
    """
    first, last = period.first_day(), period.last_day()
    in_month = and_(StockMovement.movement_date >= first, StockMovement.movement_date <= last)
    qty = StockMovement.quantity_milli
    kind = StockMovement.kind
    zero = 0
    original = aliased(StockMovement)
    late_void = and_(
        kind == "void_in",
        exists().where(
            original.redemption_line_id == StockMovement.redemption_line_id,
            original.kind == "redemption_out",
            original.movement_date < first,
        ),
    )
    handed_out = and_(in_month, kind.in_(("redemption_out", "void_in")), ~late_void)
    adjusted = and_(in_month, or_(kind.in_(("adjustment", "purchase_void")), late_void))
    rows = session.execute(
        select(
            Product,
            func.coalesce(
                func.sum(case((StockMovement.movement_date < first, qty), else_=zero)), 0
            ),
            func.coalesce(
                func.sum(case((and_(in_month, kind == "purchase_in"), qty), else_=zero)), 0
            ),
            func.coalesce(
                func.sum(case((handed_out, -qty), else_=zero)),
                0,
            ),
            func.coalesce(
                func.sum(case((adjusted, qty), else_=zero)),
                0,
            ),
        )
        .outerjoin(StockMovement, StockMovement.product_id == Product.id)
        .group_by(Product.id)
        .order_by(Product.category, Product.name)
    )
    return [
        (product, opening, purchased, redeemed, adjusted)
        for product, opening, purchased, redeemed, adjusted in rows
    ]
