"""The plain data of the "Laporan penggunaan dana KUBE" (no reportlab, no store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ewarong_desktop.reports.data import WarongInfo


@dataclass(frozen=True)
class FundLine:
    date: date
    kind: str  # tranche | use
    stage: int | None
    purpose: str | None
    reference: str | None
    note: str
    amount: int
    balance_after: int | None  # None when voided
    voided: bool
    void_reason: str | None


@dataclass(frozen=True)
class FundReportData:
    warong: WarongInfo
    as_of: date
    printed_on: date
    lines: tuple[FundLine, ...]
    received: int
    used: int
    balance: int
    used_by_purpose: tuple[tuple[str, int], ...]  # every purpose, in `domain.fund` order
    ketua_name: str = ""
    tksk_name: str = ""

    @property
    def own_goods(self) -> int:
        return dict(self.used_by_purpose).get("barang_sumber_sendiri", 0)

    @property
    def supplier_goods(self) -> int:
        return dict(self.used_by_purpose).get("barang_pemasok", 0)
