"""The district's entitlement rates: listed, extended when the programme changes, read by the
report's over-entitlement flag.

The table is seeded with `domain.rules.DEFAULT_RATES` (migration d0002). A new rate follows
the laptop's rule (`services.programme.add_rate`): it must start after every stored rate
starts, and the rate still in force is closed the month before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from ewarong_desktop.district.db import reading
from ewarong_desktop.district.models import EntitlementRateRow, Redemption, utc_now
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period, format_date, format_month
from ewarong_desktop.domain.rules import EntitlementRate, check_new_rate
from ewarong_desktop.domain.words import say


@dataclass(frozen=True)
class StoredRate:
    rate: EntitlementRate
    created_at: datetime
    note: str | None

    def describe(self, lang: str = "id") -> str:
        """`Rp200.000 mulai Maret 2020 — bawaan aplikasi (default), dicatat 29 November 2026`."""
        recorded = format_date(self.created_at.date(), lang)
        when = say(lang, "dicatat ", "recorded ") + recorded
        told = f"{self.note}, {when}" if self.note else when
        return f"{describe_rate(self.rate, lang)} — {told}"


def describe_rate(rate: EntitlementRate, lang: str = "id") -> str:
    """`Rp200.000 mulai Maret 2020`; closed: `Rp110.000 Januari 2017 sampai Desember 2019`."""
    amount, first = format_rupiah(rate.amount), format_month(rate.valid_from, lang)
    if rate.valid_until is None:
        return f"{amount} {say(lang, 'mulai', 'from')} {first}"
    last = format_month(rate.valid_until, lang)
    return f"{amount} {first} {say(lang, 'sampai', 'to')} {last}"


def _rate(row: Any) -> EntitlementRate:
    """An ORM row or a Core row of the table."""
    until = Period.parse(row.valid_until) if row.valid_until else None
    return EntitlementRate(row.amount_rupiah, Period.parse(row.valid_from), until)


def load_rates(conn: Connection) -> tuple[EntitlementRate, ...]:
    """The stored rates, oldest first: what `domain.rules.rate_for` reads for the report."""
    rows = conn.execute(select(EntitlementRateRow.__table__).order_by("valid_from"))
    return tuple(_rate(r) for r in rows)


def list_rates(engine: Engine) -> list[StoredRate]:
    with reading(engine) as conn:
        rows = conn.execute(select(EntitlementRateRow.__table__).order_by("valid_from")).all()
    return [StoredRate(_rate(r), r.created_at, r.note) for r in rows]


@dataclass(frozen=True)
class AddedRate:
    rate: EntitlementRate
    closed: EntitlementRate | None  # the rate in force before, now ending the month before


def add_rate(engine: Engine, amount: int, valid_from: Period, note: str | None = None) -> AddedRate:
    """A new open rate from `valid_from`; the rate before it is closed the month before."""
    new = EntitlementRate(amount, valid_from)
    note = (note or "").strip() or None
    closed = None
    with Session(engine) as session, session.begin():
        # PostgreSQL: one `rates add` at a time (SQLite's BEGIN IMMEDIATE already is). The rows
        # are read again after the lock, in a fresh snapshot that sees a rate just committed.
        session.execute(select(EntitlementRateRow.id).with_for_update()).all()
        rows = list(session.scalars(select(EntitlementRateRow)))
        check_new_rate([_rate(r) for r in rows], new)
        for row in rows:
            if row.valid_until is None or Period.parse(row.valid_until) >= valid_from:
                row.valid_until = str(valid_from.previous())
                closed = _rate(row)
        session.add(EntitlementRateRow(amount_rupiah=amount, valid_from=str(valid_from), note=note))
    # The over-entitlement flags of the months it covers now read the new rate.
    from ewarong_desktop.district.flags import mark_stale

    with engine.begin() as conn:
        mark_stale(conn, _reported_months(conn, valid_from))
    return AddedRate(new, closed)


def _reported_months(conn: Connection, valid_from: Period) -> list[str]:
    query = (
        select(Redemption.period)
        .where(Redemption.period >= str(valid_from))
        .distinct()
        .order_by(Redemption.period)
    )
    return list(conn.execute(query).scalars())


def _with_new_rate(rates: Sequence[EntitlementRate], new: EntitlementRate) -> list[EntitlementRate]:
    """The rates as `add_rate` leaves them: the ones in force closed the month before."""
    closed = [
        EntitlementRate(r.amount, r.valid_from, new.valid_from.previous())
        if r.valid_until is None or r.valid_until >= new.valid_from
        else r
        for r in rates
    ]
    return [*closed, new]


@dataclass(frozen=True)
class MonthChange:
    month: Period
    before: int  # KPMs flagged over entitlement under the rates as they are
    after: int  # ...and with the new rate

    def describe(self, lang: str = "id") -> str:
        return f"{format_month(self.month, lang)} {self.before} → {self.after} KPM"


@dataclass(frozen=True)
class PastChange:
    first: Period  # the months already reported that the new rate covers
    last: Period
    months: tuple[MonthChange, ...]  # those whose over-entitlement flags change

    def span(self, lang: str = "id") -> str:
        if self.first == self.last:
            return format_month(self.first, lang)
        word = say(lang, "sampai", "to")
        return f"{format_month(self.first, lang)} {word} {format_month(self.last, lang)}"


def past_months_changed(
    engine: Engine, amount: int, valid_from: Period, now: datetime | None = None
) -> PastChange | None:
    """None for a rate that starts after every reported month (and not before this month);
    else which reported months' over-entitlement flags it changes (`rates add` asks `--yes`)."""
    from ewarong_desktop.district.report import over_redeemed_keys

    new = EntitlementRate(amount, valid_from)
    this_month = Period.of((now or utc_now()).date())
    with reading(engine) as conn:
        rates = load_rates(conn)
        check_new_rate(rates, new)
        months = _reported_months(conn, valid_from)
        if valid_from >= this_month and not months:
            return None
        after = _with_new_rate(rates, new)
        changed = []
        for month in months:
            period = Period.parse(month)
            old_keys = over_redeemed_keys(conn, period, rates)
            new_keys = over_redeemed_keys(conn, period, after)
            if old_keys != new_keys:
                changed.append(MonthChange(period, len(old_keys), len(new_keys)))
    last = Period.parse(months[-1]) if months else this_month.previous()
    return PastChange(valid_from, max(last, valid_from), tuple(changed))
