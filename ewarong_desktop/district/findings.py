"""A finding: one thing a district check noticed, as plain data any flag store can take.

The independence checks (suppliers, the own-source target) return these; the report shows
them with its other flags, and a flag store can keep them (`kind`, `code`, `month`,
`details`, the text in both languages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ewarong_desktop.domain.words import say


@dataclass(frozen=True)
class Finding:
    kind: str  # e.g. "supplier_dependence"
    code: str  # the e-warong's code; "" for the whole district
    month: str  # YYYY-MM
    text_id: str  # what was found, without the code (shown beside it)
    text_en: str
    details: dict[str, Any] = field(default_factory=dict)
    # With kind and code, what makes it the same finding again (a flag store's dedup key).
    key: str = ""

    def message(self, lang: str = "id") -> str:
        return say(lang, self.text_id, self.text_en)
