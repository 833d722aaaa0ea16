"""The rejects file goes back to the Dinas Sosial, is corrected, and must import again."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from ewarong_desktop.kpm_import import read_kpm_file
from ewarong_desktop.kpm_import.rejects import write_rejects
from tests.kpm_import.builders import HEADER, kpm_row, kpm_rows, nik, write_csv


def _file_with_rejects(tmp_path: Path) -> Path:
    rows = [*kpm_rows(2), kpm_row(3, name=""), kpm_row(4)]
    rows[3][1] = "1,80712E+15"
    return write_csv(tmp_path / "kpm.csv", rows, titles=["DAFTAR KPM"])


def test_rejects_csv_opens_in_indonesian_excel(tmp_path: Path) -> None:
    result = read_kpm_file(_file_with_rejects(tmp_path))
    out = write_rejects(tmp_path / "ditolak.csv", result.headers, result.rejected)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert table[0] == ["Baris", *HEADER, "Alasan"]
    assert [r[0] for r in table[1:]] == ["5", "6"]  # rows as the spreadsheet shows them
    assert table[2][2] == "1,80712E+15"  # the damaged value as it came, to find it again
    assert "NIK rusak oleh Excel" in table[2][-1]
    assert "Nama KPM kosong" in table[1][-1]


def test_rejects_in_english(tmp_path: Path) -> None:
    result = read_kpm_file(_file_with_rejects(tmp_path))
    out = write_rejects(tmp_path / "rejects.csv", result.headers, result.rejected, lang="en")
    first = out.read_text(encoding="utf-8-sig").splitlines()
    assert first[0].startswith("Row;") and first[0].endswith(";Reason")
    assert "name is empty" in first[1]


def test_corrected_rejects_file_imports_again(tmp_path: Path) -> None:
    result = read_kpm_file(_file_with_rejects(tmp_path))
    out = write_rejects(tmp_path / "ditolak.csv", result.headers, result.rejected)
    text = out.read_text(encoding="utf-8-sig")
    fixed = text.replace("1,80712E+15", nik(4))
    fixed = fixed.replace(f"{nik(3)};6013010000000003;;", f"{nik(3)};6013010000000003;ANI;")
    out.write_text(fixed, encoding="utf-8-sig")
    again = read_kpm_file(out)
    assert not again.rejected
    assert [(r.row, r.nik) for r in again.records] == [(2, nik(3)), (3, nik(4))]


def test_rejects_workbook_keeps_nik_as_text(tmp_path: Path) -> None:
    result = read_kpm_file(_file_with_rejects(tmp_path))
    out = write_rejects(tmp_path / "ditolak.xlsx", result.headers, result.rejected)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert sheet["C2"].value == nik(3) and sheet["C2"].data_type == "s"
    assert sheet["C2"].number_format == "@"
    assert read_kpm_file(out).rejected[0].row == 2  # "Baris" 5 is data now, not the row


def test_no_temp_file_left_behind(tmp_path: Path) -> None:
    result = read_kpm_file(_file_with_rejects(tmp_path))
    write_rejects(tmp_path / "ditolak.csv", result.headers, result.rejected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ditolak.csv", "kpm.csv"]


def test_rejects_csv_never_carries_a_formula(tmp_path: Path) -> None:
    rows = [*kpm_rows(1), kpm_row(2, name='=HYPERLINK("http://x","klik")'), kpm_row(3, name="")]
    rows[1][1] = "1,80712E+15"  # refused, so its formula-looking name lands in the file
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    out = write_rejects(tmp_path / "ditolak.csv", result.headers, result.rejected)
    table = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    cells = [cell for row in table for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert "'" + '=HYPERLINK("http://x","klik")' in cells
    fixed = out.read_text(encoding="utf-8-sig").replace("1,80712E+15", nik(2))
    out.write_text(
        fixed.replace(f"{nik(3)};6013010000000003;;", f"{nik(3)};6013010000000003;ANI;"),
        encoding="utf-8-sig",
    )
    again = read_kpm_file(out)
    assert again.records[0].name == '=HYPERLINK("http://x","klik")'
