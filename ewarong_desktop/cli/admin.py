"""`profile`, `operator`, `recovery-code`, `printing`: the rest of the window's Pengaturan page.

Each calls the service the window calls, so the rules are the same: an admin changes the
profile, the receipt paper and the operators; the recovery code needs the admin's PIN typed
again (it opens every encrypted backup).
"""

from __future__ import annotations

import argparse
from typing import Any

from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.table import layout
from ewarong_desktop.domain.errors import NotFound
from ewarong_desktop.domain.states import Role
from ewarong_desktop.services.profile import RECEIPT_WIDTHS, STATEMENTS_PER_SHEET


def register(sub: Any) -> None:
    profile = sub.add_parser("profile")
    profile.add_argument("--name", help="nama e-warong / the e-warong's name")
    profile.add_argument("--desa", help="desa / village")
    profile.add_argument("--kecamatan", help="kecamatan / sub-district")
    profile.add_argument("--kabupaten", help="kabupaten / district")
    profile.add_argument("--area-code", help="kode wilayah Kemendagri / Kemendagri area code")
    profile.add_argument(
        "--receipt-width", choices=RECEIPT_WIDTHS, help="kertas struk / receipt paper"
    )
    profile.add_argument(
        "--statements-per-sheet",
        type=int,
        choices=STATEMENTS_PER_SHEET,
        help="kuitansi per lembar A4 / statements per A4 sheet",
    )
    profile.set_defaults(run=run_profile)

    operator = sub.add_parser("operator")
    operator_sub = operator.add_subparsers(
        dest="operator_command", required=True, metavar="list|add|pin|activate|deactivate"
    )
    operator_sub.add_parser("list").set_defaults(run=run_operator_list)
    add = operator_sub.add_parser("add")
    add.add_argument("name", help="nama login / login name")
    add.add_argument("--role", choices=("operator", "admin"), default="operator")
    add.set_defaults(run=run_operator_add)
    pin = operator_sub.add_parser("pin")
    pin.add_argument("name", help="nama login / login name")
    pin.set_defaults(run=run_operator_pin)
    for name, active in (("activate", True), ("deactivate", False)):
        toggle = operator_sub.add_parser(name)
        toggle.add_argument("name", help="nama login / login name")
        toggle.set_defaults(run=run_operator_active, active=active)

    sub.add_parser("recovery-code").set_defaults(run=run_recovery_code)

    printing = sub.add_parser("printing")
    printing.add_argument("--receipt-printer", help="printer struk / receipt printer")
    printing.add_argument("--office-printer", help="printer A4 / office printer")
    printing.add_argument(
        "--auto-print", choices=("yes", "no"), help="cetak struk otomatis / print each receipt"
    )
    printing.add_argument(
        "--escpos-device", help="usb:VID:PID atau berkas perangkat / or a device file"
    )
    printing.set_defaults(run=run_printing)


def run_profile(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import profile

    ctx = env.context()
    now = profile.get_profile(ctx)
    fields = ("name", "desa", "kecamatan", "kabupaten", "area_code")
    if any(getattr(args, f) is not None for f in fields):
        data = profile.ProfileInput(
            now.code,
            *(
                getattr(args, f) if getattr(args, f) is not None else getattr(now, f)
                for f in fields
            ),
        )
        now = profile.update_profile(ctx, data)
    if args.receipt_width:
        now = profile.set_receipt_width(ctx, args.receipt_width)
    if args.statements_per_sheet:
        profile.set_statements_per_sheet(ctx, args.statements_per_sheet)
    rows = [
        [env.t("Kode", "Code"), now.code],
        [env.t("Nama", "Name"), now.name],
        [env.t("Desa", "Village"), now.desa],
        [env.t("Kecamatan", "Sub-district"), now.kecamatan],
        [env.t("Kabupaten", "District"), now.kabupaten],
        [env.t("Kode wilayah", "Area code"), now.area_code or "-"],
        [env.t("Kertas struk", "Receipt paper"), now.receipt_width],
        [
            env.t("Kuitansi per lembar", "Statements per sheet"),
            str(profile.statements_per_sheet(ctx)),
        ],
    ]
    for line in layout(rows):
        env.out(line)
    return 0


def _operator(env: CliEnv, name: str) -> Any:
    from ewarong_desktop.services import operators

    for op in operators.list_operators(env.context()):
        if op.name == name.strip():
            return op
    raise NotFound(f"Operator '{name}' tidak ada.", f"No operator '{name}'.")


def _operator_cells(env: CliEnv, op: Any) -> list[str]:
    state = "" if op.active else env.t("[nonaktif]", "[inactive]")
    return [op.name, Role(op.role).label(env.lang), state]


def _operator_line(env: CliEnv, op: Any) -> str:
    return layout([_operator_cells(env, op)])[0]


def run_operator_list(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import operators

    found = operators.list_operators(env.context())
    rows = [
        [
            o.name,
            Role(o.role).label(env.lang),
            "" if o.active else env.t("[nonaktif]", "[inactive]"),
        ]
        for o in found
    ]
    for line in layout(rows):
        env.out(line)
    return 0


def run_operator_add(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.cli import roles
    from ewarong_desktop.services import operators

    added = operators.add_operator(env.context(), args.name, args.role, roles.new_pin(args))
    env.out(_operator_line(env, added))
    return 0


def run_operator_pin(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.cli import roles
    from ewarong_desktop.services import operators

    op = _operator(env, args.name)
    operators.set_pin(env.context(), op.id, roles.new_pin(args))
    env.out(env.t(f"PIN {op.name} sudah diganti.", f"{op.name}'s PIN is changed."))
    return 0


def run_operator_active(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.services import operators

    op = _operator(env, args.name)
    env.out(_operator_line(env, operators.set_operator_active(env.context(), op.id, args.active)))
    return 0


def run_recovery_code(args: argparse.Namespace, env: CliEnv) -> int:
    from ewarong_desktop.cli import roles
    from ewarong_desktop.services import recovery

    # The PIN the admin logged in with is asked for again, as the window does.
    code = recovery.show_code(env.context(), roles.admin_pin_again(args))
    env.out(code)
    return 0


def run_printing(args: argparse.Namespace, env: CliEnv) -> int:
    from dataclasses import replace

    from ewarong_desktop.services import printing

    ctx = env.context()
    now = printing.print_settings(ctx)
    changes: dict[str, Any] = {}
    for field in ("receipt_printer", "office_printer", "escpos_device"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    if args.auto_print is not None:
        changes["auto_print"] = args.auto_print == "yes"
    if changes:
        now = printing.save_print_settings(ctx, replace(now, **changes))
    none = env.t("(simpan PDF)", "(save a PDF)")
    rows = [
        [env.t("Printer struk", "Receipt printer"), now.receipt_printer or none],
        [env.t("Printer A4", "Office printer"), now.office_printer or none],
        [
            env.t("Cetak otomatis", "Print automatically"),
            env.t("ya", "yes") if now.auto_print else env.t("tidak", "no"),
        ],
        ["ESC/POS", now.escpos_device or "-"],
    ]
    for line in layout(rows):
        env.out(line)
    return 0
