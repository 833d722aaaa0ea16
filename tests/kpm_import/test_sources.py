"""Encodings, delimiters and file kinds as Indonesian-locale Excel and others produce them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ewarong_desktop.kpm_import import KpmFileUnreadable, read_kpm_file
from tests.kpm_import.builders import kpm_row, kpm_rows, nik, write_csv, write_xlsx


def test_utf8_bom_semicolon_crlf(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kpm.csv", [kpm_row(1, name="SITI AISYAH")])
    result = read_kpm_file(path)
    assert (result.encoding, result.delimiter) == ("utf-8-sig", ";")
    assert [(r.nik, r.name) for r in result.records] == [(nik(1), "SITI AISYAH")]
    assert result.headers[0] == "No"  # the BOM is not glued to the first header


def test_windows_1252_names_survive(tmp_path: Path) -> None:
    name = "MA’RUF ÉLIANA"  # curly apostrophe is 0x92 in cp1252, invalid alone in UTF-8
    path = write_csv(tmp_path / "kpm.csv", [kpm_row(1, name=name)], encoding="cp1252")
    result = read_kpm_file(path)
    assert result.encoding == "cp1252"
    assert result.records[0].name == name


def test_plain_utf8_without_bom(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kpm.csv", [kpm_row(1, name="NYOMAN ÄGUS")], encoding="utf-8")
    result = read_kpm_file(path)
    assert result.encoding == "utf-8"
    assert result.records[0].name == "NYOMAN ÄGUS"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiter_detected(tmp_path: Path, delimiter: str) -> None:
    rows = [kpm_row(1, name="SUTARNO, S.PD"), kpm_row(2)]  # a comma inside a quoted name
    path = write_csv(tmp_path / "kpm.csv", rows, delimiter=delimiter, newline="\n")
    result = read_kpm_file(path)
    assert result.delimiter == delimiter
    assert [r.name for r in result.records] == ["SUTARNO, S.PD", "KPM NOMOR 2"]


def test_semicolon_file_with_comma_decimals_is_not_read_as_comma(tmp_path: Path) -> None:
    rows = [[*kpm_row(i), f"{i},5"] for i in range(1, 4)]
    header = ["No", "NIK", "No KKS", "Nama", "Desa", "Luas Lahan (ha)"]
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows, header=header))
    assert result.delimiter == ";"
    assert len(result.records) == 3


def test_excel_sep_line_sets_delimiter_and_is_not_a_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kpm.csv", [kpm_row(1)], delimiter=",", sep_line=True)
    result = read_kpm_file(path)
    assert result.delimiter == ","
    assert result.header_row == 1  # Excel hides the sep= line, so the header is row 1
    assert result.records[0].row == 2


def test_utf16_unicode_text_export(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "kpm.txt", [kpm_row(1, name="WAYAN")], delimiter="\t", encoding="utf-16"
    )
    result = read_kpm_file(path)
    assert (result.encoding, result.delimiter) == ("utf-16", "\t")
    assert result.records[0].name == "WAYAN"


def test_quoted_line_break_stays_one_spreadsheet_row(tmp_path: Path) -> None:
    rows = [kpm_row(1, village="Sukamaju\nDusun II"), kpm_row(2)]
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert [r.row for r in result.records] == [2, 3]
    assert result.records[0].village == "Sukamaju Dusun II"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "kosong"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"%PDF-1.4\n...", "PDF"),
        (b"<html><table><tr><td>NIK</td></tr></table></html>", "halaman web"),
        (b"PK\x03\x04garbage that is no zip", "rusak"),
    ],
)
def test_unreadable_files_say_what_to_do(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "kpm.xls"
    path.write_bytes(content)
    with pytest.raises(KpmFileUnreadable) as caught:
        read_kpm_file(path)
    assert words in caught.value.message("id")
    assert caught.value.message("en")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KpmFileUnreadable, match="not found"):
        read_kpm_file(tmp_path / "nope.csv")


def test_workbook_with_damaged_sheet_is_unreadable(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", kpm_rows(2))
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = data[: len(data) // 2]  # cut off, as by a pulled USB stick
            dst.writestr(item, data)
    with pytest.raises(KpmFileUnreadable) as caught:
        read_kpm_file(damaged)
    assert "rusak" in caught.value.message("id")
