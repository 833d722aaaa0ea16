"""The report's independence section (the KUBE fund per e-warong and kecamatan, the own-source
share against the district's target over 12 months) and the month's findings about suppliers
and the target, which `report.derived_month_flags` stores as flags."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from ewarong_desktop.district.findings import Finding
from ewarong_desktop.district.fund import FundPosition, fund_positions, kecamatan_totals
from ewarong_desktop.district.models import Warong
from ewarong_desktop.district.suppliers import supplier_findings
from ewarong_desktop.district.target import (
    ShareTrend,
    load_targets,
    moved_away_findings,
    share_trends,
    target_for,
)
from ewarong_desktop.domain.periods import Period


@dataclass(frozen=True)
class IndependenceSection:
    month: Period
    fund: tuple[FundPosition, ...]
    fund_by_kecamatan: tuple[FundPosition, ...]
    target: int | None
    trends: tuple[ShareTrend, ...]

    @property
    def fund_total(self) -> FundPosition:
        return FundPosition(
            "",
            "",
            "",
            sum(p.received for p in self.fund),
            sum(p.used for p in self.fund),
            sum(p.own_goods for p in self.fund),
            sum(p.supplier_goods for p in self.fund),
        )


def independence_findings(conn: Connection, month: Period) -> list[Finding]:
    """The month's supplier findings and the e-warongs moving away from the target."""
    codes = [c for (c,) in conn.execute(select(Warong.code))]
    targets = load_targets(conn)
    trends = share_trends(conn, month, codes, targets)
    return supplier_findings(conn, month) + moved_away_findings(month, trends, targets)


def build_independence(
    conn: Connection, month: Period, warongs: Iterable[Any]
) -> IndependenceSection:
    """`warongs`: the enrolled e-warong rows (code, name, kecamatan)."""
    enrolled = [(w.code, w.name, w.kecamatan) for w in warongs]
    fund = fund_positions(conn, month, enrolled)
    targets = load_targets(conn)
    trends = share_trends(conn, month, [c for c, _, _ in enrolled], targets)
    return IndependenceSection(
        month,
        tuple(fund),
        tuple(kecamatan_totals(fund)),
        target_for(targets, month),
        tuple(trends),
    )
