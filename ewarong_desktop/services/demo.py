"""`demo`: a realistic e-warong, month by month, deterministic for a seed."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from ewarong_desktop.domain.errors import Conflict
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.states import Role
from ewarong_desktop.services import fund
from ewarong_desktop.services.context import CLI_ACTOR, Actor, ServiceContext
from ewarong_desktop.services.operators import create_operator
from ewarong_desktop.services.products import ProductInput, add_product
from ewarong_desktop.services.profile import ProfileInput, confirm_working_month
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput, record_purchase
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest, redeem, void_redemption
from ewarong_desktop.services.setup import SetupResult, initialise, store_exists
from ewarong_desktop.services.stock import adjust_stock
from ewarong_desktop.store.models import Beneficiary, Product
from ewarong_desktop.store.repositories import beneficiaries as kpm_rows
from ewarong_desktop.store.repositories.demo import products_by_code

DEMO_PROFILE = ProfileInput(
    code="LTM-SKP-01",
    name="E-Warong KUBE Sejahtera",
    desa="Sidodadi",
    kecamatan="Sekampung",
    kabupaten="Lampung Timur",
    area_code="18.07.12.2001",
)
# code, name, category, unit, price, usual quantity per KPM per month
PRODUCTS = (
    ("BRS", "Beras medium", "karbohidrat", "kg", 12_000, Decimal(10)),
    ("TLR", "Telur ayam", "protein_hewani", "kg", 28_000, Decimal(1)),
    ("AYM", "Daging ayam", "protein_hewani", "kg", 36_000, Decimal("0.5")),
    ("LLE", "Ikan lele", "protein_hewani", "kg", 26_000, Decimal("0.5")),
    ("TMP", "Tempe", "protein_nabati", "pcs", 5_000, Decimal(2)),
    ("KHJ", "Kacang hijau", "protein_nabati", "kg", 22_000, Decimal("0.5")),
    ("BYM", "Sayur bayam", "vitamin_mineral", "ikat", 3_000, Decimal(2)),
    ("PSG", "Pisang", "vitamin_mineral", "kg", 14_000, Decimal(1)),
    ("MYK", "Minyak goreng", "lainnya", "liter", 17_000, Decimal(0)),
)
OWN_SOURCES = (
    ("anggota_kube", "Kelompok Tani Makmur"),
    ("petani_lokal", "Pak Sugeng"),
    ("produksi_sendiri", "Kolam lele KUBE"),
    ("bumdes", "BUMDes Sidodadi"),
)
SUPPLIERS = ("CV Sumber Pangan", "UD Tiga Saudara")
# Typed by the admin from the second month on (an NPWP); UD Tiga Saudara never gave one.
SUPPLIER_TAX_IDS = {"CV Sumber Pangan": "012345678901000"}
DESA = ("Sidodadi", "Sumbergede", "Giriklopomulyo", "Wonokarto", "Mekar Mulya", "Hargomulyo")
FIRST = (
    "Siti",
    "Sri",
    "Sumarni",
    "Wagiyem",
    "Suparmi",
    "Ngatinah",
    "Ratna",
    "Dewi",
    "Sutrisno",
    "Slamet",
    "Budi",
    "Suyono",
    "Paijo",
    "Ahmad",
    "Made",
    "Nyoman",
    "Yuliani",
    "Tukiyem",
    "Marsini",
    "Rohmah",
    "Ponirah",
    "Sarinah",
    "Kasmini",
    "Tumini",
    "Jumadi",
)
LAST = (
    "Rahayu",
    "Wahyuni",
    "Lestari",
    "Susanti",
    "Handayani",
    "Purwanto",
    "Santoso",
    "Wibowo",
    "Hidayat",
    "Saputra",
    "Nurhayati",
    "Kusuma",
    "Setiawan",
    "Haryono",
    "",
)
OPERATOR_NAME, OPERATOR_PIN = "siti", "2468"


@dataclass(frozen=True)
class DemoResult:
    setup: SetupResult | None
    operator_name: str
    operator_pin: str
    months: tuple[Period, ...]
    kpm: int
    redemptions: int


def _nik(rng: random.Random, serial: int) -> str:
    day = rng.randint(1, 28) + (40 if rng.random() < 0.55 else 0)
    return (
        f"180712{day:02d}{rng.randint(1, 12):02d}{rng.randint(50, 99):02d}{serial % 9999 + 1:04d}"
    )


def _basket(rng: random.Random, products: dict[str, Product], rate: int) -> list[BasketItem]:
    items = [(products["BRS"], Decimal(rng.choice((5, 8, 10)))), (products["TLR"], Decimal(1))]
    for code in rng.sample(["AYM", "LLE", "TMP", "KHJ", "BYM", "PSG"], 3):
        usual = next(p[5] for p in PRODUCTS if p[0] == code)
        items.append((products[code], usual))
    basket, total = [], 0
    for product, qty in items:
        cost = int(qty * product.price_rupiah)
        if total + cost <= rate:
            basket.append(BasketItem(product.id, qty))
            total += cost
    return basket


def build_demo(
    data_dir: Path,
    *,
    kpm: int = 200,
    months: int = 6,
    seed: int = 1,
    today: datetime | None = None,
    actor: Actor = CLI_ACTOR,
    progress: Callable[[Period, int, int], None] | None = None,
) -> DemoResult:
    """Fill an empty folder (or a store with no KPM yet, for the admin `actor`) with months
    of made-up history; it confirms its own back-dated purchases and early entitlements.
    `progress(month, done, of)` is called as each month is finished."""
    rng = random.Random(seed)
    setup = None if store_exists(data_dir) else initialise(data_dir, DEMO_PROFILE)
    ctx = ServiceContext.open(data_dir, actor)
    try:
        with ctx.db.building():
            return _build(ctx, rng, kpm, months, setup, today, progress)
    finally:
        ctx.close()


def _build(
    ctx: ServiceContext,
    rng: random.Random,
    kpm: int,
    months: int,
    setup: SetupResult | None,
    today: datetime | None,
    progress: Callable[[Period, int, int], None] | None = None,
) -> DemoResult:
    with ctx.reading() as session:
        if kpm_rows.count(session):
            raise Conflict(
                "Data demo hanya bisa dibuat pada toko yang belum berisi KPM.",
                "Demo data can only be made in a store with no KPM yet.",
            )
    now = today or datetime.now()
    last = Period.of(now.date())
    periods = tuple(last.shift(-i) for i in reversed(range(months)))
    with ctx.transaction("demo_setup") as session:
        create_operator(session, OPERATOR_NAME, Role.OPERATOR, OPERATOR_PIN)
    for code, name, category, unit, price, _ in PRODUCTS:
        add_product(ctx, ProductInput(code, name, category, unit, price))
    with ctx.transaction("demo_kpm") as session:
        for i in range(kpm):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}".strip()
            session.add(
                Beneficiary(
                    nik=_nik(rng, i),
                    # 16 digits, as printed on a KKS card
                    kks_number=f"5{rng.randint(10**13, 10**14 - 1)}{i % 10}",
                    name=name,
                    desa=rng.choice(DESA),
                    address=f"RT {rng.randint(1, 9):02d}",
                    eligible_from=str(periods[0]),
                    active=True,
                )
            )
    redeemed = 0
    for index, period in enumerate(periods):
        redeemed += _demo_month(ctx, rng, period, index, len(periods), now)
        if progress is not None:
            progress(period, index + 1, len(periods))
    _demo_fund(ServiceContext(ctx.db, CLI_ACTOR, lambda: now), periods)
    confirm_working_month(ctx, last)
    return DemoResult(setup, OPERATOR_NAME, OPERATOR_PIN, periods, kpm, redeemed)


def _demo_fund(admin: ServiceContext, periods: tuple[Period, ...]) -> None:
    """The KUBE fund "secara bertahap": stage 1 before the first month (before the app was
    set up), stage 2 halfway, and uses for equipment, goods and running costs."""
    first, middle, last = periods[0], periods[len(periods) // 2], periods[-1]
    today = admin.today()

    def on(month: Period, day: int) -> date:  # never after the demo's today
        return min(month.first_day().replace(day=day), today)

    day = first.first_day()
    fund.record_tranche(
        admin,
        fund.TrancheInput(1, 10_000_000, day - timedelta(days=25), "B-412/DINSOS/LT"),
    )
    fund.record_use(
        admin, fund.UseInput(2_500_000, on(first, 5), "peralatan", note="timbangan, rak")
    )
    fund.record_use(
        admin,
        fund.UseInput(3_000_000, on(first, 10), "barang_sumber_sendiri", note="beras petani"),
    )
    fund.record_tranche(admin, fund.TrancheInput(2, 10_000_000, on(middle, 3), "TRF-0092"))
    end = on(last, 1)
    fund.record_use(admin, fund.UseInput(4_000_000, end, "barang_pemasok", note="telur"))
    fund.record_use(admin, fund.UseInput(500_000, end, "operasional", note="listrik, plastik"))


def _demo_month(
    ctx: ServiceContext, rng: random.Random, period: Period, index: int, count: int, now: datetime
) -> int:
    """One month as the shop lives it: each purchase, each redemption, each void and the
    month's adjustment is its own transaction with its own audit entry, as the window and
    the CLI write them (the store is what the app would have written)."""
    is_last = index == count - 1
    last_day = now.day if is_last else period.last_day().day

    def at(day: int, hour: int = 9) -> ServiceContext:
        moment = datetime.combine(period.first_day().replace(day=min(day, last_day)), time(hour))
        # The build's context has passed the clock guard for the real clock (the guard reads
        # the laptop's clock, never this simulated one).
        return ServiceContext(ctx.db, operator, lambda: moment, clock_checked=True)

    operator = Actor(OPERATOR_NAME, Role.OPERATOR)
    with ctx.reading() as session:
        kpms = [k.id for k in kpm_rows.by_nik(session)]
        products = products_by_code(session)
    # Own sources grow month by month: the district's aim, visible in the trend.
    own_share = 0.3 + 0.4 * index / max(1, count - 1)
    buyer = at(1, 8)
    for code, _name, _cat, _unit, price, usual in PRODUCTS:
        # Rice and eggs go in every basket; the other goods in about half of them.
        share = Decimal(1) if code in ("BRS", "TLR") else Decimal("0.55")
        # A margin of a quarter plus a few KPMs' worth, so chance never empties a shelf.
        need = usual * len(kpms) * share * Decimal("1.25") + usual * 5 + 5
        own_qty = (need * Decimal(str(round(own_share, 2)))).quantize(Decimal(1))
        kind, own_name = rng.choice(OWN_SOURCES)
        for source_kind, source_name, qty, cost in (
            (kind, own_name, own_qty, int(price * 0.8)),
            (
                "pemasok",
                rng.choice(SUPPLIERS),
                need.quantize(Decimal(1)) - own_qty,
                int(price * 0.9),
            ),
        ):
            if qty > 0:
                record_purchase(
                    buyer,
                    PurchaseInput(
                        buyer.today(),
                        source_kind,
                        source_name,
                        (PurchaseLineInput(products[code].id, qty, cost),),
                        confirmed=True,  # back-dated on purpose: a simulated past
                        source_tax_id=SUPPLIER_TAX_IDS.get(source_name) if index else None,
                    ),
                )
    served = kpms if not is_last else rng.sample(kpms, int(len(kpms) * 0.6))
    rate = 200_000 if period >= Period(2020, 3) else 150_000
    total = 0
    for n, kpm_id in enumerate(served):
        counter = at(2 + n * max(1, last_day - 2) // max(1, len(served)), 9 + n % 8)
        items = tuple(_basket(rng, products, rate))
        edc = f"EDC{rng.randint(10**8, 10**9 - 1)}"
        redemption = redeem(counter, RedeemRequest(kpm_id, period, items, edc))
        total += 1
        if rng.random() < 0.01:
            admin = ServiceContext(ctx.db, CLI_ACTOR, counter.clock, clock_checked=True)
            void_redemption(admin, redemption.id, "Salah input jumlah", f"REV{edc[3:]}")
            redeem(counter, RedeemRequest(kpm_id, period, items[:2], None))
    adjust_stock(at(20), products["TLR"].id, Decimal("-0.5"), "rusak", "Telur pecah")
    return total
