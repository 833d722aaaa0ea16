"""Tables for a terminal: each column as wide as its widest cell, numbers to the right."""

from __future__ import annotations

from collections.abc import Sequence


def layout(
    rows: Sequence[Sequence[str]], *, right: Sequence[int] = (), head: Sequence[str] = ()
) -> list[str]:
    """The lines of a table; `right` lists the columns aligned right (amounts, quantities)."""
    everything = [list(head), *map(list, rows)] if head else [list(r) for r in rows]
    if not everything:
        return []
    count = max(len(r) for r in everything)
    widths = [max((len(r[i]) for r in everything if i < len(r)), default=0) for i in range(count)]
    lines = []
    for row in everything:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
