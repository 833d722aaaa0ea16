"""Words printed on the documents (`Words`: Indonesian first, English second), number formats."""

from __future__ import annotations

from datetime import datetime

from ewarong_desktop.domain.fund import STAGE
from ewarong_desktop.domain.periods import format_date
from ewarong_desktop.domain.words import Words

LABELS: dict[str, Words] = {
    # receipt
    "receipt_title": Words("BUKTI TRANSAKSI BANTUAN PANGAN", "FOOD AID RECEIPT"),
    "code": Words("Kode", "Code"),
    "date": Words("Tanggal", "Date"),
    "kpm": Words("KPM", "Beneficiary"),
    "kks": Words("No. KKS", "KKS no."),
    "nik": Words("NIK", "NIK"),
    "desa": Words("Desa", "Village"),
    "period": Words("Periode", "Period"),
    "total": Words("TOTAL", "TOTAL"),
    "entitlement_of": Words("Hak bantuan {month}", "Entitlement {month}"),
    "daily_title": Words("REKAP HARIAN", "DAILY SUMMARY"),
    "daily_shop": Words("Seluruh e-warong", "Whole e-warong"),
    "transactions": Words("Transaksi", "Transactions"),
    "by_product": Words("Per barang:", "By product:"),
    "by_aid_month": Words("Per bulan bantuan:", "By month of aid:"),
    "voids": Words("Dibatalkan", "Voided"),
    "operators": Words("Operator hari ini", "Operators today"),
    "by_month": Words("Dibayar dari bantuan:", "Paid from the aid of:"),
    "remaining_of": Words("Sisa {month}", "Left {month}"),
    "part_voided": Words("(dibatalkan)", "(voided)"),
    "unlisted": Words("KPM luar daftar e-warong ini", "KPM not on this e-warong's list"),
    "spent": Words("Terpakai", "Spent"),
    "remaining": Words("Sisa", "Remaining"),
    "operator": Words("Operator", "Operator"),
    "edc_ref": Words("Ref. EDC", "EDC ref."),
    "verification": Words("Kode verifikasi", "Verification code"),
    "void_banner": Words("BATAL", "BATAL (VOID)"),
    "void_reason": Words("Alasan batal", "Void reason"),
    "voided_at": Words("Dibatalkan", "Voided"),
    "void_edc_ref": Words("Ref. EDC pembatalan", "EDC reversal ref."),
    "void_note": Words(
        "Transaksi ini dibatalkan; tidak berlaku.",
        "This transaction was voided; it is not valid.",
    ),
    "thanks": Words("Terima kasih. Simpan struk ini.", "Thank you. Keep this receipt."),
    # statements
    "statement_title": Words("KUITANSI BULANAN BANTUAN PANGAN", "MONTHLY FOOD AID STATEMENT"),
    "ewarong": Words("E-warong", "E-warong"),
    "kpm_name": Words("Nama KPM", "Beneficiary"),
    "no": Words("No", "No"),
    "item": Words("Barang", "Item"),
    "quantity": Words("Jumlah", "Quantity"),
    "unit_price": Words("Harga satuan", "Unit price"),
    "line_total": Words("Total", "Total"),
    "receipt_code": Words("Kode struk", "Receipt code"),
    "nothing_received": Words(
        "Belum ada barang yang diterima untuk bulan ini.",
        "Nothing received for this month yet.",
    ),
    "received": Words("Diterima", "Received"),
    "continued": Words("(lanjutan)", "(continued)"),
    "acknowledge": Words(
        "Saya telah menerima barang bantuan pangan di atas dalam keadaan baik.",
        "I have received the food aid items above in good condition.",
    ),
    "for_ewarong": Words("Pengurus e-warong", "For the e-warong"),
    "kpm_signature": Words("Tanda tangan / cap jempol KPM", "Beneficiary's signature / thumbprint"),
    "thumb": Words("Cap jempol", "Thumbprint"),
    "page_of": Words("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "printed": Words("Dicetak {date}", "Printed {date}"),
    # statements two to a sheet
    "cut_here": Words("gunting di sini", "cut here"),
    # roster
    "roster_title": Words("DAFTAR TANDA TERIMA BANTUAN PANGAN", "FOOD AID RECEIPT ROSTER"),
    "roster_kpm": Words("Nama KPM / KKS / NIK / alamat", "Beneficiary / KKS / NIK / address"),
    "roster_entitlement": Words("Hak bantuan", "Entitlement"),
    "roster_received": Words("Diterima: nilai dan barang", "Received: value and items"),
    "roster_codes": Words("Kode struk", "Receipt codes"),
    "roster_sign": Words("Tanda tangan / cap jempol", "Signature / thumbprint"),
    "not_served_mark": Words("BELUM DILAYANI", "NOT SERVED"),
    "carried": Words("Pindahan dari halaman {page}", "Carried from page {page}"),
    "page_total": Words("Jumlah halaman ini", "This page"),
    "running_total": Words("Jumlah s.d. halaman ini", "Total to this page"),
    "grand_total": Words("JUMLAH SELURUHNYA", "GRAND TOTAL"),
    "roster_counts": Words(
        "{kpms} KPM: {served} sudah dilayani, {not_served} belum dilayani",
        "{kpms} beneficiaries: {served} served, {not_served} not served",
    ),
    "nobody_registered": Words(
        "Tidak ada KPM untuk bulan ini.", "No beneficiaries for this month."
    ),
    # monthly report
    "report_title": Words("LAPORAN BULANAN E-WARONG", "E-WARONG MONTHLY REPORT"),
    "summary": Words("Ringkasan", "Summary"),
    "kpm_registered": Words("KPM terdaftar", "Registered beneficiaries"),
    "kpm_served": Words("KPM sudah dilayani", "Beneficiaries served"),
    "kpm_not_served": Words("KPM belum dilayani", "Beneficiaries not yet served"),
    "redemptions_count": Words("Jumlah transaksi", "Redemptions"),
    "redemptions_value": Words("Nilai transaksi", "Value redeemed"),
    "entitlement_value": Words(
        "Hak bantuan KPM terdaftar", "Entitlement of registered beneficiaries"
    ),
    "voided_count": Words("Transaksi dibatalkan", "Voided redemptions"),
    "stock": Words("Stok barang", "Stock"),
    "product": Words("Barang", "Product"),
    "unit": Words("Satuan", "Unit"),
    "opening": Words("Awal", "Opening"),
    "stock_in": Words("Masuk", "In"),
    "stock_out": Words("Keluar", "Out"),
    "adjusted": Words("Penyesuaian", "Adjusted"),
    "closing": Words("Akhir", "Closing"),
    "purchases": Words("Pembelian menurut sumber", "Purchases by source"),
    "source_kind": Words("Jenis sumber", "Source kind"),
    "source_name": Words("Nama sumber", "Source"),
    "purchase_count": Words("Pembelian", "Purchases"),
    "value": Words("Nilai", "Value"),
    "own_sources": Words("Sumber sendiri", "Own sources"),
    "third_party": Words("Pihak ketiga", "Third party"),
    "own_share": Words("Porsi sumber sendiri", "Own-sources share"),
    "all_purchases": Words("Jumlah pembelian", "All purchases"),
    "no_purchases": Words("Tidak ada pembelian bulan ini.", "No purchases this month."),
    "received_by_source": Words(
        "Barang yang diterima KPM menurut sumber",
        "Goods received by KPMs, by source",
    ),
    "received_sheet": Words("Diterima KPM per sumber", "Received by source"),
    "unknown_source": Words(
        "Tanpa asal (temuan stok opname)", "No source (found in a stock count)"
    ),
    "trend": Words("Tren pembelian 6 bulan", "Purchases, 6-month trend"),
    "prices": Words("Harga rata-rata per satuan", "Average price per unit"),
    "purchase_price": Words("Harga beli", "Purchase price"),
    "sale_price": Words("Harga ke KPM", "Price to KPM"),
    "previous": Words("bln lalu", "prev. month"),
    "change": Words("Perubahan", "Change"),
    "not_served_list": Words("KPM yang belum dilayani", "Beneficiaries not yet served"),
    "signatures": Words("Mengetahui", "Acknowledged"),
    "ketua": Words("Ketua e-warong", "Head of the e-warong"),
    "tksk": Words("TKSK", "TKSK (sub-district social worker)"),
    "none": Words("-", "-"),
    # the KUBE fund report
    "fund_title": Words("LAPORAN PENGGUNAAN DANA KUBE", "KUBE FUND USE REPORT"),
    "fund_as_of": Words("Keadaan per {date}", "As at {date}"),
    "fund_received": Words("Dana diterima", "Fund received"),
    "fund_used": Words("Dana terpakai", "Fund used"),
    "fund_balance": Words("Sisa dana", "Balance"),
    "fund_entries": Words("Rincian dana", "Fund entries"),
    "fund_by_purpose": Words("Penggunaan menurut keperluan", "Use by purpose"),
    "fund_goods": Words("Belanja barang dari dana", "Goods bought with the fund"),
    "fund_own_goods": Words("Barang dari sumber sendiri", "Goods from own sources"),
    "fund_supplier_goods": Words("Barang dari pemasok", "Goods from suppliers"),
    "fund_own_share": Words(
        "Porsi sumber sendiri (dari dana terpakai)",
        "Own-source share (of fund used)",
    ),
    "fund_tranche": STAGE,
    "fund_in": Words("Masuk", "In"),
    "fund_out": Words("Keluar", "Out"),
    "fund_what": Words("Uraian", "Description"),
    "fund_no_entries": Words("Belum ada catatan dana.", "No fund entries yet."),
    "fund_voided": Words("BATAL: {reason}", "VOID: {reason}"),
    "purpose": Words("Keperluan", "Purpose"),
    "share": Words("Porsi", "Share"),
}


def t(key: str, lang: str = "id", **values: object) -> str:
    text = LABELS[key].text(lang)
    return text.format(**values) if values else text


def format_datetime(moment: datetime, lang: str = "id") -> str:
    """`6 Mei 2020 14:05`, in the time the record was stored with (the laptop's local time)."""
    return f"{format_date(moment.date(), lang)} {moment:%H:%M}"


def format_change(now: int | None, before: int | None, lang: str = "id") -> str:
    """`+5,0%` / `-2,5%` between two prices; `-` when either is missing."""
    if now is None or before is None or before == 0:
        return "-"
    change = (now - before) * 100 / before
    text = f"{change:+.1f}"
    if lang != "en":
        text = text.replace(".", ",")
    return f"{text}%"
