"""Every UI string has its English, and the shipped catalogue matches the code."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ewarong_en.ts"


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") != "unfinished"
            found[(name, message.findtext("source"))] = translation.text if done else None
    return found


def test_catalogue_is_complete_and_current(tmp_path: Path):
    shipped = messages(TS)
    assert all(shipped.values()), [k for k, v in shipped.items() if not v]
    sources = sorted(str(p) for p in (ROOT / "ewarong_desktop" / "gui").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(fresh), "-locations", "none"],
        check=True,
        capture_output=True,
    )
    in_code = set(messages(fresh))
    missing = in_code - set(shipped)
    assert not missing, f"run tools/update_translations.py; new strings: {sorted(missing)[:5]}"
    assert (TS.with_suffix(".qm")).stat().st_size > 1000
