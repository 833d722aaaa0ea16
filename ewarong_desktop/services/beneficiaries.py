"""KPM families: register, edit, deactivate, find by KKS, NIK or part of the name."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NeedsConfirmation, NotFound
from ewarong_desktop.domain.identity import (
    clean_digits,
    clean_name,
    clean_text,
    is_ascii_digits,
    validate_kks,
    validate_nik,
)
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Topic, changed
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.store.models import Beneficiary
from ewarong_desktop.store.repositories import beneficiaries as kpms


@dataclass(frozen=True)
class BeneficiaryView:
    id: str
    nik: str
    kks_number: str
    name: str
    desa: str
    address: str
    eligible_from: Period
    active: bool
    version: int
    listed: bool = True  # False: not on this shop's list, registered at the counter
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class BeneficiaryInput:
    nik: str
    kks_number: str
    name: str
    desa: str = ""
    address: str = ""
    eligible_from: Period | None = None

    def cleaned(self) -> BeneficiaryInput:
        return BeneficiaryInput(
            nik=validate_nik(self.nik),
            kks_number=validate_kks(self.kks_number),
            name=clean_name(self.name, what_id="Nama KPM", what_en="KPM name"),
            desa=clean_text(self.desa, what_id="Desa", what_en="Village"),
            address=clean_text(self.address, what_id="Alamat", what_en="Address", longest=500),
            eligible_from=self.eligible_from,
        )


def view(row: Beneficiary) -> BeneficiaryView:
    return BeneficiaryView(
        id=row.id,
        nik=row.nik,
        kks_number=row.kks_number,
        name=row.name,
        desa=row.desa,
        address=row.address,
        eligible_from=Period.parse(row.eligible_from),
        active=row.active,
        version=row.version,
        listed=row.listed,
    )


def beneficiary_row(session: Session, beneficiary_id: str) -> Beneficiary:
    row = kpms.by_id(session, beneficiary_id)
    if row is None:
        raise NotFound("KPM tidak ditemukan.", "KPM not found.")
    return row


def _refuse_duplicates(session: Session, data: BeneficiaryInput, own_id: str | None) -> None:
    same_nik = kpms.with_nik(session, data.nik)
    if same_nik is not None and same_nik.id != own_id:
        raise Conflict(
            f"NIK {data.nik} sudah terdaftar atas nama {same_nik.name}.",
            f"NIK {data.nik} is already registered to {same_nik.name}.",
        )
    same_kks = kpms.active_with_card(session, data.kks_number)
    if same_kks is not None and same_kks.id != own_id:
        raise Conflict(
            f"Kartu KKS {data.kks_number} sudah dipakai {same_kks.name}.",
            f"KKS card {data.kks_number} already belongs to {same_kks.name}.",
        )
    # The counter finds a family by KKS or NIK alike: a number that is one family's card
    # and another's NIK would serve the wrong family.
    for other in kpms.with_card_or_nik(session, data.kks_number):
        if other.id != own_id and other.nik == data.kks_number:
            raise Conflict(
                f"Nomor KKS {data.kks_number} sama dengan NIK {other.name}.",
                f"KKS number {data.kks_number} is {other.name}'s NIK.",
            )
    for other in kpms.with_card_or_nik(session, data.nik):
        if other.id != own_id and other.kks_number == data.nik:
            raise Conflict(
                f"NIK {data.nik} sama dengan nomor KKS {other.name}.",
                f"NIK {data.nik} is {other.name}'s KKS number.",
            )


def add_beneficiary(session: Session, data: BeneficiaryInput, default_from: Period) -> Beneficiary:
    """Insert a validated KPM in the caller's transaction (shared with the list import)."""
    _refuse_duplicates(session, data, None)
    row = Beneficiary(
        nik=data.nik,
        kks_number=data.kks_number,
        name=data.name,
        desa=data.desa,
        address=data.address,
        eligible_from=str(data.eligible_from or default_from),
        active=True,
    )
    session.add(row)
    session.flush()
    return row


# An entitlement starting further back than this opens that many months of unclaimed aid.
BACKDATE_MONTHS = 12


def _check_backdating(
    ctx: ServiceContext, data: BeneficiaryInput, entered: Period, confirmed: bool
) -> None:
    """Aid reaching back over a year is an admin's decision, asked for, never a slip."""
    start = data.eligible_from
    if start is None or start >= entered.shift(-BACKDATE_MONTHS):
        return
    if not confirmed:
        raise NeedsConfirmation(
            f"Hak bantuan {data.name} mulai {format_month(start)}, lebih dari "
            f"{BACKDATE_MONTHS} bulan sebelum bulan kerja ({format_month(entered)}): "
            "semua bulan itu bisa diambil. Benar? (hanya admin)",
            f"{data.name}'s entitlement starts in {format_month(start, 'en')}, more than "
            f"{BACKDATE_MONTHS} months before the working month "
            f"({format_month(entered, 'en')}): every one of those months could be claimed. "
            "Is that right? (an admin only)",
        )
    ctx.require_admin(
        "memberi hak bantuan mundur lebih dari setahun",
        "start an entitlement more than a year back",
    )


def register(
    ctx: ServiceContext, data: BeneficiaryInput, *, confirmed: bool = False
) -> BeneficiaryView:
    """`confirmed`: an admin answered yes to the `NeedsConfirmation` a back-dated start asks."""
    clean = data.cleaned()
    with ctx.transaction("register_kpm") as session:
        entered = working_period(ctx, session)
        _check_backdating(ctx, clean, entered, confirmed)
        return changed(view(add_beneficiary(session, clean, entered)), Topic.KPM)


def register_unlisted(ctx: ServiceContext, data: BeneficiaryInput, reason: str) -> BeneficiaryView:
    """A KPM not on this shop's list, served here (sent from a neighbouring village when their
    own e-warong cannot serve them): an admin registers them at the counter with the reason.
    They may spend from the working month on; the bundle marks them `listed: false`."""
    ctx.require_admin("mencatat KPM luar daftar", "register a KPM not on the list")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(
            "Alasan wajib diisi (misalnya: dikirim dari e-warong desa tetangga).",
            "A reason is required (for example: sent from a neighbouring village's e-warong).",
        )
    if len(reason) > 300:
        raise InvalidInput(
            "Alasan terlalu panjang (paling banyak 300 karakter).",
            "The reason is too long (at most 300 characters).",
        )
    clean = data.cleaned()
    with ctx.transaction("register_unlisted_kpm") as session:
        now = working_period(ctx, session)
        row = add_beneficiary(session, replace(clean, eligible_from=now), now)
        row.listed, row.unlisted_reason = False, reason
        session.flush()
        return changed(view(row), Topic.KPM)


def edit(
    ctx: ServiceContext, beneficiary_id: str, data: BeneficiaryInput, *, confirmed: bool = False
) -> BeneficiaryView:
    clean = data.cleaned()
    with ctx.transaction("edit_kpm") as session:
        row = beneficiary_row(session, beneficiary_id)
        if clean.eligible_from is not None and str(clean.eligible_from) < row.eligible_from:
            _check_backdating(ctx, clean, working_period(ctx, session), confirmed)
        _refuse_duplicates(session, clean, row.id)
        row.nik, row.kks_number, row.name = clean.nik, clean.kks_number, clean.name
        row.desa, row.address = clean.desa, clean.address
        if clean.eligible_from is not None:
            row.eligible_from = str(clean.eligible_from)
        session.flush()
        return changed(view(row), Topic.KPM)


def set_active(ctx: ServiceContext, beneficiary_id: str, active: bool) -> BeneficiaryView:
    """Deactivate (never delete) a KPM, or take one back."""
    with ctx.transaction("activate_kpm" if active else "deactivate_kpm") as session:
        row = beneficiary_row(session, beneficiary_id)
        if active:
            _refuse_duplicates(session, BeneficiaryInput(row.nik, row.kks_number, row.name), row.id)
            row.inactive_from = None
        elif row.active:
            row.inactive_from = str(working_period(ctx, session).next())
        row.active = active
        session.flush()
        return changed(view(row), Topic.KPM)


def get(ctx: ServiceContext, beneficiary_id: str) -> BeneficiaryView:
    with ctx.reading() as session:
        return view(beneficiary_row(session, beneficiary_id))


def find(ctx: ServiceContext, query: str, *, limit: int = 50) -> list[BeneficiaryView]:
    """Digits find by KKS or NIK (exact first, then prefix); words find by part of the name."""
    text = query.strip()
    if not text:
        return []
    with ctx.reading() as session:
        digits = clean_digits(text)
        if is_ascii_digits(digits):
            exact = kpms.with_card_or_nik(session, digits)
            if exact:
                return [view(r) for r in exact]
            rows = kpms.card_or_nik_starting(session, digits, limit)
            if not rows and len(digits) <= 6:
                rows = kpms.card_or_nik_ending(session, digits, limit)  # ****1234 on a receipt
        else:
            rows = kpms.named_like(session, text, limit)
        return [view(r) for r in rows]


def find_one(ctx: ServiceContext, card_or_nik: str) -> BeneficiaryView:
    """The KPM a scanned KKS (or typed NIK) belongs to, preferring the active one."""
    digits = clean_digits(card_or_nik)
    if not is_ascii_digits(digits):
        # Said on one line, as typed: a newline or other control character shows as "?".
        shown = "".join(c if c.isprintable() else "?" for c in card_or_nik[:40])
        raise InvalidInput(
            f"'{shown}' bukan nomor KKS atau NIK.", f"'{shown}' is not a KKS or NIK."
        )
    # `find`'s exact matches (its prefix and suffix matches are never exact), read as plain
    # rows by one statement outside any session: the counter scans a card for every family
    # it serves.
    rows = kpms.card_or_nik_rows_once(ctx.db, digits)
    if not rows:
        raise NotFound(f"Tidak ada KPM dengan KKS/NIK {digits}.", f"No KPM has KKS/NIK {digits}.")
    key, nik, kks_number, name, desa, address, eligible_from, active, version, listed = rows[0]
    return BeneficiaryView(
        id=key,
        nik=nik,
        kks_number=kks_number,
        name=name,
        desa=desa,
        address=address,
        eligible_from=Period.parse(eligible_from),
        active=active,
        version=version,
        listed=listed,
    )


def list_all(ctx: ServiceContext, *, include_inactive: bool = True) -> list[BeneficiaryView]:
    """Every KPM by desa and name, read as plain rows (no ORM objects): 10,000 in ~0.1 s."""
    months: dict[str, Period] = {}  # a handful of distinct months among 10,000 rows
    with ctx.reading() as session:
        return [
            BeneficiaryView(
                id=r.id,
                nik=r.nik,
                kks_number=r.kks_number,
                name=r.name,
                desa=r.desa,
                address=r.address,
                eligible_from=months.get(r.eligible_from)
                or months.setdefault(r.eligible_from, Period.parse(r.eligible_from)),
                active=bool(r.active),
                version=r.version,
            )
            for r in kpms.list_rows(session)
            if include_inactive or r.active
        ]
