"""Queries about the programme's stored rules: entitlement rates and category rules."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ewarong_desktop.store import tracking
from ewarong_desktop.store.models import CategoryRuleRow, EntitlementRateRow


def rate_rows(session: Session) -> list[EntitlementRateRow]:
    return list(session.scalars(select(EntitlementRateRow)))


def category_rule_rows(session: Session) -> list[CategoryRuleRow]:
    return list(session.scalars(select(CategoryRuleRow)))


# Every basket reads both (a plain read by the driver: see `tracking.driver_rows`).
_RULES_SQL = (
    "SELECT 0, amount_rupiah, valid_from, valid_until FROM entitlement_rates "
    "UNION ALL SELECT 1, category, valid_from, valid_until FROM category_rules"
)


def rules(
    session: Session,
) -> tuple[tuple[tuple[int, str, str | None], ...], tuple[tuple[str, str, str | None], ...]]:
    """Every rate as (amount, first month, last month or None) and every category rule as
    (category, first month, last month or None), plain values, in one read (every basket
    asks): (rates, category rules), each in the table's order."""
    rows = tracking.driver_rows(session, _RULES_SQL)
    return (
        tuple((int(v), f, u) for kind, v, f, u in rows if kind == 0),
        tuple((v, f, u) for kind, v, f, u in rows if kind == 1),
    )
