"""The layers of DESIGN.md hold: each package imports only what its arrow allows.

gui ──► services ──► store ──► domain          cli ──► services
 │          │  └──► sync ────► domain          district ──► sync, domain (own store)
 │          └──────► reports ─► domain
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ewarong_desktop"
OURS = "ewarong_desktop"

# Which of our own layers each layer may import (itself always allowed).
ALLOWED = {
    "domain": set(),
    "store": {"domain", "sync", "paths", "fsio"},
    "sync": {"domain", "paths", "fsio"},
    "kpm_import": {"domain"},
    "reports": {"domain", "paths"},
    "services": {"domain", "store", "sync", "reports", "kpm_import", "paths", "fsio"},
    "gui": {"domain", "services", "paths"},
    "cli": {"domain", "services", "paths", "gui"},
    "district": {"domain", "sync", "reports", "paths", "fsio"},
}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def modules(layer: str) -> list[Path]:
    root = PACKAGE / layer
    return [p for p in root.rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_what_its_arrow_allows(layer: str) -> None:
    wrong = []
    for path in modules(layer):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] != OURS or len(parts) < 2 or parts[1] in ("__init__", layer):
                continue
            if parts[1] not in ALLOWED[layer] and parts[1] != "__version__":
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []


def test_qt_is_imported_only_under_gui() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in PACKAGE.rglob("*.py")
        if "gui" not in path.relative_to(PACKAGE).parts
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
