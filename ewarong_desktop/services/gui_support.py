"""Moved (#19 point 10): documents to `services.document_files`, today's list and
`local_time` to `services.redemption`, the monthly series to `services.monthly`, the KPM
list to `beneficiaries.list_all`. Kept only until the branches that still import it merge."""

from __future__ import annotations

from ewarong_desktop.services.beneficiaries import list_all as kpm_list
from ewarong_desktop.services.document_files import (
    DOCUMENTS_DIR,
    documents_dir,
    write_receipt_pdf,
    write_report,
    write_roster_pdf,
    write_statements_pdf,
)
from ewarong_desktop.services.monthly import MonthShare, share_by_month
from ewarong_desktop.services.redemption import local_time
from ewarong_desktop.services.redemption import redemptions_on as todays_redemptions

__all__ = [
    "DOCUMENTS_DIR",
    "MonthShare",
    "documents_dir",
    "kpm_list",
    "local_time",
    "share_by_month",
    "todays_redemptions",
    "write_receipt_pdf",
    "write_report",
    "write_roster_pdf",
    "write_statements_pdf",
]
