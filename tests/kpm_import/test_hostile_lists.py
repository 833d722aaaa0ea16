"""A KPM list cannot smuggle in what the window refuses: control characters, crossed numbers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ewarong_desktop.kpm_import import KpmFileUnreadable
from ewarong_desktop.services import beneficiaries, kpm_import
from ewarong_desktop.services.context import ServiceContext
from tests.kpm_import.builders import ew01_store, kks, kpm_row, kpm_rows, nik, write_csv


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[ServiceContext]:
    data_dir = tmp_path / "data"
    ew01_store(data_dir)
    context = ServiceContext.open(data_dir)
    yield context
    context.close()


def test_a_nul_byte_anywhere_in_the_file_refuses_it_not_only_in_the_first_4_kib(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(300))
    data = path.read_bytes()
    assert len(data) > 3 * 4096
    path.write_bytes(data[:-40] + b"\x00" + data[-40:])
    with pytest.raises(KpmFileUnreadable):
        kpm_import.apply_import(ctx, path)
    assert beneficiaries.list_all(ctx) == []


def test_rows_with_control_characters_are_refused_and_the_rest_imported(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    rows = kpm_rows(3)
    rows.append(kpm_row(4, name="KPM \x1b[2J EMPAT"))
    rows.append(kpm_row(5, village="Suka\x07maju"))
    result = kpm_import.apply_import(ctx, write_csv(tmp_path / "kpm.csv", rows))
    assert sorted(r.row for r in result.preview.rejected) == [5, 6]  # header is row 1
    assert {b.nik for b in beneficiaries.list_all(ctx)} == {nik(1), nik(2), nik(3)}


def test_a_card_number_that_is_another_family_s_nik_is_refused(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    rows = kpm_rows(2)
    rows.append([str(3), nik(3), nik(1), "KPM TIGA", "Sukamaju"])  # card = row 1's NIK
    result = kpm_import.apply_import(ctx, write_csv(tmp_path / "kpm.csv", rows))
    assert [r.row for r in result.preview.rejected] == [4]
    assert "NIK" in result.preview.rejected[0].message("id")
    assert beneficiaries.find_one(ctx, nik(1)).kks_number == kks(1)
