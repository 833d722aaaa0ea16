"""What every command gets: the data folder, the language, the acting operator, output."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ewarong_desktop.domain.text import printable
from ewarong_desktop.paths import default_data_dir, write_crash_log

if TYPE_CHECKING:  # the window starts without SQLAlchemy; commands load it on first use
    from ewarong_desktop.services.context import ServiceContext


@dataclass
class CliEnv:
    data_dir: Path
    lang: str
    operator: str
    _ctx: ServiceContext | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliEnv:
        return cls(default_data_dir(args.data_dir), args.lang, args.operator)

    def context(self) -> ServiceContext:
        """The store, opened on first use; commands act as an admin (the OS guards the files)."""
        if self._ctx is None:
            from ewarong_desktop.services.context import Actor, ServiceContext

            self._ctx = ServiceContext.open(self.data_dir, Actor(self.operator, "admin"))
        return self._ctx

    def t(self, id_text: str, en_text: str) -> str:
        return en_text if self.lang == "en" else id_text

    def out(self, text: str = "") -> None:
        # Names come from data: nothing in them may drive the terminal (ESC sequences).
        print(printable(text))

    def error(self, id_text: str, en_text: str) -> None:
        label = "error" if self.lang == "en" else "galat"
        print(printable(f"{label}: {self.t(id_text, en_text)}"), file=sys.stderr)

    def write_crash_log(self, detail: str) -> Path | None:
        return write_crash_log(self.data_dir / "logs", detail)

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None
