"""One way to say a thing in two languages, and one wording for what the system says."""

import errno
import sqlite3

from ewarong_desktop.domain.errors import FileProblem, InvalidInput
from ewarong_desktop.domain.words import Words, os_reason, say


def test_english_only_when_english_is_asked_for():
    words = Words("Simpan", "Save")
    assert words.text("en") == "Save"
    assert words.text("id") == words.text() == words.text("xx") == "Simpan"
    assert say("en", "Batal", "Cancel") == "Cancel"
    assert Words("{n} KPM", "{n} beneficiaries").format(n=3).text("en") == "3 beneficiaries"
    refusal = InvalidInput("NIK harus 16 angka.", "A NIK has 16 digits.")
    assert refusal.message("en") == refusal.words.en and refusal.message() == refusal.words.id


def test_a_full_stick_is_said_the_same_way_from_the_system_and_from_sqlite():
    from_os = os_reason(OSError(errno.ENOSPC, "No space left on device"))
    from_sqlite = os_reason(sqlite3.OperationalError("database or disk is full"))
    assert from_os == from_sqlite
    assert "flashdisk penuh" in from_os.text("id") and "disk is full" in from_os.text("en")
    read_only = os_reason(sqlite3.OperationalError("attempt to write a readonly database"))
    assert "read-only" in read_only.text("en")


def test_an_unusual_error_keeps_the_system_s_own_words():
    odd = OSError(errno.ENAMETOOLONG, "File name too long")
    assert os_reason(odd) == Words("File name too long", "File name too long")
    assert os_reason(RuntimeError("stick pulled")).text("en") == "stick pulled"


def test_a_file_problem_names_the_file_never_our_temporary_name():
    exc = OSError(errno.EROFS, "Read-only file system", "/media/usb/struk.pdf.part")
    problem = FileProblem.from_os_error(exc)
    assert "(/media/usb/struk.pdf): disk atau flashdisk hanya-baca." in problem.message("id")
    assert ".part" not in problem.message("en")
