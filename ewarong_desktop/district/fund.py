"""Each e-warong's KUBE fund as at a month's end: received, used, left, and the share of it
spent on goods from own sources; totals per kecamatan."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from ewarong_desktop.district.models import FundEntry
from ewarong_desktop.domain.fund import PURPOSE_OWN_GOODS, PURPOSE_SUPPLIER_GOODS
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.states import FundKind, Status


@dataclass(frozen=True)
class FundPosition:
    code: str
    name: str
    kecamatan: str
    received: int
    used: int
    own_goods: int
    supplier_goods: int

    @property
    def left(self) -> int:
        return self.received - self.used

    @property
    def own_share(self) -> float | None:
        """Of the fund used, the share that bought goods from own sources."""
        return self.own_goods / self.used if self.used else None


def fund_positions(
    conn: Connection, month: Period, warongs: Iterable[tuple[str, str, str]]
) -> list[FundPosition]:
    """Completed entries dated up to the month's last day, for every (code, name, kecamatan)
    given and any other e-warong with fund entries."""
    last = month.last_day().isoformat()
    rows = conn.execute(
        select(FundEntry.warong_code, FundEntry.kind, FundEntry.purpose,
               func.sum(FundEntry.amount_rupiah))
        .where(FundEntry.status == Status.COMPLETED, FundEntry.date <= last)
        .group_by(FundEntry.warong_code, FundEntry.kind, FundEntry.purpose)
    ).all()  # fmt: skip
    received: Counter[str] = Counter()
    used: Counter[str] = Counter()
    own: Counter[str] = Counter()
    supplier: Counter[str] = Counter()
    for code, kind, purpose, value in rows:
        value = int(value or 0)
        if kind == FundKind.TRANCHE:
            received[code] += value
        else:
            used[code] += value
            if purpose == PURPOSE_OWN_GOODS:
                own[code] += value
            elif purpose == PURPOSE_SUPPLIER_GOODS:
                supplier[code] += value
    known = {code: (name, kecamatan) for code, name, kecamatan in warongs}
    codes = sorted(set(known) | set(received) | set(used))
    return [
        FundPosition(
            code,
            known.get(code, (code, ""))[0],
            known.get(code, (code, ""))[1],
            received[code],
            used[code],
            own[code],
            supplier[code],
        )
        for code in codes
    ]


def kecamatan_totals(positions: Iterable[FundPosition]) -> list[FundPosition]:
    """One row per kecamatan (its name in `name` and `kecamatan`, no code), by name."""
    sums: dict[str, list[int]] = {}
    for p in positions:
        row = sums.setdefault(p.kecamatan, [0, 0, 0, 0])
        for i, v in enumerate((p.received, p.used, p.own_goods, p.supplier_goods)):
            row[i] += v
    return [
        FundPosition("", k or "-", k, *values)
        for k, values in sorted(sums.items(), key=lambda kv: kv[0].casefold())
    ]
