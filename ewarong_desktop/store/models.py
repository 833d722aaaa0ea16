"""The store's tables: profile, people, goods, purchases, redemptions, the stock ledger."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ewarong_desktop.domain.states import Status
from ewarong_desktop.store.base import (
    Audited,
    Base,
    Key,
    Numbered,
    Synced,
    local_offset_minutes,
    utc_now,
)


class ChangeCounter(Base):
    """One row: the logical clock bundles ask 'what changed since N' against."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class StoreMeta(Base):
    """Facts about this store file itself (its own id, when it was made)."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class WarongProfile(Synced, Base):
    __tablename__ = "warong_profile"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    desa: Mapped[str] = mapped_column(String(120))
    kecamatan: Mapped[str] = mapped_column(String(120))
    kabupaten: Mapped[str] = mapped_column(String(120))
    area_code: Mapped[str | None] = mapped_column(String(13))
    # The month the operator confirmed the counter works in; the clock only suggests it.
    working_month: Mapped[str | None] = mapped_column(String(7))
    language: Mapped[str] = mapped_column(String(2), default="id")
    # The receipt printer's paper: 58 | 80 (mm thermal rolls) | a5
    receipt_width: Mapped[str] = mapped_column(String(4), default="80", server_default="80")
    # The district's own-source target as the admin typed it from the office's letter: a
    # percentage from a month on (None: not known yet).
    own_share_target: Mapped[int | None] = mapped_column(Integer)
    own_share_target_from: Mapped[str | None] = mapped_column(String(7))


class Operator(Synced, Base):
    __tablename__ = "operators"
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # a stored `domain.states.Role`
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()


class Beneficiary(Synced, Base):
    """A KPM family, known by NIK (text, never a number) and the KKS card number."""

    __tablename__ = "beneficiaries"
    nik: Mapped[str] = mapped_column(String(16), unique=True)
    kks_number: Mapped[str] = mapped_column(String(19), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    desa: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    # The first month of aid this family may spend here; earlier months are never offered.
    eligible_from: Mapped[str] = mapped_column(String(7))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The first month an inactive KPM no longer counts as registered (None: unknown, or active).
    inactive_from: Mapped[str | None] = mapped_column(String(7))
    # False: not on this shop's list (sent from a neighbouring village), registered by an admin
    # at the counter with the reason; the bundle carries it as `listed`.
    listed: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    unlisted_reason: Mapped[str | None] = mapped_column(Text)


class Product(Synced, Base):
    __tablename__ = "products"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    category: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str] = mapped_column(String(10))
    price_rupiah: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Source(Synced, Base):
    """Where goods come from: an own kind (KUBE member, local farmer...) or a supplier."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("kind", "name"),)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A supplier's NPWP or NIB, digits only: typed once, copied onto each later purchase.
    tax_id: Mapped[str | None] = mapped_column(String(20))


class Purchase(Synced, Base):
    __tablename__ = "purchases"
    date: Mapped[date] = mapped_column(Date, index=True)
    source_id: Mapped[str] = mapped_column(Key, ForeignKey("sources.id"))
    is_own: Mapped[bool] = mapped_column(Boolean)
    total_rupiah: Mapped[int] = mapped_column(BigInteger)
    # The supplier's tax number as it was when bought: a later correction of the supplier's
    # number does not rewrite purchases already made (or already sent to the district).
    source_tax_id: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default=Status.COMPLETED)
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_at: Mapped[datetime | None] = mapped_column()
    voided_by: Mapped[str | None] = mapped_column(String(80))
    operator_name: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=local_offset_minutes)

    source: Mapped[Source] = relationship(lazy="joined")
    lines: Mapped[list[PurchaseLine]] = relationship(
        back_populates="purchase", order_by="PurchaseLine.line_no", lazy="selectin"
    )


class PurchaseLine(Audited, Base):
    """One line of a purchase, which is also a stock lot with its source."""

    __tablename__ = "purchase_lines"
    purchase_id: Mapped[str] = mapped_column(Key, ForeignKey("purchases.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = mapped_column(Key, ForeignKey("products.id"), index=True)
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    unit_price_rupiah: Mapped[int] = mapped_column(BigInteger)
    total_rupiah: Mapped[int] = mapped_column(BigInteger)
    # What is left of this lot, kept with every movement so FIFO needs no sum; `check`
    # proves it equals the ledger. Derived, so out of the row's audit digest (0010): a
    # redemption's entry need not list every lot it drew on, and an edit of it behind the
    # app's back is still found, by the ledger.
    remaining_milli: Mapped[int] = mapped_column(BigInteger, info={"derived": True})

    purchase: Mapped[Purchase] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship(lazy="joined")


class Redemption(Synced, Base):
    """Aid a KPM spent for one period (month of aid); never deleted, only voided."""

    __tablename__ = "redemptions"
    __table_args__ = (Index("ix_redemptions_beneficiary_period", "beneficiary_id", "period"),)
    beneficiary_id: Mapped[str] = mapped_column(Key, ForeignKey("beneficiaries.id"))
    period: Mapped[str] = mapped_column(String(7), index=True)
    total_rupiah: Mapped[int] = mapped_column(BigInteger)
    edc_reference: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(10), default=Status.COMPLETED)
    void_reason: Mapped[str | None] = mapped_column(Text)
    void_edc_reference: Mapped[str | None] = mapped_column(String(60))
    voided_at: Mapped[datetime | None] = mapped_column()
    voided_by: Mapped[str | None] = mapped_column(String(80))
    operator_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=local_offset_minutes)
    # The redemptions one basket was saved as (one per month of aid it drew on); None before 0005.
    basket_id: Mapped[str | None] = mapped_column(Key, index=True)

    beneficiary: Mapped[Beneficiary] = relationship(lazy="joined")
    lines: Mapped[list[RedemptionLine]] = relationship(
        back_populates="redemption", order_by="RedemptionLine.line_no", lazy="selectin"
    )


class RedemptionLine(Numbered, Base):
    __tablename__ = "redemption_lines"
    redemption_id: Mapped[str] = mapped_column(Key, ForeignKey("redemptions.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    # No index of its own (0009): lines are reached through their redemption.
    product_id: Mapped[str] = mapped_column(Key, ForeignKey("products.id"))
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    unit_price_rupiah: Mapped[int] = mapped_column(BigInteger)
    total_rupiah: Mapped[int] = mapped_column(BigInteger)

    redemption: Mapped[Redemption] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship(lazy="joined")


class StockMovement(Numbered, Base):
    """The stock ledger: every change of stock is a row; the level is the sum."""

    __tablename__ = "stock_movements"
    # The counter's one lookup by product: stock that belongs to no lot (0009).
    __table_args__ = (
        Index(
            "ix_stock_movements_product_unlotted",
            "product_id",
            sqlite_where=text("lot_id IS NULL"),
        ),
    )
    product_id: Mapped[str] = mapped_column(Key, ForeignKey("products.id"))
    # purchase_in | redemption_out | void_in | purchase_void | adjustment
    kind: Mapped[str] = mapped_column(String(16))
    quantity_milli: Mapped[int] = mapped_column(BigInteger)  # signed: + in, - out
    lot_id: Mapped[str | None] = mapped_column(Key, ForeignKey("purchase_lines.id"))
    redemption_line_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("redemption_lines.id"), index=True
    )
    reason: Mapped[str | None] = mapped_column(String(20))  # rusak | hilang | opname
    note: Mapped[str] = mapped_column(Text, default="")
    movement_date: Mapped[date] = mapped_column(Date, index=True)
    operator_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)

    # Declared so the unit of work writes lots and redemption lines before their movements.
    lot: Mapped[PurchaseLine | None] = relationship(foreign_keys=[lot_id])
    redemption_line: Mapped[RedemptionLine | None] = relationship()


class FundEntry(Synced, Base):
    """The KUBE fund ledger: a tranche received or a use of it; never deleted, only voided."""

    __tablename__ = "fund_entries"
    date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(10))  # tranche | use
    stage: Mapped[int | None] = mapped_column(Integer)  # tranches: 1, 2, ...
    amount_rupiah: Mapped[int] = mapped_column(BigInteger)
    purpose: Mapped[str | None] = mapped_column(String(30))  # uses: domain.fund.PURPOSES
    purchase_id: Mapped[str | None] = mapped_column(Key, ForeignKey("purchases.id"))
    reference: Mapped[str | None] = mapped_column(Text)  # the letter or transfer number
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=Status.COMPLETED)
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_at: Mapped[datetime | None] = mapped_column()
    voided_by: Mapped[str | None] = mapped_column(String(80))
    operator_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=local_offset_minutes)


class EntitlementRateRow(Synced, Base):
    __tablename__ = "entitlement_rates"
    amount_rupiah: Mapped[int] = mapped_column(BigInteger)
    valid_from: Mapped[str] = mapped_column(String(7))
    valid_until: Mapped[str | None] = mapped_column(String(7))


class CategoryRuleRow(Synced, Base):
    __tablename__ = "category_rules"
    category: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[str] = mapped_column(String(7))
    valid_until: Mapped[str | None] = mapped_column(String(7))


class AuditEntry(Base):
    """Append-only, hash-chained: one entry per transaction; its hash covers the one before.

    `changes` packs, for every record the transaction created or changed, its key, a digest
    of the values the row holds and an update's old values (see `store.tracking`).
    """

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=local_offset_minutes)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[bytes] = mapped_column(LargeBinary)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class AuditArchive(Base):
    """The per-row audit log of stores made before revision 0007, compressed in chunks.

    Each chunk holds its rows as JSON lines; `check` replays their hash chain, and the new
    log starts from `last_hash` of the last chunk, so every past entry stays verifiable.
    """

    __tablename__ = "audit_archive"
    chunk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    first_seq: Mapped[int] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
    entries: Mapped[bytes] = mapped_column(LargeBinary)
