"""Money as whole rupiah: parsing what operators type and showing `Rp150.000`."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ewarong_desktop.domain.errors import InvalidInput

_RP_PREFIX = re.compile(r"^\s*rp\.?\s*", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_TRAILING_ZERO_CENTS = re.compile(r"(,0{1,2}|,-)$")
# One price or amount typed by a person: a rupiah billion is far above any food price, and it
# keeps quantity x price x lines inside what a bundle (JSON, 2^53) and SQLite can carry, so a
# barcode scanned into a price field is refused instead of blocking every later export.
MAX_AMOUNT = 1_000_000_000


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
    return check_amount(value)


def check_amount(value: int) -> int:
    """Refuse negative amounts and amounts no e-warong price can be."""
    if value < 0:
        raise InvalidInput("Jumlah uang tidak boleh negatif.", "An amount may not be negative.")
    if value > MAX_AMOUNT:
        raise InvalidInput(
            f"{format_rupiah(value)} terlalu besar untuk satu harga; periksa angkanya "
            "(mungkin kode barang terbaca sebagai harga).",
            f"{format_rupiah(value)} is too large for one price; check the number "
            "(a barcode may have been read into the price).",
        )
    return value


def format_rupiah(amount: int) -> str:
    """`150000` -> `Rp150.000`; negative amounts as `-Rp5.000`."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")


def line_total(quantity: Decimal, unit_price: int) -> int:
    """Quantity x unit price, rounded half up to whole rupiah (the bundle contract's rule)."""
    return int((quantity * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP))
