"""Money as whole rupiah: parsing what operators type and showing `Rp150.000`."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ewarong_desktop.domain.errors import InvalidInput

_RP_PREFIX = re.compile(r"^\s*rp\.?\s*", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_TRAILING_ZERO_CENTS = re.compile(r",0{1,2}$")


def parse_rupiah(text: str | int) -> int:
    """Accept `150000`, `150.000`, `Rp 150.000`, `Rp.150.000` (and `,00` cents of zero)."""
    if isinstance(text, bool):
        raise InvalidInput("Jumlah uang tidak sah.", "Not a valid amount of money.")
    if isinstance(text, int):
        value = text
    else:
        raw = str(text)
        cleaned = _RP_PREFIX.sub("", raw).strip().replace(" ", "")
        cleaned = _TRAILING_ZERO_CENTS.sub("", cleaned)
        if cleaned.isdigit():
            value = int(cleaned)
        elif _GROUPED.match(cleaned):
            value = int(cleaned.replace(".", ""))
        else:
            raise InvalidInput(
                f"'{raw.strip()}' bukan jumlah rupiah (contoh: 150000 atau Rp150.000).",
                f"'{raw.strip()}' is not an amount in rupiah (for example 150000 or Rp150.000).",
            )
    if value < 0:
        raise InvalidInput("Jumlah uang tidak boleh negatif.", "An amount may not be negative.")
    return value


def format_rupiah(amount: int) -> str:
    """`150000` -> `Rp150.000`; negative amounts as `-Rp5.000`."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")


def line_total(quantity: Decimal, unit_price: int) -> int:
    """Quantity x unit price, rounded half up to whole rupiah (the bundle contract's rule)."""
    return int((quantity * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP))
