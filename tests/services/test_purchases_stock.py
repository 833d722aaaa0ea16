"""Purchases by source, their voids, and stock adjustments with reasons."""

from datetime import date
from decimal import Decimal

import pytest

from ewarong_desktop.domain.errors import (
    Conflict,
    InsufficientStock,
    InvalidInput,
    PermissionDenied,
)
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import products, purchases, redemption, stock
from ewarong_desktop.services.monthly import monthly_figures
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest
from tests.conftest import Shop


def buy(shop: Shop, kind: str, name: str, code: str, qty: str, price: int, day: int = 4):
    return purchases.record_purchase(
        shop.as_operator(),
        PurchaseInput(
            date(2020, 5, day),
            kind,
            name,
            (PurchaseLineInput(shop.ids[code], Decimal(qty), price),),
        ),
    )


def test_own_and_third_party_purchases_are_told_apart_in_the_month(shop: Shop) -> None:
    buy(shop, "petani_lokal", "Pak Sugeng", "TLR", "2.5", 24_000)
    buy(shop, "pemasok", "UD Tiga Saudara", "TMP", "10", 4_500)
    figures = monthly_figures(shop.ctx, Period(2020, 5))
    # From the fixture: own 1.000.000 + 200.000; third party 550.000 + 500.000 + 150.000.
    assert figures.purchases_own_rupiah == 1_200_000 + 60_000
    assert figures.purchases_third_party_rupiah == 1_200_000 + 45_000
    assert figures.own_share == 0.503  # 1.260.000 / 2.505.000, rounded once to 50,3%
    assert products.find_product(shop.ctx, "TLR").stock == Decimal("22.5")


def test_a_supplier_needs_a_name_and_the_date_cannot_be_in_the_future(shop: Shop) -> None:
    with pytest.raises(InvalidInput):
        buy(shop, "pemasok", "  ", "BRS", "1", 10_000)
    with pytest.raises(InvalidInput):
        buy(shop, "anggota_kube", "", "BRS", "1", 10_000, day=7)
    own = buy(shop, "produksi_sendiri", "", "BRS", "1", 10_000)
    assert own.source_name == "Produksi sendiri" and own.is_own


def test_a_wrong_purchase_is_voided_while_its_goods_are_still_there(shop: Shop) -> None:
    made = buy(shop, "pemasok", "CV Salah", "TLR", "5", 25_000)
    with pytest.raises(PermissionDenied):
        purchases.void_purchase(shop.as_operator(), made.id, "Salah catat")
    voided = purchases.void_purchase(shop.ctx, made.id, "Salah catat")
    assert voided.status == "voided"
    assert products.find_product(shop.ctx, "TLR").stock == Decimal(20)
    with pytest.raises(Conflict):
        purchases.void_purchase(shop.ctx, made.id, "Lagi")


def test_a_purchase_whose_goods_have_left_cannot_be_voided(shop: Shop) -> None:
    lot = purchases.list_purchases(shop.ctx)[-1]  # the own rice of 2 May, used first
    redemption.redeem(
        shop.ctx,
        RedeemRequest(shop.ids["A"], Period(2020, 5), (BasketItem(shop.ids["BRS"], Decimal(5)),)),
    )
    with pytest.raises(Conflict) as caught:
        purchases.void_purchase(shop.ctx, lot.id, "Salah")
    assert "penyesuaian" in caught.value.message("id")


def test_adjustments_need_a_reason_and_never_push_stock_below_zero(shop: Shop) -> None:
    tlr = shop.ids["TLR"]
    assert stock.adjust_stock(shop.ctx, tlr, Decimal("-0.5"), "rusak", "pecah").level == Decimal(
        "19.5"
    )
    assert stock.adjust_stock(shop.ctx, tlr, Decimal("1"), "opname").level == Decimal("20.5")
    with pytest.raises(InvalidInput):
        stock.adjust_stock(shop.ctx, tlr, Decimal("1"), "rusak")  # damage only reduces
    with pytest.raises(InvalidInput):
        stock.adjust_stock(shop.ctx, tlr, Decimal("-1"), "dimakan")
    with pytest.raises(InsufficientStock):
        stock.adjust_stock(shop.ctx, tlr, Decimal("-21"), "hilang")
    kinds = [m.reason for m in stock.movements(shop.ctx, tlr) if m.kind == "adjustment"]
    assert sorted(r or "" for r in kinds) == ["opname", "rusak"]


def test_stock_found_in_a_count_can_be_handed_out_after_the_lots(shop: Shop) -> None:
    tlr = shop.ids["TLR"]
    stock.adjust_stock(shop.ctx, tlr, Decimal("2"), "opname")
    for kpm in ("A", "B", "C"):
        redemption.redeem(
            shop.ctx,
            RedeemRequest(shop.ids[kpm], Period(2020, 5), (BasketItem(tlr, Decimal(7)),)),
        )
    assert products.find_product(shop.ctx, "TLR").stock == Decimal(1)
    figures = monthly_figures(shop.ctx, Period(2020, 5))
    assert figures.received_unknown_rupiah == 28_000  # 1 kg from the count, not from a lot


def test_an_absurd_price_or_quantity_is_refused_before_it_can_block_exports(shop: Shop) -> None:
    with pytest.raises(InvalidInput):
        buy(shop, "pemasok", "X", "BRS", "1", 10**16)
    with pytest.raises(InvalidInput):
        buy(shop, "pemasok", "X", "BRS", "2000000", 10_000)
    assert len(purchases.list_purchases(shop.ctx)) == 2  # only the fixture's


def test_a_known_supplier_cannot_be_recorded_as_an_own_source(shop: Shop) -> None:
    from ewarong_desktop.domain.errors import Conflict
    from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput

    line = (PurchaseLineInput(shop.ids["TLR"], Decimal("1"), 20_000),)
    purchases.record_purchase(
        shop.ctx, PurchaseInput(date(2020, 5, 4), "pemasok", "UD Tiga Saudara", line)
    )
    with pytest.raises(Conflict) as refused:
        purchases.record_purchase(
            shop.ctx, PurchaseInput(date(2020, 5, 4), "produksi_sendiri", "ud tiga  saudara", line)
        )
    assert "Pemasok" in refused.value.message("id")
    kinds = {s.name: s.is_own for s in purchases.known_sources(shop.ctx)}
    assert kinds == {**kinds, "UD Tiga Saudara": False}
