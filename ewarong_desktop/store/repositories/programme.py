"""Queries about the programme's stored rules: entitlement rates and category rules."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ewarong_desktop.store.models import CategoryRuleRow, EntitlementRateRow


def rate_rows(session: Session) -> list[EntitlementRateRow]:
    return list(session.scalars(select(EntitlementRateRow)))


def category_rule_rows(session: Session) -> list[CategoryRuleRow]:
    return list(session.scalars(select(CategoryRuleRow)))


# Built once: the counter reads the programme for every basket.
_RATES = select(
    EntitlementRateRow.amount_rupiah, EntitlementRateRow.valid_from, EntitlementRateRow.valid_until
)
_RULES = select(CategoryRuleRow.category, CategoryRuleRow.valid_from, CategoryRuleRow.valid_until)


def rates(session: Session) -> list[tuple[int, str, str | None]]:
    """Every entitlement rate as (amount, first month, last month or None), plain values."""
    return [(int(a), f, u) for a, f, u in session.connection().execute(_RATES).all()]


def category_rules(session: Session) -> list[tuple[str, str, str | None]]:
    """Every category rule as (category, first month, last month or None), plain values."""
    return [(c, f, u) for c, f, u in session.connection().execute(_RULES).all()]
