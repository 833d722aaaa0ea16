"""Where a document goes: a path (text or `Path`) or an open binary file."""

from __future__ import annotations

import os
from typing import BinaryIO

Output = str | os.PathLike[str] | BinaryIO


def as_target(out: Output) -> str | BinaryIO:
    """reportlab and openpyxl take a `str` path or a file, not a `Path`."""
    return os.fspath(out) if isinstance(out, os.PathLike) else out
