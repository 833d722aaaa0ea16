"""The programme's dated rules as stored: entitlement rates and redeemable categories."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import InvalidInput, StoredValueUnreadable
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.domain.rules import (
    DEFAULT_CATEGORY_RULES,
    DEFAULT_RATES,
    CategoryRule,
    EntitlementRate,
    check_new_rate,
    rate_for,
    redeemable_categories,
)
from ewarong_desktop.domain.words import Words
from ewarong_desktop.services.changes import Done, Topic
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.store.models import CategoryRuleRow, EntitlementRateRow
from ewarong_desktop.store.repositories import programme as programme_repo


@dataclass(frozen=True)
class Programme:
    """Rates and category rules loaded once per transaction."""

    rates: tuple[EntitlementRate, ...]
    category_rules: tuple[CategoryRule, ...]
    # Each month's answer, worked out once: a KPM who saved up for years has dozens of
    # open months, and the counter asks about each of them several times a basket.
    _rate: dict[Period, int | None] = field(default_factory=dict, compare=False, repr=False)
    _redeemable: dict[Period, frozenset[str]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Anything else worked out from these rules alone, by its asker's key (the counter's
    # months with a rate from a KPM's first to the working month: `redemption`).
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def rate(self, period: Period) -> int | None:
        if period not in self._rate:
            self._rate[period] = rate_for(self.rates, period)
        return self._rate[period]

    def redeemable(self, period: Period) -> frozenset[str]:
        found = self._redeemable.get(period)
        if found is None:
            found = self._redeemable[period] = redeemable_categories(self.category_rules, period)
        return found

    def first_period(self) -> Period | None:
        return min((r.valid_from for r in self.rates), default=None)


def _period_or_none(text: str | None) -> Period | None:
    return Period.parse(text) if text else None


def load_programme(session: Session) -> Programme:
    cached = session.info.get("programme")
    if isinstance(cached, Programme):
        return cached
    # The rules are read in every transaction that asks (so a rate another program added a
    # moment ago counts); only what they say is kept between transactions: the same rows
    # as the last transaction read give the same programme, its answers per month with it
    # (the rules are few and change a few times a year; every basket asks).
    rows = programme_repo.rules(session)
    global _LAST
    if _LAST is not None and _LAST[0] == rows:
        programme = _LAST[1]
    else:
        programme = _programme_of(*rows)
        _LAST = (rows, programme)
    session.info["programme"] = programme
    return programme


def _programme_of(rate_rows: Any, rule_rows: Any) -> Programme:
    try:
        return Programme(
            tuple(
                EntitlementRate(amount, Period.parse(first), _period_or_none(last))
                for amount, first, last in rate_rows
            ),
            tuple(
                CategoryRule(category, Period.parse(first), _period_or_none(last))
                for category, first, last in rule_rows
            ),
        )
    except InvalidInput as exc:  # a month the app would never have stored
        raise StoredValueUnreadable(
            Words("Tarif atau aturan kategori program", "The programme's rates or category rules"),
            exc.words,
        ) from exc


# The rows the last `load_programme` read, and the programme they make.
_LAST: tuple[object, Programme] | None = None


def seed_defaults(session: Session) -> None:
    for rate in DEFAULT_RATES:
        session.add(
            EntitlementRateRow(
                amount_rupiah=rate.amount,
                valid_from=str(rate.valid_from),
                valid_until=str(rate.valid_until) if rate.valid_until else None,
            )
        )
    for rule in DEFAULT_CATEGORY_RULES:
        session.add(
            CategoryRuleRow(
                category=rule.category,
                valid_from=str(rule.valid_from),
                valid_until=str(rule.valid_until) if rule.valid_until else None,
            )
        )


def list_rates(ctx: ServiceContext) -> list[EntitlementRate]:
    with ctx.reading() as session:
        return sorted(load_programme(session).rates, key=lambda r: r.valid_from)


# The window offers a new rate's first month within a year of the working month either way;
# a date further off is a typing mistake (2052 for 2025), not a rate the Dinas announced.
RATE_START_REACH = 12


def check_rate_start(ctx: ServiceContext, start: Period) -> None:
    """Refuse a first month more than RATE_START_REACH months from the working month."""
    working = working_period(ctx)
    first, last = working.shift(-RATE_START_REACH), working.shift(RATE_START_REACH)
    if not first <= start <= last:
        raise InvalidInput(
            f"Besaran baru harus mulai antara {format_month(first)} dan {format_month(last)} "
            f"(setahun dari bulan kerja {format_month(working)}).",
            f"A new rate must start between {format_month(first, 'en')} and "
            f"{format_month(last, 'en')} (a year either side of the working month "
            f"{format_month(working, 'en')}).",
        )


def add_rate(
    ctx: ServiceContext, amount: int, valid_from: Period, valid_until: Period | None = None
) -> Done:
    """A new rate from `valid_from`; the rate before it is closed the month before."""
    ctx.require_admin("mengubah besaran bantuan", "change the entitlement rate")
    new = EntitlementRate(amount, valid_from, valid_until)
    with ctx.transaction("add_rate") as session:
        programme = load_programme(session)
        check_new_rate(programme.rates, new)
        for row in programme_repo.rate_rows(session):
            until = _period_or_none(row.valid_until)
            if until is None or until >= valid_from:
                if Period.parse(row.valid_from) >= valid_from:  # pragma: no cover - checked
                    raise InvalidInput("Besaran bertumpuk.", "Rates overlap.")
                row.valid_until = str(valid_from.previous())
        session.add(
            EntitlementRateRow(
                amount_rupiah=amount,
                valid_from=str(valid_from),
                valid_until=str(valid_until) if valid_until else None,
            )
        )
        session.info.pop("programme", None)
    return Done(frozenset({Topic.SETTINGS, Topic.REDEMPTION}))
