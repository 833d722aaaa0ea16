"""Reading never waits for a writer: `check` and start-up run while the counter is saving."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from ewarong_desktop.store.database import STORE_FILE, Database
from ewarong_desktop.store.migrate import SCHEMA_HEAD
from tests.conftest import Shop


@pytest.fixture
def writing(shop: Shop) -> Iterator[Path]:
    """A second program (the counter, in its own process) in the middle of saving."""
    shop.ctx.close()
    with closing(sqlite3.connect(shop.data_dir / STORE_FILE, timeout=0.1)) as other:
        other.isolation_level = None
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE beneficiaries SET name = name")
        yield shop.data_dir
        other.execute("ROLLBACK")


def test_check_and_start_up_read_while_the_counter_writes(writing: Path) -> None:
    db = Database.open(writing, migrate=False, check_pages=True)
    try:
        db.engine.pool.dispose()
        # Each of these began IMMEDIATE once: it waited the busy timeout (10 s) for the
        # counter's write, then failed with "database is locked".
        assert db.schema_revision() == SCHEMA_HEAD
        assert db.integrity_problems() == []
        db.require_sound()
        with db.reading() as session:
            assert (
                session.connection().exec_driver_sql("SELECT count(*) FROM beneficiaries").scalar()
            )
    finally:
        db.close()


def test_a_long_read_leaves_the_counter_free_to_save(shop: Shop) -> None:
    """While `check` reads (SQLite's page check takes seconds on a large store), a
    redemption at the counter is saved at once, not after it."""
    shop.ctx.close()
    db = Database.open(shop.data_dir, migrate=False)
    try:
        with db.reads.connect() as reading:
            reading.exec_driver_sql("SELECT count(*) FROM beneficiaries").scalar()
            with closing(sqlite3.connect(shop.data_dir / STORE_FILE, timeout=0.1)) as counter:
                counter.isolation_level = None
                counter.execute("BEGIN IMMEDIATE")  # "database is locked" if the read held it
                counter.execute("ROLLBACK")
    finally:
        db.close()
