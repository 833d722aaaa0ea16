"""Why a KPM file could not be read at all (as opposed to some of its rows being refused)."""

from __future__ import annotations

from collections.abc import Sequence

from ewarong_desktop.domain.errors import InvalidInput


class KpmFileUnreadable(InvalidInput):
    """The file is missing, of an unknown kind, damaged, or has no recognisable header."""

    code = "kpm_file_unreadable"


class SheetNotFound(KpmFileUnreadable):
    code = "kpm_sheet_not_found"

    def __init__(self, sheet: str, sheets: Sequence[str]) -> None:
        listed = ", ".join(f"'{name}'" for name in sheets)
        super().__init__(
            f"Lembar '{sheet}' tidak ada di buku kerja ini. Lembar yang ada: {listed}.",
            f"The workbook has no sheet '{sheet}'. Its sheets are: {listed}.",
        )
        self.sheet = sheet
        self.sheets = tuple(sheets)


class HeaderNotFound(KpmFileUnreadable):
    """No row names both a NIK and a name column; the operator must say which columns are."""

    code = "kpm_header_not_found"

    def __init__(self, missing: Sequence[str], first_rows: Sequence[Sequence[str]]) -> None:
        wanted = ", ".join(missing)
        seen = " | ".join(" ; ".join(c for c in row if c) for row in first_rows if any(row))
        super().__init__(
            f"Baris judul kolom tidak ditemukan: kolom {wanted} tidak dikenali. "
            f"Isi baris pertama: {seen or '(kosong)'}. Tentukan kolomnya secara manual.",
            f"No header row found: could not recognise the {wanted} column. "
            f"First rows: {seen or '(empty)'}. Choose the columns by hand.",
        )
        self.missing = tuple(missing)


class MappingInvalid(KpmFileUnreadable):
    """A column mapping the operator gave names a column the file does not have."""

    code = "kpm_mapping_invalid"
