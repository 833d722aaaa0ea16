"""`product`, `purchase add` and `stock`: goods, where they came from, what is on the shelf."""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.table import layout
from ewarong_desktop.cli.usage import Bilingual, UsageError
from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.money import format_rupiah, parse_rupiah
from ewarong_desktop.domain.periods import parse_date
from ewarong_desktop.domain.quantity import UNITS, format_quantity, parse_change, parse_quantity
from ewarong_desktop.domain.rules import (
    CATEGORIES,
    CATEGORY_LABELS,
    SOURCE_KIND_LABELS,
    SOURCE_KINDS,
)
from ewarong_desktop.domain.words import Words
from ewarong_desktop.services import products, purchases, stock
from ewarong_desktop.services.products import ProductInput
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput


def _choices(intro: Words, labels: dict[str, Words]) -> Bilingual:
    """An option's help naming each word it takes and what the word means, in either
    language: the words themselves are the store's and the bundle's, the same in both."""
    return Bilingual(
        f"{intro.id}: " + "; ".join(f"{k} = {w.id}" for k, w in labels.items()),
        f"{intro.en}: " + "; ".join(f"{k} = {w.en}" for k, w in labels.items()),
    )


CATEGORY_HELP = _choices(Words("golongan pangan", "food category"), CATEGORY_LABELS)
SOURCE_KIND_HELP = _choices(Words("asal barang", "where the goods came from"), SOURCE_KIND_LABELS)


def register(sub: Any) -> None:
    product = sub.add_parser("product", help="barang / products")
    product_sub = product.add_subparsers(
        dest="product_command", required=True, metavar="add|list|edit|activate|deactivate"
    )
    add = product_sub.add_parser(
        "add",
        help="tambah barang (admin) / add a product",
        description=(
            "Contoh: ewarong-desktop product add --code GLA --name 'Gula pasir' "
            "--category lainnya --unit kg --price 15000"
        ),
    )
    add.add_argument("--code", required=True, help="kode singkat, mis. BRS")
    add.add_argument("--name", required=True, help="nama barang")
    add.add_argument(
        "--category",
        required=True,
        type=str.lower,
        choices=CATEGORIES,
        metavar="CATEGORY",
        help=CATEGORY_HELP,
    )
    add.add_argument("--unit", required=True, type=str.lower, choices=UNITS)
    add.add_argument("--price", required=True, help="harga jual, mis. 12000 atau Rp12.000")
    add.set_defaults(run=run_product_add)
    product_sub.add_parser("list").set_defaults(run=run_stock)
    edit = product_sub.add_parser(
        "edit",
        help="ubah barang (admin) / change a product",
        description="Contoh: ewarong-desktop product edit BRS --price 12500",
    )
    edit.add_argument("product", metavar="CODE_OR_NAME")
    edit.add_argument("--code", help="kode baru")
    edit.add_argument("--name", help="nama baru")
    edit.add_argument(
        "--category", type=str.lower, choices=CATEGORIES, metavar="CATEGORY", help=CATEGORY_HELP
    )
    edit.add_argument("--unit", type=str.lower, choices=UNITS)
    edit.add_argument("--price", help="harga jual baru, mis. 12500")
    edit.set_defaults(run=run_product_edit)
    for name, active in (("deactivate", False), ("activate", True)):
        toggle = product_sub.add_parser(
            name,
            help=("aktifkan" if active else "nonaktifkan") + " barang (admin)",
            description=f"Contoh: ewarong-desktop product {name} BRS",
        )
        toggle.add_argument("product", metavar="CODE_OR_NAME")
        toggle.set_defaults(run=run_product_active, active=active)

    purchase = sub.add_parser("purchase", help="pembelian barang / purchases")
    purchase_sub = purchase.add_subparsers(
        dest="purchase_command", required=True, metavar="add|list|void"
    )
    padd = purchase_sub.add_parser("add")
    padd.add_argument("--date", help="YYYY-MM-DD (bawaan: hari ini)")
    padd.add_argument(
        "--source-kind",
        required=True,
        choices=SOURCE_KINDS,
        metavar="KIND",
        help=SOURCE_KIND_HELP,
    )
    padd.add_argument("--source-name", default="")
    padd.add_argument("--item", action="append", required=True, metavar="PRODUCT:QTY@PRICE")
    padd.add_argument("--note", default="")
    padd.add_argument(
        "--yes",
        action="store_true",
        help="ya, tanggal lebih dari 12 bulan lalu atau harga Rp0 memang benar / yes, it is right",
    )
    padd.add_argument("--source-tax-id", help="NPWP/NIB pemasok (sekali; dipakai seterusnya)")
    padd.set_defaults(run=run_purchase_add)
    plist = purchase_sub.add_parser("list")
    plist.add_argument("--month", metavar="YYYY-MM", help="bulan / month (bawaan: semua)")
    plist.set_defaults(run=run_purchase_list)
    pvoid = purchase_sub.add_parser("void")
    pvoid.add_argument("id", help="nomor pembelian (boleh 8 karakter pertama) / the purchase's id")
    pvoid.add_argument("--reason", required=True, help="alasan / reason")
    pvoid.set_defaults(run=run_purchase_void)

    stock_parser = sub.add_parser(
        "stock",
        help="stok barang / stock levels",
        description=(
            "Tanpa opsi: stok setiap barang. Dengan --adjust: jumlah negatif untuk barang "
            "rusak atau hilang, positif hanya untuk kelebihan saat opname. Contoh: "
            "ewarong-desktop stock --adjust Telur:-0,5 --reason rusak"
        ),
    )
    stock_parser.add_argument(
        "--adjust", metavar="PRODUCT:QTY", help="selisih, mis. Telur:-0,5 (rusak/hilang: negatif)"
    )
    stock_parser.add_argument("--reason", choices=("rusak", "hilang", "opname"))
    stock_parser.add_argument("--note", default="")
    stock_parser.set_defaults(run=run_stock)


def split_item(text: str) -> tuple[str, str]:
    name, sep, qty = text.rpartition(":")
    if not sep or not name.strip() or not qty.strip():
        raise InvalidInput(
            f"Barang '{text}' harus ditulis NAMA:JUMLAH, misalnya Beras:10.",
            f"Item '{text}' must be written NAME:QUANTITY, for example Beras:10.",
        )
    return name.strip(), qty.strip()


def run_product_add(args: argparse.Namespace, env: CliEnv) -> int:
    data = ProductInput(args.code, args.name, args.category, args.unit, parse_rupiah(args.price))
    added = products.add_product(env.context(), data)
    env.out(f"{added.code}  {added.name}  {format_rupiah(added.price_rupiah)}/{added.unit}")
    return 0


def _product_line(env: CliEnv, p: products.ProductView) -> None:
    state = "" if p.active else "  [nonaktif]"
    env.out(f"{p.code}  {p.name}  {format_rupiah(p.price_rupiah)}/{p.unit}{state}")


def run_product_edit(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    now = products.find_product(ctx, args.product)
    data = ProductInput(
        args.code or now.code,
        args.name or now.name,
        args.category or now.category,
        args.unit or now.unit,
        parse_rupiah(args.price) if args.price else now.price_rupiah,
    )
    _product_line(env, products.edit_product(ctx, now.id, data))
    return 0


def run_product_active(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    found = products.find_product(ctx, args.product)
    _product_line(env, products.set_product_active(ctx, found.id, args.active))
    return 0


def run_purchase_add(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    lines = []
    for item in args.item:
        name, rest = split_item(item)
        qty_text, at, price_text = rest.partition("@")
        if not at:
            raise InvalidInput(
                f"Barang '{item}' perlu harga beli: NAMA:JUMLAH@HARGA, misalnya Beras:100@10000.",
                f"Item '{item}' needs a cost: NAME:QUANTITY@PRICE, for example Beras:100@10000.",
            )
        product = products.find_product(ctx, name)
        lines.append(
            PurchaseLineInput(product.id, parse_quantity(qty_text), parse_rupiah(price_text))
        )
    day = parse_date(args.date) if args.date else ctx.today()
    made = purchases.record_purchase(
        ctx,
        PurchaseInput(
            day,
            args.source_kind,
            args.source_name,
            tuple(lines),
            args.note,
            confirmed=args.yes,
            source_tax_id=args.source_tax_id,
        ),
    )
    env.out(f"{made.id}  {made.date}  {made.source_name}  {format_rupiah(made.total_rupiah)}")
    return 0


def _purchase_row(env: CliEnv, p: purchases.PurchaseView) -> list[str]:
    from ewarong_desktop.domain.states import Status

    state = Status(p.status).label(env.lang) if p.status == Status.VOIDED else ""
    own = (
        env.t("sumber sendiri", "own source") if p.is_own else env.t("pihak ketiga", "third party")
    )
    return [p.id, str(p.date), p.source_name, own, format_rupiah(p.total_rupiah), state]


def run_purchase_list(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.domain.periods import Period

    period = Period.parse(args.month) if args.month else None
    found = purchases.list_purchases(env.context(), period)
    for line in layout([_purchase_row(env, p) for p in found], right=(4,)):
        env.out(line)
    if not found:
        env.out(env.t("Belum ada pembelian.", "No purchases."))
    return 0


def run_purchase_void(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    wanted = args.id.strip().lower()
    matches = [p for p in purchases.list_purchases(ctx) if p.id.lower().startswith(wanted)]
    if len(wanted) < 8 or len(matches) != 1:
        raise InvalidInput(
            f"Pembelian '{args.id}' tidak ditemukan (tulis paling sedikit 8 karakter pertama "
            "nomornya; lihat: purchase list).",
            f"Purchase '{args.id}' not found (give at least the first 8 characters of its "
            "id; see: purchase list).",
        )
    voided = purchases.void_purchase(ctx, matches[0].id, args.reason)
    for line in layout([_purchase_row(env, voided)], right=(4,)):
        env.out(line)
    return 0


def run_stock(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    if getattr(args, "adjust", None):
        if not args.reason:
            raise UsageError("--adjust perlu --reason.", "--adjust needs --reason.")
        name, qty = split_item(args.adjust)
        product = products.find_product(ctx, name)
        level = stock.adjust_stock(ctx, product.id, parse_change(qty), args.reason, args.note).level
        env.out(f"{product.name}: {format_quantity(level, product.unit, env.lang)}")
        return 0
    if getattr(args, "reason", None):
        raise UsageError(
            "--reason hanya berlaku bersama --adjust BARANG:JUMLAH.",
            "--reason goes with --adjust PRODUCT:QTY.",
        )
    rows = [
        [
            p.code,
            p.name + ("" if p.active else env.t("  [nonaktif]", "  [inactive]")),
            p.category,
            f"{format_rupiah(p.price_rupiah)}/{p.unit}",
            format_quantity(p.stock, p.unit, env.lang),
        ]
        for p in products.list_products(ctx)
    ]
    # Laid out by width: a long name or a stock in the millions never runs into the next.
    for line in layout(rows, right=(3, 4)):
        env.out(line)
    return 0
