"""The district's own tables: enrolled e-warongs and keys, received bundles, flags, records.

Each record table keeps the latest version's columns the reports filter on; the whole record
as received (JSON text, so a field the e-warong adds later is kept even before the district
reads it) is stored once, in its history row (`record_versions`): `held_version` joins a
latest row to it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    and_,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """Naive UTC, the same on SQLite and PostgreSQL: the district's own receipt clock."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Warong(Base):
    """An enrolled e-warong and where its current epoch's chain stands."""

    __tablename__ = "warongs"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    desa: Mapped[str] = mapped_column(Text)
    kecamatan: Mapped[str] = mapped_column(Text)
    kabupaten: Mapped[str] = mapped_column(Text)
    epoch: Mapped[int] = mapped_column(Integer)
    key_id: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    last_changes_to: Mapped[int] = mapped_column(BigInteger, default=0)
    # Highest seq of this epoch ever offered, imported or refused: above last_seq = a gap.
    highest_seq_seen: Mapped[int] = mapped_column(Integer, default=0)
    last_import_at: Mapped[datetime | None] = mapped_column(DateTime)


class WarongKey(Base):
    """Every key ever enrolled for an e-warong, one per epoch; replaced keys stay on record."""

    __tablename__ = "warong_keys"
    __table_args__ = (UniqueConstraint("code", "epoch"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(ForeignKey("warongs.code"), index=True)
    epoch: Mapped[int] = mapped_column(Integer)
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    public_key: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Why this key replaced the previous one (null for epoch 1).
    reason: Mapped[str | None] = mapped_column(Text)


class ReceivedBundle(Base):
    """A bundle the district recorded: imported, or superseded by a full bundle."""

    __tablename__ = "bundles"
    __table_args__ = (UniqueConstraint("code", "epoch", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(ForeignKey("warongs.code"))
    epoch: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12))  # imported | superseded
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    manifest: Mapped[str] = mapped_column(Text)
    changes_from: Mapped[int] = mapped_column(BigInteger)
    changes_to: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[str] = mapped_column(Text)  # the laptop's clock: informational
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    file_name: Mapped[str] = mapped_column(String(260))
    records: Mapped[int] = mapped_column(Integer, default=0)


class Flag(Base):
    """Something for an officer to review and close with a note (`district.flags`)."""

    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("dedup_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    epoch: Mapped[int | None] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)  # JSON: before/after, both versions...
    raised_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    # The same finding again (a re-import, the next report) is this row, never a new one.
    dedup_key: Mapped[str] = mapped_column(Text)
    record_table: Mapped[str | None] = mapped_column(Text)
    record_id: Mapped[str | None] = mapped_column(String(36), index=True)
    month: Mapped[str | None] = mapped_column(String(7))  # the month it is about, if any
    found_id: Mapped[str] = mapped_column(Text)
    found_en: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | reviewed
    reviewed_by: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    review_note: Mapped[str | None] = mapped_column(Text)


class RecordVersion(Base):
    """Every version of every record the district imported, with the bundle it came in (and
    so the district's receipt time): `ewarong-district history CODE RECORD_ID`."""

    __tablename__ = "record_versions"
    # By e-warong first: a bundle's rows then land in one e-warong's part of the index
    # instead of all over it (record ids are random UUIDs), which halved the pages an import
    # writes. Every lookup knows the e-warong (`history`, `held_version`).
    __table_args__ = (Index("ix_record_versions_warong_record", "warong_code", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(Text)
    record_id: Mapped[str] = mapped_column(String(36))
    warong_code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    bundle_id: Mapped[int] = mapped_column(Integer)
    # The line as received (without updated_at before d0005's code, which keeps the line).
    record: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(Text)


class StaleMonth(Base):
    """A month whose derived flags (over-entitlement, prices, baskets) an import changed:
    recomputed the next time flags are listed or reported, not once per bundle."""

    __tablename__ = "stale_flag_months"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)


class EntitlementRateRow(Base):
    """The district's entitlement rates: rupiah per KKS per month, `YYYY-MM` to `YYYY-MM`.

    Seeded with `domain.rules.DEFAULT_RATES` by migration d0002; `ewarong-district rates add`
    adds the programme's next rate and closes the open one the month before.
    """

    __tablename__ = "entitlement_rates"
    __table_args__ = (UniqueConstraint("valid_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    amount_rupiah: Mapped[int] = mapped_column(BigInteger)
    valid_from: Mapped[str] = mapped_column(String(7))
    valid_until: Mapped[str | None] = mapped_column(String(7))  # null: still in force
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    note: Mapped[str | None] = mapped_column(Text)  # why: the decree, "bawaan aplikasi"


class _Record:
    """Columns every imported record has: upserted by id, the higher version kept.

    Free text is `Text`: the contract sets no lengths, and PostgreSQL would enforce any.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    warong_code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    # SHA-256 of the version's line as received (before d0005's code: of its canonical
    # content): the same line again is unchanged at once; any other line of the same
    # version is judged by its content (`upsert._judge`).
    content_sha256: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[str] = mapped_column(Text)
    bundle_id: Mapped[int] = mapped_column(Integer)
    # The record itself is its history row's: `held_version(model)`.


class Beneficiary(_Record, Base):
    __tablename__ = "beneficiaries"
    __table_args__ = (Index("ix_beneficiaries_nik", "nik"),)

    nik: Mapped[str] = mapped_column(String(16))
    kks_number: Mapped[str] = mapped_column(String(19))
    name: Mapped[str] = mapped_column(Text)
    desa: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)


class Product(_Record, Base):
    __tablename__ = "products"

    name: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str] = mapped_column(Text)


class Purchase(_Record, Base):
    __tablename__ = "purchases"
    __table_args__ = (Index("ix_purchases_month", "month", "warong_code"),)

    date: Mapped[str] = mapped_column(String(10))
    month: Mapped[str] = mapped_column(String(7))
    source: Mapped[str] = mapped_column(String(12))
    source_kind: Mapped[str] = mapped_column(String(20))
    source_name: Mapped[str] = mapped_column(Text)
    total_rupiah: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(10))
    # Flagged as a purchase the app could never have made: kept out of the figures.
    unmatched: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Optional in the contract (NPWP/NIB digits): what suppliers are matched by first.
    source_tax_id: Mapped[str | None] = mapped_column(Text)


class Redemption(_Record, Base):
    __tablename__ = "redemptions"
    __table_args__ = (Index("ix_redemptions_period", "period", "warong_code"),)

    beneficiary_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(7))
    total_rupiah: Mapped[int] = mapped_column(BigInteger)
    edc_reference: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    # Flagged as a redemption the app could never have made: kept out of the figures.
    unmatched: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class FundEntry(_Record, Base):
    """The KUBE fund ledger of each e-warong (the contract's optional `fund_entries`)."""

    __tablename__ = "fund_entries"
    __table_args__ = (Index("ix_fund_entries_warong", "warong_code", "date"),)

    date: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(10))  # tranche | use
    stage: Mapped[int | None] = mapped_column(Integer)
    amount_rupiah: Mapped[int] = mapped_column(BigInteger)
    purpose: Mapped[str | None] = mapped_column(String(30))
    purchase_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(10))


class OwnShareTarget(Base):
    """The own-source share the district aims for, from a month on (`ewarong-district target`).

    A newer row from a later month takes over from then; earlier months keep their target.
    """

    __tablename__ = "own_share_targets"
    __table_args__ = (UniqueConstraint("valid_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    percent: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[str] = mapped_column(String(7))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    note: Mapped[str | None] = mapped_column(Text)


class OtherRecord(Base):
    """Records of tables a newer e-warong app adds (the contract allows more tables)."""

    __tablename__ = "other_records"
    __table_args__ = (Index("ix_other_records_id", "id"),)  # an id used in two tables

    table_name: Mapped[str] = mapped_column(Text, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    warong_code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[str] = mapped_column(Text)
    bundle_id: Mapped[int] = mapped_column(Integer)
    record: Mapped[str] = mapped_column(Text)


RECORD_MODELS: dict[str, type[_Record]] = {
    "beneficiaries": Beneficiary,
    "products": Product,
    "purchases": Purchase,
    "redemptions": Redemption,
    "fund_entries": FundEntry,
}


def held_version(model: type[_Record]) -> ColumnElement[bool]:
    """Joins a record table's rows to the history row of the version each holds: the record
    as received (`RecordVersion.record`). One row: a version is written to the history only
    when it is new or higher than the one held."""
    table = model.__table__  # type: ignore[attr-defined]
    return and_(
        RecordVersion.warong_code == table.c.warong_code,
        RecordVersion.record_id == table.c.id,
        RecordVersion.version == table.c.version,
        RecordVersion.table_name == table.name,
    )
