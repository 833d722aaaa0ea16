"""Alembic environment: runs on the connection the app hands over (never a URL from a file)."""

from alembic import context

from ewarong_desktop.store import models  # noqa: F401  (registers the tables)
from ewarong_desktop.store.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the app and tests drive migrations
    raise RuntimeError("migrations run through ewarong_desktop.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
