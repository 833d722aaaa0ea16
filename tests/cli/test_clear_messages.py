"""#18 point 3: messages that say what is really wrong, in the user's language."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ewarong_desktop.cli import main
from ewarong_desktop.services import backup
from tests.cli.conftest import cli


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_report_into_a_folder_that_takes_no_files_says_so_not_that_it_is_missing(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, store, "report", "2020-05", "--out", "/proc/x.pdf")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "tidak ada" not in err and "folder itu ada" in err and "folder lain" in err
    code, _, err = cli(capsys, store, "--lang", "en", "report", "2020-05", "--out", "/proc/x.pdf")
    assert code == 1 and "does not exist" not in err and "folder exists but" in err
    code, _, err = cli(capsys, store, "report", "2020-05", "--out", str(store / "no" / "x.pdf"))
    assert code == 1 and "foldernya tidak ada" in err  # a folder really missing still says so


def test_restore_given_a_folder_says_it_is_one_and_names_a_backup_in_it(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = backup.backup(store).path
    code, out, err = cli(capsys, store, "restore", str(made.parent))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "adalah folder, bukan berkas cadangan" in err and made.name in err
    assert "tidak ditemukan" not in err
    code, _, err = cli(capsys, store, "--lang", "en", "restore", str(made.parent))
    assert code == 1 and "is a folder, not a backup file" in err and made.name in err


def test_an_adjustment_of_zero_is_no_adjustment_and_a_loss_is_negative(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, store, "stock", "--adjust", "Beras medium:0", "--reason", "rusak")
    assert code == 1 and out == ""
    assert "lebih dari 0" not in err and "Penyesuaian 0 tidak mengubah stok" in err
    assert "negatif untuk barang rusak atau hilang" in err
    code, _, err = cli(
        capsys, store, "--lang", "en", "stock", "--adjust", "Beras medium:0", "--reason", "rusak"
    )
    assert code == 1 and "more than 0" not in err and "negative for damaged or lost" in err
    code, out, err = cli(capsys, store, "stock", "--adjust", "Beras medium:-2", "--reason", "rusak")
    assert (code, err) == (0, "") and out == "Beras medium: 148 kg\n"
    code, _, err = cli(capsys, store, "stock", "--adjust", "Beras medium:2", "--reason", "hilang")
    assert code == 1 and "isi jumlah negatif" in err


def test_check_speaks_indonesian_by_default_and_english_on_request(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, store, "check")
    assert code == 0 and err == ""
    assert "Transaksi: " in out and "Lot stok: " in out and "Data utuh." in out
    assert not any(word in out for word in ("redemptions", "lots", "audit_rows", "_"))
    code, out, _ = cli(capsys, store, "--lang", "en", "check")
    assert code == 0 and "Redemptions: " in out and "Stock lots: " in out
    # A problem, too, is said in the reader's language.
    with sqlite3.connect(store / "ewarong.sqlite") as db:
        db.execute("UPDATE redemptions SET total_rupiah = total_rupiah + 1")
        db.execute("UPDATE products SET name = 'Beras dioplos' WHERE code = 'BRS'")
    code, out, err = cli(capsys, store, "check")
    assert code == 1 and "MASALAH: " in out and "diubah di luar aplikasi" in out
    assert "changed outside the app" not in out and "masalah ditemukan" in err
    code, out, _ = cli(capsys, store, "--lang", "en", "check")
    assert code == 1 and "PROBLEM: " in out and "changed outside the app" in out


def test_redemption_states_are_the_window_s_words(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, store, "redeem", "--kks", "6013010012345678", "--item", "BRS:1")
    rid = out.split()[0]
    code, out, _ = cli(capsys, store, "void", rid, "--reason", "Salah input")
    assert code == 0 and out.splitlines()[0].endswith("  batal")
    code, out, _ = cli(capsys, store, "--lang", "en", "redemptions", "--kpm", "6013010012345678")
    assert code == 0 and out.splitlines()[0].endswith("  voided")


@pytest.mark.parametrize(
    ("lang", "category", "kind"),
    [
        ("id", "karbohidrat = Karbohidrat", "pemasok = Pemasok (pihak ketiga)"),
        ("en", "karbohidrat = Carbohydrates", "pemasok = Supplier (third party)"),
    ],
)
def test_help_says_what_each_stored_word_means_in_the_users_language(
    capsys, tmp_path, lang, category, kind
):
    """The words `--category` and `--source-kind` take are the store's and the bundle's,
    the same in both languages; help says what each one means."""
    for command, meant in ((["product", "add"], category), (["purchase", "add"], kind)):
        with pytest.raises(SystemExit) as done:
            main(["--lang", lang, *command, "--help"])
        assert done.value.code == 0
        assert meant in " ".join(capsys.readouterr().out.split())


def test_a_newline_given_as_a_kks_is_refused_on_one_line(store, capsys):
    """Found by the mutation test: `kpm deactivate "\\n"` printed the newline back."""
    code, _out, err = cli(capsys, store, "kpm", "deactivate", "\n")
    assert code != 0 and err.count("\n") == 1 and "'?'" in err


def test_a_newline_in_any_value_a_refusal_repeats_stays_on_one_line(store, capsys):
    """The mutation test's second find: `export --out "\\n"` printed the newline back."""
    code, _out, err = cli(capsys, store, "export", "--out", "\n")
    assert code == 1 and err.count("\n") == 1 and "?" in err
