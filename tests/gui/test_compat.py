"""The window survives a long session: PySide6 6.12 on Python 3.11 releases None per repaint."""

from __future__ import annotations

import subprocess
import sys

LONG_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import ewarong_desktop.gui  # applies the guard
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

class Page(QWidget):
    def changeEvent(self, event):  # returns None to C++, as every page does
        super().changeEvent(event)

app = QApplication([])
page = Page()
start = sys.getrefcount(None)
for _ in range(20_000):  # four times what None starts with on Python 3.11
    QCoreApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
print("ok", start - sys.getrefcount(None))
"""


def test_twenty_thousand_virtual_calls_do_not_abort_the_interpreter():
    proc = subprocess.run(
        [sys.executable, "-c", LONG_SESSION], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("ok")
    assert "deallocating" not in proc.stderr
