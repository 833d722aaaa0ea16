"""The headless CLI: the jobs work, and every mistake is one clear line, never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ewarong_desktop import __version__
from ewarong_desktop.cli import main
from ewarong_desktop.store.base import key_text
from tests.cli.conftest import act_as, printed_pins


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


DEMO_PINS: dict[str, tuple[str, str]] = {}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    demo = ["demo", "--kpm", "40", "--months", "3"]
    made = subprocess.run(
        [sys.executable, "-m", "ewarong_desktop", "--data-dir", str(data), *demo],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("EWARONG_")},
    )
    assert made.returncode == 0, made.stderr
    DEMO_PINS.update(printed_pins(made.stdout))  # demo prints both PINs, as it always did
    assert set(DEMO_PINS) == {"admin", "operator"}
    return data


@pytest.fixture
def as_admin(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    act_as(monkeypatch, *DEMO_PINS["admin"])
    return demo_dir


def test_init_prints_the_admin_pin_and_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(tmp_path),
        "init",
        "--code",
        "LTM-SKP-02",
        "--name",
        "Maju",
        "--desa",
        "Wonokarto",
        "--kecamatan",
        "Sekampung",
        "--kabupaten",
        "Lampung Timur",
    )
    assert code == 0
    assert "PIN admin (admin):" in out and "Sidik jari kunci:" in out


def test_demo_then_check_passes_and_month_json_has_the_figures(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "check")
    assert code == 0 and "Data utuh." in out
    from datetime import date

    month = f"{date.today():%Y-%m}"
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "month", month, "--json")
    figures = json.loads(out)
    assert code == 0 and figures["kpm_registered"] == 40
    assert 0 < figures["kpm_served"] < 40  # the current month is only partly served
    assert figures["redemptions_total_rupiah"] > 0


def test_redeem_void_and_stock_from_the_command_line(
    as_admin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_dir = as_admin
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "kpm", "list")
    cards = [line.split()[0] for line in out.splitlines()]
    served = None
    for kks in cards:
        code, out, err = run(
            capsys,
            "--data-dir",
            str(demo_dir),
            "redeem",
            "--kks",
            kks,
            "--item",
            "Beras:2",
            "--item",
            "TLR:0,5",
            "--edc",
            "EDC-77",
        )
        if code == 0:
            served = out
            break
        assert "galat:" in err and "Traceback" not in err
    assert served is not None and "TOTAL" in served and "Sisa bantuan:" in served
    redemption_id = served.split()[0]
    code, _, err = run(
        capsys, "--data-dir", str(demo_dir), "void", redemption_id, "--reason", "Salah"
    )
    assert code == 1 and "reversal" in err  # paid on the EDC: the reversal ref is needed
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "void",
        redemption_id,
        "--reason",
        "Salah",
        "--edc-reversal",
        "REV-77",
    )
    assert code == 0 and "batal" in out.split()  # the state's one label, as in the window
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "stock")
    assert code == 0 and "Beras medium" in out
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "check")
    assert code == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["redeem", "--kks", "123", "--item", "Beras:1"], "KKS/NIK 123"),
        (["redeem", "--kks", "abc", "--item", "Beras:1"], "bukan nomor KKS"),
        (["month", "2020-13"], "bulan 13 tidak ada"),
        (["kpm", "add", "--nik", "1807123205800001", "--kks", "601301", "--name", "X"], "NIK"),
        (
            [
                "purchase",
                "add",
                "--source-kind",
                "pemasok",
                "--source-name",
                "X",
                "--item",
                "Beras:1.000@11.000",
            ],
            "1000",
        ),
        (
            [
                "purchase",
                "add",
                "--source-kind",
                "pemasok",
                "--source-name",
                "X",
                "--item",
                "Beras:1@8991234567890",
            ],
            "terlalu besar",
        ),
    ],
)
def test_mistakes_get_one_clear_line_in_indonesian(
    as_admin: Path, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    demo_dir = as_admin
    code, _, err = run(capsys, "--data-dir", str(demo_dir), *args)
    assert code == 1
    assert err.startswith("galat:") and needle in err and err.count("\n") == 1


def test_english_messages_on_request(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "--lang", "en", "month", "2020-13")
    assert code == 1 and err.startswith("error:") and "no month 13" in err


def test_check_on_an_empty_folder_says_there_is_no_store_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "check")
    assert code == 3 and "Belum ada data" in err


def test_the_installed_command_runs_headless_and_never_shows_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "EWARONG_DATA_DIR": str(tmp_path / "nowhere")}
    version = subprocess.run(
        [sys.executable, "-m", "ewarong_desktop", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and __version__ in version.stdout
    broken = subprocess.run(
        [sys.executable, "-m", "ewarong_desktop", "stock"], capture_output=True, text=True, env=env
    )
    assert broken.returncode == 3 and "Traceback" not in broken.stderr


def test_counter_commands_start_without_loading_the_document_libraries() -> None:
    # A redeem at the counter must not pay for reportlab and openpyxl on every call.
    code = (
        "import sys\n"
        "from ewarong_desktop.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'PIL'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_missing_output_folder_is_named_in_the_operator_s_words(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    with sqlite3.connect(demo_dir / "ewarong.sqlite") as conn:
        some_id = key_text(conn.execute("SELECT id FROM redemptions LIMIT 1").fetchone()[0])
    target = tmp_path / "no-such-folder" / "struk.pdf"
    code, _, err = run(
        capsys, "--data-dir", str(demo_dir), "receipt", some_id, "--out", str(target)
    )
    assert code == 1
    assert f"({target}): berkas atau foldernya tidak ada." in err and ".part" not in err
