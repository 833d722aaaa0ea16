"""Goods the e-warong sells: code, name, aid category, unit and price."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound
from ewarong_desktop.domain.identity import clean_name
from ewarong_desktop.domain.money import check_amount
from ewarong_desktop.domain.quantity import check_unit, from_milli
from ewarong_desktop.domain.rules import check_category
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Topic, changed
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.store.models import Product
from ewarong_desktop.store.repositories import products as product_repo
from ewarong_desktop.store.repositories.products import stock_levels


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
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


@dataclass(frozen=True)
class ProductInput:
    code: str
    name: str
    category: str
    unit: str
    price_rupiah: int

    def cleaned(self) -> ProductInput:
        code = self.code.strip().upper()
        if not code or len(code) > 40 or " " in code or not code.isprintable():
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


def _not_found() -> NotFound:
    return NotFound("Barang tidak ditemukan.", "Product not found.")


def product_row(session: Session, product_id: str) -> Product:
    row = product_repo.get(session, product_id)
    if row is None:
        raise _not_found()
    return row


def product_rows(session: Session, product_ids: list[str]) -> dict[str, Product]:
    """Several products by id, in one query (a basket's goods)."""
    rows = product_repo.by_ids(session, product_ids)
    if any(product_id not in rows for product_id in product_ids):
        raise _not_found()
    return rows


def resolve(session: Session, name_or_code: str) -> Product:
    """The one product meant by what was typed: its code or name (any case), else the one name
    starting so, else the one name containing it ("bayam" finds "Sayur bayam").

    The counter, the purchases page and the CLI all call this, so what one finds all find.
    """
    key = " ".join(name_or_code.split())
    if not key:
        raise InvalidInput("Ketik nama atau kode barang.", "Type the product's name or code.")
    row = product_repo.by_code_or_name(session, key)
    if row is not None:
        return row
    for search in (product_repo.named_starting, product_repo.named_containing):
        hits = search(session, key, 6)
        if len(hits) == 1:
            return hits[0]
        if hits:
            names = ", ".join(p.name for p in hits[:5])
            raise InvalidInput(
                f"'{key}' cocok dengan beberapa barang ({names}); tulis lebih lengkap atau "
                "pakai kode.",
                f"'{key}' matches several products ({names}); type more of it or use the code.",
            )
    raise NotFound(
        f"Barang '{key}' tidak ada (cari dengan nama atau kode barang).",
        f"No product '{key}' (use the product's name or code).",
    )


def _refuse_duplicates(session: Session, data: ProductInput, own_id: str | None) -> None:
    for find, value, what_id, what_en in (
        (product_repo.with_code, data.code, "Kode", "Code"),
        (product_repo.with_name, data.name, "Nama", "Name"),
    ):
        other = find(session, value)
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
        return changed(view(row, 0), Topic.PRODUCT)


def edit_product(ctx: ServiceContext, product_id: str, data: ProductInput) -> ProductView:
    ctx.require_admin("mengubah barang", "change products")
    clean = data.cleaned()
    with ctx.transaction("edit_product") as session:
        row = product_row(session, product_id)
        _refuse_duplicates(session, clean, row.id)
        row.code, row.name, row.category = clean.code, clean.name, clean.category
        row.unit, row.price_rupiah = clean.unit, clean.price_rupiah
        session.flush()
        return changed(view(row, stock_milli(session, row.id)), Topic.PRODUCT)


def set_product_active(ctx: ServiceContext, product_id: str, active: bool) -> ProductView:
    ctx.require_admin("mengubah barang", "change products")
    with ctx.transaction("activate_product" if active else "deactivate_product") as session:
        row = product_row(session, product_id)
        row.active = active
        session.flush()
        return changed(view(row, stock_milli(session, row.id)), Topic.PRODUCT)


def list_products(ctx: ServiceContext, *, include_inactive: bool = True) -> list[ProductView]:
    with ctx.reading() as session:
        rows = product_repo.listed(session, include_inactive=include_inactive)
        levels = stock_levels(session, [r.id for r in rows])
        return [view(r, levels[r.id]) for r in rows]


def find_product(ctx: ServiceContext, name_or_code: str) -> ProductView:
    with ctx.reading() as session:
        row = resolve(session, name_or_code)
        return view(row, stock_milli(session, row.id))
