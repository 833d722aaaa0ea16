"""Serving a KPM: every programme rule that refuses, what is left, voids."""

from decimal import Decimal

import pytest

from ewarong_desktop.domain.errors import (
    CategoryNotRedeemable,
    Conflict,
    EntitlementExceeded,
    InsufficientStock,
    InvalidInput,
    PermissionDenied,
    RuleViolation,
)
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import beneficiaries, products, programme, redemption
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest
from tests.conftest import Shop

MAY, APRIL, MARCH = Period(2020, 5), Period(2020, 4), Period(2020, 3)


def basket(shop: Shop, *items: tuple[str, str]) -> tuple[BasketItem, ...]:
    return tuple(BasketItem(shop.ids[code], Decimal(qty)) for code, qty in items)


def redeem(shop: Shop, kpm: str = "A", period: Period = MAY, items=(("BRS", "10"),), edc=None):
    request = RedeemRequest(shop.ids[kpm], period, basket(shop, *items), edc)
    return redemption.redeem(shop.as_operator(), request)


def stock(shop: Shop, code: str) -> Decimal:
    return products.find_product(shop.ctx, code).stock


def remaining(shop: Shop, kpm: str = "A", period: Period = MAY) -> int:
    offered = redemption.balance(shop.ctx, shop.ids[kpm]).months
    return next(s.remaining for s in offered if s.period == period)


def test_a_redemption_takes_stock_and_spends_the_month(shop: Shop) -> None:
    done = redeem(shop, items=(("BRS", "10"), ("TLR", "1"), ("TMP", "2")))
    assert done.total_rupiah == 120_000 + 28_000 + 10_000
    assert done.status == "completed" and done.operator_name == "siti"
    assert remaining(shop) == 200_000 - 158_000
    assert stock(shop, "BRS") == Decimal(140)
    assert stock(shop, "TLR") == Decimal(19)


def test_over_the_month_s_remaining_entitlement_is_refused_and_nothing_is_saved(
    shop: Shop,
) -> None:
    redeem(shop, items=(("BRS", "10"),))  # 120.000 of 200.000
    with pytest.raises(EntitlementExceeded) as caught:
        redeem(shop, items=(("BRS", "5"), ("TLR", "1")))  # 88.000 > 80.000
    assert caught.value.remaining == 80_000 and caught.value.requested == 88_000
    assert "Rp80.000" in caught.value.message("id")
    assert "exceeds" in caught.value.message("en")
    assert remaining(shop) == 80_000
    assert stock(shop, "BRS") == Decimal(140)


def test_lainnya_is_never_redeemable(shop: Shop) -> None:
    with pytest.raises(CategoryNotRedeemable) as caught:
        redeem(shop, items=(("MYK", "1"),))
    assert "Minyak goreng" in caught.value.message("id")


def test_before_2020_only_rice_and_eggs(shop: Shop) -> None:
    kpm = shop.ids["A"]
    beneficiaries.edit(
        shop.ctx,
        kpm,
        beneficiaries.BeneficiaryInput(
            "1807125205800001",
            "6013010012345678",
            "Siti Rahayu",
            "Sidodadi",
            eligible_from=Period(2019, 12),
        ),
    )
    with pytest.raises(CategoryNotRedeemable):
        redeem(shop, period=Period(2019, 12), items=(("TMP", "1"),))
    done = redeem(shop, period=Period(2019, 12), items=(("BRS", "5"), ("TLR", "1")))
    assert done.total_rupiah == 88_000
    assert remaining(shop, period=Period(2019, 12)) == 110_000 - 88_000


def test_more_than_the_stock_holds_is_refused(shop: Shop) -> None:
    with pytest.raises(InsufficientStock) as caught:
        redeem(shop, items=(("TLR", "21"),))
    assert "20 kg" in caught.value.message("id") and "21 kg" in caught.value.message("id")


def test_an_inactive_kpm_gets_nothing(shop: Shop) -> None:
    beneficiaries.set_active(shop.ctx, shop.ids["A"], False)
    with pytest.raises(RuleViolation) as caught:
        redeem(shop)
    assert "tidak aktif" in caught.value.message("id")


def test_future_months_and_months_before_eligibility_are_refused(shop: Shop) -> None:
    with pytest.raises(RuleViolation):
        redeem(shop, period=Period(2020, 6))
    with pytest.raises(RuleViolation):
        redeem(shop, period=Period(2020, 2))  # eligible only from March 2020


def test_empty_basket_and_zero_quantity_are_refused(shop: Shop) -> None:
    with pytest.raises(InvalidInput):
        redemption.redeem(shop.ctx, RedeemRequest(shop.ids["A"], MAY, ()))
    with pytest.raises(InvalidInput):
        redeem(shop, items=(("BRS", "0"),))


def test_the_counter_offers_this_month_and_earlier_months_with_aid_left_oldest_first(
    shop: Shop,
) -> None:
    redeem(shop, period=MARCH, items=(("BRS", "10"), ("TLR", "1")))  # 148.000 of 200.000
    offered = redemption.balance(shop.ctx, shop.ids["A"]).months
    assert offered[0].period == MARCH
    assert [s.period for s in offered] == sorted(s.period for s in offered)
    assert offered[-1].period == MAY


def test_a_fully_spent_earlier_month_is_no_longer_offered_but_this_month_always_is(
    shop: Shop,
) -> None:
    redeem(shop, period=MARCH, items=(("BRS", "10"), ("TLR", "2"), ("TMP", "4")))  # 196.000
    redeem(shop, period=MARCH, items=(("TMP", "0.8"),))  # 4.000: March is spent
    periods = [s.period for s in redemption.balance(shop.ctx, shop.ids["A"]).months]
    assert periods == [APRIL, MAY]
    redeem(shop, period=MAY, items=(("BRS", "10"), ("TLR", "2"), ("TMP", "4")))
    redeem(shop, period=MAY, items=(("TMP", "0.8"),))
    offered = redemption.balance(shop.ctx, shop.ids["A"]).months
    assert [s.period for s in offered] == [APRIL, MAY]
    assert offered[-1].remaining == 0


def test_check_basket_lists_every_problem_before_confirming(shop: Shop) -> None:
    check = redemption.check_basket(
        shop.ctx,
        RedeemRequest(shop.ids["A"], MAY, basket(shop, ("MYK", "1"), ("TLR", "25"))),
    )
    kinds = {type(p) for p in check.problems}
    assert {CategoryNotRedeemable, InsufficientStock, EntitlementExceeded} <= kinds
    assert not check.ok
    good = redemption.check_basket(
        shop.ctx, RedeemRequest(shop.ids["A"], MAY, basket(shop, ("BRS", "5")))
    )
    assert good.ok and good.total_rupiah == 60_000 and good.remaining_after == 140_000


def test_void_gives_back_stock_and_entitlement_and_is_recorded(shop: Shop) -> None:
    done = redeem(shop, items=(("BRS", "10"),))
    (voided,) = redemption.void_redemption(shop.ctx, done.id, "Salah input").parts
    assert voided.status == "voided" and voided.void_reason == "Salah input"
    assert voided.version == 2
    assert stock(shop, "BRS") == Decimal(150)
    assert remaining(shop) == 200_000
    assert redemption.get_redemption(shop.ctx, done.id).status == "voided"  # never deleted


def test_void_needs_admin_a_reason_and_the_edc_reversal_when_paid_on_edc(shop: Shop) -> None:
    done = redeem(shop, edc="EDC123456")
    with pytest.raises(PermissionDenied):
        redemption.void_redemption(shop.as_operator(), done.id, "Salah", "REV1")
    with pytest.raises(InvalidInput):
        redemption.void_redemption(shop.ctx, done.id, "   ", "REV1")
    with pytest.raises(InvalidInput) as caught:
        redemption.void_redemption(shop.ctx, done.id, "Salah")
    assert "EDC123456" in caught.value.message("id")
    (voided,) = redemption.void_redemption(shop.ctx, done.id, "Salah", "REV1").parts
    assert voided.void_edc_reference == "REV1"
    with pytest.raises(Conflict):
        redemption.void_redemption(shop.ctx, done.id, "Lagi", "REV2")


def test_stock_leaves_oldest_lot_first_and_comes_back_to_the_same_lot(shop: Shop) -> None:
    # 100 kg of rice came from own sources (2 May), then 50 kg from a supplier (3 May).
    first = redeem(shop, "A", items=(("BRS", "10"),))
    for kpm in ("B", "C"):
        redeem(shop, kpm, items=(("BRS", "10"),))
    from ewarong_desktop.services.monthly import monthly_figures

    figures = monthly_figures(shop.ctx, MAY)
    assert figures.received_own_rupiah == 3 * 120_000
    assert figures.received_third_party_rupiah == 0
    redemption.void_redemption(shop.ctx, first.id, "Salah input")
    figures = monthly_figures(shop.ctx, MAY)
    assert figures.received_own_rupiah == 2 * 120_000


def test_a_new_rate_applies_from_its_month(shop: Shop) -> None:
    programme.add_rate(shop.ctx, 250_000, Period(2020, 5))
    assert remaining(shop) == 250_000
    assert remaining(shop, period=APRIL) == 200_000
    with pytest.raises(PermissionDenied):
        programme.add_rate(shop.as_operator(), 300_000, Period(2021, 1))
