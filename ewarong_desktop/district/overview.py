"""Every enrolled e-warong at a glance, and one e-warong in detail: what the district window's
E-warong page shows (plain data; nothing here knows about a window).

- last bundle: the highest seq imported in the current epoch, and when it arrived;
- months missing: months from its first month (its first data, or the month it was enrolled)
  up to last month in which nothing of it arrived (no redemption, no purchase); this month is
  still running and never counts;
- silent: nothing received for more than `SILENT_DAYS` days (the same rule as the report's
  `silent` flag);
- open flags; the own-source share of this month's purchases (`domain.share`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select, union

from ewarong_desktop.district.db import reading
from ewarong_desktop.district.flags import SILENT_DAYS, FlagView, list_flags
from ewarong_desktop.district.models import (
    Flag,
    Purchase,
    ReceivedBundle,
    Redemption,
    Warong,
    WarongKey,
    utc_now,
)
from ewarong_desktop.domain.errors import NotFound
from ewarong_desktop.domain.periods import Period, period_range
from ewarong_desktop.domain.share import own_share
from ewarong_desktop.sync.keys import fingerprint

FIRST_MONTH = Period(2017, 1)  # before the programme: a laptop's wrong clock, not a month


@dataclass(frozen=True)
class WarongOverview:
    code: str
    name: str
    kecamatan: str
    desa: str
    epoch: int
    last_seq: int  # 0: nothing imported yet in this epoch
    last_received_at: datetime | None  # UTC
    waiting_for_seq: int | None  # a later bundle was seen, this one never came
    months_missing: tuple[Period, ...]
    silent_days: int | None  # days without a bundle when more than SILENT_DAYS, else None
    open_flags: int
    own_rupiah: int  # this month's completed purchases from own sources
    third_party_rupiah: int

    @property
    def silent(self) -> bool:
        return self.silent_days is not None

    @property
    def own_share(self) -> float | None:
        return own_share(self.own_rupiah, self.third_party_rupiah)


@dataclass(frozen=True)
class BundleSeen:
    epoch: int
    seq: int
    kind: str  # full | incremental
    status: str  # imported | superseded
    created_at: str  # the laptop's clock, as it wrote it
    received_at: datetime  # UTC
    file_name: str
    records: int


@dataclass(frozen=True)
class MonthSeen:
    month: Period
    redemptions: int
    kpm_served: int
    redeemed_rupiah: int
    own_rupiah: int
    third_party_rupiah: int

    @property
    def own_share(self) -> float | None:
        return own_share(self.own_rupiah, self.third_party_rupiah)

    @property
    def empty(self) -> bool:
        return not (self.redemptions or self.own_rupiah or self.third_party_rupiah)


@dataclass(frozen=True)
class KeySeen:
    epoch: int
    fingerprint: str
    enrolled_at: datetime
    replaced_at: datetime | None
    reason: str | None


@dataclass(frozen=True)
class WarongDetail:
    overview: WarongOverview
    bundles: tuple[BundleSeen, ...]  # newest first
    months: tuple[MonthSeen, ...]  # newest first, missing months included (all zero)
    keys: tuple[KeySeen, ...]  # oldest first: the key history
    flags: tuple[FlagView, ...]  # every flag of it, oldest first


def _month_or_none(text: str | None) -> Period | None:
    try:
        return Period.parse(text) if text else None
    except Exception:  # a crafted month string: never the start of anything
        return None


def _missing(enrolled: datetime, data_months: set[str], this_month: Period) -> tuple[Period, ...]:
    real = [
        m
        for m in (_month_or_none(t) for t in data_months)
        if m is not None and FIRST_MONTH <= m <= this_month
    ]
    start = min([*real, Period.of(enrolled.date())])
    last = this_month.previous()
    if start > last:
        return ()
    held = {str(m) for m in real}
    return tuple(m for m in period_range(start, last) if str(m) not in held)


def warong_overview(
    engine: Engine, now: datetime | None = None, only: str | None = None
) -> list[WarongOverview]:
    """Every enrolled e-warong (or only `only`), by code."""
    now = now or utc_now()
    this_month = Period.of(now.date())
    with reading(engine) as conn:
        query = select(Warong.__table__).order_by(Warong.code)
        if only is not None:
            query = query.where(Warong.code == only)
        warongs = conn.execute(query).all()
        months: dict[str, set[str]] = defaultdict(set)
        spent = union(
            select(Redemption.warong_code, Redemption.period.label("month")).distinct(),
            select(Purchase.warong_code, Purchase.month.label("month")).distinct(),
        ).subquery()
        for code, month in conn.execute(select(spent.c.warong_code, spent.c.month)):
            months[code].add(month)
        flags = dict(
            conn.execute(
                select(Flag.code, func.count()).where(Flag.status == "open").group_by(Flag.code)
            ).all()
        )
        own: Counter[str] = Counter()
        third: Counter[str] = Counter()
        for code, source, total in conn.execute(
            select(Purchase.warong_code, Purchase.source, func.sum(Purchase.total_rupiah))
            .where(
                Purchase.month == str(this_month),
                Purchase.status == "completed",
                Purchase.unmatched.is_(False),
            )
            .group_by(Purchase.warong_code, Purchase.source)
        ):
            (own if source == "own" else third)[code] += int(total or 0)
    rows = []
    for w in warongs:
        last = w.last_import_at or w.enrolled_at
        days = (now - last).days
        rows.append(
            WarongOverview(
                w.code,
                w.name,
                w.kecamatan,
                w.desa,
                w.epoch,
                w.last_seq,
                w.last_import_at,
                w.last_seq + 1 if w.highest_seq_seen > w.last_seq else None,
                _missing(w.enrolled_at, months[w.code], this_month),
                days if days > SILENT_DAYS else None,
                int(flags.get(w.code, 0)),
                own[w.code],
                third[w.code],
            )
        )
    return rows


def warong_detail(engine: Engine, code: str, now: datetime | None = None) -> WarongDetail:
    """One e-warong: its bundles, its months (figures of each), its keys and its flags."""
    now = now or utc_now()
    found = warong_overview(engine, now, only=code)
    if not found:
        raise NotFound(f"E-warong {code} belum terdaftar.", f"E-warong {code} is not enrolled.")
    overview = found[0]
    flags = tuple(list_flags(engine, code=code, now=now))
    with reading(engine) as conn:
        bundles = tuple(
            BundleSeen(
                r.epoch,
                r.seq,
                r.kind,
                r.status,
                r.created_at,
                r.received_at,
                r.file_name,
                r.records,
            )
            for r in conn.execute(
                select(ReceivedBundle.__table__)
                .where(ReceivedBundle.code == code)
                .order_by(ReceivedBundle.epoch.desc(), ReceivedBundle.seq.desc())
            )
        )
        served = conn.execute(
            select(
                Redemption.period,
                func.count(),
                func.count(Redemption.beneficiary_id.distinct()),
                func.sum(Redemption.total_rupiah),
            )
            .where(
                Redemption.warong_code == code,
                Redemption.status == "completed",
                Redemption.unmatched.is_(False),
            )
            .group_by(Redemption.period)
        ).all()
        bought = conn.execute(
            select(Purchase.month, Purchase.source, func.sum(Purchase.total_rupiah))
            .where(
                Purchase.warong_code == code,
                Purchase.status == "completed",
                Purchase.unmatched.is_(False),
            )
            .group_by(Purchase.month, Purchase.source)
        ).all()
        keys = tuple(
            KeySeen(k.epoch, fingerprint(k.key_id), k.enrolled_at, k.replaced_at, k.reason)
            for k in conn.execute(
                select(WarongKey.__table__)
                .where(WarongKey.code == code)
                .order_by(WarongKey.epoch, WarongKey.id)
            )
        )
    figures: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for period, count, kpm, total in served:
        figures[period][:3] = [int(count), int(kpm), int(total or 0)]
    for bought_month, source, total in bought:
        figures[bought_month][3 if source == "own" else 4] += int(total or 0)
    for gap in overview.months_missing:
        figures.setdefault(str(gap), [0, 0, 0, 0, 0])  # a missing month is shown, all zero
    months = []
    for text, (count, kpm, total, own_rp, third_rp) in figures.items():
        seen = _month_or_none(text)
        if seen is not None:
            months.append(MonthSeen(seen, count, kpm, total, own_rp, third_rp))
    months.sort(key=lambda m: m.month, reverse=True)
    return WarongDetail(overview, bundles, tuple(months), keys, flags)
