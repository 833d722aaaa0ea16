"""One way to say a thing in two languages: Indonesian first, English second.

Refusals, printed labels, the CLI's and the district's lines and the labels of states and
roles all hold a `Words`; `Words.text(lang)` is the one place that chooses: "en" is English,
anything else Indonesian, the default.
"""

from __future__ import annotations

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
