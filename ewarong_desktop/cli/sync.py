"""`export`, `bundles`, `enrolment`, `rekey`, `district-key`, `receive`: the stick to the
district office and back."""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.table import layout
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.quantity import format_quantity
from ewarong_desktop.domain.states import BundleKind
from ewarong_desktop.services import sync_export

FULL_REASONS = {
    "asked": ("diminta", "asked for"),
    "first_of_epoch": ("bundel pertama kunci ini", "first bundle of this key"),
    "restored": ("data dipulihkan dari cadangan", "the store was restored from a backup"),
}


def register(sub: Any) -> None:
    export = sub.add_parser(
        "export",
        help="tulis bundel sinkron / write the next sync bundle",
        description=(
            "Bundel berisi perubahan sejak bundel terakhir; bila tidak ada yang berubah, "
            "tidak ada yang ditulis. Contoh: ewarong-desktop export --out /media/usb"
        ),
    )
    export.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder flashdisk")
    export.add_argument("--full", action="store_true", help="kirim semua data / send everything")
    export.add_argument(
        "--again", type=int, metavar="SEQ", help="salin ulang bundel lama / copy a kept one again"
    )
    export.set_defaults(run=run_export)

    bundles = sub.add_parser("bundles", help="daftar bundel terkirim / list exported bundles")
    bundles.set_defaults(run=run_bundles)

    enrolment = sub.add_parser("enrolment", help="tulis berkas enrolmen / write the enrolment file")
    enrolment.add_argument("--out", required=True, type=Path, metavar="DIR")
    enrolment.set_defaults(run=run_enrolment)

    rekey = sub.add_parser("rekey", help="kunci baru, epoch baru / new key for a new epoch")
    rekey.add_argument("--reason", required=True, help="alasan (instal ulang, laptop dicuri...)")
    rekey.add_argument("--out", type=Path, metavar="DIR", help="folder untuk berkas enrolmen")
    rekey.add_argument(
        "--epoch",
        type=int,
        help="hanya bila folder kunci hilang: epoch di dinas + 1 / only if the key folder is lost",
    )
    rekey.set_defaults(run=run_rekey)

    dkey = sub.add_parser("district-key", help="daftarkan kunci Dinas / enrol the district key")
    dkey.add_argument("file", type=Path, help="dinas-....district.json")
    dkey.add_argument("--fingerprint", required=True, help="sidik jari dari Dinas (telepon)")
    dkey.set_defaults(run=run_district_key)

    receive = sub.add_parser("receive", help="terima balasan Dinas / apply the district's reply")
    receive.add_argument("file", type=Path, help="dinas-KODE-NNNNNN.reply.json")
    receive.add_argument(
        "--accept-rates", action="store_true", help="terima besaran baru / accept new rates"
    )
    receive.set_defaults(run=run_receive)


def run_export(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    if args.again is not None:
        if args.full:
            env.error("--again tidak bisa bersama --full.", "--again cannot go with --full.")
            return 2
        path = sync_export.export_again(ctx, args.again, args.out)
        env.out(str(path))
        return 0
    result = sync_export.export_bundle(ctx, args.out, full=args.full)
    if isinstance(result, sync_export.NothingToExport):
        env.out(
            env.t(
                f"Tidak ada yang berubah sejak bundel seq {result.last_seq}: tidak ada berkas "
                "yang ditulis. (Untuk mengirim semua data: export --full.)",
                f"Nothing changed since bundle seq {result.last_seq}: no file written. "
                "(To send everything: export --full.)",
            )
        )
        return 0
    env.out(str(result.path))
    kind = BundleKind(result.kind).label(env.lang)
    why = ""
    if result.reason_full:
        label = FULL_REASONS[result.reason_full]
        why = f" ({env.t(label[0], label[1])})"
    env.out(
        env.t(
            f"Bundel seq {result.seq} (epoch {result.epoch}), {kind}{why}, {result.records} "
            "catatan. Bawa ke dinas sosial.",
            f"Bundle seq {result.seq} (epoch {result.epoch}), {kind}{why}, {result.records} "
            "records. Take it to the district office.",
        )
    )
    return 0


def run_bundles(args: argparse.Namespace, env: CliEnv) -> int:
    kept = sync_export.list_bundles(env.context())
    if not kept:
        env.out(env.t("Belum ada bundel yang dikirim.", "No bundle exported yet."))
        return 0
    head = (
        ["epoch", "seq", "jenis", "dibuat (UTC)", "catatan", "transaksi", "nilai", "Dinas Sosial"]
        if env.lang == "id"
        else [
            "epoch",
            "seq",
            "kind",
            "created (UTC)",
            "records",
            "redemptions",
            "value",
            "District",
        ]
    )
    rows = []
    for b in kept:
        received = ""
        if b.received:
            received = env.t(f"diterima Dinas {b.received}", f"received by the Dinas {b.received}")
        elif b.dinas_missing:
            received = env.t(
                "belum diterima Dinas: export --again SEQ",
                "not received by the Dinas: export --again SEQ",
            )
        rows.append(
            [
                str(b.epoch),
                str(b.seq),
                BundleKind(b.kind).label(env.lang),
                b.created_at,
                format_quantity(Decimal(b.records), lang=env.lang),
                format_quantity(Decimal(b.redemptions), lang=env.lang),
                format_rupiah(b.redemptions_rupiah),
                received,
            ]
        )
    for line in layout(rows, right=(0, 1, 4, 5, 6), head=head):
        env.out(line)
    env.out(env.t(f"Tersimpan di {kept[0].path.parent}", f"Kept in {kept[0].path.parent}"))
    return 0


def run_enrolment(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    path = sync_export.write_enrolment(ctx, args.out)
    info = sync_export.key_info(ctx)
    env.out(str(path))
    env.out(env.t("Sidik jari kunci: ", "Key fingerprint: ") + info.fingerprint)
    return 0


def run_rekey(args: argparse.Namespace, env: CliEnv) -> int:
    result = sync_export.rekey(env.context(), args.reason, args.out, args.epoch)
    env.out(str(result.enrolment))
    env.out(
        env.t(
            f"Kunci baru untuk epoch {result.epoch}. Sidik jari: {result.fingerprint}. "
            "Bawa berkas enrolmen ke dinas sosial dan konfirmasikan sidik jarinya.",
            f"New key for epoch {result.epoch}. Fingerprint: {result.fingerprint}. Take the "
            "enrolment file to the district office and confirm the fingerprint.",
        )
    )
    return 0


def run_district_key(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import district_reply

    key = district_reply.enrol_district_key(env.context(), args.file, args.fingerprint)
    env.out(
        env.t(
            f"Kunci Dinas terdaftar: {key.office} ({key.kabupaten}), sidik jari "
            f"{key.fingerprint}. Bundel berikutnya dienkripsi untuk Dinas.",
            f"District key enrolled: {key.office} ({key.kabupaten}), fingerprint "
            f"{key.fingerprint}. Bundles are encrypted to the district from now on.",
        )
    )
    return 0


def run_receive(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import district_reply

    result = district_reply.receive_reply(env.context(), args.file, accept_rates=args.accept_rates)
    if not result.applied:
        env.out(
            env.t(
                f"Balasan no. {result.number} sudah diterapkan atau lebih lama: tidak ada yang "
                "berubah.",
                f"Reply no. {result.number} was already applied or is older: nothing changed.",
            )
        )
    else:
        env.out(
            env.t(
                f"Balasan no. {result.number}: {result.received} bundel diterima Dinas.",
                f"Reply no. {result.number}: {result.received} bundles received by the Dinas.",
            )
        )
    for rate in result.accepted_rates:
        env.out(
            env.t(
                f"Besaran baru diterima: {format_rupiah(rate.amount_rupiah)} mulai "
                f"{rate.valid_from}.",
                f"New rate accepted: {format_rupiah(rate.amount_rupiah)} from {rate.valid_from}.",
            )
        )
    for rate in result.pending_rates:
        env.out(
            env.t(
                f"Besaran baru menunggu admin: {format_rupiah(rate.amount_rupiah)} mulai "
                f"{rate.valid_from} (terima dengan: receive BERKAS --accept-rates).",
                f"New rate waiting for an admin: {format_rupiah(rate.amount_rupiah)} from "
                f"{rate.valid_from} (accept with: receive FILE --accept-rates).",
            )
        )
    if result.missing:
        env.out(env.t(f"Dinas belum menerima: {result.missing}", f"Not received: {result.missing}"))
    if result.kpm_list is not None:
        listed = district_reply.district_status(env.context()).kpm_list
        env.out(
            env.t(
                f"Daftar KPM dari Dinas: {result.kpm_list} KPM. Tinjau dan impor dengan: "
                f"import-kpm {listed}",
                f"The district's KPM list: {result.kpm_list} KPMs. Review and import it with: "
                f"import-kpm {listed}",
            )
        )
    return 0
