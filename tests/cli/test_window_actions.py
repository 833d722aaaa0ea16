"""#18 point 7: every action of the window's pages has a subcommand. The buttons are read
from the pages' source (no window needed); the list beside the pages must name each one, and
each entry must name a real subcommand (and option)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ewarong_desktop.gui.pages.actions import ACTIONS, NOT_ACTIONS
from tests.cli.test_every_subcommand import PARSERS

PAGES = Path(__file__).resolve().parents[2] / "ewarong_desktop" / "gui" / "pages"
# Choices that act at once (a combo box saves when changed), not buttons: named by hand.
NOT_BUTTONS = {"settings": {"paper", "statements_sheet"}}


def buttons_of(source: str) -> set[str]:
    """Attributes assigned a QPushButton or QAction (`self.x = QPushButton(...)`, tuples of
    them, `self.buttons = {name: QPushButton(...) for name in (...)}`), and local ones."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign):
            continue
        made = [
            n
            for n in ast.walk(node.value)
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) in ("QPushButton", "QAction")
        ]
        if not made:
            continue
        for target in node.targets:
            for item in target.elts if isinstance(target, ast.Tuple) else [target]:
                name = item.attr if isinstance(item, ast.Attribute) else getattr(item, "id", "")
                if isinstance(node.value, ast.DictComp):
                    keys = ast.literal_eval(node.value.generators[0].iter)
                    found |= {f"{name}[{key}]" for key in keys}
                else:
                    found.add(name)
    return found


def page_buttons() -> dict[str, set[str]]:
    pages = {p.stem: buttons_of(p.read_text(encoding="utf-8")) for p in PAGES.glob("*.py")}
    return {name: found for name, found in pages.items() if found}


def test_the_reading_finds_the_buttons_a_person_sees() -> None:
    found = page_buttons()
    assert {"add_rate", "recovery_code", "add_operator"} <= found["settings"]
    assert {"buttons[tranche]", "buttons[xlsx]"} <= found["fund"]
    assert {"pdf_button", "xlsx_button", "statements_button"} <= found["reports"]
    assert len(found) >= 12


def test_every_button_of_every_page_is_in_the_list() -> None:
    for page, found in page_buttons().items():
        listed = set(ACTIONS.get(page, {})) | set(NOT_ACTIONS.get(page, {}))
        missing = found - listed
        assert not missing, f"{page}: buttons with no subcommand in gui/pages/actions.py: {missing}"
        gone = listed - found - NOT_BUTTONS.get(page, set())
        assert not gone, f"{page}: listed but no longer on the page: {gone}"


def test_what_is_listed_but_no_button_is_still_on_its_page() -> None:
    for page, names in NOT_BUTTONS.items():
        source = (PAGES / f"{page}.py").read_text(encoding="utf-8")
        for name in names:
            assert f"self.{name} = " in source or f"self.{name}, " in source, (page, name)
            assert name in ACTIONS[page]


@pytest.mark.parametrize(
    ("page", "button", "command"),
    [(p, b, c) for p, entries in sorted(ACTIONS.items()) for b, c in sorted(entries.items())],
)
def test_each_entry_names_a_real_subcommand_and_option(
    page: str, button: str, command: str
) -> None:
    words = command.split()
    path = " ".join(w for w in words if not w.startswith("-"))
    assert path in PARSERS, f"{page}.{button}: no subcommand `{path}`"
    options = {o for a in PARSERS[path]._actions for o in a.option_strings}
    for option in (w for w in words if w.startswith("-")):
        assert option in options, f"{page}.{button}: `{path}` has no {option}"


def test_a_not_action_says_why() -> None:
    for page, entries in NOT_ACTIONS.items():
        for button, why in entries.items():
            assert len(why.split()) >= 2, (page, button)
            assert button not in ACTIONS.get(page, {})
