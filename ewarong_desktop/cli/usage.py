"""Usage mistakes in the user's language: one `galat:` / `error:` line and exit 2.

argparse speaks English in several lines; every parser of the CLI is a `UsageParser`, whose
`error` says the same thing in one line, in Indonesian unless `--lang en` or `EWARONG_LANG=en`.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, NoReturn

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.words import say

EXIT_USAGE = 2

# argparse's own messages, each with its Indonesian twin (the English kept, on one line).
_INDONESIAN = (
    (r"the following arguments are required: (.+)", "argumen wajib belum diisi: {0}"),
    (r"unrecognized arguments: (.+)", "argumen tidak dikenal: {0}"),
    (
        r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
        "{0}: pilihan {1} tidak ada (pilih dari {2})",
    ),
    (r"argument (\S+): invalid int value: (.+)", "{0}: {1} bukan bilangan bulat"),
    (r"argument (\S+): expected one argument", "{0} perlu satu nilai"),
    (r"argument (\S+): ignored explicit argument (.+)", "{0} tidak menerima nilai {1}"),
    (r"argument (\S+): not allowed with argument (.+)", "{0} tidak boleh bersama {1}"),
    (r"ambiguous option: (\S+) could match (.+)", "opsi {0} bisa berarti {1}"),
    (r"argument (\S+): (.+)", "{0}: {1}"),
)


class UsageError(EwarongError):
    """The command line itself is wrong (an option that needs another): exit 2, one line."""

    code = "usage"


def language(argv: Sequence[str]) -> str:
    """The language asked for before the command line is understood (`--lang en`)."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
        if word.startswith("--lang="):
            return "en" if word.endswith("=en") else "id"
    return "en" if os.environ.get("EWARONG_LANG") == "en" else "id"


def indonesian(message: str) -> str:
    for pattern, template in _INDONESIAN:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            return template.format(*match.groups())
    return message


def say_error(lang: str, id_text: str, en_text: str) -> None:
    text = say(lang, id_text, en_text)
    print(f"{say(lang, 'galat', 'error')}: {' '.join(text.split())}", file=sys.stderr)


class Bilingual(str):
    """A help text in Indonesian that carries its English twin (`cli/catalogue.py`)."""

    en_text: str

    def __new__(cls, id_text: str, en_text: str) -> Bilingual:
        made = super().__new__(cls, id_text)
        made.en_text = en_text
        return made


# argparse's own words in help, and how they read in Indonesian.
_HELP_WORDS = {
    "usage: ": "penggunaan: ",
    "options": "opsi",
    "positional arguments": "argumen",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
}


# Options' help written in Indonesian only, and how they read in English (a test finds any
# option whose help has neither an `id / en` pair nor a line here).
ENGLISH_HELP = {
    "folder data (bawaan: EWARONG_DATA_DIR atau folder pengguna)": (
        "data folder (default: EWARONG_DATA_DIR or the user's folder)"
    ),
    "operator yang bertindak (bawaan: EWARONG_OPERATOR); PIN dari EWARONG_PIN": (
        "the operator acting (default: EWARONG_OPERATOR); PIN from EWARONG_PIN"
    ),
    "kode e-warong dari dinas sosial": "the e-warong's code from the district office",
    "nama e-warong": "the e-warong's name",
    "desa": "village",
    "kecamatan": "sub-district",
    "kabupaten": "district",
    "kode wilayah Kemendagri, mis. 18.07.12.2001": "Kemendagri area code, e.g. 18.07.12.2001",
    "PIN admin, 6-12 angka (bawaan: dibuat dan ditampilkan sekali)": (
        "admin PIN, 6-12 digits (default: made and shown once)"
    ),
    "NIK, 16 angka": "NIK, 16 digits",
    "nomor kartu KKS, 6-19 angka": "KKS card number, 6-19 digits",
    "nama kepala keluarga": "head of the family's name",
    "alamat": "address",
    "hak mulai bulan ini (bawaan: bulan kerja)": "aid from this month (default: the working month)",
    "kode singkat, mis. BRS": "short code, e.g. BRS",
    "nama barang": "product name",
    "harga jual, mis. 12000 atau Rp12.000": "selling price, e.g. 12000 or Rp12.000",
    "kode baru": "new code",
    "nama baru": "new name",
    "harga jual baru, mis. 12500": "new selling price, e.g. 12500",
    "YYYY-MM-DD (bawaan: hari ini)": "YYYY-MM-DD (default: today)",
    "NPWP/NIB pemasok (sekali; dipakai seterusnya)": (
        "the supplier's NPWP/NIB (once; kept from then on)"
    ),
    "selisih, mis. Telur:-0,5 (rusak/hilang: negatif)": (
        "the difference, e.g. Telur:-0,5 (damaged/lost: negative)"
    ),
    "nomor KKS (atau NIK)": "KKS number (or NIK)",
    "nomor referensi transaksi EDC": "the EDC transaction reference",
    "kunci ke satu bulan bantuan (bawaan: bulan terbuka, yang terlama dulu)": (
        "pin to one month of aid (default: the open months, oldest first)"
    ),
    "bulan bantuan (bawaan: bulan kerja)": "month of aid (default: the working month)",
    "hanya KPM ini (semua bulannya)": "only this KPM (all its months)",
    "nomor referensi pembatalan di EDC": "the EDC reversal reference",
    "nomor transaksi (boleh 8 karakter pertama)": (
        "the redemption's id (its first 8 characters will do)"
    ),
    "kertas: 58 mm, 80 mm, atau A5 (bawaan: pengaturan)": (
        "paper: 58 mm, 80 mm or A5 (default: the setting)"
    ),
    "1 per A4, atau 2 per lembar A4 (A5, digunting); bawaan: pengaturan": (
        "1 per A4, or 2 per A4 sheet (A5 halves, cut); default: the setting"
    ),
    "nama ketua e-warong untuk tanda tangan": "the e-warong head's name, for the signature",
    "nama TKSK untuk tanda tangan": "the TKSK's name, for the signature",
    "folder flashdisk": "the USB stick's folder",
    "alasan (instal ulang, laptop dicuri...)": "reason (reinstalled, laptop stolen...)",
    "folder untuk berkas enrolmen": "folder for the enrolment file",
    "dinas-....district.json": "dinas-....district.json",
    "sidik jari dari Dinas (telepon)": "the fingerprint from the district office (by phone)",
    "dinas-KODE-NNNNNN.reply.json": "dinas-CODE-NNNNNN.reply.json",
    "salin juga ke folder ini (flashdisk)": "copy it to this folder too (USB stick)",
    "mis. 10000000 atau Rp10.000.000": "e.g. 10000000 or Rp10.000.000",
    "YYYY-MM-DD": "YYYY-MM-DD",
    "nomor surat atau transfer": "letter or transfer number",
    "nomor pembelian yang dibayar dari dana": "the purchase paid from the fund",
    "melebihi saldo: admin mengonfirmasi": "beyond the balance: the admin confirms",
    "nomor catatan (boleh 8 karakter pertama)": "the entry's id (its first 8 characters will do)",
    "saldo jadi negatif: admin mengonfirmasi": "the balance goes below zero: the admin confirms",
    "keadaan per YYYY-MM-DD (bawaan: hari ini)": "as at YYYY-MM-DD (default: today)",
    "nama pemasok seperti pada pembelian": "the supplier's name as on the purchases",
    "NPWP (15/16 angka) atau NIB (13 angka)": "NPWP (15/16 digits) or NIB (13 digits)",
    "target dari surat dinas, mis. 60": "the target from the district's letter, e.g. 60",
    "mulai bulan YYYY-MM": "from month YYYY-MM",
    "mis. 225000 atau Rp225.000": "e.g. 225000 or Rp225.000",
}


def in_language(text: str, lang: str) -> str:
    """A help text as the user reads it: a Bilingual's side, or one side of `id / en`."""
    if isinstance(text, Bilingual):
        return text.en_text if lang == "en" else str(text)
    if lang == "id" and text in _HELP_WORDS:
        return _HELP_WORDS[text]
    if lang == "en" and text in ENGLISH_HELP:
        return ENGLISH_HELP[text]
    if " / " in text:
        id_text, _sep, en_text = text.partition(" / ")
        return en_text if lang == "en" else id_text
    return text


class HelpInLanguage(argparse.HelpFormatter):
    """argparse's help, every text in the user's language; blank lines in a description kept."""

    lang = "id"

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # Paragraphs kept; an example's path or code never broken at its hyphens.
        return "\n\n".join(
            textwrap.fill(
                " ".join(part.split()),
                width,
                initial_indent=indent,
                subsequent_indent=indent,
                break_on_hyphens=False,
                break_long_words=False,
            )
            for part in in_language(text, self.lang).split("\n\n")
        )

    def _expand_help(self, action: argparse.Action) -> str:
        text = action.help
        if isinstance(text, str):
            action = copy.copy(action)
            action.help = in_language(text, self.lang)
        return super()._expand_help(action)

    def start_section(self, heading: str | None) -> None:
        super().start_section(in_language(heading, self.lang) if heading else heading)

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None and self.lang == "id":
            prefix = _HELP_WORDS["usage: "]
        super().add_usage(usage, actions, groups, prefix)


class UsageParser(argparse.ArgumentParser):
    """An ArgumentParser whose mistakes are one line in the user's language, exit 2."""

    lang = "id"  # set by `main` from the command line before parsing

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = HelpInLanguage(prog=self.prog)
        formatter.lang = self.lang
        return formatter

    def error(self, message: str) -> NoReturn:
        hint_id = f" (lihat: {self.prog} --help)"
        hint_en = f" (see: {self.prog} --help)"
        say_error(self.lang, indonesian(message) + hint_id, message + hint_en)
        raise SystemExit(EXIT_USAGE)


class QuietParser(argparse.ArgumentParser):
    """For a first look at the command line: a mistake is left for the real parser to say."""

    def error(self, message: str) -> NoReturn:
        raise SystemExit(EXIT_USAGE)
