"""Months of aid (`2020-05`) and how dates and months read: `6 Mei 2020`, `Mei 2020`."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ewarong_desktop.domain.errors import InvalidInput

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# ASCII: `\d` alone takes full-width and other scripts' digits too.
_PERIOD = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)


@dataclass(frozen=True, order=True)
class Period:
    """One month of aid; orders by time; text form `YYYY-MM`."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InvalidInput(
                f"Bulan {self.year}-{self.month:02d} tidak ada: bulan {self.month} tidak ada "
                "(1 sampai 12).",
                f"Month {self.year}-{self.month:02d} does not exist: there is no month "
                f"{self.month} (1 to 12).",
            )
        if not 2000 <= self.year <= 2999:
            raise InvalidInput(
                f"Bulan {self.year}-{self.month:02d} tidak sah (tulis TTTT-BB, misalnya 2020-05).",
                f"Month {self.year}-{self.month:02d} is not valid (write YYYY-MM, e.g. 2020-05).",
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(str(text).strip())
        if not match:
            raise InvalidInput(
                f"Bulan '{text}' harus ditulis TTTT-BB, misalnya 2020-05.",
                f"Month '{text}' must be written YYYY-MM, for example 2020-05.",
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Period:
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def shift(self, months: int) -> Period:
        index = self.year * 12 + self.month - 1 + months
        return Period(index // 12, index % 12 + 1)

    def months_until(self, other: Period) -> int:
        return (other.year - self.year) * 12 + other.month - self.month

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def last_day(self) -> date:
        return self.next().first_day() - timedelta(days=1)

    def contains(self, day: date) -> bool:
        return day.year == self.year and day.month == self.month


def period_range(first: Period, last: Period) -> list[Period]:
    """Every month from `first` to `last`, both included."""
    return [first.shift(i) for i in range(first.months_until(last) + 1)]


def format_month(period: Period, lang: str = "id") -> str:
    names = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{names[period.month - 1]} {period.year}"


def format_date(day: date, lang: str = "id") -> str:
    """`6 Mei 2020` (English: `6 May 2020`)."""
    names = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{day.day} {names[day.month - 1]} {day.year}"


def parse_date(text: str) -> date:
    """`YYYY-MM-DD`; a date that does not exist says why ("30 Februari 2021 tidak ada")."""
    shown = str(text).strip()
    match = _DATE.match(shown)
    if not match or int(match.group(1)) < 1:
        raise InvalidInput(
            f"Tanggal '{shown}' harus ditulis TTTT-BB-HH, misalnya 2020-05-06.",
            f"Date '{shown}' must be written YYYY-MM-DD, for example 2020-05-06.",
        )
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise InvalidInput(
            f"Tanggal '{shown}': bulan {month} tidak ada (1 sampai 12).",
            f"Date '{shown}': there is no month {month} (1 to 12).",
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise InvalidInput(
            f"{day} {MONTHS_ID[month - 1]} {year} tidak ada ({MONTHS_ID[month - 1]} {year} "
            f"hanya {last} hari).",
            f"{MONTHS_EN[month - 1]} {day}, {year} does not exist ({MONTHS_EN[month - 1]} "
            f"{year} has {last} days).",
        )
    return date(year, month, day)
