"""The RT/RW (neighbourhood / hamlet) part of a KPM's address, as village lists write it.

Addresses are free text (`RT 03/RW 02`, `Rt.3 Rw.2 Dusun Krajan`, `RT 003/002`, `Jl. Mawar
RW 4`); the roster is called up neighbourhood by neighbourhood, so it sorts by these numbers
where the address holds them and puts the addresses without them last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RT_RW = re.compile(
    r"\bRT\.?\s*:?\s*0*(?P<rt>\d{1,3})\s*(?:[/\\-]\s*(?:RW\.?\s*:?\s*)?|,?\s*RW\.?\s*:?\s*)"
    r"0*(?P<rw>\d{1,3})\b",
    re.IGNORECASE,
)
_RT = re.compile(r"\bRT\.?\s*:?\s*0*(?P<n>\d{1,3})\b", re.IGNORECASE)
_RW = re.compile(r"\bRW\.?\s*:?\s*0*(?P<n>\d{1,3})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Neighbourhood:
    """RT and RW numbers; None where the address does not say."""

    rt: int | None = None
    rw: int | None = None

    def sort_key(self) -> tuple[int, int]:
        """RW first (an RW holds several RTs), unknowns after every number."""
        return (
            self.rw if self.rw is not None else 10_000,
            self.rt if self.rt is not None else 10_000,
        )

    def label(self) -> str:
        """`RT 03/RW 02`, `RT 03`, `RW 02`, or empty."""
        parts = []
        if self.rt is not None:
            parts.append(f"RT {self.rt:02d}")
        if self.rw is not None:
            parts.append(f"RW {self.rw:02d}")
        return "/".join(parts)


def neighbourhood(address: str) -> Neighbourhood:
    """The RT and RW an address names (`RT 03/RW 02`, `rt.3 rw.2`, `RT 003/002`)."""
    text = address or ""
    both = _RT_RW.search(text)
    if both:
        return Neighbourhood(int(both["rt"]), int(both["rw"]))
    rt, rw = _RT.search(text), _RW.search(text)
    return Neighbourhood(int(rt["n"]) if rt else None, int(rw["n"]) if rw else None)
