"""Listing redemptions (to find the id a void or a receipt needs): by month, by KPM."""

from __future__ import annotations

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.redemption import RedemptionView, view
from ewarong_desktop.store.repositories import redemptions as redemption_repo


def list_redemptions(
    ctx: ServiceContext, period: Period | None = None, beneficiary_id: str | None = None
) -> list[RedemptionView]:
    """A month's redemptions (all KPM), or one KPM's (every month, or the one given)."""
    with ctx.reading() as session:
        if beneficiary_id is not None:
            rows = redemption_repo.of_beneficiary(session, beneficiary_id)
            if period is not None:
                rows = [r for r in rows if r.period == str(period)]
        else:
            rows = redemption_repo.of_period(session, period) if period is not None else []
        return [view(r) for r in rows]
