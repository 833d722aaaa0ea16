"""#18 point 1: the shop's entitlement rates from the shell, with the window's rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import act_as, cli
from tests.conftest import make_shop


def test_rates_lists_each_rate_and_marks_the_working_month_s(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, store, "rates")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["Besaran", "Mulai", "Sampai"]
    working = [line for line in lines if "bulan kerja" in line]
    assert len(working) == 1 and "Rp200.000" in working[0]  # May 2020's rate
    code, out, _ = cli(capsys, store, "--lang", "en", "rates")
    assert code == 0 and out.splitlines()[0].split() == ["Rate", "From", "Until"]
    assert "working month" in out


def test_an_admin_adds_a_rate_and_the_one_before_closes_the_month_before(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(
        capsys, store, "rates", "add", "--amount", "Rp225.000", "--from", "2020-08"
    )
    assert (code, err) == (
        0,
        "",
    ) and out == "Besaran bantuan tersimpan: Rp225.000 mulai Agustus 2020.\n"
    out = cli(capsys, store, "rates")[1]
    last, before = out.splitlines()[-1], out.splitlines()[-2]
    assert "Rp225.000" in last and "Agustus 2020" in last
    assert "Juli 2020" in before  # closed the month before


@pytest.mark.parametrize(
    ("args", "id_words", "en_words"),
    [
        (("--amount", "0", "--from", "2020-08"), "lebih dari 0", "more than 0"),
        (("--amount", "225000", "--from", "2020-03"), "harus mulai sesudahnya", "must start after"),
        (("--amount", "225000", "--from", "2052-01"), "setahun dari bulan kerja", "a year either"),
        (("--amount", "dua ratus", "--from", "2020-08"), "dua ratus", "dua ratus"),
    ],
)
def test_a_wrong_rate_is_refused_in_one_line_in_either_language(
    store: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    id_words: str,
    en_words: str,
) -> None:
    before = cli(capsys, store, "rates")[1]
    code, out, err = cli(capsys, store, "rates", "add", *args)
    assert code == 1 and out == "" and err.startswith("galat: ") and id_words in err
    assert err.count("\n") == 1
    code, out, err = cli(capsys, store, "--lang", "en", "rates", "add", *args)
    assert code == 1 and err.startswith("error: ") and en_words in err
    assert cli(capsys, store, "rates")[1] == before, "nothing half-saved"


def test_only_an_admin_adds_a_rate_but_anyone_reads_them(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    act_as(monkeypatch, "siti", "2468")
    code, _, err = cli(capsys, store, "rates", "add", "--amount", "225000", "--from", "2020-08")
    assert code == 1 and "Hanya admin" in err and "rates add" in err
    monkeypatch.delenv("EWARONG_PIN")
    assert cli(capsys, store, "rates")[0] == 0


def test_a_month_without_a_rate_names_the_subcommand_that_adds_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ewarong_desktop.domain.errors import RuleViolation
    from ewarong_desktop.domain.periods import Period
    from ewarong_desktop.services.programme import load_programme
    from ewarong_desktop.services.redemption import _rate_or_refuse

    shop = make_shop(tmp_path / "data")
    with shop.ctx.reading() as session:
        programme = load_programme(session)
    shop.ctx.close()
    with pytest.raises(RuleViolation) as refused:
        _rate_or_refuse(programme, Period(2016, 1))
    assert "`ewarong-desktop rates add`" in refused.value.id_text
    assert "`ewarong-desktop rates add`" in refused.value.en_text
