"""Reading a roster PDF back into its lines and totals, and what each should say, for the tests.

What a line should say is worked out here from the statement data on its own (quantities
summed by hand, rupiah formatted, ids masked), not with the roster module's helpers, so a
mistake there cannot hide in the test.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.reports.data import KpmStatement
from tests.reports.pdfcheck import page_lines

HEADER_END = "/ cap jempol"  # the header's last line (its label is set on two lines)
PAGE_TOTAL = "Jumlah halaman ini"


@dataclass
class RosterPage:
    number: int
    carried: tuple[str, str] | None  # (entitlement, received) carried from the page before
    lines: list[tuple[int, str]]  # (line number, the line's text joined with spaces)
    page_total: tuple[str, str]
    running_label: str
    running_total: tuple[str, str]
    rest: list[str]  # what follows the totals: counts, signatures, footer


def read_page(text: str, number: int) -> RosterPage:
    lines = page_lines(text)
    at = lines.index(HEADER_END) + 1
    carried = None
    if lines[at].startswith("Pindahan dari halaman"):
        assert lines[at] == f"Pindahan dari halaman {number - 1}"
        carried = (lines[at + 1], lines[at + 2])
        at += 3
    end = lines.index(PAGE_TOTAL)
    blocks: list[tuple[int, str]] = []
    while at < end:
        no = int(lines[at])
        nxt = at + 1
        while nxt < end and lines[nxt] != str(no + 1):
            nxt += 1
        blocks.append((no, " ".join(lines[at + 1 : nxt])))
        at = nxt
    return RosterPage(
        number=number,
        carried=carried,
        lines=blocks,
        page_total=(lines[end + 1], lines[end + 2]),
        running_label=lines[end + 3],
        running_total=(lines[end + 4], lines[end + 5]),
        rest=lines[end + 6 :],
    )


def read_roster(texts: list[str]) -> list[RosterPage]:
    return [read_page(text, number) for number, text in enumerate(texts, 1)]


def _quantity(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def expected_line(statement: KpmStatement, place: str) -> str:
    """The line's text as the roster should print it, in Indonesian."""
    parts = [
        statement.kpm_name,
        f"No. KKS {'*' * (len(statement.kks_number) - 4)}{statement.kks_number[-4:]}",
        f"NIK {'*' * (len(statement.nik) - 4)}{statement.nik[-4:]}",
        place,
        format_rupiah(statement.entitlement),
    ]
    if not statement.items:
        return " ".join([*parts, "BELUM DILAYANI", "Rp0"])
    quantities: dict[tuple[str, str], Decimal] = {}
    codes: list[str] = []
    for item in statement.items:
        key = (item.product, item.unit)
        quantities[key] = quantities.get(key, Decimal(0)) + item.quantity
        if item.receipt_code not in codes:
            codes.append(item.receipt_code)
    items = ", ".join(f"{p} {_quantity(q)} {unit}" for (p, unit), q in quantities.items())
    received = sum(item.total for item in statement.items)
    return " ".join([*parts, format_rupiah(received), items, *codes])
