"""The stock ledger: FIFO over purchase lots, adjustments with a reason, the movement list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import InsufficientStock, InvalidInput
from ewarong_desktop.domain.quantity import check_quantity, format_quantity, from_milli, to_milli
from ewarong_desktop.domain.rules import ADJUSTMENT_REASONS
from ewarong_desktop.services.changes import Changes, Topic
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.products import product_row, stock_milli
from ewarong_desktop.store.models import Product, PurchaseLine, RedemptionLine, StockMovement
from ewarong_desktop.store.repositories import stock as stock_repo
from ewarong_desktop.store.repositories.products import stock_levels


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


def refuse_short(product: Product, wanted_milli: int, level_milli: int) -> InsufficientStock:
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
    and its lot-less stock (found in a count). `take_out` keeps it current as it takes, so a
    basket reads the shelf once for all its lines, however many months it is split over."""

    lots: dict[str, list[PurchaseLine]]
    without_lot: dict[str, int]

    def level(self, product_id: str) -> int:
        """What is left of a product, in thousandths (the sum of its ledger)."""
        in_lots = sum(lot.remaining_milli for lot in self.lots[product_id])
        return in_lots + self.without_lot[product_id]


def load_shelf(session: Session, product_ids: Iterable[str]) -> Shelf:
    """The shelf for these products, in two queries."""
    ids = list(dict.fromkeys(product_ids))
    return Shelf(stock_repo.open_lots(session, ids), stock_repo.without_lot_milli(session, ids))


def take_out(
    session: Session,
    product: Product,
    milli: int,
    *,
    kind: str,
    on: date,
    operator: str,
    redemption_line: RedemptionLine | None = None,
    reason: str | None = None,
    note: str = "",
    shelf: Shelf | None = None,
) -> list[StockMovement]:
    """Move `milli` out of stock, oldest lot first; lot-less stock (found in a count) last.
    `shelf` (read in this transaction, holding `product`) saves reading the stock again."""
    shelf = shelf or load_shelf(session, [product.id])
    movements: list[StockMovement] = []
    left = milli
    for lot in shelf.lots[product.id]:
        if left == 0:
            break
        if lot.remaining_milli == 0:  # emptied by an earlier line of this transaction
            continue
        part = min(left, lot.remaining_milli)
        lot.remaining_milli -= part
        left -= part
        movements.append(
            _movement(product, -part, kind, on, operator, lot.id, redemption_line, reason, note)
        )
    if left:
        if left > shelf.without_lot[product.id]:
            raise refuse_short(product, milli, shelf.level(product.id) + (milli - left))
        shelf.without_lot[product.id] -= left
        movements.append(
            _movement(product, -left, kind, on, operator, None, redemption_line, reason, note)
        )
    session.add_all(movements)
    return movements


def put_back(
    session: Session, taken: list[StockMovement], *, kind: str, on: date, operator: str
) -> None:
    """Undo movements made by `take_out`, into the very lots they came from (read at once,
    before anything is added: no flush between the reads)."""
    lots = stock_repo.lots(session, list({out.lot_id for out in taken if out.lot_id}))
    for out in taken:
        if out.lot_id is not None:
            lots[out.lot_id].remaining_milli -= out.quantity_milli
        session.add(
            StockMovement(
                product_id=out.product_id,
                kind=kind,
                quantity_milli=-out.quantity_milli,
                lot_id=out.lot_id,
                redemption_line_id=out.redemption_line_id,
                movement_date=on,
                operator_name=operator,
            )
        )


def _movement(
    product: Product,
    milli: int,
    kind: str,
    on: date,
    operator: str,
    lot_id: str | None,
    redemption_line: RedemptionLine | None,
    reason: str | None,
    note: str,
) -> StockMovement:
    # The line by reference: its id is SQLite's rowid, known once the flush writes it.
    return StockMovement(
        product_id=product.id,
        kind=kind,
        quantity_milli=milli,
        lot_id=lot_id,
        redemption_line=redemption_line,
        reason=reason,
        note=note,
        movement_date=on,
        operator_name=operator,
    )


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
            take_out(
                session,
                product,
                -milli,
                kind="adjustment",
                on=ctx.today(),
                operator=ctx.actor.name,
                reason=reason,
                note=note,
            )
        else:
            session.add(
                _movement(
                    product,
                    milli,
                    "adjustment",
                    ctx.today(),
                    ctx.actor.name,
                    None,
                    None,
                    reason,
                    note,
                )
            )
        session.flush()
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
