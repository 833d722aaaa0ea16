"""Third-party suppliers across the district's e-warongs, and who depends on one too much.

Suppliers are matched by `source_tax_id` where a purchase carries it, otherwise by the
normalised name (`domain.suppliers.name_key`: "CV. Sumber Pangan" = "Sumber Pangan, CV"). A
name seen with exactly one tax number joins that number's supplier; a name seen with two
numbers (two firms of one name) stays apart from both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from ewarong_desktop.district.findings import Finding
from ewarong_desktop.district.models import Purchase, Warong
from ewarong_desktop.district.thresholds import SUPPLIER_DISTRICT_SHARE, SUPPLIER_WARONG_SHARE
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.domain.states import Status
from ewarong_desktop.domain.suppliers import name_key


@dataclass(frozen=True)
class Bought:
    """Completed purchases of one e-warong from one source, summed (flagged `unmatched` ones
    are left out, as from every figure)."""

    code: str
    third_party: bool
    name: str
    tax_id: str | None
    rupiah: int


@dataclass(frozen=True)
class Supplier:
    key: str  # "npwp:<digits>" or "name:<name key>"
    name: str  # the spelling used for most rupiah
    tax_id: str | None
    spellings: tuple[str, ...]
    warongs: tuple[str, ...]
    rupiah: int
    share: float | None  # of all goods bought in the district (own sources too)


@dataclass(frozen=True)
class SupplierReport:
    month: Period | None  # None: every month on record
    suppliers: tuple[Supplier, ...]  # most rupiah first
    goods_rupiah: int  # everything bought in the district, own sources too
    findings: tuple[Finding, ...]


def load_bought(conn: Connection, month: Period | None) -> list[Bought]:
    query = select(
        Purchase.warong_code,
        Purchase.source,
        Purchase.source_name,
        Purchase.source_tax_id,
        func.sum(Purchase.total_rupiah),
    ).where(Purchase.status == Status.COMPLETED, Purchase.unmatched.is_(False))
    if month is not None:
        query = query.where(Purchase.month == str(month))
    query = query.group_by(
        Purchase.warong_code, Purchase.source, Purchase.source_name, Purchase.source_tax_id
    )
    return [
        Bought(code, source == "third_party", name, tax or None, int(total or 0))
        for code, source, name, tax, total in conn.execute(query)
    ]


def supplier_keys(rows: Iterable[Bought]) -> dict[tuple[str, str | None], str]:
    """(source name, tax id) -> the supplier key it belongs to."""
    rows = list(rows)
    numbers_of_name: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.tax_id:
            numbers_of_name[name_key(r.name)].add(r.tax_id)
    keys: dict[tuple[str, str | None], str] = {}
    for r in rows:
        if r.tax_id:
            keys[(r.name, r.tax_id)] = f"npwp:{r.tax_id}"
            continue
        nk = name_key(r.name)
        numbers = numbers_of_name.get(nk, set())
        keys[(r.name, r.tax_id)] = (
            f"npwp:{next(iter(numbers))}" if len(numbers) == 1 else f"name:{nk}"
        )
    return keys


def group_suppliers(rows: Sequence[Bought]) -> tuple[list[Supplier], int]:
    goods = sum(r.rupiah for r in rows)
    third = [r for r in rows if r.third_party]
    keys = supplier_keys(third)
    rupiah: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    warongs: dict[str, set[str]] = defaultdict(set)
    numbers: dict[str, str | None] = {}
    for r in third:
        key = keys[(r.name, r.tax_id)]
        rupiah[key] += r.rupiah
        spelled[key][r.name] += r.rupiah
        warongs[key].add(r.code)
        numbers[key] = key[5:] if key.startswith("npwp:") else None
    suppliers = [
        Supplier(
            key,
            spelled[key].most_common(1)[0][0],
            numbers[key],
            tuple(sorted(spelled[key])),
            tuple(sorted(warongs[key])),
            rupiah[key],
            rupiah[key] / goods if goods else None,
        )
        for key in rupiah
    ]
    suppliers.sort(key=lambda s: (-s.rupiah, s.name.casefold()))
    return suppliers, goods


def _shown(supplier_name: str, tax_id: str | None) -> str:
    return f"{supplier_name} (NPWP/NIB {tax_id})" if tax_id else supplier_name


def dependence_findings(month: Period, rows: Sequence[Bought]) -> list[Finding]:
    """E-warongs that took more than `SUPPLIER_WARONG_SHARE` of the month's goods from one
    supplier, and suppliers with more than `SUPPLIER_DISTRICT_SHARE` of the district's goods."""
    suppliers, goods = group_suppliers(rows)
    keys = supplier_keys(r for r in rows if r.third_party)
    names = {s.key: s for s in suppliers}
    per_warong: Counter[str] = Counter()
    from_supplier: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        per_warong[r.code] += r.rupiah
        if r.third_party:
            from_supplier[r.code][keys[(r.name, r.tax_id)]] += r.rupiah
    label_id, label_en = format_month(month), format_month(month, "en")
    found = []
    for code in sorted(from_supplier):
        key, value = max(from_supplier[code].items(), key=lambda kv: (kv[1], kv[0]))
        total = per_warong[code]
        if total and value / total > SUPPLIER_WARONG_SHARE:
            s = names[key]
            pct = round(value * 100 / total)
            found.append(
                Finding(
                    "supplier_dependence",
                    code,
                    str(month),
                    f"{pct}% barang {label_id} ({format_rupiah(value)} dari "
                    f"{format_rupiah(total)}) dari satu pemasok, {_shown(s.name, s.tax_id)}",
                    f"{pct}% of the goods of {label_en} ({format_rupiah(value)} of "
                    f"{format_rupiah(total)}) from one supplier, {_shown(s.name, s.tax_id)}",
                    {"supplier": s.name, "tax_id": s.tax_id, "rupiah": value, "goods": total},
                    f"{month}|{key}",
                )
            )
    for s in suppliers:
        if goods and s.rupiah / goods > SUPPLIER_DISTRICT_SHARE:
            pct = round(s.rupiah * 100 / goods)
            n = len(s.warongs)
            found.append(
                Finding(
                    "supplier_concentration",
                    "",
                    str(month),
                    f"{_shown(s.name, s.tax_id)} memasok {pct}% barang kabupaten {label_id} "
                    f"({format_rupiah(s.rupiah)} dari {format_rupiah(goods)}, {n} e-warong)",
                    f"{_shown(s.name, s.tax_id)} supplied {pct}% of the district's goods in "
                    f"{label_en} ({format_rupiah(s.rupiah)} of {format_rupiah(goods)}, "
                    f"{n} e-warong(s))",
                    {
                        "supplier": s.name,
                        "tax_id": s.tax_id,
                        "rupiah": s.rupiah,
                        "goods": goods,
                        "warongs": list(s.warongs),
                    },
                    f"{month}|{s.key}",
                )
            )
    return found


def supplier_findings(conn: Connection, month: Period) -> list[Finding]:
    return dependence_findings(month, load_bought(conn, month))


def supplier_report(conn: Connection, month: Period | None) -> SupplierReport:
    rows = load_bought(conn, month)
    suppliers, goods = group_suppliers(rows)
    findings = dependence_findings(month, rows) if month is not None else []
    return SupplierReport(month, tuple(suppliers), goods, tuple(findings))


def warong_names(conn: Connection) -> dict[str, str]:
    return {code: name for code, name in conn.execute(select(Warong.code, Warong.name))}
