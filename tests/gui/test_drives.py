"""Which mounted volumes the Sinkron page offers as the USB stick."""

from ewarong_desktop.gui.drives import Volume, removable

LINUX = [
    Volume("/", "root", 10**10),
    Volume("/home", "home", 10**10),
    Volume("/media/siti/FLASHDISK", "FLASHDISK", 4 * 10**9),
    Volume("/run/media/siti/KINGSTON", "KINGSTON", 8 * 10**9),
    Volume("/media/siti/CDROM", "CDROM", 0, read_only=True),
    Volume("/media/siti/EMPTY-SLOT", "", 0, ready=False),
]


def test_linux_sticks_are_the_writable_volumes_under_media() -> None:
    names = [v.name for v in removable(LINUX, platform="linux")]
    assert names == ["FLASHDISK", "KINGSTON"]


def test_windows_sticks_are_the_drive_letters_other_than_the_system_s() -> None:
    volumes = [Volume("C:\\", "Windows", 10**10), Volume("E:\\", "FLASHDISK", 10**9)]
    assert [v.root for v in removable(volumes, platform="win32", system_drive="C:")] == ["E:\\"]


def test_macos_sticks_live_under_volumes() -> None:
    volumes = [Volume("/", "Macintosh HD", 10**10), Volume("/Volumes/USB", "USB", 10**9)]
    assert [v.name for v in removable(volumes, platform="darwin")] == ["USB"]
