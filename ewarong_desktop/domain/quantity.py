"""Quantities of goods: exact decimals with at most three places, kept in thousandths."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ewarong_desktop.domain.errors import InvalidInput

UNITS = ("kg", "liter", "butir", "ikat", "pcs")
MILLI = 1000
# A million units of anything is more than any e-warong handles in one line.
MAX_QUANTITY = Decimal(1_000_000)
_QUANTITY = re.compile(r"^\d+([.,]\d+)?$", re.ASCII)
# `1.000` is a thousand to an Indonesian and one to the computer: refuse it and ask again.
_THOUSANDS_LOOKALIKE = re.compile(r"^[1-9]\d{0,2}\.\d{3}$", re.ASCII)


def parse_quantity(text: str | int | Decimal, *, allow_zero: bool = False) -> Decimal:
    """Accept `5`, `0.5`, `0,5` (Indonesian decimal comma); at most three decimals."""
    raw = str(text).strip()
    if _THOUSANDS_LOOKALIKE.match(raw):
        whole, part = raw.split(".")
        decimals = part.rstrip("0")
        small_id = f"{whole},{decimals}" if decimals else whole
        small_en = f"{whole}.{decimals}" if decimals else whole
        raise InvalidInput(
            f"Jumlah '{raw}' bisa berarti {whole}{part} atau {small_id}: tulis {whole}{part} "
            f"(tanpa titik ribuan) atau {small_id} (koma untuk desimal).",
            f"Quantity '{raw}' could mean {whole}{part} or {small_en}: write {whole}{part} "
            f"(no thousands dot) or {whole},{decimals or '0'} (decimal comma).",
        )
    match = _QUANTITY.match(raw)
    if not match:
        raise InvalidInput(
            f"Jumlah barang '{raw}' tidak sah (contoh: 5 atau 0,5; paling banyak 3 desimal).",
            f"Quantity '{raw}' is not valid (for example 5 or 0.5; at most 3 decimals).",
        )
    if match.group(1) and len(match.group(1)) > 4:
        raise InvalidInput(
            f"Jumlah barang '{raw}' paling banyak 3 desimal.",
            f"Quantity '{raw}' has at most 3 decimals.",
        )
    if len(raw.split(",")[0].split(".")[0].lstrip("0")) > 7:  # far over MAX_QUANTITY
        raise InvalidInput(
            f"Jumlah {raw} terlalu besar untuk satu baris; periksa angkanya.",
            f"Quantity {raw} is too large for one line; check the number.",
        )
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex already rules this out
        raise InvalidInput("Jumlah barang tidak sah.", "Quantity is not valid.") from exc
    if value == 0 and not allow_zero:
        raise InvalidInput("Jumlah barang harus lebih dari 0.", "Quantity must be more than 0.")
    return check_quantity(value)


def parse_change(text: str) -> Decimal:
    """A stock adjustment: `-2` (damaged or lost), `+3` or `3` (a surplus at a count).

    Zero parses: whoever records the adjustment says why 0 is none (not "more than 0").
    """
    raw = text.strip().replace(" ", "")
    negative = raw.startswith("-")
    value = parse_quantity(raw.removeprefix("-").removeprefix("+"), allow_zero=True)
    return -value if negative else value


def check_quantity(value: Decimal) -> Decimal:
    if value > MAX_QUANTITY:
        raise InvalidInput(
            f"Jumlah {value} terlalu besar untuk satu baris; periksa angkanya.",
            f"Quantity {value} is too large for one line; check the number.",
        )
    return value


def to_milli(quantity: Decimal) -> int:
    """The integer thousandths the store keeps, so sums in SQL stay exact."""
    scaled = quantity * MILLI
    if scaled != scaled.to_integral_value():
        raise InvalidInput(
            "Jumlah barang paling banyak 3 desimal.", "A quantity has at most 3 decimals."
        )
    return int(scaled)


def from_milli(milli: int) -> Decimal:
    return (Decimal(milli) / MILLI).normalize() if milli else Decimal(0)


def quantity_text(quantity: Decimal) -> str:
    """Plain decimal text, no exponent and no sign: `5`, `0.5` (the bundle contract)."""
    text = format(quantity.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def format_quantity(quantity: Decimal, unit: str = "", lang: str = "id") -> str:
    """For people: `2,5 kg` / `10.033 kg` in Indonesian, `2.5 kg` / `10,033 kg` in English."""
    whole, _dot, fraction = quantity_text(abs(quantity)).partition(".")
    grouped = f"{int(whole):,}"
    if lang == "id":
        text = grouped.replace(",", ".") + ("," + fraction if fraction else "")
    else:
        text = grouped + ("." + fraction if fraction else "")
    if quantity < 0:
        text = "-" + text
    return f"{text} {unit}".strip()


def check_unit(unit: str) -> str:
    if unit not in UNITS:
        raise InvalidInput(
            f"Satuan '{unit}' tidak dikenal; pilih salah satu: {', '.join(UNITS)}.",
            f"Unknown unit '{unit}'; choose one of: {', '.join(UNITS)}.",
        )
    return unit
