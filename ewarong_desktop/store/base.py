"""Declarative base, naming convention and the two mixins every stored record uses."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Integer, MetaData, String, and_, false
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Stable constraint names so Alembic's batch mode on SQLite can find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


def key_text(raw: bytes) -> str:
    """The 16 bytes a key is stored as, spelled as the UUID the rest of the app knows."""
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def key_bytes(value: str) -> bytes | str:
    """A key as stored: a UUID as the app writes it (lower-case, with dashes) in 16 bytes;
    anything else (an id some test or old tool wrote by hand) as the text it is."""
    # Dashes where `key_text` puts them and the rest lower-case hex of 16 bytes: then
    # `key_text(raw) == value` (checked this way, without spelling the key again: the
    # counter turns some thirty keys a basket to bytes).
    if len(value) == 36 and value[8] == value[13] == value[18] == value[23] == "-":
        digits = value.replace("-", "")
        try:
            raw = bytes.fromhex(digits)
        except ValueError:
            return value
        if len(raw) == 16 and raw.hex() == digits:
            return raw
    return value


class Key(TypeDecorator[str]):
    """A record's id or a reference to one: `str` to the app, 16 bytes in the file.

    A text UUID costs 36 bytes in its row and again in every index holding it; the bytes
    cost 16. Bundles, receipts and the audit log keep the text form (see `key_text`), and
    the columns keep their declared type (VARCHAR(36), whose affinity leaves a blob a blob),
    so a store upgraded by migration 0009 and a new one are the same file.
    """

    impl = String(36)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return key_bytes(value) if isinstance(value, str) else value

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return stored_key_text(value)


def stored_key_text(value: Any) -> Any:
    """A key as a raw driver read hands it over, as `Key` reads it back for the app."""
    if isinstance(value, bytes):
        return key_text(value) if len(value) == 16 else value.hex()
    return value


def key_prefix(column: InstrumentedAttribute[str] | Any, prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix` (a shortened id as a receipt prints it), as a range of
    the stored bytes; an impossible prefix matches nothing."""
    template = "00000000-0000-0000-0000-000000000000"
    prefix = prefix.lower()
    if not prefix or len(prefix) > len(template):
        return false()
    for i, ch in enumerate(prefix):
        if (template[i] == "-") != (ch == "-") or (ch != "-" and ch not in "0123456789abcdef"):
            return false()
    low = key_bytes(prefix + template[len(prefix) :])
    high = key_bytes(prefix + template.replace("0", "f")[len(prefix) :])
    return and_(column >= low, column <= high)


def utc_now() -> datetime:
    """Naive UTC, as stored; the laptop's offset is kept beside it where it matters."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_offset_minutes() -> int:
    offset = datetime.now().astimezone().utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Audited:
    """Every insert and update of this record lands in the hash-chained audit log."""

    id: Mapped[str] = mapped_column(Key, primary_key=True, default=new_uuid)


class Numbered(Audited):
    """An audited record no bundle, receipt or other store names (redemption lines, stock
    movements): its id is a plain integer, SQLite's own rowid (0010). A UUID cost 16 bytes
    in the row, again in every reference to it, and a whole index of its own; the rowid
    costs about 3 bytes, and only in the references. The id is SQLite's to give, at flush."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # type: ignore[assignment]


class Synced(Audited):
    """A record the district receives: a version per change and the change counter it got."""

    version: Mapped[int] = mapped_column(Integer, default=1)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
