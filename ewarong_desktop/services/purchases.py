"""Purchases of goods, each line a stock lot that remembers its source (own or third party)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NeedsConfirmation, NotFound
from ewarong_desktop.domain.identity import clean_text
from ewarong_desktop.domain.money import check_amount, format_rupiah, line_total
from ewarong_desktop.domain.periods import Period, format_date
from ewarong_desktop.domain.quantity import check_quantity, from_milli, to_milli
from ewarong_desktop.domain.rules import SOURCE_KIND_LABELS, source_is_own
from ewarong_desktop.domain.share import own_share
from ewarong_desktop.domain.states import Status
from ewarong_desktop.domain.suppliers import normalize_tax_id
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Topic, changed
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.products import product_row
from ewarong_desktop.store.models import Purchase, PurchaseLine, Source, StockMovement
from ewarong_desktop.store.repositories import figures
from ewarong_desktop.store.repositories import purchases as purchase_repo

# Far below what a bundle's JSON integers (2^53) can carry.
MAX_RECORD_TOTAL = 10**15
# A thousand billion rupiah on one line is a slip of the keyboard, not a shop's purchase.
MAX_LINE_TOTAL = 10**12
# The programme (BPNT) began in 2017: no e-warong bought its goods before.
PROGRAMME_START = date(2017, 1, 1)
# Further back than this is asked about: a year's slip (2024 for 2025) looks plausible.
CONFIRM_AFTER_MONTHS = 12


@dataclass(frozen=True)
class PurchaseLineInput:
    product_id: str
    quantity: Decimal
    unit_price_rupiah: int


@dataclass(frozen=True)
class PurchaseInput:
    date: date
    source_kind: str
    source_name: str
    lines: tuple[PurchaseLineInput, ...]
    note: str = ""
    # The operator answered yes to the question a `NeedsConfirmation` asked (`--yes`).
    confirmed: bool = False
    # The supplier's NPWP/NIB: typed once, kept on the supplier for every later purchase.
    source_tax_id: str | None = None


@dataclass(frozen=True)
class PurchaseLineView:
    product_id: str
    product_name: str
    unit: str
    quantity: Decimal
    unit_price_rupiah: int
    total_rupiah: int
    remaining: Decimal


@dataclass(frozen=True)
class PurchaseView:
    id: str
    date: date
    source_kind: str
    source_name: str
    is_own: bool
    total_rupiah: int
    status: str
    source_tax_id: str | None
    void_reason: str | None
    operator_name: str
    lines: tuple[PurchaseLineView, ...]
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


def view(row: Purchase) -> PurchaseView:
    return PurchaseView(
        id=row.id,
        date=row.date,
        source_kind=row.source.kind,
        source_name=row.source.name,
        is_own=row.is_own,
        total_rupiah=row.total_rupiah,
        status=row.status,
        source_tax_id=row.source_tax_id,
        void_reason=row.void_reason,
        operator_name=row.operator_name,
        lines=tuple(
            PurchaseLineView(
                product_id=line.product_id,
                product_name=line.product.name,
                unit=line.product.unit,
                quantity=from_milli(line.quantity_milli),
                unit_price_rupiah=line.unit_price_rupiah,
                total_rupiah=line.total_rupiah,
                remaining=from_milli(line.remaining_milli),
            )
            for line in row.lines
        ),
    )


def source_for(session: Session, kind: str, name: str) -> Source:
    is_own = source_is_own(kind)
    name = clean_text(name, what_id="Nama pemasok", what_en="Supplier name")
    if not name:
        if not is_own:
            raise InvalidInput(
                "Nama pemasok (pihak ketiga) wajib diisi.",
                "The third-party supplier's name is required.",
            )
        name = SOURCE_KIND_LABELS[kind].id
    for known in purchase_repo.sources_named(session, name):
        if source_is_own(known.kind) != is_own:  # one supplier never counts as own, nor back
            said = SOURCE_KIND_LABELS[known.kind]
            raise Conflict(
                f"'{known.name}' sudah tercatat sebagai {said.id}; pilih jenis itu, "
                "atau beri nama lain bila ini sumber yang berbeda.",
                f"'{known.name}' is already recorded as {said.en}; choose that kind, "
                "or give another name if this is a different source.",
            )
    row = purchase_repo.source(session, kind, name)
    if row is None:
        row = Source(kind=kind, name=name, active=True)
        session.add(row)
    return row


def record(session: Session, ctx: ServiceContext, data: PurchaseInput) -> Purchase:
    """Insert a purchase in the caller's transaction; stock comes in lot by lot."""
    if not data.lines:
        raise InvalidInput("Pembelian harus berisi barang.", "A purchase needs at least one line.")
    _check_date(data, ctx.today())
    note = clean_text(data.note, what_id="Catatan", what_en="Note", longest=500)
    source = source_for(session, data.source_kind, data.source_name)
    tax_id = normalize_tax_id(data.source_tax_id)
    if tax_id is not None:
        source.tax_id = tax_id
    purchase = Purchase(
        date=data.date,
        source=source,
        is_own=source_is_own(data.source_kind),
        total_rupiah=0,
        source_tax_id=source.tax_id,
        status=Status.COMPLETED,
        operator_name=ctx.actor.name,
        note=note,
    )
    purchase.created_at, purchase.utc_offset_min = ctx.utc_stamp()
    session.add(purchase)
    total = 0
    for number, item in enumerate(data.lines, start=1):
        product = product_row(session, item.product_id)
        milli = to_milli(check_quantity(item.quantity))
        if milli <= 0:
            raise InvalidInput("Jumlah barang harus lebih dari 0.", "Quantity must be more than 0.")
        check_amount(item.unit_price_rupiah)
        amount = line_total(item.quantity, item.unit_price_rupiah)
        if amount >= MAX_LINE_TOTAL:
            raise InvalidInput(
                f"Baris {product.name} bernilai {format_rupiah(amount)}: terlalu besar untuk "
                "satu pembelian; periksa jumlah dan harganya.",
                f"The {product.name} line is worth {format_rupiah(amount)}: too much for one "
                "purchase; check its quantity and price.",
            )
        if item.unit_price_rupiah == 0 and not data.confirmed:
            raise NeedsConfirmation(
                f"{product.name} dibeli seharga Rp0. Benar barang ini gratis (hibah)?",
                f"{product.name} is bought at Rp0. Was it really free (a donation)?",
            )
        line = PurchaseLine(
            purchase=purchase,
            line_no=number,
            product_id=product.id,
            quantity_milli=milli,
            unit_price_rupiah=item.unit_price_rupiah,
            total_rupiah=amount,
            remaining_milli=milli,
        )
        session.add(line)
        session.flush()
        session.add(
            StockMovement(
                product_id=product.id,
                kind="purchase_in",
                quantity_milli=milli,
                lot_id=line.id,
                movement_date=data.date,
                operator_name=ctx.actor.name,
            )
        )
        total += amount
    if total > MAX_RECORD_TOTAL:
        raise InvalidInput(
            "Total pembelian terlalu besar; bagi menjadi beberapa pembelian.",
            "The purchase total is too large; split it into several purchases.",
        )
    purchase.total_rupiah = total
    session.flush()
    return purchase


def _check_date(data: PurchaseInput, today: date) -> None:
    """Never before the programme or after today; over a year back, only when confirmed."""
    if data.date > today:
        raise InvalidInput(
            f"Tanggal pembelian {format_date(data.date)} belum tiba (hari ini "
            f"{format_date(today)}).",
            f"The purchase date {format_date(data.date, 'en')} has not come yet (today is "
            f"{format_date(today, 'en')}).",
        )
    if data.date < PROGRAMME_START:
        raise InvalidInput(
            f"Tanggal pembelian {format_date(data.date)} sebelum program dimulai (2017).",
            f"The purchase date {format_date(data.date, 'en')} is before the programme "
            "began (2017).",
        )
    if Period.of(data.date) < Period.of(today).shift(-CONFIRM_AFTER_MONTHS) and not (
        data.confirmed
    ):
        raise NeedsConfirmation(
            f"Tanggal pembelian {format_date(data.date)} lebih dari {CONFIRM_AFTER_MONTHS} "
            "bulan yang lalu. Benar tanggalnya?",
            f"The purchase date {format_date(data.date, 'en')} is more than "
            f"{CONFIRM_AFTER_MONTHS} months ago. Is the date right?",
        )


def record_purchase(ctx: ServiceContext, data: PurchaseInput) -> PurchaseView:
    with ctx.transaction("record_purchase") as session:
        return changed(view(record(session, ctx, data)), Topic.PURCHASE, Topic.STOCK)


def void_purchase(ctx: ServiceContext, purchase_id: str, reason: str) -> PurchaseView:
    """Take a wrongly recorded purchase back out, while its goods are all still on the shelf."""
    ctx.require_admin("membatalkan pembelian", "void a purchase")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput("Alasan pembatalan wajib diisi.", "A reason for the void is required.")
    with ctx.transaction("void_purchase") as session:
        row = purchase_repo.get(session, purchase_id)
        if row is None:
            raise NotFound("Pembelian tidak ditemukan.", "Purchase not found.")
        if row.status == Status.VOIDED:
            raise Conflict("Pembelian ini sudah dibatalkan.", "This purchase is already voided.")
        for line in row.lines:
            if line.remaining_milli != line.quantity_milli:
                raise Conflict(
                    f"Sebagian {line.product.name} dari pembelian ini sudah keluar; "
                    "catat penyesuaian stok, bukan pembatalan.",
                    f"Some {line.product.name} from this purchase has already left the shop; "
                    "record a stock adjustment instead of a void.",
                )
        for line in row.lines:
            session.add(
                StockMovement(
                    product_id=line.product_id,
                    kind="purchase_void",
                    quantity_milli=-line.quantity_milli,
                    lot_id=line.id,
                    movement_date=ctx.today(),
                    operator_name=ctx.actor.name,
                    note=reason,
                )
            )
            line.remaining_milli = 0
        row.status, row.void_reason = Status.VOIDED, reason
        row.voided_at, row.voided_by = ctx.utc_stamp()[0], ctx.actor.name
        session.flush()
        return changed(view(row), Topic.PURCHASE, Topic.STOCK)


def list_purchases(ctx: ServiceContext, period: Period | None = None) -> list[PurchaseView]:
    with ctx.reading() as session:
        return [view(r) for r in purchase_repo.listed(session, period)]


def get_purchase(ctx: ServiceContext, purchase_id: str) -> PurchaseView:
    with ctx.reading() as session:
        row = purchase_repo.get(session, purchase_id)
        if row is None:
            raise NotFound("Pembelian tidak ditemukan.", "Purchase not found.")
        return view(row)


@dataclass(frozen=True)
class SourceView:
    name: str
    kind: str
    is_own: bool


def known_sources(ctx: ServiceContext) -> list[SourceView]:
    """Every source goods were bought from, by name: the purchase form offers them with their
    kind, so a known supplier is never typed in again under an own-source kind."""
    with ctx.reading() as session:
        return [
            SourceView(r.name, r.kind, source_is_own(r.kind))
            for r in purchase_repo.all_sources(session)
        ]


@dataclass(frozen=True)
class SourceTotal:
    name: str
    kind: str
    count: int
    total_rupiah: int


@dataclass(frozen=True)
class PurchaseMonth:
    """A month's purchases, their totals by side and by source (biggest first)."""

    period: Period
    purchases: tuple[PurchaseView, ...]
    own_rupiah: int
    third_party_rupiah: int
    by_source: tuple[SourceTotal, ...]

    @property
    def own_share(self) -> float | None:
        return own_share(self.own_rupiah, self.third_party_rupiah)


def purchase_month(ctx: ServiceContext, period: Period) -> PurchaseMonth:
    with ctx.reading() as session:
        rows = [view(r) for r in purchase_repo.listed(session, period)]
        _count, own, third = figures.purchase_figures(session, period)
    found: dict[tuple[str, str], list[int]] = {}
    for p in rows:
        if p.status == Status.COMPLETED:
            entry = found.setdefault((p.source_name, p.source_kind), [0, 0])
            entry[0] += 1
            entry[1] += p.total_rupiah
    totals = sorted(
        (SourceTotal(name, kind, n, amount) for (name, kind), (n, amount) in found.items()),
        key=lambda t: -t.total_rupiah,
    )
    return PurchaseMonth(period, tuple(rows), own, third, tuple(totals))
