"""Every migration runs from an empty file to head and back, and the models match head."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from ewarong_desktop.store.database import make_engine
from ewarong_desktop.store.migrate import current_revision, downgrade, head_revision, upgrade
from ewarong_desktop.store.models import Base


def test_upgrade_from_empty_to_head_and_back_down(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.sqlite")
    upgrade(engine)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        tables = set(inspect(conn).get_table_names())
    assert {"beneficiaries", "redemptions", "stock_movements", "audit_log"} <= tables
    downgrade(engine, "base")
    with engine.connect() as conn:
        assert current_revision(conn) is None
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    upgrade(engine)  # and up again: downgrades leave nothing behind that blocks it
    engine.dispose()


def test_models_match_the_migrated_schema(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.sqlite")
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ; write a migration: {diff}"


def test_the_change_counter_starts_at_zero(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.sqlite")
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT value FROM change_counter").scalar() == 0
    engine.dispose()


def test_schema_head_constant_names_the_newest_migration() -> None:
    # Start-up compares the store with SCHEMA_HEAD without importing Alembic; a new migration
    # that forgets to bump it would never be applied.
    from ewarong_desktop.store.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD
