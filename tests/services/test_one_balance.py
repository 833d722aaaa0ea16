"""One balance: a basket draws on the KPM's open months oldest first, split by quantity."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from ewarong_desktop.domain.errors import CategoryNotRedeemable, EntitlementExceeded
from ewarong_desktop.domain.money import line_total
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import products, redemption, stock
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest
from ewarong_desktop.store.auditentry import unpack_changes
from ewarong_desktop.store.models import (
    AuditEntry,
    Purchase,
    PurchaseLine,
    Redemption,
    RedemptionLine,
    StockMovement,
)
from tests.conftest import Shop

MAY, APRIL, MARCH = Period(2020, 5), Period(2020, 4), Period(2020, 3)


def items(shop: Shop, *pairs: tuple[str, str]) -> tuple[BasketItem, ...]:
    return tuple(BasketItem(shop.ids[code], Decimal(qty)) for code, qty in pairs)


def auto(shop: Shop, *pairs: tuple[str, str], kpm: str = "A") -> RedeemRequest:
    return RedeemRequest(shop.ids[kpm], None, items(shop, *pairs))


def pinned(shop: Shop, period: Period, *pairs: tuple[str, str]) -> RedeemRequest:
    return RedeemRequest(shop.ids["A"], period, items(shop, *pairs))


def test_balance_is_every_open_month_and_their_sum(shop: Shop) -> None:
    # March and April untouched, May the working month: Rp200.000 each.
    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))  # 180.000 of March
    balance = redemption.balance(shop.ctx, shop.ids["A"])
    assert [m.period for m in balance.months] == [MARCH, APRIL, MAY]
    assert [m.remaining for m in balance.months] == [20_000, 200_000, 200_000]
    assert balance.remaining == 420_000


def test_a_basket_draws_oldest_first_and_splits_a_line_by_quantity(shop: Shop) -> None:
    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))  # March: Rp20.000 left
    check = redemption.check_basket(shop.ctx, auto(shop, ("BRS", "5"), ("TMP", "2")))
    assert check.ok, check.problems
    march, april = check.parts
    assert march.period == MARCH and april.period == APRIL
    # 5 kg of rice at Rp12.000 does not fit March's Rp20.000: 1,666 kg does (Rp19.992).
    assert march.lines[0].quantity == Decimal("1.666")
    assert march.lines[0].total_rupiah == line_total(Decimal("1.666"), 12_000) == 19_992
    assert [(x.product_name, x.quantity) for x in april.lines] == [
        ("Beras medium", Decimal("3.334")),
        ("Tempe", Decimal(2)),
    ]
    # The KPM's own lines stay whole; each costs what its parts cost.
    assert [(x.quantity, x.total_rupiah) for x in check.lines] == [
        (Decimal(5), 19_992 + 40_008),
        (Decimal(2), 10_000),
    ]
    assert check.total_rupiah == march.total_rupiah + april.total_rupiah == 70_000
    assert check.remaining_after == 420_000 - 70_000

    saved = redemption.serve(shop.as_operator(), auto(shop, ("BRS", "5"), ("TMP", "2")))
    assert [p.period for p in saved.parts] == [MARCH, APRIL]
    assert len({p.basket_id for p in saved.parts}) == 1 and saved.parts[0].basket_id
    assert saved.total_rupiah == 70_000
    assert products.find_product(shop.ctx, "BRS").stock == Decimal(130)  # 150 - 15 - 5


def test_counted_goods_split_in_whole_pieces(shop: Shop) -> None:
    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))  # Rp20.000 left
    check = redemption.check_basket(shop.ctx, auto(shop, ("TMP", "5")))  # pcs at Rp5.000
    assert [(p.period, p.lines[0].quantity) for p in check.parts] == [
        (MARCH, Decimal(4)),
        (APRIL, Decimal(1)),
    ]


def test_over_the_whole_balance_is_refused_with_the_balance_named(shop: Shop) -> None:
    check = redemption.check_basket(shop.ctx, auto(shop, ("BRS", "60")))  # Rp720.000
    assert not check.ok
    problem = next(p for p in check.problems if isinstance(p, EntitlementExceeded))
    assert problem.remaining == 600_000 and problem.requested == 720_000
    assert "Rp600.000" in problem.message("id") and "3 bulan" in problem.message("id")
    with pytest.raises(EntitlementExceeded):
        redemption.serve(shop.ctx, auto(shop, ("BRS", "60")))


def test_every_problem_is_listed_and_lainnya_reads_cleanly(shop: Shop) -> None:
    check = redemption.check_basket(shop.ctx, auto(shop, ("MYK", "1"), ("TLR", "25")))
    kinds = {type(p).__name__ for p in check.problems}
    assert {"CategoryNotRedeemable", "InsufficientStock"} <= kinds
    words = next(p for p in check.problems if isinstance(p, CategoryNotRedeemable)).message("id")
    assert words.count("(") == 1, words  # no brackets within brackets
    assert "Minyak goreng" in words and "bukan barang bantuan" in words


def test_a_pinned_basket_uses_only_its_month(shop: Shop) -> None:
    check = redemption.check_basket(shop.ctx, pinned(shop, MAY, ("BRS", "5")))
    assert [p.period for p in check.parts] == [MAY]
    assert check.remaining_after == 200_000 - 60_000
    over = redemption.check_basket(shop.ctx, pinned(shop, MAY, ("BRS", "20")))
    assert any(isinstance(p, EntitlementExceeded) for p in over.problems)


def test_the_receipt_of_any_part_prints_the_whole_basket_once(shop: Shop, tmp_path) -> None:
    from pypdf import PdfReader

    from ewarong_desktop.services.documents import receipt_data, write_file, write_receipt_to

    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))  # March: Rp20.000 left
    saved = redemption.serve(shop.ctx, auto(shop, ("BRS", "5"), ("TMP", "2")))
    first, second = (receipt_data(shop.ctx, p.id) for p in saved.parts)
    assert first == second
    assert [p.period for p in first.parts] == [MARCH, APRIL]
    assert [(line.product, line.quantity, line.total) for line in first.lines] == [
        ("Beras medium", Decimal(5), 60_000),
        ("Tempe", Decimal(2), 10_000),
    ]
    assert first.total == 70_000
    out = write_file(
        tmp_path / "struk.pdf", lambda f: write_receipt_to(shop.ctx, saved.parts[1].id, f)
    )
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert text.count("Beras medium") == 3  # the basket once, then March's and April's parts
    assert "Maret 2020 + April 2020" in text and "Sisa April 2020" in text
    assert "Rp70.000" in text


def test_one_product_matching_rule_code_name_prefix_then_part(shop: Shop) -> None:
    from ewarong_desktop.domain.errors import InvalidInput, NotFound

    assert products.find_product(shop.ctx, "brs").code == "BRS"  # code, any case
    assert products.find_product(shop.ctx, "telur ayam").code == "TLR"  # whole name
    assert products.find_product(shop.ctx, "Tel").code == "TLR"  # the one name starting so
    assert products.find_product(shop.ctx, "goreng").code == "MYK"  # the one name containing it
    with pytest.raises(InvalidInput):
        products.find_product(shop.ctx, "e")  # several: type more
    with pytest.raises(NotFound):
        products.find_product(shop.ctx, "100%")  # wildcards are letters here


def test_a_basket_equal_to_the_balance_that_cannot_be_divided_says_why(shop: Shop) -> None:
    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("TMP", "39")))  # Rp195.000
    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "0.166")))  # Rp1.992: Rp3.008 left
    assert redemption.balance(shop.ctx, shop.ids["A"]).remaining == 403_008
    # 33,584 kg of rice is exactly Rp403.008, but March takes 0,250 kg (Rp3.000): its last
    # Rp8 buys no whole gram; April and May strand Rp8 each the same way.
    check = redemption.check_basket(shop.ctx, auto(shop, ("BRS", "33.584")))
    problem = next(p for p in check.problems if isinstance(p, EntitlementExceeded))
    words = problem.message("id")
    assert "tidak dapat dibagi habis" in words and "kurangi sedikit" in words
    assert "melebihi" not in words
    # Each month strands its last Rp8 the same way: Rp402.984 is what rice can draw.
    assert redemption.check_basket(shop.ctx, auto(shop, ("BRS", "33.582"))).ok
    over = redemption.check_basket(shop.ctx, auto(shop, ("BRS", "34")))
    assert "melebihi" in next(
        p for p in over.problems if isinstance(p, EntitlementExceeded)
    ).message("id")


def test_voiding_any_part_of_a_basket_voids_the_whole_basket(shop: Shop) -> None:
    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))  # March: Rp20.000 left
    paid = RedeemRequest(shop.ids["A"], None, items(shop, ("BRS", "5")), "EDC777")
    saved = redemption.serve(shop.as_operator(), paid)
    march, april = saved.parts  # one swipe of the card, one receipt, two months of aid
    assert redemption.basket_of(shop.ctx, april.id).parts == saved.parts
    voided = redemption.void_redemption(shop.ctx, april.id, "Salah barang", "REV777")
    assert [(p.id, p.status, p.void_edc_reference) for p in voided.parts] == [
        (march.id, "voided", "REV777"),
        (april.id, "voided", "REV777"),
    ]
    assert voided.total_rupiah == 60_000
    # Stock and both months' aid come back, as if the basket had never been served.
    assert products.find_product(shop.ctx, "BRS").stock == Decimal(135)  # 150 - 15
    assert redemption.balance(shop.ctx, shop.ids["A"]).remaining == 420_000


def test_a_basket_voided_in_part_before_voids_only_what_still_stands(shop: Shop) -> None:
    """A part voided on its own (as before baskets were voided whole) is neither shown nor
    counted again: the dialog's total is what the void gives back."""
    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))  # March: Rp20.000 left
    saved = redemption.serve(shop.as_operator(), auto(shop, ("BRS", "5")))
    march, april = saved.parts
    with shop.ctx.transaction("void_redemption") as session:
        redemption.void_in(session, shop.ctx, march.id, "Salah bulan", None)
    assert [p.id for p in redemption.basket_of(shop.ctx, march.id).parts] == [april.id]
    voided = redemption.void_redemption(shop.ctx, march.id, "Salah barang")
    assert [p.id for p in voided.parts] == [april.id]
    assert voided.total_rupiah == april.total_rupiah


def test_a_lot_emptied_by_an_older_month_is_not_drawn_on_again(shop: Shop) -> None:
    """A line split over two months whose first part empties the oldest lot: the later part
    takes from the next lot only, and no movement of 0 is written against the empty one."""
    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))  # 100 kg lot: 85 left
    stock.adjust_stock(shop.ctx, shop.ids["BRS"], Decimal(-84), "rusak")  # 1 kg left in it
    saved = redemption.serve(shop.as_operator(), auto(shop, ("BRS", "5")))
    assert [(p.period, p.lines[0].quantity) for p in saved.parts] == [
        (MARCH, Decimal("1.666")),
        (APRIL, Decimal("3.334")),
    ]
    with shop.ctx.reading() as session:
        oldest, newer = session.scalars(
            select(PurchaseLine.id)
            .join(Purchase)
            .where(PurchaseLine.product_id == shop.ids["BRS"])
            .order_by(Purchase.date)
        ).all()
        taken = session.execute(
            select(Redemption.period, StockMovement.lot_id, StockMovement.quantity_milli)
            .join(RedemptionLine, StockMovement.redemption_line_id == RedemptionLine.id)
            .join(Redemption)
            .where(Redemption.id.in_([p.id for p in saved.parts]))
            .order_by(Redemption.period, StockMovement.quantity_milli)
        ).all()
        left = dict(session.execute(select(PurchaseLine.id, PurchaseLine.remaining_milli)).all())
    assert [tuple(row) for row in taken] == [
        ("2020-03", oldest, -1000),
        ("2020-03", newer, -666),
        ("2020-04", newer, -3334),
    ]
    assert left[oldest] == 0 and left[newer] == 50_000 - 4000
    assert products.find_product(shop.ctx, "BRS").stock == Decimal(46)  # 150 - 15 - 84 - 5


def test_a_saved_basket_reads_back_exactly_as_the_counter_was_told(shop: Shop) -> None:
    """The counter's receipt is printed from what `serve` returns, built from what it wrote
    (its rows are written by one statement a table, not read back): each part reads back
    the same, and `check` finds the store whole, every row of it in the basket's one entry."""
    from ewarong_desktop.services.integrity import check_store

    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))  # March: Rp20.000 left
    stock.adjust_stock(shop.ctx, shop.ids["BRS"], Decimal(-84), "rusak")  # two lots to draw on
    saved = redemption.serve(
        shop.as_operator(),
        RedeemRequest(shop.ids["A"], None, items(shop, ("BRS", "5"), ("TMP", "2")), " EDC  9 "),
    )
    assert [p.period for p in saved.parts] == [MARCH, APRIL]
    assert [redemption.get_redemption(shop.ctx, p.id) for p in saved.parts] == list(saved.parts)
    assert saved.parts[0].edc_reference == "EDC 9"
    with shop.ctx.reading() as session:
        line_ids = session.scalars(
            select(RedemptionLine.id)
            .join(Redemption)
            .where(Redemption.id.in_([p.id for p in saved.parts]))
        ).all()
        moved = session.scalars(
            select(StockMovement.id).where(StockMovement.redemption_line_id.in_(line_ids))
        ).all()
        (entry,) = session.scalars(
            select(AuditEntry.changes).order_by(AuditEntry.seq.desc()).limit(1)
        ).all()
    logged = {(c.table, c.row_id) for c in unpack_changes(entry)}
    assert logged == (
        {("redemptions", p.id) for p in saved.parts}
        | {("redemption_lines", n) for n in line_ids}
        | {("stock_movements", n) for n in moved}
    )
    assert len(line_ids) == 3 and len(moved) == 4  # rice from two lots in March
    assert check_store(shop.data_dir).ok

    redemption.void_redemption(shop.ctx, saved.parts[1].id, "Salah barang", "REV9")
    assert products.find_product(shop.ctx, "BRS").stock == Decimal(51)  # 150 - 15 - 84
    report = check_store(shop.data_dir)
    assert report.ok, report.problems


def test_rows_a_basket_wrote_edited_or_deleted_behind_the_apps_back_are_found(
    shop: Shop,
) -> None:
    import sqlite3

    from ewarong_desktop.services.integrity import check_store
    from ewarong_desktop.store.database import STORE_FILE

    redemption.redeem(shop.ctx, pinned(shop, MARCH, ("BRS", "15")))
    saved = redemption.serve(shop.as_operator(), auto(shop, ("BRS", "5"), ("TMP", "2")))
    april = saved.parts[1]
    with sqlite3.connect(shop.data_dir / STORE_FILE) as conn:
        edited, deleted = (
            n
            for (n,) in conn.execute(
                "SELECT id FROM stock_movements WHERE redemption_line_id IS NOT NULL "
                "ORDER BY id DESC LIMIT 2"
            )
        )
        conn.execute("UPDATE stock_movements SET note = 'x' WHERE id = ?", (edited,))
        conn.execute("DELETE FROM stock_movements WHERE id = ?", (deleted,))
        conn.execute("UPDATE redemptions SET period = '2020-05' WHERE period = '2020-04'")
    found = check_store(shop.data_dir).problems
    assert f"stock_movements {edited}: changed outside the app" in found
    assert f"stock_movements {deleted}: deleted outside the app" in found
    assert f"redemptions {april.id}: changed outside the app" in found


def test_rules_changed_by_another_program_count_at_the_next_basket(shop: Shop) -> None:
    # The counter keeps what the rules say between baskets, but reads the rules in every
    # transaction: a rate the shell added, or a category rule changed in the file, counts
    # for the very next basket in the window that had served one before.
    import sqlite3

    from ewarong_desktop.services import programme
    from ewarong_desktop.store.database import STORE_FILE
    from tests.conftest import open_shop

    counter = shop.as_operator()
    redemption.serve(counter, auto(shop, ("TMP", "1")))
    assert [m.remaining for m in redemption.balance(counter, shop.ids["A"]).months] == [
        195_000,
        200_000,
        200_000,
    ]
    shell = open_shop(shop.data_dir)
    try:
        programme.add_rate(shell, 250_000, MAY)
    finally:
        shell.close()
    assert [m.entitlement for m in redemption.balance(counter, shop.ids["A"]).months] == [
        200_000,
        200_000,
        250_000,
    ]
    before = redemption.check_basket(counter, auto(shop, ("TMP", "1")))
    assert before.ok and before.parts[0].period == MARCH
    with sqlite3.connect(shop.data_dir / STORE_FILE) as raw:
        raw.execute("UPDATE category_rules SET valid_from = '2020-05'")
    # No category may be bought with March's or April's aid any more: May's pays.
    after = redemption.check_basket(counter, auto(shop, ("TMP", "1")))
    assert after.ok and [p.period for p in after.parts] == [MAY]


def test_a_rate_month_edited_by_hand_is_said_as_the_stores_problem_at_the_counter(
    shop: Shop,
) -> None:
    # A month the app would never have stored ('2020-03x', edited with sqlite3): the
    # counter refuses the basket as a store changed outside the app, says what to do, and
    # writes nothing; it does not tell the operator how to type a month.
    import sqlite3

    from ewarong_desktop.domain.errors import StoredValueUnreadable
    from ewarong_desktop.store.database import STORE_FILE

    counter = shop.as_operator()
    with sqlite3.connect(shop.data_dir / STORE_FILE) as raw:
        raw.execute("UPDATE entitlement_rates SET valid_from = valid_from || 'x'")
        served_before = raw.execute("SELECT count(*) FROM redemptions").fetchone()[0]
    with pytest.raises(StoredValueUnreadable) as refused:
        redemption.serve(counter, auto(shop, ("TMP", "1")))
    assert "changed outside the app" in refused.value.en_text
    assert "ewarong-desktop check" in refused.value.en_text
    assert "diubah di luar aplikasi" in refused.value.id_text
    with sqlite3.connect(shop.data_dir / STORE_FILE) as raw:
        assert raw.execute("SELECT count(*) FROM redemptions").fetchone()[0] == served_before
