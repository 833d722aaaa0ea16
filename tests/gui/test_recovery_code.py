"""The backup recovery code in the window: shown once to an admin, again behind the PIN."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ewarong_desktop.domain.errors import PermissionDenied
from ewarong_desktop.services import recovery
from ewarong_desktop.services.context import Actor, ServiceContext


def test_the_settings_button_shows_the_code_only_after_the_admin_pin(
    qtbot, window, state, demo, messages
):
    page = window.go("settings")
    page.tabs.setCurrentIndex(3)
    code = recovery.code_for_backup(demo.path)
    messages.text_answers.append("000000")  # a wrong PIN
    qtbot.mouseClick(page.recovery_code, Qt.MouseButton.LeftButton)
    assert messages.shown[-1][0] == "warning" and code not in messages.shown[-1][2]
    messages.text_answers.append(demo.admin_pin)
    qtbot.mouseClick(page.recovery_code, Qt.MouseButton.LeftButton)
    assert messages.shown[-1][2] == code


def test_an_operator_cannot_reach_the_code(state):
    as_operator = ServiceContext(state.ctx.db, Actor("siti", "operator"))
    assert recovery.pending_code(as_operator) is None
    with pytest.raises(PermissionDenied):
        recovery.show_code(as_operator, "123456")


def test_the_dialog_shows_the_code_and_prints_it_with_the_shop_name(qtbot, state):
    from ewarong_desktop.gui.recovery_code import RecoveryCodeDialog

    code = recovery.code_for_backup(state.ctx.data_dir)
    dialog = RecoveryCodeDialog(code, "E-Warong KUBE Sejahtera (LTM-SKP-01)")
    qtbot.addWidget(dialog)
    dialog.show()
    assert code in [label.text() for label in dialog.findChildren(QLabel)]
    page = dialog.page_html()
    assert code in page and "LTM-SKP-01" in page


def test_an_admin_sees_the_code_once_until_it_is_written_down(state):
    assert recovery.pending_code(state.ctx) is not None  # setup made it, nobody saw it yet
    recovery.mark_shown(state.ctx)
    assert recovery.pending_code(state.ctx) is None
