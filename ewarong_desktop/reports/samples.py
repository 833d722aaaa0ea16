"""Made-up documents for layout previews, the statements benchmark and the report tests.

Names and numbers are invented (the NIKs are well formed but belong to no one); the long
names and the Latin-Extended letters are there to prove names never wrap and every glyph
prints.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from ewarong_desktop.domain.money import line_total
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.reports.data import (
    ItemLine,
    KpmRef,
    KpmStatement,
    MonthlyReportData,
    PriceRow,
    ReceiptData,
    SourceRow,
    StatementItem,
    StatementsData,
    StockRow,
    TrendPoint,
    WarongInfo,
)
from ewarong_desktop.reports.verification import verification_code

WARONG = WarongInfo(
    code="LTM-SKP-01",
    name="E-Warong KUBE Sejahtera Makmur",
    desa="Sukapura",
    kecamatan="Sekampung",
    kabupaten="Lampung Timur",
)
PRODUCTS = (
    ("Beras medium", "kg", 11_500),
    ("Telur ayam ras", "kg", 26_000),
    ("Kacang hijau", "kg", 22_000),
    ("Tempe", "pcs", 5_000),
    ("Jeruk siam", "kg", 18_000),
    ("Daging ayam ras", "kg", 35_000),
)
FIRST_NAMES = (
    "Siti", "Sri", "Nur", "Dewi", "Ahmad", "Muhammad", "Sumarni", "Wagiyem", "Ni Made",
    "I Wayan", "Yohana", "Fransiska", "Dg.", "Hj.", "Ketut", "Rahmawati", "Suparman",
)  # fmt: skip
LAST_NAMES = (
    "Rahayu", "Lestari", "Hidayat", "Saputra", "Wulandari", "Purnamasari", "Sitompul",
    "Manurung", "Pattiasina", "Rumbiak", "Sinaga", "binti Kasimun", "Ngabalin",
)  # fmt: skip
DESAS = ("Sukapura", "Sidomulyo", "Margajaya", "Bumi Agung", "Tanjung Harapan")
# Addresses as village lists write them; the roster sorts by the RT/RW they hold.
ADDRESSES = (
    "RT {rt:02d}/RW {rw:02d}",
    "Dusun Krajan RT {rt:03d}/{rw:03d}",
    "rt.{rt} rw.{rw}",
    "Jl. Mawar RW {rw}",
    "",
)
MAY_2020 = Period(2020, 5)
LONG_NAME = "Siti Nurhaliza Wulandari Purnamasari binti Haji Abdurrahman Ngabalin-Pattiasina"


def sample_receipt(*, voided: bool = False, long_name: bool = False) -> ReceiptData:
    lines = (
        ItemLine("Beras medium", "kg", Decimal(10), 11_500, 115_000),
        ItemLine("Telur ayam ras", "kg", Decimal("1.5"), 26_000, 39_000),
        ItemLine("Kacang hijau", "kg", Decimal("0.5"), 22_000, 11_000),
    )
    total = sum(line.total for line in lines)
    redemption_id = "3f2a9c1e-5b7d-4e2f-9a31-0c6d8e4b2f17"
    code = verification_code(
        redemption_id=redemption_id,
        beneficiary_id="9d1c0b7a-2e3f-4a5b-8c6d-7e8f9a0b1c2d",
        period="2020-05",
        lines=[
            {
                "product_id": f"00000000-0000-4000-8000-00000000000{i}",
                "quantity": line.quantity,
                "unit_price_rupiah": line.unit_price,
                "total_rupiah": line.total,
            }
            for i, line in enumerate(lines)
        ],
        total_rupiah=total,
        edc_reference="000123456789",
    )
    return ReceiptData(
        warong=WARONG,
        redemption_id=redemption_id,
        verification_code=code,
        served_at=datetime(2020, 5, 6, 9, 41),
        period=Period(2020, 5),
        kpm_name=LONG_NAME if long_name else "Sumarni Wulandari",
        kks_number="6013011234567890",
        nik="1807124502850003",
        desa="Sukapura",
        lines=lines,
        total=total,
        entitlement=200_000,
        spent=0 if voided else total,
        remaining=200_000 if voided else 200_000 - total,
        operator="Budi Santoso",
        edc_reference="000123456789",
        voided=voided,
        void_reason="Salah input jumlah beras" if voided else None,
        voided_at=datetime(2020, 5, 6, 10, 2) if voided else None,
        void_edc_reference="000123456790" if voided else None,
    )


def _fake_nik(rng: random.Random) -> str:
    day = rng.randint(1, 28) + rng.choice((0, 40))
    birth = f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(50, 99):02d}"
    return f"180712{birth}{rng.randint(1, 9999):04d}"


def sample_statements(
    count: int = 12, *, seed: int = 4, period: Period = MAY_2020
) -> StatementsData:
    rng = random.Random(seed)
    places = random.Random(seed + 1)  # its own stream, so the rest stays as it always was
    statements = []
    for i in range(count):
        name = LONG_NAME if i == 1 else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        items = []
        budget = 200_000
        visits = rng.choice((0, 1, 1, 2, 2, 3)) if i else 2
        for visit in range(visits):
            day = period.first_day() + timedelta(days=rng.randint(0, 27))
            code = uuid.UUID(int=rng.getrandbits(128)).hex[:4].upper() + f"-{visit:04d}-TEST"
            for product, unit, price in rng.sample(PRODUCTS, rng.randint(1, 3)):
                quantity = Decimal(rng.choice((1, 2, 5))) / (
                    2 if unit == "kg" and rng.random() < 0.3 else 1
                )
                total = line_total(quantity, price)
                if total > budget:
                    continue
                budget -= total
                items.append(StatementItem(day, product, unit, quantity, price, total, code))
        items.sort(key=lambda item: item.day)
        statements.append(
            KpmStatement(
                kpm_name=name,
                kks_number=f"60130112{rng.randint(0, 99_999_999):08d}",
                nik=_fake_nik(rng),
                desa=rng.choice(DESAS),
                entitlement=200_000,
                items=tuple(items),
                address=places.choice(ADDRESSES).format(
                    rt=places.randint(1, 12), rw=places.randint(1, 4)
                ),
            )
        )
    return StatementsData(WARONG, period, date(2020, 6, 1), tuple(statements))


def sample_monthly_report(*, period: Period = MAY_2020) -> MonthlyReportData:
    rng = random.Random(7)
    stock = []
    for product, unit, _price in PRODUCTS:
        opening = Decimal(rng.randint(0, 80))
        received = Decimal(rng.randint(100, 900))
        issued = min(received + opening, Decimal(rng.randint(80, 850)))
        adjusted = (
            -Decimal(rng.choice((0, 0, 1, 2))) if opening + received - issued > 2 else Decimal(0)
        )
        closing = opening + received - issued + adjusted
        stock.append(StockRow(product, unit, opening, received, issued, adjusted, closing))
    sources = (
        SourceRow("anggota_kube", "KUBE Sejahtera", True, 6, 9_450_000),
        SourceRow("petani_lokal", "Kelompok Tani Makmur Jaya Abadi Sentosa", True, 4, 7_800_000),
        SourceRow("bumdes", "BUMDes Sukapura", True, 2, 3_150_000),
        SourceRow("pemasok", "CV Sumber Pangan Nusantara", False, 3, 21_600_000),
    )
    trend = []
    for back in range(5, -1, -1):
        month = period.shift(-back)
        own = 12_000_000 + (5 - back) * 1_700_000 + rng.randint(0, 900_000)
        third = 30_000_000 - (5 - back) * 1_900_000
        trend.append(TrendPoint(month, own, third))
    trend[-1] = TrendPoint(period, 20_400_000, 21_600_000)
    prices = tuple(
        PriceRow(
            product,
            unit,
            int(price * 0.88),
            int(price * 0.9) if i != 2 else None,
            price,
            price - (500 if i % 2 else -250),
        )
        for i, (product, unit, price) in enumerate(PRODUCTS)
    )
    not_served = (
        KpmRef("Wagiyem Sitompul", "Sidomulyo"),
        KpmRef(LONG_NAME, "Bumi Agung"),
        KpmRef("Yohana Rumbiak", "Sukapura"),
    )
    return MonthlyReportData(
        warong=WARONG,
        period=period,
        printed_on=date(2020, 6, 2),
        kpm_registered=412,
        kpm_served=409,
        redemptions_count=455,
        redemptions_value=80_713_500,
        entitlement_value=82_400_000,
        voided_count=2,
        stock=tuple(stock),
        sources=sources,
        trend=tuple(trend),
        prices=prices,
        not_served=not_served,
        ketua_name="Hj. Sumiati",
        tksk_name="Agus Setiawan, S.Sos.",
        received_own=38_250_000,
        received_third_party=41_963_500,
        received_unknown=500_000,
    )
