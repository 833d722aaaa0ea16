"""The stick session the Import page runs (`district.stick`): demo shops' bundles, plain and
encrypted, among bad files; one plain line per file, replies onto the stick, a receipt."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.stick import import_stick, write_receipt
from tests.district_gui.office import BAD_FILES, SEALED


def test_a_stick_of_good_and_bad_files_is_imported_line_by_line(office, tmp_path):
    engine = open_engine(str(office.db))
    seen: list[tuple[int, int]] = []
    try:
        session = import_stick(
            engine, office.stick, office.keys, lambda done, total, _line: seen.append((done, total))
        )
        again = import_stick(engine, office.stick, office.keys)
    finally:
        engine.dispose()
    by_name = {line.name: line for line in session.lines}
    assert len(by_name) == 6 and seen[-1] == (6, 6)
    assert sorted(line.code for line in session.lines if line.status == "imported") == sorted(
        office.codes
    )
    sealed = next(name for name in by_name if name.startswith(f"ewarong-{SEALED}"))
    assert sealed.endswith(".ewb.enc") and by_name[sealed].status == "imported"
    for bad in BAD_FILES:
        line = by_name[bad]
        assert line.status == "refused" and line.ask_id, line
        assert "DITOLAK" in line.message() and "Minta e-warong:" in line.message()
        assert "REFUSED" in line.message("en") and "Ask the e-warong:" in line.message("en")
    assert "belum terdaftar" in by_name[BAD_FILES[1]].message()
    assert session.summary() == (
        "6 berkas: 3 diimpor, 0 sudah diimpor sebelumnya, 0 tidak perlu, 3 ditolak."
    )
    # One signed reply per e-warong imported, onto the stick; none the second time (nothing new)
    replies = sorted(p.name for p in office.stick.glob("*.reply.json"))
    assert len(replies) == 3 and all(r.file is not None for r in session.replies)
    assert "3 balasan bertanda tangan ditulis" in session.replies_said()
    assert again.count("already") == 3 and again.count("refused") == 3
    assert again.replies == () and again.replies_said() == ""

    receipt = write_receipt(session, tmp_path / "tanda-terima.pdf")
    text = "".join(page.extract_text() for page in PdfReader(receipt).pages)
    assert "Tanda terima bundel sinkron" in text
    assert "Dinas Sosial Lampung Timur" in text and "Yang menyerahkan flashdisk" in text
    assert "rusak.ewb" in text and "LTM-SKP-02" in text


def test_without_the_office_key_the_encrypted_bundle_is_refused_and_no_reply_written(office):
    import shutil

    shutil.rmtree(office.keys)
    engine = open_engine(str(office.db))
    try:
        session = import_stick(engine, office.stick, office.keys)
    finally:
        engine.dispose()
    sealed = next(line for line in session.lines if line.name.startswith(f"ewarong-{SEALED}"))
    assert sealed.status == "refused" and "kunci" in sealed.message()
    assert session.count("imported") == 2 and session.replies == ()
    assert not list(office.stick.glob("*.reply.json"))
    assert "belum punya kunci" in session.replies_said()


@pytest.mark.postgres
def test_the_stick_session_and_the_overview_on_postgresql(office, pg_url):
    """The window's two services on PostgreSQL: the import in its child process (the URL
    handed over as `--db` is), then the overview and one e-warong's detail."""
    from ewarong_desktop.district.enrolment import enrol
    from ewarong_desktop.district.overview import warong_detail, warong_overview
    from ewarong_desktop.district.stick import import_stick_in_process
    from ewarong_desktop.sync.enrolment import read_enrolment

    engine = open_engine(pg_url)
    try:
        for path in sorted((office.db.parent / "papers").glob("*.enrol.json")):
            enrol(engine, path, read_enrolment(path).key_id)
        done = import_stick_in_process(pg_url, office.stick, office.keys, receipt_lang="en")
        assert done.session.count("imported") == 3 and done.session.count("refused") == 3
        assert done.receipt is not None and done.receipt.read_bytes().startswith(b"%PDF")
        rows = warong_overview(engine)
        assert [w.code for w in rows] == sorted(office.codes)
        assert all(w.last_seq == 1 and not w.silent for w in rows)
        detail = warong_detail(engine, "LTM-SKP-01")
        assert len(detail.bundles) == 1 and sum(m.redemptions for m in detail.months) > 0
    finally:
        engine.dispose()
