"""`demo` says each month as it is made, on a terminal only: a big demo takes minutes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from ewarong_desktop.cli import main


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "script"])
def test_demo_says_each_month_on_a_terminal_and_nothing_to_a_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, terminal: bool
) -> None:
    err = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["--data-dir", str(tmp_path / "d"), "demo", "--kpm", "5", "--months", "2"]) == 0
    lines = err.getvalue().splitlines()
    if terminal:
        assert [line.split(" selesai ")[1] for line in lines] == ["(1/2)", "(2/2)"]
        assert all(line.startswith("Bulan ") for line in lines)
    else:
        assert lines == []
    assert "5 KPM" in capsys.readouterr().out  # the summary, as before
