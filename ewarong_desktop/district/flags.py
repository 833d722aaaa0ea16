"""Flags an officer works through: every kind in one table, raised once, reviewed with a note.

Adding a kind is one entry in `KINDS` (its words and what the officer should check) and, if it
needs one, a threshold beside the others below; the code that finds it then either returns it
from a check at import (`checks.BundleChecks`, stored by `raise_flags`) or, for a finding
across e-warongs per month, from a function appended to `report.MONTH_CHECKS` (stored, kept
current and dropped when it no longer holds by `sync_derived`). docs/district.md lists every
kind with what to check (a test holds it to that).

A flag is stored once per `dedup_key`: importing or reporting again never raises it twice and
never re-opens one an officer reviewed.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, delete, insert, or_, select, update

from ewarong_desktop.district.db import reading
from ewarong_desktop.district.models import Flag, StaleMonth, utc_now
from ewarong_desktop.district.upsert import executemany, rows_in
from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound
from ewarong_desktop.domain.words import say
from ewarong_desktop.sync.strictjson import expand

# -- thresholds (docs/district.md) ----------------------------------------------------------
PRICE_FACTOR = 1.5  # a price 50% above the district median is "far above"
PRICE_MIN_WARONGS = 3  # a median of fewer e-warongs says little
BASKET_SHARE = 0.9  # "nearly every KPM": 90% of an e-warong's redemptions in the month
BASKET_MIN = 10  # ...of at least 10 redemptions
SILENT_DAYS = 30


@dataclass(frozen=True)
class FlagKind:
    name: str
    label_id: str
    label_en: str
    check_id: str  # what the officer should check, in the officer's words
    check_en: str
    # The record cannot be matched to anything the app could produce: it is left out of the
    # figures and shown on the report's "tidak dapat dicocokkan" line instead.
    unmatched: bool = False
    # "import": found once when a bundle is imported; "month"/"chain": recomputed from the
    # stored data (an open one that no longer holds is dropped).
    origin: str = "import"

    def label(self, lang: str = "id") -> str:
        return say(lang, self.label_id, self.label_en)

    def check(self, lang: str = "id") -> str:
        return say(lang, self.check_id, self.check_en)


_ASK_OPERATOR = "tanyakan ke operator e-warong"
KINDS: dict[str, FlagKind] = {
    k.name: k
    for k in (
        # -- a later version rewrote a fact the district already reported
        FlagKind(
            "changed_redemption", "Transaksi diubah", "Redemption rewritten",
            "bandingkan isi lama dan baru dengan struk/EDC; transaksi yang sudah dilaporkan "
            "tidak diubah di aplikasi, hanya dibatalkan",
            "compare the old and new content with the receipt/EDC slip; the app never edits a "
            "reported redemption, it only voids it",
        ),
        FlagKind(
            "changed_purchase", "Pembelian diubah", "Purchase rewritten",
            "minta nota pembelian; sumber (sendiri/pihak ketiga) yang berubah mengubah porsi "
            "sumber sendiri",
            "ask for the purchase note; a changed source (own/third party) changes the own share",
        ),
        FlagKind(
            "void_undone", "Pembatalan dibatalkan", "Void undone",
            "aplikasi tidak bisa memulihkan transaksi yang dibatalkan; " + _ASK_OPERATOR,
            "the app cannot bring back a voided record; ask the e-warong's operator",
        ),
        FlagKind(
            "changed_category", "Kategori produk diubah", "Product category changed",
            "periksa apakah produk itu memang termasuk kategori baru; kategori menentukan apa "
            "yang boleh dibeli dengan bantuan",
            "check the product really is in the new category; the category decides what aid "
            "may buy",
        ),
        FlagKind(
            "changed_kpm_identity", "NIK/KKS KPM diubah", "KPM's NIK/KKS changed",
            "cocokkan NIK dan nomor KKS dengan daftar KPM (DTKS/SIKS-NG)",
            "check the NIK and KKS number against the KPM list (DTKS/SIKS-NG)",
        ),
        # -- records the app could never have produced (flagged at import, still imported)
        FlagKind(
            "unknown_kpm", "KPM tidak dikenal", "Unknown KPM",
            "minta bundel penuh dan " + _ASK_OPERATOR + ": KPM fiktif?",
            "ask for a full bundle and ask the operator: a phantom KPM?",
            unmatched=True,
        ),
        FlagKind(
            "unknown_product", "Produk tidak dikenal", "Unknown product",
            "minta bundel penuh; " + _ASK_OPERATOR + " barang apa yang diserahkan",
            "ask for a full bundle; ask the operator what was handed out",
            unmatched=True,
        ),
        FlagKind(
            "not_eligible", "KPM belum/tidak lagi berhak", "KPM not eligible that month",
            "cocokkan dengan daftar KPM bulan itu (SK penetapan KPM)",
            "check that month's KPM list (the decree listing the KPMs)",
            unmatched=True,
        ),
        FlagKind(
            "category_not_redeemable", "Kategori tidak boleh", "Category not redeemable",
            "periksa barang yang diserahkan ke KPM; bantuan tidak boleh dipakai untuk kategori itu",
            "check what was handed to the KPM; aid may not buy that category",
            unmatched=True,
        ),
        FlagKind(
            "zero_price", "Harga Rp0", "Price Rp0",
            "minta nota atau struk; barang gratis tidak dicatat sebagai transaksi",
            "ask for the note or slip; free goods are not recorded as a sale",
            unmatched=True,
        ),
        FlagKind(
            "impossible_period", "Periode mustahil", "Impossible period",
            "periksa jam laptop dan transaksinya",
            "check the laptop's clock and the redemption",
            unmatched=True,
        ),
        FlagKind(
            "impossible_date", "Tanggal mustahil", "Impossible date",
            "periksa jam laptop dan nota pembeliannya",
            "check the laptop's clock and the purchase note",
            unmatched=True,
        ),
        FlagKind(
            "id_reused", "Id dipakai dua kali", "Id used twice",
            "satu id di dua tabel tidak dibuat aplikasi; laporkan ke pengembang dan periksa "
            "laptopnya",
            "the app never puts one id in two tables; report it and check the laptop",
            unmatched=True,
        ),
        FlagKind(
            "listed_elsewhere", "KPM terdaftar di e-warong lain", "KPM listed by another e-warong",
            "KPM ini ada di daftar dua e-warong; pastikan e-warong mana yang melayaninya (yang "
            "melayani KPM tetangga menandainya 'tidak terdaftar di sini')",
            "the KPM is on two e-warongs' lists; find out which one serves it (one serving a "
            "neighbour's KPM marks it 'not listed here')",
        ),
        FlagKind(
            "duplicate_nik", "NIK ganda", "Duplicate NIK",
            "dua KPM dengan satu NIK di e-warong ini; cocokkan dengan KTP/KK",
            "two KPMs with one NIK in this e-warong; check the ID cards",
        ),
        # -- the chain and versions
        FlagKind(
            "fork", "Fork (isi ganda)", "Fork",
            "dua bundel berbeda dengan seq sama: periksa apakah folder data laptop disalin atau "
            "cadangan yang salah dipulihkan",
            "two different bundles under one seq: check whether the laptop's data folder was "
            "copied or a wrong backup restored",
        ),
        FlagKind(
            "version_conflict", "Versi sama, isi beda", "Same version, other content",
            "dua isi berbeda untuk satu versi; " + _ASK_OPERATOR + " mana yang benar",
            "two contents for one version; ask the operator which is right",
        ),
        FlagKind(
            "older_version", "Versi lebih lama", "Older version",
            "laptop kemungkinan dipulihkan dari cadangan: perubahan sesudah cadangan itu (mis. "
            "pembatalan) hilang di laptop; kabupaten menyimpan versi lebih baru. "
            + _ASK_OPERATOR,
            "the laptop was probably restored from a backup: changes made after it (a void, "
            "say) are lost on the laptop; the district keeps the newer version. Ask the "
            "operator",
        ),
        FlagKind(
            "sequence_gap", "Bundel hilang", "Missing bundles",
            "minta salinan ulang bundel itu (export --again) atau bundel penuh",
            "ask for that bundle again (export --again) or a full bundle",
            origin="chain",
        ),
        FlagKind(
            "silent", "Tidak ada kiriman", "Silent",
            "hubungi e-warong: sudah " + str(SILENT_DAYS) + " hari tanpa bundel",
            f"call the e-warong: {SILENT_DAYS} days without a bundle",
            origin="chain",
        ),
        # -- across e-warongs, per month
        FlagKind(
            "over_redeemed", "KPM melebihi hak", "KPM over entitlement",
            "KPM menerima lebih dari haknya bulan itu; cocokkan struk EDC di e-warong yang "
            "disebut",
            "the KPM received more than the month's entitlement; check the EDC slips at the "
            "e-warongs named",
            origin="month",
        ),
        FlagKind(
            "price_high", "Harga jauh di atas median", "Price far above median",
            "harga jauh di atas e-warong lain; periksa harga beli dan pemasoknya",
            "a price far above other e-warongs'; check the buying price and the supplier",
            origin="month",
        ),
        FlagKind(
            "identical_baskets", "Paket seragam", "Identical baskets",
            "hampir semua KPM menerima paket sama; pastikan KPM memilih sendiri barangnya",
            "nearly every KPM got the same basket; make sure KPMs choose their own goods",
            origin="month",
        ),
        # -- independence from suppliers (district/suppliers.py, district/target.py;
        #    thresholds in district/thresholds.py)
        FlagKind(
            "supplier_dependence", "Bergantung pada satu pemasok", "Depends on one supplier",
            "lebih dari separuh barang sebulan dari satu pemasok; tanyakan kenapa tidak dari "
            "anggota KUBE, petani lokal atau BUMDes",
            "more than half a month's goods from one supplier; ask why not from KUBE members, "
            "local farmers or the BUMDes",
            origin="month",
        ),
        FlagKind(
            "supplier_concentration", "Pemasok menguasai kabupaten",
            "Supplier dominates the district",
            "satu pemasok menjual lebih dari seperempat barang kabupaten sebulan; periksa harga "
            "dan mutunya di e-warong yang dipasoknya",
            "one supplier sold more than a quarter of the district's goods in the month; check "
            "its prices and quality at the e-warongs it supplies",
            origin="month",
        ),
        FlagKind(
            "target_moved_away", "Menjauh dari target", "Moving away from the target",
            "porsi sumber sendiri turun di bawah target kabupaten; kunjungi dan bina e-warong itu",
            "the own-source share fell below the district's target; visit and coach the e-warong",
            origin="month",
        ),
    )
}  # fmt: skip


def kind_of(name: str) -> FlagKind:
    return KINDS.get(name) or FlagKind(name, name, name, "", "")


@dataclass(frozen=True)
class NewFlag:
    """A flag found by a check, before it is stored (or found to be stored already)."""

    kind: str
    code: str
    key: str  # what makes it the same flag again: with the kind and code, its dedup key
    found_id: str
    found_en: str
    record_table: str | None = None
    record_id: str | None = None
    month: str | None = None
    epoch: int | None = None
    seq: int | None = None
    detail: dict[str, Any] | None = None

    @property
    def dedup_key(self) -> str:
        # Hashed: the key may hold a crafted product's name, and PostgreSQL refuses index
        # entries over ~2.7 kB.
        digest = hashlib.sha256(self.key.encode("utf-8")).hexdigest()
        return f"{self.kind}|{self.code}|{digest}"


@dataclass(frozen=True)
class FlagView:
    """One flag as the officer sees it (CLI today, a district window later)."""

    id: int
    kind: str
    code: str
    record_table: str | None
    record_id: str | None
    month: str | None
    found_id: str
    found_en: str
    status: str  # open | reviewed
    raised_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None

    @property
    def short_id(self) -> str:
        return f"F{self.id}"

    @property
    def id_text(self) -> str:
        return self.found_id

    @property
    def en_text(self) -> str:
        return self.found_en

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def found(self, lang: str = "id") -> str:
        return say(lang, self.found_id, self.found_en)

    def message(self, lang: str = "id") -> str:
        return self.found(lang)

    def line(self, lang: str = "id") -> str:
        """`F12 [Unknown KPM] LTM-01 redemptions <full id>: found. Check: ...`, one line."""
        k = kind_of(self.kind)
        where = " ".join(x for x in (self.code, self.record_table, self.record_id) if x)
        text = f"{self.short_id} [{k.label(lang)}] " + (f"{where}: " if where else "")
        text += self.found(lang)
        if k.check(lang):
            text += say(lang, " Periksa: ", " Check: ") + k.check(lang)
        if not self.is_open:
            when = self.reviewed_at.strftime("%Y-%m-%d %H:%M") if self.reviewed_at else ""
            text += say(
                lang,
                f" [ditinjau {self.reviewed_by} {when} UTC: {self.review_note}]",
                f" [reviewed by {self.reviewed_by} {when} UTC: {self.review_note}]",
            )
        return text


@dataclass(frozen=True)
class FlagGroup:
    """The flags of one kind at one e-warong ("" for the district as a whole), oldest first."""

    kind: str
    code: str
    flags: tuple[FlagView, ...]

    @property
    def open_count(self) -> int:
        return sum(f.is_open for f in self.flags)

    def label(self, lang: str = "id") -> str:
        return kind_of(self.kind).label(lang)

    def check(self, lang: str = "id") -> str:
        """What to check, in the same words as `flags` prints after "Periksa:"."""
        return kind_of(self.kind).check(lang)


def group_flags(flags: Iterable[FlagView]) -> list[FlagGroup]:
    """By kind (in the order of `KINDS`, unknown kinds last) and then by e-warong code."""
    order = {name: i for i, name in enumerate(KINDS)}
    groups: dict[tuple[str, str], list[FlagView]] = {}
    for flag in flags:
        groups.setdefault((flag.kind, flag.code), []).append(flag)
    keys = sorted(groups, key=lambda k: (order.get(k[0], len(order)), k[0], k[1]))
    return [FlagGroup(kind, code, tuple(groups[(kind, code)])) for kind, code in keys]


def _view(row: Any) -> FlagView:
    return FlagView(
        row.id, row.kind, row.code, row.record_table, row.record_id, row.month,
        row.found_id, row.found_en, row.status, row.raised_at, row.reviewed_by,
        row.reviewed_at, row.review_note,
    )  # fmt: skip


CHUNK = 500


# Built once: an import asks these for every bundle, and building them each time cost more
# than running them.
_KEYS = select(Flag.dedup_key).where(Flag.dedup_key.in_(bindparam("keys", expanding=True)))
_FLAG_INSERT = insert(Flag.__table__)  # type: ignore[arg-type]
_STALE = select(StaleMonth.month).where(StaleMonth.month.in_(bindparam("months", expanding=True)))
_STALE_INSERT = insert(StaleMonth.__table__)  # type: ignore[arg-type]


def stored_keys(conn: Connection, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        found.update(conn.execute(_KEYS, {"keys": list(keys[start : start + CHUNK])}).scalars())
    return found


def _row(flag: NewFlag, now: datetime) -> dict[str, Any]:
    return {
        "code": flag.code,
        "kind": flag.kind,
        "epoch": flag.epoch,
        "seq": flag.seq,
        "detail": json.dumps(flag.detail or {}, ensure_ascii=False, sort_keys=True, default=expand),
        "raised_at": now,
        "dedup_key": flag.dedup_key,
        "record_table": flag.record_table,
        "record_id": flag.record_id,
        "month": flag.month,
        "found_id": flag.found_id,
        "found_en": flag.found_en,
        "status": "open",
    }


def raise_flags(conn: Connection, flags: Iterable[NewFlag], now: datetime) -> int:
    """Store the flags not stored yet (by dedup key); returns how many are new."""
    unique = {f.dedup_key: f for f in flags}
    if not unique:
        return 0
    held = stored_keys(conn, list(unique))
    rows = [_row(f, now) for key, f in unique.items() if key not in held]
    if rows:
        conn.execute(_FLAG_INSERT, rows)
    return len(rows)


def mark_stale(conn: Connection, months: Iterable[str]) -> None:
    """These months' derived flags are recomputed the next time anyone looks."""
    wanted = sorted(set(months))
    if not wanted:
        return
    # Once per bundle: straight to the driver (`upsert.rows_in`, `upsert.executemany`).
    held = {month for (month,) in rows_in(conn, _STALE, wanted, name="months")}
    rows = [{"month": m} for m in wanted if m not in held]
    if rows:
        executemany(conn, _STALE_INSERT, rows)


def sync_derived(
    conn: Connection,
    found: Iterable[NewFlag],
    kinds: Sequence[str],
    month: str | None,
    now: datetime,
) -> None:
    """Derived flags of `kinds` (for `month`, or all months for None) are exactly `found`:
    new ones raised, open ones updated to today's words, open ones that no longer hold
    dropped. A reviewed one is never touched."""
    found = list(found)
    raise_flags(conn, found, now)
    by_key = {f.dedup_key: f for f in found}
    scope = and_(Flag.kind.in_(kinds), Flag.status == "open")
    if month is not None:
        scope = and_(scope, Flag.month == month)
    open_rows = conn.execute(select(Flag.id, Flag.dedup_key, Flag.found_id).where(scope)).all()
    gone = [r.id for r in open_rows if r.dedup_key not in by_key]
    if gone:
        conn.execute(delete(Flag).where(Flag.id.in_(gone)))
    for r in open_rows:
        f = by_key.get(r.dedup_key)
        if f is not None and f.found_id != r.found_id:
            conn.execute(
                update(Flag).where(Flag.id == r.id).values(found_id=f.found_id, found_en=f.found_en)
            )


# -- services: what the CLI (and later a district window) calls -----------------------------


def parse_flag_id(text: str) -> int:
    raw = text.strip().upper().removeprefix("F")
    if not raw.isdecimal() or not raw.isascii():
        raise InvalidInput(
            f"Id tanda tidak sah: {text!r} (contoh: F12).",
            f"Not a flag id: {text!r} (for example F12).",
        )
    return int(raw)


def _refresh(engine: Engine, now: datetime) -> None:
    from ewarong_desktop.district.report import refresh_chain_flags, refresh_stale_months

    with engine.begin() as conn:
        refresh_stale_months(conn, now)
        refresh_chain_flags(conn, now)


def list_flags(
    engine: Engine,
    *,
    open_only: bool = False,
    code: str | None = None,
    month: str | None = None,
    now: datetime | None = None,
) -> list[FlagView]:
    """Flags oldest first; the derived ones (gaps, silence, months an import changed) brought
    up to date first."""
    _refresh(engine, now or utc_now())
    query = select(Flag.__table__).order_by(Flag.id)
    if open_only:
        query = query.where(Flag.status == "open")
    if code:
        query = query.where(Flag.code == code)
    if month:
        query = query.where(Flag.month == month)
    with reading(engine) as conn:
        return [_view(r) for r in conn.execute(query)]


def open_flags_for_report(conn: Connection, month: str) -> list[FlagView]:
    """The open flags of that month and those tied to no month, oldest first."""
    query = (
        select(Flag.__table__)
        .where(Flag.status == "open", or_(Flag.month == month, Flag.month.is_(None)))
        .order_by(Flag.id)
    )
    return [_view(r) for r in conn.execute(query)]


def flags_of_record(conn: Connection, code: str, record_id: str) -> list[FlagView]:
    query = (
        select(Flag.__table__)
        .where(Flag.code == code, Flag.record_id == record_id)
        .order_by(Flag.id)
    )
    return [_view(r) for r in conn.execute(query)]


def default_officer() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "?"


def review_flag(
    engine: Engine,
    flag_id: int,
    note: str,
    officer: str | None = None,
    now: datetime | None = None,
) -> FlagView:
    """Close one open flag with the officer's note; a reviewed flag stays as it was."""
    note = note.strip()
    if not note:
        raise InvalidInput(
            "Catatan tinjauan wajib diisi (--note).", "A review note is required (--note)."
        )
    officer = (officer or "").strip() or default_officer()
    now = now or utc_now()
    with engine.begin() as conn:
        row = conn.execute(select(Flag.__table__).where(Flag.id == flag_id)).one_or_none()
        if row is None:
            raise NotFound(f"Tanda F{flag_id} tidak ada.", f"There is no flag F{flag_id}.")
        if row.status != "open":
            raise Conflict(
                f"Tanda F{flag_id} sudah ditinjau oleh {row.reviewed_by} ({row.review_note}).",
                f"Flag F{flag_id} was already reviewed by {row.reviewed_by} ({row.review_note}).",
            )
        conn.execute(
            update(Flag)
            .where(Flag.id == flag_id, Flag.status == "open")
            .values(status="reviewed", reviewed_by=officer, reviewed_at=now, review_note=note)
        )
        row = conn.execute(select(Flag.__table__).where(Flag.id == flag_id)).one()
    return _view(row)
