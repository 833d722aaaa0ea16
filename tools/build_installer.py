"""Build the one-folder program with build_installer.spec, then run it headless as a user would.

    python tools/build_installer.py            # build, then smoke-test the built program
    python tools/build_installer.py --no-build # smoke-test what is already in dist/

The smoke test runs the *built* program, not the source, from a fresh temporary working
directory with a fresh data folder, so a module or data file the spec forgot (a migration
script, a font, a command module imported by name) fails here instead of on a village laptop.
Any non-zero exit, or a missing or empty output file, stops the run with the program's output.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_installer.spec"
APP = "ewarong-desktop"
IS_WINDOWS = sys.platform == "win32"
INIT_ARGS = ["init", "--code", "SMK-01", "--name", "Uji", "--desa", "Uji"]
INIT_ARGS += ["--kecamatan", "Uji", "--kabupaten", "Uji", "--admin-pin", "135790"]


class SmokeFailed(Exception):
    pass


def package_version() -> str:
    text = (ROOT / "ewarong_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M)
    assert match, "no __version__ in ewarong_desktop/__init__.py"
    return match.group(1)


def build(dist: Path, work: Path) -> float:
    """Run PyInstaller on the spec; returns the seconds it took."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    print("build:", " ".join(command), flush=True)
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True)
    return time.monotonic() - started


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def program_path(folder: Path) -> Path:
    """The program that prints to a terminal: the console twin on Windows."""
    name = f"{APP}-cli.exe" if IS_WINDOWS else APP
    path = folder / name
    if not path.is_file():
        raise SmokeFailed(f"no program at {path}")
    return path


def smoke_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Nothing from the build machine's venv or data may leak into the built program's run.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "EWARONG_DATA_DIR", "EWARONG_LANG"):
        env.pop(name, None)
    env["EWARONG_DATA_DIR"] = str(data_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def crash_logs(data_dir: Path) -> str:
    """The traceback the program wrote for support, which CI's log should show."""
    return "".join(
        f"\n--- {log} ---\n{log.read_text(encoding='utf-8', errors='replace')}"
        for log in sorted(data_dir.glob("logs/crash-*.log"))
    )


def run(program: Path, args: list[str], cwd: Path, env: dict[str, str], timeout: int = 300) -> str:
    shown = " ".join([program.name, *args])
    started = time.monotonic()
    try:
        done = subprocess.run(
            [str(program), *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailed(f"{shown}: still running after {timeout} s") from exc
    took = time.monotonic() - started
    if done.returncode != 0:
        raise SmokeFailed(
            f"{shown}: exit {done.returncode}\n--- stdout ---\n{done.stdout}"
            f"\n--- stderr ---\n{done.stderr}{crash_logs(Path(env['EWARONG_DATA_DIR']))}"
        )
    print(f"  ok  {shown}  ({took:.1f} s)", flush=True)
    return done.stdout


def expect_file(path: Path, magic: bytes) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        raise SmokeFailed(f"expected a file at {path}")
    if not path.read_bytes().startswith(magic):
        raise SmokeFailed(f"{path} does not start with {magic!r}")


def has_command(program: Path, name: str, cwd: Path, env: dict[str, str]) -> bool:
    """Whether this build knows a subcommand (argparse exits 2 on an unknown one)."""
    done = subprocess.run(
        [str(program), name, "--help"], cwd=cwd, env=env, capture_output=True, timeout=120
    )
    return done.returncode == 0


def smoke(folder: Path) -> None:
    program = program_path(folder)
    with tempfile.TemporaryDirectory(prefix="ewarong-smoke-") as tmp:
        cwd = Path(tmp) / "elsewhere"
        cwd.mkdir()
        data = Path(tmp) / "data"
        env = smoke_env(data)
        month = date.today().strftime("%Y-%m")

        version = run(program, ["--version"], cwd, env)
        if package_version() not in version:
            raise SmokeFailed(f"--version said {version.strip()!r}, not {package_version()}")
        run(program, ["--help"], cwd, env)
        commands = {
            name
            for name in ("init", "demo", "check", "export", "report", "statements")
            if has_command(program, name, cwd, env)
        }
        missing = {"init", "demo", "check"} - commands
        if missing:
            raise SmokeFailed(f"the built program has no {sorted(missing)} subcommand")

        # `demo` makes the store: Alembic runs every migration script from the bundle.
        run(program, ["demo", "--kpm", "50", "--months", "2"], cwd, env)
        run(program, ["check"], cwd, env)
        # A second store through `init` proves a fresh first-run setup too.
        init_env = smoke_env(Path(tmp) / "data-init")
        run(
            program,
            INIT_ARGS,
            cwd,
            init_env,
        )
        run(program, ["check"], cwd, init_env)

        if "export" in commands:
            out = Path(tmp) / "usb"
            out.mkdir()  # the flash drive is plugged in: export refuses a missing folder
            # Signing a bundle changes the store: it needs a named operator and that PIN.
            export_env = dict(env, EWARONG_OPERATOR="siti", EWARONG_PIN="2468")
            run(program, ["export", "--out", str(out)], cwd, export_env)
            if not any(out.iterdir()):
                raise SmokeFailed(f"export wrote nothing into {out}")
        else:
            print("  --  export: no such subcommand in this build", flush=True)
        if "report" in commands:
            pdf, xlsx = Path(tmp) / "laporan.pdf", Path(tmp) / "laporan.xlsx"
            run(program, ["report", month, "--out", str(pdf)], cwd, env)
            expect_file(pdf, b"%PDF")
            run(program, ["report", month, "--out", str(xlsx)], cwd, env)
            expect_file(xlsx, b"PK")
        else:
            print("  --  report: no such subcommand in this build", flush=True)
        if "statements" in commands:
            pdf = Path(tmp) / "kuitansi.pdf"
            run(program, ["statements", month, "--out", str(pdf)], cwd, env)
            expect_file(pdf, b"%PDF")
        # The window, offscreen: Qt's platform plugin, the translations, every import of the
        # first page. It quits by itself shortly after the main window shows.
        gui_env = dict(env, EWARONG_GUI_SMOKE_MS="300", EWARONG_GUI_OPERATOR="siti:2468")
        gui_env["EWARONG_IDLE_MINUTES"] = "0"
        run(program, [], cwd, gui_env, timeout=120)
        run(program, ["--lang", "en"], cwd, gui_env, timeout=120)
        # As an operator starts it: the login screen, the store opened behind it by a thread
        # that imports the services and the main window's modules by name.
        del gui_env["EWARONG_GUI_OPERATOR"]
        run(program, [], cwd, dict(gui_env, EWARONG_GUI_SMOKE_LOGIN_MS="300"), timeout=120)
        if "export" in commands:
            smoke_district(folder, program, Path(tmp), cwd, env)
        if list(cwd.iterdir()):
            raise SmokeFailed(
                f"the program wrote into its working directory: {list(cwd.iterdir())}"
            )


def smoke_district(
    folder: Path, shop: Path, tmp: Path, cwd: Path, shop_env: dict[str, str]
) -> None:
    """The district office's program: its key, the shop's enrolment and bundle imported by
    the command line, then its window, which imports the same stick again in its child
    process (the frozen program must start that child as itself) and quits."""
    name = "ewarong-district-cli.exe" if IS_WINDOWS else "ewarong-district"
    program = folder / name
    if not program.is_file():
        raise SmokeFailed(f"no program at {program}")
    env = smoke_env(tmp / "district-data")
    env["EWARONG_DISTRICT_KEYS"] = str(tmp / "district-keys")
    env.pop("EWARONG_DISTRICT_DB", None)
    db = tmp / "district" / "district.sqlite"
    db.parent.mkdir()
    usb = tmp / "usb"
    papers = tmp / "papers"
    papers.mkdir()
    run(program, ["--help"], cwd, env)
    run(program, ["--db", str(db), "key", "--office", "Dinas Sosial", "--kabupaten",
                  "Lampung Timur", "--out", str(papers)], cwd, env)  # fmt: skip
    said = run(shop, ["enrolment", "--out", str(papers)], cwd, shop_env)
    fingerprint = said.strip().splitlines()[-1].split(": ")[-1]
    enrolment = next(papers.glob("*.enrol.json"))
    run(program, ["--db", str(db), "enrol", str(enrolment), "--fingerprint", fingerprint],
        cwd, env)  # fmt: skip
    run(program, ["--db", str(db), "import", str(usb)], cwd, env)
    window_env = dict(env, EWARONG_GUI_SMOKE_MS="300", EWARONG_DISTRICT_SMOKE_IMPORT=str(usb))
    run(program, ["--db", str(db)], cwd, window_env, timeout=180)
    run(program, ["--db", str(db), "--lang", "en"], cwd, dict(env, EWARONG_GUI_SMOKE_MS="300"),
        timeout=120)  # fmt: skip
    url = os.environ.get("EWARONG_TEST_PG_URL")
    if url:  # PostgreSQL through the shipped psycopg, in a schema of its own
        scoped, drop = pg_schema(url)
        try:
            run(program, ["--db", scoped, "list"], cwd, env)
        finally:
            drop()
    else:
        print("  --  PostgreSQL: EWARONG_TEST_PG_URL not set, not tried", flush=True)


def pg_schema(url: str) -> tuple[str, Callable[[], None]]:
    """A URL into a fresh schema of the test server, and how to drop it afterwards."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"smoke_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return scoped.render_as_string(hide_password=False), drop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="smoke-test dist/ as it is")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    args = parser.parse_args(argv)

    folder = args.dist / APP
    if not args.no_build:
        if folder.exists():
            shutil.rmtree(folder)
        seconds = build(args.dist, args.work)
        print(f"built {folder} in {seconds:.0f} s", flush=True)
    size = folder_size(folder)
    print(f"size: {size / 2**20:.0f} MiB in {sum(1 for _ in folder.rglob('*'))} entries")
    try:
        smoke(folder)
    except SmokeFailed as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    print("smoke test passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
