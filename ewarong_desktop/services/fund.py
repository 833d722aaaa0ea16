"""The KUBE fund ledger: tranches received, uses of them, voids, the balance at any date.

Only an admin records or voids an entry. An entry that would take the balance below zero on
any day from its date on is refused (`FundOverdrawn`) unless the admin confirms it
(`confirm_overdraw`, the CLI's `--yes`, the window's question).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound
from ewarong_desktop.domain.fund import (
    PURPOSE_OWN_GOODS,
    PURPOSE_SUPPLIER_GOODS,
    PURPOSES,
    FundOverdrawn,
    Movement,
    balance_at,
    check_entry_amount,
    check_entry_date,
    check_purpose,
    lowest_balance_from,
)
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.share import ratio
from ewarong_desktop.domain.states import FundKind, Status
from ewarong_desktop.reports.data import WarongInfo
from ewarong_desktop.reports.fund_data import FundLine, FundReportData
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Topic, changed
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.profile import profile_row
from ewarong_desktop.store.models import FundEntry
from ewarong_desktop.store.repositories import fund as fund_repo
from ewarong_desktop.store.repositories import purchases as purchase_repo

MAX_STAGE = 100
MAX_TEXT = 500


@dataclass(frozen=True)
class TrancheInput:
    stage: int
    amount_rupiah: int
    date: date
    reference: str = ""
    note: str = ""


@dataclass(frozen=True)
class UseInput:
    amount_rupiah: int
    date: date
    purpose: str
    purchase_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class FundEntryView:
    id: str
    date: date
    kind: str  # tranche | use
    stage: int | None
    amount_rupiah: int
    purpose: str | None
    purchase_id: str | None
    reference: str | None
    note: str
    status: str
    void_reason: str | None
    operator_name: str
    balance_after: int | None  # the running balance after this entry; None when voided
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class FundLedger:
    as_of: date
    entries: tuple[FundEntryView, ...]
    received_rupiah: int
    used_rupiah: int
    balance_rupiah: int
    used_by_purpose: dict[str, int]

    @property
    def goods_own_rupiah(self) -> int:
        return self.used_by_purpose.get(PURPOSE_OWN_GOODS, 0)

    @property
    def goods_supplier_rupiah(self) -> int:
        return self.used_by_purpose.get(PURPOSE_SUPPLIER_GOODS, 0)

    @property
    def own_goods_share(self) -> float | None:
        """Of the fund spent, the share that bought goods from own sources."""
        return ratio(self.goods_own_rupiah, self.used_rupiah)  # the one share rounding


def _signed(row: FundEntry) -> int:
    return row.amount_rupiah if row.kind == FundKind.TRANCHE else -row.amount_rupiah


def _movements(rows: list[FundEntry] | tuple[FundEntry, ...]) -> list[Movement]:
    return [Movement(r.date, _signed(r)) for r in rows if r.status == Status.COMPLETED]


def _text(value: str | None, what_id: str, what_en: str) -> str:
    text = " ".join((value or "").split())
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            f"{what_id} terlalu panjang (paling banyak {MAX_TEXT} huruf).",
            f"{what_en} is too long (at most {MAX_TEXT} characters).",
        )
    return text


def _guard_balance(
    session: Session, day: date, change: int, confirm: bool, exclude: str | None = None
) -> None:
    """Refuse (unless confirmed) when the change leaves any balance from `day` below zero."""
    rows = [r for r in fund_repo.completed(session) if r.id != exclude]
    movements = [Movement(r.date, _signed(r)) for r in rows]
    before = balance_at(movements, day)
    if change:
        movements.append(Movement(day, change))
    lowest, on = lowest_balance_from(movements, day)
    if lowest < 0 and not confirm:
        raise FundOverdrawn(lowest=lowest, on=on, balance_before=before)


def _view(row: FundEntry, balance_after: int | None = None) -> FundEntryView:
    return FundEntryView(
        id=row.id,
        date=row.date,
        kind=row.kind,
        stage=row.stage,
        amount_rupiah=row.amount_rupiah,
        purpose=row.purpose,
        purchase_id=row.purchase_id,
        reference=row.reference,
        note=row.note,
        status=row.status,
        void_reason=row.void_reason,
        operator_name=row.operator_name,
        balance_after=balance_after,
    )


def _stamp(ctx: ServiceContext, row: FundEntry) -> None:
    row.created_at, row.utc_offset_min = ctx.utc_stamp()
    row.operator_name = ctx.actor.name


def record_tranche(ctx: ServiceContext, data: TrancheInput) -> FundEntryView:
    """A stage of the fund received (the letter or transfer number as `reference`)."""
    ctx.require_admin("mencatat dana KUBE", "record the KUBE fund")
    if not 1 <= data.stage <= MAX_STAGE:
        raise InvalidInput(
            f"Tahap harus angka 1 sampai {MAX_STAGE}.", f"The stage must be 1 to {MAX_STAGE}."
        )
    amount = check_entry_amount(data.amount_rupiah)
    day = check_entry_date(data.date, ctx.today())
    reference = _text(data.reference, "Nomor surat/transfer", "The reference")
    note = _text(data.note, "Catatan", "The note")
    with ctx.transaction("fund_tranche") as session:
        if fund_repo.stage_taken(session, data.stage):
            raise Conflict(
                f"Dana tahap {data.stage} sudah dicatat; batalkan catatan itu dulu bila salah.",
                f"Stage {data.stage} is already recorded; void that entry first if it is wrong.",
            )
        row = FundEntry(
            date=day,
            kind=FundKind.TRANCHE,
            stage=data.stage,
            amount_rupiah=amount,
            purpose=None,
            purchase_id=None,
            reference=reference or None,
            note=note,
            status=Status.COMPLETED,
        )
        _stamp(ctx, row)
        session.add(row)
        session.flush()
        return changed(_view(row), Topic.FUND)


def _check_purchase(session: Session, data: UseInput, amount: int) -> str | None:
    if not data.purchase_id:
        return None
    purchase = purchase_repo.get(session, data.purchase_id)
    if purchase is None:
        raise NotFound(
            f"Pembelian {data.purchase_id} tidak ditemukan.",
            f"Purchase {data.purchase_id} not found.",
        )
    if purchase.status != Status.COMPLETED:
        raise Conflict(
            "Pembelian itu sudah dibatalkan; dana tidak bisa dicatat untuknya.",
            "That purchase is voided; the fund cannot be recorded as paying for it.",
        )
    expected = PURPOSE_OWN_GOODS if purchase.is_own else PURPOSE_SUPPLIER_GOODS
    if data.purpose != expected:
        raise InvalidInput(
            f"Pembelian itu dari {'sumber sendiri' if purchase.is_own else 'pemasok'}; "
            f"keperluannya harus {expected}.",
            f"That purchase is from {'own sources' if purchase.is_own else 'a supplier'}; "
            f"the purpose must be {expected}.",
        )
    already = fund_repo.used_for_purchase(session, purchase.id)
    if already + amount > purchase.total_rupiah:
        raise InvalidInput(
            f"Pembelian itu bernilai {format_rupiah(purchase.total_rupiah)} dan "
            f"{format_rupiah(already)} sudah dibayar dari dana; {format_rupiah(amount)} "
            "melebihinya.",
            f"That purchase is worth {format_rupiah(purchase.total_rupiah)} and "
            f"{format_rupiah(already)} of it was already paid from the fund; "
            f"{format_rupiah(amount)} is more than that.",
        )
    return purchase.id


def record_use(
    ctx: ServiceContext, data: UseInput, *, confirm_overdraw: bool = False
) -> FundEntryView:
    """Money spent from the fund; beyond the balance only when the admin confirms."""
    ctx.require_admin("mencatat dana KUBE", "record the KUBE fund")
    amount = check_entry_amount(data.amount_rupiah)
    day = check_entry_date(data.date, ctx.today())
    purpose = check_purpose(data.purpose)
    note = _text(data.note, "Catatan", "The note")
    with ctx.transaction("fund_use") as session:
        purchase_id = _check_purchase(session, data, amount)
        _guard_balance(session, day, -amount, confirm_overdraw)
        row = FundEntry(
            date=day,
            kind=FundKind.USE,
            stage=None,
            amount_rupiah=amount,
            purpose=purpose,
            purchase_id=purchase_id,
            reference=None,
            note=note,
            status=Status.COMPLETED,
        )
        _stamp(ctx, row)
        session.add(row)
        session.flush()
        return changed(_view(row), Topic.FUND)


def void_entry(
    ctx: ServiceContext, entry_id: str, reason: str, *, confirm_overdraw: bool = False
) -> FundEntryView:
    """Void a wrong entry (it stays on record). Voiding a tranche that was already spent
    would leave the balance below zero: refused unless confirmed, like an overdrawing use."""
    ctx.require_admin("membatalkan catatan dana KUBE", "void a KUBE fund entry")
    reason = _text(reason, "Alasan", "The reason")
    if not reason:
        raise InvalidInput("Alasan pembatalan wajib diisi.", "A reason for the void is required.")
    with ctx.transaction("fund_void") as session:
        row = fund_repo.get(session, entry_id)
        if row is None:
            raise NotFound("Catatan dana tidak ditemukan.", "Fund entry not found.")
        if row.status == Status.VOIDED:
            raise Conflict("Catatan dana ini sudah dibatalkan.", "This entry is already voided.")
        if row.kind == FundKind.TRANCHE:
            _guard_balance(session, row.date, 0, confirm_overdraw, exclude=row.id)
        row.status, row.void_reason = Status.VOIDED, reason
        row.voided_at, row.voided_by = ctx.utc_stamp()[0], ctx.actor.name
        session.flush()
        return changed(_view(row), Topic.FUND)


def ledger(ctx: ServiceContext, as_of: date | None = None) -> FundLedger:
    """Every entry up to `as_of` (default: today) with the running balance, and the sums."""
    day = as_of or ctx.today()
    with ctx.reading() as session:
        rows = [r for r in fund_repo.entries(session) if r.date <= day]
        views = []
        running = 0
        for row in rows:
            if row.status == Status.COMPLETED:
                running += _signed(row)
                views.append(_view(row, running))
            else:
                views.append(_view(row))
        done = [r for r in rows if r.status == Status.COMPLETED]
        by_purpose = {p: 0 for p in PURPOSES}
        for r in done:
            if r.kind == FundKind.USE and r.purpose is not None:
                by_purpose[r.purpose] = by_purpose.get(r.purpose, 0) + r.amount_rupiah
        received = sum(r.amount_rupiah for r in done if r.kind == FundKind.TRANCHE)
        used = sum(r.amount_rupiah for r in done if r.kind == FundKind.USE)
        return FundLedger(day, tuple(views), received, used, received - used, by_purpose)


def balance(ctx: ServiceContext, as_of: date | None = None) -> int:
    """The balance at the end of `as_of` (default: today)."""
    day = as_of or ctx.today()
    with ctx.reading() as session:
        return balance_at(_movements(tuple(fund_repo.completed(session))), day)


def report_data(
    ctx: ServiceContext, as_of: date | None = None, *, ketua: str = "", tksk: str = ""
) -> FundReportData:
    """The "Laporan penggunaan dana KUBE" as plain data, as at `as_of` (default: today)."""
    led = ledger(ctx, as_of)
    with ctx.reading() as session:
        row = profile_row(session)
        warong = WarongInfo(row.code, row.name, row.desa, row.kecamatan, row.kabupaten)
    return FundReportData(
        warong=warong,
        as_of=led.as_of,
        printed_on=ctx.today(),
        lines=tuple(
            FundLine(
                e.date,
                e.kind,
                e.stage,
                e.purpose,
                e.reference,
                e.note,
                e.amount_rupiah,
                e.balance_after,
                e.status == Status.VOIDED,
                e.void_reason,
            )
            for e in led.entries
        ),
        received=led.received_rupiah,
        used=led.used_rupiah,
        balance=led.balance_rupiah,
        used_by_purpose=tuple((p, led.used_by_purpose.get(p, 0)) for p in PURPOSES),
        ketua_name=ketua,
        tksk_name=tksk,
    )


def write_report_to(
    ctx: ServiceContext,
    out: BinaryIO,
    *,
    kind: str = "pdf",
    lang: str = "id",
    as_of: date | None = None,
    ketua: str = "",
    tksk: str = "",
) -> FundReportData:
    """The fund report as PDF, or its tables as a workbook (`kind` = xlsx)."""
    data = report_data(ctx, as_of, ketua=ketua, tksk=tksk)
    if kind == "xlsx":
        from ewarong_desktop.reports.fund_workbook import write_fund_workbook

        write_fund_workbook(data, out, lang=lang)
    else:
        from ewarong_desktop.reports.fund import write_fund_report

        write_fund_report(data, out, lang=lang)
    return data
