"""A new shop is told what to do first; the hint goes once goods, KPMs and a rate exist."""

from __future__ import annotations

from ewarong_desktop.services import beneficiaries, products
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.profile import ProfileInput
from ewarong_desktop.services.setup import initialise


def test_an_empty_store_says_what_to_do_first_and_ticks_what_is_done(qtbot, qapp, tmp_path):
    from ewarong_desktop.gui.app import make_application
    from ewarong_desktop.gui.background import perform
    from ewarong_desktop.gui.main_window import MainWindow
    from ewarong_desktop.gui.state import AppState

    make_application()
    profile = ProfileInput("LTM-SKP-09", "E-Warong Baru", "Sidodadi", "Sekampung", "Lampung Timur")
    initialise(tmp_path / "store", profile, admin_pin="123456")
    ctx = ServiceContext.open(tmp_path / "store", Actor("admin", "admin"))
    try:
        state = AppState(ctx, "id")
        window = MainWindow(state, idle_minutes=0)
        qtbot.addWidget(window)
        window.show()
        hint = window.first_steps
        assert hint.isVisible() and hint.text().startswith("Langkah pertama")
        assert "• isi barang" in hint.text() and "• impor daftar KPM" in hint.text()
        item = products.ProductInput("BRS", "Beras", "karbohidrat", "kg", 12_000)
        perform(window, state, lambda: products.add_product(ctx, item))
        assert "✓ isi barang" in hint.text()
        kpm = beneficiaries.BeneficiaryInput("1807125205800001", "6013010012345678", "Siti")
        perform(window, state, lambda: beneficiaries.register(ctx, kpm))
        if "• periksa besaran" in hint.text():
            from ewarong_desktop.domain.periods import Period
            from ewarong_desktop.services import programme

            perform(window, state, lambda: programme.add_rate(ctx, 200_000, Period(2000, 1)))
        assert not hint.isVisible()
    finally:
        ctx.close()
