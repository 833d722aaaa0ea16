"""#18 point 8: README's table lists every subcommand the parser has, with its purpose, the
role it needs and an example that the parser itself accepts; it cannot drift."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from ewarong_desktop.cli import build_parser
from ewarong_desktop.cli.catalogue import CATALOGUE, readme_table
from ewarong_desktop.cli.roles import NEEDS, name_subcommands, role_text
from tests.cli.test_every_subcommand import PARSERS

README = Path(__file__).resolve().parents[2] / "README.md"


def table_rows() -> dict[str, list[str]]:
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- subcommands:begin -->", 1)[1].split("<!-- subcommands:end -->", 1)[0]
    rows = {}
    for line in table.strip().splitlines()[2:]:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows[cells[0].strip("`")] = cells
    return rows


def test_readme_s_table_is_the_one_made_from_the_catalogue_and_the_roles() -> None:
    text = README.read_text(encoding="utf-8")
    assert f"<!-- subcommands:begin -->\n{readme_table()}<!-- subcommands:end -->" in text, (
        "README's table is stale: run python tools/subcommand_table.py"
    )


def test_every_subcommand_of_the_parser_has_a_row_and_every_row_a_subcommand() -> None:
    assert set(table_rows()) == set(PARSERS)


def test_each_row_says_the_role_roles_py_enforces() -> None:
    runnable = set(name_subcommands(build_parser()))
    assert runnable <= set(NEEDS), "a runnable subcommand with no row in roles.NEEDS"
    words = {"read": "anyone (no PIN)", "operator": "operator", "admin": "admin"}
    for path, cells in table_rows().items():
        assert cells[2] == role_text(path)
        need = NEEDS.get(path)
        if isinstance(need, str) and need in words:
            assert cells[2] == words[need], path
    assert table_rows()["void"][2] == "admin" and table_rows()["kpm list"][2] == "anyone (no PIN)"


@pytest.mark.parametrize("path", sorted(CATALOGUE))
def test_each_example_is_a_command_line_the_parser_accepts(path: str) -> None:
    words = shlex.split(CATALOGUE[path].example)
    while words[0] != "ewarong-desktop":  # EWARONG_NEW_PIN=... before the program
        assert "=" in words[0]
        words.pop(0)
    parser = build_parser()
    try:
        args = parser.parse_args(words[1:])
    except SystemExit as exc:  # pragma: no cover - the failure says which
        raise AssertionError(f"{path}: the parser refuses its own example") from exc
    # A group's example runs one of its subcommands (`kpm` -> `kpm list`).
    assert args.cli_path == path or args.cli_path.startswith(path + " ")
