"""Clean and check each data row of a KPM list; what passes becomes a `KpmRecord`.

Spaces and a leading apostrophe are cleaned, never refused. Excel's damage to long numbers
is recognised and refused, because storing a NIK whose 16th digit Excel replaced with 0 would
hand one family's aid to a record that belongs to nobody. Whether a record is new, changed or
unchanged is for the service to decide against the store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.identity import (
    InvalidNik,
    clean_digits,
    clean_name,
    is_ascii_digits,
    refuse_control_characters,
    validate_kks,
    validate_nik,
)
from ewarong_desktop.kpm_import import reasons
from ewarong_desktop.kpm_import.columns import ColumnMapping
from ewarong_desktop.kpm_import.reasons import Reason
from ewarong_desktop.kpm_import.sources import RawRow

# What Excel makes of a long number once it has been a number cell: `1,80712E+15`,
# `3201234567890120,00`, `3.201.234.567.890.120` (Indonesian thousands separators).
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_DECIMAL_TAIL = re.compile(r"^\d{12,}[.,]0+$")
_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3}){4,}$")

# Below this many NIKs, "all end in 0" can be chance (one in ten per NIK).
ZEROED_COLUMN_MIN = 5

# The store's column width for a village name.
MAX_VILLAGE = 120
MAX_ADDRESS = 300  # the store's column width for an address

# Doubles hold 15 significant digits exactly; a longer number in a number cell is damaged.
_EXACT_DIGITS = 15


@dataclass(frozen=True)
class KpmRecord:
    """A row that passed every check, with its values cleaned."""

    row: int
    nik: str
    name: str
    kks: str | None
    village: str | None
    address: str | None = None
    # The row as read, in case the store refuses it and it goes to the rejects file.
    cells: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def rejected(self, *problems: Reason) -> RejectedRow:
        return RejectedRow(self.row, self.cells, self.nik, self.name, problems)


@dataclass(frozen=True)
class RejectedRow:
    """A row refused, with every reason found (the operator fixes them all at once)."""

    row: int
    cells: tuple[str, ...]
    nik_text: str
    name_text: str
    reasons: tuple[Reason, ...]

    def message(self, lang: str = "id") -> str:
        return " ".join(r.message(lang) for r in self.reasons)


@dataclass(frozen=True)
class CheckedRows:
    records: tuple[KpmRecord, ...]
    rejected: tuple[RejectedRow, ...]
    skipped: int  # blank rows and numbering rows: not data, so neither imported nor refused
    warnings: tuple[Reason, ...]


def cell_text(value: Any) -> str:
    """A cell as the operator saw it in the spreadsheet, for messages and the rejects file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def clean_text(value: Any) -> str:
    """Trim, drop Excel's leading apostrophe, and collapse runs of spaces (incl. NBSP)."""
    text = cell_text(value).replace("\u00a0", " ").strip()
    if text.startswith("'"):
        text = text[1:]
    elif text.startswith('="') and text.endswith('"') and len(text) >= 3:
        # `="3201..."`: the trick some exporters use to keep Excel from eating the digits.
        text = text[2:-1]
    return " ".join(text.split())


def _looks_damaged(text: str) -> bool:
    compact = text.replace(" ", "")
    return bool(
        _SCIENTIFIC.match(compact) or _DECIMAL_TAIL.match(compact) or _GROUPED.match(compact)
    )


def _check_nik(value: Any) -> tuple[str | None, Reason | None]:
    """(clean NIK, None) or (None, reason)."""
    if _is_number(value):
        return None, reasons.nik_number_cell(cell_text(value))
    text = clean_text(value)
    if not text:
        return None, reasons.nik_empty()
    if _looks_damaged(text):
        return None, reasons.nik_damaged(text)
    try:
        return validate_nik(text), None
    except InvalidNik as error:
        return None, reasons.nik_invalid(error)


def _check_kks(value: Any) -> tuple[str | None, Reason | None]:
    if _is_number(value):
        # A short card number survives a number cell intact; a 16-digit one does not.
        if float(value).is_integer() and len(str(int(value))) <= _EXACT_DIGITS:
            value = str(int(value))
        else:
            return None, reasons.kks_damaged(cell_text(value))
    text = clean_text(value)
    if not text:
        return None, None
    if _looks_damaged(text):
        return None, reasons.kks_damaged(text)
    try:
        return validate_kks(text), None
    except InvalidInput as error:
        digits = is_ascii_digits(clean_digits(text))
        return None, reasons.kks_invalid(error.id_text, error.en_text, digits=digits)


def _check_name(name: str) -> Reason | None:
    if not name:
        return reasons.name_empty()
    try:
        clean_name(name)
    except InvalidInput as error:
        return Reason("name_invalid", error.id_text, error.en_text)
    return None


_FOOTER_WORDS = ("jumlah", "total", "sub total", "subtotal", "grand total", "jml")


def _is_footer(cells: Sequence[Any], nik_value: Any) -> bool:
    """A totals row under the list: it starts with a word like JUMLAH or TOTAL and holds no
    NIK (at most a count, such as `40 KPM`)."""
    first = next((clean_text(c) for c in cells if clean_text(c)), "")
    words = " ".join(re.sub(r"[^a-z ]+", " ", first.lower()).split())
    if not any(words == w or words.startswith(w + " ") for w in _FOOTER_WORDS):
        return False
    return len(re.sub(r"\D", "", clean_text(nik_value))) < 10


def _cell(cells: Sequence[Any], column: int | None) -> Any:
    if column is None or column >= len(cells):
        return None
    return cells[column]


def check_rows(rows: Iterable[RawRow], mapping: ColumnMapping) -> CheckedRows:
    """Check every data row (those after the header) and refuse duplicates within the file."""
    checked: list[tuple[RawRow, str | None, list[Reason], KpmRecord | None]] = []
    first_row_of: dict[str, int] = {}
    kks_holder: dict[str, tuple[str, int]] = {}
    skipped = 0
    for raw in rows:
        nik_value = _cell(raw.cells, mapping.nik)
        name = clean_text(_cell(raw.cells, mapping.name))
        kks_value = _cell(raw.cells, mapping.kks)
        if not clean_text(nik_value) and not name and not clean_text(kks_value):
            skipped += 1
            continue
        if _is_footer(raw.cells, nik_value):
            skipped += 1  # "JUMLAH;40 KPM": the list's own total, not a KPM to refuse
            continue
        problems: list[Reason] = []
        nik, problem = _check_nik(nik_value)
        if problem:
            problems.append(problem)
        if nik is not None:
            first = first_row_of.setdefault(nik, raw.number)
            if first != raw.number:
                problems.append(reasons.nik_duplicate(nik, first))
        problem = _check_name(name)
        if problem:
            problems.append(problem)
        kks, problem = _check_kks(kks_value)
        if problem:
            problems.append(problem)
        if kks is not None and nik is not None:
            # One card, one family: a second NIK on the same card is a typing error.
            holder, first = kks_holder.setdefault(kks, (nik, raw.number))
            if holder != nik:
                problems.append(reasons.kks_duplicate(kks, first))
        village = clean_text(_cell(raw.cells, mapping.village)) or None
        if village is not None and len(village) > MAX_VILLAGE:
            problems.append(reasons.village_too_long(MAX_VILLAGE))
        elif village is not None:
            try:
                refuse_control_characters(village, "Nama desa", "The village name")
            except InvalidInput as error:
                problems.append(Reason("village_invalid", error.id_text, error.en_text))
        address = clean_text(_cell(raw.cells, mapping.address)) or None
        if address is not None and len(address) > MAX_ADDRESS:
            problems.append(reasons.address_too_long(MAX_ADDRESS))
        record = None
        if not problems and nik is not None:
            cells = tuple(cell_text(c) for c in raw.cells)
            record = KpmRecord(raw.number, nik, name, kks, village, address, cells)
        checked.append((raw, nik, problems, record))

    warnings: list[Reason] = []
    niks = list(first_row_of)
    if len(niks) >= ZEROED_COLUMN_MIN and all(n.endswith("0") for n in niks):
        # Each NIK alone is plausible; all of them ending in 0 is Excel's 15-digit limit.
        warnings.append(reasons.column_zeroed(len(niks)))
        for _raw, nik, problems, _record in checked:
            if nik is not None:
                problems.insert(0, reasons.nik_column_zeroed(nik, len(niks)))

    records: list[KpmRecord] = []
    rejected: list[RejectedRow] = []
    for raw, _nik, problems, record in checked:
        if problems:
            rejected.append(_rejection(raw, mapping, problems))
        elif record is not None:
            records.append(record)
    return CheckedRows(tuple(records), tuple(rejected), skipped, tuple(warnings))


def _rejection(raw: RawRow, mapping: ColumnMapping, problems: list[Reason]) -> RejectedRow:
    return RejectedRow(
        row=raw.number,
        cells=tuple(cell_text(c) for c in raw.cells),
        nik_text=cell_text(_cell(raw.cells, mapping.nik)).strip(),
        name_text=clean_text(_cell(raw.cells, mapping.name)),
        reasons=tuple(problems),
    )
