"""A first look at a store file with plain sqlite3, before SQLAlchemy is loaded.

The login screen needs three things (the shop's name, its language, who may log in) and the
operator should see it at once; loading SQLAlchemy and opening the store properly (checks,
the day's backup, migrations) takes longer than a bare window does on an old laptop, so that
happens behind the screen (`services.opening`). This module imports nothing heavier than
sqlite3, and opens the file read-only, so it changes nothing in the store (SQLite may leave
the empty `-wal`/`-shm` companions of a WAL store, which the next normal open removes). A
store it cannot read this way gets no first look, and the window falls back to opening the
store before it shows anything.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

STORE_FILE = "ewarong.sqlite"
# Who last logged in at the window, beside the store: the login list starts at that name, as
# on a shared laptop the same operator usually comes back. A hint only, never trusted: the
# name is offered only when it is an active operator, and the PIN decides.
LAST_LOGIN_FILE = "last-login.txt"


@dataclass(frozen=True)
class LoginPeek:
    warong_name: str
    language: str
    operator_names: tuple[str, ...]  # the active ones, by name
    last_operator: str | None = None  # one of operator_names: who logged in last


def last_login(data_dir: Path, names: tuple[str, ...] | list[str]) -> str | None:
    """Who last logged in at the window, when that is one of `names`; else None."""
    try:
        text = (Path(data_dir) / LAST_LOGIN_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    name = text.strip()
    return name if name in names else None


def login_peek(data_dir: Path) -> LoginPeek | None:
    """What the login screen shows, or None when the file is missing or not readable so."""
    path = Path(data_dir) / STORE_FILE
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            profile = conn.execute("SELECT name, language FROM warong_profile LIMIT 1").fetchone()
            names = tuple(
                str(row[0])
                for row in conn.execute("SELECT name FROM operators WHERE active ORDER BY name")
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if profile is None or not names:
        return None
    return LoginPeek(str(profile[0]), str(profile[1] or "id"), names, last_login(data_dir, names))
