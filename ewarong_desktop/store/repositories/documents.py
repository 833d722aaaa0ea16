"""What the printed documents read: a KPM's spending so far, a month's KPMs, sources, prices."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.states import Status
from ewarong_desktop.store.models import (
    Beneficiary,
    Product,
    Purchase,
    PurchaseLine,
    Redemption,
    RedemptionLine,
    Source,
)
from ewarong_desktop.store.repositories.beneficiaries import registered_in


def spent_until(session: Session, row: Redemption) -> int:
    """Spent of the period by this KPM up to this redemption, so a reprint reads as the
    original did; a voided redemption no longer counts."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(Redemption.total_rupiah), 0)).where(
                Redemption.beneficiary_id == row.beneficiary_id,
                Redemption.period == row.period,
                Redemption.status == Status.COMPLETED,
                or_(
                    Redemption.created_at < row.created_at,
                    and_(Redemption.created_at == row.created_at, Redemption.id <= row.id),
                ),
            )
        )
        or 0
    )


def registered(session: Session, period: Period) -> list[Beneficiary]:
    """KPMs on the list in `period`: the same set `monthly` counts as registered."""
    return list(session.scalars(select(Beneficiary).where(registered_in(period))))


def completed_in(session: Session, period: Period) -> list[Redemption]:
    """Completed redemptions of `period`, in the order they were served."""
    return list(
        session.scalars(
            select(Redemption)
            .where(Redemption.period == str(period), Redemption.status == Status.COMPLETED)
            .order_by(Redemption.created_at, Redemption.id)
        )
    )


def served_ids(session: Session, period: Period) -> set[str]:
    """Ids of the KPMs with a completed redemption of `period`."""
    return set(
        session.scalars(
            select(Redemption.beneficiary_id).where(
                Redemption.period == str(period), Redemption.status == Status.COMPLETED
            )
        )
    )


def products(session: Session, ids: Iterable[str]) -> list[Product]:
    """The products with these ids, in the same order; each must exist."""
    return [session.get_one(Product, product_id) for product_id in ids]


def purchases_by_source(
    session: Session, period: Period
) -> Sequence[tuple[str, str, bool, int, int]]:
    """Completed purchases dated in the month, per source: kind, name, own, count, rupiah;
    own sources first, then by value. The filter `monthly` uses."""
    rows = session.execute(
        select(
            Source.kind,
            Source.name,
            Purchase.is_own,
            func.count(Purchase.id),
            func.sum(Purchase.total_rupiah),
        )
        .join(Source, Purchase.source_id == Source.id)
        .where(
            Purchase.status == Status.COMPLETED,
            Purchase.date.between(period.first_day(), period.last_day()),
        )
        .group_by(Source.kind, Source.name, Purchase.is_own)
        .order_by(Purchase.is_own.desc(), func.sum(Purchase.total_rupiah).desc(), Source.name)
    )
    return [(kind, name, own, count, value) for kind, name, own, count, value in rows]


def purchase_line_sums(session: Session, period: Period) -> Sequence[tuple[str, int, int]]:
    """Per product bought in completed purchases dated in the month: rupiah, thousandths."""
    rows = session.execute(
        select(
            PurchaseLine.product_id,
            func.sum(PurchaseLine.total_rupiah),
            func.sum(PurchaseLine.quantity_milli),
        )
        .join(Purchase, PurchaseLine.purchase_id == Purchase.id)
        .where(
            Purchase.status == Status.COMPLETED,
            Purchase.date.between(period.first_day(), period.last_day()),
        )
        .group_by(PurchaseLine.product_id)
    )
    return [(product_id, rupiah, milli) for product_id, rupiah, milli in rows]


def sale_line_sums(session: Session, period: Period) -> Sequence[tuple[str, int, int]]:
    """Per product handed out in completed redemptions of `period`: rupiah, thousandths."""
    rows = session.execute(
        select(
            RedemptionLine.product_id,
            func.sum(RedemptionLine.total_rupiah),
            func.sum(RedemptionLine.quantity_milli),
        )
        .join(Redemption, RedemptionLine.redemption_id == Redemption.id)
        .where(Redemption.period == str(period), Redemption.status == Status.COMPLETED)
        .group_by(RedemptionLine.product_id)
    )
    return [(product_id, rupiah, milli) for product_id, rupiah, milli in rows]
