"""The KUBE fund ledger: admin only, never below zero unless confirmed, voids, dates."""

from datetime import date
from decimal import Decimal

import pytest

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from ewarong_desktop.domain.fund import FundOverdrawn
from ewarong_desktop.services import fund, purchases
from ewarong_desktop.services.fund import TrancheInput, UseInput
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput
from tests.conftest import Shop


def tranche(shop: Shop, stage: int, amount: int, day: date, reference: str = "") -> str:
    return fund.record_tranche(shop.ctx, TrancheInput(stage, amount, day, reference)).id


def use(shop: Shop, amount: int, day: date, purpose: str = "peralatan", **kw: object):
    return fund.record_use(shop.ctx, UseInput(amount, day, purpose), **kw)  # type: ignore[arg-type]


def test_tranches_and_uses_give_the_balance_at_any_date(shop: Shop) -> None:
    # Set up in May 2020; the first tranche came in 2019, before the app.
    tranche(shop, 1, 10_000_000, date(2019, 11, 4), "B-123/DINSOS/2019")
    use(shop, 2_500_000, date(2019, 12, 1), "peralatan")
    tranche(shop, 2, 10_000_000, date(2020, 3, 2))
    use(shop, 4_000_000, date(2020, 4, 15), "barang_sumber_sendiri")
    assert fund.balance(shop.ctx, date(2019, 11, 3)) == 0
    assert fund.balance(shop.ctx, date(2019, 11, 30)) == 10_000_000
    assert fund.balance(shop.ctx, date(2020, 1, 31)) == 7_500_000
    assert fund.balance(shop.ctx, date(2020, 3, 2)) == 17_500_000
    assert fund.balance(shop.ctx) == 13_500_000
    led = fund.ledger(shop.ctx)
    assert (led.received_rupiah, led.used_rupiah, led.balance_rupiah) == (
        20_000_000,
        6_500_000,
        13_500_000,
    )
    assert [e.balance_after for e in led.entries] == [
        10_000_000,
        7_500_000,
        17_500_000,
        13_500_000,
    ]
    assert led.entries[0].reference == "B-123/DINSOS/2019"
    assert led.goods_own_rupiah == 4_000_000
    assert led.own_goods_share == 0.615  # the one share rounding: half up to a tenth of a percent


def test_a_use_beyond_the_balance_is_refused_unless_confirmed(shop: Shop) -> None:
    tranche(shop, 1, 5_000_000, date(2020, 1, 6))
    with pytest.raises(FundOverdrawn) as refused:
        use(shop, 6_000_000, date(2020, 2, 1))
    assert refused.value.lowest == -1_000_000
    assert "--yes" in refused.value.id_text
    assert fund.ledger(shop.ctx).used_rupiah == 0  # nothing saved
    use(shop, 6_000_000, date(2020, 2, 1), confirm_overdraw=True)
    assert fund.balance(shop.ctx) == -1_000_000


def test_a_backdated_use_may_not_overdraw_a_later_day(shop: Shop) -> None:
    # Rp5 juta in January, Rp4 juta spent in March: Rp2 juta more dated February is fine on
    # its own day (Rp5 juta there) but leaves March at -Rp1 juta.
    tranche(shop, 1, 5_000_000, date(2020, 1, 6))
    use(shop, 4_000_000, date(2020, 3, 10))
    with pytest.raises(FundOverdrawn) as refused:
        use(shop, 2_000_000, date(2020, 2, 1))
    assert refused.value.on == date(2020, 3, 10)
    # A use dated before the tranche arrived is refused too.
    with pytest.raises(FundOverdrawn):
        use(shop, 500_000, date(2020, 1, 5))
    use(shop, 1_000_000, date(2020, 2, 1))  # exactly to zero is fine
    assert fund.balance(shop.ctx) == 0


def test_voids_keep_the_entry_and_a_spent_tranche_asks_for_confirmation(shop: Shop) -> None:
    first = tranche(shop, 1, 5_000_000, date(2020, 1, 6))
    spent = use(shop, 3_000_000, date(2020, 2, 1))
    with pytest.raises(InvalidInput):
        fund.void_entry(shop.ctx, spent.id, "   ")
    voided = fund.void_entry(shop.ctx, spent.id, "salah ketik jumlah")
    assert (voided.status, voided.void_reason) == ("voided", "salah ketik jumlah")
    with pytest.raises(Conflict):
        fund.void_entry(shop.ctx, spent.id, "lagi")
    use(shop, 4_000_000, date(2020, 2, 2))
    with pytest.raises(FundOverdrawn):
        fund.void_entry(shop.ctx, first, "tahap 1 belum cair")
    fund.void_entry(shop.ctx, first, "tahap 1 belum cair", confirm_overdraw=True)
    led = fund.ledger(shop.ctx)
    assert len(led.entries) == 3  # never deleted
    assert [e.status for e in led.entries] == ["voided", "voided", "completed"]
    assert led.balance_rupiah == -4_000_000
    # A voided stage may be recorded again.
    tranche(shop, 1, 5_000_000, date(2020, 3, 1))
    assert fund.balance(shop.ctx) == 1_000_000


def test_only_an_admin_records_or_voids(shop: Shop) -> None:
    entry = tranche(shop, 1, 1_000_000, date(2020, 1, 6))
    op = shop.as_operator()
    with pytest.raises(PermissionDenied):
        fund.record_tranche(op, TrancheInput(2, 1_000_000, date(2020, 2, 1)))
    with pytest.raises(PermissionDenied):
        fund.record_use(op, UseInput(1_000, date(2020, 2, 1), "operasional"))
    with pytest.raises(PermissionDenied):
        fund.void_entry(op, entry, "x")
    assert fund.ledger(op).balance_rupiah == 1_000_000  # reading is for everyone


@pytest.mark.parametrize(
    "day",
    [date(2020, 5, 7), date(2016, 12, 31)],  # tomorrow at the fixture's clock; before 2017
)
def test_dates_in_the_future_or_before_the_programme_are_refused(shop: Shop, day: date) -> None:
    with pytest.raises(InvalidInput):
        tranche(shop, 1, 1_000_000, day)
    assert fund.ledger(shop.ctx).entries == ()


def test_amounts_stages_purposes_are_checked(shop: Shop) -> None:
    tranche(shop, 1, 1_000_000, date(2020, 1, 6))
    with pytest.raises(Conflict):
        tranche(shop, 1, 1_000_000, date(2020, 2, 6))
    for bad in (0, -5):
        with pytest.raises(InvalidInput):
            use(shop, bad, date(2020, 2, 1))
    with pytest.raises(InvalidInput):
        tranche(shop, 0, 1_000_000, date(2020, 2, 6))
    with pytest.raises(InvalidInput):
        use(shop, 1_000, date(2020, 2, 1), "jalan-jalan")


def test_a_use_for_a_purchase_must_match_its_source_and_value(shop: Shop) -> None:
    tranche(shop, 1, 20_000_000, date(2020, 1, 6))
    bought = purchases.record_purchase(
        shop.ctx,
        PurchaseInput(
            date(2020, 5, 4),
            "pemasok",
            "CV Sumber Pangan",
            (PurchaseLineInput(shop.ids["BRS"], Decimal(100), 10_000),),
        ),
    )
    with pytest.raises(InvalidInput):  # a supplier's purchase is not own-source goods
        fund.record_use(
            shop.ctx, UseInput(500_000, date(2020, 5, 4), "barang_sumber_sendiri", bought.id)
        )
    fund.record_use(shop.ctx, UseInput(600_000, date(2020, 5, 4), "barang_pemasok", bought.id))
    with pytest.raises(InvalidInput):  # Rp1.000.000 purchase, Rp600.000 already paid
        fund.record_use(shop.ctx, UseInput(500_000, date(2020, 5, 5), "barang_pemasok", bought.id))
    with pytest.raises(NotFound):
        fund.record_use(
            shop.ctx, UseInput(1_000, date(2020, 5, 5), "barang_pemasok", "no-such-purchase")
        )
    assert fund.ledger(shop.ctx).entries[-1].purchase_id == bought.id


def test_fund_entries_are_versioned_and_audited_like_every_record(shop: Shop) -> None:
    from ewarong_desktop.services.integrity import check_store

    entry = tranche(shop, 1, 1_000_000, date(2020, 1, 6))
    fund.void_entry(shop.ctx, entry, "dobel")
    assert check_store(shop.data_dir).ok


def test_on_one_day_the_money_received_comes_before_the_money_spent(shop: Shop) -> None:
    tranche(shop, 1, 5_000_000, date(2020, 1, 6))
    use(shop, 4_000_000, date(2020, 3, 1))
    tranche(shop, 2, 10_000_000, date(2020, 3, 1))  # recorded later, same day
    led = fund.ledger(shop.ctx)
    assert [(e.kind, e.balance_after) for e in led.entries] == [
        ("tranche", 5_000_000),
        ("tranche", 15_000_000),
        ("use", 11_000_000),
    ]
