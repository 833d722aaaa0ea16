"""The counter keeps what a basket read and left (the shelf, the goods, the programme, the
working month) for the next one: never what the store no longer holds (another program's
purchase, adjustment, price or working month, a void, a basket that failed)."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest

from ewarong_desktop.domain.errors import InsufficientStock
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import products, purchases, redemption, stock
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.profile import confirm_working_month
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest
from ewarong_desktop.store import tracking
from tests.conftest import Shop, open_shop


@contextmanager
def another_program(shop: Shop) -> Iterator[ServiceContext]:
    """Another program (the shell beside the window) on the same store file."""
    shell = open_shop(shop.data_dir)
    try:
        yield shell
    finally:
        shell.close()


def eggs(shop: Shop, kg: str, kpm: str = "A") -> RedeemRequest:
    return RedeemRequest(shop.ids[kpm], None, (BasketItem(shop.ids["TLR"], Decimal(kg)),))


def eggs_left(shop: Shop) -> Decimal:
    return products.find_product(shop.ctx, "TLR").stock


def test_the_next_basket_sees_what_another_program_wrote_to_the_shelf(shop: Shop) -> None:
    counter = shop.as_operator()
    redemption.serve(counter, eggs(shop, "2"))  # 20 kg bought: 18 left
    with another_program(shop) as shell:
        stock.adjust_stock(shell, shop.ids["TLR"], Decimal(-17), "rusak")  # 1 kg left
        with pytest.raises(InsufficientStock, match="1 kg available"):
            redemption.serve(counter, eggs(shop, "2", "B"))
        purchases.record_purchase(
            shell,
            purchases.PurchaseInput(
                date(2020, 5, 4),
                "pemasok",
                "CV Sumber Pangan",
                (purchases.PurchaseLineInput(shop.ids["TLR"], Decimal(5), 25_000),),
            ),
        )
    saved = redemption.serve(counter, eggs(shop, "2", "B"))  # the old kilo, then a new one
    assert eggs_left(shop) == Decimal(4)
    # A void by this window puts the eggs back for the basket after it.
    redemption.void_redemption(shop.ctx, saved.first.id, "Salah input")
    assert eggs_left(shop) == Decimal(6)
    redemption.serve(counter, eggs(shop, "6", "C"))
    assert eggs_left(shop) == Decimal(0)
    with pytest.raises(InsufficientStock):
        redemption.serve(counter, eggs(shop, "1", "C"))


@pytest.mark.parametrize(
    ("module", "step"),
    [
        # The movements cannot be written (a full disk, say): the lots were drawn on in
        # memory and the whole basket is rolled back.
        (redemption.stock_repo, "add_movements"),
        # The basket's rows are written and what it would keep is made, then its commit
        # fails (the audit entry cannot be written).
        (tracking, "write_entry"),
    ],
)
def test_a_basket_that_failed_after_drawing_leaves_nothing_kept(
    shop: Shop, monkeypatch: pytest.MonkeyPatch, module: object, step: str
) -> None:
    """The next basket is served from the store as it is, not from the shelf the failed
    one drew on, even when another program's one write then brings the change counter to
    the very count the failed basket would have committed."""
    counter = shop.as_operator()
    redemption.serve(counter, eggs(shop, "1"))  # 19 kg left
    with monkeypatch.context() as patch:

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise OSError("disk full")

        patch.setattr(module, step, refuse)
        with pytest.raises(OSError):
            redemption.serve(counter, eggs(shop, "10", "B"))
    assert eggs_left(shop) == Decimal(19)
    with another_program(shop) as shell:
        products.edit_product(
            shell,
            shop.ids["BRS"],
            products.ProductInput("BRS", "Beras medium", "karbohidrat", "kg", 13_000),
        )
    redemption.serve(counter, eggs(shop, "15", "B"))  # all 19 kg are there to take
    assert eggs_left(shop) == Decimal(4)


def test_the_next_basket_sees_a_price_and_a_working_month_another_program_set(
    shop: Shop,
) -> None:
    counter = shop.as_operator()
    redemption.serve(counter, eggs(shop, "1"))
    with another_program(shop) as shell:
        products.edit_product(
            shell,
            shop.ids["TLR"],
            products.ProductInput("TLR", "Telur ayam", "protein_hewani", "kg", 30_000),
        )
        confirm_working_month(shell, Period(2020, 4))
    # KPM B: March and April open (May is not the working month any more); 8 kg at the
    # new price (Rp240.000) fill March and go on into April.
    saved = redemption.serve(counter, eggs(shop, "8", "B"))
    assert [p.period for p in saved.parts] == [Period(2020, 3), Period(2020, 4)]
    assert [line.unit_price_rupiah for p in saved.parts for line in p.lines] == [30_000, 30_000]
    assert saved.total_rupiah == 240_000


def test_a_store_closed_and_opened_again_is_read_afresh(shop: Shop) -> None:
    # A restore closes the store and puts another file in its place, whose change counter
    # may well be the count the last basket left: nothing kept before counts after it.
    import sqlite3

    from ewarong_desktop.store.database import STORE_FILE

    counter = shop.as_operator()
    redemption.serve(counter, eggs(shop, "1"))  # 19 kg left
    shop.ctx.db.close()
    with sqlite3.connect(shop.data_dir / STORE_FILE) as raw:  # the counter stays as it is
        raw.execute(
            "UPDATE purchase_lines SET remaining_milli = 5000 WHERE remaining_milli = 19000"
        )
    with pytest.raises(InsufficientStock, match="5 kg available"):
        redemption.serve(counter, eggs(shop, "6", "B"))


def test_after_each_write_of_another_program_the_counter_serves_as_a_fresh_one_would(
    shop: Shop,
) -> None:
    """Another program (the shell beside the window) writes each thing a basket depends on;
    the counter's next basket, with whatever it kept, is what a program that just opened
    the store would make of it (the same months, prices and totals, or the same refusal),
    and `check` then finds the ledger and the lots agreeing."""
    from ewarong_desktop.domain.errors import EwarongError
    from ewarong_desktop.services import beneficiaries, programme
    from ewarong_desktop.services.integrity import check_store
    from ewarong_desktop.services.redemption import check_basket

    counter = shop.as_operator()

    def basket(kpm: str, **kg: str) -> RedeemRequest:
        items = tuple(BasketItem(shop.ids[code], Decimal(q)) for code, q in kg.items())
        return RedeemRequest(shop.ids[kpm], None, items)

    def served_as_fresh(request: RedeemRequest) -> None:
        fresh = open_shop(shop.data_dir)
        try:
            expected = check_basket(fresh, request)
        finally:
            fresh.close()
        if expected.problems:
            with pytest.raises(EwarongError) as refused:
                redemption.serve(counter, request)
            assert (type(refused.value), str(refused.value)) == (
                type(expected.problems[0]),
                str(expected.problems[0]),
            )
        else:
            saved = redemption.serve(counter, request)
            assert [(p.period, p.lines) for p in saved.parts] == [
                (p.period, p.lines) for p in expected.parts
            ]
        report = check_store(shop.data_dir)
        assert report.problems == []

    def by_shell(write) -> None:  # type: ignore[no-untyped-def]
        with another_program(shop) as shell:
            write(shell)

    served_as_fresh(basket("A", TLR="1", BRS="2"))  # the counter keeps what it read
    writes = [
        lambda s: programme.add_rate(s, 250_000, Period(2020, 5)),
        lambda s: products.set_product_active(s, shop.ids["TLR"], False),
        lambda s: products.set_product_active(s, shop.ids["TLR"], True),
        lambda s: stock.adjust_stock(s, shop.ids["TLR"], Decimal(3), "opname"),
        lambda s: stock.adjust_stock(  # 5 kg of rice left: the next baskets are short
            s, shop.ids["BRS"], Decimal(5) - products.find_product(s, "BRS").stock, "hilang"
        ),
        lambda s: beneficiaries.set_active(s, shop.ids["B"], False),
        lambda s: beneficiaries.set_active(s, shop.ids["B"], True),
        lambda s: confirm_working_month(s, Period(2020, 4)),
        lambda s: confirm_working_month(s, Period(2020, 5)),
    ]
    for write in writes:
        by_shell(write)
        served_as_fresh(basket("B", TLR="1", BRS="4"))
        served_as_fresh(basket("C", TLR="0.5", BRS="3"))
    last = redemption.history(shop.ctx, shop.ids["C"])[-1]
    by_shell(lambda s: redemption.void_redemption(s, last.id, "Salah input"))
    served_as_fresh(basket("C", TLR="20", BRS="1"))
    served_as_fresh(basket("C", TLR="1", BRS="1"))


def test_a_restored_backup_brought_to_the_kept_count_is_read_afresh(shop: Shop) -> None:
    """The window restores a backup made before its last basket, then one write brings the
    restored store's change counter to the very count that basket left: the next basket
    sees the restored store's eggs, not the shelf kept from before the restore."""
    import sqlite3
    from contextlib import closing

    from ewarong_desktop.services import backup as backups
    from ewarong_desktop.store.database import STORE_FILE

    def change_count() -> int:
        with closing(sqlite3.connect(shop.data_dir / STORE_FILE)) as raw:  # closed: a
            # connection left open would make the restore refuse a store in use
            return int(raw.execute("SELECT value FROM change_counter").fetchone()[0])

    counter = shop.as_operator()
    saved = backups.backup(shop.ctx)  # 20 kg of eggs
    redemption.serve(counter, eggs(shop, "1"))  # 19 kg left, kept
    kept_count = change_count()
    backups.restore(shop.ctx, saved.path)  # 20 kg again, the counter one lower
    stock.adjust_stock(shop.ctx, shop.ids["TLR"], Decimal(-15), "rusak")  # 5 kg left
    assert change_count() == kept_count
    with pytest.raises(InsufficientStock, match="5 kg available"):
        redemption.serve(counter, eggs(shop, "6", "B"))
    redemption.serve(counter, eggs(shop, "5", "B"))
    assert eggs_left(shop) == Decimal(0)
