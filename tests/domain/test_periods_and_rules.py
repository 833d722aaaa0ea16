from datetime import date

import pytest

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.periods import Period, format_date, format_month, period_range
from ewarong_desktop.domain.rules import (
    DEFAULT_CATEGORY_RULES,
    DEFAULT_RATES,
    EntitlementRate,
    check_new_rate,
    rate_for,
    redeemable_categories,
    source_is_own,
)


def test_dates_and_months_read_in_indonesian_by_default() -> None:
    assert format_date(date(2020, 5, 6)) == "6 Mei 2020"
    assert format_date(date(2020, 5, 6), "en") == "6 May 2020"
    assert format_month(Period(2020, 8)) == "Agustus 2020"


def test_periods_parse_order_and_step_across_years() -> None:
    assert Period.parse("2020-05") == Period(2020, 5)
    assert Period(2019, 12).next() == Period(2020, 1)
    assert Period(2020, 1).previous() == Period(2019, 12)
    assert Period(2020, 1).shift(-13) == Period(2018, 12)
    assert Period(2020, 2).last_day() == date(2020, 2, 29)
    assert period_range(Period(2019, 11), Period(2020, 2))[-1] == Period(2020, 2)
    assert len(period_range(Period(2019, 11), Period(2020, 2))) == 4
    for bad in ("2020-13", "2020/05", "20-05", ""):
        with pytest.raises(InvalidInput):
            Period.parse(bad)


@pytest.mark.parametrize(
    ("period", "amount"),
    [
        ("2017-01", 110_000),
        ("2019-12", 110_000),
        ("2020-01", 150_000),
        ("2020-02", 150_000),
        ("2020-03", 200_000),
        ("2026-11", 200_000),
        ("2016-12", None),
    ],
)
def test_seeded_entitlement_rates(period: str, amount: int | None) -> None:
    assert rate_for(DEFAULT_RATES, Period.parse(period)) == amount


def test_before_2020_only_rice_and_eggs_and_never_lainnya() -> None:
    assert redeemable_categories(DEFAULT_CATEGORY_RULES, Period(2019, 6)) == {
        "karbohidrat",
        "protein_hewani",
    }
    in_2020 = redeemable_categories(DEFAULT_CATEGORY_RULES, Period(2020, 1))
    assert in_2020 == {"karbohidrat", "protein_hewani", "protein_nabati", "vitamin_mineral"}
    assert "lainnya" not in in_2020


def test_a_new_rate_must_start_after_the_existing_ones() -> None:
    check_new_rate(DEFAULT_RATES, EntitlementRate(250_000, Period(2027, 1)))
    with pytest.raises(InvalidInput):
        check_new_rate(DEFAULT_RATES, EntitlementRate(250_000, Period(2020, 3)))
    with pytest.raises(InvalidInput):
        check_new_rate(DEFAULT_RATES, EntitlementRate(0, Period(2027, 1)))


def test_own_sources_and_suppliers() -> None:
    assert source_is_own("anggota_kube") and not source_is_own("pemasok")
    with pytest.raises(InvalidInput):
        source_is_own("tengkulak")
