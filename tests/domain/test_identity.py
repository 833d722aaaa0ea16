import pytest

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.identity import (
    InvalidNik,
    mask_number,
    nik_facts,
    validate_area_code,
    validate_kks,
    validate_nik,
    validate_warong_code,
)


def test_a_valid_nik_is_kept_as_text_with_its_leading_digits() -> None:
    assert validate_nik("1807125205800001") == "1807125205800001"
    assert validate_nik(" 1807 1252 0580 0001 ") == "1807125205800001"
    assert validate_nik("'1807125205800001") == "1807125205800001"


def test_women_have_forty_added_to_the_birth_day() -> None:
    facts = nik_facts("1807125205800001")
    assert facts.female and facts.birth_day == 12 and facts.birth_month == 5


@pytest.mark.parametrize(
    ("nik", "reason"),
    [
        ("180712520580001", "length"),
        ("18071252058000011", "length"),
        ("18071252058O0001", "digits"),
        ("9907125205800001", "province"),
        ("2007125205800001", "province"),
        ("1807123205800001", "date"),  # day 32
        ("1807127305800001", "date"),  # day 73 - 40 = 33
        ("1807121213800001", "date"),  # month 13
        ("1807123002800001", "date"),  # 30 February
        ("1807125205800000", "serial"),
        ("1,80712E+15", "excel"),
        ("3.20123e15", "excel"),
    ],
)
def test_each_wrong_nik_gets_its_precise_reason(nik: str, reason: str) -> None:
    with pytest.raises(InvalidNik) as caught:
        validate_nik(nik)
    assert caught.value.reason == reason
    assert "NIK" in caught.value.message("id") and "NIK" in caught.value.message("en")


def test_regency_and_district_digits_are_never_checked_against_today_s_areas() -> None:
    # 99.99 is no regency or district today; old codes outlive splits, so it still passes.
    assert validate_nik("1899995205800001") == "1899995205800001"


def test_29_february_is_accepted_when_the_century_makes_it_a_leap_year() -> None:
    assert validate_nik("1807122902000001")  # 2000 was a leap year


def test_kks_numbers_are_digit_strings_of_6_to_19() -> None:
    assert validate_kks("6013 0100 1234 5678") == "6013010012345678"
    assert validate_kks("000123") == "000123"
    for bad in ("12345", "12345678901234567890", "60130100A2345678", ""):
        with pytest.raises(InvalidInput):
            validate_kks(bad)


def test_only_the_last_four_digits_are_shown() -> None:
    assert mask_number("6013010012345678") == "************5678"


def test_warong_code_and_area_code() -> None:
    assert validate_warong_code("LTM-SKP-01") == "LTM-SKP-01"
    for bad in ("", "LTM SKP", "LTM_SKP", "x" * 41, "kode/1"):
        with pytest.raises(InvalidInput):
            validate_warong_code(bad)
    assert validate_area_code("1807122001") == "18.07.12.2001"
    assert validate_area_code("18.07.12.2001") == "18.07.12.2001"
    with pytest.raises(InvalidInput):
        validate_area_code("18.07.12")


def test_only_ascii_digits_count_as_digits_everywhere() -> None:
    from ewarong_desktop.domain.errors import InvalidInput
    from ewarong_desktop.domain.identity import (
        is_ascii_digits,
        validate_area_code,
        validate_kks,
        validate_nik,
    )
    from ewarong_desktop.domain.periods import Period, parse_date
    from ewarong_desktop.domain.quantity import parse_quantity

    assert not is_ascii_digits("１２３") and not is_ascii_digits("²") and is_ascii_digits("123")
    for check, text in (
        (validate_nik, "１８０７１２５２０５８００００１"),
        (validate_kks, "601301²"),
        (validate_area_code, "１８.07.12.2001"),
        (Period.parse, "２０２０-05"),
        (parse_date, "２０２０-05-06"),
        (parse_quantity, "５"),
    ):
        with pytest.raises(InvalidInput):
            check(text)


def test_a_quantity_too_large_says_so_and_a_date_that_does_not_exist_says_why() -> None:
    from ewarong_desktop.domain.errors import InvalidInput
    from ewarong_desktop.domain.periods import parse_date
    from ewarong_desktop.domain.quantity import parse_quantity

    with pytest.raises(InvalidInput) as big:
        parse_quantity("999999999999")
    assert "terlalu besar" in big.value.id_text
    with pytest.raises(InvalidInput) as feb:
        parse_date("2021-02-30")
    assert feb.value.id_text.startswith("30 Februari 2021 tidak ada")
    assert "February 30, 2021 does not exist" in feb.value.en_text
