"""Rewrite README.md's table of subcommands from `ewarong_desktop/cli/catalogue.py`.

Run it after adding a subcommand (its purpose and example in the catalogue, its role in
`cli/roles.py`); `tests/cli/test_readme_table.py` fails while README says otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ewarong_desktop.cli.catalogue import readme_table  # noqa: E402

BEGIN, END = "<!-- subcommands:begin -->", "<!-- subcommands:end -->"


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _old, rest = text.partition(BEGIN)
    _table, _end, tail = rest.partition(END)
    readme.write_text(f"{head}{BEGIN}\n{readme_table()}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
