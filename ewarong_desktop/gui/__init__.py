"""The PySide6 window: pages call services and show the frozen dataclasses they return."""

from ewarong_desktop.gui.compat import guard_singletons

# Before any Qt object exists: see compat.py (PySide6 6.12 on Python 3.11 releases None).
guard_singletons()
