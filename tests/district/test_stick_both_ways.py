"""Issue 21: the district's key, sealed bundles and the signed reply, on SQLite and PostgreSQL.

The laptop side runs on a demo store through its services; the district side through
`ewarong-district`. The format is docs/district_reply.md.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.office import key_folder, load_keys
from ewarong_desktop.domain.errors import EwarongError, PermissionDenied
from ewarong_desktop.services import district_reply, programme, sync_export
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.demo import build_demo
from ewarong_desktop.sync.district_link import (
    LinkProblem,
    open_reply,
    parse_district_key,
    sign_reply,
    unseal,
)

TODAY = datetime(2024, 5, 20, 10, 0)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    made = build_demo(data_dir, kpm=6, months=2, today=TODAY)
    assert made.setup is not None
    (data_dir.parent / "admin").write_text(f"{made.setup.admin_name}\n{made.setup.admin_pin}")
    return data_dir


@pytest.fixture
def ctx(template, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    context = ServiceContext.open(data_dir)
    yield context
    context.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request, tmp_path, monkeypatch) -> str:
    if request.param == "postgres":
        # The office keys of a PostgreSQL district live in the user data folder: not in a test.
        monkeypatch.setenv("EWARONG_DISTRICT_KEYS", str(tmp_path / "office-keys"))
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "district" / "district.sqlite")


class Office:
    """The district office, driven through its command line."""

    def __init__(self, db: str, tmp_path: Path, name: str = "Dinas Sosial Lampung Timur"):
        self.db = db
        self.keys_env = os.environ.get("EWARONG_DISTRICT_KEYS") if "://" in db else None
        self.folder = tmp_path / name.replace(" ", "-")
        self.folder.mkdir(parents=True)
        if "://" not in db:
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        assert self.run("key", "--office", name, "--kabupaten", "Lampung Timur") == 0
        self.key_file = next(self.folder.glob("*.district.json"))
        self.key = parse_district_key(self.key_file.read_bytes())

    def run(self, *args: str) -> int:
        tail = [*args, "--out", str(self.folder)] if args[0] in ("key", "reply") else list(args)
        saved = os.environ.pop("EWARONG_DISTRICT_KEYS", None)
        if self.keys_env:  # only the PostgreSQL office keeps its keys there
            os.environ["EWARONG_DISTRICT_KEYS"] = self.keys_env
        try:
            return main(["--lang", "en", "--db", self.db, *tail])
        finally:
            os.environ.pop("EWARONG_DISTRICT_KEYS", None)
            if saved is not None:
                os.environ["EWARONG_DISTRICT_KEYS"] = saved

    def keys(self):
        saved = os.environ.pop("EWARONG_DISTRICT_KEYS", None)
        try:
            if self.keys_env:
                os.environ["EWARONG_DISTRICT_KEYS"] = self.keys_env
            return load_keys(key_folder(self.db))
        finally:
            os.environ.pop("EWARONG_DISTRICT_KEYS", None)
            if saved is not None:
                os.environ["EWARONG_DISTRICT_KEYS"] = saved

    def enrol(self, ctx: ServiceContext) -> None:
        path = sync_export.write_enrolment(ctx, self.folder)
        info = sync_export.key_info(ctx)
        assert self.run("enrol", str(path), "--fingerprint", info.key_id) == 0

    def reply(self, *extra: str) -> Path:
        before = set(self.folder.glob("*.reply.json"))
        assert self.run("reply", "LTM-SKP-01", *extra) == 0
        (made,) = set(self.folder.glob("*.reply.json")) - before
        return made


@pytest.fixture
def linked(ctx, db, tmp_path):
    office = Office(db, tmp_path)
    office.enrol(ctx)
    district_reply.enrol_district_key(ctx, office.key_file, office.key.fingerprint.lower())
    return office


def usb(tmp_path: Path, name: str = "usb") -> Path:
    path = tmp_path / name
    path.mkdir(exist_ok=True)
    return path


def test_sealed_bundle_round_trip_reply_and_bundles_marked(ctx, linked, tmp_path, capsys):
    result = sync_export.export_bundle(ctx, usb(tmp_path))
    sealed = result.path.read_bytes()
    assert result.path.name.endswith(".ewb.enc")
    # Unreadable without the district key: no ZIP, no NIK, no name of any KPM in its bytes.
    plain = result.kept.read_bytes()
    assert not zipfile.is_zipfile(result.path)
    with zipfile.ZipFile(result.kept) as archive:
        kpm = json.loads(archive.read("data/beneficiaries.jsonl").splitlines()[0])
    for secret in (kpm["nik"], kpm["kks_number"], kpm["name"]):
        assert secret.encode() not in sealed
    # The inner bundle is the plain v1 bundle, byte for byte.
    office = linked.keys()
    assert unseal(sealed, office.sealing, office.public.key_id) == plain
    # export --again copies the same encrypted bytes.
    again = sync_export.export_again(ctx, result.seq, usb(tmp_path, "usb2"))
    assert again.read_bytes() == sealed
    # The district imports a folder holding it like any bundle.
    assert linked.run("import", str(result.path.parent)) == 0
    assert "imported — LTM-SKP-01 epoch 1 seq 1 (full)" in capsys.readouterr().out
    reply = linked.reply()
    received = district_reply.receive_reply(ctx, reply)
    assert (received.number, received.applied, received.received) == (1, True, 1)
    (kept,) = sync_export.list_bundles(ctx)
    assert kept.sealed and kept.received == datetime.now(UTC).strftime("%Y-%m-%d")
    # The same reply again changes nothing.
    assert district_reply.receive_reply(ctx, reply).applied is False


def test_a_forged_or_altered_reply_is_refused(ctx, linked, tmp_path):
    sync_export.export_bundle(ctx, usb(tmp_path))
    assert linked.run("import", str(usb(tmp_path))) == 0
    good = linked.reply().read_bytes()
    outer = json.loads(good)
    payload = json.loads(base64.b64decode(outer["payload"]))
    payload["bundles"][0]["seq"] = 2  # altered after signing
    altered = {**outer, "payload": base64.b64encode(json.dumps(payload).encode()).decode()}
    path = tmp_path / "altered.reply.json"
    path.write_text(json.dumps(altered))
    with pytest.raises(LinkProblem) as info:
        district_reply.receive_reply(ctx, path)
    assert "forged or altered" in info.value.message("en")
    # Signed by another office's key (a forger with a key of his own): refused too.
    other = Office(str(tmp_path / "o" / "district.sqlite"), tmp_path / "other", "Dinas Palsu")
    reply = open_reply(good, linked.key, "LTM-SKP-01")
    forged = tmp_path / "forged.reply.json"
    forged.write_bytes(sign_reply(reply, other.keys().signing))
    with pytest.raises(LinkProblem):
        district_reply.receive_reply(ctx, forged)
    assert sync_export.list_bundles(ctx)[0].received is None  # nothing was marked


def test_an_older_reply_after_a_newer_one_changes_nothing(ctx, linked, tmp_path):
    first = linked.reply()  # nothing imported yet
    sync_export.export_bundle(ctx, usb(tmp_path))
    assert linked.run("import", str(usb(tmp_path))) == 0
    second = linked.reply()
    assert district_reply.receive_reply(ctx, second).received == 1
    older = district_reply.receive_reply(ctx, first)
    assert older.applied is False and older.number == 1
    assert sync_export.list_bundles(ctx)[0].received is not None  # still received


def test_a_new_rate_waits_for_an_admin(ctx, linked, tmp_path):
    assert linked.run("rates", "add", "250000", "--from", "2027-01", "--note", "SK baru") == 0
    reply = linked.reply()
    with pytest.raises(PermissionDenied):
        district_reply.receive_reply(ctx.as_actor(Actor("kasir", "operator")), reply)
    result = district_reply.receive_reply(ctx, reply)
    assert [(r.amount_rupiah, r.valid_from) for r in result.pending_rates] == [(250_000, "2027-01")]
    assert max(str(r.valid_from) for r in programme.list_rates(ctx)) < "2027-01"
    accepted = district_reply.receive_reply(ctx, reply, accept_rates=True)
    assert [r.amount_rupiah for r in accepted.accepted_rates] == [250_000]
    assert [(r.amount, str(r.valid_from)) for r in programme.list_rates(ctx)][-1] == (
        250_000,
        "2027-01",
    )


def test_a_wrong_district_key_is_refused(ctx, linked, tmp_path, capsys):
    # The laptop refuses a key file whose fingerprint was not the one read out by phone.
    with pytest.raises(EwarongError) as info:
        district_reply.enrol_district_key(ctx, linked.key_file, "0000 1111 2222 3333")
    assert "does not match" in info.value.message("en")
    # A bundle sealed to this office cannot be read by another office.
    sync_export.export_bundle(ctx, usb(tmp_path))
    other_db = str(tmp_path / "other" / "district.sqlite")
    other = Office(other_db, tmp_path / "o2", name="Dinas Lain")
    other.enrol(ctx)
    assert other.run("import", str(usb(tmp_path))) == 1
    out = capsys.readouterr().out
    assert "REFUSED — rule 1 (ZIP container): sealed to district key" in out


def test_the_shop_command_line_enrols_receives_and_lists(
    template, ctx, linked, tmp_path, capsys, monkeypatch
):
    from ewarong_desktop.cli import main as shop

    name, pin = (template.parent / "admin").read_text().split("\n")
    monkeypatch.setenv("EWARONG_OPERATOR", name)
    monkeypatch.setenv("EWARONG_PIN", pin)
    data = ["--data-dir", str(ctx.data_dir), "--lang", "en"]
    sync_export.export_bundle(ctx, usb(tmp_path))
    assert linked.run("import", str(usb(tmp_path))) == 0
    reply = linked.reply()
    capsys.readouterr()
    assert shop([*data, "receive", str(reply)]) == 0
    assert "Reply no. 1: 1 bundles received by the Dinas." in capsys.readouterr().out
    assert shop([*data, "bundles"]) == 0
    assert f"received by the Dinas {datetime.now(UTC):%Y-%m-%d}" in capsys.readouterr().out
    assert shop([*data, "district-key", str(linked.key_file), "--fingerprint", "0000"]) == 1
    assert "does not match" in capsys.readouterr().err
