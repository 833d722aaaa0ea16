"""The Dinas Sosial's desk: the district office's window (PySide6 only here; `district` stays
Qt-free)."""
