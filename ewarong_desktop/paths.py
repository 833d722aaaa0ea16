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


def write_crash_log(logs_dir: Path, detail: str, prefix: str = "crash") -> Path | None:
    """Keep a bug's details for support in `<data>/logs`; None when even that fails.

    Microseconds and the process id in the name: two crashes in one second keep both logs.
    """
    from datetime import datetime

    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        path = logs_dir / f"{prefix}-{datetime.now():%Y%m%d-%H%M%S-%f}-{os.getpid()}.log"
        path.write_text(detail, encoding="utf-8")
        return path
    except OSError:
        return None
