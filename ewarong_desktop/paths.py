"""Where the program finds its shipped resources and keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "ewarong-desktop"
DATA_DIR_ENV = "EWARONG_DATA_DIR"


def resource_dir() -> Path:
    """The `resources/` folder: inside the package when installed or frozen, else the repo's."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "ewarong_desktop" / "resources")
    package = Path(__file__).resolve().parent
    candidates += [package / "resources", package.parent / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def default_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir`, else `EWARONG_DATA_DIR`, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
