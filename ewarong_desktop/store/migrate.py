"""Alembic, driven from code: the migrations ship inside the package, no alembic.ini needed.

Alembic itself is imported only when a migration has to run: a normal start compares one
row with `SCHEMA_HEAD`, which a test keeps equal to the newest migration.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions; bump it with every new migration.
SCHEMA_HEAD = "0010"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest migration as Alembic sees it (the tests hold SCHEMA_HEAD to it)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:
        connection.rollback()
        return None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the store to `revision`; a no-op (one cheap query) when it is there already."""
    with engine.connect() as conn:
        before = current_revision(conn)
        if revision == "head" and before == SCHEMA_HEAD:
            return
    from alembic import command

    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)
        conn.commit()
    if before is not None:
        vacuum(engine)


def vacuum(engine: Engine) -> None:
    """Give the pages a migration freed back to the disk (0007 frees most of an old store).

    Outside any transaction, on the raw connection: SQLite refuses VACUUM inside one.
    """
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
    finally:
        raw.close()


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), revision)
        conn.commit()
