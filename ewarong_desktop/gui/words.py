"""Short status words shown in lists, each a literal lupdate can find."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def redemption_status(status: str) -> str:
    if status == "voided":
        return QCoreApplication.translate("Status", "batal")
    return QCoreApplication.translate("Status", "selesai")


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
    if kind == "full":
        return QCoreApplication.translate("Status", "lengkap")
    return QCoreApplication.translate("Status", "perubahan")


def open_ended() -> str:
    return QCoreApplication.translate("Status", "masih berlaku")
