"""Alembic environment of the district store: runs on the connection handed over in code."""

from alembic import context

from ewarong_desktop.district.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only ewarong_desktop.district.db drives this
    raise RuntimeError("district migrations run through ewarong_desktop.district.db")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
