"""The district's migrations build exactly the models' schema, and go down and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from ewarong_desktop.district.db import alembic_config, head_revision, open_engine
from ewarong_desktop.district.models import Base


def test_migrations_match_the_models(tmp_path):
    engine = open_engine(str(tmp_path / "d.sqlite"))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"render_as_batch": True})
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_nothing_and_up_again(tmp_path):
    engine = open_engine(str(tmp_path / "d.sqlite"))
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "base")
        conn.commit()
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    engine = open_engine(str(tmp_path / "d.sqlite"))
    assert "redemptions" in inspect(engine).get_table_names()


def test_d0003_keeps_what_a_d0002_database_held(tmp_path):
    """A district database from before the history: its records become each one's first
    version, its flags stay open on the new footing, and months get their derived flags."""
    from sqlalchemy import text

    from ewarong_desktop.district.flags import list_flags
    from ewarong_desktop.district.history import record_history
    from ewarong_desktop.district.intake import Intake
    from tests.district.conftest import enrol_laptop, save
    from tests.sync.bundlekit import Laptop, month_tables

    path = str(tmp_path / "d.sqlite")
    engine = open_engine(path)
    lap = Laptop()
    enrol_laptop(engine, lap, tmp_path)
    tables = month_tables("2024-05", kpm=2)
    Intake(engine, dry_run=False).run([save(lap.export(tables), tmp_path / "usb")])
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "d0002")
        conn.commit()
        conn.execute(text("DELETE FROM flags"))
        conn.execute(
            text(
                "INSERT INTO flags (code, kind, epoch, seq, detail, raised_at) VALUES "
                "(:c, 'fork', 1, 2, '{\"message\": \"seq 2 twice\"}', '2024-06-01 00:00:00')"
            ),
            {"c": lap.code},
        )
        conn.commit()
    engine.dispose()
    engine = open_engine(path)
    red = tables["redemptions"][0]
    assert [v.version for v in record_history(engine, lap.code, red["id"]).versions] == [1]
    [fork] = list_flags(engine)
    assert (fork.kind, fork.status, fork.code) == ("fork", "open", lap.code)
    assert "seq 2 twice" in fork.line("en")


def test_d0005_keeps_every_version_flag_and_figure_of_a_d0004_database(any_db, tmp_path):
    """Each version stored once: a d0004 database (the latest version of each record held
    twice) keeps every version, its flags (a reviewed one stays reviewed) and its figures,
    and a record that never had its history row (a fund entry imported before d0003) gets
    one, on SQLite and PostgreSQL."""
    import json

    from sqlalchemy import select, text

    from ewarong_desktop.district.flags import list_flags, review_flag
    from ewarong_desktop.district.history import record_history
    from ewarong_desktop.district.intake import Intake
    from ewarong_desktop.district.models import FundEntry, RecordVersion, held_version
    from ewarong_desktop.district.report import build_report
    from ewarong_desktop.domain.periods import Period
    from tests.district.conftest import enrol_laptop, save
    from tests.sync.bundlekit import Laptop, line, month_tables, new_id

    engine = open_engine(any_db)
    lap = Laptop(code="MIG-05")
    enrol_laptop(engine, lap, tmp_path)
    tables = month_tables("2024-05", kpm=2)
    beras, telur = tables["products"]
    a = tables["redemptions"][0]
    raised = [line(beras["id"], "10", 12_000), line(telur["id"], "2", 28_000)]
    a2 = dict(a, version=2, lines=raised, total_rupiah=176_000)
    beras2 = dict(beras, version=2, category="protein_hewani")
    for n, bundle in enumerate([tables, {"redemptions": [a2], "products": [beras2]}]):
        [done] = Intake(engine, dry_run=False).run([save(lap.export(bundle), tmp_path / f"{n}")])
        assert done.status == "imported"
    first = {f.kind: f for f in list_flags(engine)}
    assert set(first) == {"changed_redemption", "changed_category"}
    review_flag(engine, first["changed_category"].id, "sudah dicek", "budi")

    def seen(engine):
        history = record_history(engine, lap.code, a["id"])
        row = build_report(engine, Period(2024, 5)).warongs[0]
        return (
            [(v.version, v.seq, v.record) for v in history.versions],
            [(v.version, v.record) for v in record_history(engine, lap.code, beras["id"]).versions],
            sorted((f.kind, f.record_id, f.status, f.reviewed_by) for f in list_flags(engine)),
            (row.redeemed_rupiah, row.kpm_served, row.own_rupiah, row.third_party_rupiah),
        )

    before = seen(engine)
    assert [v for v, _s, _r in before[0]] == [1, 2]
    fund_id = new_id()
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "d0004")
        conn.commit()
        # The latest version held twice (as d0004 did), and a fund entry with no history row.
        held = conn.execute(text("SELECT record FROM redemptions WHERE id = :i"), {"i": a["id"]})
        assert '"total_rupiah":176000' in held.scalar_one()
        bundle_id = conn.execute(text("SELECT min(id) FROM bundles")).scalar_one()
        conn.execute(
            text(
                "INSERT INTO fund_entries (id, warong_code, version, content_sha256, updated_at,"
                " bundle_id, record, date, kind, stage, amount_rupiah, purpose, purchase_id,"
                " status) VALUES (:i, :c, 1, :h, '2024-05-01T00:00:00Z', :b, :r, '2024-05-01',"
                " 'tranche', 1, 5000000, NULL, NULL, 'completed')"
            ),
            {"i": fund_id, "c": lap.code, "h": "0" * 64, "b": bundle_id,
             "r": json.dumps({"amount_rupiah": 5_000_000, "id": fund_id, "kind": "tranche"})},
        )  # fmt: skip
        conn.commit()
    engine.dispose()
    engine = open_engine(any_db)  # migrates to the head again
    assert seen(engine) == before
    [fund] = record_history(engine, lap.code, fund_id).versions
    assert (fund.version, fund.record["amount_rupiah"]) == (1, 5_000_000)
    with engine.connect() as conn:
        [(text_,)] = conn.execute(
            select(RecordVersion.record)
            .join(FundEntry, held_version(FundEntry))
            .where(FundEntry.id == fund_id)
        ).all()
        assert json.loads(text_)["kind"] == "tranche"
    engine.dispose()
