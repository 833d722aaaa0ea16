"""Turn the bytes of a KPM list into rows of cells numbered as the spreadsheet shows them.

What arrives is an Excel workbook or a CSV saved by Indonesian-locale Excel: a UTF-8 BOM or
Windows-1252, `;` separators, CRLF, sometimes a `sep=;` first line, sometimes "Unicode Text"
(UTF-16, tab separated). This module only reads; it decides nothing about columns or values.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from ewarong_desktop.domain.words import os_reason
from ewarong_desktop.kpm_import.errors import KpmFileUnreadable, SheetNotFound

DELIMITERS = (";", ",", "\t", "|")

_SEP_LINE = re.compile(r"\A\"?sep=(.)\"?[ \t]*(\r\n|\n|\r)")


@dataclass(frozen=True)
class RawRow:
    """One row: `number` as the spreadsheet shows it, `cells` as read.

    CSV cells are always text. Workbook cells keep their type (str, int, float, datetime or
    None), because a number cell holding a NIK is itself the sign of Excel's damage.
    """

    number: int
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    # A `sep=` first line fixes the delimiter; Excel hides that line, so rows start after it.
    declared_delimiter: str | None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise KpmFileUnreadable(
            f"Berkas '{path}' tidak ditemukan.", f"File '{path}' was not found."
        ) from exc
    except IsADirectoryError as exc:
        raise KpmFileUnreadable(
            f"'{path}' adalah folder, bukan berkas.", f"'{path}' is a folder, not a file."
        ) from exc
    except OSError as exc:
        raise KpmFileUnreadable(
            f"Berkas '{path}' tidak bisa dibaca: {os_reason(exc).id}.",
            f"File '{path}' could not be read: {os_reason(exc).en}.",
        ) from exc


def sniff_kind(data: bytes, path: Path) -> str:
    """'xlsx' or 'csv'; anything else is refused with what to do instead."""
    if not data.strip():
        raise KpmFileUnreadable(f"Berkas '{path.name}' kosong.", f"File '{path.name}' is empty.")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise KpmFileUnreadable(
            f"'{path.name}' adalah buku kerja Excel lama (.xls). Buka di Excel lalu simpan "
            "sebagai .xlsx atau CSV.",
            f"'{path.name}' is an old Excel workbook (.xls). Open it in Excel and save it as "
            ".xlsx or CSV.",
        )
    head = data[:512].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"%pdf"):
        raise KpmFileUnreadable(
            f"'{path.name}' adalah PDF; minta daftar KPM dalam bentuk Excel atau CSV.",
            f"'{path.name}' is a PDF; ask for the KPM list as Excel or CSV.",
        )
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise KpmFileUnreadable(
            f"'{path.name}' adalah halaman web/XML yang diberi nama Excel. Buka di Excel lalu "
            "simpan sebagai .xlsx atau CSV.",
            f"'{path.name}' is a web page or XML named like a spreadsheet. Open it in Excel "
            "and save it as .xlsx or CSV.",
        )
    return "csv"


def decode_text(data: bytes) -> DecodedText:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", "replace"), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                # Five bytes are undefined in cp1252; Latin-1 reads everything else the same.
                text, encoding = data.decode("latin-1"), "latin-1"
    if "\x00" in text:  # anywhere: a NUL after the first rows is no less a binary file
        raise KpmFileUnreadable(
            "Berkas ini bukan teks CSV (berisi byte nol). Simpan ulang sebagai CSV atau .xlsx.",
            "This file is not CSV text (it holds NUL bytes). Save it again as CSV or .xlsx.",
        )
    declared = None
    match = _SEP_LINE.match(text)
    if match:
        declared = match.group(1)
        text = text[match.end() :]
    return DecodedText(text, encoding, declared)


def csv_rows(text: str, delimiter: str, limit: int | None = None) -> list[RawRow]:
    """Records numbered from 1; a quoted line break stays inside its record, as in Excel."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [
            RawRow(number, tuple(record))
            for number, record in enumerate(islice(reader, limit), start=1)
        ]
    except csv.Error as exc:
        raise KpmFileUnreadable(
            f"Berkas CSV rusak: {exc}.", f"The CSV file is damaged: {exc}."
        ) from exc


class Workbook:
    """A read-only XLSX workbook; use as a context manager so the file handle is closed."""

    def __init__(self, path: Path) -> None:
        # openpyxl is imported here: a CSV-only import should not pay for loading it.
        import openpyxl

        # Passing an open file, not the name: openpyxl refuses by extension, and workbooks
        # arrive renamed (`.xls`, `.xlsx.csv`, no extension at all).
        self._handle = path.open("rb")
        try:
            self._book = openpyxl.load_workbook(self._handle, read_only=True, data_only=True)
        except Exception as exc:
            # A damaged workbook fails in many ways (zip, XML, openpyxl's own checks); all of
            # them mean the same to the operator: this file cannot be read.
            self._handle.close()
            if _is_opendocument(path):
                raise KpmFileUnreadable(
                    f"'{path.name}' adalah lembar kerja OpenDocument (.ods). Simpan sebagai "
                    ".xlsx atau CSV.",
                    f"'{path.name}' is an OpenDocument spreadsheet (.ods). Save it as .xlsx "
                    "or CSV.",
                ) from exc
            raise KpmFileUnreadable(
                f"Buku kerja '{path.name}' rusak atau bukan .xlsx ({exc}).",
                f"Workbook '{path.name}' is damaged or not .xlsx ({exc}).",
            ) from exc

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self._book.close()
        self._handle.close()

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(self._book.sheetnames)

    def rows(self, sheet: str, limit: int | None = None) -> list[RawRow]:
        if sheet not in self._book.sheetnames:
            raise SheetNotFound(sheet, self._book.sheetnames)
        worksheet = self._book[sheet]
        if not hasattr(worksheet, "iter_rows"):  # a chart sheet has no cells
            return []
        # Some generators write a wrong <dimension>; trusting it would drop rows silently.
        worksheet.reset_dimensions()
        try:
            return list(islice(_numbered(worksheet.iter_rows(min_row=1, values_only=True)), limit))
        except Exception as exc:  # the sheet's XML is read lazily, so damage shows up here
            raise KpmFileUnreadable(
                f"Lembar '{sheet}' rusak dan tidak bisa dibaca ({exc}).",
                f"Sheet '{sheet}' is damaged and cannot be read ({exc}).",
            ) from exc


def _numbered(rows: Iterator[tuple[Any, ...]]) -> Iterator[RawRow]:
    # Read-only openpyxl fills gaps with empty rows when reading from row 1, so the position
    # is the sheet's own row number.
    for number, values in enumerate(rows, start=1):
        yield RawRow(number, tuple(values))


def _is_opendocument(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
