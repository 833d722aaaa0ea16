"""The one helper: a refusal is said in words, a bug reaches the bug dialog and the log once,
a result's changes are announced; the smoke test's bridge says boxes on stderr."""

from __future__ import annotations

from pathlib import Path

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.gui import errors
from ewarong_desktop.gui.background import perform
from ewarong_desktop.services.changes import Done, Topic


def test_a_refusal_goes_to_the_page_a_bug_to_the_dialog_and_log_once(
    qtbot, state, messages, tmp_path: Path
):
    errors.configure(tmp_path / "logs")
    heard = []
    state.changed.connect(heard.append)
    said = []

    def refuse() -> Done:
        raise InvalidInput("Tidak boleh.", "Not allowed.")

    assert perform(None, state, refuse, refused=said.append) is None
    assert [e.message("id") for e in said] == ["Tidak boleh."] and messages.shown == []

    def bug() -> Done:
        raise KeyError("oops")

    assert perform(None, state, bug, refused=said.append) is None
    assert len(said) == 1  # a bug is never shown as a refusal
    assert [kind for kind, _t, _x in messages.shown] == ["critical"]
    assert len(list((tmp_path / "logs").glob("*"))) == 1
    assert heard == []

    done = perform(None, state, lambda: Done(frozenset({Topic.STOCK})))
    assert done is not None and heard == [frozenset({Topic.STOCK})]


def test_the_smoke_bridge_says_boxes_on_stderr_and_answers_no(capsys):
    from ewarong_desktop.gui.messages import Kind, StderrBridge

    bridge = StderrBridge()
    bridge.show(Kind.WARNING, None, "Judul", "Isi")
    assert bridge.ask(None, "Tanya", "Lanjut?", default_yes=True) is False
    assert "warning: Judul: Isi" in capsys.readouterr().err
