"""Typed change notices: each service result says what it changed, and no page waits for a
notice that no result can carry (a page listening for a topic nobody sends is a stale page)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import (
    backup,
    beneficiaries,
    fund,
    operators,
    products,
    profile,
    programme,
    purchases,
    redemption,
    stock,
    sync_export,
)
from ewarong_desktop.services.changes import Topic, changes_of
from ewarong_desktop.services.kpm_import import apply_import
from tests.conftest import PROFILE, Shop
from tests.kpm_import.builders import kpm_row, write_csv


def every_change(shop: Shop, tmp_path: Path) -> dict[str, frozenset[Topic]]:
    """Each use case the window calls to change the store, run once: what its result says."""
    ctx, ids = shop.ctx, shop.ids
    line = (purchases.PurchaseLineInput(ids["TLR"], Decimal(1), 20_000),)
    bought = purchases.record_purchase(
        ctx, purchases.PurchaseInput(date(2020, 5, 4), "pemasok", "CV Sumber Pangan", line)
    )
    sale = redemption.redeem(
        ctx,
        redemption.RedeemRequest(
            ids["A"], Period(2020, 5), (redemption.BasketItem(ids["BRS"], Decimal(5)),)
        ),
    )
    basket = redemption.serve(
        ctx,
        redemption.RedeemRequest(ids["A"], None, (redemption.BasketItem(ids["BRS"], Decimal(1)),)),
    )
    kpm = beneficiaries.BeneficiaryInput("1807124508800009", "6013010099990000", "Wati", "Desa")
    added = beneficiaries.register(ctx, kpm)
    outsider = beneficiaries.BeneficiaryInput(
        "1807124508800017", "6013010099990018", "Sri", "Desa Tetangga"
    )
    unlisted = beneficiaries.register_unlisted(ctx, outsider, "dikirim dari desa tetangga")
    me = next(o for o in operators.list_operators(ctx) if o.name == "admin")
    item = products.ProductInput("JGG", "Jagung", "karbohidrat", "kg", 8000)
    return {
        "record_purchase": changes_of(bought),
        "void_purchase": changes_of(purchases.void_purchase(ctx, bought.id, "salah")),
        "redeem": changes_of(sale),
        "void_redemption": changes_of(redemption.void_redemption(ctx, sale.id, "salah")),
        "serve": changes_of(basket),
        "register": changes_of(added),
        "register_unlisted": changes_of(unlisted),
        "edit": changes_of(beneficiaries.edit(ctx, added.id, kpm)),
        "set_active": changes_of(beneficiaries.set_active(ctx, added.id, False)),
        "add_product": changes_of(products.add_product(ctx, item)),
        "set_product_active": changes_of(products.set_product_active(ctx, ids["TMP"], False)),
        "adjust_stock": changes_of(stock.adjust_stock(ctx, ids["BRS"], Decimal(-1), "rusak")),
        "update_profile": changes_of(profile.update_profile(ctx, PROFILE)),
        "confirm_working_month": changes_of(profile.confirm_working_month(ctx, Period(2020, 5))),
        "set_receipt_width": changes_of(profile.set_receipt_width(ctx, "80")),
        "add_rate": changes_of(programme.add_rate(ctx, 250_000, Period(2021, 1))),
        "add_operator": changes_of(operators.add_operator(ctx, "wati", "operator", "1357")),
        "set_pin": changes_of(operators.set_pin(ctx, me.id, "246813")),
        "import": changes_of(
            apply_import(ctx, write_csv(tmp_path / "kpm.csv", [kpm_row(i) for i in (1, 2)]))
        ),
        "export": changes_of(sync_export.export_bundle(ctx, tmp_path)),
        "backup": changes_of(backup.backup(ctx)),
        "record_tranche": changes_of(
            fund.record_tranche(ctx, fund.TrancheInput(1, 10_000_000, date(2020, 4, 1)))
        ),
    }


def test_each_change_says_what_it_touched_and_pages_wait_only_for_those(
    shop: Shop, tmp_path: Path
) -> None:
    from ewarong_desktop.gui.main_window import PAGES

    changes = every_change(shop, tmp_path)
    assert changes["redeem"] == changes["void_redemption"] == {Topic.REDEMPTION, Topic.STOCK}
    assert changes["serve"] == {Topic.REDEMPTION, Topic.STOCK}
    assert changes["register_unlisted"] == {Topic.KPM}
    assert changes["record_purchase"] == changes["void_purchase"] == {Topic.PURCHASE, Topic.STOCK}
    assert changes["register"] == changes["edit"] == changes["set_active"] == {Topic.KPM}
    assert changes["import"] == {Topic.KPM}
    assert changes["adjust_stock"] == {Topic.STOCK}
    assert changes["add_product"] == changes["set_product_active"] == {Topic.PRODUCT}
    assert (
        Topic.REDEMPTION in changes["confirm_working_month"]
        and Topic.SETTINGS in changes["add_rate"]
    )
    assert changes["add_operator"] == changes["set_pin"] == {Topic.OPERATOR}
    assert changes["export"] == changes["backup"] == {Topic.SYNC}
    assert changes["record_tranche"] == {Topic.FUND}

    carried = frozenset().union(*changes.values())
    for _key, module, cls in PAGES:
        page = getattr(__import__(module, fromlist=[cls]), cls)
        assert page.topics, f"{cls} listens for nothing"
        assert page.topics <= carried, f"{cls} waits for {set(page.topics - carried)}"


def test_a_read_says_nothing_changed(shop: Shop) -> None:
    assert changes_of(beneficiaries.get(shop.ctx, shop.ids["A"])) == frozenset()
    assert changes_of(products.list_products(shop.ctx)) == frozenset()
    assert beneficiaries.get(shop.ctx, shop.ids["A"]) == beneficiaries.set_active(
        shop.ctx, shop.ids["A"], True
    )  # the notice is not part of what the KPM is
