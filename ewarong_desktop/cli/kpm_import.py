"""`import-kpm FILE`: import the Dinas Sosial's KPM list (CSV or Excel) from a script.

Exit codes: 0 every row was good, 1 some rows were refused (the good ones are still imported
unless `--dry-run`), 2 the file could not be read at all.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.services import kpm_import
from ewarong_desktop.services.kpm_import import (
    FIELD_ALIASES,
    FIELD_LABELS,
    FIELD_LABELS_EN,
    FIELDS,
    ImportPreview,
    KpmFileUnreadable,
)

EXIT_OK, EXIT_SOME_REFUSED, EXIT_UNREADABLE = 0, 1, 2

_OUTCOME_LABELS = {
    "imported": ("KPM baru", "New KPMs"),
    "updated": ("Diperbarui", "Updated"),
    "unchanged": ("Tidak berubah", "Unchanged"),
    "rejected": ("Ditolak", "Refused"),
}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "import-kpm",
        help="impor daftar KPM dari Dinas Sosial (CSV/Excel) / import the KPM list",
        description=(
            "Impor daftar KPM (CSV atau .xlsx). Keluar 0: semua baris baik; 1: ada baris "
            "ditolak; 2: berkas tidak dapat dibaca."
        ),
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--sheet", metavar="NAME", help="lembar kerja (.xlsx) / workbook sheet")
    parser.add_argument(
        "--dry-run", action="store_true", help="hanya periksa, jangan simpan / check only"
    )
    parser.add_argument(
        "--rejects", metavar="OUT", help="simpan baris ditolak (.csv atau .xlsx) / save refusals"
    )
    parser.add_argument(
        "--header-row", type=int, metavar="N", help="baris judul kolom / header row number"
    )
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=(
            "betulkan kolom: nik|name|kks|village (desa)|address (alamat) = huruf kolom (B), "
            "nomor (2) atau judulnya; "
            "kosong = tidak ada / correct a column"
        ),
    )
    parser.set_defaults(run=run_import)


def parse_column_choice(text: str) -> tuple[str, int | str | None]:
    """`nik=B`, `nik=2` (both the second column), `nik=No Identitas`, `village=` (none)."""
    field, sep, target = text.partition("=")
    field, target = field.strip().lower(), target.strip()
    field = FIELD_ALIASES.get(field, field)
    if not sep or field not in FIELDS:
        raise KpmFileUnreadable(
            f"--column '{text}' tidak dimengerti; tulis misalnya nik=B atau name='Nama KPM' "
            f"(kolom: {', '.join(FIELDS)}).",
            f"--column '{text}' not understood; write e.g. nik=B or name='Nama KPM' "
            f"(fields: {', '.join(FIELDS)}).",
        )
    if not target:
        return field, None
    if target.isdigit() and int(target) >= 1:
        return field, int(target) - 1
    if re.fullmatch(r"[A-Z]{1,2}", target):
        index = 0
        for letter in target:
            index = index * 26 + (ord(letter) - ord("A") + 1)
        return field, index - 1
    return field, target


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _describe(preview: ImportPreview, env: CliEnv) -> None:
    if preview.kind == "xlsx":
        where_id = f"buku kerja, lembar '{preview.sheet}'"
        where_en = f"workbook, sheet '{preview.sheet}'"
    else:
        sep = {"\t": "tab"}.get(preview.delimiter or "", preview.delimiter or "")
        where_id = f"CSV {preview.encoding}, pemisah '{sep}'"
        where_en = f"CSV {preview.encoding}, separator '{sep}'"
    name = preview.path.name
    env.out(
        env.t(
            f"Berkas: {name} ({where_id}); judul kolom di baris {preview.header_row}.",
            f"File: {name} ({where_en}); header on row {preview.header_row}.",
        )
    )
    parts = []
    for field in FIELDS:
        index = preview.mapping.column(field)
        if index is None:
            shown = env.t("tidak ada", "none")
        else:
            header = preview.headers[index] if index < len(preview.headers) else ""
            shown = f"{column_letter(index)} '{header}'"
        parts.append(f"{env.t(FIELD_LABELS[field], FIELD_LABELS_EN[field])} = {shown}")
    env.out(env.t("Kolom: ", "Columns: ") + "; ".join(parts))
    for warning in preview.warnings:
        env.out(env.t("Perhatian: ", "Note: ") + warning.message(env.lang))


def run_import(args: argparse.Namespace, env: CliEnv) -> int:
    try:
        changes = dict(parse_column_choice(c) for c in args.column)
        result = kpm_import.apply_import(
            env.context(),
            args.file,
            sheet=args.sheet,
            mapping=changes or None,
            header_row=args.header_row,
            dry_run=args.dry_run,
        )
    except KpmFileUnreadable as exc:
        env.error(exc.id_text, exc.en_text)
        return EXIT_UNREADABLE
    applied = result.preview
    _describe(applied, env)
    for outcome, count in result.counts.items():
        label_id, label_en = _OUTCOME_LABELS[outcome]
        env.out(f"{env.t(label_id, label_en)}: {count}")
    for row in applied.rejected:
        env.out(env.t(f"Baris {row.row}: ", f"Row {row.row}: ") + row.message(env.lang))
    if applied.skipped:
        env.out(
            env.t(
                f"{applied.skipped} baris kosong atau penomoran kolom dilewati.",
                f"{applied.skipped} blank or column-numbering rows skipped.",
            )
        )
    if args.rejects and applied.rejected:
        saved = kpm_import.save_rejects(applied, args.rejects, env.lang)
        env.out(env.t(f"Baris ditolak disimpan di {saved}.", f"Refused rows saved to {saved}."))
    env.out(result.summary(env.lang))
    return EXIT_SOME_REFUSED if applied.rejected else EXIT_OK
