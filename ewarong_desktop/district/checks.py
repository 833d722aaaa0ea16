"""What the district can check in an authentic bundle: rewritten facts, impossible records.

A valid signature proves who sent a bundle, not that it is true. Each check here finds what
the e-warong app could never have produced (or a later version rewriting a fact the district
already reported) and returns flags (`district.flags.NewFlag`); the bundle is still imported.
Only the records written by this bundle (new ids, higher versions) are checked: a full bundle
sending the same records again raises nothing.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    BindParameter,
    CompoundSelect,
    Connection,
    Select,
    bindparam,
    literal,
    select,
    union_all,
)

from ewarong_desktop.district.flags import KINDS, NewFlag
from ewarong_desktop.district.models import (
    RECORD_MODELS,
    Beneficiary,
    OtherRecord,
    Product,
    RecordVersion,
    held_version,
)
from ewarong_desktop.district.upsert import rows_in, run_plain
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.rules import DEFAULT_CATEGORY_RULES, redeemable_categories
from ewarong_desktop.domain.states import Status

CHUNK = 500
EARLIEST_DAY = "2017-01-01"  # BPNT began in 2017: anything earlier is a wrong clock

# Facts a later version may not rewrite without a flag (docs/district.md). A void with its
# reason, a KPM deactivated, a name's spelling, a price for the next purchases: ordinary life.
FACTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "redemptions": (
        "changed_redemption",
        ("lines", "total_rupiah", "period", "beneficiary_id"),
    ),
    "purchases": (
        "changed_purchase",
        ("source", "source_kind", "source_name", "lines", "total_rupiah", "date"),
    ),
    "products": ("changed_category", ("category",)),
    "beneficiaries": ("changed_kpm_identity", ("nik", "kks_number")),
}
TABLE_WORDS = {
    "redemptions": ("transaksi", "redemption"),
    "purchases": ("pembelian", "purchase"),
    "products": ("produk", "product"),
    "beneficiaries": ("KPM", "KPM"),
}


def _shown(name: str, value: Any) -> str:
    if name == "lines" and isinstance(value, list):
        return (
            "["
            + "; ".join(
                f"{line.get('product_id')} {line.get('quantity')} x "
                f"{format_rupiah(int(line.get('unit_price_rupiah') or 0))}"
                for line in value
            )
            + "]"
        )
    if name.endswith("_rupiah") and isinstance(value, int):
        return format_rupiah(value)
    return str(value)


def _month_of(table: str, record: dict[str, Any]) -> str | None:
    if table == "redemptions":
        return str(record.get("period"))
    if table == "purchases":
        return str(record.get("date", ""))[:7]
    return None


def changed_facts(
    table: str, code: str, old: dict[str, Any], new: dict[str, Any], epoch: int, seq: int
) -> list[NewFlag]:
    """A higher version that rewrites a reported fact, or brings a voided record back."""
    if table not in FACTS:
        return []
    kind, names = FACTS[table]
    flags = []
    word_id, word_en = TABLE_WORDS[table]
    versions = f"v{old.get('version')} → v{new.get('version')}"
    base = dict(record_table=table, record_id=new["id"], month=_month_of(table, new),
                epoch=epoch, seq=seq)  # fmt: skip
    changed = [n for n in names if old.get(n) != new.get(n)]
    if changed:
        what = "; ".join(f"{n}: {_shown(n, old.get(n))} → {_shown(n, new.get(n))}" for n in changed)
        flags.append(
            NewFlag(
                kind, code, f"{new['id']}|{old.get('version')}|{new.get('version')}",
                f"{word_id} {versions} mengubah {what}", f"{word_en} {versions} changed {what}",
                detail={"before": {n: old.get(n) for n in changed},
                        "after": {n: new.get(n) for n in changed}},
                **base,
            )
        )  # fmt: skip
    if old.get("status") == Status.VOIDED and new.get("status") == Status.COMPLETED:
        flags.append(
            NewFlag(
                "void_undone", code, f"{new['id']}|{old.get('version')}|{new.get('version')}",
                f"{word_id} {versions}: dibatalkan ({old.get('void_reason')}) lalu selesai lagi",
                f"{word_en} {versions}: voided ({old.get('void_reason')}) then completed again",
                detail={"before": {"status": Status.VOIDED, "void_reason": old.get("void_reason")},
                        "after": {"status": Status.COMPLETED}},
                **base,
            )
        )  # fmt: skip
    return flags


@dataclass
class HeldFacts:
    """What the district holds of one e-warong's KPMs and products, as far as checks need."""

    kpms: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    products: dict[str, str] = field(default_factory=dict)  # id -> category


@dataclass
class Findings:
    flags: list[NewFlag] = field(default_factory=list)
    unmatched: dict[str, set[str]] = field(default_factory=dict)  # table -> ids

    def add(self, flag: NewFlag) -> None:
        self.flags.append(flag)
        if KINDS[flag.kind].unmatched and flag.record_table and flag.record_id:
            self.unmatched.setdefault(flag.record_table, set()).add(flag.record_id)


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _kpm_window(record: dict[str, Any]) -> tuple[str | None, str | None]:
    first, left = record.get("eligible_from"), record.get("inactive_from")
    return (first if isinstance(first, str) else None, left if isinstance(left, str) else None)


# Built once: building them per bundle cost SQLAlchemy more than running them.
_KPMS = (
    select(Beneficiary.id, RecordVersion.record)
    .join(RecordVersion, held_version(Beneficiary))
    .where(
        Beneficiary.id.in_(bindparam("ids", expanding=True)),
        Beneficiary.warong_code == bindparam("code"),
    )
)
_PRODUCTS = select(Product.id, Product.category).where(
    Product.id.in_(bindparam("ids", expanding=True)), Product.warong_code == bindparam("code")
)
_SAME_NIK = (
    select(Beneficiary.id, Beneficiary.warong_code, Beneficiary.nik, RecordVersion.record)
    .join(RecordVersion, held_version(Beneficiary))
    .where(Beneficiary.nik.in_(bindparam("niks", expanding=True)))
)


def _load_held(conn: Connection, code: str, held: HeldFacts, kpm_ids: set[str],
               product_ids: set[str]) -> None:  # fmt: skip
    missing = sorted(kpm_ids - held.kpms.keys())
    for rid, text in rows_in(conn, _KPMS, missing, {"code": code}):
        held.kpms[rid] = _kpm_window(json.loads(text))
    missing = sorted(product_ids - held.products.keys())
    held.products.update(rows_in(conn, _PRODUCTS, missing, {"code": code}))


def _reused_query() -> CompoundSelect:
    """Built once: each history row written after `since` (this bundle's rows) whose id
    another table holds, with that table's name and owner. Every id the district ever
    imported is in its table (the history holds only versions of those rows), found there
    by its primary key (`other_records` by its id index), all inside the database."""
    new = RecordVersion
    since: BindParameter[int] = bindparam("since")
    parts: list[Select[str, str, str, str]] = [
        select(new.table_name, new.record_id, literal(name), model.warong_code)
        .join(model.__table__, model.id == new.record_id)  # type: ignore[attr-defined]
        .where(new.id > since, new.table_name != name)
        for name, model in RECORD_MODELS.items()
    ]
    parts.append(
        select(new.table_name, new.record_id, OtherRecord.table_name, OtherRecord.warong_code)
        .join(OtherRecord, OtherRecord.id == new.record_id)
        .where(new.id > since, OtherRecord.table_name != new.table_name)
    )
    return union_all(*parts)


_REUSED = _reused_query()


@functools.lru_cache(maxsize=512)
def _redeemable(period: str) -> frozenset[str]:
    return redeemable_categories(DEFAULT_CATEGORY_RULES, Period.parse(period))


def _lines_zero(record: dict[str, Any]) -> bool:
    return any(
        line.get("unit_price_rupiah") == 0 or line.get("total_rupiah") == 0
        for line in record.get("lines") or ()
    )


@dataclass
class BundleChecks:
    """The impossible-record checks of one bundle, run in its write transaction."""

    conn: Connection
    code: str
    epoch: int
    seq: int
    received: datetime
    first_rate: str | None  # YYYY-MM of the programme's first rate
    held: HeldFacts
    findings: Findings = field(default_factory=Findings)

    def __post_init__(self) -> None:
        self.receipt_month = self.received.strftime("%Y-%m")
        self.receipt_day = self.received.date().isoformat()
        self.latest_day = (self.received + timedelta(days=1)).date().isoformat()

    def _flag(self, kind: str, table: str | None, record: dict[str, Any] | None, key: str,
              found_id: str, found_en: str, **detail: Any) -> None:  # fmt: skip
        rid = record["id"] if record else None
        self.findings.add(
            NewFlag(
                kind, self.code, key, found_id, found_en, table, rid,
                _month_of(table, record) if table and record else None,
                self.epoch, self.seq, detail or None,
            )
        )  # fmt: skip

    def run(self, written: dict[str, list[dict[str, Any]]], since_version_id: int) -> Findings:
        for table in ("beneficiaries", "products"):
            for record in written.get(table, ()):
                if table == "beneficiaries":
                    self.held.kpms[record["id"]] = _kpm_window(record)
                else:
                    self.held.products[record["id"]] = record["category"]
        reds, buys = written.get("redemptions", []), written.get("purchases", [])
        kpm_ids = {r["beneficiary_id"] for r in reds}
        product_ids = {ln["product_id"] for r in (*reds, *buys) for ln in r.get("lines") or ()}
        _load_held(self.conn, self.code, self.held, kpm_ids, product_ids)
        for record in reds:
            self._redemption(record)
        for record in buys:
            self._purchase(record)
        if written.get("beneficiaries"):
            self._niks(written["beneficiaries"])
        self._ids_reused(since_version_id)
        return self.findings

    def _redemption(self, r: dict[str, Any]) -> None:
        rid, period = r["id"], r["period"]
        kpm = self.held.kpms.get(r["beneficiary_id"])
        if kpm is None:
            self._flag(
                "unknown_kpm", "redemptions", r, f"{rid}|{r['beneficiary_id']}",
                f"transaksi untuk KPM {r['beneficiary_id']} yang tidak ada di data e-warong "
                f"ini ({format_rupiah(r['total_rupiah'])})",
                f"redemption for KPM {r['beneficiary_id']}, which this e-warong never sent "
                f"({format_rupiah(r['total_rupiah'])})",
            )  # fmt: skip
        else:
            first, left = kpm
            who = r["beneficiary_id"]
            if first and period < first:
                self._flag(
                    "not_eligible", "redemptions", r, f"{rid}|{period}",
                    f"transaksi periode {period}, KPM {who} baru berhak mulai {first}",
                    f"redemption for {period}, KPM {who} eligible only from {first}",
                )  # fmt: skip
            elif left and period >= left:
                self._flag(
                    "not_eligible", "redemptions", r, f"{rid}|{period}",
                    f"transaksi periode {period}, KPM {who} keluar dari daftar mulai {left}",
                    f"redemption for {period}, KPM {who} left the list from {left}",
                )  # fmt: skip
        receipt = self.receipt_month
        impossible = bool(self.first_rate and period < self.first_rate) or period > receipt
        if impossible:
            self._flag(
                "impossible_period", "redemptions", r, f"{rid}|{period}",
                f"periode {period} (besaran pertama {self.first_rate or '-'}, diterima "
                f"{receipt})",
                f"period {period} (first rate {self.first_rate or '-'}, received {receipt})",
            )  # fmt: skip
        allowed = _redeemable(period)
        products = self.held.products
        zero = False
        for line in r.get("lines") or ():
            pid = line["product_id"]
            if line.get("unit_price_rupiah") == 0 or line.get("total_rupiah") == 0:
                zero = True
            category = products.get(pid)
            if category is None:
                self._unknown_product("redemptions", r, pid)
            elif category not in allowed and not impossible:  # no rules outside the programme
                self._flag(
                    "category_not_redeemable", "redemptions", r, f"{rid}|{pid}|{period}",
                    f"produk {pid} kategori {category} tidak boleh dibeli dengan bantuan "
                    f"pada {period}",
                    f"product {pid} of category {category} is not redeemable in {period}",
                )  # fmt: skip
        if zero:
            self._zero("redemptions", r)

    def _unknown_product(self, table: str, r: dict[str, Any], pid: str) -> None:
        word_id, word_en = TABLE_WORDS[table]
        self._flag(
            "unknown_product", table, r, f"{r['id']}|{pid}",
            f"{word_id} berisi produk {pid} yang tidak ada di data e-warong ini",
            f"{word_en} holds product {pid}, which this e-warong never sent",
        )  # fmt: skip

    def _zero(self, table: str, r: dict[str, Any]) -> None:
        word_id, word_en = TABLE_WORDS[table]
        self._flag(
            "zero_price", table, r, r["id"],
            f"{word_id} dengan baris Rp0 (total {format_rupiah(r['total_rupiah'])})",
            f"{word_en} with a line at Rp0 (total {format_rupiah(r['total_rupiah'])})",
        )  # fmt: skip

    def _purchase(self, r: dict[str, Any]) -> None:
        for line in r.get("lines") or ():
            if line["product_id"] not in self.held.products:
                self._unknown_product("purchases", r, line["product_id"])
        if _lines_zero(r):
            self._zero("purchases", r)
        if not EARLIEST_DAY <= r["date"] <= self.latest_day:
            self._flag(
                "impossible_date", "purchases", r, f"{r['id']}|{r['date']}",
                f"tanggal pembelian {r['date']} (diterima {self.receipt_day})",
                f"purchase date {r['date']} (received {self.receipt_day})",
            )  # fmt: skip

    def _niks(self, beneficiaries: list[dict[str, Any]]) -> None:
        mine = {b["id"]: b for b in beneficiaries}
        niks = sorted({b["nik"] for b in beneficiaries})
        same: dict[str, list[tuple[str, str, bool]]] = {}
        for rid, code, nik, text in rows_in(self.conn, _SAME_NIK, niks, name="niks"):
            listed = json.loads(text).get("listed", True) is not False
            same.setdefault(nik, []).append((rid, code, listed))
        for b in beneficiaries:
            listed_here = b.get("listed", True) is not False
            for other_id, other_code, other_listed in same.get(b["nik"], ()):
                if other_id == b["id"]:
                    continue
                if other_code == self.code:
                    pair = "|".join(sorted((b["id"], other_id)))
                    if other_id in mine and other_id < b["id"]:
                        continue  # the pair is flagged once, from its first id
                    self._flag(
                        "duplicate_nik", "beneficiaries", b, pair,
                        f"NIK {b['nik']} juga milik KPM {other_id} di e-warong ini",
                        f"NIK {b['nik']} also belongs to KPM {other_id} in this e-warong",
                    )  # fmt: skip
                elif listed_here and other_listed:
                    self._flag(
                        "listed_elsewhere", "beneficiaries", b, f"{b['id']}|{other_code}",
                        f"KPM NIK {b['nik']} juga terdaftar di e-warong {other_code}",
                        f"KPM NIK {b['nik']} is also listed by e-warong {other_code}",
                    )  # fmt: skip

    def _ids_reused(self, since_version_id: int) -> None:
        """An id this bundle wrote that another table already holds (or gets in this
        bundle: the check runs after the bundle's rows are written, which are the history
        rows after `since_version_id`)."""
        found: dict[tuple[str, str], set[str]] = {}
        for table, rid, other_table, other_code in run_plain(
            self.conn, _REUSED, {"since": since_version_id}
        ):
            where = other_table if other_code == self.code else f"{other_table} ({other_code})"
            found.setdefault((table, rid), set()).add(where)
        for (table, rid), others in sorted(found.items()):
            shown = ", ".join(sorted(others))
            self.findings.add(
                NewFlag(
                    "id_reused", self.code, f"{table}|{rid}",
                    f"id {rid} dipakai juga di tabel {shown}",
                    f"id {rid} is also used in table(s) {shown}",
                    table, rid, None, self.epoch, self.seq,
                )
            )  # fmt: skip
