"""Find the header row of a KPM list and which column holds which field.

Header names vary by office and year (`NIK`, `No. NIK`, `NIK KPM`; `No KKS`, `Nomor Kartu`;
`Nama`, `Nama KPM`, `Nama Penerima`; `Desa`, `Desa/Kelurahan`, `Kelurahan`, `Pekon` ...), and
a title row or two often sits above the header. The guess is only a proposal: the operator
can correct it with `ColumnMapping.corrected`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from ewarong_desktop.kpm_import.errors import HeaderNotFound, MappingInvalid

FIELDS = ("nik", "name", "kks", "village", "address")
REQUIRED_FIELDS = ("nik", "name")
FIELD_LABELS = {
    "nik": "NIK",
    "name": "Nama",
    "kks": "No. KKS",
    "village": "Desa/Kelurahan",
    "address": "Alamat",
}
# The words an operator may use for a field (the store itself calls the village `desa`).
FIELD_ALIASES = {
    "desa": "village",
    "kelurahan": "village",
    "nama": "name",
    "kartu": "kks",
    "alamat": "address",
}
FIELD_LABELS_EN = {
    "nik": "NIK",
    "name": "Name",
    "kks": "KKS no.",
    "village": "Village",
    "address": "Address",
}

# How many rows from the top may hold titles before the header.
HEADER_SEARCH_ROWS = 30

# Exact header texts (after normalising) that need no further thought.
_EXACT: dict[str, frozenset[str]] = {
    "nik": frozenset(
        {
            "nik", "no nik", "nomor nik", "nik kpm", "nik penerima", "nik ktp", "no nik kpm",
            "nik pengurus", "nik kepala keluarga", "nomor induk kependudukan",
            "no induk kependudukan", "nik penerima manfaat",
        }
    ),
    "name": frozenset(
        {
            "nama", "nama kpm", "nama penerima", "nama penerima manfaat", "nama lengkap",
            "nama pengurus", "nama kepala keluarga", "nama krt", "nama sesuai ktp",
        }
    ),
    "kks": frozenset(
        {
            "kks", "no kks", "nomor kks", "no kartu", "nomor kartu", "no kartu kks",
            "nomor kartu kks", "kartu kks", "no kks kpm", "nomor kartu keluarga sejahtera",
            "no kartu keluarga sejahtera",
        }
    ),
    "village": frozenset(
        {
            "desa", "kelurahan", "desa kelurahan", "kelurahan desa", "desa kel", "kel desa",
            "nama desa", "nama kelurahan", "nama desa kelurahan", "kel", "pekon", "tiyuh",
            "gampong", "nagari", "kampung", "lembang", "negeri",
        }
    ),
    "address": frozenset(
        {
            "alamat", "alamat kpm", "alamat lengkap", "alamat rumah", "alamat penerima",
            "alamat tinggal", "alamat domisili", "alamat sesuai ktp",
        }
    ),
}  # fmt: skip

_VILLAGE_WORDS = frozenset(
    {"desa", "kelurahan", "kel", "pekon", "tiyuh", "gampong", "nagari", "kampung", "lembang"}
)
# Words that make a "Nama ..." column about something other than the KPM.
_NOT_KPM_NAME = frozenset(
    {
        "desa", "kelurahan", "kel", "kecamatan", "kec", "kabupaten", "kab", "kota", "provinsi",
        "ibu", "kandung", "ayah", "suami", "istri", "ewarong", "warong", "agen", "bank",
        "pendamping", "petugas", "anggota", "art", "program", "kube", "bansos", "toko",
        "jalan", "dusun", "barang",
    }
)  # fmt: skip


def normalise_header(value: Any) -> str:
    """`No. NIK` -> `no nik`, `Desa/Kelurahan` -> `desa kelurahan`, `E-Warong` -> `ewarong`."""
    text = "" if value is None else str(value).lower()
    text = text.replace("e-warong", "ewarong").replace("e warong", "ewarong")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _field_score(field: str, header: str) -> int:
    """2 for a known header text, 1 for a plausible one, 0 for none."""
    if header in _EXACT[field]:
        return 2
    words = set(header.split())
    if not words:
        return 0
    if field == "nik":
        about_card = words & {"kks", "kartu", "kk"}
        named = "nik" in words or "induk kependudukan" in header
        return 1 if named and not about_card else 0
    if field == "kks":
        if "kks" in words or "keluarga sejahtera" in header:
            return 1
        return 1 if "kartu" in words and not words & {"keluarga", "kk", "ktp", "identitas"} else 0
    if field == "name":
        first = header.split()[0]
        if first == "nama" and not words & _NOT_KPM_NAME:
            return 1
        return 1 if header in {"penerima", "penerima manfaat", "nama kk"} else 0
    if field == "address":
        return 1 if header.split()[0] == "alamat" else 0
    # village: a column naming the village, not its code.
    if words & _VILLAGE_WORDS and not words & {"kode", "kd", "id", "kecamatan", "kec"}:
        return 1
    return 0


@dataclass(frozen=True)
class ColumnMapping:
    """Which 0-based column holds each field; None when the file has no such column."""

    nik: int | None = None
    name: int | None = None
    kks: int | None = None
    village: int | None = None
    address: int | None = None

    def column(self, field: str) -> int | None:
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r}")
        value: int | None = getattr(self, field)
        return value

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f for f in REQUIRED_FIELDS if self.column(f) is None)

    def corrected(
        self, changes: Mapping[str, int | str | None], headers: Sequence[str]
    ) -> ColumnMapping:
        """The operator's correction: each field to a column number, header text, or None.

        A column given as text is matched against the header row (case and punctuation
        ignored); a number is the 0-based column position.
        """
        updates: dict[str, int | None] = {}
        for given, target in changes.items():
            field = FIELD_ALIASES.get(given.lower(), given.lower())
            if field not in FIELDS:
                raise MappingInvalid(
                    f"Kolom '{given}' tidak dikenal; pilihan: {', '.join(FIELDS)}.",
                    f"Unknown field '{given}'; choose from: {', '.join(FIELDS)}.",
                )
            updates[field] = _resolve_column(target, headers)
        return replace(self, **updates)


def _resolve_column(target: int | str | None, headers: Sequence[str]) -> int | None:
    if target is None:
        return None
    if isinstance(target, int):
        if not 0 <= target < max(len(headers), 1):
            raise MappingInvalid(
                f"Kolom nomor {target + 1} tidak ada; berkas ini punya {len(headers)} kolom.",
                f"There is no column {target + 1}; this file has {len(headers)} columns.",
            )
        return target
    wanted = normalise_header(target)
    for index, header in enumerate(headers):
        if normalise_header(header) == wanted:
            return index
    listed = ", ".join(f"'{h}'" for h in headers if h)
    raise MappingInvalid(
        f"Tidak ada kolom berjudul '{target}'. Kolom yang ada: {listed}.",
        f"No column is headed '{target}'. The columns are: {listed}.",
    )


def guess_mapping(headers: Sequence[Any]) -> ColumnMapping:
    """Best column per field: a known header beats a plausible one, then the leftmost wins."""
    normalised = [normalise_header(h) for h in headers]
    chosen: dict[str, int] = {}
    taken: set[int] = set()
    for field in FIELDS:
        best: tuple[int, int] | None = None  # (score, -index)
        for index, header in enumerate(normalised):
            if index in taken:
                continue
            score = _field_score(field, header)
            if score and (best is None or (score, -index) > best):
                best = (score, -index)
        if best is not None:
            chosen[field] = -best[1]
            taken.add(-best[1])
    return ColumnMapping(**chosen)


@dataclass(frozen=True)
class HeaderGuess:
    index: int  # position in the rows searched
    mapping: ColumnMapping

    @property
    def recognised(self) -> int:
        return sum(self.mapping.column(f) is not None for f in FIELDS)


def find_header(rows: Sequence[Sequence[Any]]) -> HeaderGuess | None:
    """The first row among the top ones that names both a NIK and a name column."""
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping = guess_mapping(cells)
        if not mapping.missing:
            return HeaderGuess(index, mapping)
    return None


def require_header(rows: Sequence[Sequence[Any]]) -> HeaderGuess:
    guess = find_header(rows)
    if guess is not None:
        return guess
    # Say which field was never found, judged on the row that came closest.
    best = max(
        (guess_mapping(cells) for cells in rows[:HEADER_SEARCH_ROWS]),
        key=lambda m: len(REQUIRED_FIELDS) - len(m.missing),
        default=ColumnMapping(),
    )
    shown = [[_cell_text(c) for c in cells] for cells in rows[:3]]
    raise HeaderNotFound([FIELD_LABELS[f] for f in best.missing], shown)


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def is_column_numbering(cells: Sequence[Any]) -> bool:
    """A row like `1 | 2 | 3 | 4` or `(1) | (2) | (3)` under the header of an official form."""
    numbers = []
    for value in cells:
        text = _cell_text(value).strip("()")
        if not text:
            continue
        if not text.isdigit() or len(text) > 3:
            return False
        numbers.append(int(text))
    increasing = all(a < b for a, b in pairwise(numbers))
    return len(numbers) >= 3 and numbers[0] in (0, 1) and increasing
