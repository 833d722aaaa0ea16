"""A command line loads only its own subcommand's module: `check` and `--help` start quickly.

(The times themselves are in bench/bench_cli_startup.py; here, what a broken table or an
eager import would change for the user: a subcommand missing from `--help`, or `check`
paying for the reports, the district link and the demo builder again.)
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ewarong_desktop import cli
from ewarong_desktop.cli.usage import UsageParser

HEAVY = (
    "sqlalchemy",
    "alembic",
    "openpyxl",
    "reportlab",
    "cryptography",
    "PySide6",
    "ewarong_desktop.services.demo",
    "ewarong_desktop.services.sync_export",
    "ewarong_desktop.reports",
)


def loaded_after(argv: list[str]) -> list[str]:
    """Which of HEAVY a fresh interpreter holds after running the command line `argv`."""
    code = (
        "import json, sys\n"
        "from ewarong_desktop.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", list(cli.SUBCOMMAND_MODULES))
def test_the_table_names_what_each_module_registers(module: str) -> None:
    parser = UsageParser(prog="ewarong-desktop")
    sub = parser.add_subparsers(dest="command")
    importlib.import_module(f"ewarong_desktop.cli.{module}").register(sub)
    assert tuple(sub.choices) == cli.SUBCOMMAND_MODULES[module]


def test_help_lists_every_subcommand_without_loading_one() -> None:
    assert cli.build_parser(["--help"]).format_help() == cli.build_parser().format_help()
    assert loaded_after(["--help"]) == []


def test_check_loads_the_store_but_not_the_reports_sync_or_demo(tmp_path: Path) -> None:
    # No store there: check says so (exit 3) after its own imports, which is what is timed.
    assert loaded_after(["--data-dir", str(tmp_path), "check"]) == ["sqlalchemy"]


def test_a_subcommand_still_gets_its_own_options_and_help(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        cli.main(["--lang", "en", "--data-dir", str(tmp_path), "kpm", "add", "--help"])
    assert ended.value.code == 0
    assert "--nik" in capsys.readouterr().out
    for wrong in (["check", "--bogus"], ["chek"]):
        with pytest.raises(SystemExit) as ended:
            cli.main(["--lang", "en", "--data-dir", str(tmp_path), *wrong])
        assert ended.value.code == 2
    said = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in said
    assert "'chek'" in said and "check" in said  # the refusal lists the real names
