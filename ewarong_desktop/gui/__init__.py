"""The PySide6 window: pages call services and show the frozen dataclasses they return."""
