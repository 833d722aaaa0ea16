"""Point 9 of issue 13: no file within the documented limits exhausts the district.

The crafted worst cases are imported by `ewarong-district import` in a child process whose
address space is capped at 500 MiB (RLIMIT_AS): each is refused or imported within the cap,
and an honest bundle of another e-warong in the same folder is still imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ewarong_desktop.district.cli import main
from tests.district import hostile
from tests.district.conftest import enrolment_file, save
from tests.sync.bundlekit import Laptop, month_tables

CAP = 500 * 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
    from ewarong_desktop.district.cli import main
    for run in range(2):  # the second run is a re-import: every id is then already held
        code = main(["--lang", "en", "--db", sys.argv[1], "import", sys.argv[2]])
        print("exit", code, flush=True)
    # VmHWM, not ru_maxrss: the latter keeps the parent's peak from before exec.
    print(next(line for line in open("/proc/self/status") if line.startswith("VmHWM")))
    """
)


def capped_import(db: Path, folder: Path) -> str:
    child = subprocess.run(
        [sys.executable, "-c", CHILD.format(cap=CAP), str(db), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    assert child.stderr == ""
    return child.stdout


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_worst_cases_fit_under_the_cap_and_the_honest_bundle_still_imports(tmp_path):
    db = tmp_path / "district.sqlite"
    shop, honest = Laptop(code="HOSTILE-1"), Laptop(code="HONEST-1")
    for lap in (shop, honest):
        path = enrolment_file(lap, tmp_path / "enrol")
        assert (
            main(["--db", str(db), "enrol", str(path), "--fingerprint", lap.enrolled.key_id]) == 0
        )
    usb = tmp_path / "usb"
    usb.mkdir()
    save(shop.export({}), usb)  # seq 1, so that seq 2**31 - 1 is a gap
    hostile.huge_directory(usb)
    hostile.far_seq(shop, usb)
    hostile.smallest_records(shop, usb)
    hostile.long_lines(shop, usb, 16 * 2**20)  # the byte limit: the benchmark
    save(honest.export(month_tables("2024-05", kpm=3)), usb)

    out = capped_import(db, usb)
    print(out)

    first, second = out.split("exit ")[:2]
    assert "huge-directory.ewb: REFUSED — rule 1 (ZIP container): 65535 entries, too many" in first
    assert "far-seq.ewb: REFUSED — rule 4 (sequence): seq 2147483647 came before seq " in first
    assert "4..2147483646 (2147483643)" in first  # a range, never a list of 2**31 numbers
    assert "smallest-records.ewb: imported" in first and "200000 new" in first
    assert "long-lines.ewb: imported" in first
    assert "HONEST-1 epoch 1 seq 1 (full): " in first
    assert "smallest-records.ewb: sudah diimpor (already imported)" in second
    assert "MemoryError" not in out and "out of memory" not in out
    peak_mib = int(out.split("VmHWM:")[1].split()[0]) / 1024
    assert peak_mib < 500
