"""verify and import at the district: the reading rules end to end, as the officer runs them."""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.intake import Intake
from ewarong_desktop.district.models import (
    Beneficiary,
    Flag,
    ReceivedBundle,
    Redemption,
    Warong,
)
from tests.district.conftest import enrol_laptop, save
from tests.sync.bundlekit import (
    Laptop,
    beneficiary,
    edit_manifest,
    entries,
    month_tables,
    replace_data,
)


def run(db_path, *args: str) -> int:
    return main(["--db", str(db_path), *map(str, args)])


def count(engine, model) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_folder_of_many_ewarongs_in_any_order_just_works(engine, db_path, tmp_path, capsys):
    usb = tmp_path / "usb"
    laptops = [Laptop(code=f"LTM-{i:02d}") for i in range(4)]
    paths = []
    for lap in laptops:
        enrol_laptop(engine, lap, tmp_path)
        for month in ("2024-01", "2024-02", "2024-03"):
            built = lap.export(month_tables(month, kpm=2))
            # Names that sort against seq order: import must go by the manifest, not the name.
            paths.append(save(built, usb / f"{random.random():.8f}"))
    assert run(db_path, "import", usb) == 0
    out = capsys.readouterr().out
    assert out.count("diimpor —") == 12
    assert "12 diterima, 0 ditolak" in out
    with Session(engine) as session:
        assert {w.last_seq for w in session.scalars(select(Warong))} == {3}
    assert count(engine, Redemption) == 4 * 3 * 2


def test_reimport_is_already_imported_changes_nothing_and_succeeds(
    engine, laptop, db_path, tmp_path, capsys
):
    path = save(laptop.export(month_tables("2024-05")), tmp_path / "usb")
    assert run(db_path, "import", path) == 0
    before = count(engine, Redemption), count(engine, ReceivedBundle)
    capsys.readouterr()
    assert run(db_path, "import", path, path) == 0
    out = capsys.readouterr().out
    assert out.count("sudah diimpor (already imported)") == 2
    assert (count(engine, Redemption), count(engine, ReceivedBundle)) == before


def test_every_refusal_line_names_the_rule_and_what_to_do(
    engine, laptop, db_path, tmp_path, capsys
):
    good = laptop.export(month_tables("2024-05"))
    bad = tmp_path / "bad.ewb"
    bad.write_bytes(b"PK\x03\x04 not really")
    ok = save(good, tmp_path / "usb")
    assert run(db_path, "import", ok, bad) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith(str(bad)))
    assert "DITOLAK" in line and "aturan 1" in line and "Yang harus dilakukan" in line
    assert "1 diterima, 1 ditolak" in out


def test_english_messages_on_request(engine, laptop, db_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EWARONG_LANG", "en")
    bad = tmp_path / "bad.ewb"
    bad.write_bytes(b"hello")
    assert run(db_path, "verify", bad) == 1
    out = capsys.readouterr().out
    assert "REFUSED" in out and "rule 1" in out and "What to do" in out


def test_bad_usage_exits_2(db_path, tmp_path, capsys):
    assert run(db_path, "import", tmp_path / "nothing-here.ewb") == 2
    assert main(["--db", str(db_path), "frobnicate"]) == 2
    assert main(["--db", str(db_path), "verify"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "argumen ini wajib diisi: bundles" in err


def test_verify_writes_nothing_and_checks_in_seq_order(engine, laptop, db_path, tmp_path, capsys):
    usb = tmp_path / "usb"
    first = save(laptop.export(month_tables("2024-05")), usb)
    second = save(laptop.export(month_tables("2024-06")), usb)
    assert run(db_path, "verify", second, first) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(str(first)) and "OK" in out[0]
    assert out[1].startswith(str(second)) and "OK" in out[1]
    assert count(engine, ReceivedBundle) == 0 and count(engine, Redemption) == 0
    # Alone, the second one is a gap: verify says so and which seq is missing.
    assert run(db_path, "verify", second) == 1
    assert "aturan 4" in capsys.readouterr().out


def test_replay_is_a_no_op(engine, laptop, tmp_path):
    path = save(laptop.export(month_tables("2024-05")), tmp_path / "usb")
    assert [o.status for o in Intake(engine, dry_run=False).run([path])] == ["imported"]
    assert [o.status for o in Intake(engine, dry_run=False).run([path])] == ["already"]


def test_fork_is_refused_and_flagged(engine, laptop, db_path, tmp_path, capsys):
    first = save(laptop.export(month_tables("2024-05")), tmp_path / "a")
    assert run(db_path, "import", first) == 0
    laptop.seq, laptop.prev = 0, None
    fork = save(laptop.export(month_tables("2024-05")), tmp_path / "b")
    assert run(db_path, "import", fork) == 1
    assert "fork" in capsys.readouterr().out
    with Session(engine) as session:
        assert session.scalars(select(Flag.kind)).all() == ["fork"]


def test_gap_names_missing_seqs_then_fills_in(engine, laptop, db_path, tmp_path, capsys):
    usb = tmp_path / "usb"
    bundles = [save(laptop.export(month_tables(f"2024-0{m}")), usb / str(m)) for m in (1, 2, 3, 4)]
    assert run(db_path, "import", bundles[0], bundles[3]) == 1
    out = capsys.readouterr().out
    assert "seq 2, 3" in out and "aturan 4" in out
    with Session(engine) as session:
        w = session.get(Warong, laptop.code)
        assert (w.last_seq, w.highest_seq_seen) == (1, 4)
    assert run(db_path, "import", usb) == 0
    with Session(engine) as session:
        assert session.get(Warong, laptop.code).last_seq == 4


def test_full_bundle_closes_gap_and_skipped_are_superseded(
    engine, laptop, db_path, tmp_path, capsys
):
    usb = tmp_path / "usb"
    tables = month_tables("2024-01")
    first = save(laptop.export(tables), usb / "1")
    skipped = save(laptop.export(month_tables("2024-02")), usb / "2")
    changed = dict(tables)
    changed["beneficiaries"] = [dict(tables["beneficiaries"][0], version=2, name="Ganti Nama")]
    full_tables = {
        **tables,
        "beneficiaries": changed["beneficiaries"] + tables["beneficiaries"][1:],
    }
    full = save(laptop.export(full_tables, kind="full"), usb / "3")
    assert run(db_path, "import", first, full) == 0
    capsys.readouterr()
    assert run(db_path, "verify", skipped) == 0
    assert "akan dicatat" in capsys.readouterr().out
    assert run(db_path, "import", skipped) == 0
    out = capsys.readouterr().out
    assert "superseded" in out and "dicatat" in out
    with Session(engine) as session:
        statuses = dict(session.execute(select(ReceivedBundle.seq, ReceivedBundle.status)).all())
        assert statuses == {1: "imported", 2: "superseded", 3: "imported"}
        # The superseded bundle's records were not imported.
        assert (
            session.scalar(
                select(func.count()).select_from(Redemption).where(Redemption.period == "2024-02")
            )
            == 0
        )
        assert session.get(Beneficiary, tables["beneficiaries"][0]["id"]).name == "Ganti Nama"


def test_record_id_of_another_ewarong_is_refused(engine, laptop, db_path, tmp_path, capsys):
    other = Laptop(code="LTM-OTHER")
    enrol_laptop(engine, other, tmp_path)
    mine = month_tables("2024-05")
    assert run(db_path, "import", save(laptop.export(mine), tmp_path / "a")) == 0
    stolen = month_tables("2024-05")
    stolen["beneficiaries"][0]["id"] = mine["beneficiaries"][0]["id"]
    capsys.readouterr()
    assert run(db_path, "import", save(other.export(stolen), tmp_path / "b")) == 1
    out = capsys.readouterr().out
    assert "aturan 3" in out and laptop.code in out


def test_id_clash_within_one_verify_run_is_caught(engine, laptop, db_path, tmp_path):
    other = Laptop(code="LTM-OTHER")
    enrol_laptop(engine, other, tmp_path)
    mine = month_tables("2024-05")
    stolen = month_tables("2024-05")
    stolen["products"][0]["id"] = mine["products"][0]["id"]
    a = save(laptop.export(mine), tmp_path / "a")
    b = save(other.export(stolen), tmp_path / "b")
    outcomes = Intake(engine, dry_run=True).run([a, b])
    assert [o.status for o in outcomes] == ["ok", "refused"]
    assert outcomes[1].refusal.reason == "foreign_id"


def test_same_version_other_content_is_flagged_not_overwritten(engine, laptop, tmp_path):
    tables = month_tables("2024-05")
    Intake(engine, dry_run=False).run([save(laptop.export(tables), tmp_path / "1")])
    twisted = dict(tables["beneficiaries"][0], name="Nama Lain")  # still version 1
    outcome = Intake(engine, dry_run=False).run(
        [save(laptop.export({"beneficiaries": [twisted]}), tmp_path / "2")]
    )[0]
    assert outcome.status == "imported" and len(outcome.counts.conflicts) == 1
    assert "ditinjau" in outcome.message("id")
    with Session(engine) as session:
        assert session.get(Beneficiary, twisted["id"]).name == "KPM 0"
        flag = session.scalars(select(Flag)).one()
        assert flag.kind == "version_conflict"
        assert json.loads(flag.detail)["incoming"]["name"] == "Nama Lain"


def test_higher_version_wins_and_older_is_ignored(engine, laptop, tmp_path):
    kpm = beneficiary(1)
    v3 = dict(kpm, version=3, name="Versi Tiga", updated_at="2024-06-01T00:00:00Z")
    v2 = dict(kpm, version=2, name="Versi Dua")
    for n, record in enumerate((kpm, v3, v2)):
        built = laptop.export({"beneficiaries": [record]}, kind="full" if n == 0 else None)
        Intake(engine, dry_run=False).run([save(built, tmp_path / str(n))])
    with Session(engine) as session:
        row = session.get(Beneficiary, kpm["id"])
        assert (row.version, row.name) == (3, "Versi Tiga")


def test_an_older_version_after_a_restored_backup_is_kept_out_and_flagged(
    engine, laptop, db_path, tmp_path, capsys
):
    tables = month_tables("2024-05")
    done = tables["redemptions"][0]
    voided = dict(done, version=2, status="voided", void_reason="salah input")
    Intake(engine, dry_run=False).run([save(laptop.export(tables), tmp_path / "1")])
    Intake(engine, dry_run=False).run(
        [save(laptop.export({"redemptions": [voided]}), tmp_path / "2")]
    )
    # The laptop restores a backup from before the void: its next bundle is full, with v1.
    assert run(db_path, "import", save(laptop.export(tables, kind="full"), tmp_path / "3")) == 0
    out = capsys.readouterr().out
    assert "1 lebih lama (older)" in out
    with Session(engine) as session:
        row = session.get(Redemption, done["id"])
        assert (row.version, row.status) == (2, "voided")
        flag = session.scalars(select(Flag)).one()
        assert (flag.kind, flag.seq) == ("older_version", 3)
        detail = json.loads(flag.detail)
        assert (detail["id"], detail["version"], detail["stored_version"]) == (done["id"], 1, 2)
    assert run(db_path, "--lang", "en", "report", "--month", "2024-05") == 0
    out = capsys.readouterr().out
    assert "older_version" not in out and done["id"] in out
    assert "restored from a backup" in out and "Ask the operator" in out
    assert run(db_path, "report", "--month", "2024-05") == 0
    out = capsys.readouterr().out
    assert f"[Versi lebih lama] {laptop.code} redemptions {done['id']}" in out
    assert "dipulihkan dari cadangan" in out and "tanyakan ke operator" in out


def test_older_version_in_the_english_import_summary(engine, laptop, db_path, tmp_path, capsys):
    kpm = beneficiary(1)
    newer = dict(kpm, version=2, name="Versi Dua")
    Intake(engine, dry_run=False).run([save(laptop.export({"beneficiaries": [newer]}), tmp_path)])
    again = save(laptop.export({"beneficiaries": [kpm]}, kind="full"), tmp_path / "2")
    assert run(db_path, "--lang", "en", "import", again) == 0
    assert "1 older" in capsys.readouterr().out


def test_unchanged_record_same_version_only_updated_at_differs(engine, laptop, tmp_path):
    kpm = beneficiary(1)
    Intake(engine, dry_run=False).run([save(laptop.export({"beneficiaries": [kpm]}), tmp_path)])
    again = dict(kpm, updated_at="2030-01-01T00:00:00Z")
    outcome = Intake(engine, dry_run=False).run(
        [save(laptop.export({"beneficiaries": [again]}), tmp_path / "2")]
    )[0]
    assert (outcome.counts.unchanged, outcome.counts.conflicts) == (1, [])


def test_unknown_code_and_wrong_key_at_the_district(engine, laptop, db_path, tmp_path, capsys):
    stranger = save(Laptop(code="NEW-01").export(month_tables("2024-05")), tmp_path / "s")
    thief = save(Laptop(code=laptop.code).export(month_tables("2024-05")), tmp_path / "t")
    assert run(db_path, "import", stranger, thief) == 1
    out = capsys.readouterr().out
    assert "belum terdaftar" in out and "bukan kunci terdaftar" in out
    assert count(engine, ReceivedBundle) == 0


def test_tampered_bundle_refused_nothing_written(engine, laptop, db_path, tmp_path):
    built = laptop.export(month_tables("2024-05"))
    data = dict(entries(built.data))["data/redemptions.jsonl"]
    forged = replace_data(built.data, laptop.key, "redemptions", data)
    # Re-signed by the laptop's own key but the summary no longer matches: still refused.
    forged = edit_manifest(forged, laptop.key, summary={"x": 1})
    path = tmp_path / "forged.ewb"
    path.write_bytes(forged)
    assert run(db_path, "import", path) == 1
    assert count(engine, Redemption) == 0


def test_verify_refuses_a_huge_quantity_with_rule_3_not_a_bug(laptop, db_path, tmp_path, capsys):
    built = laptop.export(month_tables("2024-05"))
    data = dict(entries(built.data))["data/redemptions.jsonl"]
    bad = data.replace(b'"quantity":"10"', b'"quantity":"' + b"1" * 40 + b'"', 1)
    path = tmp_path / "huge.ewb"
    path.write_bytes(replace_data(built.data, laptop.key, "redemptions", bad))
    assert run(db_path, "verify", path) == 1
    captured = capsys.readouterr()
    assert "DITOLAK" in captured.out and "aturan 3" in captured.out
    assert "bug" not in captured.out + captured.err


def test_impossible_dates_are_flagged_not_refused(engine, laptop, tmp_path):
    tables = month_tables("2024-05")
    tables["purchases"][0]["date"] = "2099-01-01"
    outcome = Intake(engine, dry_run=False).run([save(laptop.export(tables), tmp_path)])[0]
    assert outcome.status == "imported"
    with Session(engine) as session:
        assert session.scalars(select(Flag.kind)).all() == ["impossible_date"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_new_epoch_after_replace_imports(engine, laptop, db_path, tmp_path, lang):
    from tests.district.conftest import enrolment_file

    save(laptop.export(month_tables("2024-05")), tmp_path / "old")
    laptop.rekey()
    path = enrolment_file(laptop, tmp_path / "new")
    assert run(db_path, "enrol", "--replace", path, "--fingerprint", laptop.enrolled.key_id,
               "--reason", "instal ulang") == 0  # fmt: skip
    first = save(laptop.export(month_tables("2024-06")), tmp_path / "e2")
    assert run(db_path, "--lang", lang, "import", first) == 0
    with Session(engine) as session:
        w = session.get(Warong, laptop.code)
        assert (w.epoch, w.last_seq) == (2, 1)


def test_a_failed_write_refuses_that_bundle_and_the_rest_go_on(engine, tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    first, second = Laptop(code="A-01"), Laptop(code="B-02")
    for lap in (first, second):
        enrol_laptop(engine, lap, tmp_path)
    a = save(first.export(month_tables("2024-05")), tmp_path / "a")
    b = save(second.export(month_tables("2024-05", base=50)), tmp_path / "b")
    intake = Intake(engine, dry_run=False)
    real = intake._write

    def disk_full(bundle, *args):
        if bundle.manifest.code == "A-01":
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        return real(bundle, *args)

    monkeypatch.setattr(intake, "_write", disk_full)
    outcomes = intake.run([a, b])
    assert [o.status for o in outcomes] == ["refused", "imported"]
    assert outcomes[0].refusal.rule == 5 and "disk is full" in outcomes[0].message("en")
    with Session(engine) as session:
        assert session.get(Warong, "A-01").last_seq == 0
    assert [o.status for o in Intake(engine, dry_run=False).run([a])] == ["imported"]


def test_more_tables_are_kept_and_upserted(engine, laptop, tmp_path):
    from ewarong_desktop.district.models import OtherRecord

    row = {"id": "0f0e0d0c-0b0a-4908-8706-050403020100", "version": 1,
           "updated_at": "2024-05-01T00:00:00Z", "kind": "adjustment"}  # fmt: skip
    Intake(engine, dry_run=False).run(
        [save(laptop.export({"stock_movements": [row]}), tmp_path / "1")]
    )
    newer = dict(row, version=2, kind="opname")
    Intake(engine, dry_run=False).run(
        [save(laptop.export({"stock_movements": [newer]}), tmp_path / "2")]
    )
    with Session(engine) as session:
        stored = session.get(OtherRecord, ("stock_movements", row["id"]))
        assert stored.version == 2 and json.loads(stored.record)["kind"] == "opname"


def test_a_database_failure_while_writing_refuses_that_bundle_only(engine, laptop, tmp_path):
    """The history rows go to the driver in bulk (`upsert.on_driver`): a failure there (here a
    trigger standing in for a full disk) is that bundle's refusal, rolled back whole, with
    the database's words, never "a bug"; the file is imported once the database is fixed."""
    path = save(laptop.export(month_tables("2024-05")), tmp_path / "usb")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER full_disk BEFORE INSERT ON record_versions "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    (outcome,) = Intake(engine, dry_run=False).run([path])
    assert outcome.status == "refused"
    assert outcome.refusal is not None and outcome.refusal.reason == "write_failed"
    assert "database or disk is full" in outcome.message("en")
    assert count(engine, Redemption) == count(engine, ReceivedBundle) == 0
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER full_disk")
    assert [o.status for o in Intake(engine, dry_run=False).run([path])] == ["imported"]
    assert count(engine, Redemption) == len(month_tables("2024-05")["redemptions"])


def test_the_quick_redemption_row_is_the_generic_one():
    """Redemptions, the bulk of every bundle, have their row built in one dict display: it
    must stay the generic row, column for column and in the same order (a column added to
    one only would never be written for redemptions)."""
    from ewarong_desktop.district.upsert import _redemption_row, _row

    record = month_tables("2024-05")["redemptions"][0]
    generic = _row("redemptions", "KODE-1", 7, record, "d" * 64, "{}")
    assert list(_redemption_row("KODE-1", 7, record, "d" * 64, "{}").items()) == list(
        generic.items()
    )
