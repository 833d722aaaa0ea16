"""NIK and KKS numbers: validated as text, never stored as numbers.

A NIK is province(2) regency(2) district(2) birth date DDMMYY (day + 40 for women) serial(4).
Only the structure, the province code, the date and the serial are checked: the regency and
district digits say where the NIK was issued, and old codes outlive splits, so they are never
checked against today's areas or the KPM's address.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass

from ewarong_desktop.domain.errors import InvalidInput

# Kemendagri province codes, old and new (Papua's 2022 splits are 93-96; 91 and 92 stay).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip


class InvalidNik(InvalidInput):
    """The NIK is wrong; `reason`: excel, length, digits, province, date, serial."""

    code = "invalid_nik"

    def __init__(self, reason: str, id_text: str, en_text: str) -> None:
        super().__init__(id_text, en_text)
        self.reason = reason


@dataclass(frozen=True)
class NikFacts:
    province: str
    female: bool
    birth_day: int
    birth_month: int
    birth_year_2digit: int


def clean_digits(text: str) -> str:
    """Strip the spaces, dots, dashes and leading apostrophe people and Excel add."""
    cleaned = str(text).strip().lstrip("'").strip()
    for ch in " .-\u00a0\t":
        cleaned = cleaned.replace(ch, "")
    return cleaned


def is_ascii_digits(text: str) -> bool:
    """0-9 only: `str.isdigit` also takes full-width (１２) and superscript (²) digits, which
    no card carries and which would block every later export."""
    return bool(text) and text.isascii() and text.isdigit()


def _date_exists(day: int, month: int, yy: int) -> bool:
    if not (1 <= month <= 12 and day >= 1):
        return False
    # The century is not in the NIK; accept the date if it exists in either 19yy or 20yy.
    return any(day <= calendar.monthrange(year, month)[1] for year in (1900 + yy, 2000 + yy))


_SCIENTIFIC = re.compile(r"^\d[.,]\d+e\+?\d+$", re.IGNORECASE)


def validate_nik(text: str) -> str:
    """Return the cleaned 16-digit NIK or raise `InvalidNik` saying exactly what is wrong."""
    nik = clean_digits(text)
    shown = str(text).strip()
    if _SCIENTIFIC.match(shown):
        raise InvalidNik(
            "excel",
            f"NIK '{shown}' rusak oleh Excel: format kolom sebagai Teks lalu salin ulang.",
            f"NIK '{shown}' was damaged by Excel: format the column as Text and copy it again.",
        )
    if nik and not is_ascii_digits(nik):
        raise InvalidNik(
            "digits",
            f"NIK '{shown}' berisi karakter selain angka.",
            f"NIK '{shown}' contains characters other than digits.",
        )
    if len(nik) != 16:
        raise InvalidNik(
            "length",
            f"NIK harus 16 angka; '{shown}' berisi {len(nik)} angka.",
            f"A NIK has 16 digits; '{shown}' has {len(nik)}.",
        )
    if nik[:2] not in PROVINCE_CODES:
        raise InvalidNik(
            "province",
            f"NIK {nik}: kode provinsi '{nik[:2]}' tidak ada.",
            f"NIK {nik}: province code '{nik[:2]}' does not exist.",
        )
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    if not _date_exists(day, month, yy):
        raise InvalidNik(
            "date",
            f"NIK {nik}: tanggal lahir '{nik[6:12]}' (DDMMYY) tidak mungkin.",
            f"NIK {nik}: birth date '{nik[6:12]}' (DDMMYY) is impossible.",
        )
    if nik[12:] == "0000":
        raise InvalidNik(
            "serial",
            f"NIK {nik}: nomor urut 0000 tidak sah.",
            f"NIK {nik}: serial number 0000 is not valid.",
        )
    return nik


def nik_facts(nik: str) -> NikFacts:
    nik = validate_nik(nik)
    day = int(nik[6:8])
    return NikFacts(
        province=nik[:2],
        female=day > 40,
        birth_day=day - 40 if day > 40 else day,
        birth_month=int(nik[8:10]),
        birth_year_2digit=int(nik[10:12]),
    )


def validate_kks(text: str) -> str:
    """A KKS number as printed on the card: 6 to 19 digits (spaces dropped)."""
    kks = clean_digits(text)
    shown = str(text).strip()
    if not is_ascii_digits(kks):
        raise InvalidInput(
            f"Nomor KKS '{shown}' harus berisi angka saja.",
            f"KKS number '{shown}' must contain digits only.",
        )
    if not 6 <= len(kks) <= 19:
        raise InvalidInput(
            f"Nomor KKS harus 6 sampai 19 angka; '{shown}' berisi {len(kks)}.",
            f"A KKS number has 6 to 19 digits; '{shown}' has {len(kks)}.",
        )
    return kks


def mask_number(number: str) -> str:
    """Only the last four digits shown, for receipts and screens others can see."""
    return "*" * max(0, len(number) - 4) + number[-4:]


def validate_warong_code(text: str) -> str:
    """The e-warong code used in file names and by the district: `[A-Za-z0-9-]{1,40}`."""
    code = str(text).strip()
    if (
        not code
        or len(code) > 40
        or not all(c.isascii() and (c.isalnum() or c == "-") for c in code)
    ):
        raise InvalidInput(
            f"Kode e-warong '{code}' hanya boleh huruf, angka dan tanda '-' (1-40 karakter).",
            f"E-warong code '{code}' may hold only letters, digits and '-' (1-40 characters).",
        )
    return code


def validate_area_code(text: str) -> str:
    """A Kemendagri area code of 10 digits, often written with dots (18.07.12.2001)."""
    digits = str(text).strip().replace(".", "")
    if not (is_ascii_digits(digits) and len(digits) == 10):
        raise InvalidInput(
            f"Kode wilayah '{text}' harus 10 angka, misalnya 18.07.12.2001.",
            f"Area code '{text}' must have 10 digits, for example 18.07.12.2001.",
        )
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"


def refuse_control_characters(text: str, what_id: str, what_en: str) -> str:
    """No NUL, ESC or other control character (nor a lone surrogate) in a stored text: they
    print as nothing, script terminals, and one PostgreSQL district refuses them for good."""
    for ch in str(text):
        if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r":
            raise InvalidInput(
                f"{what_id} berisi karakter kontrol (U+{ord(ch):04X}); ketik ulang teksnya.",
                f"{what_en} holds a control character (U+{ord(ch):04X}); type the text again.",
            )
    return str(text)


def clean_text(text: str, *, what_id: str, what_en: str, longest: int = 200) -> str:
    """A free text (village, address, note): spaces folded, no control character, may be
    empty."""
    folded = " ".join(refuse_control_characters(text, what_id, what_en).split())
    if len(folded) > longest:
        raise InvalidInput(
            f"{what_id} terlalu panjang (paling banyak {longest} karakter).",
            f"{what_en} is too long (at most {longest} characters).",
        )
    return folded


def clean_name(text: str, *, what_id: str = "Nama", what_en: str = "Name") -> str:
    """A person's or place's name: spaces folded, never empty, at most 200 characters,
    no control character."""
    name = " ".join(refuse_control_characters(text, what_id, what_en).split())
    if not name:
        raise InvalidInput(f"{what_id} tidak boleh kosong.", f"{what_en} may not be empty.")
    if len(name) > 200:
        raise InvalidInput(
            f"{what_id} terlalu panjang (paling banyak 200 karakter).",
            f"{what_en} is too long (at most 200 characters).",
        )
    return name
