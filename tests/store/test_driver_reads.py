"""The counter's reads by the driver's cursor (`tracking.driver_rows`) give what the ORM's
records say: the same keys as the app spells them, the same values, the same order."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from ewarong_desktop.services.redemption import BasketItem, RedeemRequest, serve
from ewarong_desktop.store.models import (
    Beneficiary,
    Product,
    Purchase,
    PurchaseLine,
    Redemption,
    WarongProfile,
)
from ewarong_desktop.store.repositories import beneficiaries as kpm_repo
from ewarong_desktop.store.repositories import products as product_repo
from ewarong_desktop.store.repositories import profile as profile_repo
from ewarong_desktop.store.repositories import programme as programme_repo
from ewarong_desktop.store.repositories import redemptions as redemption_repo
from ewarong_desktop.store.repositories import stock as stock_repo
from tests.conftest import Shop


def test_the_kpm_and_the_goods_read_plain_are_the_records(shop: Shop) -> None:
    with shop.ctx.reading() as session:
        kpm = session.get(Beneficiary, shop.ids["A"])
        assert kpm is not None
        assert kpm_repo.counter_row(session, kpm.id) == (
            kpm.id, kpm.name, kpm.nik, kpm.kks_number, kpm.desa, kpm.eligible_from, True,
        )  # fmt: skip
        assert kpm_repo.counter_row(session, "00000000-0000-0000-0000-000000000000") is None
        # The card scan: one statement outside any session.
        found = kpm_repo.card_or_nik_rows_once(shop.ctx.db, kpm.kks_number)
        assert found == [
            (kpm.id, kpm.nik, kpm.kks_number, kpm.name, kpm.desa, kpm.address,
             kpm.eligible_from, kpm.active, kpm.version, kpm.listed)
        ]  # fmt: skip
        assert kpm_repo.card_or_nik_rows_once(shop.ctx.db, kpm.nik) == found
        assert kpm_repo.card_or_nik_rows_once(shop.ctx.db, "0000") == []
        ids = [shop.ids["BRS"], shop.ids["TMP"]]
        goods = {row[0]: row for row in product_repo.rows_by_ids(session, ids)}
        for product in session.scalars(select(Product).where(Product.id.in_(ids))):
            assert goods[product.id] == (
                product.id, product.name, product.unit, product.category,
                product.price_rupiah, product.active,
            )  # fmt: skip
        # The counter's one read of the rates and the category rules gives the records.
        rates, rules = programme_repo.rules(session)
        assert rates and all(type(amount) is int for amount, _f, _u in rates)
        assert rates == tuple(
            (r.amount_rupiah, r.valid_from, r.valid_until)
            for r in programme_repo.rate_rows(session)
        )
        assert rules and rules == tuple(
            (r.category, r.valid_from, r.valid_until)
            for r in programme_repo.category_rule_rows(session)
        )


def test_the_open_lots_oldest_first_and_what_a_basket_leaves_in_them(shop: Shop) -> None:
    rice = shop.ids["BRS"]
    serve(
        shop.as_operator(),
        RedeemRequest(shop.ids["A"], None, (BasketItem(rice, Decimal(3)),), "EDC1"),
    )
    with shop.ctx.reading() as session:
        lots = stock_repo.open_lots(session, [rice, shop.ids["TLR"]])
        records = session.execute(
            select(PurchaseLine.remaining_milli)
            .join(Purchase)
            .where(PurchaseLine.product_id == rice, PurchaseLine.remaining_milli > 0)
            .order_by(Purchase.date, Purchase.created_at, PurchaseLine.line_no)
        ).scalars()
        # 100 kg bought on 2 May at the first lot, 50 kg on 3 May: 3 kg taken from the first.
        assert [lot.remaining_milli for lot in lots[rice]] == list(records) == [97_000, 50_000]
        assert len(lots[shop.ids["TLR"]]) == 1
        assert stock_repo.without_lot_milli(session, [rice]) == {rice: 0}
        kpm = shop.ids["A"]
        spent = redemption_repo.spent_by_period(session, kpm)
        saved = session.scalars(
            select(Redemption).where(Redemption.beneficiary_id == shop.ids["A"])
        )
        expected: dict[str, int] = {}
        for row in saved:
            expected[row.period] = expected.get(row.period, 0) + row.total_rupiah
        assert spent == expected and sum(spent.values()) == 3 * 12_000


def test_the_working_month_read_sees_a_change_made_earlier_in_the_transaction(
    shop: Shop,
) -> None:
    with shop.ctx.transaction("test") as session:
        assert profile_repo.working_month(session) == (True, "2020-05")
        profile = session.scalars(select(WarongProfile)).one()
        profile.working_month = "2020-04"  # not flushed yet
        assert profile_repo.working_month(session) == (True, "2020-04")
        session.rollback()


def test_the_card_scan_on_a_damaged_store_says_the_store_is_damaged(shop: Shop) -> None:
    import pytest

    from ewarong_desktop.services.beneficiaries import find_one
    from ewarong_desktop.store.database import StoreDamaged
    from tests.store.test_damaged_store import damage_a_page

    kks = find_one(shop.ctx, "6013010012345678").kks_number
    shop.ctx.close()
    damage_a_page(shop.data_dir, "beneficiaries")
    with pytest.raises(StoreDamaged, match="malformed"):
        find_one(shop.ctx, kks)
