"""Read the KPM (beneficiary) list the Dinas Sosial hands over, as CSV or Excel really come.

This layer reads and understands files only: no database, no Qt. The service
`services.kpm_import` decides, against the store, what each checked row would do.
"""

from ewarong_desktop.kpm_import.columns import FIELDS, ColumnMapping
from ewarong_desktop.kpm_import.errors import (
    HeaderNotFound,
    KpmFileUnreadable,
    MappingInvalid,
    SheetNotFound,
)
from ewarong_desktop.kpm_import.reader import KpmFile, read_kpm_file
from ewarong_desktop.kpm_import.reasons import Reason
from ewarong_desktop.kpm_import.rows import KpmRecord, RejectedRow

__all__ = [
    "FIELDS",
    "ColumnMapping",
    "HeaderNotFound",
    "KpmFile",
    "KpmFileUnreadable",
    "KpmRecord",
    "MappingInvalid",
    "Reason",
    "RejectedRow",
    "SheetNotFound",
    "read_kpm_file",
]
