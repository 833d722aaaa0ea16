"""Short status words shown in lists: a state's label from the domain, the rest literals
lupdate can find."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ewarong_desktop.domain.states import BundleKind, Status
from ewarong_desktop.gui import formatting


def status(value: str) -> str:
    """A redemption's, purchase's or fund entry's state, as the CLI and receipts say it."""
    return Status(value).label(formatting.lang())


def active(is_active: bool) -> str:
    if is_active:
        return QCoreApplication.translate("Status", "aktif")
    return QCoreApplication.translate("Status", "tidak aktif")


def selling(is_active: bool) -> str:
    if is_active:
        return QCoreApplication.translate("Status", "dijual")
    return QCoreApplication.translate("Status", "tidak dijual")


def own_source(is_own: bool) -> str:
    if is_own:
        return QCoreApplication.translate("Status", "sumber sendiri")
    return QCoreApplication.translate("Status", "pihak ketiga")


def bundle_kind(kind: str) -> str:
    return BundleKind(kind).label(formatting.lang())


def open_ended() -> str:
    return QCoreApplication.translate("Status", "masih berlaku")
