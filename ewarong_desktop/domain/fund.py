"""The KUBE fund's rules: what a use may be for, and the balance at any date.

A KUBE running an e-warong receives a fund (Rp20 juta in stages, "secara bertahap") and
spends it; the ledger is tranches in and uses out, never deleted, voided with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ewarong_desktop.domain.errors import InvalidInput, RuleViolation
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.words import Words

PURPOSE_OWN_GOODS = "barang_sumber_sendiri"
PURPOSE_SUPPLIER_GOODS = "barang_pemasok"
PURPOSES = (PURPOSE_OWN_GOODS, PURPOSE_SUPPLIER_GOODS, "peralatan", "operasional", "lainnya")
PURPOSE_LABELS = {
    PURPOSE_OWN_GOODS: Words("Barang dari sumber sendiri", "Goods from own sources"),
    PURPOSE_SUPPLIER_GOODS: Words("Barang dari pemasok", "Goods from suppliers"),
    "peralatan": Words("Peralatan", "Equipment"),
    "operasional": Words("Operasional", "Running costs"),
    "lainnya": Words("Lainnya", "Other"),
}
# How a tranche is named everywhere: the fund page, the fund report, the command line.
STAGE = Words("Tahap {stage}", "Stage {stage}")
# The programme began in 2017; an earlier date is a typing slip, not an early tranche.
EARLIEST = date(2017, 1, 1)
# One tranche or use: the whole fund is Rp20 juta, so a billion is a slip of the keyboard.
MAX_ENTRY = 1_000_000_000


def purpose_label(purpose: str | None, lang: str = "id") -> str:
    if purpose is None:
        return ""
    return PURPOSE_LABELS.get(purpose, Words(purpose, purpose)).text(lang)


def check_purpose(purpose: str) -> str:
    if purpose not in PURPOSES:
        raise InvalidInput(
            f"Keperluan '{purpose}' tidak dikenal; pilih: {', '.join(PURPOSES)}.",
            f"Unknown purpose '{purpose}'; choose one of: {', '.join(PURPOSES)}.",
        )
    return purpose


def check_entry_amount(amount: int) -> int:
    if amount <= 0:
        raise InvalidInput("Jumlah dana harus lebih dari Rp0.", "The amount must be above Rp0.")
    if amount > MAX_ENTRY:
        raise InvalidInput(
            f"{format_rupiah(amount)} terlalu besar untuk satu catatan dana; periksa angkanya.",
            f"{format_rupiah(amount)} is too large for one fund entry; check the number.",
        )
    return amount


def check_entry_date(day: date, today: date) -> date:
    """Entries may be dated before the app was set up, never in the future or before 2017."""
    if day > today:
        raise InvalidInput(
            "Tanggal dana tidak boleh di masa depan.", "A fund entry may not be in the future."
        )
    if day < EARLIEST:
        raise InvalidInput(
            "Tanggal dana sebelum 2017; periksa tahunnya.",
            "A fund entry dated before 2017; check the year.",
        )
    return day


@dataclass(frozen=True)
class Movement:
    """One completed entry as the balance sees it: + for a tranche, - for a use."""

    date: date
    signed_rupiah: int


def balance_at(movements: Iterable[Movement], day: date) -> int:
    """The balance at the end of `day`."""
    return sum(m.signed_rupiah for m in movements if m.date <= day)


def lowest_balance_from(movements: Iterable[Movement], day: date) -> tuple[int, date]:
    """The lowest end-of-day balance on or after `day`, and the first date it is reached.

    A use dated in the past lowers every later balance too, so a use must keep all of them
    at or above zero, not only its own day's.
    """
    by_day: dict[date, int] = {}
    running = 0
    for m in movements:
        if m.date < day:
            running += m.signed_rupiah
        else:
            by_day[m.date] = by_day.get(m.date, 0) + m.signed_rupiah
    lowest, when = running, day
    for d in sorted(by_day):
        running += by_day[d]
        if running < lowest:
            lowest, when = running, d
    return lowest, when


class FundOverdrawn(RuleViolation):
    """The entry would take the fund below zero; an admin may confirm it (`--yes`)."""

    code = "fund_overdrawn"

    def __init__(self, *, lowest: int, on: date, balance_before: int) -> None:
        from ewarong_desktop.domain.periods import format_date

        short = -lowest
        super().__init__(
            f"Saldo dana KUBE akan menjadi {format_rupiah(lowest)} pada "
            f"{format_date(on)} (kurang {format_rupiah(short)}). Periksa jumlah dan tanggalnya; "
            "bila memang benar, admin dapat mengonfirmasi (--yes).",
            f"The KUBE fund balance would become {format_rupiah(lowest)} on "
            f"{format_date(on, 'en')} ({format_rupiah(short)} short). Check the amount and the "
            "date; if it is right, an admin may confirm it (--yes).",
        )
        self.lowest = lowest
        self.on = on
        self.balance_before = balance_before
