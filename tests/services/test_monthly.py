"""The month's figures: redemptions by period, purchases and stock by date."""

from datetime import datetime
from decimal import Decimal

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import redemption, stock
from ewarong_desktop.services.monthly import monthly_figures
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest
from tests.conftest import Shop


def test_month_figures_count_served_kpm_value_and_stock_flow(shop: Shop) -> None:
    ctx = shop.ctx
    rice = shop.ids["BRS"]
    first = redemption.redeem(
        ctx, RedeemRequest(shop.ids["A"], Period(2020, 5), (BasketItem(rice, Decimal(10)),))
    )
    redemption.redeem(
        ctx, RedeemRequest(shop.ids["B"], Period(2020, 4), (BasketItem(rice, Decimal(5)),))
    )  # April's aid (rapel), served in May: counts for April, stock leaves in May
    redemption.redeem(
        ctx, RedeemRequest(shop.ids["C"], Period(2020, 5), (BasketItem(rice, Decimal(2)),))
    )
    redemption.void_redemption(ctx, first.id, "Salah input")
    stock.adjust_stock(ctx, rice, Decimal(-1), "rusak")

    may = monthly_figures(ctx, Period(2020, 5))
    assert may.kpm_registered == 3 and may.kpm_served == 1 and may.kpm_not_served == 2
    assert may.redemptions_count == 1 and may.redemptions_total_rupiah == 24_000
    assert may.voided_count == 1
    assert may.entitlement_rate == 200_000 and may.entitlement_total_rupiah == 600_000
    rice_row = next(s for s in may.stock if s.code == "BRS")
    assert (rice_row.opening, rice_row.purchased) == (Decimal(0), Decimal(150))
    assert rice_row.redeemed == Decimal(7)  # 10 + 5 + 2 out, 10 back
    assert rice_row.adjusted == Decimal(-1)
    assert rice_row.closing == Decimal(142)

    april = monthly_figures(ctx, Period(2020, 4))
    assert april.kpm_served == 1 and april.redemptions_total_rupiah == 60_000
    assert april.purchases_own_rupiah == 0


def test_next_month_opens_with_last_month_s_closing(shop: Shop) -> None:
    shop.ctx.clock = lambda: datetime(2020, 6, 2, 9, 0)
    june = monthly_figures(shop.ctx, Period(2020, 6))
    may = monthly_figures(shop.ctx, Period(2020, 5))
    for before, after in zip(may.stock, june.stock, strict=True):
        assert after.opening == before.closing
    assert monthly_figures(shop.ctx, Period(2020, 6)).to_json()["period"] == "2020-06"


def test_a_month_s_figures_stay_the_same_after_a_kpm_is_deactivated_later(shop: Shop) -> None:
    from ewarong_desktop.services import beneficiaries

    ctx = shop.ctx
    rice = shop.ids["BRS"]
    redemption.redeem(
        ctx, RedeemRequest(shop.ids["A"], Period(2020, 5), (BasketItem(rice, Decimal(5)),))
    )
    before = monthly_figures(ctx, Period(2020, 5))
    assert (before.kpm_registered, before.kpm_not_served) == (3, 2)
    beneficiaries.set_active(ctx, shop.ids["A"], False)  # served in May, leaves in May
    beneficiaries.set_active(ctx, shop.ids["B"], False)  # never served, leaves in May
    after = monthly_figures(ctx, Period(2020, 5))
    assert (after.kpm_registered, after.kpm_served, after.kpm_not_served) == (3, 1, 2)
    assert after.entitlement_total_rupiah == before.entitlement_total_rupiah
    june = monthly_figures(ctx, Period(2020, 6))
    assert june.kpm_registered == 1  # only C is still on the list in June
    beneficiaries.set_active(ctx, shop.ids["B"], True)
    assert monthly_figures(ctx, Period(2020, 6)).kpm_registered == 2


def test_a_void_in_a_later_month_comes_back_as_that_month_s_adjustment(shop: Shop) -> None:
    rice = shop.ids["BRS"]
    done = redemption.redeem(
        shop.ctx, RedeemRequest(shop.ids["A"], Period(2020, 5), (BasketItem(rice, Decimal(10)),))
    )
    shop.ctx.clock = lambda: datetime(2020, 6, 3, 9, 0)
    redemption.void_redemption(shop.ctx, done.id, "Salah input")
    may = next(s for s in monthly_figures(shop.ctx, Period(2020, 5)).stock if s.code == "BRS")
    june = next(s for s in monthly_figures(shop.ctx, Period(2020, 6)).stock if s.code == "BRS")
    assert may.redeemed == Decimal(10)  # May's figures stand
    assert june.redeemed == Decimal(0)  # never a negative 'out'
    assert june.adjusted == Decimal(10)  # the rice came back in June
    assert june.opening == may.closing and june.closing == june.opening + Decimal(10)
