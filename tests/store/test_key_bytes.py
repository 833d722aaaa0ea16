"""A key is stored as 16 bytes only when it is a UUID spelt as the app spells it."""

import uuid

import pytest
from sqlalchemy.dialects import sqlite

from ewarong_desktop.store import tracking
from ewarong_desktop.store.base import Key, key_bytes, key_text
from ewarong_desktop.store.models import Base


def spelled_back(value: str) -> bytes | str:
    """The rule itself: the 16 bytes whose spelling is `value`, else `value` as it is."""
    try:
        raw = uuid.UUID(hex=value.replace("-", "")).bytes
    except ValueError:
        return value
    return raw if key_text(raw) == value else value


UUID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


@pytest.mark.parametrize(
    "value",
    [
        UUID,
        "9d5c84a1-7e3b-4f02-b8a6-1c2d3e4f5a6b",
        "00000000-0000-0000-0000-000000000000",
        UUID.upper(),  # upper case: another text, kept as text
        UUID[:8] + UUID[9:] + "0",  # a dash moved
        UUID.replace("-", ""),  # no dashes
        UUID[:34] + " 0",  # a space (fromhex would skip it)
        UUID[:8] + "-" + UUID[9:12] + "-" + UUID[13:],  # a dash more, a digit less
        "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg",  # not hex
        "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f",  # too short
        "kpm-siti",
        "",
        "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f\u0660",  # a non-ASCII digit
    ],
)
def test_key_bytes_keeps_every_other_text_as_text(value: str) -> None:
    assert key_bytes(value) == spelled_back(value)
    found = key_bytes(value)
    if isinstance(found, bytes):
        assert len(found) == 16 and key_text(found) == value


def test_the_raw_insert_binds_a_key_as_sqlalchemy_binds_it() -> None:
    # `tracking`'s raw inserts skip the TypeDecorator's wrapping of `Key` on SQLite: the
    # same value must reach the driver as through SQLAlchemy.
    dialect = sqlite.dialect()
    columns = [c for t in Base.metadata.tables.values() for c in t.columns]
    keys = [c for c in columns if isinstance(c.type, Key)]
    assert keys
    for column in keys:
        ours = tracking._bind_processors(column.table.name, dialect)[column.name]
        theirs = column.type.dialect_impl(dialect).bind_processor(dialect)
        for value in (UUID, UUID.upper(), "kpm-siti", None, 7):
            assert ours(value) == theirs(value) and type(ours(value)) is type(theirs(value))
