"""Every subcommand in one list: its purpose in both languages and an example.

`build_parser` reads it for the help (`ewarong-desktop --help` lists each purpose in the user's
language; each subcommand's own `--help` ends with its example) and README's table of
subcommands is made from it with the role each needs (`roles.NEEDS`). A test walks the parser:
a subcommand missing here, or here and gone from the parser, or a README that no longer says
the same, fails it. `python tools/subcommand_table.py` rewrites README's table.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from ewarong_desktop.cli.usage import Bilingual


@dataclass(frozen=True)
class Entry:
    id_text: str  # one line, what it is for
    en_text: str
    example: str  # a whole command line, beginning `ewarong-desktop <subcommand>`


_E = Entry

CATALOGUE: dict[str, Entry] = {
    "init": _E(
        "penyiapan awal e-warong",
        "first-run setup",
        "ewarong-desktop init --code LTM-SKP-01 --name 'E-Warong Sejahtera' --desa Sidodadi "
        "--kecamatan Sekampung --kabupaten 'Lampung Timur'",
    ),
    "demo": _E(
        "isi toko contoh",
        "fill a demo store",
        "ewarong-desktop --data-dir /tmp/contoh demo --kpm 200 --months 6",
    ),
    "kpm": _E("keluarga penerima manfaat", "beneficiary families", "ewarong-desktop kpm list"),
    "kpm add": _E(
        "daftarkan KPM",
        "register a KPM",
        "ewarong-desktop kpm add --nik 1807125205800001 --kks 6013010012345678 "
        "--name 'Siti Rahayu' --desa Sidodadi",
    ),
    "kpm list": _E("daftar semua KPM", "list every KPM", "ewarong-desktop kpm list --active-only"),
    "kpm find": _E(
        "cari KPM (nama, NIK, KKS, 4 angka terakhir)",
        "find a KPM (name, NIK, KKS, last 4 digits)",
        "ewarong-desktop kpm find 5678",
    ),
    "kpm show": _E(
        "satu KPM: data, bulan terbuka, sisa bantuan",
        "one KPM: open months, aid left",
        "ewarong-desktop kpm show 6013010012345678",
    ),
    "kpm activate": _E(
        "aktifkan lagi KPM", "take a KPM back", "ewarong-desktop kpm activate 1807125205800001"
    ),
    "kpm edit": _E(
        "ubah data KPM",
        "change a KPM's details",
        "ewarong-desktop kpm edit 6013010012345678 --name 'Siti Rahayu Ningsih'",
    ),
    "kpm deactivate": _E(
        "nonaktifkan KPM",
        "deactivate a KPM",
        "ewarong-desktop kpm deactivate 1807125205800001",
    ),
    "import-kpm": _E(
        "impor daftar KPM dari Dinas Sosial (CSV/Excel)",
        "import the district's KPM list (CSV/Excel)",
        "ewarong-desktop import-kpm daftar-kpm.xlsx --dry-run",
    ),
    "product": _E("barang", "products", "ewarong-desktop product list"),
    "product add": _E(
        "tambah barang (admin)",
        "add a product (admin)",
        "ewarong-desktop product add --code GLA --name 'Gula pasir' --category lainnya "
        "--unit kg --price 15000",
    ),
    "product list": _E(
        "daftar barang dan stoknya", "list products and stock", "ewarong-desktop product list"
    ),
    "product edit": _E(
        "ubah barang (admin)",
        "change a product (admin)",
        "ewarong-desktop product edit BRS --price 12500",
    ),
    "product activate": _E(
        "jual lagi barang (admin)",
        "sell a product again (admin)",
        "ewarong-desktop product activate BRS",
    ),
    "product deactivate": _E(
        "berhenti menjual barang (admin)",
        "stop selling a product (admin)",
        "ewarong-desktop product deactivate BRS",
    ),
    "purchase": _E("pembelian barang", "purchases", "ewarong-desktop purchase list"),
    "purchase add": _E(
        "catat pembelian",
        "record a purchase",
        "ewarong-desktop purchase add --source-kind anggota_kube --source-name 'KT Makmur' "
        "--item Beras:100@10000",
    ),
    "purchase list": _E(
        "daftar pembelian", "list purchases", "ewarong-desktop purchase list --month 2020-05"
    ),
    "purchase void": _E(
        "batalkan pembelian (admin)",
        "void a purchase (admin)",
        "ewarong-desktop purchase void 7b1e0c55 --reason 'Salah catat pemasok'",
    ),
    "stock": _E(
        "stok barang; penyesuaian (rusak, hilang, opname)",
        "stock levels; adjustments",
        "ewarong-desktop stock --adjust Telur:-0,5 --reason rusak",
    ),
    "redeem": _E(
        "layani KPM (transaksi)",
        "serve a KPM (a redemption)",
        "ewarong-desktop redeem --kks 6013010012345678 --item Beras:10 --item Telur:1",
    ),
    "redemptions": _E(
        "daftar transaksi",
        "list redemptions",
        "ewarong-desktop redemptions --month 2020-05 --kpm 6013010012345678",
    ),
    "daily": _E(
        "rekap hari ini (per operator)",
        "the day's summary (per operator)",
        "ewarong-desktop daily --date 2020-05-06 --out rekap.pdf",
    ),
    "void": _E(
        "batalkan transaksi (admin)",
        "void a redemption (admin)",
        "ewarong-desktop void 3f2a9133 --reason 'Salah input jumlah'",
    ),
    "month": _E("angka bulanan", "monthly figures", "ewarong-desktop month 2020-05"),
    "working-month": _E(
        "bulan kerja: lihat, atau konfirmasi (admin)",
        "the working month: show, or confirm (admin)",
        "ewarong-desktop working-month 2020-05",
    ),
    "check": _E("periksa keutuhan data", "check the store's integrity", "ewarong-desktop check"),
    "receipt": _E(
        "cetak struk transaksi (PDF)",
        "print a receipt (PDF)",
        "ewarong-desktop receipt 3f2a9133 --out struk.pdf",
    ),
    "statements": _E(
        "kuitansi bulanan semua KPM (PDF)",
        "monthly statements (PDF)",
        "ewarong-desktop statements 2020-05 --out kuitansi.pdf",
    ),
    "roster": _E(
        "daftar tanda terima bantuan (PDF)",
        "the month's signature roster (PDF)",
        "ewarong-desktop roster 2020-05 --out daftar.pdf --ketua 'Siti Aminah'",
    ),
    "report": _E(
        "laporan bulanan (PDF atau XLSX)",
        "monthly report (PDF or XLSX)",
        "ewarong-desktop report 2020-05 --out laporan.pdf",
    ),
    "export": _E(
        "tulis bundel sinkron untuk Dinas",
        "write the next sync bundle",
        "ewarong-desktop export --out /media/usb",
    ),
    "bundles": _E("daftar bundel terkirim", "list exported bundles", "ewarong-desktop bundles"),
    "enrolment": _E(
        "tulis berkas enrolmen (kunci)",
        "write the enrolment file (the key)",
        "ewarong-desktop enrolment --out /media/usb",
    ),
    "rekey": _E(
        "kunci baru, epoch baru (admin)",
        "a new key for a new epoch (admin)",
        "ewarong-desktop rekey --reason 'laptop dicuri' --out /media/usb",
    ),
    "district-key": _E(
        "daftarkan kunci Dinas (admin)",
        "enrol the district's key (admin)",
        "ewarong-desktop district-key dinas-lampung-timur.district.json "
        "--fingerprint 'ABCD 1234 ...'",
    ),
    "receive": _E(
        "terima balasan Dinas (admin)",
        "apply the district's reply (admin)",
        "ewarong-desktop receive dinas-LTM-SKP-01-000003.reply.json",
    ),
    "backup": _E("cadangkan data", "back up the store", "ewarong-desktop backup --to /media/usb"),
    "backups": _E("daftar cadangan", "list the backups", "ewarong-desktop backups"),
    "restore": _E(
        "pulihkan dari cadangan (admin)",
        "restore a backup (admin)",
        "ewarong-desktop restore backups/ewarong-LTM-SKP-01-b000012-20200531-180000.backup.zst",
    ),
    "clock": _E(
        "periksa jam laptop; konfirmasi",
        "check the laptop clock; confirm it",
        "ewarong-desktop clock --confirm",
    ),
    "change-pin": _E(
        "ganti PIN sendiri",
        "change your own PIN",
        "EWARONG_NEW_PIN=135790 ewarong-desktop --operator siti change-pin",
    ),
    "fund": _E(
        "dana KUBE: catatan dan saldo", "the KUBE fund and its balance", "ewarong-desktop fund"
    ),
    "fund tranche": _E(
        "dana tahap N diterima (admin)",
        "a stage received (admin)",
        "ewarong-desktop fund tranche --stage 1 --amount 10000000 --date 2020-05-02",
    ),
    "fund use": _E(
        "penggunaan dana (admin)",
        "money spent from the fund (admin)",
        "ewarong-desktop fund use --amount 2500000 --date 2020-05-03 "
        "--purpose barang_sumber_sendiri",
    ),
    "fund void": _E(
        "batalkan catatan dana (admin)",
        "void a fund entry (admin)",
        "ewarong-desktop fund void 9c41d2e0 --reason 'Salah tanggal'",
    ),
    "fund report": _E(
        "laporan penggunaan dana KUBE (PDF atau XLSX)",
        "the KUBE fund report (PDF or XLSX)",
        "ewarong-desktop fund report --out dana-kube.pdf",
    ),
    "supplier": _E("pemasok dan NPWP/NIB", "suppliers' tax numbers", "ewarong-desktop supplier"),
    "supplier tax-id": _E(
        "NPWP/NIB pemasok, sekali untuk seterusnya",
        "a supplier's tax number, once for all",
        "ewarong-desktop supplier tax-id 'KT Makmur' 012345678901234",
    ),
    "target": _E(
        "porsi sumber sendiri vs target kabupaten",
        "own-source share against the target",
        "ewarong-desktop target 60 --from 2020-01",
    ),
    "rates": _E(
        "besaran bantuan per KPM per bulan",
        "the entitlement rates",
        "ewarong-desktop rates",
    ),
    "rates add": _E(
        "tambah besaran baru (admin)",
        "add a new rate (admin)",
        "ewarong-desktop rates add --amount 225000 --from 2020-08",
    ),
    "profile": _E(
        "profil e-warong dan kertas cetak; ubah (admin)",
        "the e-warong's profile and paper; change (admin)",
        "ewarong-desktop profile --receipt-width 58",
    ),
    "operator": _E(
        "operator dan PIN-nya", "operators and their PINs", "ewarong-desktop operator list"
    ),
    "operator list": _E("daftar operator", "list operators", "ewarong-desktop operator list"),
    "operator add": _E(
        "tambah operator (admin; PIN dari EWARONG_NEW_PIN)",
        "add an operator (admin; PIN from EWARONG_NEW_PIN)",
        "EWARONG_NEW_PIN=2468 ewarong-desktop operator add wati",
    ),
    "operator pin": _E(
        "ganti PIN operator (admin)",
        "set an operator's PIN (admin)",
        "EWARONG_NEW_PIN=1357 ewarong-desktop operator pin wati",
    ),
    "operator activate": _E(
        "aktifkan lagi operator (admin)",
        "take an operator back (admin)",
        "ewarong-desktop operator activate wati",
    ),
    "operator deactivate": _E(
        "nonaktifkan operator (admin)",
        "deactivate an operator (admin)",
        "ewarong-desktop operator deactivate wati",
    ),
    "recovery-code": _E(
        "tampilkan kode pemulihan cadangan (admin)",
        "show the backup recovery code (admin)",
        "ewarong-desktop --operator admin recovery-code",
    ),
    "printing": _E(
        "printer laptop ini; ubah (admin)",
        "this laptop's printers; change (admin)",
        "ewarong-desktop printing --receipt-printer POS-58 --auto-print yes",
    ),
}


def subparsers_of(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def describe(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> None:
    """Give every subcommand its purpose (in the parent's list) and its example."""
    sub = subparsers_of(parser)
    if sub is None:
        return
    # The parent's list names every subcommand with its purpose (argparse lists only those
    # given a help=, in the order they were given one).
    listed: list[argparse.Action] = []
    for name in sub.choices:
        entry = CATALOGUE.get(" ".join((*path, name)))
        if entry is not None and all(c.dest != name for c in listed):
            help_text = Bilingual(entry.id_text, entry.en_text)
            listed.append(sub._ChoicesPseudoAction(name, (), help_text))
    if listed:
        sub._choices_actions = listed
    seen: set[int] = set()
    for name, child in sub.choices.items():
        if id(child) in seen:
            continue
        seen.add(id(child))
        entry = CATALOGUE.get(" ".join((*path, name)))
        if entry is not None:
            told = (child.description or "").split("Contoh:")[0].strip()
            id_text = f"{told or entry.id_text[0].upper() + entry.id_text[1:] + '.'}"
            en_text = entry.en_text[0].upper() + entry.en_text[1:] + "."
            child.description = Bilingual(
                f"{id_text}\n\nContoh: {entry.example}", f"{en_text}\n\nExample: {entry.example}"
            )
        describe(child, (*path, name))


def readme_table() -> str:
    """README's table of subcommands, made from this list and `roles.NEEDS`."""
    from ewarong_desktop.cli.roles import role_text

    lines = ["| subcommand | what it is for | who | example |", "| --- | --- | --- | --- |"]
    for path, entry in CATALOGUE.items():
        example = entry.example.replace("|", "\\|")
        lines.append(f"| `{path}` | {entry.en_text} | {role_text(path)} | `{example}` |")
    return "\n".join(lines) + "\n"
