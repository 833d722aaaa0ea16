"""Issue 21: the district's KPM list in a reply, imported with the KPM import's own service."""

from __future__ import annotations

from ewarong_desktop.services import beneficiaries, district_reply, sync_export
from ewarong_desktop.services.kpm_import import apply_import, preview_import
from ewarong_desktop.sync.district_link import open_reply, sign_reply
from tests.district import test_stick_both_ways as both

# The headless tests' demo shop and district office (fixtures), on SQLite and PostgreSQL.
template, ctx, db, linked, usb = both.template, both.ctx, both.db, both.linked, both.usb


def test_the_districts_kpm_list_is_a_kpm_import(
    template,
    ctx,
    linked,
    tmp_path,
    capsys,
    monkeypatch,
):
    from ewarong_desktop.cli import main as shop

    sync_export.export_bundle(ctx, usb(tmp_path))
    assert linked.run("import", str(usb(tmp_path))) == 0
    real = open_reply(linked.reply("--with-kpm-list").read_bytes(), linked.key, "LTM-SKP-01")
    kpms = [dict(k) for k in real.kpm_list or ()]
    kpms[0]["name"] = "Nama Dari Dinas"
    kpms.append({**kpms[1], "nik": "not a nik"})  # a bad row is refused as in any list
    reply = tmp_path / "dinas-LTM-SKP-01-000002.reply.json"
    signed = {**real.__dict__, "number": 2, "kpm_list": tuple(kpms)}
    reply.write_bytes(sign_reply(type(real)(**signed), linked.keys().signing))
    name, pin = (template.parent / "admin").read_text().split("\n")
    monkeypatch.setenv("EWARONG_OPERATOR", name)
    monkeypatch.setenv("EWARONG_PIN", pin)
    capsys.readouterr()
    assert shop(["--data-dir", str(ctx.data_dir), "--lang", "en", "receive", str(reply)]) == 0
    listed = district_reply.district_status(ctx).kpm_list
    assert listed is not None
    assert f"Review and import it with: import-kpm {listed}" in capsys.readouterr().out
    preview = preview_import(ctx, listed)
    assert preview.counts == {"imported": 0, "updated": 1, "unchanged": 5, "rejected": 1}
    apply_import(ctx, preview)
    assert beneficiaries.find_one(ctx, kpms[0]["kks_number"]).name == "Nama Dari Dinas"
