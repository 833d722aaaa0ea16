"""`kpm add|list|find|deactivate`: the beneficiary families."""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.table import layout
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.beneficiaries import BeneficiaryInput, BeneficiaryView


def register(sub: Any) -> None:
    kpm = sub.add_parser("kpm", help="keluarga penerima manfaat / beneficiary families")
    kpm_sub = kpm.add_subparsers(
        dest="kpm_command", required=True, metavar="add|list|find|show|activate|deactivate"
    )
    add = kpm_sub.add_parser(
        "add",
        help="daftarkan KPM / register a KPM",
        description=(
            "Contoh: ewarong-desktop kpm add --nik 1807125205800001 --kks 6013010012345678 "
            "--name 'Siti Rahayu' --desa Sidodadi"
        ),
    )
    add.add_argument("--nik", required=True, help="NIK, 16 angka")
    add.add_argument("--kks", required=True, help="nomor kartu KKS, 6-19 angka")
    add.add_argument("--name", required=True, help="nama kepala keluarga")
    add.add_argument("--desa", default="", help="desa")
    add.add_argument("--address", default="", help="alamat")
    add.add_argument(
        "--from",
        dest="eligible_from",
        metavar="YYYY-MM",
        help="hak mulai bulan ini (bawaan: bulan kerja)",
    )
    add.add_argument(
        "--yes",
        action="store_true",
        help="ya, hak mulai lebih dari 12 bulan lalu (admin) / yes, a start over a year back",
    )
    add.add_argument(
        "--unlisted",
        metavar="REASON",
        help="KPM luar daftar, dilayani di sini (admin), dengan alasannya / a KPM not on the "
        "list, served here (admin), with the reason",
    )
    add.set_defaults(run=run_add)
    edit = kpm_sub.add_parser("edit")
    edit.add_argument("kks_or_nik")
    edit.add_argument("--nik", help="NIK baru / new NIK")
    edit.add_argument("--kks", help="nomor KKS baru / new KKS number")
    edit.add_argument("--name", help="nama baru / new name")
    edit.add_argument("--desa", help="desa / village")
    edit.add_argument("--address", help="alamat / address")
    edit.add_argument(
        "--from", dest="eligible_from", metavar="YYYY-MM", help="hak mulai / aid from"
    )
    edit.add_argument(
        "--yes", action="store_true", help="ya, mulai lebih awal memang benar (admin) / yes"
    )
    edit.set_defaults(run=run_edit)
    listing = kpm_sub.add_parser("list")
    listing.add_argument("--active-only", action="store_true")
    listing.set_defaults(run=run_list)
    find = kpm_sub.add_parser("find")
    find.add_argument("query")
    find.set_defaults(run=run_find)
    show = kpm_sub.add_parser(
        "show",
        help="satu KPM: data, bulan terbuka, sisa bantuan / one KPM, open months, aid left",
        description="Contoh: ewarong-desktop kpm show 6013010012345678",
    )
    show.add_argument("kks_or_nik")
    show.set_defaults(run=run_show)
    deactivate = kpm_sub.add_parser("deactivate")
    deactivate.add_argument("kks_or_nik")
    deactivate.set_defaults(run=run_deactivate)
    activate = kpm_sub.add_parser(
        "activate",
        help="aktifkan lagi KPM / take a KPM back",
        description="Contoh: ewarong-desktop kpm activate 1807125205800001",
    )
    activate.add_argument("kks_or_nik")
    activate.set_defaults(run=run_activate)


def _cells(b: BeneficiaryView) -> list[str]:
    return [b.kks_number, b.nik, b.name, b.desa, "" if b.active else "[nonaktif]"]


def _line(b: BeneficiaryView) -> str:
    return layout([_cells(b)])[0]


def _print(env: CliEnv, found: list[BeneficiaryView]) -> None:
    for line in layout([_cells(b) for b in found]):
        env.out(line)


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    data = BeneficiaryInput(
        args.nik,
        args.kks,
        args.name,
        args.desa,
        args.address,
        Period.parse(args.eligible_from) if args.eligible_from else None,
    )
    if args.unlisted is not None:
        added = beneficiaries.register_unlisted(env.context(), data, args.unlisted)
    else:
        added = beneficiaries.register(env.context(), data, confirmed=args.yes)
    env.out(_line(added))
    return 0


def run_edit(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    now = beneficiaries.find_one(ctx, args.kks_or_nik)
    data = BeneficiaryInput(
        args.nik or now.nik,
        args.kks or now.kks_number,
        args.name or now.name,
        now.desa if args.desa is None else args.desa,
        now.address if args.address is None else args.address,
        Period.parse(args.eligible_from) if args.eligible_from else None,
    )
    env.out(_line(beneficiaries.edit(ctx, now.id, data, confirmed=args.yes)))
    return 0


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    _print(env, beneficiaries.list_all(env.context(), include_inactive=not args.active_only))
    return 0


def run_find(args: argparse.Namespace, env: CliEnv) -> int:
    found = beneficiaries.find(env.context(), args.query)
    _print(env, found)
    if not found:
        env.error("Tidak ditemukan.", "Nothing found.")
        return 1
    return 0


def run_deactivate(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    kpm = beneficiaries.find_one(ctx, args.kks_or_nik)
    env.out(_line(beneficiaries.set_active(ctx, kpm.id, False)))
    return 0


def run_activate(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    kpm = beneficiaries.find_one(ctx, args.kks_or_nik)
    env.out(_line(beneficiaries.set_active(ctx, kpm.id, True)))
    return 0


def run_show(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.domain.money import format_rupiah
    from ewarong_desktop.domain.periods import format_month
    from ewarong_desktop.services.redemption import balance

    ctx = env.context()
    kpm = beneficiaries.find_one(ctx, args.kks_or_nik)
    rows = [
        (env.t("Nama", "Name"), kpm.name),
        ("NIK", kpm.nik),
        ("KKS", kpm.kks_number),
        (env.t("Desa", "Village"), kpm.desa),
        (env.t("Alamat", "Address"), kpm.address),
        (env.t("Hak mulai", "Entitled from"), format_month(kpm.eligible_from, env.lang)),
        (env.t("Status", "Status"), env.t("aktif", "active") if kpm.active else "nonaktif"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        env.out(f"{label:<{width}}  {value}")
    if kpm.active:
        aid = balance(ctx, kpm.id)  # one balance, as at the counter
        env.out(env.t("Sisa bantuan: ", "Aid left: ") + format_rupiah(aid.remaining))
        env.out(env.t("Bulan terbuka:", "Open months:"))
        for status in aid.months:
            env.out(
                f"  {format_month(status.period, env.lang):<16} "
                + env.t("sisa ", "left ")
                + format_rupiah(status.remaining)
            )
    return 0
