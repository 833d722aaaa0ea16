"""Issue 13, point 11: a name printed by `ewarong-desktop` never drives the terminal.

A store may already hold a name with an ESC sequence (typed or imported before names were
checked); what the command line prints shows each control character as `?`.
"""

from __future__ import annotations

from sqlalchemy import update

from ewarong_desktop.cli import main
from ewarong_desktop.store.models import Beneficiary


def test_names_lose_their_control_characters_on_the_terminal(shop, capsys, monkeypatch):
    monkeypatch.setenv("EWARONG_OPERATOR", "admin")
    monkeypatch.setenv("EWARONG_PIN", "123456")
    with shop.ctx.transaction("test") as session:
        session.execute(
            update(Beneficiary)
            .where(Beneficiary.id == shop.ids["A"])
            .values(name="Siti\x1b]0;pwned\x07\x1b[2J Rahayu\r")
        )
    assert main(["--data-dir", str(shop.data_dir), "kpm", "list"]) == 0
    out = capsys.readouterr().out
    assert "Siti?]0;pwned??[2J Rahayu?" in out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
