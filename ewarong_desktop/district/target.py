"""The own-source share the district aims for (`ewarong-district target PERCENT --from`), and
each e-warong's share month by month against it."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from ewarong_desktop.district.db import reading
from ewarong_desktop.district.findings import Finding
from ewarong_desktop.district.models import OwnShareTarget, Purchase
from ewarong_desktop.district.thresholds import (
    MOVED_AWAY_POINTS,
    MOVED_AWAY_WINDOW,
    TARGET_MONTHS,
)
from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.periods import Period, format_month, period_range
from ewarong_desktop.domain.states import Status
from ewarong_desktop.domain.words import say


@dataclass(frozen=True)
class Target:
    percent: int
    valid_from: Period
    created_at: datetime | None = None
    note: str | None = None

    def describe(self, lang: str = "id") -> str:
        since = format_month(self.valid_from, lang)
        text = f"{self.percent}% " + say(lang, f"mulai {since}", f"from {since}")
        return f"{text} — {self.note}" if self.note else text


@dataclass(frozen=True)
class ShareTrend:
    code: str
    months: tuple[tuple[Period, float | None], ...]  # oldest first; None: nothing bought
    moved_away: bool

    @property
    def latest(self) -> float | None:
        shares = [s for _, s in self.months if s is not None]
        return shares[-1] if shares else None


def check_percent(percent: int) -> int:
    if not 0 < percent <= 100:
        raise InvalidInput(
            "Target porsi sumber sendiri harus 1 sampai 100 persen.",
            "The own-source target must be 1 to 100 percent.",
        )
    return percent


def set_target(engine: Engine, percent: int, valid_from: Period, note: str | None = None) -> Target:
    """The target from `valid_from` on (the same month again replaces it)."""
    check_percent(percent)
    note = (note or "").strip() or None
    with Session(engine) as session, session.begin():
        row = session.scalars(
            select(OwnShareTarget).where(OwnShareTarget.valid_from == str(valid_from))
        ).first()
        if row is None:
            session.add(OwnShareTarget(percent=percent, valid_from=str(valid_from), note=note))
        else:
            row.percent, row.note = percent, note
    return Target(percent, valid_from, None, note)


def load_targets(conn: Connection) -> list[Target]:
    rows = conn.execute(select(OwnShareTarget.__table__).order_by("valid_from")).all()
    return [Target(r.percent, Period.parse(r.valid_from), r.created_at, r.note) for r in rows]


def list_targets(engine: Engine) -> list[Target]:
    with reading(engine) as conn:
        return load_targets(conn)


def target_for(targets: Iterable[Target], month: Period) -> int | None:
    found = None
    for t in sorted(targets, key=lambda t: t.valid_from):
        if t.valid_from <= month:
            found = t.percent
    return found


def _moved_away(shares: Sequence[float], target: int | None) -> bool:
    """Below the target at the end, and the last months' mean well below the first months'."""
    if target is None or len(shares) < 2 or shares[-1] * 100 >= target:
        return False
    window = min(MOVED_AWAY_WINDOW, len(shares) // 2)
    early = statistics.fmean(shares[:window])
    late = statistics.fmean(shares[-window:])
    return (early - late) * 100 >= MOVED_AWAY_POINTS


def share_trends(
    conn: Connection, month: Period, codes: Iterable[str], targets: Sequence[Target]
) -> list[ShareTrend]:
    """Each e-warong's own-source share of purchases for `TARGET_MONTHS` months to `month`."""
    months = period_range(month.shift(-(TARGET_MONTHS - 1)), month)
    rows = conn.execute(
        select(
            Purchase.warong_code, Purchase.month, Purchase.source, func.sum(Purchase.total_rupiah)
        )
        .where(
            Purchase.status == Status.COMPLETED,
            Purchase.unmatched.is_(False),  # flagged as impossible: out of every figure
            Purchase.month >= str(months[0]),
            Purchase.month <= str(month),
        )
        .group_by(Purchase.warong_code, Purchase.month, Purchase.source)
    ).all()
    own: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for code, m, source, value in rows:
        total[(code, m)] += int(value or 0)
        if source == "own":
            own[(code, m)] += int(value or 0)
    target = target_for(targets, month)
    trends = []
    for code in sorted(set(codes) | {c for c, _ in total}):
        series = tuple(
            (p, own[(code, str(p))] / total[(code, str(p))] if total[(code, str(p))] else None)
            for p in months
        )
        known = [s for _, s in series if s is not None]
        trends.append(ShareTrend(code, series, _moved_away(known, target)))
    return trends


def moved_away_findings(
    month: Period, trends: Iterable[ShareTrend], targets: Sequence[Target]
) -> list[Finding]:
    target = target_for(targets, month)
    found = []
    for trend in trends:
        if not trend.moved_away or target is None:
            continue
        known = [s for _, s in trend.months if s is not None]
        first, last = round(known[0] * 100), round(known[-1] * 100)
        found.append(
            Finding(
                "target_moved_away",
                trend.code,
                str(month),
                f"porsi sumber sendiri menjauh dari target {target}% "
                f"(dari {first}% menjadi {last}% dalam {TARGET_MONTHS} bulan s.d. "
                f"{format_month(month)})",
                f"own-source share moving away from the {target}% target "
                f"(from {first}% to {last}% over the {TARGET_MONTHS} months to "
                f"{format_month(month, 'en')})",
                {"target": target, "first": known[0], "last": known[-1]},
                str(month),
            )
        )
    return found
