"""Issue 21 in the window (F6 Sinkron): enrol the Dinas's key, receive its signed replies, accept
its rates, review its KPM list as a KPM import; with a real district office (its command line,
its keys) and real signed replies on a stick."""

from __future__ import annotations

import base64
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ewarong_desktop.domain.periods import format_date
from ewarong_desktop.services import beneficiaries, district_reply, programme, sync_export
from ewarong_desktop.services.context import Actor
from ewarong_desktop.sync.district_link import open_reply, sign_reply
from tests.district.test_stick_both_ways import Office
from tests.gui.conftest import wait_job

CODE = "LTM-SKP-01"


@pytest.fixture
def stick(tmp_path: Path, monkeypatch) -> Path:
    """A USB stick the OS has mounted: the page offers it first in its Tujuan list."""
    from ewarong_desktop.gui import drives

    root = tmp_path / "media" / "FLASHDISK"
    root.mkdir(parents=True)
    monkeypatch.setattr(
        drives, "usb_sticks", lambda: [drives.Volume(str(root), "FLASHDISK", 4 * 10**9)]
    )
    return root


@pytest.fixture
def office(tmp_path: Path) -> Office:
    return Office(str(tmp_path / "district" / "district.sqlite"), tmp_path / "office")


@pytest.fixture
def linked(state, office: Office) -> Office:
    """The shop enrolled at the office and the office's key enrolled at the shop."""
    office.enrol(state.ctx)
    district_reply.enrol_district_key(state.ctx, office.key_file, office.key.fingerprint)
    return office


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_stick(path: Path, stick: Path) -> Path:
    return Path(shutil.copy(path, stick / path.name))


def dinas_column(page) -> list[str]:
    model = page.bundles.model
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) in ("Dinas Sosial", "District")
    return [model.index(row, column).data() for row in range(model.rowCount())]


def export(qtbot, page) -> None:
    click(qtbot, page.export_button)
    wait_job(qtbot, page.job)
    assert page.job.error is None, page.job.error


def test_the_admin_enrols_the_district_key_typed_from_the_phone(
    qtbot, window, state, demo, office, stick
):
    shutil.copy(office.key_file, stick)
    page = window.go("sync")
    assert page.district_line.text().startswith("Belum didaftarkan: bundel dikirim tanpa enkripsi")
    assert not page.receive_button.isVisible()
    click(qtbot, page.district_button)
    dialog = page.key_dialog
    assert dialog.files.currentText() == office.key_file.name  # found on the stick
    assert dialog.office.text() == "Dinas Sosial Lampung Timur, Kabupaten Lampung Timur"
    assert not dialog.enrol_button.isEnabled()
    # A slip of the ear: one character wrong.
    typed = office.key.key_id.upper()
    wrong = typed[:-1] + ("0" if typed[-1] != "0" else "1")
    qtbot.keyClicks(dialog.typed, wrong)
    assert dialog.verdict.text().startswith("Tidak cocok: berkas ini bukan kunci yang dibacakan")
    assert not dialog.enrol_button.isEnabled()
    dialog.typed.clear()
    qtbot.keyClicks(dialog.typed, typed[:8])
    assert "(sudah 8)" in dialog.verdict.text() and not dialog.enrol_button.isEnabled()
    # Read out in groups with dashes, typed in capitals: the same fingerprint.
    qtbot.keyClicks(dialog.typed, "-" + " ".join([typed[8:12], typed[12:]]))
    assert dialog.verdict.text().startswith("Cocok: sidik jari sama dengan berkas ini")
    assert district_reply.enrolled_district_key(state.ctx) is None  # nothing saved yet
    click(qtbot, dialog.enrol_button)
    assert not dialog.isVisible()
    assert district_reply.enrolled_district_key(state.ctx).key_id == office.key.key_id
    shown = (
        f"Dinas Sosial Lampung Timur, Kabupaten Lampung Timur (sidik jari {office.key.fingerprint})"
    )
    assert shown in page.result.text() and "bundel dienkripsi" in page.result.text()
    assert page.district_line.text() == (
        f"Bundel dienkripsi untuk {shown}; hanya Dinas itu yang bisa membacanya."
    )
    assert not page.district_button.isVisible() and page.receive_button.isVisible()
    # From now on the stick carries sealed bundles only.
    export(qtbot, page)
    (sent,) = stick.glob("*.ewb*")
    assert sent.name.endswith(".ewb.enc")
    # An operator sees that bundles are sealed but none of the admin's buttons.
    state.set_actor(Actor(demo.operator_name, "operator"))
    assert page.district_line.text().startswith("Bundel dienkripsi untuk")
    assert not any(
        b.isVisible() for b in (page.district_button, page.receive_button, page.kpm_list_button)
    )


def test_a_key_file_that_is_not_one_is_said_in_words(qtbot, window, state, office, stick):
    (stick / "dinas-palsu.district.json").write_text('{"format": "something else"}')
    page = window.go("sync")
    click(qtbot, page.district_button)
    dialog = page.key_dialog
    assert dialog.office.text() == "Berkas ini tidak bisa dipakai: bukan berkas kunci kabupaten"
    qtbot.keyClicks(dialog.typed, office.key.key_id)
    assert not dialog.enrol_button.isEnabled()
    dialog.reject()
    assert district_reply.enrolled_district_key(state.ctx) is None


_NEXT = iter(range(9001, 9999))


def change_something(state) -> None:
    """A new KPM: a record for the next bundle (with nothing changed, export writes none)."""
    n = next(_NEXT)
    kpm = beneficiaries.BeneficiaryInput(f"180712520580{n:04d}", f"60139999{n:08d}", f"Baru {n}")
    beneficiaries.register(state.ctx, kpm)


def test_a_reply_marks_bundles_received_and_refusals_change_nothing(
    qtbot, window, state, linked, stick, tmp_path, capsys
):
    page = window.go("sync")
    first = linked.reply()  # before any bundle reached the office
    export(qtbot, page)
    assert linked.run("import", str(stick)) == 0
    to_stick(linked.reply(), stick)
    click(qtbot, page.receive_button)
    today = datetime.now(UTC).date()
    assert page.result.text() == "Balasan Dinas no. 2 diterapkan: 1 bundel baru diterima Dinas."
    assert dinas_column(page) == [f"diterima Dinas {format_date(today)}"]
    assert page.reply_line.text() == "Balasan Dinas terakhir: no. 2."
    assert sync_export.list_bundles(state.ctx)[0].received == today.isoformat()
    state.set_language("en")
    assert dinas_column(page) == [f"received by the Dinas {format_date(today, 'en')}"]
    state.set_language("id")

    # The older reply, brought later: nothing changes.
    page.receive(first)
    assert page.result.text() == (
        "Balasan no. 1 tidak diterapkan: balasan no. 2 yang sama atau lebih baru sudah "
        "diterapkan. Tidak ada yang berubah."
    )
    assert dinas_column(page) == [f"diterima Dinas {format_date(today)}"]

    # Altered after signing (a bundle it never got, marked received): refused.
    sync = window.go("sync")
    change_something(state)
    export(qtbot, sync)
    good = json.loads(linked.reply().read_bytes())
    payload = json.loads(base64.b64decode(good["payload"]))
    payload["bundles"].append({**payload["bundles"][0], "seq": 2})
    good["payload"] = base64.b64encode(json.dumps(payload).encode()).decode()
    altered = tmp_path / f"dinas-{CODE}-000009.reply.json"
    altered.write_text(json.dumps(good))
    page.receive(altered)
    assert page.result.text().startswith(f"Balasan {altered.name} ditolak, tidak ada yang berubah:")
    assert "palsu atau diubah" in page.result.text()
    assert dinas_column(page) == ["", f"diterima Dinas {format_date(today)}"]  # newest first

    # A genuine reply of another district office (the shop is enrolled there too): refused,
    # and the page says it is not the enrolled Dinas's.
    other = Office(str(tmp_path / "o" / "district.sqlite"), tmp_path / "other", "Dinas Lain")
    other.enrol(state.ctx)
    page.receive(other.reply())
    assert "dari kunci Dinas lain" in page.result.text()
    assert f"bukan dari Dinas Sosial Lampung Timur ({linked.key.fingerprint})" in (
        page.result.text()
    )
    # Our district's reply signed by someone else's key (a forger's): refused.
    reply = open_reply(linked.reply().read_bytes(), linked.key, CODE)
    forged = tmp_path / "forged.reply.json"
    forged.write_bytes(sign_reply(reply, other.keys().signing))
    page.receive(forged)
    assert page.result.text().endswith("palsu atau diubah")
    assert district_reply.district_status(state.ctx).last_number == 2
    assert dinas_column(page) == ["", f"diterima Dinas {format_date(today)}"]


def test_a_bundle_the_dinas_did_not_get_says_what_to_do(
    qtbot, window, state, linked, stick, capsys
):
    page = window.go("sync")
    export(qtbot, page)
    assert linked.run("import", str(stick)) == 0
    for sent in stick.iterdir():
        sent.unlink()
    change_something(state)
    export(qtbot, page)  # seq 2: lost on the way
    for sent in stick.iterdir():
        sent.unlink()
    change_something(state)
    export(qtbot, page)  # seq 3 reaches the office, which now knows seq 2 is missing
    linked.run("import", str(stick))
    to_stick(linked.reply(), stick)
    click(qtbot, page.receive_button)
    column = dinas_column(page)  # newest first
    assert column[1] == "belum diterima Dinas: salin lagi"
    assert column[2].startswith("diterima Dinas ")
    assert "Dinas belum menerima berkas no. 2" in page.reply_line.text()
    assert "Salin lagi" in page.reply_line.text()
    # The command line's list says the same.
    from ewarong_desktop.cli import main as shop

    capsys.readouterr()
    assert shop(["--data-dir", str(state.ctx.data_dir), "--lang", "en", "bundles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].endswith("not received by the Dinas: export --again SEQ")


def test_new_rates_wait_for_the_admin_and_the_operator_sees_that(
    qtbot, window, state, demo, linked, stick
):
    assert linked.run("rates", "add", "250000", "--from", "2027-01", "--note", "SK baru") == 0
    to_stick(linked.reply(), stick)
    page = window.go("sync")
    assert not page.rates_line.isVisible()
    click(qtbot, page.receive_button)
    waiting = "Besaran baru dari Dinas menunggu persetujuan admin: Rp250.000 mulai Januari 2027"
    assert page.rates_line.text().startswith(waiting)
    assert max(str(r.valid_from) for r in programme.list_rates(state.ctx)) < "2027-01"
    state.set_actor(Actor(demo.operator_name, "operator"))
    assert page.rates_line.isVisible() and page.rates_line.text().startswith(waiting)
    assert page.rates_line.text().endswith("Minta admin menerimanya di halaman ini.")
    assert not page.accept_rates_button.isVisible()
    state.set_language("en")
    assert page.rates_line.text().startswith(
        "New rates from the Dinas wait for an admin to accept them: Rp250.000 from January 2027"
    )
    state.set_language("id")
    state.set_actor(Actor(demo.admin_name, "admin"))
    click(qtbot, page.accept_rates_button)
    assert page.result.text() == "Besaran baru diterima: Rp250.000 mulai Januari 2027 (SK baru)."
    rates = programme.list_rates(state.ctx)
    assert (rates[-1].amount, str(rates[-1].valid_from)) == (250_000, "2027-01")
    assert not page.rates_line.isVisible() and not page.accept_rates_button.isVisible()


def test_the_districts_kpm_list_opens_as_the_kpm_import_preview(
    qtbot, window, state, linked, stick, tmp_path
):
    page = window.go("sync")
    export(qtbot, page)
    assert linked.run("import", str(stick)) == 0
    # The list as the office holds it: the same as the shop's, so no preview to review.
    same = to_stick(linked.reply("--with-kpm-list"), stick)
    click(qtbot, page.receive_button)
    wait_job(qtbot, page.job)
    assert page.kpm_dialog is None
    assert page.result.text().endswith("Daftar KPM dari Dinas sama dengan data e-warong ini.")
    assert page.kpm_list_button.isVisible()  # still at hand
    same.unlink()
    real = open_reply(linked.reply("--with-kpm-list").read_bytes(), linked.key, CODE)
    assert real.kpm_list is not None and len(real.kpm_list) == 30
    # The office corrected one name and added a KPM; it signs that list with its own key.
    kpms = [dict(k) for k in real.kpm_list]
    renamed = kpms[0]
    renamed["name"] = "Siti Aminah Baru"
    new = {
        "nik": renamed["nik"][:-4] + "9999",
        "kks_number": renamed["kks_number"][:-4] + "9999",
        "name": "Rahmat",
    }
    kpms.append({**new, "desa": kpms[0]["desa"]})
    changed = sign_reply(
        type(real)(**{**real.__dict__, "number": real.number + 1, "kpm_list": tuple(kpms)}),
        linked.keys().signing,
    )
    reply = stick / f"dinas-{CODE}-{real.number + 1:06d}.reply.json"
    reply.write_bytes(changed)
    click(qtbot, page.receive_button)
    wait_job(qtbot, page.job)
    dialog = page.kpm_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.file_label.text() == "Daftar KPM dari Dinas (balasan no. 3)"
    assert dialog.summary.text() == ("1 KPM baru, 1 diperbarui, 29 tidak berubah, 0 baris ditolak.")
    assert not beneficiaries.find(state.ctx, new["kks_number"])  # only a preview
    click(qtbot, dialog.apply)
    wait_job(qtbot, dialog.job)
    added = beneficiaries.find_one(state.ctx, new["kks_number"])
    assert (added.name, added.nik) == ("Rahmat", new["nik"])
    assert beneficiaries.find_one(state.ctx, renamed["kks_number"]).name == "Siti Aminah Baru"
    assert not dialog.isVisible()
    # The list stays at hand: opened again it changes nothing.
    click(qtbot, page.kpm_list_button)
    wait_job(qtbot, page.kpm_dialog.job)
    assert page.kpm_dialog.summary.text().startswith("0 KPM baru, 0 diperbarui, 31 tidak berubah")
    assert not page.kpm_dialog.apply.isEnabled()
    page.kpm_dialog.reject()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_page_with_a_reply_fits_the_screen_for_admin_and_operator(
    qtbot, window, state, demo, linked, stick, lang
):
    from tests.gui.window_checks import SCREEN, admin_controls_shown, cut_texts, outside

    window.resize(SCREEN.size())
    page = window.go("sync")
    export(qtbot, page)
    assert linked.run("import", str(stick)) == 0
    for sent in stick.iterdir():
        sent.unlink()
    export(qtbot, page)  # lost
    export(qtbot, page)
    linked.run("import", str(stick))
    assert linked.run("rates", "add", "250000", "--from", "2027-01", "--note", "SK baru") == 0
    to_stick(linked.reply(), stick)
    click(qtbot, page.receive_button)
    state.set_language(lang)
    assert page.rates_line.isVisible() and page.accept_rates_button.isVisible()
    # The layouts settle on the new words as their events come (later on a busy machine).
    qtbot.waitUntil(lambda: cut_texts(window) + outside(window) == [], timeout=5000)
    state.set_actor(Actor(demo.operator_name, "operator"))
    assert page.rates_line.isVisible() and page.district_line.isVisible()
    assert admin_controls_shown(window) == []
    qtbot.waitUntil(lambda: cut_texts(window) + outside(window) == [], timeout=5000)


def test_without_files_on_the_stick_the_file_dialogs_are_used(
    qtbot, window, state, office, stick, tmp_path, monkeypatch
):
    from ewarong_desktop.gui.pages import district_key_dialog, sync

    page = window.go("sync")
    click(qtbot, page.district_button)
    dialog = page.key_dialog
    assert dialog.office.text() == (
        "Tidak ada berkas kunci Dinas di flashdisk ini: tekan Pilih berkas."
    )
    asked = []
    monkeypatch.setattr(
        district_key_dialog,
        "choose_file_to_open",
        lambda _parent, title, _filters, start: asked.append((title, start)) or office.key_file,
    )
    click(qtbot, dialog.browse)
    assert asked == [("Pilih berkas kunci Dinas", stick)]  # starts on the chosen stick
    assert dialog.office.text() == "Dinas Sosial Lampung Timur, Kabupaten Lampung Timur"
    qtbot.keyClicks(dialog.typed, office.key.fingerprint)
    qtbot.keyClick(dialog.typed, Qt.Key.Key_Return)  # Enter does not enrol: only the button
    assert dialog.isVisible()
    click(qtbot, dialog.enrol_button)
    assert district_reply.enrolled_district_key(state.ctx) is not None
    # No reply on the stick: the reply comes from a file dialog.
    office.enrol(state.ctx)
    reply = office.reply()
    monkeypatch.setattr(sync, "choose_file_to_open", lambda *_args: reply)
    click(qtbot, page.receive_button)
    assert page.result.text() == "Balasan Dinas no. 1 diterapkan: 0 bundel baru diterima Dinas."
    assert district_reply.district_status(state.ctx).last_number == 1


def test_a_crafted_reply_path_is_refused_in_words(qtbot, window, state, linked, tmp_path):
    page = window.go("sync")
    folder = tmp_path / f"dinas-{CODE}-000001.reply.json"
    folder.mkdir()
    page.receive(folder)
    assert page.result.text().endswith("Berkas balasan bukan berkas biasa: " + folder.name + ".")
    page.receive(tmp_path / "gone.reply.json")
    assert "Berkas balasan tidak bisa dibaca" in page.result.text()
    big = tmp_path / "big.reply.json"
    big.write_bytes(b" " * (16 * 1024 * 1024 + 1))
    page.receive(big)
    assert page.result.text().endswith("Berkas balasan terlalu besar.")
    assert district_reply.district_status(state.ctx).last_number == 0


def replied_on_stick(qtbot, window, linked: Office, stick: Path):
    """The Sinkron page after a bundle reached the office and its true reply is on the stick."""
    page = window.go("sync")
    export(qtbot, page)
    assert linked.run("import", str(stick)) == 0
    return page, to_stick(linked.reply(), stick)


def test_a_forged_newer_reply_on_the_stick_does_not_hide_the_true_one(
    qtbot, window, state, linked, stick, tmp_path
):
    page, true = replied_on_stick(qtbot, window, linked, stick)
    # A file named as a later reply of this office, signed by a forger's key.
    reply = open_reply(true.read_bytes(), linked.key, CODE)
    other = Office(str(tmp_path / "o" / "district.sqlite"), tmp_path / "other", "Dinas Lain")
    forged = stick / f"dinas-{CODE}-000099.reply.json"
    forged.write_bytes(sign_reply(reply, other.keys().signing))
    click(qtbot, page.receive_button)
    refused, applied = page.result.text().split("\n")
    assert refused.startswith(f"Balasan {forged.name} ditolak, tidak ada yang berubah:")
    assert applied == f"Balasan Dinas no. {reply.number} diterapkan: 1 bundel baru diterima Dinas."
    assert district_reply.district_status(state.ctx).last_number == reply.number
    assert dinas_column(page) == [f"diterima Dinas {format_date(datetime.now(UTC).date())}"]


def test_a_reply_file_gone_from_the_stick_is_passed_over_for_the_next(
    qtbot, window, state, linked, stick
):
    _page, true = replied_on_stick(qtbot, window, linked, stick)
    gone = stick / f"dinas-{CODE}-000099.reply.json"  # listed, then the stick was jostled
    done = district_reply.receive_from_stick(state.ctx, [gone, true])
    assert [path for path, _why in done.refused] == [gone]
    assert done.result is not None and done.result.applied
