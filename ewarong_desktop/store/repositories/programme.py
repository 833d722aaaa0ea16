"""Queries about the programme's stored rules: entitlement rates and category rules."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ewarong_desktop.store.models import CategoryRuleRow, EntitlementRateRow


def rate_rows(session: Session) -> list[EntitlementRateRow]:
    return list(session.scalars(select(EntitlementRateRow)))


def category_rule_rows(session: Session) -> list[CategoryRuleRow]:
    return list(session.scalars(select(CategoryRuleRow)))
