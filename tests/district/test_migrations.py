"""The district's migrations build exactly the models' schema, and go down and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from ewarong_desktop.district.db import alembic_config, head_revision, open_engine
from ewarong_desktop.district.models import Base


def test_migrations_match_the_models(tmp_path):
    engine = open_engine(str(tmp_path / "d.sqlite"))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"render_as_batch": True})
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_nothing_and_up_again(tmp_path):
    engine = open_engine(str(tmp_path / "d.sqlite"))
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "base")
        conn.commit()
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    engine = open_engine(str(tmp_path / "d.sqlite"))
    assert "redemptions" in inspect(engine).get_table_names()
