"""One way to say a thing in two languages: Indonesian first, English second.

Refusals, printed labels, the CLI's and the district's lines and the labels of states and
roles all hold a `Words`; `Words.text(lang)` is the one place that chooses: "en" is English,
anything else Indonesian, the default. `os_reason` is the one wording of what the operating
system (or SQLite) said when a file could not be written or read.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Words:
    """A thing said in Indonesian (`id`) and English (`en`)."""

    id: str
    en: str

    def text(self, lang: str = "id") -> str:
        return self.en if lang == "en" else self.id

    def format(self, **values: object) -> Words:
        return Words(self.id.format(**values), self.en.format(**values))


def say(lang: str, id_text: str, en_text: str) -> str:
    """`Words(id_text, en_text).text(lang)`, for a line said once (the CLI's, the district's)."""
    return Words(id_text, en_text).text(lang)


# What an operator can do something about, in their words: the disk or the USB stick, never
# the errno. Each is said the same way in every message that carries it.
_NO_PERMISSION = "there is no permission for that file or folder"
_OS_REASONS = {
    errno.ENOENT: Words("berkas atau foldernya tidak ada", "the file or its folder does not exist"),
    errno.EACCES: Words("tidak ada izin untuk berkas atau folder itu", _NO_PERMISSION),
    errno.EPERM: Words("tidak ada izin untuk berkas atau folder itu", _NO_PERMISSION),
    errno.ENOSPC: Words("disk atau flashdisk penuh", "the USB stick or disk is full"),
    errno.EROFS: Words("disk atau flashdisk hanya-baca", "the disk or USB stick is read-only"),
    errno.EIO: Words("disk atau flashdisk gagal dibaca/ditulis", "the disk or USB stick failed"),
}
# SQLite says it in words, with no errno: "database or disk is full", "attempt to write a
# readonly database", "disk I/O error".
_SQLITE_WORDS = (
    ("disk is full", errno.ENOSPC),
    ("no space", errno.ENOSPC),
    ("readonly", errno.EROFS),
    ("read-only", errno.EROFS),
    ("disk i/o error", errno.EIO),
)


def os_error_number(exc: BaseException | str) -> int | None:
    """The errno of an OSError, or the one SQLite's words (its message, or an error carrying
    it) mean; None for anything else."""
    number = getattr(exc, "errno", None)
    if isinstance(number, int):
        return number
    text = str(exc).lower()
    return next((n for words, n in _SQLITE_WORDS if words in text), None)


def os_reason(exc: BaseException | str) -> Words:
    """Why a file operation failed, in the operator's words; the system's own text otherwise."""
    reason = _OS_REASONS.get(os_error_number(exc) or 0)
    if reason is not None:
        return reason
    plain = str(getattr(exc, "strerror", None) or exc)
    return Words(plain, plain)
