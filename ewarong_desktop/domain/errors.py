"""Refusals a user can act on, each carrying its message in Indonesian and English.

The domain raises typed errors; the edges (GUI, CLI) pick the language. Anything that is not
an `EwarongError` is a bug and is reported as one, never shown as a traceback to an operator.
"""

from __future__ import annotations

from ewarong_desktop.domain.words import Words, os_reason


class EwarongError(Exception):
    """A refusal with a user-facing message in both languages."""

    code = "error"

    def __init__(self, id_text: str, en_text: str) -> None:
        super().__init__(en_text)
        self.id_text = id_text
        self.en_text = en_text

    @property
    def words(self) -> Words:
        return Words(self.id_text, self.en_text)

    def message(self, lang: str = "id") -> str:
        return self.words.text(lang)

    def __str__(self) -> str:
        return self.en_text


class InvalidInput(EwarongError):
    """A value typed or imported by a person is not acceptable."""

    code = "invalid_input"


class NeedsConfirmation(InvalidInput):
    """Plausible but unusual (a purchase two years back, goods at Rp0): the window asks the
    question, the shell needs `--yes`; either way the same call is made again, confirmed."""

    code = "needs_confirmation"


class NotFound(EwarongError):
    code = "not_found"


class Conflict(EwarongError):
    """The request contradicts what the store already holds (duplicate NIK, double void)."""

    code = "conflict"


class PermissionDenied(EwarongError):
    code = "permission_denied"


class RuleViolation(EwarongError):
    """A programme rule refuses the request (entitlement, category, stock)."""

    code = "rule_violation"


class EntitlementExceeded(RuleViolation):
    code = "entitlement_exceeded"

    def __init__(self, id_text: str, en_text: str, *, remaining: int, requested: int) -> None:
        super().__init__(id_text, en_text)
        self.remaining = remaining
        self.requested = requested


class InsufficientStock(RuleViolation):
    code = "insufficient_stock"


class CategoryNotRedeemable(RuleViolation):
    code = "category_not_redeemable"


class StoreProblem(EwarongError):
    """The environment failed (disk full, read-only media, damaged file): tell the user."""

    code = "store_problem"


class StoredValueUnreadable(StoreProblem):
    """A value in the store that the app checks on its way in and would never have taken (a
    rate's month '2024-05x'): edited outside the app. Said as the store's problem, not as
    if the operator had typed it."""

    code = "stored_value_unreadable"

    def __init__(self, what: Words, detail: Words) -> None:
        super().__init__(
            f"{what.id} di berkas data tidak terbaca ({detail.id}): data itu diubah di luar "
            "aplikasi. Jalankan `ewarong-desktop check` dan hubungi pendamping.",
            f"{what.en} in the store cannot be read ({detail.en}): it was changed outside "
            "the app. Run `ewarong-desktop check` and call for support.",
        )


class FileProblem(StoreProblem):
    """A file could not be written or read: said in the operator's words, naming their file."""

    code = "file_problem"

    @classmethod
    def from_os_error(cls, exc: OSError, name: str | None = None) -> FileProblem:
        shown = name if name is not None else str(exc.filename or "")
        shown = shown.removesuffix(".part")  # never our temporary name beside the real one
        why = os_reason(exc)
        where = f" ({shown})" if shown else ""
        return cls(
            f"Berkas tidak dapat ditulis atau dibaca{where}: {why.id}.",
            f"A file could not be written or read{where}: {why.en}.",
        )
