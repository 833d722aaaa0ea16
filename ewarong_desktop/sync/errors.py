"""A refused bundle: which reading rule it broke, in words, and what the person should do."""

from __future__ import annotations

from ewarong_desktop.domain.errors import EwarongError

RULE_NAMES = {
    1: ("aturan 1 (wadah ZIP)", "rule 1 (ZIP container)"),
    2: ("aturan 2 (tanda tangan dan manifest)", "rule 2 (signature and manifest)"),
    3: ("aturan 3 (isi data)", "rule 3 (data entries)"),
    4: ("aturan 4 (urutan)", "rule 4 (sequence)"),
    5: ("aturan 5 (impor)", "rule 5 (import)"),
}


class BundleRefused(EwarongError):
    """The bundle breaks reading rule `rule`; `reason` is a stable machine word for tests."""

    code = "bundle_refused"

    def __init__(
        self,
        rule: int,
        reason: str,
        id_text: str,
        en_text: str,
        *,
        advice_id: str = "",
        advice_en: str = "",
    ) -> None:
        super().__init__(id_text, en_text)
        self.rule = rule
        self.reason = reason
        self.advice_id = advice_id
        self.advice_en = advice_en

    def message(self, lang: str = "id") -> str:
        """`rule 3 (data entries): <what is wrong>. What to do: <advice>`."""
        rule_id, rule_en = RULE_NAMES[self.rule]
        if lang == "en":
            text = f"{rule_en}: {self.en_text}"
            return f"{text}. What to do: {self.advice_en}" if self.advice_en else text
        text = f"{rule_id}: {self.id_text}"
        return f"{text}. Yang harus dilakukan: {self.advice_id}" if self.advice_id else text


# Advice shared by many refusals.
ASK_AGAIN = (
    "minta e-warong menyalin ulang bundel yang sama dari aplikasinya (export --again)",
    "ask the e-warong to copy the same bundle again from its app (export --again)",
)
DAMAGED = (
    "berkas rusak atau dipalsukan; minta e-warong menyalin ulang bundel yang sama "
    "(export --again) dan laporkan bila terulang",
    "the file is damaged or was tampered with; ask the e-warong to copy the same bundle "
    "again (export --again) and report it if it happens again",
)
