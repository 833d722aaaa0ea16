"""Reports page: one share figure, a chart that says it is loading, marks the chosen month and
counts from 0 in round steps, and headings that follow the chosen month."""

from __future__ import annotations

from ewarong_desktop.domain.share import format_share
from ewarong_desktop.gui.chart import axis_steps
from ewarong_desktop.services.monthly import monthly_figures
from tests.gui.conftest import wait_job


def test_the_axis_counts_from_zero_in_round_steps() -> None:
    assert axis_steps(47_200_000) == [0, 10_000_000, 20_000_000, 30_000_000, 40_000_000, 50_000_000]
    assert axis_steps(15_700_000) == [0, 5_000_000, 10_000_000, 15_000_000, 20_000_000]
    assert axis_steps(0) == [0]


def test_one_share_figure_on_reports_and_purchases(qtbot, window, state):
    reports = window.go("reports")
    wait_job(qtbot, reports.series_job)
    period = reports.figures.period
    expected = format_share(monthly_figures(state.ctx, period).own_share)
    assert "," in expected and expected.endswith("%")  # one decimal, Indonesian comma
    assert reports.values[8].text() == expected
    purchases = window.go("purchases")
    purchases.month.setCurrentIndex(purchases.month.findData(str(period)))
    assert purchases.share.text().endswith(expected)


def test_the_chart_says_it_is_loading_then_marks_the_chosen_month(qtbot, window, state):
    page = window.go("reports")
    assert page.chart.loading or page.series_job.done
    wait_job(qtbot, page.series_job)
    assert not page.chart.loading and page.chart.series
    page.month.setCurrentIndex(1)
    chosen = page.figures.period
    assert page.chart.chosen == chosen
    assert page.stock_title.text() == f"Stok {page.month.currentText()}"


def test_transactions_in_plain_words(qtbot, window, state):
    page = window.go("reports")
    wait_job(qtbot, page.series_job)
    f = page.figures
    caption = page.captions[3].text()
    assert caption == "Transaksi" and "(" not in page.values[3].text()
    if f.voided_count:
        assert page.values[3].text() == f"{f.redemptions_count}, {f.voided_count} dibatalkan"
