"""Header rows and column names as different offices write them; the operator's corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from ewarong_desktop.kpm_import import (
    ColumnMapping,
    HeaderNotFound,
    MappingInvalid,
    read_kpm_file,
)
from ewarong_desktop.kpm_import.columns import guess_mapping, is_column_numbering
from tests.kpm_import.builders import kks, kpm_rows, nik, write_csv, write_xlsx

VARIANTS = {
    "nik": ["NIK", "No. NIK", "NIK KPM", "Nomor Induk Kependudukan", "nik_penerima"],
    "kks": ["No KKS", "Nomor Kartu", "No. Kartu KKS", "KKS", "Nomor Kartu Keluarga Sejahtera"],
    "name": ["Nama", "Nama KPM", "Nama Penerima", "NAMA PENERIMA MANFAAT", "Nama Pengurus"],
    "village": ["Desa", "Desa/Kelurahan", "Kelurahan", "Kel/Desa", "Pekon", "Nama Desa"],
}
PLAIN = {"nik": "NIK", "kks": "No KKS", "name": "Nama", "village": "Desa"}


@pytest.mark.parametrize(
    ("field", "variant"), [(f, v) for f, names in VARIANTS.items() for v in names]
)
def test_header_variants(field: str, variant: str) -> None:
    order = ["village", "name", "kks", "nik"]
    headers = ["No.", *(variant if f == field else PLAIN[f] for f in order), "Alamat"]
    assert guess_mapping(headers) == ColumnMapping(nik=4, name=2, kks=3, village=1, address=5)


def test_look_alike_columns_are_not_taken() -> None:
    headers = [
        "No", "No KK", "Nama Ibu Kandung", "Kode Desa", "Nama Kecamatan", "NIK",
        "Nama Kepala Keluarga", "Nomor Kartu Keluarga", "Desa",
    ]  # fmt: skip
    assert guess_mapping(headers) == ColumnMapping(nik=5, name=6, kks=None, village=8)


def test_known_header_beats_plausible_one() -> None:
    # "Nama Lengkap Sesuai KK" is plausible, "Nama KPM" is known: the known one wins.
    headers = ["Nama Lengkap Sesuai KK", "NIK", "Nama KPM"]
    assert guess_mapping(headers).name == 2


def test_title_rows_above_header_and_row_numbers(tmp_path: Path) -> None:
    titles = ["DAFTAR KPM PROGRAM SEMBAKO TAHUN 2021", "KECAMATAN TANJUNG BINTANG", ""]
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(2), titles=titles)
    result = read_kpm_file(path)
    assert result.header_row == 4
    assert [r.row for r in result.records] == [5, 6]


def test_workbook_rows_are_the_sheets_own_numbers(tmp_path: Path) -> None:
    titles = ["DAFTAR KPM BPNT", "DESA SUKAMAJU"]
    rows = [*kpm_rows(1), [None] * 5, *kpm_rows(1, start=2)]  # a blank row between
    result = read_kpm_file(write_xlsx(tmp_path / "kpm.xlsx", rows, titles=titles))
    assert (result.sheet, result.header_row) == ("KPM", 3)
    assert [r.row for r in result.records] == [4, 6]
    assert result.skipped == 1


def test_numbering_row_under_header_is_skipped(tmp_path: Path) -> None:
    rows = [["(1)", "(2)", "(3)", "(4)", "(5)"], *kpm_rows(2)]
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert [r.row for r in result.records] == [3, 4]
    assert not result.rejected
    assert is_column_numbering(["1", "2", "3", "", "5"])
    assert not is_column_numbering(["1", nik(1), kks(1)])


def test_no_header_names_the_missing_column(tmp_path: Path) -> None:
    header = ["No", "Nomor Identitas", "Nama", "Desa"]
    path = write_csv(tmp_path / "kpm.csv", [["1", nik(1), "SITI", "X"]], header=header)
    with pytest.raises(HeaderNotFound) as caught:
        read_kpm_file(path)
    assert caught.value.missing == ("NIK",)
    assert "Nomor Identitas" in caught.value.message("id")


def test_operator_names_a_column_the_guess_missed(tmp_path: Path) -> None:
    header = ["No", "Nomor Identitas", "Nama", "Desa"]
    path = write_csv(tmp_path / "kpm.csv", [["1", nik(1), "SITI", "X"]], header=header)
    result = read_kpm_file(path, mapping={"nik": "nomor identitas"})
    assert result.mapping == ColumnMapping(nik=1, name=2, kks=None, village=3)
    assert result.records[0].nik == nik(1)


def test_operator_corrects_a_wrong_guess_by_position(tmp_path: Path) -> None:
    header = ["No", "NIK", "Nama", "Nama Panggilan", "Desa"]
    rows = [["1", nik(1), "SUTARNO", "Pak No", "X"]]
    path = write_csv(tmp_path / "kpm.csv", rows, header=header)
    assert read_kpm_file(path).records[0].name == "SUTARNO"
    corrected = read_kpm_file(path, mapping={"name": 3, "village": None})
    assert (corrected.records[0].name, corrected.records[0].village) == ("Pak No", None)
    assert corrected.guessed_mapping.name == 2


def test_operator_gives_header_row_and_full_mapping(tmp_path: Path) -> None:
    header = ["a", "b", "c", "d", "e"]
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(1), header=header)
    result = read_kpm_file(path, header_row=1, mapping=ColumnMapping(nik=1, name=3))
    assert (result.records[0].nik, result.records[0].kks) == (nik(1), None)


@pytest.mark.parametrize("change", [{"nik": "Nomor HP"}, {"nik": 9}, {"telepon": 1}])
def test_impossible_corrections_are_refused(tmp_path: Path, change: dict) -> None:
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(1))
    with pytest.raises(MappingInvalid):
        read_kpm_file(path, mapping=change)


def test_an_address_column_is_found_and_read() -> None:
    from ewarong_desktop.kpm_import.columns import guess_mapping

    mapping = guess_mapping(["No", "NIK", "Nama KPM", "No KKS", "ALAMAT", "Desa/Kelurahan"])
    assert (mapping.nik, mapping.name, mapping.kks, mapping.address, mapping.village) == (
        1, 2, 3, 4, 5,
    )  # fmt: skip
