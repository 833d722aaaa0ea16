"""Who is acting on which store: the one object every service function receives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import PermissionDenied
from ewarong_desktop.domain.states import Role
from ewarong_desktop.services.clockguard import require_plausible_clock
from ewarong_desktop.store.database import Database, NoStore

# Database is the opaque store handle the window passes back to services (login); NoStore
# is how a caller learns a folder holds no store yet (first run).
__all__ = [
    "CLI_ACTOR",
    "Actor",
    "Database",
    "NoStore",
    "PinChangeDue",
    "ServiceContext",
]

# The one write an admin whose PIN is too short may still make: a new PIN.
PIN_CHANGE_ACTION = "set_pin"


class PinChangeDue(PermissionDenied):
    """An admin logged in with a PIN shorter than the rule now asks: a new PIN comes first."""

    code = "pin_change_due"

    def __init__(
        self,
        id_text: str = "PIN admin harus paling sedikit 6 angka: ganti PIN Anda dulu.",
        en_text: str = "An admin PIN has at least 6 digits: change your PIN first.",
    ) -> None:
        super().__init__(id_text, en_text)


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    # Logged in with an admin PIN from before the 6-digit rule: nothing but a new PIN.
    pin_change_due: bool = False

    def __post_init__(self) -> None:
        # Given as "admin" by a caller that read it from the store or typed it: held typed.
        object.__setattr__(self, "role", Role(self.role))

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


CLI_ACTOR = Actor("cli", Role.ADMIN)


@dataclass
class ServiceContext:
    """A store plus the operator acting on it. Cheap to make; holds no session."""

    db: Database
    actor: Actor
    # The laptop's local clock; swapped in tests and by `demo` to write history.
    clock: Callable[[], datetime] = field(default=datetime.now)
    # The laptop clock was found plausible (or confirmed) once for this context: writes go on.
    clock_checked: bool = field(default=False, repr=False)

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
        return ServiceContext(self.db, actor, self.clock, self.clock_checked)

    @contextmanager
    def transaction(self, action: str) -> Iterator[Session]:
        """One write, after the guards every write passes, in the window and the shell alike:
        someone who may write, with a PIN that is good enough, under a clock that is right."""
        self.require_writer(action)
        with self.db.session(actor=self.actor.name, action=action) as session:
            yield session

    def require_writer(self, action: str) -> None:
        if self.actor.role == Role.READER:
            raise PermissionDenied(
                "Perintah ini hanya membaca; untuk mengubah data, sebutkan operator dan PIN.",
                "This command only reads; to change the store, name an operator and a PIN.",
            )
        if self.actor.pin_change_due and action != PIN_CHANGE_ACTION:
            raise PinChangeDue()
        if not self.clock_checked:
            require_plausible_clock(self.db)
            self.clock_checked = True

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.db.reading() as session:
            yield session

    def require_admin(self, what_id: str, what_en: str) -> None:
        """Roles are enforced here, not only by hiding buttons."""
        if self.actor.pin_change_due:
            raise PinChangeDue()
        if not self.actor.is_admin:
            raise PermissionDenied(
                f"Hanya admin yang boleh {what_id}.", f"Only an admin may {what_en}."
            )

    def close(self) -> None:
        self.db.close()
