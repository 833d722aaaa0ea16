"""Labels that show what came from outside (an e-warong's name in an enrolment file or a
bundle, a finding that quotes a product, another officer's note, a path): plain text, so
`<b>Toko</b> <img src=...>` is shown as typed and never read as markup (a QLabel guesses
rich text from a leading tag otherwise)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain(*labels: QLabel) -> None:
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)
