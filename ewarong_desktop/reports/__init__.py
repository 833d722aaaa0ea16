"""Printed documents (receipt, monthly statements and roster, monthly report) built from plain data.

The writers are loaded on first use, so importing `reports.verification` or `reports.data`
(the district side does) does not pull in reportlab and openpyxl.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ewarong_desktop.reports.monthly import write_monthly_report
    from ewarong_desktop.reports.receipt import WIDTHS as RECEIPT_WIDTHS
    from ewarong_desktop.reports.receipt import write_receipt
    from ewarong_desktop.reports.roster import write_roster
    from ewarong_desktop.reports.statements import write_statements
    from ewarong_desktop.reports.workbook import write_monthly_workbook

_WHERE = {
    "RECEIPT_WIDTHS": ("receipt", "WIDTHS"),
    "write_monthly_report": ("monthly", "write_monthly_report"),
    "write_monthly_workbook": ("workbook", "write_monthly_workbook"),
    "write_receipt": ("receipt", "write_receipt"),
    "write_roster": ("roster", "write_roster"),
    "write_statements": ("statements", "write_statements"),
}

__all__ = [
    "RECEIPT_WIDTHS",
    "write_monthly_report",
    "write_monthly_workbook",
    "write_receipt",
    "write_roster",
    "write_statements",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _WHERE[name]
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value
