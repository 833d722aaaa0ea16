"""Keep PySide6 6.12 from killing the process on Python 3.11 ("deallocating None").

With this PySide6 on Python < 3.12, every Python override of a C++ virtual that returns
None (each `paintEvent`, `changeEvent`, `showEvent`, a model's `data()` for a role it does
not fill...) gives back one reference to None that it never took. From Python 3.12 None is
immortal and nothing happens; on 3.11 None starts with about 5,000 references, so after a
few thousand repaints the count reaches zero and the interpreter aborts. Measured here:
one `grab()` of the main window costs None 53 references.

We do what 3.12 does: give None, True and False a reference count no session can run down.
They are static objects that are never freed anyway, so a higher count changes nothing else.
"""

from __future__ import annotations

import ctypes
import sys

GUARD = 1 << 40  # a trillion spurious releases: years of repaints
_done = False


def guard_singletons() -> bool:
    """Idempotent; returns True when the guard was needed and applied."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(obj)).value += GUARD
    _done = True
    return True
