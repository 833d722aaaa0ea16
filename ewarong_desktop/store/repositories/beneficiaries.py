"""Queries about KPM families."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.store.models import Beneficiary


def registered_in(period: Period) -> ColumnElement[bool]:
    """KPMs on this e-warong's list for `period`: eligible by then, not yet deactivated.

    A KPM deactivated during a month still counts for that month (inactive from the next),
    so a month's figures stay the same when they are printed again later.
    """
    return and_(
        Beneficiary.eligible_from <= str(period),
        or_(
            Beneficiary.active.is_(True),
            and_(Beneficiary.inactive_from.is_not(None), Beneficiary.inactive_from > str(period)),
        ),
    )
