"""Text from data made safe for a terminal and for document markup: data is never code."""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

# C0 and C1 controls except tab and newline: ESC sequences can recolour, retitle or clear a
# terminal, and a carriage return can hide what came before it on the line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_markup(text: str) -> str:
    """`text` for reportlab's paragraph markup: `&`, `<` and `>` shown as themselves, so a
    name like `<img src="/etc/passwd"/>` is printed, never obeyed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def printable(text: str) -> str:
    """`text` with every control character but tab and newline shown as `?`."""
    return _CONTROL.sub("?", text)


class PrintableStream:
    """Wraps a text stream so that everything printed through it is `printable`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text))

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def silence_stdout() -> None:
    """After a broken pipe (`| head -1`): point standard output at the null device, so the
    interpreter's last flush at exit (of what is still buffered) lands there quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
