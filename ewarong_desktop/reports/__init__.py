"""Printed documents (receipt, monthly statements, monthly report) built from plain data."""

from ewarong_desktop.reports.monthly import write_monthly_report
from ewarong_desktop.reports.receipt import WIDTHS as RECEIPT_WIDTHS
from ewarong_desktop.reports.receipt import write_receipt
from ewarong_desktop.reports.statements import write_statements
from ewarong_desktop.reports.workbook import write_monthly_workbook

__all__ = [
    "RECEIPT_WIDTHS",
    "write_monthly_report",
    "write_monthly_workbook",
    "write_receipt",
    "write_statements",
]
