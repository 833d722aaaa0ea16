"""Reading back what a PDF says and how it looks, for the document tests."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pages"


def page_texts(pdf: bytes | Path) -> list[str]:
    source = BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return [page.extract_text() or "" for page in PdfReader(source).pages]


def page_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def has_run(lines: list[str], *run: str) -> bool:
    """`run` appears as consecutive lines (pypdf puts each drawn string on its own line)."""
    n = len(run)
    return any(tuple(lines[i : i + n]) == run for i in range(len(lines) - n + 1))


def embedded_fonts(pdf: bytes) -> set[str]:
    reader = PdfReader(BytesIO(pdf))
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
    return names


def render_first_page(pdf: bytes, name: str) -> Path | None:
    """Write page 1 as `test-artifacts/pages/<name>.png` for a person to look at."""
    if shutil.which("pdftoppm") is None:
        return None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    stem = ARTIFACTS / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(stem),
        ],
        check=True,
    )
    return stem.with_suffix(".png")
