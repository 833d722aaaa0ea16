"""Refresh the UI translation: lupdate over `gui/` and `district_gui/`, fill English from
`tools/ui_english.py`, then lrelease to `resources/translations/ewarong_en.qm`.

Indonesian is the source language written in the code; English is the one catalogue.
A source text with no English yet is reported and left `unfinished` (Qt then shows the
Indonesian), and the command exits 1 so CI notices.

Run: `.venv/bin/python tools/update_translations.py`
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "ewarong_en.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_english import CONTEXTUAL, ENGLISH, NUMERUS  # noqa: E402


def main() -> int:
    sources = sorted(
        str(p.relative_to(ROOT))
        for package in ("gui", "district_gui")
        for p in (ROOT / "ewarong_desktop" / package).rglob("*.py")
    )
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(TS), "-no-obsolete",
         "-source-language", "id_ID", "-target-language", "en_GB", "-locations", "none"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            comment = message.findtext("comment")
            translation = message.find("translation")
            if message.get("numerus") == "yes":  # English: one form for 1, one for the rest
                forms = NUMERUS.get(source or "")
                if forms is None:
                    missing.append(f"{name}: {source!r} (plural)")
                    continue
                for old in list(translation):
                    translation.remove(old)
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
                translation.attrib.pop("type", None)
                continue
            english = CONTEXTUAL.get((name, source, comment)) or ENGLISH.get(source)
            if english is None:
                if not (translation.text or "").strip():
                    missing.append(f"{name}: {source!r}")
                continue
            translation.text = english
            translation.attrib.pop("type", None)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    for line in missing:
        print(f"no English yet: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
