"""The district's monthly figures per e-warong and in total, and the flags worth a visit.

Thresholds are documented in docs/district.md; the data comes back as frozen dataclasses
that the text, PDF and XLSX writers only lay out.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select

from ewarong_desktop.district.flags import (
    BASKET_MIN,
    BASKET_SHARE,
    KINDS,
    PRICE_FACTOR,
    PRICE_MIN_WARONGS,
    SILENT_DAYS,
    FlagView,
    NewFlag,
    open_flags_for_report,
    sync_derived,
)
from ewarong_desktop.district.independence import (
    IndependenceSection,
    build_independence,
    independence_findings,
)
from ewarong_desktop.district.models import (
    Beneficiary,
    Product,
    Purchase,
    RecordVersion,
    Redemption,
    StaleMonth,
    Warong,
    held_version,
    utc_now,
)
from ewarong_desktop.district.rates import load_rates
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.domain.rules import EntitlementRate, rate_for
from ewarong_desktop.domain.share import own_share
from ewarong_desktop.domain.states import Status
from ewarong_desktop.domain.words import Words


@dataclass(frozen=True)
class Figures:
    code: str
    name: str
    kpm_served: int
    redemptions: int
    redeemed_rupiah: int
    own_rupiah: int
    third_party_rupiah: int
    # Flagged records the app could never have made: counted here, not in the figures above.
    unmatched_redemptions: int = 0
    unmatched_redeemed_rupiah: int = 0
    unmatched_purchase_rupiah: int = 0

    @property
    def own_share(self) -> float | None:
        return own_share(self.own_rupiah, self.third_party_rupiah)

    @property
    def has_unmatched(self) -> bool:
        return bool(self.unmatched_redemptions or self.unmatched_purchase_rupiah)


@dataclass(frozen=True)
class DistrictReport:
    month: Period
    generated_at: datetime
    warongs: tuple[Figures, ...]
    total: Figures
    flags: tuple[FlagView, ...]  # the open ones of the month and those tied to no month
    independence: IndependenceSection | None = None
    # One row per kecamatan (its name in `name`, no code), by name; a NIK served at two
    # e-warongs of one kecamatan is one KPM served there.
    kecamatan: tuple[Figures, ...] = ()


FLAG_LABELS = {name: Words(k.label_id, k.label_en) for name, k in KINDS.items()}
MONTH_KINDS = tuple(k.name for k in KINDS.values() if k.origin == "month")
CHAIN_KINDS = tuple(k.name for k in KINDS.values() if k.origin == "chain")


def match_key(name: str, unit: str) -> str:
    """Products of different e-warongs are the same when name and unit match, ignoring case,
    spacing and punctuation (`Beras Medium` = `beras  medium`, per `kg`)."""
    clean = re.sub(r"[^0-9a-z]+", " ", name.casefold()).strip()
    return f"{clean}|{unit.casefold().strip()}"


def _default_month(engine: Engine, now: datetime) -> Period:
    """The latest real month with redemptions: one after this month (a laptop's wrong clock,
    `9999-12`, flagged impossible_date at import) or before the programme is never it."""
    this_month = Period.of(now.date())
    with engine.connect() as conn:
        latest = conn.execute(
            select(func.max(Redemption.period)).where(
                Redemption.period >= "2017-01", Redemption.period <= str(this_month)
            )
        ).scalar()
    return Period.parse(latest) if latest else this_month


@dataclass
class _Month:
    """One month's completed, matched redemptions, gathered for figures and flags."""

    served: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    count: Counter[str] = field(default_factory=Counter)
    value: Counter[str] = field(default_factory=Counter)
    per_nik: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    prices: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    baskets: dict[str, Counter[tuple[tuple[str, str], ...]]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    names: dict[str, str] = field(default_factory=dict)


def _gather(conn: Connection, period: str) -> _Month:
    data = _Month()
    products = {
        r.id: match_key(r.name, r.unit)
        for r in conn.execute(select(Product.id, Product.name, Product.unit))
    }
    data.names = {
        match_key(r.name, r.unit): f"{r.name} ({r.unit})"
        for r in conn.execute(select(Product.name, Product.unit))
    }
    redemptions = conn.execute(
        select(
            Redemption.warong_code,
            Redemption.beneficiary_id,
            Redemption.total_rupiah,
            RecordVersion.record,
        )
        .join(RecordVersion, held_version(Redemption))
        .where(
            Redemption.period == period,
            Redemption.status == Status.COMPLETED,
            Redemption.unmatched.is_(False),
        )
    ).all()
    ids = sorted({r.beneficiary_id for r in redemptions})
    niks: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(Beneficiary.id, Beneficiary.nik).where(
                Beneficiary.id.in_(ids[start : start + 500])
            )
        )
        niks.update((rid, nik) for rid, nik in rows)
    for code, beneficiary_id, total, record in redemptions:
        nik = niks.get(beneficiary_id, beneficiary_id)
        data.served[code].add(nik)
        data.count[code] += 1
        data.value[code] += total
        data.per_nik[nik][code] += total
        basket = []
        for line in json.loads(record)["lines"]:
            key = products.get(line["product_id"], line["product_id"])
            data.prices[(code, key)].append(line["unit_price_rupiah"])
            basket.append((key, line["quantity"]))
        data.baskets[code][tuple(sorted(basket))] += 1
    return data


def _entitlement_check(conn: Connection, month: Period, data: _Month) -> list[NewFlag]:
    return _over_redeemed(month, data.per_nik, load_rates(conn))


def _price_check(conn: Connection, month: Period, data: _Month) -> list[NewFlag]:
    return _prices(month, data.prices, data.names)


def _basket_check(conn: Connection, month: Period, data: _Month) -> list[NewFlag]:
    return _baskets(month, data.baskets, data.names)


def _independence_check(conn: Connection, month: Period, data: _Month) -> list[NewFlag]:
    """Dependence on one supplier, and moving away from the own-source target."""
    return [
        NewFlag(f.kind, f.code, f.key, f.text_id, f.text_en, month=f.month, detail=f.details)
        for f in independence_findings(conn, month)
    ]


MonthCheck = Callable[[Connection, Period, _Month], list[NewFlag]]
# Every check across e-warongs per month; a new one (with its kind in `flags.KINDS`, origin
# "month") is appended here and is then stored, refreshed and dropped like the others.
MONTH_CHECKS: tuple[MonthCheck, ...] = (
    _entitlement_check,
    _price_check,
    _basket_check,
    _independence_check,
)


def derived_month_flags(
    conn: Connection, month: Period, data: _Month | None = None
) -> list[NewFlag]:
    """Every month check's flags for one month (over entitlement, prices, baskets...)."""
    data = data or _gather(conn, str(month))
    return [flag for check in MONTH_CHECKS for flag in check(conn, month, data)]


def over_redeemed_keys(
    conn: Connection, month: Period, rates: Iterable[EntitlementRate]
) -> set[str]:
    """Who would be flagged over entitlement in `month` under these rates (`rates add`)."""
    data = _gather(conn, str(month))
    return {f.dedup_key for f in _over_redeemed(month, data.per_nik, rates)}


def refresh_month_flags(
    conn: Connection, month: str, now: datetime, data: _Month | None = None
) -> None:
    period = Period.parse(month)
    sync_derived(conn, derived_month_flags(conn, period, data), MONTH_KINDS, month, now)


def refresh_stale_months(conn: Connection, now: datetime, skip: str | None = None) -> None:
    """Recompute the derived flags of every month an import changed since the last look."""
    months = list(conn.execute(select(StaleMonth.month).order_by(StaleMonth.month)).scalars())
    for month in months:
        if month != skip:
            refresh_month_flags(conn, month, now)
    if months:
        conn.execute(delete(StaleMonth).where(StaleMonth.month.in_(months)))


def refresh_chain_flags(conn: Connection, now: datetime) -> None:
    warongs = conn.execute(select(Warong.__table__)).all()
    sync_derived(conn, _chain_flags(warongs, now), CHAIN_KINDS, None, now)


def build_report(
    engine: Engine, month: Period | None = None, now: datetime | None = None
) -> DistrictReport:
    """The month's figures; the month's derived flags and the chain flags are brought up to
    date on the way (stored, so an officer can review them)."""
    now = now or utc_now()
    month = month or _default_month(engine, now)
    period = str(month)
    with engine.begin() as conn:
        warongs = {w.code: w for w in conn.execute(select(Warong.__table__))}
        data = _gather(conn, period)
        purchases = conn.execute(
            select(
                Purchase.warong_code,
                Purchase.source,
                Purchase.unmatched,
                func.sum(Purchase.total_rupiah),
            )
            .where(Purchase.month == period, Purchase.status == Status.COMPLETED)
            .group_by(Purchase.warong_code, Purchase.source, Purchase.unmatched)
        ).all()
        unmatched = conn.execute(
            select(Redemption.warong_code, func.count(), func.sum(Redemption.total_rupiah))
            .where(
                Redemption.period == period,
                Redemption.status == Status.COMPLETED,
                Redemption.unmatched.is_(True),
            )
            .group_by(Redemption.warong_code)
        ).all()
        independence = build_independence(conn, month, warongs.values())
        refresh_month_flags(conn, period, now, data)
        refresh_stale_months(conn, now, skip=period)
        refresh_chain_flags(conn, now)
        flags = open_flags_for_report(conn, period)

    own: Counter[str] = Counter()
    third: Counter[str] = Counter()
    odd_buys: Counter[str] = Counter()
    for code, source, is_unmatched, total in purchases:
        if is_unmatched:
            odd_buys[code] += int(total or 0)
        else:
            (own if source == "own" else third)[code] += int(total or 0)
    odd_count = {code: int(n) for code, n, _ in unmatched}
    odd_value = {code: int(v or 0) for code, _, v in unmatched}

    codes = sorted(
        set(warongs) | set(data.count) | set(own) | set(third) | set(odd_count) | set(odd_buys)
    )
    rows = tuple(
        Figures(
            code,
            warongs[code].name if code in warongs else code,
            len(data.served[code]),
            data.count[code],
            data.value[code],
            own[code],
            third[code],
            odd_count.get(code, 0),
            odd_value.get(code, 0),
            odd_buys[code],
        )
        for code in codes
    )
    district = Figures(
        "",
        "Kabupaten",
        len(set().union(*data.served.values())) if data.served else 0,
        sum(data.count.values()),
        sum(data.value.values()),
        sum(own.values()),
        sum(third.values()),
        sum(odd_count.values()),
        sum(odd_value.values()),
        sum(odd_buys.values()),
    )
    places = {code: w.kecamatan for code, w in warongs.items()}
    return DistrictReport(
        month, now, rows, district, tuple(flags), independence,
        _by_kecamatan(rows, places, data.served),
    )  # fmt: skip


def _by_kecamatan(
    rows: Iterable[Figures], places: dict[str, str], served: dict[str, set[str]]
) -> tuple[Figures, ...]:
    """The e-warongs' figures summed per kecamatan of their enrolment file ("" unknown)."""
    groups: dict[str, list[Figures]] = defaultdict(list)
    for row in rows:
        groups[places.get(row.code, "")].append(row)
    return tuple(
        Figures(
            "",
            name,
            len(set().union(*(served.get(f.code, set()) for f in group))),
            sum(f.redemptions for f in group),
            sum(f.redeemed_rupiah for f in group),
            sum(f.own_rupiah for f in group),
            sum(f.third_party_rupiah for f in group),
            sum(f.unmatched_redemptions for f in group),
            sum(f.unmatched_redeemed_rupiah for f in group),
            sum(f.unmatched_purchase_rupiah for f in group),
        )
        for name, group in sorted(groups.items(), key=lambda item: item[0].casefold())
    )


def _over_redeemed(
    month: Period, per_nik: dict[str, Counter[str]], rates: Iterable[EntitlementRate]
) -> list[NewFlag]:
    """The district's stored rates (`ewarong-district rates`), not the app's defaults."""
    rate = rate_for(rates, month)
    if rate is None:
        return []
    flags = []
    for nik, by_code in sorted(per_nik.items()):
        spent = sum(by_code.values())
        if spent > rate:
            where = ", ".join(f"{c} {format_rupiah(v)}" for c, v in sorted(by_code.items()))
            flags.append(
                NewFlag(
                    "over_redeemed", "", f"{month}|{nik}",
                    f"KPM NIK {nik}: {format_rupiah(spent)} untuk {format_month(month)}, hak "
                    f"{format_rupiah(rate)} ({where})",
                    f"KPM NIK {nik}: {format_rupiah(spent)} for {format_month(month, 'en')}, "
                    f"entitlement {format_rupiah(rate)} ({where})",
                    month=str(month), detail={"nik": nik, "rate": rate, "by_code": by_code},
                )
            )  # fmt: skip
    return flags


def _prices(
    month: Period, prices: dict[tuple[str, str], list[int]], names: dict[str, str]
) -> list[NewFlag]:
    by_product: dict[str, dict[str, float]] = defaultdict(dict)
    for (code, key), values in prices.items():
        by_product[key][code] = statistics.median(values)
    flags = []
    for key, medians in sorted(by_product.items()):
        if len(medians) < PRICE_MIN_WARONGS:
            continue
        district = statistics.median(medians.values())
        for code, price in sorted(medians.items()):
            if price > PRICE_FACTOR * district:
                name = names.get(key, key)
                shown, median = format_rupiah(round(price)), format_rupiah(round(district))
                flags.append(
                    NewFlag(
                        "price_high", code, f"{month}|{key}",
                        f"harga {name} {shown}, median kabupaten {median} ({format_month(month)})",
                        f"price of {name} {shown}, district median {median} "
                        f"({format_month(month, 'en')})",
                        month=str(month),
                    )
                )  # fmt: skip
    return flags


def _baskets(
    month: Period,
    baskets: dict[str, Counter[tuple[tuple[str, str], ...]]],
    names: dict[str, str],
) -> list[NewFlag]:
    flags = []
    for code, counter in sorted(baskets.items()):
        n = sum(counter.values())
        if n < BASKET_MIN:
            continue
        basket, same = counter.most_common(1)[0]
        if same / n >= BASKET_SHARE:
            items = ", ".join(f"{names.get(k, k)} {q}" for k, q in basket)
            flags.append(
                NewFlag(
                    "identical_baskets", code, str(month),
                    f"{same} dari {n} transaksi {format_month(month)} berisi paket sama "
                    f"({items})",
                    f"{same} of {n} redemptions in {format_month(month, 'en')} hold the "
                    f"same basket ({items})",
                    month=str(month),
                )
            )  # fmt: skip
    return flags


def _chain_flags(warongs: Iterable[Any], now: datetime) -> list[NewFlag]:
    flags = []
    for w in sorted(warongs, key=lambda w: w.code):
        if w.highest_seq_seen > w.last_seq:
            first, seen = w.last_seq + 1, w.highest_seq_seen
            flags.append(
                NewFlag(
                    "sequence_gap", w.code, f"{w.epoch}|{first}",
                    f"bundel seq {first} belum diterima (sudah terlihat sampai seq {seen})",
                    f"bundle seq {first} not received (seen up to seq {seen})",
                    epoch=w.epoch, seq=first,
                )
            )  # fmt: skip
        last = w.last_import_at or w.enrolled_at
        if now - last > timedelta(days=SILENT_DAYS):
            days = (now - last).days
            flags.append(
                NewFlag(
                    "silent", w.code, last.isoformat(),
                    f"tidak ada kiriman selama {days} hari (terakhir {last:%Y-%m-%d})",
                    f"nothing received for {days} days (last {last:%Y-%m-%d})",
                )
            )  # fmt: skip
    return flags
