"""Suppliers' tax numbers typed once, and the shop's own-source share against the target."""

from datetime import date
from decimal import Decimal

import pytest

from ewarong_desktop.domain.errors import InvalidInput, NotFound, PermissionDenied
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import independence, purchases
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput
from tests.conftest import Shop


def buy(shop: Shop, kind: str, name: str, day: date, tax_id: str | None = None):
    return purchases.record_purchase(
        shop.as_operator(),
        PurchaseInput(
            day,
            kind,
            name,
            (PurchaseLineInput(shop.ids["BRS"], Decimal(10), 10_000),),
            source_tax_id=tax_id,
        ),
    )


def test_a_tax_number_typed_once_goes_onto_later_purchases_only(shop: Shop) -> None:
    before = buy(shop, "pemasok", "CV Sumber Pangan", date(2020, 5, 4))
    assert before.source_tax_id is None
    supplier = independence.set_supplier_tax_id(
        shop.ctx, "cv  sumber pangan", "01.234.567.8-901.000"
    )
    assert supplier.tax_id == "012345678901000"  # punctuation removed
    after = buy(shop, "pemasok", "CV Sumber Pangan", date(2020, 5, 5))
    assert after.source_tax_id == "012345678901000"
    assert purchases.get_purchase(shop.ctx, before.id).source_tax_id is None  # not rewritten
    # Typed with a purchase: kept for the supplier from then on, a correction too.
    buy(shop, "pemasok", "UD Tiga Saudara", date(2020, 5, 5), "9120001234567")
    later = buy(shop, "pemasok", "UD Tiga Saudara", date(2020, 5, 6))
    assert later.source_tax_id == "9120001234567"
    names = {s.name: s.tax_id for s in independence.suppliers(shop.ctx)}
    assert names == {"CV Sumber Pangan": "012345678901000", "UD Tiga Saudara": "9120001234567"}


@pytest.mark.parametrize("typed", ["12345", "01.234.567.8-901.00X", "0123456789012345678"])
def test_a_number_that_is_no_npwp_or_nib_is_refused(shop: Shop, typed: str) -> None:
    with pytest.raises(InvalidInput):
        independence.set_supplier_tax_id(shop.ctx, "CV Sumber Pangan", typed)
    with pytest.raises(InvalidInput):
        buy(shop, "pemasok", "CV Baru", date(2020, 5, 4), typed)
    assert all(s.name != "CV Baru" for s in independence.suppliers(shop.ctx))  # nothing saved


def test_an_unknown_supplier_is_named(shop: Shop) -> None:
    with pytest.raises(NotFound):
        independence.set_supplier_tax_id(shop.ctx, "PT Tidak Ada", "012345678901000")


def test_twelve_months_of_own_share_against_the_target(shop: Shop) -> None:
    buy(shop, "petani_lokal", "Pak Sugeng", date(2019, 12, 10))
    buy(shop, "pemasok", "CV Sumber Pangan", date(2020, 1, 10))
    view = independence.independence(shop.ctx)
    assert view.target_percent is None
    assert str(view.months[0].period) == "2019-06"
    assert str(view.months[-1].period) == "2020-05"
    by = {str(m.period): m for m in view.months}
    assert by["2019-12"].share == 1.0
    assert by["2020-01"].share == 0.0
    assert by["2019-07"].share is None  # nothing bought: no share, not 0%
    # The fixture's May: own Rp1.200.000, supplier Rp1.200.000.
    assert by["2020-05"].share == pytest.approx(0.5)
    with pytest.raises(PermissionDenied):
        independence.set_target(shop.as_operator(), 60, Period(2020, 1))
    with pytest.raises(InvalidInput):
        independence.set_target(shop.ctx, 0, Period(2020, 1))
    view = independence.set_target(shop.ctx, 60, Period(2020, 1))
    assert view.target_for(Period(2019, 12)) is None
    assert view.target_for(Period(2020, 5)) == 60
    assert view.months_at_target == 0  # January 0%, May 50%: both below 60%
