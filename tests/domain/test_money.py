from decimal import Decimal

import pytest

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.money import format_rupiah, line_total, parse_rupiah


@pytest.mark.parametrize(
    "text",
    ["150000", "150.000", "Rp 150.000", "Rp.150.000", "Rp150.000", "rp 150000", "150.000,00"],
)
def test_every_way_operators_write_an_amount_reads_the_same(text: str) -> None:
    assert parse_rupiah(text) == 150_000


@pytest.mark.parametrize("text", ["150,5", "15.00", "abc", "", "Rp", "-5000", "1.5e5", "150 000x"])
def test_what_is_not_an_amount_is_refused_in_both_languages(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_rupiah(text)
    assert caught.value.message("id") and caught.value.message("en")
    assert caught.value.message("id") != caught.value.message("en")


def test_amounts_show_with_dot_thousands() -> None:
    assert format_rupiah(150_000) == "Rp150.000"
    assert format_rupiah(0) == "Rp0"
    assert format_rupiah(1_234_567) == "Rp1.234.567"
    assert format_rupiah(-5_000) == "-Rp5.000"


def test_line_total_rounds_half_up_to_whole_rupiah() -> None:
    assert line_total(Decimal("0.5"), 25_001) == 12_501  # 12500.5 -> 12501
    assert line_total(Decimal("0.25"), 10_002) == 2_501  # 2500.5 -> 2501
    assert line_total(Decimal(3), 12_000) == 36_000


def test_a_barcode_read_into_a_price_is_refused_not_saved() -> None:
    assert parse_rupiah("Rp1.000.000.000") == 1_000_000_000
    with pytest.raises(InvalidInput) as caught:
        parse_rupiah("8991234567890")  # an EAN-13 scanned into the price field
    assert "terlalu besar" in caught.value.message("id")
