"""What the district can check in bundles a dishonest shop signed with its own real key:
impossible records and rewritten facts are imported, flagged and kept out of the figures;
flags are work an officer lists and closes; every version stays in the history.

The scenarios run on SQLite and on PostgreSQL (`any_db`) and must raise the same flags.
"""

from __future__ import annotations

import re

from openpyxl import load_workbook

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.flags import list_flags, review_flag
from ewarong_desktop.district.history import record_history
from ewarong_desktop.district.report import build_report
from ewarong_desktop.domain.periods import Period
from tests.district.conftest import enrol_laptop, enrolment_file, save
from tests.sync.bundlekit import (
    Laptop,
    beneficiary,
    entries,
    line,
    month_tables,
    new_id,
    product,
    purchase,
    redemption,
    replace_entry,
)

MAY = Period(2024, 5)


def imp(db: str, laptop: Laptop, tables: dict, folder, *, kind: str | None = None):
    path = save(laptop.export(tables, kind=kind), folder)
    return main(["--db", db, "import", str(path)]), path


def flag_set(engine, code: str | None = None) -> set[tuple[str, str | None]]:
    return {(f.kind, f.record_id) for f in list_flags(engine, code=code)}


def _dishonest_month():
    """One bundle of CURANG-01 holding every record the app could never have produced, next
    to honest ones; returns the tables and the ids the test asserts on."""
    beras, telur = product("Beras", "kg", "karbohidrat"), product("Telur", "kg", "protein_hewani")
    minyak = product("Minyak", "liter", "lainnya")
    kpm, shared = beneficiary(1), beneficiary(900)  # nik(900) is on JUJUR-02's list too
    neighbour = beneficiary(901, listed=False)  # served here, listed by JUJUR-02: no flag
    twin = beneficiary(1)  # another KPM with kpm's NIK
    late, left = beneficiary(2, eligible_from="2024-07"), beneficiary(3, inactive_from="2024-05")
    ok = redemption(kpm["id"], "2024-05", [line(beras["id"], "10", 12_000)])
    # With JUJUR-02's Rp148.000 for that NIK, still within the month's Rp200.000.
    also_ok = redemption(shared["id"], "2024-05", [line(beras["id"], "2", 12_000)])
    near = redemption(neighbour["id"], "2024-05", [line(beras["id"], "2", 12_000)])
    r = {
        "phantom": redemption(new_id(), "2024-05", [line(beras["id"], "1", 12_000)]),
        "late": redemption(late["id"], "2024-05", [line(beras["id"], "1", 12_000)]),
        "left": redemption(left["id"], "2024-05", [line(beras["id"], "1", 12_000)]),
        "lainnya": redemption(twin["id"], "2024-05", [line(minyak["id"], "1", 15_000)]),
        "zero": redemption(
            kpm["id"], "2024-05", [line(beras["id"], "1", 0), line(telur["id"], "1", 28_000)]
        ),
        "ghost": redemption(kpm["id"], "2024-05", [line(new_id(), "1", 10_000)]),
        "early": redemption(kpm["id"], "2016-12", [line(beras["id"], "1", 12_000)]),
        "future": redemption(kpm["id"], "2099-01", [line(beras["id"], "1", 12_000)]),
    }
    buy_ok = purchase("2024-05-02", [line(beras["id"], "10", 10_000)], own=True)
    p = {
        "free": purchase("2024-05-03", [line(telur["id"], "5", 0)], own=False),
        "ghost": purchase("2024-05-04", [line(new_id(), "5", 2_000)], own=True),
        "reused": dict(purchase("2024-05-05", [line(beras["id"], "5", 10_000)]), id=kpm["id"]),
    }
    tables = {
        "beneficiaries": [kpm, shared, neighbour, twin, late, left],
        "products": [beras, telur, minyak],
        "purchases": [buy_ok, *p.values()],
        "redemptions": [ok, also_ok, near, *r.values()],
    }
    return tables, kpm, twin, shared, r, p


def test_impossible_records_are_imported_flagged_and_left_out_of_the_figures(
    any_db, any_engine, tmp_path, capsys
):
    honest, cheat = Laptop(code="JUJUR-02"), Laptop(code="CURANG-01")
    for lap in (honest, cheat):
        enrol_laptop(any_engine, lap, tmp_path)
    assert imp(any_db, honest, month_tables("2024-05", kpm=2, base=900), tmp_path / "a")[0] == 0
    tables, kpm, twin, shared, r, p = _dishonest_month()
    code, _path = imp(any_db, cheat, tables, tmp_path / "b")
    out = capsys.readouterr().out
    assert code == 0, out  # a flag is not a refusal
    assert "diimpor" in out and "tanda baru untuk ditinjau (tetap diimpor)" in out

    pair = min(kpm["id"], twin["id"])
    assert flag_set(any_engine) == {
        ("unknown_kpm", r["phantom"]["id"]),
        ("not_eligible", r["late"]["id"]),
        ("not_eligible", r["left"]["id"]),
        ("category_not_redeemable", r["lainnya"]["id"]),
        ("zero_price", r["zero"]["id"]),
        ("unknown_product", r["ghost"]["id"]),
        ("impossible_period", r["early"]["id"]),
        ("impossible_period", r["future"]["id"]),
        ("zero_price", p["free"]["id"]),
        ("unknown_product", p["ghost"]["id"]),
        ("id_reused", kpm["id"]),  # twice: the beneficiary's row and the purchase's
        ("duplicate_nik", pair),
        ("listed_elsewhere", shared["id"]),
    }
    words = {f.record_id: f.en_text for f in list_flags(any_engine) if f.kind == "not_eligible"}
    assert words[r["late"]["id"]].endswith("eligible only from 2024-07")
    assert words[r["left"]["id"]].endswith("left the list from 2024-05")
    reused = [f for f in list_flags(any_engine) if f.kind == "id_reused"]
    assert sorted(f.record_table for f in reused) == ["beneficiaries", "purchases"]

    report = build_report(any_engine, MAY)
    row = {f.code: f for f in report.warongs}["CURANG-01"]
    # Counted: kpm, shared (flagged as listed elsewhere, still a real KPM here) and the
    # neighbour; every impossible redemption is on its own line with its rupiah.
    assert (row.kpm_served, row.redemptions, row.redeemed_rupiah) == (3, 3, 168_000)
    assert (row.unmatched_redemptions, row.unmatched_redeemed_rupiah) == (6, 89_000)
    assert (row.own_rupiah, row.third_party_rupiah) == (100_000, 0)
    assert row.unmatched_purchase_rupiah == 60_000
    assert report.total.kpm_served == 3  # a NIK once: JUJUR's two are CURANG's shared ones
    capsys.readouterr()
    assert main(["--db", any_db, "report", "--month", "2024-05"]) == 0
    out = capsys.readouterr().out
    assert "Tidak dapat dicocokkan, CURANG-01: 6 transaksi Rp89.000, pembelian Rp60.000" in out
    xlsx = tmp_path / "r.xlsx"
    assert main(["--db", any_db, "--lang", "en", "report", "--month", "2024-05", "--out",
                 str(xlsx)]) == 0  # fmt: skip
    assert "Not matched, CURANG-01: 6 redemption(s) Rp89.000" in capsys.readouterr().out
    cells = [c.value for row in load_workbook(xlsx)["Summary"].iter_rows() for c in row]
    assert any(str(v).startswith("Not matched, CURANG-01") for v in cells)
    flag_rows = list(load_workbook(xlsx)["Flags"].iter_rows(values_only=True))
    assert ("Unknown KPM", "CURANG-01") in {row[:2] for row in flag_rows}


def test_flags_are_listed_reviewed_and_never_reopened(any_db, any_engine, tmp_path, capsys):
    cheat = Laptop(code="CURANG-01")
    enrol_laptop(any_engine, cheat, tmp_path)
    tables, _kpm, _twin, _shared, r, _p = _dishonest_month()
    code, path = imp(any_db, cheat, tables, tmp_path / "b")
    assert code == 0
    capsys.readouterr()
    assert main(["--db", any_db, "flags", "--open", "--code", "CURANG-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    phantom = next(x for x in out if r["phantom"]["id"] in x)
    # One line each, starting with the flag's id, naming the full record id and what to check.
    assert re.match(r"F\d+ \[KPM tidak dikenal\] CURANG-01 redemptions ", phantom)
    assert "Periksa: " in phantom
    flag_id = phantom.split()[0]
    assert main(["--db", any_db, "--lang", "en", "flags", "--month", "2099-01"]) == 0
    out = capsys.readouterr().out
    assert r["future"]["id"] in out and r["phantom"]["id"] not in out
    assert "[Impossible period]" in out and "Check: " in out

    assert main(["--db", any_db, "flags", "review", flag_id, "--note", "KPM fiktif, dilaporkan",
                 "--officer", "Budi"]) == 0  # fmt: skip
    assert "ditinjau Budi" in capsys.readouterr().out
    assert main(["--db", any_db, "flags", "review", flag_id, "--note", "lagi"]) == 1
    assert "sudah ditinjau oleh Budi" in capsys.readouterr().err
    assert main(["--db", any_db, "flags", "review", "F999999", "--note", "x"]) == 1
    assert main(["--db", any_db, "flags", "review", "F1", "--note", "  "]) == 1

    # The same bundle again, then a full bundle re-sending every record: nothing new, and
    # the reviewed flag stays reviewed.
    before = {f.id: f.status for f in list_flags(any_engine)}
    assert main(["--db", any_db, "import", str(path)]) == 0
    assert imp(any_db, cheat, tables, tmp_path / "c", kind="full")[0] == 0
    after = {f.id: f.status for f in list_flags(any_engine)}
    assert after == before and after[int(flag_id[1:])] == "reviewed"
    report = build_report(any_engine, MAY)
    shown = {f.record_id for f in report.flags}
    assert r["phantom"]["id"] not in shown and r["zero"]["id"] in shown
    assert all(f.is_open for f in report.flags)
    capsys.readouterr()
    assert main(["--db", any_db, "report", "--month", "2024-05"]) == 0
    text = capsys.readouterr().out
    assert "Tanda terbuka" in text and re.search(r"^F\d+ \[Harga Rp0\] CURANG-01 ", text, re.M)


def test_rewritten_facts_are_flagged_with_before_and_after(
    any_db, any_engine, tmp_path, monkeypatch
):
    # Written two records at a time, so the chunked path of a big bundle is the one tested.
    monkeypatch.setattr("ewarong_desktop.district.upsert.WRITE_CHUNK", 2)
    lap = Laptop(code="UBAH-01")
    enrol_laptop(any_engine, lap, tmp_path)
    tables = month_tables("2024-05", kpm=3)
    beras, telur = tables["products"]
    a, c, d = tables["redemptions"]
    _own, third = tables["purchases"]
    k, n = tables["beneficiaries"][:2]
    assert imp(any_db, lap, tables, tmp_path / "1")[0] == 0

    def v(record, **changes):
        return dict(record, version=record["version"] + 1, **changes)

    raised = [line(beras["id"], "10", 12_000), line(telur["id"], "2", 28_000)]
    a2 = v(a, lines=raised, total_rupiah=176_000)
    relabelled = v(third, source="own", source_kind="petani_lokal", source_name="Pak Tani")
    c2 = v(c, status="voided", void_reason="salah input")  # ordinary life
    d2 = v(d, status="voided", void_reason="KPM batal")
    beras2 = v(beras, category="protein_hewani")
    telur2 = v(telur, price_rupiah=30_000, name="Telur ayam")  # ordinary life
    k2 = v(k, nik="1807120101900999")
    n2 = v(n, name="KPM Dua (ejaan)", active=False)  # ordinary life
    assert imp(any_db, lap, {
        "redemptions": [a2, c2, d2], "purchases": [relabelled],
        "products": [beras2, telur2], "beneficiaries": [k2, n2],
    }, tmp_path / "2")[0] == 0  # fmt: skip
    d3 = v(d2, status="completed", void_reason=None)
    assert imp(any_db, lap, {"redemptions": [d3]}, tmp_path / "3")[0] == 0

    flags = {(f.kind, f.record_id): f for f in list_flags(any_engine)}
    assert set(flags) == {
        ("changed_redemption", a["id"]),
        ("changed_purchase", third["id"]),
        ("changed_category", beras["id"]),
        ("changed_kpm_identity", k["id"]),
        ("void_undone", d["id"]),
    }
    assert "Rp148.000 → Rp176.000" in flags[("changed_redemption", a["id"])].en_text
    relabel = flags[("changed_purchase", third["id"])].en_text
    assert (
        "source: third_party → own" in relabel and "source_kind: pemasok → petani_lokal" in relabel
    )
    assert "karbohidrat → protein_hewani" in flags[("changed_category", beras["id"])].en_text
    assert "voided (KPM batal) then completed again" in flags[("void_undone", d["id"])].en_text
    # The figures use the newest values: A at Rp176.000, the relabelled purchase as own.
    row = build_report(any_engine, MAY).warongs[0]
    assert row.redeemed_rupiah == 176_000 + 148_000  # A and D; C voided
    assert (row.own_rupiah, row.third_party_rupiah) == (1_000_000 + 125_000, 0)

    history = record_history(any_engine, lap.code, d["id"])
    assert [x.version for x in history.versions] == [1, 2, 3]
    assert [(c.field, c.before, c.after) for c in history.versions[2].changes] == [
        ("status", "voided", "completed"),
        ("void_reason", "KPM batal", None),
    ]
    assert history.versions[0].seq == 1 and history.versions[2].seq == 3
    assert [f.kind for f in history.flags] == ["void_undone"]


def test_history_command(engine, laptop, db_path, tmp_path, capsys):
    tables = month_tables("2024-05", kpm=1)
    red = tables["redemptions"][0]
    db = str(db_path)
    assert imp(db, laptop, tables, tmp_path / "1")[0] == 0
    voided = dict(red, version=2, status="voided", void_reason="salah input")
    assert imp(db, laptop, {"redemptions": [voided]}, tmp_path / "2")[0] == 0
    capsys.readouterr()
    assert main(["--db", db, "history", laptop.code, red["id"].upper()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"redemptions {red['id']} v1: diterima ")
    assert "ewarong-LTM-SKP-01-e1-000001.ewb (epoch 1 seq 1)" in out[0]
    v2 = next(i for i, x in enumerate(out) if " v2: " in x)
    assert "seq 2" in out[v2]
    assert '    status: "completed" → "voided"' in out[v2 + 1 :]
    assert main(["--db", db, "--lang", "en", "history", laptop.code, new_id()]) == 1
    assert "No record" in capsys.readouterr().err


def test_a_later_full_bundle_after_a_restore_raises_older_versions_and_nothing_else(
    any_db, any_engine, tmp_path
):
    lap = Laptop(code="PULIH-01")
    enrol_laptop(any_engine, lap, tmp_path)
    tables = month_tables("2024-05", kpm=3)
    c = tables["redemptions"][1]
    assert imp(any_db, lap, tables, tmp_path / "1")[0] == 0
    voided = dict(c, version=2, status="voided", void_reason="salah input")
    extra = redemption(tables["beneficiaries"][2]["id"], "2024-06",
                       [line(tables["products"][0]["id"], "2", 12_000)])  # fmt: skip
    assert imp(any_db, lap, {"redemptions": [voided, extra]}, tmp_path / "2")[0] == 0
    assert list_flags(any_engine) == []
    # The laptop is restored from a backup made before the void and the June redemption:
    # its next bundle is full and carries the older versions; June's record is simply absent.
    assert imp(any_db, lap, tables, tmp_path / "3", kind="full")[0] == 0
    assert flag_set(any_engine) == {("older_version", c["id"])}
    [older] = list_flags(any_engine)
    assert older.month == "2024-05" and "version 1 came after the imported version 2" in (
        older.en_text
    )
    row = build_report(any_engine, MAY).warongs[0]
    assert (row.redemptions, row.unmatched_redemptions) == (2, 0)  # the void still holds
    assert [v.version for v in record_history(any_engine, lap.code, c["id"]).versions] == [1, 2]


def test_reimport_under_a_replaced_key_is_already_imported_after_the_checks(
    engine, laptop, db_path, tmp_path, capsys
):
    db = str(db_path)
    code, old = imp(db, laptop, month_tables("2024-05"), tmp_path / "1")
    assert code == 0
    laptop.rekey()
    path = enrolment_file(laptop, tmp_path / "new")
    assert main(["--db", db, "enrol", "--replace", str(path), "--fingerprint",
                 laptop.enrolled.key_id, "--reason", "laptop dicuri"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--db", db, "import", str(old)]) == 0
    assert "sudah diimpor (already imported)" in capsys.readouterr().out
    # A changed data byte under the unchanged, validly signed manifest: still refused.
    name, data = next((n, d) for n, d in entries(old.read_bytes()) if n.endswith("s.jsonl"))
    spoiled = tmp_path / "spoiled" / old.name
    spoiled.parent.mkdir()
    spoiled.write_bytes(replace_entry(old.read_bytes(), name, data.replace(b"KPM", b"KPX", 1)))
    assert main(["--db", db, "import", str(spoiled)]) == 1
    assert "DITOLAK" in capsys.readouterr().out
    # A bundle never imported from the old key is refused as before.
    old_key_new_bundle = tmp_path / "x"
    stale = Laptop(code=laptop.code)
    stale_path = save(stale.export(month_tables("2024-06")), old_key_new_bundle)
    assert main(["--db", db, "import", str(stale_path)]) == 1


def test_review_service_records_the_officer_and_time(engine, laptop, tmp_path):
    tables = month_tables("2024-05", kpm=1)
    tables["redemptions"].append(redemption(new_id(), "2024-05", tables["redemptions"][0]["lines"]))
    assert imp(str(engine.url.database), laptop, tables, tmp_path)[0] == 0
    [flag] = list_flags(engine)
    done = review_flag(engine, flag.id, "  dicek ke lokasi ", officer="Sari")
    assert (done.status, done.reviewed_by, done.review_note) == (
        "reviewed",
        "Sari",
        "dicek ke lokasi",
    )
    assert done.reviewed_at is not None and list_flags(engine, open_only=True) == []


def test_docs_list_every_flag_kind_with_what_to_check():
    from pathlib import Path

    from ewarong_desktop.district.flags import KINDS

    docs = (Path(__file__).parents[2] / "docs" / "district.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `") for line in docs.splitlines() if line.startswith("| `")}
    assert set(KINDS) <= rows
    assert all(k.check_id and k.check_en for k in KINDS.values())


def test_flags_command_bad_input_is_one_line(engine, db_path, capsys):
    db = str(db_path)
    assert main(["--db", db, "flags", "--month", "2024-13"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["--db", db, "--lang", "en", "flags", "review", "F1x", "--note", "x"]) == 1
    assert "Not a flag id" in capsys.readouterr().err
    assert main(["--db", db, "flags", "review", "F1"]) == 2  # --note is required
    assert main(["--db", db, "flags"]) == 0
    assert "0 tanda, 0 terbuka" in capsys.readouterr().out


def test_a_crafted_long_product_name_still_gets_its_price_flag(any_db, any_engine, tmp_path):
    """The flag's dedup key is hashed: PostgreSQL refuses index entries over ~2.7 kB."""
    name = "Beras " + "sangat panjang " * 400
    for n, price in enumerate((12_000, 12_500, 30_000)):
        lap = Laptop(code=f"HARGA-{n}")
        enrol_laptop(any_engine, lap, tmp_path)
        beras, kpm = product(name, "kg"), beneficiary(n)
        sold = redemption(kpm["id"], "2024-05", [line(beras["id"], "1", price)])
        tables = {"beneficiaries": [kpm], "products": [beras], "redemptions": [sold]}
        assert imp(any_db, lap, tables, tmp_path / str(n))[0] == 0
    report = build_report(any_engine, MAY)
    assert [(f.kind, f.code) for f in report.flags] == [("price_high", "HARGA-2")]


def test_flags_group_by_kind_then_ewarong_with_what_to_check(engine, tmp_path):
    from ewarong_desktop.district.flags import KINDS, group_flags

    honest, cheat = Laptop(code="JUJUR-02"), Laptop(code="CURANG-01")
    for lap in (honest, cheat):
        enrol_laptop(engine, lap, tmp_path)
    assert imp(str(engine.url.database), honest, month_tables("2024-05", kpm=2, base=900),
               tmp_path / "a")[0] == 0  # fmt: skip
    tables, *_ = _dishonest_month()
    assert imp(str(engine.url.database), cheat, tables, tmp_path / "b")[0] == 0
    flags = list_flags(engine)
    groups = group_flags(flags)
    assert sum(len(g.flags) for g in groups) == len(flags)
    order = list(KINDS)
    assert [order.index(g.kind) for g in groups] == sorted(order.index(g.kind) for g in groups)
    zero = next(g for g in groups if g.kind == "zero_price")
    assert (zero.code, len(zero.flags), zero.open_count) == ("CURANG-01", 2, 2)
    assert zero.check("id") in zero.flags[0].line("id")  # the words `flags` prints
    assert (zero.label("id"), zero.label("en")) == ("Harga Rp0", "Price Rp0")
