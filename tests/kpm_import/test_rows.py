"""Every refusal reason and every cleaning case, from files made the way Excel makes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ewarong_desktop.kpm_import import KpmFile, SheetNotFound, read_kpm_file
from tests.kpm_import.builders import kks, kpm_row, kpm_rows, nik, write_csv, write_xlsx

EXCEL_ADVICE = "NIK rusak oleh Excel"
EXCEL_FIX = "format kolom sebagai Teks lalu ekspor ulang"


def one_row(tmp_path: Path, **cells: str | None) -> KpmFile:
    row = kpm_row(7)
    for key, value in cells.items():
        row[{"nik": 1, "kks": 2, "name": 3, "village": 4}[key]] = value
    return read_kpm_file(write_csv(tmp_path / "kpm.csv", [row]))


def codes(result: KpmFile) -> list[list[str]]:
    return [[reason.code for reason in row.reasons] for row in result.rejected]


@pytest.mark.parametrize(
    "shown", ["1,80712E+15", "1.80712E+15", "1,8071215088E+15", "1807121508850010,00"]
)
def test_excel_damaged_nik_text_is_refused_with_advice(tmp_path: Path, shown: str) -> None:
    result = one_row(tmp_path, nik=shown)
    assert codes(result) == [["nik_damaged"]]
    message = result.rejected[0].message("id")
    assert EXCEL_ADVICE in message and EXCEL_FIX in message and shown in message
    assert "format the column as Text" in result.rejected[0].message("en")


def test_nik_with_thousands_separators_is_excel_damage(tmp_path: Path) -> None:
    assert codes(one_row(tmp_path, nik="1.807.121.508.850.010")) == [["nik_damaged"]]


@pytest.mark.parametrize(
    "shown",
    [f"'{nik(7)}", f"  {nik(7)} ", f"{nik(7)[:4]} {nik(7)[4:8]} {nik(7)[8:]}", f"\u00a0{nik(7)}"],
)
def test_apostrophe_and_spaces_are_cleaned_not_refused(tmp_path: Path, shown: str) -> None:
    result = one_row(tmp_path, nik=shown, kks=f"'{kks(7)}", name="  SITI   aminah ")
    assert not result.rejected
    record = result.records[0]
    assert (record.nik, record.kks, record.name) == (nik(7), kks(7), "SITI aminah")


@pytest.mark.parametrize(
    ("shown", "code"),
    [
        ("180712150885001", "nik_length"),
        ("18071215088500012", "nik_length"),
        ("18071215O8850001", "nik_digits"),
        ("9907121508850001", "nik_province"),
        ("1807123208850001", "nik_date"),
        ("1807127213850001", "nik_date"),  # a woman's day 72 is the 32nd
        ("1807122902010001", "nik_date"),  # no 29 February in 1901 or 2001
        ("1807121508850000", "nik_serial"),
        ("", "nik_empty"),
    ],
)
def test_nik_refusals_name_the_rule(tmp_path: Path, shown: str, code: str) -> None:
    result = one_row(tmp_path, nik=shown)
    assert codes(result) == [[code]]
    assert result.rejected[0].row == 2
    assert result.rejected[0].message("id") != result.rejected[0].message("en")


def test_women_and_leap_days_are_accepted(tmp_path: Path) -> None:
    assert one_row(tmp_path, nik="1807126902040001").records  # 29 Feb 2004, day + 40


def test_empty_name_and_kks_not_digits(tmp_path: Path) -> None:
    rows = [kpm_row(1, name="  "), kpm_row(2), kpm_row(3)]
    rows[1][2] = "6013-01AB-0001"
    rows[2][2] = "123"
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert codes(result) == [["name_empty"], ["kks_digits"], ["kks_length"]]
    assert "Nama KPM kosong" in result.rejected[0].message("id")
    assert "digits only" in result.rejected[1].message("en")


def test_kks_is_optional_but_damage_is_not(tmp_path: Path) -> None:
    assert one_row(tmp_path, kks="").records[0].kks is None
    assert codes(one_row(tmp_path, kks="6,01301E+15")) == [["kks_damaged"]]


def test_every_problem_of_a_row_is_reported_at_once(tmp_path: Path) -> None:
    result = one_row(tmp_path, nik="1,80712E+15", name="", kks="ABC123")
    assert codes(result) == [["nik_damaged", "name_empty", "kks_digits"]]


def test_duplicate_nik_first_row_kept_later_rows_name_it(tmp_path: Path) -> None:
    rows = [kpm_row(1), kpm_row(2), kpm_row(1, name="DUPLIKAT"), kpm_row(3)]
    rows[3][1] = f"'{nik(1)} "  # the same NIK once cleaned
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert [r.row for r in result.records] == [2, 3]
    assert [(r.row, [x.code for x in r.reasons]) for r in result.rejected] == [
        (4, ["nik_duplicate"]),
        (5, ["nik_duplicate"]),
    ]
    assert "baris 2" in result.rejected[0].message("id")
    assert "row 2" in result.rejected[1].message("en")


def test_duplicate_of_a_refused_first_row_still_names_it(tmp_path: Path) -> None:
    rows = [kpm_row(1, name=""), kpm_row(1)]
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert codes(result) == [["name_empty"], ["nik_duplicate"]]


def test_column_whose_niks_all_end_in_zero_is_excel_damage(tmp_path: Path) -> None:
    rows = [kpm_row(i * 10) for i in range(1, 7)]
    for row in rows:
        row[1] = row[1][:-1] + "0"
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert not result.records
    assert {r.reasons[0].code for r in result.rejected} == {"nik_damaged"}
    assert [w.code for w in result.warnings] == ["nik_column_zeroed"]


def test_a_few_niks_ending_in_zero_are_normal(tmp_path: Path) -> None:
    rows = [kpm_row(i * 10) for i in range(1, 5)]
    for row in rows:
        row[1] = row[1][:-1] + "0"
    assert len(read_kpm_file(write_csv(tmp_path / "kpm.csv", rows)).records) == 4


def test_blank_and_footer_rows_are_skipped(tmp_path: Path) -> None:
    rows = [*kpm_rows(2), ["", "", "", "", ""], ["Jumlah: 2 KPM", "", "", "", ""]]
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert (len(result.records), len(result.rejected), result.skipped) == (2, 0, 2)


def test_a_totals_row_with_a_count_in_the_nik_column_is_a_footer(tmp_path: Path) -> None:
    rows = [*kpm_rows(3), ["JUMLAH", "40 KPM", "", "", ""], ["Total", "3", "", "", ""]]
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert (len(result.records), len(result.rejected), result.skipped) == (3, 0, 2)


def test_a_row_named_like_a_total_but_holding_a_nik_is_still_checked(tmp_path: Path) -> None:
    rows = [*kpm_rows(1), ["Jumlah", nik(9), kks(9), "", ""]]
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert len(result.rejected) == 1  # a NIK with no name: a row to fix, not to drop


# --- workbooks -----------------------------------------------------------------------------


def test_number_cell_nik_in_workbook_is_damaged(tmp_path: Path) -> None:
    rows = kpm_rows(4)
    rows[1][1] = int(nik(2))  # typed into a number cell: Excel keeps 15 digits
    rows[2][1] = float(nik(3)[:15] + "0")  # what Excel actually holds afterwards
    result = read_kpm_file(write_xlsx(tmp_path / "kpm.xlsx", rows))
    assert [r.row for r in result.records] == [2, 5]
    assert [r.row for r in result.rejected] == [3, 4]
    assert codes(result) == [["nik_damaged"], ["nik_damaged"]]
    message = result.rejected[1].message("id")
    assert EXCEL_ADVICE in message and EXCEL_FIX in message
    assert nik(3)[:15] + "0" in message  # shown as digits, as Excel shows it


def test_text_cells_in_workbook_are_read_as_typed(tmp_path: Path) -> None:
    rows = [kpm_row(1), kpm_row(2)]
    rows[0][2] = 60130101  # a short card number survives a number cell
    rows[1][2] = int(kks(2))  # a 16-digit one does not
    result = read_kpm_file(write_xlsx(tmp_path / "kpm.xlsx", rows))
    assert result.records[0].kks == "60130101"
    assert codes(result) == [["kks_damaged"]]


def test_workbook_sheet_choice(tmp_path: Path) -> None:
    other = [["No", "NIK", "Nama"], ["1", nik(50), "DARI LEMBAR DUA"]]
    path = write_xlsx(
        tmp_path / "kpm.xlsx",
        kpm_rows(1),
        sheet="Desa A",
        more_sheets={"Catatan": [["bukan daftar"]], "Desa B": other},
    )
    first = read_kpm_file(path)
    assert first.sheet == "Desa A" and first.sheets == ("Desa A", "Catatan", "Desa B")
    assert [w.code for w in first.warnings] == ["other_sheets"]
    assert "'Desa B'" in first.warnings[0].message("id")
    second = read_kpm_file(path, sheet="Desa B")
    assert [r.name for r in second.records] == ["DARI LEMBAR DUA"]
    with pytest.raises(SheetNotFound) as caught:
        read_kpm_file(path, sheet="Desa C")
    assert "'Desa B'" in caught.value.message("en")


def test_header_on_a_later_sheet_is_found(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "kpm.xlsx",
        [["keterangan saja"]],
        header=["Catatan"],
        sheet="Info",
        more_sheets={"Data": [["NIK KPM", "Nama KPM"], [nik(1), "ANI"]]},
    )
    result = read_kpm_file(path)
    assert (result.sheet, result.records[0].row) == ("Data", 2)


def test_workbook_with_csv_extension_and_csv_with_xlsx_extension(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "kpm.csv", kpm_rows(1))
    text = write_csv(tmp_path / "kpm.xlsx", kpm_rows(1))
    assert read_kpm_file(book).kind == "xlsx"
    assert read_kpm_file(text).kind == "csv"


def test_same_card_on_two_niks_refuses_the_later_row(tmp_path: Path) -> None:
    rows = [kpm_row(1), kpm_row(2)]
    rows[1][2] = kks(1)
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", rows))
    assert [r.row for r in result.records] == [2]
    assert codes(result) == [["kks_duplicate"]]
    assert "baris 2" in result.rejected[0].message("id")


def test_overlong_name_and_village_are_refused(tmp_path: Path) -> None:
    assert codes(one_row(tmp_path, name="A" * 201)) == [["name_invalid"]]
    assert codes(one_row(tmp_path, village="B" * 121)) == [["village_invalid"]]


def test_excel_text_formula_wrapper_is_cleaned(tmp_path: Path) -> None:
    result = one_row(tmp_path, nik=f'="{nik(7)}"', kks=f'="{kks(7)}"')
    assert (result.records[0].nik, result.records[0].kks) == (nik(7), kks(7))


def test_header_without_rows_says_so(tmp_path: Path) -> None:
    result = read_kpm_file(write_csv(tmp_path / "kpm.csv", [], titles=["DAFTAR KPM"]))
    assert [w.code for w in result.warnings] == ["no_rows"]
    assert "baris 2" in result.warnings[0].message("id")
