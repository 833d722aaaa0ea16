"""Where the USB stick is: the volumes the OS has mounted, narrowed to removable-looking ones.

Qt lists mounted volumes but cannot say which are removable, so the rule is where operating
systems mount them: `/media/…`, `/run/media/…` and `/mnt/…` on Linux, `/Volumes/…` on macOS,
and any drive letter but the system's on Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PureWindowsPath

LINUX_PLACES = ("/media/", "/run/media/", "/mnt/")


@dataclass(frozen=True)
class Volume:
    root: str
    name: str
    free_bytes: int
    ready: bool = True
    read_only: bool = False


def removable(
    volumes: Iterable[Volume], *, platform: str = sys.platform, system_drive: str = ""
) -> list[Volume]:
    """The volumes a person would call 'the flashdisk', in a stable order."""
    system = (system_drive or os.environ.get("SYSTEMDRIVE", "C:")).rstrip("\\/").upper()
    found = []
    for volume in volumes:
        if not volume.ready or volume.read_only:
            continue
        root = volume.root.replace("\\", "/")
        if platform.startswith("win"):
            letter = PureWindowsPath(volume.root).drive.upper()
            keep = bool(letter) and letter != system
        elif platform == "darwin":
            keep = root.startswith("/Volumes/")
        else:
            keep = root.startswith(LINUX_PLACES)
        if keep:
            found.append(volume)
    return sorted(found, key=lambda v: v.root)


def mounted_volumes() -> list[Volume]:
    from PySide6.QtCore import QStorageInfo

    return [
        Volume(
            root=info.rootPath(),
            name=info.displayName() or info.name(),
            free_bytes=int(info.bytesAvailable()),
            ready=info.isReady() and info.isValid(),
            read_only=info.isReadOnly(),
        )
        for info in QStorageInfo.mountedVolumes()
    ]


def usb_sticks() -> list[Volume]:
    return removable(mounted_volumes())
