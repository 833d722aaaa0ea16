"""The plain, frozen data each printed document is built from; services fill it, reports draw it.

Nothing here knows about the store: a test, the CLI or the district side can build these by
hand. Money is whole rupiah (int), quantities are exact `Decimal`s, identity numbers are the
full digits (every document masks them itself, so no caller can forget to).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ewarong_desktop.domain.periods import Period


@dataclass(frozen=True)
class WarongInfo:
    code: str
    name: str
    desa: str = ""
    kecamatan: str = ""
    kabupaten: str = ""

    def place(self) -> str:
        """`Desa, Kecamatan, Kabupaten` with the empty parts left out."""
        return ", ".join(part for part in (self.desa, self.kecamatan, self.kabupaten) if part)


@dataclass(frozen=True)
class ItemLine:
    """One line of a redemption: what the KPM took and what it cost."""

    product: str
    unit: str
    quantity: Decimal
    unit_price: int
    total: int


@dataclass(frozen=True)
class ReceiptPart:
    """What one month of aid paid for, in a basket drawn on several months."""

    period: Period
    lines: tuple[ItemLine, ...]
    total: int
    entitlement: int
    spent: int  # of the month, counting this part
    remaining: int
    voided: bool = False


@dataclass(frozen=True)
class ReceiptData:
    """One redemption, as printed on the struk handed to the KPM.

    `spent` is what the KPM has spent of `period`'s entitlement counting this redemption
    (unless it is voided), and `remaining` is what is left after it.
    """

    warong: WarongInfo
    redemption_id: str
    verification_code: str
    served_at: datetime
    period: Period
    kpm_name: str
    kks_number: str
    nik: str
    lines: tuple[ItemLine, ...]
    total: int
    entitlement: int
    spent: int
    remaining: int
    operator: str
    edc_reference: str | None = None
    desa: str = ""
    voided: bool = False
    void_reason: str | None = None
    voided_at: datetime | None = None
    void_edc_reference: str | None = None
    # A basket drawn on several months: each month's part (more than one), oldest first.
    # `lines` and `total` are then the whole basket, `period` its oldest month.
    parts: tuple[ReceiptPart, ...] = ()
    listed: bool = True  # False: a KPM not on this shop's list, served here


@dataclass(frozen=True)
class StatementItem:
    """One item a KPM received in the month, with the receipt it came on."""

    day: date
    product: str
    unit: str
    quantity: Decimal
    unit_price: int
    total: int
    receipt_code: str = ""


@dataclass(frozen=True)
class KpmStatement:
    """What one KPM received against one month's entitlement (voided redemptions left out)."""

    kpm_name: str
    kks_number: str
    nik: str
    desa: str
    entitlement: int
    items: tuple[StatementItem, ...] = ()
    address: str = ""  # free text; the roster reads its RT/RW
    listed: bool = True  # False: not on this shop's list, served here

    @property
    def served(self) -> bool:
        """Received something this month (voided redemptions are not in `items`)."""
        return bool(self.items)

    @property
    def received(self) -> int:
        return sum(item.total for item in self.items)

    @property
    def remaining(self) -> int:
        return self.entitlement - self.received


@dataclass(frozen=True)
class StatementsData:
    """Every KPM's statement for one month of aid (the document sorts them by desa, name)."""

    warong: WarongInfo
    period: Period
    printed_on: date
    statements: tuple[KpmStatement, ...]


@dataclass(frozen=True)
class StockRow:
    """One product's stock over the month, in its unit; closing = opening + in - out + adjusted."""

    product: str
    unit: str
    opening: Decimal
    received: Decimal
    issued: Decimal
    adjusted: Decimal
    closing: Decimal


@dataclass(frozen=True)
class SourceRow:
    """Purchases from one source in the month; `kind` is a `SOURCE_KINDS` value."""

    kind: str
    name: str
    own: bool
    purchases: int
    value: int


@dataclass(frozen=True)
class TrendPoint:
    """One month of the purchases trend: rupiah bought from own sources and third parties."""

    period: Period
    own_value: int
    third_party_value: int

    @property
    def total(self) -> int:
        return self.own_value + self.third_party_value


@dataclass(frozen=True)
class PriceRow:
    """A product's average unit prices (rupiah per unit) this month and the month before.

    None where there was nothing to average (no purchase / no redemption of it that month).
    """

    product: str
    unit: str
    purchase_price: int | None
    purchase_price_previous: int | None
    sale_price: int | None
    sale_price_previous: int | None


@dataclass(frozen=True)
class KpmRef:
    name: str
    desa: str


@dataclass(frozen=True)
class MonthlyReportData:
    """The e-warong's laporan bulanan: redemptions counted by period, purchases by date."""

    warong: WarongInfo
    period: Period
    printed_on: date
    kpm_registered: int
    kpm_served: int
    redemptions_count: int
    redemptions_value: int
    entitlement_value: int
    voided_count: int
    stock: tuple[StockRow, ...]
    sources: tuple[SourceRow, ...]
    trend: tuple[TrendPoint, ...]
    prices: tuple[PriceRow, ...]
    not_served: tuple[KpmRef, ...] = field(default=())
    ketua_name: str = ""
    tksk_name: str = ""
    # What KPMs received this period, valued, by the source of the lot it came from (FIFO);
    # `received_unknown` came from stock found in a count, with no purchase behind it.
    received_own: int = 0
    received_third_party: int = 0
    received_unknown: int = 0

    @property
    def kpm_not_served(self) -> int:
        return self.kpm_registered - self.kpm_served

    @property
    def own_value(self) -> int:
        return sum(row.value for row in self.sources if row.own)

    @property
    def third_party_value(self) -> int:
        return sum(row.value for row in self.sources if not row.own)

    @property
    def purchases_value(self) -> int:
        return self.own_value + self.third_party_value


@dataclass(frozen=True)
class ProductTotal:
    name: str
    unit: str
    quantity: Decimal
    total_rupiah: int


@dataclass(frozen=True)
class MonthTotal:
    period: Period
    redemptions: int
    total_rupiah: int


@dataclass(frozen=True)
class DailySummary:
    """One day's counter, for one operator or (operator None) the whole shop. A basket drawn
    on several months counts once as a transaction and once per month below."""

    day: date
    operator: str | None
    warong_name: str
    transactions: int  # baskets served (completed)
    kpm_served: int
    total_rupiah: int
    by_product: tuple[ProductTotal, ...]
    by_month: tuple[MonthTotal, ...]
    voids: int
    voided_rupiah: int
    operators: tuple[str, ...]  # who served that day
