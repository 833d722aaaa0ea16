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


def test_d0003_keeps_what_a_d0002_database_held(tmp_path):
    """A district database from before the history: its records become each one's first
    version, its flags stay open on the new footing, and months get their derived flags."""
    from sqlalchemy import text

    from ewarong_desktop.district.flags import list_flags
    from ewarong_desktop.district.history import record_history
    from ewarong_desktop.district.intake import Intake
    from tests.district.conftest import enrol_laptop, save
    from tests.sync.bundlekit import Laptop, month_tables

    path = str(tmp_path / "d.sqlite")
    engine = open_engine(path)
    lap = Laptop()
    enrol_laptop(engine, lap, tmp_path)
    tables = month_tables("2024-05", kpm=2)
    Intake(engine, dry_run=False).run([save(lap.export(tables), tmp_path / "usb")])
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "d0002")
        conn.commit()
        conn.execute(text("DELETE FROM flags"))
        conn.execute(
            text(
                "INSERT INTO flags (code, kind, epoch, seq, detail, raised_at) VALUES "
                "(:c, 'fork', 1, 2, '{\"message\": \"seq 2 twice\"}', '2024-06-01 00:00:00')"
            ),
            {"c": lap.code},
        )
        conn.commit()
    engine.dispose()
    engine = open_engine(path)
    red = tables["redemptions"][0]
    assert [v.version for v in record_history(engine, lap.code, red["id"]).versions] == [1]
    [fork] = list_flags(engine)
    assert (fork.kind, fork.status, fork.code) == ("fork", "open", lap.code)
    assert "seq 2 twice" in fork.line("en")
