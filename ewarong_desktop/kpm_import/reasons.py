"""Why a row of a KPM list was refused or doubted, in words an operator can act on.

A row's problems are data, not exceptions: one file yields hundreds of them, each carried in
Indonesian and English, and the edge (GUI, CLI, rejects file) picks the language.
"""

from __future__ import annotations

from dataclasses import dataclass

from ewarong_desktop.domain.identity import InvalidNik
from ewarong_desktop.domain.words import say

EXCEL_FIX_ID = "format kolom sebagai Teks lalu ekspor ulang"
EXCEL_FIX_EN = "format the column as Text and export again"


@dataclass(frozen=True)
class Reason:
    """One problem with one row (or, for warnings, with the whole file)."""

    code: str
    id_text: str
    en_text: str

    def message(self, lang: str = "id") -> str:
        return say(lang, self.id_text, self.en_text)


def nik_damaged(shown: str) -> Reason:
    return Reason(
        "nik_damaged",
        f"NIK rusak oleh Excel ('{shown}'): {EXCEL_FIX_ID}.",
        f"NIK damaged by Excel ('{shown}'): {EXCEL_FIX_EN}.",
    )


def nik_number_cell(shown: str) -> Reason:
    return Reason(
        "nik_damaged",
        f"NIK rusak oleh Excel ('{shown}' tersimpan sebagai angka, angka ke-16 tidak bisa "
        f"dipercaya): {EXCEL_FIX_ID}.",
        f"NIK damaged by Excel ('{shown}' is stored as a number, so its 16th digit cannot be "
        f"trusted): {EXCEL_FIX_EN}.",
    )


def nik_column_zeroed(shown: str, count: int) -> Reason:
    return Reason(
        "nik_damaged",
        f"NIK rusak oleh Excel ('{shown}'): semua {count} NIK di kolom ini berakhiran 0, "
        f"tanda angka ke-16 hilang; {EXCEL_FIX_ID}.",
        f"NIK damaged by Excel ('{shown}'): all {count} NIKs in this column end in 0, a sign "
        f"the 16th digit was lost; {EXCEL_FIX_EN}.",
    )


def column_zeroed(count: int) -> Reason:
    return Reason(
        "nik_column_zeroed",
        f"Semua {count} NIK di berkas ini berakhiran 0: kolom NIK pernah diformat sebagai "
        f"angka di Excel dan angka ke-16 hilang. Semua baris ditolak; {EXCEL_FIX_ID}.",
        f"All {count} NIKs in this file end in 0: the NIK column was once formatted as a "
        f"number in Excel and lost its 16th digit. Every row is refused; {EXCEL_FIX_EN}.",
    )


def nik_empty() -> Reason:
    return Reason("nik_empty", "NIK kosong.", "NIK is empty.")


def nik_invalid(error: InvalidNik) -> Reason:
    # The domain already words every NIK rule; the import only files it under its own code.
    return Reason(f"nik_{error.reason}", error.id_text, error.en_text)


def nik_duplicate(nik: str, first_row: int) -> Reason:
    return Reason(
        "nik_duplicate",
        f"NIK {nik} sudah ada di baris {first_row} berkas ini; hanya baris {first_row} "
        "yang diimpor.",
        f"NIK {nik} already appears on row {first_row} of this file; only row {first_row} "
        "is imported.",
    )


def name_empty() -> Reason:
    return Reason("name_empty", "Nama KPM kosong.", "The KPM's name is empty.")


def kks_damaged(shown: str) -> Reason:
    return Reason(
        "kks_damaged",
        f"Nomor KKS rusak oleh Excel ('{shown}'): {EXCEL_FIX_ID}.",
        f"KKS number damaged by Excel ('{shown}'): {EXCEL_FIX_EN}.",
    )


def kks_duplicate(kks: str, first_row: int) -> Reason:
    return Reason(
        "kks_duplicate",
        f"Kartu KKS {kks} sudah dipakai NIK lain di baris {first_row} berkas ini.",
        f"KKS card {kks} already belongs to another NIK on row {first_row} of this file.",
    )


def village_too_long(limit: int) -> Reason:
    return Reason(
        "village_invalid",
        f"Nama desa terlalu panjang (paling banyak {limit} karakter).",
        f"The village name is too long (at most {limit} characters).",
    )


def address_too_long(limit: int) -> Reason:
    return Reason(
        "address_invalid",
        f"Alamat terlalu panjang (paling banyak {limit} karakter).",
        f"The address is too long (at most {limit} characters).",
    )


def kks_invalid(id_text: str, en_text: str, *, digits: bool) -> Reason:
    return Reason("kks_digits" if not digits else "kks_length", id_text, en_text)
