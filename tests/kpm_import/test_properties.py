"""Properties over many NIKs: cleaning never changes a good NIK, Excel's damage never passes."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from ewarong_desktop.kpm_import import read_kpm_file
from tests.kpm_import.builders import kks, write_csv, write_xlsx

niks = st.builds(
    lambda province, area, day, month, yy, serial: (
        f"{province}{area:04d}{day:02d}{month:02d}{yy:02d}{serial:04d}"
    ),
    st.sampled_from(["11", "18", "32", "35", "51", "73", "94"]),
    st.integers(0, 9999),
    st.integers(1, 28).flatmap(lambda d: st.sampled_from([d, d + 40])),
    st.integers(1, 12),
    st.integers(0, 99),
    st.integers(1, 9999),
)
dressing = st.sampled_from(["{}", "'{}", " {} ", "{}\u00a0", "'{} "])


@settings(max_examples=60, deadline=None)
@given(nik=niks, dress=dressing)
def test_dressed_good_nik_reads_back_unchanged(nik: str, dress: str) -> None:
    with TemporaryDirectory() as temp:
        path = write_csv(Path(temp) / "k.csv", [["1", dress.format(nik), kks(1), "ANI", "X"]])
        result = read_kpm_file(path)
    assert [r.nik for r in result.records] == [nik]


def excel_scientific(nik: str, decimals: int, comma: bool) -> str:
    text = f"{float(nik):.{decimals}E}"
    return text.replace(".", ",") if comma else text


@settings(max_examples=60, deadline=None)
@given(nik=niks, decimals=st.integers(0, 14), comma=st.booleans())
def test_excel_scientific_form_never_passes(nik: str, decimals: int, comma: bool) -> None:
    shown = excel_scientific(nik, decimals, comma)
    with TemporaryDirectory() as temp:
        path = write_csv(Path(temp) / "k.csv", [["1", shown, kks(1), "ANI", "X"]])
        result = read_kpm_file(path)
    assert not result.records
    assert result.rejected[0].reasons[0].code == "nik_damaged"


@settings(max_examples=30, deadline=None)
@given(nik=niks)
def test_number_cell_nik_never_passes(nik: str) -> None:
    as_excel_keeps_it = float(nik[:15] + "0")
    with TemporaryDirectory() as temp:
        path = write_xlsx(Path(temp) / "k.xlsx", [["1", as_excel_keeps_it, kks(1), "ANI", "X"]])
        result = read_kpm_file(path)
    assert not result.records
    assert result.rejected[0].reasons[0].code == "nik_damaged"
