"""The states a record is in and the roles an operator has, each with the words people read.

`StrEnum`s: each member is the very string the store, the sync bundles and the district hold
("completed", "admin"), so nothing stored or sent changes; code compares against members and
people read `label(lang)`, never the raw word.
"""

from __future__ import annotations

from enum import StrEnum

from ewarong_desktop.domain.words import Words


class Status(StrEnum):
    """A redemption's, a purchase's or a fund entry's state. Never deleted: a slip is voided."""

    COMPLETED = "completed"
    VOIDED = "voided"

    def label(self, lang: str = "id") -> str:
        return STATUS_LABELS[self].text(lang)


class Role(StrEnum):
    """What an operator may do: an admin also changes settings, voids, restores. `READER` is
    never stored: a command-line job that only reads acts as nobody, and may not write."""

    ADMIN = "admin"
    OPERATOR = "operator"
    READER = "reader"

    def label(self, lang: str = "id") -> str:
        return ROLE_LABELS[self].text(lang)


class FundKind(StrEnum):
    """A KUBE fund entry: money received in a stage (`tranche`) or money spent (`use`)."""

    TRANCHE = "tranche"
    USE = "use"

    def label(self, lang: str = "id") -> str:
        return FUND_KIND_LABELS[self].text(lang)


class BundleKind(StrEnum):
    """A sync bundle carries every record (`full`) or the changes since the last one."""

    FULL = "full"
    INCREMENTAL = "incremental"

    def label(self, lang: str = "id") -> str:
        return BUNDLE_KIND_LABELS[self].text(lang)


STATUS_LABELS = {
    Status.COMPLETED: Words("selesai", "completed"),
    Status.VOIDED: Words("batal", "voided"),
}
ROLE_LABELS = {
    Role.ADMIN: Words("admin", "admin"),
    Role.OPERATOR: Words("operator", "operator"),
    Role.READER: Words("hanya baca", "read only"),
}
FUND_KIND_LABELS = {
    FundKind.TRANCHE: Words("Dana masuk", "Fund received"),
    FundKind.USE: Words("Penggunaan dana", "Use of the fund"),
}
BUNDLE_KIND_LABELS = {
    BundleKind.FULL: Words("lengkap", "full"),
    BundleKind.INCREMENTAL: Words("perubahan", "incremental"),
}
# The roles an operator's account can hold, in the order a form offers them.
STORED_ROLES = (Role.OPERATOR, Role.ADMIN)
