"""Programme rules as dated data: entitlement rates and which food categories aid may buy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.words import Words

CATEGORIES = ("karbohidrat", "protein_hewani", "protein_nabati", "vitamin_mineral", "lainnya")
CATEGORY_LABELS: dict[str, Words] = {
    "karbohidrat": Words("Karbohidrat", "Carbohydrates"),
    "protein_hewani": Words("Protein hewani", "Animal protein"),
    "protein_nabati": Words("Protein nabati", "Plant protein"),
    "vitamin_mineral": Words("Vitamin dan mineral", "Vitamins and minerals"),
    "lainnya": Words("Lainnya (bukan bantuan)", "Other (not aid)"),
}
NEVER_REDEEMABLE = "lainnya"

SOURCE_KINDS_OWN = ("produksi_sendiri", "anggota_kube", "petani_lokal", "bumdes")
SOURCE_KIND_THIRD_PARTY = "pemasok"
SOURCE_KINDS = (*SOURCE_KINDS_OWN, SOURCE_KIND_THIRD_PARTY)
SOURCE_KIND_LABELS = {
    "produksi_sendiri": Words("Produksi sendiri", "Own production"),
    "anggota_kube": Words("Anggota KUBE", "KUBE member"),
    "petani_lokal": Words("Petani lokal", "Local farmer"),
    "bumdes": Words("BUMDes", "Village enterprise (BUMDes)"),
    "pemasok": Words("Pemasok (pihak ketiga)", "Supplier (third party)"),
}

ADJUSTMENT_REASONS = ("rusak", "hilang", "opname")
ADJUSTMENT_REASON_LABELS = {
    "rusak": Words("Rusak", "Damaged"),
    "hilang": Words("Hilang", "Lost"),
    "opname": Words("Stok opname", "Stock count"),
}


def check_category(category: str) -> str:
    if category not in CATEGORIES:
        raise InvalidInput(
            f"Kategori '{category}' tidak dikenal; pilih: {', '.join(CATEGORIES)}.",
            f"Unknown category '{category}'; choose one of: {', '.join(CATEGORIES)}.",
        )
    return category


def source_is_own(kind: str) -> bool:
    if kind not in SOURCE_KINDS:
        raise InvalidInput(
            f"Jenis sumber '{kind}' tidak dikenal; pilih: {', '.join(SOURCE_KINDS)}.",
            f"Unknown source kind '{kind}'; choose one of: {', '.join(SOURCE_KINDS)}.",
        )
    return kind != SOURCE_KIND_THIRD_PARTY


def in_window(period: Period, first: Period, last: Period | None) -> bool:
    return first <= period and (last is None or period <= last)


@dataclass(frozen=True)
class EntitlementRate:
    """Rupiah credited to each KKS per month from `valid_from` to `valid_until` (open if None)."""

    amount: int
    valid_from: Period
    valid_until: Period | None = None

    def covers(self, period: Period) -> bool:
        return in_window(period, self.valid_from, self.valid_until)


@dataclass(frozen=True)
class CategoryRule:
    """Aid may buy `category` in the months from `valid_from` to `valid_until`."""

    category: str
    valid_from: Period
    valid_until: Period | None = None

    def covers(self, period: Period) -> bool:
        return in_window(period, self.valid_from, self.valid_until)


DEFAULT_RATES = (
    EntitlementRate(110_000, Period(2017, 1), Period(2019, 12)),
    EntitlementRate(150_000, Period(2020, 1), Period(2020, 2)),
    EntitlementRate(200_000, Period(2020, 3), None),
)
# 2017-2019: rice and eggs only; from 2020 the four food groups of Program Sembako.
DEFAULT_CATEGORY_RULES = (
    CategoryRule("karbohidrat", Period(2017, 1), None),
    CategoryRule("protein_hewani", Period(2017, 1), None),
    CategoryRule("protein_nabati", Period(2020, 1), None),
    CategoryRule("vitamin_mineral", Period(2020, 1), None),
)


def rate_for(rates: Iterable[EntitlementRate], period: Period) -> int | None:
    """The entitlement for `period`; the newest-starting rate wins where rates overlap."""
    covering = [r for r in rates if r.covers(period)]
    if not covering:
        return None
    return max(covering, key=lambda r: r.valid_from).amount


def check_new_rate(rates: Sequence[EntitlementRate], new: EntitlementRate) -> None:
    """A new rate must be positive, well ordered, and start after every existing rate starts."""
    if new.amount <= 0:
        raise InvalidInput("Besar bantuan harus lebih dari 0.", "The rate must be more than 0.")
    if new.valid_until is not None and new.valid_until < new.valid_from:
        raise InvalidInput(
            "Bulan akhir tidak boleh sebelum bulan mulai.",
            "The last month may not come before the first month.",
        )
    for rate in rates:
        if rate.valid_from >= new.valid_from:
            raise InvalidInput(
                f"Sudah ada besaran bantuan yang berlaku mulai {rate.valid_from}; "
                "besaran baru harus mulai sesudahnya.",
                f"A rate already starts {rate.valid_from}; a new rate must start after it.",
            )


def redeemable_categories(rules: Iterable[CategoryRule], period: Period) -> frozenset[str]:
    return frozenset(
        r.category for r in rules if r.covers(period) and r.category != NEVER_REDEEMABLE
    )
