"""The e-warong's own profile and the working month the operator confirmed."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import InvalidInput, NotFound
from ewarong_desktop.domain.identity import clean_name, validate_area_code, validate_warong_code
from ewarong_desktop.domain.periods import Period, format_month
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Topic, changed
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.store.models import WarongProfile
from ewarong_desktop.store.repositories import profile as profile_repo


@dataclass(frozen=True)
class ProfileInput:
    code: str
    name: str
    desa: str
    kecamatan: str
    kabupaten: str
    area_code: str | None = None

    def cleaned(self) -> ProfileInput:
        return ProfileInput(
            code=validate_warong_code(self.code),
            name=clean_name(self.name, what_id="Nama e-warong", what_en="E-warong name"),
            desa=clean_name(self.desa, what_id="Desa", what_en="Village"),
            kecamatan=clean_name(self.kecamatan, what_id="Kecamatan", what_en="Sub-district"),
            kabupaten=clean_name(self.kabupaten, what_id="Kabupaten", what_en="District"),
            area_code=validate_area_code(self.area_code) if self.area_code else None,
        )


@dataclass(frozen=True)
class ProfileView:
    code: str
    name: str
    desa: str
    kecamatan: str
    kabupaten: str
    area_code: str | None
    working_month: Period | None
    language: str
    receipt_width: str
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


def profile_row(session: Session) -> WarongProfile:
    row = profile_repo.get(session)
    if row is None:
        raise NotFound("Profil e-warong belum diisi.", "The e-warong profile is not set up yet.")
    return row


def _view(row: WarongProfile) -> ProfileView:
    return ProfileView(
        code=row.code,
        name=row.name,
        desa=row.desa,
        kecamatan=row.kecamatan,
        kabupaten=row.kabupaten,
        area_code=row.area_code,
        working_month=Period.parse(row.working_month) if row.working_month else None,
        language=row.language,
        receipt_width=row.receipt_width,
    )


def get_profile(ctx: ServiceContext) -> ProfileView:
    with ctx.reading() as session:
        return _view(profile_row(session))


def update_profile(ctx: ServiceContext, data: ProfileInput) -> ProfileView:
    ctx.require_admin("mengubah profil e-warong", "change the e-warong profile")
    clean = data.cleaned()
    with ctx.transaction("update_profile") as session:
        row = profile_row(session)
        if clean.code != row.code:
            raise InvalidInput(
                "Kode e-warong tidak dapat diubah: kode itu yang dikenal Dinas Sosial.",
                "The e-warong code cannot change: it is what the district office knows.",
            )
        row.name, row.desa, row.kecamatan = clean.name, clean.desa, clean.kecamatan
        row.kabupaten, row.area_code = clean.kabupaten, clean.area_code
        session.flush()
        return changed(_view(row), Topic.SETTINGS)


def working_period(ctx: ServiceContext, session: Session | None = None) -> Period:
    """The operator-confirmed working month, else the clock's month."""
    if session is None:
        with ctx.reading() as s:
            return working_period(ctx, s)
    return working_period_of(ctx, stored_working_month(session))


def stored_working_month(session: Session) -> str | None:
    """The working month as stored ('YYYY-MM'), None when none was confirmed; refused when
    the profile is not set up."""
    set_up, month = profile_repo.working_month(session)
    if not set_up:
        profile_row(session)  # says the profile is not set up yet
    return month


def working_period_of(ctx: ServiceContext, stored: str | None) -> Period:
    """`working_period` from the stored working month: the confirmed one, else the clock's."""
    return Period.parse(stored) if stored else Period.of(ctx.today())


class WorkingMonthAhead(InvalidInput):
    """The working month would be past the laptop's month: next month's aid is not due yet."""

    code = "working_month_ahead"

    def __init__(self, period: Period, today: Period) -> None:
        super().__init__(
            f"Bulan kerja {format_month(period)} belum tiba (jam laptop: "
            f"{format_month(today)}); bantuan bulan itu belum boleh dilayani.",
            f"The working month {format_month(period, 'en')} has not come yet (laptop clock: "
            f"{format_month(today, 'en')}); that month's aid may not be served yet.",
        )


def confirm_working_month(ctx: ServiceContext, period: Period) -> ProfileView:
    """An admin says which month the counter serves: never one the laptop has not reached
    (the clock itself is guarded: a write under a wrong clock waits for its confirmation)."""
    ctx.require_admin("mengubah bulan kerja", "change the working month")
    today = Period.of(ctx.today())
    if period > today:
        raise WorkingMonthAhead(period, today)
    with ctx.transaction("confirm_working_month") as session:
        row = profile_row(session)
        row.working_month = str(period)
        session.flush()
        return changed(_view(row), Topic.SETTINGS, Topic.REDEMPTION)


def set_language(ctx: ServiceContext, language: str) -> None:
    if language not in ("id", "en"):
        raise InvalidInput("Bahasa harus 'id' atau 'en'.", "Language must be 'id' or 'en'.")
    with ctx.transaction("set_language") as session:
        profile_row(session).language = language


RECEIPT_WIDTHS = ("58", "80", "a5")


def set_receipt_width(ctx: ServiceContext, width: str) -> ProfileView:
    """The paper the receipt printer takes; every receipt is laid out for it."""
    ctx.require_admin("mengubah pengaturan printer", "change the printer settings")
    if width not in RECEIPT_WIDTHS:
        raise InvalidInput(
            "Lebar struk harus 58, 80 (mm) atau a5.", "The receipt width must be 58, 80 (mm) or a5."
        )
    with ctx.transaction("set_receipt_width") as session:
        row = profile_row(session)
        row.receipt_width = width
        session.flush()
        return changed(_view(row), Topic.SETTINGS)


# How monthly statements are printed: one per A4 sheet, or two (A5 halves, cut apart). A shop
# setting in `store_meta`, so it needs no column; the printed layout is in `reports`.
STATEMENTS_PER_SHEET_KEY = "statements_per_sheet"
STATEMENTS_PER_SHEET = (1, 2)


def statements_per_sheet(ctx: ServiceContext) -> int:
    """1 or 2; 1 until someone chooses otherwise (and for anything unreadable stored)."""
    with ctx.reading() as session:
        value = profile_repo.setting(session, STATEMENTS_PER_SHEET_KEY)
    return 2 if value == "2" else 1


def set_statements_per_sheet(ctx: ServiceContext, per_sheet: int) -> int:
    """Remember how the shop prints statements; an admin's choice, as the receipt paper is."""
    ctx.require_admin("mengubah pengaturan printer", "change the printer settings")
    if per_sheet not in STATEMENTS_PER_SHEET:
        raise InvalidInput(
            "Kuitansi per lembar harus 1 atau 2.", "Statements per sheet must be 1 or 2."
        )
    with ctx.transaction("set_statements_per_sheet") as session:
        profile_repo.put_setting(session, STATEMENTS_PER_SHEET_KEY, str(per_sheet))
    return per_sheet
