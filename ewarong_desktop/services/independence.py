"""Independence from suppliers, as the shop sees it: its own-source share month by month
against the target the district set, and the suppliers' tax numbers typed once.

The target comes from the district office (its letter, or `ewarong-district target`); until
bundles carry it back, the admin types it here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ewarong_desktop.domain.errors import InvalidInput, NotFound
from ewarong_desktop.domain.periods import Period, period_range
from ewarong_desktop.domain.suppliers import normalize_tax_id
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.profile import profile_row
from ewarong_desktop.store.repositories import independence as reading

MONTHS = 12


@dataclass(frozen=True)
class MonthShare:
    period: Period
    own_rupiah: int
    third_party_rupiah: int

    @property
    def share(self) -> float | None:
        total = self.own_rupiah + self.third_party_rupiah
        return self.own_rupiah / total if total else None


@dataclass(frozen=True)
class Independence:
    target_percent: int | None
    target_from: Period | None
    months: tuple[MonthShare, ...]  # oldest first, `MONTHS` of them

    def target_for(self, period: Period) -> int | None:
        if self.target_percent is None or self.target_from is None:
            return None
        return self.target_percent if period >= self.target_from else None

    @property
    def share(self) -> float | None:
        """Over the whole window: own rupiah over all rupiah bought."""
        own = sum(m.own_rupiah for m in self.months)
        total = own + sum(m.third_party_rupiah for m in self.months)
        return own / total if total else None

    @property
    def months_at_target(self) -> int:
        return sum(
            1
            for m in self.months
            if m.share is not None
            and (target := self.target_for(m.period)) is not None
            and m.share * 100 >= target
        )


@dataclass(frozen=True)
class SupplierView:
    id: str
    name: str
    tax_id: str | None


def check_target(percent: int) -> int:
    if not 0 < percent <= 100:
        raise InvalidInput(
            "Target porsi sumber sendiri harus 1 sampai 100 persen.",
            "The own-source target must be 1 to 100 percent.",
        )
    return percent


def set_target(ctx: ServiceContext, percent: int, valid_from: Period) -> Independence:
    """Type in the district's target (from its letter) and the month it starts."""
    ctx.require_admin("mengisi target kabupaten", "set the district's target")
    check_target(percent)
    with ctx.transaction("own_share_target") as session:
        row = profile_row(session)
        row.own_share_target, row.own_share_target_from = percent, str(valid_from)
    return independence(ctx)


def independence(ctx: ServiceContext, until: Period | None = None) -> Independence:
    """The last `MONTHS` months up to `until` (default: this month)."""
    last = until or Period.of(ctx.today())
    first = last.shift(-(MONTHS - 1))
    with ctx.reading() as session:
        row = profile_row(session)
        sums = reading.purchases_by_month(session, first.first_day(), last.last_day())
        target, since = row.own_share_target, row.own_share_target_from
    months = tuple(
        MonthShare(p, sums.get((str(p), True), 0), sums.get((str(p), False), 0))
        for p in period_range(first, last)
    )
    return Independence(target, Period.parse(since) if since else None, months)


def suppliers(ctx: ServiceContext) -> list[SupplierView]:
    with ctx.reading() as session:
        return [SupplierView(r.id, r.name, r.tax_id) for r in reading.suppliers(session)]


def set_supplier_tax_id(ctx: ServiceContext, name: str, tax_id: str) -> SupplierView:
    """The supplier's NPWP/NIB, typed once: later purchases carry it, past ones keep theirs."""
    number = normalize_tax_id(tax_id)
    if number is None:
        raise InvalidInput("NPWP/NIB wajib diisi.", "The NPWP/NIB is required.")
    with ctx.transaction("supplier_tax_id") as session:
        row = reading.supplier_named(session, name)
        if row is None:
            raise NotFound(
                f"Pemasok '{name}' belum pernah dicatat pada pembelian.",
                f"No purchase names a supplier '{name}' yet.",
            )
        row.tax_id = number
        session.flush()
        return SupplierView(row.id, row.name, row.tax_id)
