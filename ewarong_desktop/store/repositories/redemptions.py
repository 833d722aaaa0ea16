"""Queries about redemptions: what a KPM has spent, finding a transaction, listing them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.states import Status
from ewarong_desktop.store.base import key_prefix
from ewarong_desktop.store.models import Redemption, StockMovement


def spent(session: Session, beneficiary_id: str, period: Period) -> int:
    """Rupiah a KPM spent on completed redemptions of one period's aid."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(Redemption.total_rupiah), 0)).where(
                Redemption.beneficiary_id == beneficiary_id,
                Redemption.period == str(period),
                Redemption.status == Status.COMPLETED,
            )
        )
        or 0
    )


def spent_by_period(session: Session, beneficiary_id: str) -> dict[str, int]:
    """Rupiah a KPM spent on completed redemptions, by period ('YYYY-MM')."""
    return {
        period: int(total)
        for period, total in session.execute(
            select(Redemption.period, func.sum(Redemption.total_rupiah))
            .where(
                Redemption.beneficiary_id == beneficiary_id, Redemption.status == Status.COMPLETED
            )
            .group_by(Redemption.period)
        ).all()
    }


def recorded_in_month(session: Session, beneficiary_ids: list[str], month: Period) -> set[str]:
    """Of these KPMs, those with a completed redemption recorded in `month` (by its UTC day)."""
    start = datetime(month.year, month.month, 1)
    after = month.next()
    end = datetime(after.year, after.month, 1)
    return set(
        session.scalars(
            select(Redemption.beneficiary_id).where(
                Redemption.beneficiary_id.in_(beneficiary_ids),
                Redemption.status == Status.COMPLETED,
                Redemption.created_at >= start,
                Redemption.created_at < end,
            )
        )
    )


def get(session: Session, redemption_id: str) -> Redemption | None:
    return session.get(Redemption, redemption_id)


def basket_parts(session: Session, row: Redemption) -> list[Redemption]:
    """The redemptions saved with `row` as one basket, oldest month first (just `row` for a
    basket of one month, or one saved before baskets were recorded)."""
    if row.basket_id is None:
        return [row]
    return list(
        session.scalars(
            select(Redemption)
            .where(Redemption.basket_id == row.basket_id)
            .order_by(Redemption.period, Redemption.id)
        )
    )


def id_starting(session: Session, prefix: str, limit: int) -> list[Redemption]:
    """Up to `limit` redemptions whose id starts with `prefix` (a shortened id)."""
    return list(
        session.scalars(
            select(Redemption).where(key_prefix(Redemption.id, prefix)).limit(limit)
        ).all()
    )


def stock_taken(session: Session, redemption_line_ids: list[int]) -> dict[int, list[StockMovement]]:
    """The stock movements that handed out each of these redemption lines, in one query
    (each line's in the order they were written)."""
    taken: dict[int, list[StockMovement]] = {line_id: [] for line_id in redemption_line_ids}
    rows = session.scalars(
        select(StockMovement)
        .where(
            StockMovement.redemption_line_id.in_(redemption_line_ids),
            StockMovement.kind == "redemption_out",
        )
        .order_by(StockMovement.redemption_line_id, literal_column("stock_movements.rowid"))
    )
    for movement in rows:
        assert movement.redemption_line_id is not None
        taken[movement.redemption_line_id].append(movement)
    return taken


def recorded_between(session: Session, start_utc: datetime, end_utc: datetime) -> list[Redemption]:
    """Redemptions recorded in a span of time, newest first."""
    return list(
        session.scalars(
            select(Redemption)
            .where(Redemption.created_at >= start_utc, Redemption.created_at < end_utc)
            .order_by(Redemption.created_at.desc())
        )
    )


def of_beneficiary(session: Session, beneficiary_id: str) -> list[Redemption]:
    """One KPM's redemptions, newest period first."""
    return list(
        session.scalars(
            select(Redemption)
            .where(Redemption.beneficiary_id == beneficiary_id)
            .order_by(Redemption.period.desc(), Redemption.created_at.desc())
        )
    )


def of_period(session: Session, period: Period) -> list[Redemption]:
    """One month of aid's redemptions, in the order they were recorded."""
    return list(
        session.scalars(
            select(Redemption)
            .where(Redemption.period == str(period))
            .order_by(Redemption.created_at, Redemption.id)
        ).all()
    )
