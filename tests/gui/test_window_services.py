"""The services the window leans on most (the KPM list, the monthly series, documents as
files), without Qt, on the demo store."""

from __future__ import annotations

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import beneficiaries, document_files
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.monthly import monthly_figures, share_by_month
from ewarong_desktop.services.profile import working_period


def test_the_fast_kpm_list_reads_what_the_store_holds(demo):
    ctx = ServiceContext.open(demo.path, Actor("admin", "admin"))
    try:
        everyone = beneficiaries.list_all(ctx)
        assert [beneficiaries.get(ctx, b.id) for b in everyone[:5]] == everyone[:5]
        beneficiaries.set_active(ctx, everyone[0].id, False)
        active = beneficiaries.list_all(ctx, include_inactive=False)
        assert everyone[0].id not in {b.id for b in active}
        assert len(active) == len(everyone) - 1
    finally:
        ctx.close()


def test_share_by_month_agrees_with_monthly_figures(demo):
    ctx = ServiceContext.open(demo.path, Actor("admin", "admin"))
    try:
        last = working_period(ctx)
        series = share_by_month(ctx, last, 4)
        assert [s.period for s in series] == [last.shift(-3), last.shift(-2), last.shift(-1), last]
        for share in series:
            figures = monthly_figures(ctx, share.period)
            assert share.own_rupiah == figures.purchases_own_rupiah
            assert share.own_share == figures.own_share
        assert series[0].own_share is None  # before the demo's first month: nothing bought
    finally:
        ctx.close()


def test_documents_land_in_the_data_folder(demo):
    ctx = ServiceContext.open(demo.path, Actor("admin", "admin"))
    try:
        period: Period = working_period(ctx)
        report = document_files.write_report(ctx, period, "xlsx", "en")
        assert report.parent == demo.path / "documents" and report.suffix == ".xlsx"
        assert report.read_bytes()[:2] == b"PK"
        assert not list(report.parent.glob("*.part"))
    finally:
        ctx.close()
