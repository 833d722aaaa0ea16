"""Crash-safe file writes: temp name, fsync, rename; a half-written file never looks whole."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def fsync_dir(directory: Path) -> None:
    """Make a rename inside `directory` durable (a no-op where the OS cannot open folders)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int | None = None) -> Iterator[BinaryIO]:
    """Yield a binary file that becomes `path` only when the block finishes without error.

    The data goes to a hidden temporary name in the same folder (same file system, so the
    rename is atomic), is fsynced, then renamed over `path`; on any error the temporary file
    is removed and `path` is left as it was.
    """
    path = Path(path)
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    tmp = Path(tmp_name)
    try:
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(directory)


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    with atomic_writer(path, mode) as handle:
        handle.write(data)
