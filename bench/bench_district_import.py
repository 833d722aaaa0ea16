"""Benchmark: the district imports 100 e-warongs x 12 monthly bundles, beside a floor.

Run: `.venv/bin/python bench/bench_district_import.py [WARONGS] [MONTHS] [KPM]` (defaults
100, 12, 150). A plain script, not a timed test. It builds the bundles (not timed), enrols
every e-warong in a fresh SQLite district database, then times:

- the floor: bare `sqlite3.executemany` of the same rows (id, code, version, record JSON)
  into a file with the district's pragmas but `synchronous=NORMAL`, one transaction per
  bundle;
- reading rules 1-3 alone on every bundle (signature, hashes, strict JSON, record checks);
- `ewarong-district verify` of the whole folder (rules 1-4, nothing written);
- `ewarong-district import` of the whole folder (rules 1-5 with the history and every check,
  each bundle all or nothing in a savepoint, committed in groups; small bundles read ahead
  by a worker process), in a fresh interpreter so its peak memory is its own, with its
  worker's CPU time and peak memory beside it;
- the same import again (every bundle "already imported").

With `--big KPM`, it then imports one full bundle of KPM KPMs x MONTHS months in a fresh
interpreter and prints its size and the import's peak memory.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.enrolment import DistrictKeyRing, enrol
from ewarong_desktop.district.intake import Intake, find_bundles
from ewarong_desktop.domain.money import line_total
from ewarong_desktop.sync.enrolment import enrolment_bytes
from ewarong_desktop.sync.keys import key_id
from ewarong_desktop.sync.reader import open_envelope, read_data, verify_manifest
from ewarong_desktop.sync.writer import BundleInput, build_bundle

T = TypeVar("T")
PRODUCTS = [
    ("Beras", "kg", "karbohidrat", 12_000),
    ("Telur", "kg", "protein_hewani", 28_000),
    ("Tempe", "pcs", "protein_nabati", 5_000),
    ("Bayam", "ikat", "vitamin_mineral", 3_000),
    ("Jagung", "kg", "karbohidrat", 8_000),
    ("Ikan", "kg", "protein_hewani", 35_000),
    ("Tahu", "pcs", "protein_nabati", 4_000),
    ("Pisang", "kg", "vitamin_mineral", 15_000),
]


CPU_SECONDS: dict[str, float] = {}  # label -> this process's CPU seconds for that step


def timed(label: str, job: Callable[[], T]) -> tuple[T, float]:
    """Wall seconds, printed with the CPU seconds of this process (user + system): on a
    shared machine the wall time mostly measures the neighbours, the CPU time the code."""
    start, cpu = time.perf_counter(), time.process_time()
    result = job()
    seconds = time.perf_counter() - start
    CPU_SECONDS[label] = time.process_time() - cpu
    print(f"{label:<58} {seconds:8.2f} s  {CPU_SECONDS[label]:7.2f} s CPU")
    return result, seconds


def uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def line(product: dict[str, Any], quantity: str, price: int) -> dict[str, Any]:
    return {"product_id": product["id"], "quantity": quantity, "unit_price_rupiah": price,
            "total_rupiah": line_total(Decimal(quantity), price)}  # fmt: skip


def month_records(rng, products, kpms, year, month) -> dict[str, list[dict[str, Any]]]:
    period = f"{year}-{month:02d}"
    redemptions = []
    for kpm in kpms:
        chosen = rng.sample(products, 3)
        lines = [line(p, str(rng.randint(1, 5)), p["_price"]) for p in chosen]
        redemptions.append({
            "id": uid(rng), "version": 1, "updated_at": f"{period}-10T08:00:00Z",
            "beneficiary_id": kpm["id"], "period": period, "lines": lines,
            "total_rupiah": sum(x["total_rupiah"] for x in lines), "edc_reference": None,
            "status": "completed", "void_reason": None,
        })  # fmt: skip
    purchases = []
    for n in range(10):
        own = n % 3 != 0
        lines = [line(p, "20", p["_price"] * 8 // 10) for p in rng.sample(products, 2)]
        purchases.append({
            "id": uid(rng), "version": 1, "updated_at": f"{period}-02T08:00:00Z",
            "date": f"{period}-{n + 1:02d}", "source": "own" if own else "third_party",
            "source_kind": "petani_lokal" if own else "pemasok",
            "source_name": "Kelompok Tani" if own else "CV Pemasok", "lines": lines,
            "total_rupiah": sum(x["total_rupiah"] for x in lines), "status": "completed",
            "void_reason": None,
        })  # fmt: skip
    return {"redemptions": redemptions, "purchases": purchases}


def clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def build_all(folder: Path, warongs: int, months: int, kpm: int) -> tuple[list, list]:
    """Write every bundle and enrolment file; return (enrolments, floor rows per bundle)."""
    rng = random.Random(7)
    enrolments, floor = [], []
    for w in range(warongs):
        code = f"LTM-{w:03d}"
        info = {"code": code, "name": f"E-Warong {w}", "desa": f"Desa {w}",
                "kecamatan": "Sukadana", "kabupaten": "Lampung Timur"}  # fmt: skip
        key = Ed25519PrivateKey.generate()
        enrolments.append((code, enrolment_bytes(info, 1, key.public_key()),
                           key_id(key.public_key())))  # fmt: skip
        products = [{"id": uid(rng), "version": 1, "updated_at": "2024-01-01T00:00:00Z",
                     "name": n, "unit": u, "category": c, "_price": p}
                    for n, u, c, p in PRODUCTS]  # fmt: skip
        kpms = [{"id": uid(rng), "version": 1, "updated_at": "2024-01-01T00:00:00Z",
                 "nik": f"1807{w % 100:02d}{(i % 28) + 1:02d}0190{i + 1:04d}",
                 "kks_number": f"60130{w:03d}{i:06d}", "name": f"KPM {w}-{i}",
                 "desa": f"Desa {w}", "active": True} for i in range(kpm)]  # fmt: skip
        prev, counter = None, 0
        for m in range(1, months + 1):
            tables: dict[str, list[dict[str, Any]]] = month_records(rng, products, kpms, 2024, m)
            if m == 1:
                tables["beneficiaries"] = kpms
                tables["products"] = [clean(p) for p in products]
            start, counter = counter, counter + sum(len(v) for v in tables.values())
            built = build_bundle(BundleInput(
                warong=info, epoch=1, seq=m, prev_manifest_sha256=prev,
                kind="full" if m == 1 else "incremental", changes_from=0 if m == 1 else start,
                changes_to=counter, schema="bench", tables=tables,
            ), key)  # fmt: skip
            prev = built.manifest_sha256
            (folder / built.filename).write_bytes(built.data)
            floor.append({
                name: [(r["id"], code, r["version"], json.dumps(r, separators=(",", ":")))
                       for r in records]
                for name, records in tables.items()
            })  # fmt: skip
    return enrolments, floor


def run_floor(path: Path, floor: list[dict[str, list[tuple]]]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL, not the district's FULL: the floor commits once a bundle (1,200 times), and
    # an fsync on each would flatter the import's ratio.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA wal_autocheckpoint = 10000")
    for name in ("beneficiaries", "products", "purchases", "redemptions"):
        conn.execute(f"CREATE TABLE {name} (id TEXT PRIMARY KEY, code TEXT, version INT, "
                     "record TEXT)")  # fmt: skip
    for bundle in floor:
        conn.execute("BEGIN IMMEDIATE")
        for name, rows in bundle.items():
            conn.executemany(f"INSERT INTO {name} VALUES (?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    conn.close()


def build_big(folder: Path, kpm: int, months: int) -> tuple[bytes, str, int]:
    """One e-warong's first, full bundle holding `months` months of `kpm` KPMs at once."""
    rng = random.Random(11)
    info = {"code": "BESAR-01", "name": "E-Warong Besar", "desa": "Desa", "kecamatan": "K",
            "kabupaten": "Lampung Timur"}  # fmt: skip
    key = Ed25519PrivateKey.generate()
    products = [{"id": uid(rng), "version": 1, "updated_at": "2024-01-01T00:00:00Z",
                 "name": n, "unit": u, "category": c, "_price": p}
                for n, u, c, p in PRODUCTS]  # fmt: skip
    kpms = [{"id": uid(rng), "version": 1, "updated_at": "2024-01-01T00:00:00Z",
             "nik": f"18079{i // 1_000_000 % 10}{(i % 28) + 1:02d}0190{i % 10000:04d}",
             "kks_number": f"60130{i:09d}", "name": f"KPM {i}", "desa": "Desa", "active": True}
            for i in range(kpm)]  # fmt: skip
    tables: dict[str, list[dict[str, Any]]] = {"redemptions": [], "purchases": []}
    for m in range(1, months + 1):
        for name, records in month_records(rng, products, kpms, 2024, m).items():
            tables[name] += records
    tables["beneficiaries"] = kpms
    tables["products"] = [clean(p) for p in products]
    records = sum(len(v) for v in tables.values())
    built = build_bundle(BundleInput(
        warong=info, epoch=1, seq=1, prev_manifest_sha256=None, kind="full", changes_from=0,
        changes_to=records, schema="bench", tables=tables,
    ), key)  # fmt: skip
    (folder / built.filename).write_bytes(built.data)
    return enrolment_bytes(info, 1, key.public_key()), key_id(key.public_key()), records


def peak_mib() -> float:
    """This process's peak resident memory (Linux and macOS; 0 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def children_cpu() -> float:
    """CPU seconds of this process's ended children (the import's reading worker)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def children_peak_mib() -> float:
    """The peak resident memory of the largest ended child (0 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def import_child(db: str, usb: str, again: bool) -> None:
    """Run in a fresh interpreter, so its peak memory is the import's own (and its reading
    worker's, a child of its own: `district/pipeline.py`)."""
    engine = open_engine(db)
    files = find_bundles([Path(usb)])
    start, cpu, worker = time.perf_counter(), time.process_time(), children_cpu()
    outcomes = Intake(engine, dry_run=False).run(files)
    import_s, import_cpu = time.perf_counter() - start, time.process_time() - cpu
    worker_cpu = children_cpu() - worker
    bad = [o.message("en") for o in outcomes if o.status != "imported"][:3]
    again_s = again_cpu = 0.0
    if again and not bad:
        start, cpu = time.perf_counter(), time.process_time()
        repeat = Intake(engine, dry_run=False).run(files)
        again_s, again_cpu = time.perf_counter() - start, time.process_time() - cpu
        bad = [o.message("en") for o in repeat if o.status != "already"][:3]
    flags = sum((o.counts.flags if o.counts else 0) for o in outcomes)
    print(json.dumps({"import_s": import_s, "again_s": again_s, "peak_mib": peak_mib(),
                      "worker_peak_mib": children_peak_mib(), "worker_cpu": worker_cpu,
                      "import_cpu": import_cpu, "again_cpu": again_cpu,
                      "bad": bad, "flags": flags}))  # fmt: skip


def in_child(db: Path, usb: Path, again: bool) -> dict[str, Any]:
    import subprocess

    done = subprocess.run(
        [sys.executable, __file__, "--import-child", str(db), str(usb), "1" if again else "0"],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert not result["bad"], result["bad"]
    return result


def main() -> None:
    if sys.argv[1:2] == ["--import-child"]:
        import_child(sys.argv[2], sys.argv[3], sys.argv[4] == "1")
        return
    if any(a in ("-h", "--help") for a in sys.argv[1:]):
        print(__doc__)
        return
    big_kpm = 0
    if "--big" in sys.argv:
        at = sys.argv.index("--big")
        big_kpm = int(sys.argv[at + 1])
        del sys.argv[at : at + 2]
    try:
        warongs, months, kpm = (
            int(a) for a in (sys.argv[1:] + ["100", "12", "150"][len(sys.argv) - 1 :])
        )
    except ValueError:
        raise SystemExit(
            f"expected up to three whole numbers: WARONGS MONTHS KPM\n{__doc__}"
        ) from None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        usb = root / "usb"
        usb.mkdir()
        print(f"{warongs} e-warongs x {months} monthly bundles, {kpm} KPM each; load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")  # fmt: skip
        (enrolments, floor), _ = timed(
            "building bundles (not part of the import)",
            lambda: build_all(usb, warongs, months, kpm),
        )
        records = sum(len(rows) for bundle in floor for rows in bundle.values())
        size = sum(p.stat().st_size for p in usb.iterdir())
        print(f"{len(floor)} bundles, {records} records, {size / 1e6:.1f} MB on the stick")
        db = root / "district.sqlite"
        engine = open_engine(str(db))
        for code, data, kid in enrolments:
            path = root / f"{code}.enrol.json"
            path.write_bytes(data)
            enrol(engine, path, kid)
        files = find_bundles([usb])
        floor_label = "floor: sqlite3 executemany of the same rows"
        _, floor_s = timed(floor_label, lambda: run_floor(root / "floor.sqlite", floor))
        floor_cpu = CPU_SECONDS[floor_label]
        ring = DistrictKeyRing(engine)

        def rules_1_to_3() -> None:
            for path in files:
                envelope = open_envelope(path)
                read_data(envelope, verify_manifest(envelope, ring))

        timed("reading rules 1-3 only (no database)", rules_1_to_3)
        timed(
            "verify (rules 1-4, nothing written)", lambda: Intake(engine, dry_run=True).run(files)
        )
        engine.dispose()
        result = in_child(db, usb, again=True)
        import_s, import_cpu = result["import_s"], result["import_cpu"]
        label = "import (rules 1-5, history, every check)"
        print(
            f"{label:<58} {import_s:8.2f} s  {import_cpu:7.2f} s CPU "
            f"(+ {result['worker_cpu']:.2f} s CPU in its reading worker)"
        )
        print(
            f"{'import again (all already imported)':<58} {result['again_s']:8.2f} s  "
            f"{result['again_cpu']:7.2f} s CPU"
        )
        print(
            f"import / floor: {import_s / floor_s:.1f}x wall, "
            f"{import_cpu / max(floor_cpu, 1e-9):.1f}x CPU (goal: at most 3x); "
            f"{records / import_s:,.0f} records/s imported; {result['flags']} flags raised"
        )
        print(
            f"peak memory of the importing process: {result['peak_mib']:.0f} MiB, of its "
            f"reading worker: {result['worker_peak_mib']:.0f} MiB (goal: at most 500 MiB)"
        )
        print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        if big_kpm:
            big = root / "big"
            big.mkdir()
            (data, kid, n), _ = timed(
                f"building one full bundle of {big_kpm} KPMs x {months} months",
                lambda: build_big(big, big_kpm, months),
            )
            bundle = next(big.iterdir())
            raw = sum(len(d) for _n, d in _entries(bundle.read_bytes()))
            path = root / "BESAR-01.enrol.json"
            path.write_bytes(data)
            engine = open_engine(str(db))
            enrol(engine, path, kid)
            engine.dispose()
            result = in_child(db, big, again=False)
            print(
                f"one bundle of {n} records, {bundle.stat().st_size / 2**20:.1f} MiB "
                f"({raw / 2**20:.1f} MiB unpacked): imported in {result['import_s']:.1f} s, "
                f"peak memory {result['peak_mib']:.0f} MiB"
            )


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


# -- memory: the crafted worst cases of docs/district.md "Memory" -----------------------------

MEMORY_CHILD = """
import sys, time
from pathlib import Path
from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.intake import Intake
engine = open_engine(sys.argv[1])
files = [Path(p) for p in sys.argv[2:]]
start = time.perf_counter()
for run in range(2):  # the second run is a re-import
    outcomes = Intake(engine, dry_run=False).run(files)
# VmHWM, not ru_maxrss: the latter keeps the parent's peak from before exec.
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(time.perf_counter() - start, peak, "|".join(o.status for o in outcomes))
"""


def memory_cases() -> None:
    """Peak memory of importing (twice) each crafted worst case, in a child process each, beside
    a floor: the same child importing an empty honest bundle."""
    import os
    import subprocess

    from _common import ROOT, machine

    from tests.district import hostile
    from tests.district.conftest import enrol_laptop
    from tests.sync.bundlekit import Laptop

    print(machine())
    print(f"{'case':<42} {'seconds':>8} {'peak RSS MiB':>13}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cases = {
            "floor: an empty honest bundle": lambda lap, d: _saved(lap.export({}), d / "usb"),
            "ZIP directory listing 65,535 entries": lambda lap, d: hostile.huge_directory(d),
            "incremental bundle with seq 2^31-1": hostile.far_seq,
            "200,000 smallest records (the count limit)": hostile.smallest_records,
            "64 MiB of 256 KiB lines (the byte limit)": lambda lap, d: hostile.long_lines(
                lap, d, fill=b'"a",'
            ),
            "16 MiB of 256 KiB lines of []": lambda lap, d: hostile.long_lines(lap, d, 16 * 2**20),
        }
        for n, (label, make) in enumerate(cases.items()):
            folder = root / f"case{n}"
            folder.mkdir()
            engine = open_engine(str(folder / "district.sqlite"))
            lap = Laptop(code=f"MEM-{n}")
            enrol_laptop(engine, lap, folder)
            engine.dispose()
            first = _saved(lap.export({}), folder / "first")
            subprocess.run(
                [sys.executable, "-c", MEMORY_CHILD, str(folder / "district.sqlite"),
                 str(first)], check=True, cwd=ROOT, capture_output=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )  # fmt: skip
            path = make(lap, folder)
            child = subprocess.run(
                [sys.executable, "-c", MEMORY_CHILD, str(folder / "district.sqlite"), str(path)],
                check=True, cwd=ROOT, capture_output=True, text=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )  # fmt: skip
            seconds, peak, status = child.stdout.split()
            print(f"{label:<42} {float(seconds):8.2f} {int(peak) / 1024:13.0f}  {status}")


def _saved(built: Any, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / built.filename
    path.write_bytes(built.data)
    return path


if __name__ == "__main__":
    if "--memory" in sys.argv:
        memory_cases()
    else:
        main()
