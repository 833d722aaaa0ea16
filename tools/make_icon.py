"""Draw the app icon (`resources/icons/ewarong.png`, `.ico`) with QPainter: the SVG's shapes.

A PNG because Qt loads it without the SVG plugin, which a trimmed frozen build may lack.
Run: `.venv/bin/python tools/make_icon.py`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPolygonF

GREEN, GOLD, WHITE = QColor("#1f7a4d"), QColor("#e8b730"), QColor("#ffffff")


def poly(*points: tuple[float, float]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


def draw(size: int = 256) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(GREEN)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.setBrush(WHITE)
    p.drawPolygon(poly((40, 72), (216, 72), (224, 112), (32, 112)))
    p.setBrush(GOLD)
    for stripe in (
        ((62, 72), (82, 72), (78, 112), (54, 112)),
        ((106, 72), (128, 72), (128, 112), (102, 112)),
        ((150, 72), (172, 72), (178, 112), (154, 112)),
        ((194, 72), (216, 72), (224, 112), (202, 112)),
    ):
        p.drawPolygon(poly(*stripe))
    p.setBrush(WHITE)
    p.drawRect(QRectF(52, 112, 152, 96))
    p.setBrush(GREEN)
    p.drawRoundedRect(QRectF(104, 132, 48, 76), 20, 20)
    p.drawRect(QRectF(104, 160, 48, 48))
    p.setPen(WHITE)
    font = QFont("DejaVu Sans", 26)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 20, 256, 48), Qt.AlignmentFlag.AlignCenter, "e")
    p.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    out = Path(__file__).resolve().parent.parent / "resources" / "icons" / "ewarong.png"
    if not draw().save(str(out)):
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(out)
    # Windows wants an .ico with several sizes for the .exe and the taskbar; Pillow (already
    # here for reportlab) writes one from the 256 px drawing.
    from PIL import Image

    ico = out.with_suffix(".ico")
    sizes = [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
    Image.open(out).save(ico, sizes=sizes)
    print(ico)
    return 0


if __name__ == "__main__":
    sys.exit(main())
