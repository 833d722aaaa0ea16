"""The issue's acceptance run: a year of a 1,000-KPM e-warong, then `check` passes."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest


@pytest.mark.slow
def test_demo_of_1000_kpm_over_12_months_then_check_passes(tmp_path: Path) -> None:
    env = {**os.environ, "EWARONG_DATA_DIR": str(tmp_path / "store")}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ewarong_desktop", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    demo = cli("demo", "--kpm", "1000", "--months", "12")
    assert demo.returncode == 0, demo.stderr
    check = cli("check")
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr
    assert "Data utuh." in check.stdout
    month = cli("month", f"{date.today():%Y-%m}", "--json")
    figures = json.loads(month.stdout)
    assert figures["kpm_registered"] == 1000 and 0 < figures["kpm_served"] < 1000
