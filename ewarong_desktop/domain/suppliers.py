"""Suppliers as the district must match them: a tax number, or a name written many ways.

"CV. Sumber Pangan", "cv sumber pangan" and "Sumber Pangan, CV" are one supplier: the name
key drops case, punctuation and the legal form wherever it stands. A tax number (NPWP or
NIB) is kept as digits only.
"""

from __future__ import annotations

import re

from ewarong_desktop.domain.errors import InvalidInput

# NIB: 13 digits; NPWP: 15 digits (16 since 2024, the owner's NIK for a person).
TAX_ID_LENGTHS = (13, 15, 16)
# Legal forms written before or after the name; they never tell two suppliers apart here.
LEGAL_FORMS = frozenset({"cv", "pt", "ud", "pd", "fa", "firma", "tbk", "persero", "koperasi"})
# Spelled-out words a shop may write either way.
SAME_WORDS = {"haji": "h", "hajjah": "hj", "saudara": "sdr"}
_DOTTED = re.compile(r"\b([a-z])\.\s?([a-z])\.")  # "c.v." / "p. t." -> "cv" / "pt"
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalize_tax_id(text: str | None) -> str | None:
    """Digits only (`01.234.567.8-901.000` -> `012345678901000`); None when empty."""
    if text is None or not text.strip():
        return None
    digits = re.sub(r"[\s.\-/]", "", text)
    if not digits.isdigit() or len(digits) not in TAX_ID_LENGTHS:
        raise InvalidInput(
            f"'{text.strip()}' bukan NPWP (15 atau 16 angka) atau NIB (13 angka).",
            f"'{text.strip()}' is not an NPWP (15 or 16 digits) or a NIB (13 digits).",
        )
    return digits


def name_key(name: str) -> str:
    """The key two spellings of one supplier share (see the module docstring)."""
    text = _DOTTED.sub(r"\1\2 ", name.casefold())
    words = [SAME_WORDS.get(w, w) for w in _NOT_WORD.sub(" ", text).split()]
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept or words)
