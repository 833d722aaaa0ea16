"""Who is acting on which store: the one object every service function receives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import PermissionDenied
from ewarong_desktop.store.database import Database, NoStore

ROLES = ("admin", "operator")
# Database is the opaque store handle the window passes back to services (login); NoStore
# is how a caller learns a folder holds no store yet (first run).
__all__ = ["CLI_ACTOR", "ROLES", "Actor", "Database", "NoStore", "ServiceContext"]


@dataclass(frozen=True)
class Actor:
    name: str
    role: str  # admin | operator

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


CLI_ACTOR = Actor("cli", "admin")


@dataclass
class ServiceContext:
    """A store plus the operator acting on it. Cheap to make; holds no session."""

    db: Database
    actor: Actor
    # The laptop's local clock; swapped in tests and by `demo` to write history.
    clock: Callable[[], datetime] = field(default=datetime.now)

    def today(self) -> date:
        return self.clock().date()

    def utc_stamp(self) -> tuple[datetime, int]:
        """Now as stored: naive UTC plus the laptop's offset in minutes."""
        local = self.clock()
        aware = local if local.tzinfo else local.astimezone()
        offset = aware.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset else 0
        return aware.astimezone(UTC).replace(tzinfo=None), minutes

    @classmethod
    def open(cls, data_dir: Path, actor: Actor = CLI_ACTOR) -> ServiceContext:
        return cls(Database.open(data_dir), actor)

    @property
    def data_dir(self) -> Path:
        return self.db.data_dir

    def as_actor(self, actor: Actor) -> ServiceContext:
        return ServiceContext(self.db, actor, self.clock)

    @contextmanager
    def transaction(self, action: str) -> Iterator[Session]:
        with self.db.session(actor=self.actor.name, action=action) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.db.reading() as session:
            yield session

    def require_admin(self, what_id: str, what_en: str) -> None:
        """Roles are enforced here, not only by hiding buttons."""
        if not self.actor.is_admin:
            raise PermissionDenied(
                f"Hanya admin yang boleh {what_id}.", f"Only an admin may {what_en}."
            )

    def close(self) -> None:
        self.db.close()
