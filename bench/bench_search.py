"""KPM search as the operator types, over 10,000 KPMs: p50/p95 per keystroke.

Run: `.venv/bin/python bench/bench_search.py [--kpm 10000] [--months 10] [--people 100]`

For each of 100 KPMs picked at random, the operator types the name one letter at a time and
then the KKS number one digit at a time; every keystroke is one `services.beneficiaries.find`
(its default limit of 50 rows, as the search box shows them). The store is the cached demo
store that `bench_counter.py` uses (10,000 KPMs), opened read-only in effect.

The floor, in the same run on the same file: bare sqlite3 running the plain LIKE query for
the same text (`lower(name) LIKE '%text%'`, or `kks_number LIKE 'digits%' OR nik LIKE
'digits%'`), ordered and limited the same way, rows fetched as tuples.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from pathlib import Path

from _common import demo_store, machine, ratio, summary

from ewarong_desktop.services.beneficiaries import find
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.store.database import STORE_FILE

GOAL_P95_MS = 10.0
LIMIT = 50


def keystrokes(db: sqlite3.Connection, people: int) -> list[tuple[str, str]]:
    """(kind, text so far) for every key pressed while typing names and then KKS numbers."""
    rows = db.execute("SELECT name, kks_number FROM beneficiaries ORDER BY nik").fetchall()
    typed = []
    for name, kks in random.Random(11).sample(rows, people):
        typed += [("name", name[:n]) for n in range(1, len(name) + 1) if name[:n].strip()]
        typed += [("kks", kks[:n]) for n in range(1, len(kks) + 1)]
    return typed


def bare(db: sqlite3.Connection, kind: str, text: str) -> int:
    columns = "id, nik, kks_number, name, desa, address, eligible_from, active, version"
    if kind == "kks":
        sql = (
            f"SELECT {columns} FROM beneficiaries WHERE kks_number LIKE ? OR nik LIKE ? "
            "ORDER BY active DESC, name LIMIT ?"
        )
        rows = db.execute(sql, (text + "%", text + "%", LIMIT)).fetchall()
    else:
        sql = (
            f"SELECT {columns} FROM beneficiaries WHERE lower(name) LIKE ? "
            "ORDER BY active DESC, name LIMIT ?"
        )
        rows = db.execute(sql, ("%" + text.lower() + "%", LIMIT)).fetchall()
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kpm", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=10)
    parser.add_argument("--people", type=int, default=100)
    args = parser.parse_args()

    print(machine())
    store, _built = demo_store(args.kpm, args.months)
    raw = sqlite3.connect(f"file:{Path(store) / STORE_FILE}?mode=ro", uri=True)
    typed = keystrokes(raw, args.people)
    ctx = ServiceContext.open(store)
    samples: dict[str, list[float]] = {"name": [], "kks": []}
    floor: dict[str, list[float]] = {"name": [], "kks": []}
    try:
        find(ctx, "warm")  # the first query compiles SQLAlchemy's statement cache
        bare(raw, "name", "warm")
        for kind, text in typed:
            start = time.perf_counter()
            find(ctx, text, limit=LIMIT)
            samples[kind].append(time.perf_counter() - start)
        for kind, text in typed:
            start = time.perf_counter()
            bare(raw, kind, text)
            floor[kind].append(time.perf_counter() - start)
    finally:
        ctx.close()
        raw.close()

    every = samples["name"] + samples["kks"]
    every_floor = floor["name"] + floor["kks"]
    print(f"{len(every):,} keystrokes over {args.kpm:,} KPMs, ms     p50     p95     max")
    for label, values in (
        ("find: typing names", samples["name"]),
        ("find: typing KKS digits", samples["kks"]),
        ("find: all keystrokes", every),
        ("floor: sqlite3 LIKE, names", floor["name"]),
        ("floor: sqlite3 LIKE, KKS", floor["kks"]),
        ("floor: all keystrokes", every_floor),
    ):
        s = summary(values)
        print(f"{label:<34}{s['p50']:>7.2f} {s['p95']:>7.2f} {s['max']:>7.2f}")
    p95, floor_p95 = summary(every)["p95"], summary(every_floor)["p95"]
    print(
        f"\nfind p95 {p95:.2f} ms = {ratio(p95, floor_p95)} the floor's p95; goal p95 < "
        f"{GOAL_P95_MS:.0f} ms: " + ("met" if p95 < GOAL_P95_MS else "NOT met")
    )


if __name__ == "__main__":
    main()
