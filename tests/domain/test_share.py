"""The own-source share: one rounding (half up to a tenth of a percent), one way to write it."""

from ewarong_desktop.domain.share import format_share, own_share, ratio


def test_the_share_rounds_half_up_to_a_tenth_of_a_percent() -> None:
    assert own_share(605, 395) == 0.605
    assert own_share(6255, 3745) == 0.626  # 62.55% -> 62.6%, never 62% or 63%
    assert own_share(1, 2) == 0.333
    assert own_share(2, 1) == 0.667
    assert ratio(1, 8) == 0.125


def test_nothing_bought_has_no_share() -> None:
    assert own_share(0, 0) is None
    assert format_share(None) == "-"


def test_one_decimal_in_the_reader_s_language() -> None:
    assert format_share(own_share(605, 395)) == "60,5%"
    assert format_share(own_share(605, 395), "en") == "60.5%"
    assert format_share(own_share(10, 0)) == "100,0%"
    assert format_share(own_share(0, 10), "en") == "0.0%"
