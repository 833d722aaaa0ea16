"""Words printed on the documents, Indonesian first and English second, and number formats."""

from __future__ import annotations

from datetime import datetime

from ewarong_desktop.domain.periods import format_date

LABELS: dict[str, tuple[str, str]] = {
    # receipt
    "receipt_title": ("BUKTI TRANSAKSI BANTUAN PANGAN", "FOOD AID RECEIPT"),
    "code": ("Kode", "Code"),
    "date": ("Tanggal", "Date"),
    "kpm": ("KPM", "Beneficiary"),
    "kks": ("No. KKS", "KKS no."),
    "nik": ("NIK", "NIK"),
    "desa": ("Desa", "Village"),
    "period": ("Periode", "Period"),
    "total": ("TOTAL", "TOTAL"),
    "entitlement_of": ("Hak bantuan {month}", "Entitlement {month}"),
    "daily_title": ("REKAP HARIAN", "DAILY SUMMARY"),
    "daily_shop": ("Seluruh e-warong", "Whole e-warong"),
    "transactions": ("Transaksi", "Transactions"),
    "by_product": ("Per barang:", "By product:"),
    "by_aid_month": ("Per bulan bantuan:", "By month of aid:"),
    "voids": ("Dibatalkan", "Voided"),
    "operators": ("Operator hari ini", "Operators today"),
    "by_month": ("Dibayar dari bantuan:", "Paid from the aid of:"),
    "remaining_of": ("Sisa {month}", "Left {month}"),
    "part_voided": ("(dibatalkan)", "(voided)"),
    "unlisted": ("KPM luar daftar e-warong ini", "KPM not on this e-warong's list"),
    "spent": ("Terpakai", "Spent"),
    "remaining": ("Sisa", "Remaining"),
    "operator": ("Operator", "Operator"),
    "edc_ref": ("Ref. EDC", "EDC ref."),
    "verification": ("Kode verifikasi", "Verification code"),
    "void_banner": ("BATAL", "BATAL (VOID)"),
    "void_reason": ("Alasan batal", "Void reason"),
    "voided_at": ("Dibatalkan", "Voided"),
    "void_edc_ref": ("Ref. EDC pembatalan", "EDC reversal ref."),
    "void_note": (
        "Transaksi ini dibatalkan; tidak berlaku.",
        "This transaction was voided; it is not valid.",
    ),
    "thanks": ("Terima kasih. Simpan struk ini.", "Thank you. Keep this receipt."),
    # statements
    "statement_title": ("KUITANSI BULANAN BANTUAN PANGAN", "MONTHLY FOOD AID STATEMENT"),
    "ewarong": ("E-warong", "E-warong"),
    "kpm_name": ("Nama KPM", "Beneficiary"),
    "no": ("No", "No"),
    "item": ("Barang", "Item"),
    "quantity": ("Jumlah", "Quantity"),
    "unit_price": ("Harga satuan", "Unit price"),
    "line_total": ("Total", "Total"),
    "receipt_code": ("Kode struk", "Receipt code"),
    "nothing_received": (
        "Belum ada barang yang diterima untuk bulan ini.",
        "Nothing received for this month yet.",
    ),
    "received": ("Diterima", "Received"),
    "continued": ("(lanjutan)", "(continued)"),
    "acknowledge": (
        "Saya telah menerima barang bantuan pangan di atas dalam keadaan baik.",
        "I have received the food aid items above in good condition.",
    ),
    "for_ewarong": ("Pengurus e-warong", "For the e-warong"),
    "kpm_signature": ("Tanda tangan / cap jempol KPM", "Beneficiary's signature / thumbprint"),
    "thumb": ("Cap jempol", "Thumbprint"),
    "page_of": ("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "printed": ("Dicetak {date}", "Printed {date}"),
    # statements two to a sheet
    "cut_here": ("gunting di sini", "cut here"),
    # roster
    "roster_title": ("DAFTAR TANDA TERIMA BANTUAN PANGAN", "FOOD AID RECEIPT ROSTER"),
    "roster_kpm": ("Nama KPM / KKS / NIK / alamat", "Beneficiary / KKS / NIK / address"),
    "roster_entitlement": ("Hak bantuan", "Entitlement"),
    "roster_received": ("Diterima: nilai dan barang", "Received: value and items"),
    "roster_codes": ("Kode struk", "Receipt codes"),
    "roster_sign": ("Tanda tangan / cap jempol", "Signature / thumbprint"),
    "not_served_mark": ("BELUM DILAYANI", "NOT SERVED"),
    "carried": ("Pindahan dari halaman {page}", "Carried from page {page}"),
    "page_total": ("Jumlah halaman ini", "This page"),
    "running_total": ("Jumlah s.d. halaman ini", "Total to this page"),
    "grand_total": ("JUMLAH SELURUHNYA", "GRAND TOTAL"),
    "roster_counts": (
        "{kpms} KPM: {served} sudah dilayani, {not_served} belum dilayani",
        "{kpms} beneficiaries: {served} served, {not_served} not served",
    ),
    "nobody_registered": ("Tidak ada KPM untuk bulan ini.", "No beneficiaries for this month."),
    # monthly report
    "report_title": ("LAPORAN BULANAN E-WARONG", "E-WARONG MONTHLY REPORT"),
    "summary": ("Ringkasan", "Summary"),
    "kpm_registered": ("KPM terdaftar", "Registered beneficiaries"),
    "kpm_served": ("KPM sudah dilayani", "Beneficiaries served"),
    "kpm_not_served": ("KPM belum dilayani", "Beneficiaries not yet served"),
    "redemptions_count": ("Jumlah transaksi", "Redemptions"),
    "redemptions_value": ("Nilai transaksi", "Value redeemed"),
    "entitlement_value": ("Hak bantuan KPM terdaftar", "Entitlement of registered beneficiaries"),
    "voided_count": ("Transaksi dibatalkan", "Voided redemptions"),
    "stock": ("Stok barang", "Stock"),
    "product": ("Barang", "Product"),
    "unit": ("Satuan", "Unit"),
    "opening": ("Awal", "Opening"),
    "stock_in": ("Masuk", "In"),
    "stock_out": ("Keluar", "Out"),
    "adjusted": ("Penyesuaian", "Adjusted"),
    "closing": ("Akhir", "Closing"),
    "purchases": ("Pembelian menurut sumber", "Purchases by source"),
    "source_kind": ("Jenis sumber", "Source kind"),
    "source_name": ("Nama sumber", "Source"),
    "purchase_count": ("Pembelian", "Purchases"),
    "value": ("Nilai", "Value"),
    "own_sources": ("Sumber sendiri", "Own sources"),
    "third_party": ("Pihak ketiga", "Third party"),
    "own_share": ("Porsi sumber sendiri", "Own-sources share"),
    "all_purchases": ("Jumlah pembelian", "All purchases"),
    "no_purchases": ("Tidak ada pembelian bulan ini.", "No purchases this month."),
    "received_by_source": (
        "Barang yang diterima KPM menurut sumber",
        "Goods received by KPMs, by source",
    ),
    "received_sheet": ("Diterima KPM per sumber", "Received by source"),
    "unknown_source": ("Tanpa asal (temuan stok opname)", "No source (found in a stock count)"),
    "trend": ("Tren pembelian 6 bulan", "Purchases, 6-month trend"),
    "prices": ("Harga rata-rata per satuan", "Average price per unit"),
    "purchase_price": ("Harga beli", "Purchase price"),
    "sale_price": ("Harga ke KPM", "Price to KPM"),
    "previous": ("bln lalu", "prev. month"),
    "change": ("Perubahan", "Change"),
    "not_served_list": ("KPM yang belum dilayani", "Beneficiaries not yet served"),
    "signatures": ("Mengetahui", "Acknowledged"),
    "ketua": ("Ketua e-warong", "Head of the e-warong"),
    "tksk": ("TKSK", "TKSK (sub-district social worker)"),
    "none": ("-", "-"),
    # the KUBE fund report
    "fund_title": ("LAPORAN PENGGUNAAN DANA KUBE", "KUBE FUND USE REPORT"),
    "fund_as_of": ("Keadaan per {date}", "As at {date}"),
    "fund_received": ("Dana diterima", "Fund received"),
    "fund_used": ("Dana terpakai", "Fund used"),
    "fund_balance": ("Sisa dana", "Balance"),
    "fund_entries": ("Rincian dana", "Fund entries"),
    "fund_by_purpose": ("Penggunaan menurut keperluan", "Use by purpose"),
    "fund_goods": ("Belanja barang dari dana", "Goods bought with the fund"),
    "fund_own_goods": ("Barang dari sumber sendiri", "Goods from own sources"),
    "fund_supplier_goods": ("Barang dari pemasok", "Goods from suppliers"),
    "fund_own_share": (
        "Porsi sumber sendiri (dari dana terpakai)",
        "Own-source share (of fund used)",
    ),
    "fund_tranche": ("Tahap {stage}", "Stage {stage}"),
    "fund_in": ("Masuk", "In"),
    "fund_out": ("Keluar", "Out"),
    "fund_what": ("Uraian", "Description"),
    "fund_no_entries": ("Belum ada catatan dana.", "No fund entries yet."),
    "fund_voided": ("BATAL: {reason}", "VOID: {reason}"),
    "purpose": ("Keperluan", "Purpose"),
    "share": ("Porsi", "Share"),
}


def t(key: str, lang: str = "id", **values: object) -> str:
    indonesian, english = LABELS[key]
    text = english if lang == "en" else indonesian
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
