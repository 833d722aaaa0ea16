#!/usr/bin/env python3
"""Developer entry point that needs nothing but Python 3.11+ and a clone.

    python3 dev.py app    install into .venv and open the app on its default store
    python3 dev.py test   install into .venv with the dev tools, run the linters and all tests

Extra arguments after `app` go to `ewarong-desktop`; after `test`, to pytest, which runs the
tests in parallel on every core (pytest-xdist) unless they say otherwise (`-n 0`). The tests
keep Python's bytecode (`__pycache__`, git-ignored) even where PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, env=env)


def test_env() -> dict[str, str]:
    """The test run's environment, with bytecode written and reused: each xdist worker and each
    command a test starts (`python -m ewarong_desktop ...`) imports the app, and without
    `__pycache__` every one of them compiles it again and pytest rewrites every test module's
    asserts again in every worker: seconds of each run's two cores."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def install(extras: str) -> None:
    """Install into .venv, unless it was already done for this pyproject.toml (the install is
    editable: code changes need none; a new dependency changes pyproject.toml)."""
    stamp = VENV / f".installed-{extras or 'app'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if python().exists() and stamp.is_file() and stamp.read_text() == wanted:
        print(f"+ {VENV} is up to date with pyproject.toml", flush=True)
        return
    if not python().exists():
        print(f"+ creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(python(), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python(), "-m", "pip", "install", "--quiet", "-e", f".[{extras}]" if extras else ".")
    stamp.write_text(wanted)


def parallel(pytest_args: list[str]) -> list[str]:
    """pytest-xdist on every core, each test file on one worker (a module's fixtures, such as
    a demo store, are built once), unless the arguments choose (`-n 0` runs serially)."""
    chosen = any(a == "-n" or a.startswith(("-n", "--numprocesses", "--dist")) for a in pytest_args)
    return [] if chosen else ["-n", "auto", "--dist", "loadfile"]


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on an older python3 to say so
        print("ewarong-desktop needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    try:
        if command == "app":
            install("")
            run(BIN / "ewarong-desktop", *rest)
        elif command == "test":
            install("dev")
            run(python(), "-m", "ruff", "check", ".")
            run(python(), "-m", "ruff", "format", "--check", ".")
            run(python(), "-m", "mypy")
            run(python(), "-m", "pytest", *parallel(rest), *rest, env=test_env())
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
