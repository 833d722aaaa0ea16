"""The stock ledger: FIFO over purchase lots, adjustments with a reason, the movement list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import InsufficientStock, InvalidInput
from ewarong_desktop.domain.quantity import check_quantity, format_quantity, from_milli, to_milli
from ewarong_desktop.domain.rules import ADJUSTMENT_REASONS
from ewarong_desktop.services.basket import Good
from ewarong_desktop.services.changes import Changes, Topic
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.products import product_row, stock_milli
from ewarong_desktop.store.base import utc_now
from ewarong_desktop.store.repositories import stock as stock_repo
from ewarong_desktop.store.repositories.products import stock_levels
from ewarong_desktop.store.repositories.stock import OpenLot


@dataclass(frozen=True)
class MovementView:
    id: int
    product_id: str
    product_name: str
    unit: str
    kind: str
    quantity: Decimal
    reason: str | None
    note: str
    movement_date: date
    operator_name: str
    created_at: datetime
    balance: Decimal  # the item's stock after this movement


@dataclass(frozen=True)
class StockLevel:
    """An item's stock after an adjustment."""

    level: Decimal
    changes: Changes = frozenset({Topic.STOCK})


def refuse_short(product: Good, wanted_milli: int, level_milli: int) -> InsufficientStock:
    have_id = format_quantity(from_milli(level_milli), product.unit, "id")
    have_en = format_quantity(from_milli(level_milli), product.unit, "en")
    want_id = format_quantity(from_milli(wanted_milli), product.unit, "id")
    want_en = format_quantity(from_milli(wanted_milli), product.unit, "en")
    return InsufficientStock(
        f"Stok {product.name} tidak cukup: diminta {want_id}, tersedia {have_id}.",
        f"Not enough {product.name} in stock: {want_en} asked, {have_en} available.",
    )


@dataclass(frozen=True)
class Shelf:
    """Some products' stock as read once in a transaction: each one's open lots, oldest first,
    and its lot-less stock (found in a count). `draw` keeps it current as it takes, so a
    basket reads the shelf once for all its lines, however many months it is split over, and
    `store_drawn` writes what is left of every lot it drew on in one statement."""

    lots: dict[str, list[OpenLot]]
    without_lot: dict[str, int]
    drawn: dict[str, OpenLot] = field(default_factory=dict)

    def level(self, product_id: str) -> int:
        """What is left of a product, in thousandths (the sum of its ledger)."""
        in_lots = sum(lot.remaining_milli for lot in self.lots[product_id])
        return in_lots + self.without_lot[product_id]


def load_shelf(session: Session, product_ids: Iterable[str]) -> Shelf:
    """The shelf for these products, in two queries."""
    ids = list(dict.fromkeys(product_ids))
    return Shelf(stock_repo.open_lots(session, ids), stock_repo.without_lot_milli(session, ids))


def shelf_with(session: Session, shelf: Shelf | None, product_ids: Iterable[str]) -> Shelf:
    """`shelf` (the one the counter kept from its last basket, proven current by the
    caller) with the stock of any of these products it lacks read in; `load_shelf` when
    there is none."""
    ids = list(dict.fromkeys(product_ids))
    if shelf is None:
        return load_shelf(session, ids)
    missing = [product_id for product_id in ids if product_id not in shelf.lots]
    if missing:
        shelf.lots.update(stock_repo.open_lots(session, missing))
        shelf.without_lot.update(stock_repo.without_lot_milli(session, missing))
    return shelf


def settled(shelf: Shelf) -> Shelf:
    """The shelf as the store holds it once what `draw` took is written: the emptied lots
    out (a read leaves them out too)."""
    return Shelf(
        {
            product_id: [lot for lot in lots if lot.remaining_milli > 0]
            for product_id, lots in shelf.lots.items()
        },
        dict(shelf.without_lot),
    )


def draw(
    shelf: Shelf,
    product: Good,
    milli: int,
    *,
    kind: str,
    on: date,
    operator: str,
    redemption_line_id: int | None = None,
    reason: str | None = None,
    note: str = "",
) -> list[dict[str, Any]]:
    """The movements that take `milli` out of stock, oldest lot first; lot-less stock (found
    in a count) last. Takes them off `shelf` (holding `product`) and writes nothing: the
    caller writes the movements (`stock_repo.add_movements`) and the lots (`store_drawn`)."""
    movements: list[dict[str, Any]] = []
    left = milli
    for lot in shelf.lots[product.id]:
        if left == 0:
            break
        if lot.remaining_milli == 0:  # emptied by an earlier line of this transaction
            continue
        part = min(left, lot.remaining_milli)
        lot.remaining_milli -= part
        shelf.drawn[lot.id] = lot
        left -= part
        movements.append(
            _movement(
                product.id, -part, kind, on, operator, lot.id, redemption_line_id, reason, note
            )
        )
    if left:
        if left > shelf.without_lot[product.id]:
            raise refuse_short(product, milli, shelf.level(product.id) + (milli - left))
        shelf.without_lot[product.id] -= left
        movements.append(
            _movement(product.id, -left, kind, on, operator, None, redemption_line_id, reason, note)
        )
    return movements


def store_drawn(session: Session, shelf: Shelf) -> None:
    """Write what is left of every lot `draw` took from (in one statement)."""
    stock_repo.set_remaining(session, list(shelf.drawn.values()))
    shelf.drawn.clear()


def put_back(
    session: Session,
    taken: list[tuple[str, int, str | None, int | None]],
    *,
    kind: str,
    on: date,
    operator: str,
) -> None:
    """Undo movements made by `draw` (product, quantity, lot, redemption line, as
    `redemption_repo.stock_taken` reads them), into the very lots they came from: one
    statement for the movements, one for the lots."""
    returned: dict[str, int] = {}
    for _product_id, milli, lot_id, _line_id in taken:
        if lot_id is not None:
            returned[lot_id] = returned.get(lot_id, 0) - milli
    stock_repo.put_back_into(session, returned)
    stock_repo.add_movements(
        session,
        [
            _movement(product_id, -milli, kind, on, operator, lot_id, line_id, None, "")
            for product_id, milli, lot_id, line_id in taken
        ],
    )


def _movement(
    product_id: str,
    milli: int,
    kind: str,
    on: date,
    operator: str,
    lot_id: str | None,
    redemption_line_id: int | None,
    reason: str | None,
    note: str,
) -> dict[str, Any]:
    """A stock movement's columns, as `stock_repo.add_movements` inserts them."""
    return {
        "product_id": product_id,
        "kind": kind,
        "quantity_milli": milli,
        "lot_id": lot_id,
        "redemption_line_id": redemption_line_id,
        "reason": reason,
        "note": note,
        "movement_date": on,
        "operator_name": operator,
        "created_at": utc_now(),
    }


def adjust_stock(
    ctx: ServiceContext, product_id: str, change: Decimal, reason: str, note: str = ""
) -> StockLevel:
    """Record damaged or lost goods (out) or a stock count's difference (either way)."""
    if reason not in ADJUSTMENT_REASONS:
        raise InvalidInput(
            f"Alasan penyesuaian harus salah satu dari: {', '.join(ADJUSTMENT_REASONS)}.",
            f"The adjustment reason must be one of: {', '.join(ADJUSTMENT_REASONS)}.",
        )
    check_quantity(abs(change))
    milli = to_milli(change)
    if milli == 0:
        raise InvalidInput(
            "Penyesuaian 0 tidak mengubah stok: tulis selisihnya, negatif untuk barang rusak "
            "atau hilang (mis. -2), positif hanya untuk kelebihan saat opname.",
            "An adjustment of 0 changes nothing: enter the difference, negative for damaged "
            "or lost goods (e.g. -2), positive only for a surplus found at a stock count.",
        )
    if milli > 0 and reason != "opname":
        raise InvalidInput(
            "Barang rusak atau hilang mengurangi stok: isi jumlah negatif.",
            "Damaged or lost goods reduce stock: enter a negative quantity.",
        )
    with ctx.transaction("adjust_stock") as session:
        product = product_row(session, product_id)
        if milli < 0:
            shelf = load_shelf(session, [product.id])
            out = draw(
                shelf,
                product,
                -milli,
                kind="adjustment",
                on=ctx.today(),
                operator=ctx.actor.name,
                reason=reason,
                note=note,
            )
            stock_repo.add_movements(session, out)
            store_drawn(session, shelf)
        else:
            stock_repo.add_movements(
                session,
                [
                    _movement(
                        product.id,
                        milli,
                        "adjustment",
                        ctx.today(),
                        ctx.actor.name,
                        None,
                        None,
                        reason,
                        note,
                    )
                ],
            )
        return StockLevel(from_milli(stock_milli(session, product.id)))


def movements(
    ctx: ServiceContext, product_id: str | None = None, *, limit: int = 2000
) -> list[MovementView]:
    """The ledger, newest first, each line with the item's stock after it (walked back from
    today's level, so a list cut at `limit` still shows true balances)."""
    with ctx.reading() as session:
        rows = stock_repo.movements(session, product_id, limit=limit)
        after = stock_levels(session, list({p.id for _m, p in rows}))
        out = []
        for m, p in rows:
            out.append(
                MovementView(
                    id=m.id,
                    product_id=p.id,
                    product_name=p.name,
                    unit=p.unit,
                    kind=m.kind,
                    quantity=from_milli(m.quantity_milli),
                    reason=m.reason,
                    note=m.note,
                    movement_date=m.movement_date,
                    operator_name=m.operator_name,
                    created_at=m.created_at,
                    balance=from_milli(after[p.id]),
                )
            )
            after[p.id] -= m.quantity_milli
        return out
