"""The own-source share: the one figure the programme watches, computed and written once.

Purchases from the shop's own sources (own production, farmer groups, BUMDes...) against
those from third-party suppliers, by value. The same month shows the same figure on every
page, in the CLI, the PDF, the workbook and the district's report: the ratio is rounded half
up to a tenth of a percent here, and written with one decimal by `format_share`.
"""

from __future__ import annotations


def ratio(part: int, whole: int) -> float | None:
    """`part / whole` rounded half up to 0.001 (a tenth of a percent); None for nothing."""
    if whole <= 0:
        return None
    tenths = (part * 2000 + whole) // (2 * whole)  # integer half-up: no binary-float drift
    return tenths / 1000


def own_share(own_rupiah: int, third_party_rupiah: int) -> float | None:
    """The own-source share of purchases by value, or None when nothing was bought."""
    return ratio(own_rupiah, own_rupiah + third_party_rupiah)


def format_share(share: float | None, lang: str = "id") -> str:
    """`62,5%` (English `62.5%`); `-` when there is no share to speak of."""
    if share is None:
        return "-"
    text = f"{share * 100:.1f}"
    return f"{text if lang == 'en' else text.replace('.', ',')}%"
