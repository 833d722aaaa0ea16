"""The district's monthly figures per e-warong and in total, and the flags worth a visit.

Thresholds are documented in docs/district.md; the data comes back as frozen dataclasses
that the text, PDF and XLSX writers only lay out.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select

from ewarong_desktop.district.models import (
    Beneficiary,
    Flag,
    Product,
    Purchase,
    Redemption,
    Warong,
    utc_now,
)
from ewarong_desktop.district.rates import load_rates
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.domain.rules import EntitlementRate, rate_for

PRICE_FACTOR = 1.5  # a price 50% above the district median is "far above"
PRICE_MIN_WARONGS = 3  # a median of fewer e-warongs says little
BASKET_SHARE = 0.9  # "nearly every KPM": 90% of an e-warong's redemptions in the month
BASKET_MIN = 10  # ...of at least 10 redemptions
SILENT_DAYS = 30


@dataclass(frozen=True)
class Figures:
    code: str
    name: str
    kpm_served: int
    redemptions: int
    redeemed_rupiah: int
    own_rupiah: int
    third_party_rupiah: int

    @property
    def own_share(self) -> float | None:
        total = self.own_rupiah + self.third_party_rupiah
        return self.own_rupiah / total if total else None


@dataclass(frozen=True)
class ReportFlag:
    kind: str
    code: str
    id_text: str
    en_text: str

    def message(self, lang: str = "id") -> str:
        return self.en_text if lang == "en" else self.id_text


@dataclass(frozen=True)
class DistrictReport:
    month: Period
    generated_at: datetime
    warongs: tuple[Figures, ...]
    total: Figures
    flags: tuple[ReportFlag, ...]


FLAG_LABELS = {
    "over_redeemed": ("KPM melebihi hak", "KPM over entitlement"),
    "price_high": ("Harga jauh di atas median", "Price far above median"),
    "identical_baskets": ("Paket seragam", "Identical baskets"),
    "sequence_gap": ("Bundel hilang", "Missing bundles"),
    "silent": ("Tidak ada kiriman", "Silent"),
    "fork": ("Fork (isi ganda)", "Fork"),
    "version_conflict": ("Versi sama, isi beda", "Same version, other content"),
    "older_version": ("Versi lebih lama", "Older version"),
    "impossible_date": ("Tanggal mustahil", "Impossible date"),
}


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


def build_report(
    engine: Engine, month: Period | None = None, now: datetime | None = None
) -> DistrictReport:
    now = now or utc_now()
    month = month or _default_month(engine, now)
    period = str(month)
    with engine.connect() as conn:
        warongs = {w.code: w for w in conn.execute(select(Warong.__table__))}
        rates = load_rates(conn)
        products = {
            r.id: match_key(r.name, r.unit)
            for r in conn.execute(select(Product.id, Product.name, Product.unit))
        }
        product_names = {
            match_key(r.name, r.unit): f"{r.name} ({r.unit})"
            for r in conn.execute(select(Product.name, Product.unit))
        }
        niks = {r.id: r.nik for r in conn.execute(select(Beneficiary.id, Beneficiary.nik))}
        redemptions = conn.execute(
            select(
                Redemption.warong_code,
                Redemption.beneficiary_id,
                Redemption.total_rupiah,
                Redemption.record,
            ).where(Redemption.period == period, Redemption.status == "completed")
        ).all()
        purchases = conn.execute(
            select(Purchase.warong_code, Purchase.source, func.sum(Purchase.total_rupiah))
            .where(Purchase.month == period, Purchase.status == "completed")
            .group_by(Purchase.warong_code, Purchase.source)
        ).all()
        review = conn.execute(
            select(Flag.code, Flag.kind, func.count(), func.max(Flag.seq))
            .group_by(Flag.code, Flag.kind)
            .order_by(Flag.code, Flag.kind)
        ).all()
        older = conn.execute(
            select(Flag.code, Flag.detail)
            .where(Flag.kind == "older_version")
            .order_by(Flag.code, Flag.id)
        ).all()

    served: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    value: Counter[str] = Counter()
    per_nik: dict[str, Counter[str]] = defaultdict(Counter)
    prices: dict[tuple[str, str], list[int]] = defaultdict(list)
    baskets: dict[str, Counter[tuple[tuple[str, str], ...]]] = defaultdict(Counter)
    for code, beneficiary_id, total, record in redemptions:
        nik = niks.get(beneficiary_id, beneficiary_id)
        served[code].add(nik)
        count[code] += 1
        value[code] += total
        per_nik[nik][code] += total
        lines = json.loads(record)["lines"]
        basket = []
        for line in lines:
            key = products.get(line["product_id"], line["product_id"])
            prices[(code, key)].append(line["unit_price_rupiah"])
            basket.append((key, line["quantity"]))
        baskets[code][tuple(sorted(basket))] += 1
    own: Counter[str] = Counter()
    third: Counter[str] = Counter()
    for code, source, total in purchases:
        (own if source == "own" else third)[code] += int(total or 0)

    codes = sorted(set(warongs) | set(count) | set(own) | set(third))
    rows = tuple(
        Figures(
            code,
            warongs[code].name if code in warongs else code,
            len(served[code]),
            count[code],
            value[code],
            own[code],
            third[code],
        )
        for code in codes
    )
    district = Figures(
        "",
        "Kabupaten",
        len(set().union(*served.values())) if served else 0,
        sum(count.values()),
        sum(value.values()),
        sum(own.values()),
        sum(third.values()),
    )
    flags: list[ReportFlag] = []
    flags += _over_redeemed(month, per_nik, rates)
    flags += _prices(prices, product_names)
    flags += _baskets(month, baskets, product_names)
    flags += _chain_flags(warongs.values(), now)
    older_records: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for code, detail in older:
        older_records[code].append(json.loads(detail))
    for code, kind, n, seq in review:
        label = FLAG_LABELS.get(kind, (kind, kind))
        at = f" (seq {seq})" if seq is not None else ""
        if kind == "older_version":
            flags.append(_older_flag(code, older_records[code], at))
            continue
        flags.append(
            ReportFlag(
                kind,
                code,
                f"{code}: {n} catatan '{label[0]}' perlu ditinjau{at}",
                f"{code}: {n} '{label[1]}' record(s) to review{at}",
            )
        )
    return DistrictReport(month, now, rows, district, tuple(flags))


OLDER_SHOWN = 3  # records named in the flag; a restored backup may bring hundreds


def _older_flag(code: str, details: list[dict[str, Any]], at: str) -> ReportFlag:
    """Lower versions than the district holds: name the records and say what to do."""
    named = ", ".join(
        f"{d['table']} {d['id']} v{d['version']} < v{d['stored_version']}"
        for d in details[:OLDER_SHOWN]
    )
    more = len(details) - OLDER_SHOWN
    return ReportFlag(
        "older_version",
        code,
        f"versi lebih lama dari e-warong {code} untuk {len(details)} catatan{at}: {named}"
        + (f" (+{more} lainnya)" if more > 0 else "")
        + ". Kemungkinan laptop dipulihkan dari cadangan; periksa dengan operator: perubahan "
        "sesudah cadangan itu (mis. pembatalan) hilang di laptop. Kabupaten menyimpan versi "
        "yang lebih baru.",
        f"older versions from e-warong {code} for {len(details)} record(s){at}: {named}"
        + (f" (+{more} more)" if more > 0 else "")
        + ". The laptop was probably restored from a backup; check with the operator: changes "
        "made after that backup (a void, say) are lost on the laptop. The district keeps the "
        "newer version.",
    )


def _over_redeemed(
    month: Period, per_nik: dict[str, Counter[str]], rates: Iterable[EntitlementRate]
) -> list[ReportFlag]:
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
                ReportFlag(
                    "over_redeemed",
                    "",
                    f"KPM NIK {nik}: {format_rupiah(spent)} untuk {format_month(month)}, hak "
                    f"{format_rupiah(rate)} ({where})",
                    f"KPM NIK {nik}: {format_rupiah(spent)} for {format_month(month, 'en')}, "
                    f"entitlement {format_rupiah(rate)} ({where})",
                )
            )
    return flags


def _prices(prices: dict[tuple[str, str], list[int]], names: dict[str, str]) -> list[ReportFlag]:
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
                    ReportFlag(
                        "price_high",
                        code,
                        f"{code}: harga {name} {shown}, median kabupaten {median}",
                        f"{code}: price of {name} {shown}, district median {median}",
                    )
                )
    return flags


def _baskets(
    month: Period,
    baskets: dict[str, Counter[tuple[tuple[str, str], ...]]],
    names: dict[str, str],
) -> list[ReportFlag]:
    flags = []
    for code, counter in sorted(baskets.items()):
        n = sum(counter.values())
        if n < BASKET_MIN:
            continue
        basket, same = counter.most_common(1)[0]
        if same / n >= BASKET_SHARE:
            items = ", ".join(f"{names.get(k, k)} {q}" for k, q in basket)
            flags.append(
                ReportFlag(
                    "identical_baskets",
                    code,
                    f"{code}: {same} dari {n} transaksi {format_month(month)} berisi paket sama "
                    f"({items})",
                    f"{code}: {same} of {n} redemptions in {format_month(month, 'en')} hold the "
                    f"same basket ({items})",
                )
            )
    return flags


def _chain_flags(warongs: Iterable[Any], now: datetime) -> list[ReportFlag]:
    flags = []
    for w in sorted(warongs, key=lambda w: w.code):
        if w.highest_seq_seen > w.last_seq:
            first, seen = w.last_seq + 1, w.highest_seq_seen
            flags.append(
                ReportFlag(
                    "sequence_gap",
                    w.code,
                    f"{w.code}: bundel seq {first} belum diterima (sudah terlihat sampai seq "
                    f"{seen}); minta salinan ulang atau bundel penuh",
                    f"{w.code}: bundle seq {first} not received (seen up to seq {seen}); ask "
                    "for a copy again or a full bundle",
                )
            )
        last = w.last_import_at or w.enrolled_at
        if now - last > timedelta(days=SILENT_DAYS):
            days = (now - last).days
            flags.append(
                ReportFlag(
                    "silent",
                    w.code,
                    f"{w.code}: tidak ada kiriman selama {days} hari",
                    f"{w.code}: nothing received for {days} days",
                )
            )
    return flags
