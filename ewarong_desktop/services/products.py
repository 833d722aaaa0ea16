"""Goods the e-warong sells: code, name, aid category, unit and price."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound
from ewarong_desktop.domain.identity import clean_name
from ewarong_desktop.domain.money import check_amount
from ewarong_desktop.domain.quantity import check_unit, from_milli
from ewarong_desktop.domain.rules import check_category
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.store.models import Product, PurchaseLine, StockMovement


@dataclass(frozen=True)
class ProductView:
    id: str
    code: str
    name: str
    category: str
    unit: str
    price_rupiah: int
    active: bool
    stock: Decimal


@dataclass(frozen=True)
class ProductInput:
    code: str
    name: str
    category: str
    unit: str
    price_rupiah: int

    def cleaned(self) -> ProductInput:
        code = self.code.strip().upper()
        if not code or len(code) > 40 or " " in code:
            raise InvalidInput(
                f"Kode barang '{self.code}' harus 1-40 karakter tanpa spasi.",
                f"Product code '{self.code}' must be 1-40 characters with no spaces.",
            )
        if self.price_rupiah <= 0:
            raise InvalidInput("Harga harus lebih dari 0.", "The price must be more than 0.")
        check_amount(self.price_rupiah)
        return ProductInput(
            code=code,
            name=clean_name(self.name, what_id="Nama barang", what_en="Product name"),
            category=check_category(self.category),
            unit=check_unit(self.unit),
            price_rupiah=self.price_rupiah,
        )


def stock_levels(session: Session, product_ids: list[str]) -> dict[str, int]:
    """Levels of some products: what is left in lots plus lot-less stock (found in a count).

    Equal to the sum of each product's whole ledger (`check` proves it) but reads a handful
    of rows instead of every movement the product ever had.
    """
    levels = dict.fromkeys(product_ids, 0)
    params = {"ids": list(product_ids)}
    for statement in (_LEVELS_IN_LOTS, _LEVELS_WITHOUT_LOT):
        for product_id, milli in session.execute(statement, params):
            levels[product_id] += int(milli)
    return levels


# Built once: the counter asks for levels on every basket it checks.
_LEVELS_IN_LOTS = (
    select(PurchaseLine.product_id, func.sum(PurchaseLine.remaining_milli))
    .where(PurchaseLine.product_id.in_(bindparam("ids", expanding=True)))
    .where(PurchaseLine.remaining_milli > 0)
    .group_by(PurchaseLine.product_id)
)
_LEVELS_WITHOUT_LOT = (
    select(StockMovement.product_id, func.sum(StockMovement.quantity_milli))
    .where(StockMovement.product_id.in_(bindparam("ids", expanding=True)))
    .where(StockMovement.lot_id.is_(None))
    .group_by(StockMovement.product_id)
)


def stock_milli(session: Session, product_id: str) -> int:
    return stock_levels(session, [product_id])[product_id]


def view(row: Product, level_milli: int) -> ProductView:
    return ProductView(
        id=row.id,
        code=row.code,
        name=row.name,
        category=row.category,
        unit=row.unit,
        price_rupiah=row.price_rupiah,
        active=row.active,
        stock=from_milli(level_milli),
    )


def product_row(session: Session, product_id: str) -> Product:
    row = session.get(Product, product_id)
    if row is None:
        raise NotFound("Barang tidak ditemukan.", "Product not found.")
    return row


def resolve(session: Session, name_or_code: str) -> Product:
    """A product by its code or name (any case), else by the one name that starts so."""
    key = name_or_code.strip()
    row = session.scalars(
        select(Product).where(
            or_(func.upper(Product.code) == key.upper(), func.lower(Product.name) == key.lower())
        )
    ).first()
    if row is not None:
        return row
    starting = session.scalars(
        select(Product).where(func.lower(Product.name).startswith(key.lower())).limit(3)
    ).all()
    if len(starting) == 1 and key:
        return starting[0]
    if len(starting) > 1:
        names = ", ".join(p.name for p in starting)
        raise InvalidInput(
            f"'{key}' cocok dengan beberapa barang ({names}); tulis lebih lengkap atau pakai kode.",
            f"'{key}' matches several products ({names}); type more of it or use the code.",
        )
    raise NotFound(
        f"Barang '{key}' tidak ada (cari dengan nama atau kode barang).",
        f"No product '{key}' (use the product's name or code).",
    )


def _refuse_duplicates(session: Session, data: ProductInput, own_id: str | None) -> None:
    for column, value, what_id, what_en in (
        (Product.code, data.code, "Kode", "Code"),
        (Product.name, data.name, "Nama", "Name"),
    ):
        other = session.scalars(select(Product).where(func.lower(column) == value.lower())).first()
        if other is not None and other.id != own_id:
            raise Conflict(
                f"{what_id} barang '{value}' sudah dipakai.",
                f"{what_en} '{value}' is already used by another product.",
            )


def add_product(ctx: ServiceContext, data: ProductInput) -> ProductView:
    ctx.require_admin("menambah barang", "add products")
    clean = data.cleaned()
    with ctx.transaction("add_product") as session:
        _refuse_duplicates(session, clean, None)
        row = Product(
            code=clean.code,
            name=clean.name,
            category=clean.category,
            unit=clean.unit,
            price_rupiah=clean.price_rupiah,
            active=True,
        )
        session.add(row)
        session.flush()
        return view(row, 0)


def edit_product(ctx: ServiceContext, product_id: str, data: ProductInput) -> ProductView:
    ctx.require_admin("mengubah barang", "change products")
    clean = data.cleaned()
    with ctx.transaction("edit_product") as session:
        row = product_row(session, product_id)
        _refuse_duplicates(session, clean, row.id)
        row.code, row.name, row.category = clean.code, clean.name, clean.category
        row.unit, row.price_rupiah = clean.unit, clean.price_rupiah
        session.flush()
        return view(row, stock_milli(session, row.id))


def set_product_active(ctx: ServiceContext, product_id: str, active: bool) -> ProductView:
    ctx.require_admin("mengubah barang", "change products")
    with ctx.transaction("activate_product" if active else "deactivate_product") as session:
        row = product_row(session, product_id)
        row.active = active
        session.flush()
        return view(row, stock_milli(session, row.id))


def list_products(ctx: ServiceContext, *, include_inactive: bool = True) -> list[ProductView]:
    with ctx.reading() as session:
        stmt = select(Product).order_by(Product.category, Product.name)
        if not include_inactive:
            stmt = stmt.where(Product.active.is_(True))
        rows = session.scalars(stmt).all()
        levels = stock_levels(session, [r.id for r in rows])
        return [view(r, levels[r.id]) for r in rows]


def find_product(ctx: ServiceContext, name_or_code: str) -> ProductView:
    with ctx.reading() as session:
        row = resolve(session, name_or_code)
        return view(row, stock_milli(session, row.id))
