"""Queries about redemptions: what a KPM has spent, finding a transaction, listing them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.states import Status
from ewarong_desktop.store import tracking
from ewarong_desktop.store.base import key_bytes, key_prefix
from ewarong_desktop.store.models import Redemption, RedemptionLine, StockMovement


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


# Every basket asks (a plain read by the driver: see `tracking.driver_rows`).
_SPENT_BY_PERIOD_SQL = (
    "SELECT period, SUM(total_rupiah) FROM redemptions "
    f"WHERE beneficiary_id = ? AND status = '{Status.COMPLETED.value}' GROUP BY period"
)


def spent_by_period(session: Session, beneficiary_id: str) -> dict[str, int]:
    """Rupiah a KPM spent on completed redemptions, by period ('YYYY-MM')."""
    rows = tracking.driver_rows(session, _SPENT_BY_PERIOD_SQL, (key_bytes(beneficiary_id),))
    return {period: int(total) for period, total in rows}


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


_SM = StockMovement.__table__
_TAKEN = (
    select(_SM.c.redemption_line_id, _SM.c.product_id, _SM.c.quantity_milli, _SM.c.lot_id)
    .where(
        _SM.c.redemption_line_id.in_(bindparam("lines", expanding=True)),
        _SM.c.kind == "redemption_out",
    )
    .order_by(_SM.c.redemption_line_id, _SM.c.id)
)


def stock_taken(
    session: Session, redemption_line_ids: list[int]
) -> dict[int, list[tuple[str, int, str | None, int]]]:
    """The stock movements that handed out each of these redemption lines, in one query
    (each line's in the order they were written), as (product, quantity in thousandths,
    lot, line)."""
    taken: dict[int, list[tuple[str, int, str | None, int]]] = {
        line_id: [] for line_id in redemption_line_ids
    }
    if not redemption_line_ids:
        return taken
    rows = session.connection().execute(_TAKEN, {"lines": redemption_line_ids}).all()
    for line_id, product_id, milli, lot_id in rows:
        taken[line_id].append((product_id, int(milli), lot_id, line_id))
    return taken


def add(session: Session, rows: list[dict[str, Any]]) -> list[str]:
    """Insert redemptions (column values by name) in one statement."""
    return tracking.insert_created(session, Redemption, rows)


def add_lines(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert redemption lines in one statement; their numbers, in the order of `rows`."""
    return tracking.insert_created(session, RedemptionLine, rows)


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
