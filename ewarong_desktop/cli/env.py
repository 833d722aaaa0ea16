"""What every command gets: the data folder, the language, the acting operator, output."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ewarong_desktop.domain.states import Role
from ewarong_desktop.domain.text import printable
from ewarong_desktop.domain.words import say
from ewarong_desktop.paths import default_data_dir, write_crash_log

if TYPE_CHECKING:  # the window starts without SQLAlchemy; commands load it on first use
    from ewarong_desktop.services.context import Actor, ServiceContext


@dataclass
class CliEnv:
    data_dir: Path
    lang: str
    operator: str | None  # --operator, else EWARONG_OPERATOR; None: nobody named
    # Who acts, set by `roles.authorise` before the command runs: a reader unless an
    # operator logged in with their PIN.
    actor: Actor | None = None
    _ctx: ServiceContext | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliEnv:
        name = args.operator or os.environ.get("EWARONG_OPERATOR") or None
        return cls(default_data_dir(args.data_dir), args.lang, name)

    def context(self) -> ServiceContext:
        """The store, opened on first use, acting as `actor` (a reader until a login).

        Every page is checked first: a script runs one command at a time, and none of
        them may read from (or sign, or export) a store with a damaged page.
        """
        from ewarong_desktop.services.context import Actor, Database, ServiceContext

        actor = self.actor or Actor(self.operator or "cli", Role.READER)
        if self._ctx is None:
            self._ctx = ServiceContext(Database.open(self.data_dir, check_pages=True), actor)
        elif self._ctx.actor != actor:
            self._ctx = self._ctx.as_actor(actor)
        return self._ctx

    def t(self, id_text: str, en_text: str) -> str:
        return say(self.lang, id_text, en_text)

    def out(self, text: str = "") -> None:
        # Names come from data: nothing in them may drive the terminal (ESC sequences).
        print(printable(text))

    def error(self, id_text: str, en_text: str) -> None:
        """A refusal, on one line: a newline typed into what it repeats shows as `?`."""
        text = f"{self.t('galat', 'error')}: {self.t(id_text, en_text)}"
        print(printable(text).replace("\n", "?"), file=sys.stderr)

    def write_crash_log(self, detail: str) -> Path | None:
        return write_crash_log(self.data_dir / "logs", detail)

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None
