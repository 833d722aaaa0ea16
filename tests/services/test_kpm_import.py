"""Importing the Dinas Sosial's KPM list into a store: new, updated, unchanged, refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ewarong_desktop.domain.errors import Conflict
from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services import kpm_import as service
from ewarong_desktop.services.beneficiaries import BeneficiaryInput
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.store.models import AuditEntry, Beneficiary, ChangeCounter
from tests.kpm_import.builders import ew01_store, kks, kpm_row, kpm_rows, nik, write_csv, write_xlsx


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[ServiceContext]:
    data_dir = tmp_path / "data"
    ew01_store(data_dir)
    context = ServiceContext.open(data_dir)
    yield context
    context.close()


def store_state(ctx: ServiceContext) -> tuple[int, int, int]:
    """(KPMs, change counter, audit rows): what a no-op import must leave alone."""
    with ctx.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Beneficiary)) or 0,
            session.scalar(select(ChangeCounter.value)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def by_nik(ctx: ServiceContext) -> dict[str, beneficiaries.BeneficiaryView]:
    return {b.nik: b for b in beneficiaries.list_all(ctx)}


def test_preview_writes_nothing_and_apply_imports(ctx: ServiceContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(3), titles=["DAFTAR KPM 2021"])
    before = store_state(ctx)
    preview = service.preview_import(ctx, path)
    assert preview.counts == {"imported": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    assert [r.row for r in preview.rows] == [3, 4, 5]
    assert store_state(ctx) == before

    result = service.apply_import(ctx, preview)
    assert result.changed and result.counts["imported"] == 3
    stored = by_nik(ctx)[nik(2)]
    assert (stored.name, stored.kks_number, stored.desa) == ("KPM NOMOR 2", kks(2), "Sukamaju")
    assert stored.active and stored.version == 1
    with ctx.reading() as session:
        actions = set(session.scalars(select(AuditEntry.action)))
    assert "import_kpm" in actions


def test_same_file_twice_changes_nothing_and_says_so(ctx: ServiceContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kpm.csv", [*kpm_rows(4), kpm_row(9, name="")])
    first = service.apply_import(ctx, path)
    assert first.counts == {"imported": 4, "updated": 0, "unchanged": 0, "rejected": 1}
    after_first = store_state(ctx)

    second = service.apply_import(ctx, path)
    assert second.counts == {"imported": 0, "updated": 0, "unchanged": 4, "rejected": 1}
    assert not second.changed
    assert store_state(ctx) == after_first  # not even the change counter moved
    assert second.summary("id").startswith("Tidak ada perubahan")
    assert second.summary("en").startswith("Nothing changed")


def test_changed_name_desa_or_card_is_an_update(ctx: ServiceContext, tmp_path: Path) -> None:
    service.apply_import(ctx, write_csv(tmp_path / "v1.csv", kpm_rows(4)))
    rows = kpm_rows(4)
    rows[0][3] = "SITI AMINAH"
    rows[1][4] = "Sidomulyo"
    rows[2][2] = kks(99)
    rows[3][2] = ""  # an empty card cell keeps the card the store knows
    rows[3][4] = ""
    preview = service.preview_import(ctx, write_csv(tmp_path / "v2.csv", rows))
    assert preview.counts == {"imported": 0, "updated": 3, "unchanged": 1, "rejected": 0}
    assert [(c.field, c.old, c.new) for c in preview.rows[0].changes] == [
        ("name", "KPM NOMOR 1", "SITI AMINAH")
    ]
    assert [c.field for c in preview.rows[1].changes] == ["desa"]
    assert [c.field for c in preview.rows[2].changes] == ["kks_number"]

    service.apply_import(ctx, preview)
    stored = by_nik(ctx)
    assert (stored[nik(1)].name, stored[nik(1)].version) == ("SITI AMINAH", 2)
    assert stored[nik(2)].desa == "Sidomulyo"
    assert stored[nik(3)].kks_number == kks(99)
    assert (stored[nik(4)].kks_number, stored[nik(4)].desa) == (kks(4), "Sukamaju")
    assert stored[nik(4)].version == 1


def test_refused_rows_do_not_stop_good_ones(ctx: ServiceContext, tmp_path: Path) -> None:
    rows = [*kpm_rows(3), kpm_row(1, name="DUPLIKAT"), kpm_row(5)]
    rows[1][1] = "1,80712E+15"
    result = service.apply_import(ctx, write_csv(tmp_path / "kpm.csv", rows))
    assert result.counts == {"imported": 3, "updated": 0, "unchanged": 0, "rejected": 2}
    assert [r.row for r in result.preview.rejected] == [3, 5]
    assert set(by_nik(ctx)) == {nik(1), nik(3), nik(5)}


def test_new_kpm_needs_a_card_known_one_does_not(ctx: ServiceContext, tmp_path: Path) -> None:
    service.apply_import(ctx, write_csv(tmp_path / "v1.csv", kpm_rows(1)))
    rows = kpm_rows(2)
    rows[0][2] = rows[1][2] = ""
    preview = service.preview_import(ctx, write_csv(tmp_path / "v2.csv", rows))
    assert [r.outcome for r in preview.rows] == ["unchanged"]
    assert [x.code for x in preview.rejected[0].reasons] == ["kks_missing"]


def test_card_of_another_kpm_is_refused_but_a_swap_is_fine(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    service.apply_import(ctx, write_csv(tmp_path / "v1.csv", kpm_rows(2)))
    taken = [kpm_row(3)]
    taken[0][2] = kks(1)
    preview = service.preview_import(ctx, write_csv(tmp_path / "taken.csv", taken))
    (refused,) = preview.rejected
    assert [x.code for x in refused.reasons] == ["kks_taken"]
    assert "KPM NOMOR 1" in refused.message("id") and nik(1) in refused.message("en")

    swapped = kpm_rows(2)
    swapped[0][2], swapped[1][2] = kks(2), kks(1)
    result = service.apply_import(ctx, write_csv(tmp_path / "swap.csv", swapped))
    assert result.counts["updated"] == 2
    assert by_nik(ctx)[nik(1)].kks_number == kks(2)


def test_crash_half_way_leaves_the_store_as_before(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.apply_import(ctx, write_csv(tmp_path / "v1.csv", kpm_rows(2)))
    before = store_state(ctx)
    rows = kpm_rows(6)
    rows[0][3] = "NAMA BARU"
    real_write_row = service.write_row
    calls = []

    def crash_on_fourth(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 4:
            raise OSError("power cut")
        real_write_row(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "write_row", crash_on_fourth)
    with pytest.raises(OSError):
        service.apply_import(ctx, write_csv(tmp_path / "v2.csv", rows))
    assert store_state(ctx) == before
    assert by_nik(ctx)[nik(1)].name == "KPM NOMOR 1"


def test_apply_refuses_a_file_changed_since_preview(ctx: ServiceContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(2))
    preview = service.preview_import(ctx, path)
    write_csv(path, kpm_rows(3))
    with pytest.raises(Conflict):
        service.apply_import(ctx, preview)
    assert store_state(ctx)[0] == 0


def test_operator_mapping_from_preview_is_applied(ctx: ServiceContext, tmp_path: Path) -> None:
    header = ["No", "Nomor Identitas", "Nomor Kartu", "Nama Penerima", "Desa"]
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(2), header=header)
    preview = service.preview_import(ctx, path, mapping={"nik": "Nomor Identitas"})
    result = service.apply_import(ctx, preview)
    assert result.counts["imported"] == 2
    assert set(by_nik(ctx)) == {nik(1), nik(2)}


def test_dry_run_reports_but_writes_nothing(ctx: ServiceContext, tmp_path: Path) -> None:
    before = store_state(ctx)
    result = service.apply_import(ctx, write_csv(tmp_path / "k.csv", kpm_rows(2)), dry_run=True)
    assert result.counts["imported"] == 2 and not result.changed
    assert "Uji coba" in result.summary("id")
    assert store_state(ctx) == before


def test_deactivated_kpm_stays_deactivated(ctx: ServiceContext, tmp_path: Path) -> None:
    kpm = beneficiaries.register(ctx, BeneficiaryInput(nik(1), kks(1), "KPM NOMOR 1", "Sukamaju"))
    beneficiaries.set_active(ctx, kpm.id, False)
    rows = [kpm_row(1, name="KPM SATU")]
    result = service.apply_import(ctx, write_csv(tmp_path / "kpm.csv", rows))
    assert result.preview.rows[0].inactive and result.counts["updated"] == 1
    stored = by_nik(ctx)[nik(1)]
    assert (stored.name, stored.active) == ("KPM SATU", False)


def test_workbook_with_number_cells(ctx: ServiceContext, tmp_path: Path) -> None:
    rows = kpm_rows(3)
    rows[1][1] = int(nik(2))
    result = service.apply_import(ctx, write_xlsx(tmp_path / "kpm.xlsx", rows))
    assert result.counts == {"imported": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    assert "NIK rusak oleh Excel" in result.preview.rejected[0].message("id")
    assert nik(2) not in by_nik(ctx)


def test_rejects_file_holds_file_and_store_refusals(ctx: ServiceContext, tmp_path: Path) -> None:
    service.apply_import(ctx, write_csv(tmp_path / "v1.csv", kpm_rows(1)))
    rows = [kpm_row(2, name=""), kpm_row(3)]
    rows[1][2] = kks(1)
    preview = service.preview_import(ctx, write_csv(tmp_path / "v2.csv", rows))
    out = service.save_rejects(preview, tmp_path / "ditolak.csv")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(";")[0] for line in lines] == ["Baris", "2", "3"]
    assert "Nama KPM kosong" in lines[1] and "sudah dipakai KPM NOMOR 1" in lines[2]


def test_the_address_column_is_imported_and_updated(ctx: ServiceContext, tmp_path: Path) -> None:
    header = ["No", "NIK", "No KKS", "Nama", "ALAMAT", "Desa/Kelurahan"]
    first = [["1", nik(1), kks(1), "KPM SATU", "Dusun II RT 03", "Sukamaju"]]
    service.apply_import(ctx, write_csv(tmp_path / "a.csv", first, header=header))
    (kpm,) = beneficiaries.list_all(ctx)
    assert kpm.address == "Dusun II RT 03"
    moved = [["1", nik(1), kks(1), "KPM SATU", "Dusun III RT 01", "Sukamaju"]]
    result = service.apply_import(ctx, write_csv(tmp_path / "b.csv", moved, header=header))
    assert result.counts["updated"] == 1
    assert beneficiaries.get(ctx, kpm.id).address == "Dusun III RT 01"
