from decimal import Decimal

import pytest

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.quantity import (
    check_unit,
    format_quantity,
    from_milli,
    parse_quantity,
    quantity_text,
    to_milli,
)


def test_quantities_accept_indonesian_decimal_comma() -> None:
    assert parse_quantity("0,5") == Decimal("0.5")
    assert parse_quantity("10") == Decimal(10)
    assert parse_quantity("2.25") == Decimal("2.25")


@pytest.mark.parametrize("text", ["0", "-1", "1.2345", "abc", "1e3", ""])
def test_bad_quantities_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_quantity(text)


def test_quantity_text_never_has_an_exponent_or_trailing_zeros() -> None:
    assert quantity_text(Decimal("1E+1")) == "10"
    assert quantity_text(Decimal("0.500")) == "0.5"
    assert quantity_text(from_milli(to_milli(Decimal("2.5")))) == "2.5"


def test_quantities_read_as_people_write_them() -> None:
    assert format_quantity(Decimal("2.5"), "kg") == "2,5 kg"
    assert format_quantity(Decimal("2.5"), "kg", "en") == "2.5 kg"


def test_unknown_unit_is_refused() -> None:
    assert check_unit("kg") == "kg"
    with pytest.raises(InvalidInput):
        check_unit("karung")


@pytest.mark.parametrize("text", ["1.000", "12.500", "250.000"])
def test_a_dot_before_three_digits_is_asked_about_not_guessed(text: str) -> None:
    # To an operator `1.000` is a thousand; to Decimal it is one. Neither guess is safe.
    with pytest.raises(InvalidInput) as caught:
        parse_quantity(text)
    assert text.replace(".", "") in caught.value.message("id")


def test_unambiguous_decimals_and_the_ceiling() -> None:
    assert parse_quantity("0.125") == Decimal("0.125")
    assert parse_quantity("1000000") == Decimal(1_000_000)
    with pytest.raises(InvalidInput):
        parse_quantity("1000001")
