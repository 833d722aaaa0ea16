"""Read a KPM list file end to end: kind, encoding, delimiter or sheet, header, rows."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ewarong_desktop.kpm_import import columns
from ewarong_desktop.kpm_import.columns import ColumnMapping, HeaderGuess
from ewarong_desktop.kpm_import.errors import HeaderNotFound, KpmFileUnreadable
from ewarong_desktop.kpm_import.reasons import Reason
from ewarong_desktop.kpm_import.rows import KpmRecord, RejectedRow, cell_text, check_rows
from ewarong_desktop.kpm_import.sources import (
    DELIMITERS,
    DecodedText,
    RawRow,
    Workbook,
    csv_rows,
    decode_text,
    read_bytes,
    sniff_kind,
)

MappingChanges = Mapping[str, int | str | None]


@dataclass(frozen=True)
class KpmFile:
    """What a KPM list says, checked row by row, before anything touches the store."""

    path: Path
    kind: str  # "csv" or "xlsx"
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: tuple[str, ...]
    header_row: int  # as the spreadsheet shows it
    headers: tuple[str, ...]
    mapping: ColumnMapping  # the one used: the guess with the operator's corrections
    guessed_mapping: ColumnMapping
    records: tuple[KpmRecord, ...]
    rejected: tuple[RejectedRow, ...]
    skipped: int
    warnings: tuple[Reason, ...]
    digest: str  # SHA-256 of the bytes read: an apply can tell the file changed since preview

    @property
    def data_rows(self) -> int:
        return len(self.records) + len(self.rejected)


def read_kpm_file(
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping: ColumnMapping | MappingChanges | None = None,
    header_row: int | None = None,
) -> KpmFile:
    """Read and check a KPM list (CSV or XLSX).

    `mapping` is either a complete `ColumnMapping` or corrections to the guess (field to
    0-based column or header text). `header_row` is the row number the spreadsheet shows.
    Raises `KpmFileUnreadable` when the file cannot be read at all; refused rows are data.
    """
    path = Path(path)
    data = read_bytes(path)
    kind = sniff_kind(data, path)
    digest = hashlib.sha256(data).hexdigest()
    warnings: list[Reason] = []
    if kind == "xlsx":
        del data  # openpyxl reads the file itself
        rows, sheet, sheets = _workbook_rows(path, sheet, warnings)
        encoding = delimiter = None
    else:
        if sheet is not None:
            warnings.append(
                Reason(
                    "sheet_ignored",
                    f"Berkas CSV tidak punya lembar; pilihan lembar '{sheet}' diabaikan.",
                    f"A CSV file has no sheets; the sheet choice '{sheet}' is ignored.",
                )
            )
            sheet = None
        decoded = decode_text(data)
        del data
        delimiter = _choose_delimiter(decoded)
        rows = csv_rows(decoded.text, delimiter)
        encoding, sheets = decoded.encoding, ()

    header_index, guessed = _locate_header(rows, header_row, mapping)
    header = rows[header_index]
    headers = tuple(cell_text(c).strip() for c in header.cells)
    used = _apply_mapping(guessed, mapping, headers)
    if used.missing:
        raise HeaderNotFound([columns.FIELD_LABELS[f] for f in used.missing], [headers])

    data_rows = rows[header_index + 1 :]
    skipped = 0
    if data_rows and columns.is_column_numbering(data_rows[0].cells):
        data_rows, skipped = data_rows[1:], 1
    checked = check_rows(data_rows, used)
    if not checked.records and not checked.rejected:
        warnings.append(
            Reason(
                "no_rows",
                f"Tidak ada baris data di bawah judul kolom (baris {header.number}).",
                f"There are no data rows below the header (row {header.number}).",
            )
        )
    return KpmFile(
        path=path,
        kind=kind,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        sheets=sheets,
        header_row=header.number,
        headers=headers,
        mapping=used,
        guessed_mapping=guessed,
        records=checked.records,
        rejected=checked.rejected,
        skipped=skipped + checked.skipped,
        warnings=tuple(warnings) + checked.warnings,
        digest=digest,
    )


def _choose_delimiter(decoded: DecodedText) -> str:
    """The delimiter under which a header is recognised, else the most frequent one."""
    if decoded.declared_delimiter:
        return decoded.declared_delimiter
    sample = decoded.text[:20000]
    best: tuple[int, int, str] | None = None
    for delimiter in DELIMITERS:
        if delimiter not in sample:
            continue
        rows = csv_rows(sample, delimiter, limit=columns.HEADER_SEARCH_ROWS)
        guess = columns.find_header([r.cells for r in rows])
        if guess is None:
            continue
        key = (guess.recognised, len(rows[guess.index].cells), delimiter)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is not None:
        return best[2]
    counts = {d: sample.count(d) for d in DELIMITERS}
    top = max(counts, key=lambda d: counts[d])
    return top if counts[top] else ";"


def _workbook_rows(
    path: Path, sheet: str | None, warnings: list[Reason]
) -> tuple[list[RawRow], str, tuple[str, ...]]:
    with Workbook(path) as book:
        sheets = book.sheet_names
        if sheet is None:
            with_header = [
                name
                for name in sheets
                if columns.find_header(
                    [r.cells for r in book.rows(name, limit=columns.HEADER_SEARCH_ROWS)]
                )
            ]
            sheet = with_header[0] if with_header else sheets[0]
            if len(with_header) > 1:
                others = ", ".join(f"'{n}'" for n in with_header[1:])
                warnings.append(
                    Reason(
                        "other_sheets",
                        f"Buku kerja ini punya {len(with_header)} lembar berisi daftar KPM; "
                        f"yang dibaca hanya '{sheet}'. Impor juga lembar {others} dengan "
                        "memilih lembarnya.",
                        f"This workbook has {len(with_header)} sheets holding KPM lists; only "
                        f"'{sheet}' was read. Import {others} too by choosing the sheet.",
                    )
                )
        return book.rows(sheet), sheet, sheets


def _locate_header(
    rows: Sequence[RawRow],
    header_row: int | None,
    mapping: ColumnMapping | MappingChanges | None,
) -> tuple[int, ColumnMapping]:
    """(index into rows, guessed mapping) of the header row."""
    if header_row is not None:
        for index, raw in enumerate(rows):
            if raw.number == header_row:
                return index, columns.guess_mapping(raw.cells)
        raise KpmFileUnreadable(
            f"Baris {header_row} tidak ada; berkas ini berisi {len(rows)} baris.",
            f"There is no row {header_row}; this file has {len(rows)} rows.",
        )
    cells = [r.cells for r in rows]
    guess: HeaderGuess | None = columns.find_header(cells)
    if guess is not None:
        return guess.index, guess.mapping
    if mapping:
        # The operator named the columns: the header is the first row holding those names,
        # or (columns given by position only) the first row that is not blank.
        names = [
            columns.normalise_header(v)
            for v in (mapping.values() if isinstance(mapping, Mapping) else ())
            if isinstance(v, str)
        ]
        for index, row in enumerate(cells[: columns.HEADER_SEARCH_ROWS]):
            present = {columns.normalise_header(c) for c in row}
            if names and all(n in present for n in names):
                return index, columns.guess_mapping(row)
            if not names and any(cell_text(c).strip() for c in row):
                return index, columns.guess_mapping(row)
    return columns.require_header(cells).index, ColumnMapping()


def _apply_mapping(
    guessed: ColumnMapping,
    mapping: ColumnMapping | MappingChanges | None,
    headers: Sequence[str],
) -> ColumnMapping:
    if mapping is None:
        return guessed
    if isinstance(mapping, ColumnMapping):
        return ColumnMapping().corrected({f: mapping.column(f) for f in columns.FIELDS}, headers)
    return guessed.corrected(mapping, headers)
