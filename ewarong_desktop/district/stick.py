"""One USB stick (or folder) brought to the office: every bundle on it imported, one line per
file in plain words, one signed reply per e-warong imported written back onto it, and a
receipt for the person who brought it.

The same functions as `ewarong-district import FOLDER` (`Intake`, plain and encrypted
bundles) and `ewarong-district reply CODE --out FOLDER` (`office.write_reply`); the district
window's Import page calls `import_stick` on a thread and `write_receipt` afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from ewarong_desktop.district.intake import Intake, Outcome, find_bundles
from ewarong_desktop.district.models import utc_now
from ewarong_desktop.district.office import (
    has_keys,
    key_folder,
    load_keys,
    open_sealed,
    write_reply,
)
from ewarong_desktop.domain.errors import EwarongError, StoreProblem
from ewarong_desktop.domain.words import say
from ewarong_desktop.fsio import atomic_writer

# (files done, files in all, the line of the file just done)
StickProgress = Callable[[int, int, "FileLine"], None]

IMPORTED, ALREADY, SUPERSEDED, REFUSED = "imported", "already", "superseded", "refused"


@dataclass(frozen=True)
class FileLine:
    """What happened to one file, for the officer and the person who brought the stick."""

    name: str  # the file's path under the stick's folder
    status: str  # imported | already | superseded | refused
    code: str = ""
    seq: int = 0
    what_id: str = ""  # refused: what is wrong
    what_en: str = ""
    ask_id: str = ""  # refused: what to ask the e-warong for
    ask_en: str = ""
    new_rows: int = 0  # imported: records new or changed
    new_flags: int = 0  # imported: flags raised to review (imported all the same)

    def message(self, lang: str = "id") -> str:
        where = f"{self.code} no. {self.seq}" if self.code else ""
        if self.status == IMPORTED:
            text = say(
                lang,
                f"diimpor: {where}, {self.new_rows} data baru atau berubah",
                f"imported: {where}, {self.new_rows} records new or changed",
            )
            if self.new_flags:
                text += say(
                    lang,
                    f"; {self.new_flags} tanda untuk ditinjau",
                    f"; {self.new_flags} flag(s) to review",
                )
        elif self.status == ALREADY:
            text = say(
                lang,
                f"sudah diimpor sebelumnya: {where}; tidak ada yang berubah",
                f"already imported: {where}; nothing changed",
            )
        elif self.status == SUPERSEDED:
            text = say(
                lang,
                f"tidak perlu diimpor: {where} sudah digantikan bundel penuh yang lebih baru",
                f"not needed: {where} was replaced by a newer full bundle",
            )
        else:
            text = say(lang, f"DITOLAK: {self.what_id}", f"REFUSED: {self.what_en}")
            ask = say(lang, self.ask_id, self.ask_en)
            if ask:
                text += say(lang, f". Minta e-warong: {ask}", f". Ask the e-warong: {ask}")
        return f"{self.name}: {text}"


@dataclass(frozen=True)
class ReplyLine:
    code: str
    file: Path | None  # None: it could not be written (see `problem_*`)
    number: int = 0
    problem_id: str = ""
    problem_en: str = ""

    def message(self, lang: str = "id") -> str:
        if self.file is None:
            return say(
                lang,
                f"balasan untuk {self.code} tidak ditulis: {self.problem_id}",
                f"no reply written for {self.code}: {self.problem_en}",
            )
        return say(
            lang,
            f"balasan no. {self.number} untuk {self.code}: {self.file.name}",
            f"reply no. {self.number} to {self.code}: {self.file.name}",
        )


@dataclass(frozen=True)
class StickSession:
    folder: Path
    started_at: datetime  # UTC
    finished_at: datetime
    lines: tuple[FileLine, ...]
    replies: tuple[ReplyLine, ...] = ()
    office_has_key: bool = False  # False: no replies could be signed
    office: str = ""  # the office's name, from its key

    def count(self, status: str) -> int:
        return sum(line.status == status for line in self.lines)

    @property
    def imported_codes(self) -> tuple[str, ...]:
        return tuple(sorted({line.code for line in self.lines if line.status == IMPORTED}))

    def summary(self, lang: str = "id") -> str:
        n = len(self.lines)
        if not n:
            return say(
                lang,
                f"Tidak ada berkas bundel (.ewb, .ewb.enc) di {self.folder}.",
                f"No bundle files (.ewb, .ewb.enc) in {self.folder}.",
            )
        return say(
            lang,
            f"{n} berkas: {self.count(IMPORTED)} diimpor, {self.count(ALREADY)} sudah "
            f"diimpor sebelumnya, {self.count(SUPERSEDED)} tidak perlu, "
            f"{self.count(REFUSED)} ditolak.",
            f"{n} files: {self.count(IMPORTED)} imported, {self.count(ALREADY)} already "
            f"imported, {self.count(SUPERSEDED)} not needed, {self.count(REFUSED)} refused.",
        )

    def replies_said(self, lang: str = "id") -> str:
        if not self.imported_codes:
            return ""
        if not self.office_has_key:
            return say(
                lang,
                "Balasan tidak ditulis: kantor ini belum punya kunci (ewarong-district key). "
                "E-warong tidak akan tahu bundelnya sudah diterima.",
                "No replies written: this office has no key yet (ewarong-district key). The "
                "e-warongs will not learn their bundles were received.",
            )
        written = sum(r.file is not None for r in self.replies)
        return say(
            lang,
            f"{written} balasan bertanda tangan ditulis ke {self.folder} "
            "(e-warong membacanya dengan Terima balasan).",
            f"{written} signed replies written to {self.folder} (the e-warongs read them "
            "with Receive reply).",
        )


def _line(folder: Path, outcome: Outcome) -> FileLine:
    path = Path(outcome.source)
    try:
        name = str(path.relative_to(folder))
    except ValueError:
        name = path.name
    if outcome.refusal is not None:
        r = outcome.refusal
        return FileLine(
            name, REFUSED, outcome.code, outcome.seq,
            r.id_text, r.en_text, r.advice_id, r.advice_en,
        )  # fmt: skip
    if outcome.status == "already":
        return FileLine(name, ALREADY, outcome.code, outcome.seq)
    if outcome.status in ("superseded", "would_supersede"):
        return FileLine(name, SUPERSEDED, outcome.code, outcome.seq)
    c = outcome.counts
    new_rows = (c.inserted + c.updated) if c is not None else 0
    flags = c.flags if c is not None else 0
    return FileLine(name, IMPORTED, outcome.code, outcome.seq, new_rows=new_rows, new_flags=flags)


def import_stick(
    engine: Engine,
    folder: Path,
    key_folder: Path,
    progress: StickProgress | None = None,
    *,
    replies: bool = True,
) -> StickSession:
    """Every bundle under `folder` imported (sealed ones opened with the office's key), then
    one signed reply per e-warong imported written into `folder` when the office has a key."""
    started = utc_now()
    folder = Path(folder)
    files = find_bundles([folder])

    def said(done: int, total: int, outcome: Outcome) -> None:
        if progress is not None:
            progress(done, total, _line(folder, outcome))

    intake = Intake(engine, dry_run=False, unseal=lambda data: open_sealed(data, key_folder))
    lines = tuple(_line(folder, o) for o in intake.run(files, said))
    session = StickSession(folder, started, utc_now(), lines, office_has_key=has_keys(key_folder))
    if not session.office_has_key:
        return session
    keys = load_keys(key_folder)
    written = []
    if replies:
        for code in session.imported_codes:
            try:
                target, reply = write_reply(engine, keys, code, folder)
                written.append(ReplyLine(code, target, reply.number))
            except EwarongError as exc:
                written.append(ReplyLine(code, None, 0, exc.id_text, exc.en_text))
            except OSError as exc:  # a full or read-only stick
                text = exc.strerror or str(exc)
                written.append(ReplyLine(code, None, 0, text, text))
    return StickSession(folder, started, utc_now(), lines, tuple(written), True, keys.public.office)


def receipt_path(db: str | None, session: StickSession) -> Path:
    """Where the session's receipt is kept: `tanda-terima/` beside the office's keys (the
    database's folder for SQLite, the user data folder for a server)."""
    folder = key_folder(db).parent / "tanda-terima"
    return folder / f"tanda-terima-{session.finished_at:%Y%m%d-%H%M%S}.pdf"


def write_receipt(session: StickSession, out: Path, lang: str = "id") -> Path:
    """The session's receipt (A4 PDF): who, when, every file's line, the replies, and two
    signatures: the officer's and the person's who brought the stick."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ewarong_desktop.district.report_output import _register_fonts
    from ewarong_desktop.domain.text import escape_markup as escape

    font, bold = _register_fonts()
    title_style = ParagraphStyle("t", fontName=bold, fontSize=14, leading=18)
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=12)
    cell = ParagraphStyle("c", fontName=font, fontSize=8, leading=10)
    title = say(lang, "Tanda terima bundel sinkron", "Receipt for sync bundles")
    when = session.finished_at.strftime("%Y-%m-%d %H:%M UTC")
    story = [
        Paragraph(escape(title), title_style),
        Spacer(1, 3 * mm),
        Paragraph(escape(say(lang, f"Kantor: {session.office}", f"Office: {session.office}")),
                  body) if session.office else Spacer(1, 0),
        Paragraph(escape(say(lang, f"Waktu: {when}", f"Time: {when}")), body),
        Paragraph(escape(say(lang, f"Dari: {session.folder}", f"From: {session.folder}")), body),
        Paragraph(escape(session.summary(lang)), body),
        Spacer(1, 4 * mm),
    ]  # fmt: skip
    rows = [
        [
            Paragraph(escape(say(lang, "No.", "No.")), cell),
            Paragraph(escape(say(lang, "Berkas dan hasilnya", "File and what happened")), cell),
        ]
    ]
    rows += [[Paragraph(str(i), cell), Paragraph(escape(line.message(lang)), cell)]
             for i, line in enumerate(session.lines, 1)]  # fmt: skip
    table = Table(rows, repeatRows=1, colWidths=[12 * mm, 166 * mm])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    story += [table, Spacer(1, 4 * mm)]
    said = session.replies_said(lang)
    if said:
        story.append(Paragraph(escape(said), body))
    story += [Paragraph(escape(r.message(lang)), body) for r in session.replies]
    signatures = Table(
        [
            [say(lang, "Petugas Dinas", "District officer"),
             say(lang, "Yang menyerahkan flashdisk", "Brought by")],
            ["", ""],
            ["(.................................)", "(.................................)"],
        ],
        colWidths=[89 * mm, 89 * mm],
        rowHeights=[6 * mm, 20 * mm, 6 * mm],
    )  # fmt: skip
    signatures.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ]))  # fmt: skip
    story += [Spacer(1, 8 * mm), signatures]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(out) as handle:
            doc = SimpleDocTemplate(
                handle, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                topMargin=15 * mm, bottomMargin=15 * mm, title=title,
            )  # fmt: skip
            doc.build(story)
    except OSError as exc:
        raise StoreProblem(
            f"Tanda terima {out} tidak bisa ditulis: {exc}",
            f"Cannot write the receipt {out}: {exc}",
        ) from exc
    return out


# -- the same session in a process of its own ---------------------------------------------------


def _child(db: str | None, folder: str, key_folder: str, lang: str | None, out: Any) -> None:
    """In the child process: the session, each file's line sent as it is done, then its
    receipt when `lang` is given."""
    import os

    from ewarong_desktop.district.db import open_engine

    if hasattr(os, "nice"):
        os.nice(10)  # the window's process first: the import waits for a free moment
    try:
        engine = open_engine(db)
        try:
            session = import_stick(
                engine,
                Path(folder),
                Path(key_folder),
                lambda done, total, line: out.send(("line", done, total, line)),
            )
        finally:
            engine.dispose()
        receipt, problem = None, None
        if lang is not None and session.lines:
            try:  # a receipt that cannot be written does not undo the import
                receipt = write_receipt(session, receipt_path(db, session), lang)
            except EwarongError as exc:
                problem = (exc.id_text, exc.en_text)
        out.send(("done", session, receipt, problem))
    except EwarongError as exc:
        out.send(("refused", exc.id_text, exc.en_text))
    except BaseException as exc:  # a bug: its words reach the window's bug dialog
        import traceback

        out.send(("bug", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    finally:
        out.close()


@dataclass(frozen=True)
class ProcessResult:
    session: StickSession
    receipt: Path | None  # the receipt written, when one was asked for
    receipt_problem: StoreProblem | None  # why it could not be written


def import_stick_in_process(
    db: str | None,
    folder: Path,
    key_folder: Path,
    progress: StickProgress | None = None,
    *,
    receipt_lang: str | None = None,
) -> ProcessResult:
    """`import_stick` (and `write_receipt` in `receipt_lang`) in a child process, on the
    district database `db` names as `--db` does.

    The district window calls this from a pool thread: a thousand bundles are checked and
    written by another interpreter at a lower priority, so the window's own interpreter never
    waits for the import's (the signature checks, the JSON and the SQL hold an interpreter's
    lock for tens of milliseconds at a time). Each file's line arrives as it is done."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(db, str(folder), str(key_folder), receipt_lang, send), daemon=True
    )
    child.start()
    send.close()  # the child holds the only sending end: EOF when it ends
    try:
        while True:
            try:
                message = receive.recv()
            except EOFError:
                child.join()
                raise StoreProblem(
                    f"Proses impor berhenti tiba-tiba (kode {child.exitcode}); bundel yang "
                    "sudah diimpor tetap tersimpan. Ulangi impor.",
                    f"The import process stopped unexpectedly (code {child.exitcode}); "
                    "bundles already imported stay imported. Run the import again.",
                ) from None
            kind = message[0]
            if kind == "line":
                if progress is not None:
                    progress(message[1], message[2], message[3])
            elif kind == "done":
                problem = None if message[3] is None else StoreProblem(*message[3])
                return ProcessResult(message[1], message[2], problem)
            elif kind == "refused":
                raise StoreProblem(message[1], message[2])
            else:
                raise RuntimeError(f"{message[1]}\n{message[2]}")
    finally:
        receive.close()
        child.join(timeout=30)
