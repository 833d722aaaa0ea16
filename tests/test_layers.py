"""The layers hold: each package imports exactly what the README's arrows allow.

The arrows are read from README.md ("How the code is laid out"), so the picture people read
and the rule the code is held to cannot drift apart: an import without its arrow fails, and
so does an arrow no import uses any more.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ewarong_desktop"
OURS = "ewarong_desktop"
_ARROW = re.compile(r"^(\w+)\s+──►\s+(.*)$")


def layers() -> list[str]:
    """Every package and module directly under `ewarong_desktop/` (entry files aside)."""
    found = [p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    found += [p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")]
    return sorted(found)


def drawn_arrows() -> dict[str, set[str]]:
    """{layer: the layers it may import}, from the README's code block of arrows."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## How the code is laid out", 1)[1]
    block = section.split("```", 2)[1]
    arrows: dict[str, set[str]] = {}
    for line in block.splitlines():
        match = _ARROW.match(line.strip())
        if match:
            targets = re.sub(r"\(.*?\)", "", match[2])  # asides in brackets are not arrows
            arrows[match[1]] = {t.strip() for t in targets.split(",") if t.strip()}
    return arrows


ALLOWED = drawn_arrows()


def imports_of(path: Path) -> list[str]:
    """Modules `path` imports, including `importlib.import_module("ewarong_desktop....")`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(node.args[0].value)
    return found


def modules(layer: str) -> list[Path]:
    root = PACKAGE / layer
    if not root.is_dir():
        return [PACKAGE / f"{layer}.py"]
    return [p for p in root.rglob("*.py") if "migrations" not in p.parts]


def used_arrows(layer: str) -> dict[str, list[str]]:
    """{other layer: [file imports name, ...]} for every import of ours `layer` makes."""
    used: dict[str, list[str]] = {}
    for path in modules(layer):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] != OURS or len(parts) < 2 or parts[1] in ("__init__", "__version__", layer):
                continue
            used.setdefault(parts[1], []).append(f"{path.relative_to(PACKAGE)} imports {name}")
    return used


def test_the_readme_draws_every_layer_and_only_layers() -> None:
    assert sorted(ALLOWED) == layers()
    for layer, targets in ALLOWED.items():
        assert targets <= set(layers()), f"{layer} ──► {targets - set(layers())}"


@pytest.mark.parametrize("layer", layers())
def test_each_layer_imports_only_what_its_arrow_allows(layer: str) -> None:
    used = used_arrows(layer)
    wrong = [where for target, places in used.items() if target not in ALLOWED[layer]
             for where in places]  # fmt: skip
    assert wrong == []


@pytest.mark.parametrize("layer", layers())
def test_every_drawn_arrow_is_one_the_code_uses(layer: str) -> None:
    assert ALLOWED[layer] <= set(used_arrows(layer)), "an arrow in README.md no import uses"


def test_qt_is_imported_only_under_gui_and_district_gui() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in ("gui", "district_gui")
        for name in imports_of(path)
        if name.split(".")[0] == "PySide6"
    ]
    assert wrong == []


def test_only_the_stores_speak_sql() -> None:
    # Services open the session and may name its type; every query lives in store/.
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        layer = path.relative_to(PACKAGE).parts[0]
        if layer in ("store", "district"):
            continue
        for name in imports_of(path):
            top = name.split(".")[0]
            if top == "sqlite3" or (
                top == "sqlalchemy"
                and not (layer == "services" and name == "sqlalchemy.orm.Session")
            ):
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []
