"""The service functions written for the window (`services.gui_support`), without Qt."""

from __future__ import annotations

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import beneficiaries, gui_support
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.monthly import monthly_figures
from ewarong_desktop.services.profile import working_period


def test_kpm_list_matches_list_all(demo):
    ctx = ServiceContext.open(demo.path, Actor("admin", "admin"))
    try:
        assert gui_support.kpm_list(ctx) == beneficiaries.list_all(ctx)
    finally:
        ctx.close()


def test_share_by_month_agrees_with_monthly_figures(demo):
    ctx = ServiceContext.open(demo.path, Actor("admin", "admin"))
    try:
        last = working_period(ctx)
        series = gui_support.share_by_month(ctx, last, 4)
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
        report = gui_support.write_report(ctx, period, "xlsx", "en")
        assert report.parent == demo.path / "documents" and report.suffix == ".xlsx"
        assert report.read_bytes()[:2] == b"PK"
        assert not list(report.parent.glob("*.part"))
    finally:
        ctx.close()
