"""Whole files as the Dinas Sosial hands them over, every quirk at once."""

from __future__ import annotations

from pathlib import Path

from ewarong_desktop.kpm_import import read_kpm_file
from tests.kpm_import.builders import kks, nik, write_csv, write_xlsx

HEADER = ["NO.", "NIK KPM", "Nomor Kartu", "Nama Penerima", "Alamat", "Kelurahan", "Ket."]
TITLES = ["DAFTAR KPM PROGRAM SEMBAKO TAHAP I TAHUN 2021", "KECAMATAN: TANJUNG BINTANG", ""]


def test_indonesian_excel_csv(tmp_path: Path) -> None:
    rows = [
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ["1", f"'{nik(1)}", kks(1), "MA’RUF AMIN", "Dusun I; RT 01", "Sukamaju", ""],
        ["2", "1,80712E+15", kks(2), "SITI AISYAH", "Dusun II", "Sukamaju", ""],
        [
            "3",
            f" {nik(3)} ",
            f"{kks(3)[:4]} {kks(3)[4:]}",
            "  WAYAN  SUDIRTA ",
            "",
            "Sidomulyo",
            "",
        ],
        ["4", nik(1), kks(4), "DUPLIKAT", "", "Sidomulyo", "ganda"],
        ["", "", "", "", "", "", ""],
        ["", "", "", "Jumlah", "", "", ""],
    ]
    path = write_csv(tmp_path / "kpm.csv", rows, header=HEADER, titles=TITLES, encoding="cp1252")
    result = read_kpm_file(path)
    assert (result.encoding, result.delimiter, result.header_row) == ("cp1252", ";", 4)
    assert [(r.row, r.nik, r.kks, r.name, r.village) for r in result.records] == [
        (6, nik(1), kks(1), "MA’RUF AMIN", "Sukamaju"),
        (8, nik(3), kks(3), "WAYAN SUDIRTA", "Sidomulyo"),
    ]
    assert [(r.row, r.reasons[0].code) for r in result.rejected] == [
        (7, "nik_damaged"),
        (9, "nik_duplicate"),
    ]
    # The (1)..(7) numbering row, the blank row and the "Jumlah" footer (no NIK): a clean
    # list with a totals line is not a list with a refused row.
    assert result.skipped == 3


def test_workbook_from_the_office(tmp_path: Path) -> None:
    rows = [
        [1, nik(1), kks(1), "MA’RUF AMIN", "Dusun I", "Sukamaju", None],
        [2, int(nik(2)), kks(2), "SITI AISYAH", "Dusun II", "Sukamaju", None],
        [3, nik(3), int(kks(3)), "WAYAN", None, "Sidomulyo", None],
    ]
    result = read_kpm_file(write_xlsx(tmp_path / "kpm.xlsx", rows, header=HEADER, titles=TITLES))
    assert result.header_row == 4
    assert [r.row for r in result.records] == [5]
    assert [(r.row, r.reasons[0].code) for r in result.rejected] == [
        (6, "nik_damaged"),
        (7, "kks_damaged"),
    ]
