"""Use cases the window needs beyond the CLI's: today's list, documents into files, a series.

Kept apart from the core service modules so the GUI's needs do not reshape them; everything
here is plain Python (no Qt), reports are imported only when a document is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from ewarong_desktop.domain.errors import StoreProblem
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services.beneficiaries import BeneficiaryView
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.monthly import monthly_figures
from ewarong_desktop.services.redemption import RedemptionView, redemptions_between
from ewarong_desktop.store.repositories import beneficiaries as kpms

DOCUMENTS_DIR = "documents"


def todays_redemptions(ctx: ServiceContext, day: date | None = None) -> list[RedemptionView]:
    """The counter's list: what was recorded on the laptop's local day, newest first."""
    day = day or ctx.today()
    start_local = datetime.combine(day, time.min).astimezone()
    end_local = datetime.combine(day + timedelta(days=1), time.min).astimezone()
    start = start_local.astimezone(UTC).replace(tzinfo=None)
    end = end_local.astimezone(UTC).replace(tzinfo=None)
    return redemptions_between(ctx, start, end)


def local_time(view: RedemptionView) -> datetime:
    """When a redemption happened, on the clock of the laptop that recorded it."""
    return view.created_at + timedelta(minutes=view.utc_offset_min)


def documents_dir(ctx: ServiceContext) -> Path:
    folder = ctx.data_dir / DOCUMENTS_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreProblem(
            f"Folder dokumen {folder} tidak dapat dibuat: {exc.strerror or exc}.",
            f"The documents folder {folder} cannot be made: {exc.strerror or exc}.",
        ) from exc
    return folder


def write_receipt_pdf(
    ctx: ServiceContext, redemption_id: str, lang: str = "id", width: str | None = None
) -> Path:
    """The receipt in the documents folder, on the shop's paper unless `width` says."""
    # Documents (and reportlab behind them) load on the first print, not at the window's start.
    from ewarong_desktop.services.documents import write_file, write_receipt_to

    out = documents_dir(ctx) / f"struk-{redemption_id[:8]}.pdf"
    return write_file(
        out, lambda f: write_receipt_to(ctx, redemption_id, f, width=width, lang=lang)
    )


def write_report(ctx: ServiceContext, period: Period, kind: str = "pdf", lang: str = "id") -> Path:
    """The monthly report as PDF or as an Excel workbook (`kind` = pdf | xlsx)."""
    from ewarong_desktop.services.documents import write_file, write_report_to

    out = documents_dir(ctx) / f"laporan-{period}.{'xlsx' if kind == 'xlsx' else 'pdf'}"
    return write_file(out, lambda f: write_report_to(ctx, period, f, kind=kind, lang=lang))


def write_statements_pdf(ctx: ServiceContext, period: Period, lang: str = "id") -> Path:
    from ewarong_desktop.services.documents import write_file, write_statements_to

    out = documents_dir(ctx) / f"kuitansi-{period}.pdf"
    return write_file(out, lambda f: write_statements_to(ctx, period, f, lang=lang))


def write_roster_pdf(ctx: ServiceContext, period: Period, lang: str = "id") -> Path:
    """The month's signature roster (daftar tanda terima) in the documents folder."""
    from ewarong_desktop.services.documents import write_file, write_roster_to

    out = documents_dir(ctx) / f"daftar-tanda-terima-{period}.pdf"
    return write_file(out, lambda f: write_roster_to(ctx, period, f, lang=lang))


@dataclass(frozen=True)
class MonthShare:
    period: Period
    own_rupiah: int
    third_party_rupiah: int

    @property
    def own_share(self) -> float | None:
        total = self.own_rupiah + self.third_party_rupiah
        return self.own_rupiah / total if total else None


def share_by_month(
    ctx: ServiceContext,
    last: Period,
    months: int = 12,
    progress: Callable[[str], None] | None = None,
) -> list[MonthShare]:
    """What was bought from own sources vs third-party suppliers, month by month, oldest first."""
    out = []
    for i in reversed(range(months)):
        period = last.shift(-i)
        if progress:
            progress(str(period))
        figures = monthly_figures(ctx, period)
        out.append(
            MonthShare(period, figures.purchases_own_rupiah, figures.purchases_third_party_rupiah)
        )
    return out


def kpm_list(ctx: ServiceContext) -> list[BeneficiaryView]:
    """Every KPM for the list page, read as plain rows (no ORM objects): 10,000 in ~0.1 s."""
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
        ]
