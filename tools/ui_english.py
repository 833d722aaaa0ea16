"""English for every Indonesian UI string (source text -> English), used by
`update_translations.py` to fill `resources/translations/ewarong_en.ts`.

`CONTEXTUAL` holds the few where the same Indonesian needs different English by context
(or by lupdate disambiguation comment).
"""

# ruff: noqa: E501 - a translation table reads best one pair per line

CONTEXTUAL: dict[tuple[str, str, str | None], str] = {
    # The language button names the *other* language.
    ("MainWindow", "English", "name of the other language"): "Bahasa Indonesia",
}

ENGLISH: dict[str, str] = {
    # counter: another open month has enough aid
    "Sisa bantuan {0} cukup ({1}): pilih bulan itu di atas.": "{0} has enough aid left ({1}): choose that month above.",
    # receipt paper
    "Kertas struk:": "Receipt paper:",
    "Rol 58 mm": "58 mm roll",
    "Rol 80 mm": "80 mm roll",
    "Lembar A5": "A5 sheet",
    # monthly statements per sheet, and the roster (issue 22)
    "Kuitansi bulanan:": "Monthly statements:",
    "1 per lembar A4": "1 per A4 sheet",
    "2 per lembar A4 (A5, digunting)": "2 per A4 sheet (A5, cut apart)",
    "Kuitansi bulanan dicetak: {0}.": "Monthly statements print: {0}.",
    "Daftar tanda terima (PDF)": "Signature roster (PDF)",
    "Membuat daftar tanda terima…": "Making the signature roster…",
    "Struk dicetak untuk: {0}.": "Receipts are printed for: {0}.",
    # sync destination
    "&Tujuan:": "&Destination:",
    "Cari flashdisk lagi": "Look for USB sticks again",
    "{0} ({1}), kosong {2} GB": "{0} ({1}), {2} GB free",
    "Folder lain…": "Another folder…",
    # columns
    "Nama": "Name",
    "No. KKS": "KKS no.",
    "Desa": "Village",
    "Barang": "Item",
    "Jumlah": "Quantity",
    "Harga": "Price",
    "Subtotal": "Subtotal",
    "Jam": "Time",
    "KPM": "KPM",
    "Bantuan": "Aid month",
    "Total": "Total",
    "Status": "Status",
    "Seq": "Seq",
    "Dibuat": "Made",
    "Jenis": "Kind",
    "Catatan": "Note",
    "Transaksi": "Transactions",
    "Nilai": "Value",
    "Baris data": "Records",
    "Berkas": "File",
    "Harga beli": "Cost",
    "Tanggal": "Date",
    "Sumber": "Source",
    "Besaran per bulan": "Amount per month",
    "Berlaku mulai": "Valid from",
    "Sampai": "Until",
    "Kode": "Code",
    "Kategori": "Category",
    "Satuan": "Unit",
    "Harga jual": "Selling price",
    "Peran": "Role",
    "NIK": "NIK",
    "Alamat": "Address",
    "Mulai": "From",
    "Operator": "Operator",
    "Baris": "Row",
    "Hasil": "Result",
    "Alasan": "Reason",
    "Awal": "Opening",
    "Dibeli": "Bought",
    "Ke KPM": "To KPM",
    "Koreksi": "Adjusted",
    "Akhir": "Closing",
    "Stok": "Stock",
    # status words
    "batal": "void",
    "selesai": "done",
    "aktif": "active",
    "tidak aktif": "inactive",
    "dijual": "on sale",
    "tidak dijual": "not sold",
    "sumber sendiri": "own source",
    "pihak ketiga": "third party",
    "lengkap": "full",
    "perubahan": "changes",
    "baru": "new",
    "diperbarui": "updated",
    "tidak berubah": "unchanged",
    "pembelian masuk": "purchase in",
    "pembelian dibatalkan": "purchase voided",
    "keluar ke KPM": "out to KPM",
    "kembali (transaksi batal)": "back in (voided sale)",
    "penyesuaian": "adjustment",
    "masih berlaku": "still in force",
    # main window
    "Layani KPM": "Serve KPM",
    "Pembelian": "Purchases",
    "Laporan": "Reports",
    "Sinkron": "Sync",
    "Pengaturan": "Settings",
    "e-Warong - bantuan pangan non tunai": "e-Warong - non-cash food aid",
    "Ganti bahasa tampilan": "Switch the display language",
    "Kunci (Ctrl+L)": "Lock (Ctrl+L)",
    "admin": "admin",
    "operator": "operator",
    "Bulan kerja: {0}": "Working month: {0}",
    # counter
    "Kartu KKS / NIK / nama KPM:": "KKS card / NIK / KPM name:",
    "Pindai kartu atau ketik nomor KKS, NIK, atau sebagian nama, lalu Enter": (
        "Scan the card or type the KKS number, NIK or part of the name, then Enter"
    ),
    "Bantuan bulan:": "Aid for month:",
    "Hak bantuan": "Entitlement",
    "Sudah dibelanjakan": "Already spent",
    "Sisa bantuan": "Aid left",
    "nama atau kode barang, Enter": "item name or code, Enter",
    "Jumlah:": "Quantity:",
    "Tambah": "Add",
    "Hapus baris (Del)": "Remove line (Del)",
    "Total belanja:": "Basket total:",
    "Sisa sesudahnya:": "Left afterwards:",
    "Ref. EDC (boleh kosong):": "EDC ref. (optional):",
    "nomor referensi di struk EDC, lalu Enter": "reference number on the EDC slip, then Enter",
    "Simpan transaksi (Enter)": "Save transaction (Enter)",
    "KPM berikutnya (Esc)": "Next KPM (Esc)",
    "Cetak struk (F9)": "Print receipt (F9)",
    "Transaksi hari ini": "Today's transactions",
    "Cetak struk": "Print receipt",
    "Batalkan… (admin)": "Void… (admin)",
    "Belum ada KPM dipilih": "No KPM chosen yet",
    "{0} transaksi, {1}": "{0} transactions, {1}",
    "Tidak ada KPM yang cocok dengan '{0}'.": "No KPM matches '{0}'.",
    "{0} KPM cocok: pilih dengan panah lalu Enter.": "{0} KPMs match: pick one with the arrows, then Enter.",
    "KPM ini tidak aktif.": "This KPM is inactive.",
    "{0} (sisa {1})": "{0} ({1} left)",
    "Pindai kartu KKS untuk mulai.": "Scan a KKS card to start.",
    "KKS {0} · NIK {1} · Desa {2}": "KKS {0} · NIK {1} · Village {2}",
    "Selesaikan transaksi ini (Enter) atau batalkan (Esc) dulu.": (
        "Finish this transaction (Enter) or drop it (Esc) first."
    ),
    "{0}: {1} per {2}, stok {3}": "{0}: {1} per {2}, stock {3}",
    "Tersimpan: {0}, {1} untuk bantuan {2}.": "Saved: {0}, {1} from the aid for {2}.",
    "Membuat struk…": "Making the receipt…",
    "Dibatalkan: {0}, {1}.": "Voided: {0}, {1}.",
    # void dialog
    "Batalkan transaksi": "Void transaction",
    "mis. salah barang, KPM membatalkan": "e.g. wrong item, KPM changed their mind",
    "nomor referensi pembatalan di struk EDC": "reversal reference on the EDC slip",
    "Alasan:": "Reason:",
    "Ref. EDC asal:": "Original EDC ref.:",
    "Ref. pembatalan EDC:": "EDC reversal ref.:",
    "Transaksi tidak dihapus: ditandai batal, stok kembali, sisa bantuan pulih.": (
        "Nothing is deleted: the transaction is marked void, stock goes back, the aid is freed."
    ),
    "Tutup": "Close",
    # errors
    "Ya": "Yes",
    "Tidak": "No",
    "Tidak dapat dilakukan": "Cannot do that",
    "Terjadi kesalahan program": "The program hit a bug",
    "Maaf, program mengalami kesalahan. Data yang sudah tersimpan aman; pekerjaan terakhir "
    "mungkin belum tersimpan. Kirim berkas catatan ini ke pendamping:": (
        "Sorry, the program hit a bug. What was already saved is safe; the last step may not "
        "have been saved. Send this log file to support:"
    ),
    "Berkas tidak dapat dibaca atau ditulis": "A file could not be read or written",
    # import
    "Impor daftar KPM": "Import the KPM list",
    "Pilih berkas…": "Choose file…",
    "Kolom NIK:": "NIK column:",
    "Kolom nama:": "Name column:",
    "Kolom No. KKS:": "KKS no. column:",
    "Kolom desa:": "Village column:",
    "Lembar:": "Sheet:",
    "Pratinjau lagi": "Preview again",
    "Akan disimpan": "To be saved",
    "Ditolak": "Refused",
    "Simpan baris ditolak…": "Save refused rows…",
    "Impor sekarang": "Import now",
    "Pilih daftar KPM": "Choose the KPM list",
    "Daftar KPM (*.csv *.xlsx *.xlsm);;Semua berkas (*)": "KPM list (*.csv *.xlsx *.xlsm);;All files (*)",
    "Membaca {0}…": "Reading {0}…",
    "(tidak ada)": "(none)",
    "{0} KPM baru, {1} diperbarui, {2} tidak berubah, {3} baris ditolak.": (
        "{0} new KPMs, {1} updated, {2} unchanged, {3} rows refused."
    ),
    "Menyimpan daftar KPM…": "Saving the KPM list…",
    "Impor selesai": "Import finished",
    "Simpan baris ditolak": "Save refused rows",
    "Tersimpan": "Saved",
    # KPM page
    "Ubah data KPM": "Edit KPM",
    "KPM baru": "New KPM",
    "TTTT-BB, kosong = bulan kerja": "YYYY-MM, empty = working month",
    "NIK (16 angka):": "NIK (16 digits):",
    "No. kartu KKS:": "KKS card no.:",
    "Nama:": "Name:",
    "Desa:": "Village:",
    "Alamat:": "Address:",
    "Menerima bantuan mulai:": "Receives aid from:",
    "Simpan": "Save",
    "Batal": "Cancel",
    "Daftar KPM": "KPM list",
    "Saring: nama, NIK, KKS atau desa": "Filter: name, NIK, KKS or village",
    "Tambah KPM": "Add KPM",
    "Ubah": "Edit",
    "Nonaktifkan / aktifkan": "Deactivate / activate",
    "Impor daftar dari Dinas Sosial…": "Import list from the social office…",
    "{0} dari {1} KPM ({2} aktif)": "{0} of {1} KPMs ({2} active)",
    "Riwayat belanja: pilih satu KPM": "Shopping history: choose a KPM",
    "Riwayat belanja {0}": "Shopping history of {0}",
    "Nonaktifkan KPM": "Deactivate KPM",
    "Nonaktifkan {0} (KKS {1})? KPM yang tidak aktif tidak bisa dilayani; datanya tetap tersimpan.": (
        "Deactivate {0} (KKS {1})? An inactive KPM cannot be served; their records are kept."
    ),
    # login
    "Masuk - e-Warong": "Log in - e-Warong",
    "Layar terkunci": "Screen locked",
    # an admin PIN from before the 6-digit rule, changed at login
    "Ganti PIN admin": "Change the admin PIN",
    "PIN baru (6-12 angka):": "New PIN (6-12 digits):",
    "Ulangi PIN baru:": "New PIN again:",
    "Simpan PIN": "Save the PIN",
    "PIN admin sekarang paling sedikit 6 angka. Buat PIN baru untuk {0}.": "An admin PIN now has at least 6 digits. Make a new PIN for {0}.",
    "Masuk": "Log in",
    "Nama operator:": "Operator name:",
    "PIN:": "PIN:",
    "Keluar aplikasi": "Quit",
    # stock
    "Penyesuaian stok": "Stock adjustment",
    "mis. -2 (berkurang) atau 3 (opname, bertambah)": "e.g. -2 (less) or 3 (count found more)",
    "Barang:": "Item:",
    "Perubahan ({0}):": "Change ({0}):",
    "Catatan:": "Note:",
    "{0} · stok {1}": "{0} · stock {1}",
    "Stok barang": "Stock",
    "Saring barang": "Filter items",
    "Penyesuaian stok… (rusak, hilang, opname)": "Adjust stock… (damaged, lost, count)",
    "Semua barang": "All items",
    "Buku stok: semua barang (terbaru dulu)": "Stock ledger: all items (newest first)",
    "Buku stok: {0}": "Stock ledger: {0}",
    # settings: products
    "Ubah barang": "Edit item",
    "Barang baru": "New item",
    "Kode:": "Code:",
    "Kategori:": "Category:",
    "Satuan:": "Unit:",
    "Harga jual per satuan:": "Selling price per unit:",
    # purchases
    "Catat pembelian": "Record a purchase",
    "Tanggal:": "Date:",
    "Jenis sumber:": "Source kind:",
    "Nama sumber:": "Source name:",
    "Harga beli per satuan": "Cost per unit",
    "mis. Kelompok Tani Makmur, CV Sumber Pangan": "e.g. Kelompok Tani Makmur, CV Sumber Pangan",
    "nama atau kode, Enter": "name or code, Enter",
    "Hapus baris": "Remove line",
    "harga jual {0}": "selling price {0}",
    "Simpan pembelian (Enter di kolom barang kosong)": "Save purchase (Enter in the empty item field)",
    "Pembelian bulan": "Purchases in",
    "Batalkan pembelian… (admin)": "Void purchase… (admin)",
    "Total: {0}": "Total: {0}",
    "Tersimpan: pembelian dari {0}, {1} ({2}).": "Saved: purchase from {0}, {1} ({2}).",
    "Sumber sendiri: {0} · Pihak ketiga: {1} · Bagian sendiri: {2}": (
        "Own sources: {0} · Third party: {1} · Own share: {2}"
    ),
    "Batalkan pembelian": "Void purchase",
    "Alasan pembatalan:": "Reason for the void:",
    # reports
    "Laporan bulan": "Report for",
    "Laporan bulanan (PDF)": "Monthly report (PDF)",
    "Tabel (Excel)": "Tables (Excel)",
    "Kuitansi semua KPM (PDF)": "All KPM statements (PDF)",
    "KPM terdaftar": "KPMs registered",
    "KPM sudah dilayani": "KPMs served",
    "KPM belum dilayani": "KPMs not yet served",
    "Transaksi (batal)": "Transactions (voided)",
    "Bantuan dibelanjakan": "Aid spent",
    "Hak bantuan semua KPM": "Entitlement of all KPMs",
    "Pembelian dari sumber sendiri": "Bought from own sources",
    "Pembelian dari pihak ketiga": "Bought from third parties",
    "Bagian sumber sendiri": "Own-source share",
    "Diterima KPM dari sumber sendiri": "KPMs received from own sources",
    "Diterima KPM dari pihak ketiga": "KPMs received from third parties",
    "Diterima KPM, asal tidak tercatat": "KPMs received, source not recorded",
    "Pembelian menurut sumber, 12 bulan terakhir": "Purchases by source, last 12 months",
    "Stok bulan ini": "Stock this month",
    "Sumber sendiri (% di atas batang)": "Own sources (% above the bar)",
    "Pihak ketiga (pemasok)": "Third party (suppliers)",
    "Belum ada pembelian": "No purchases yet",
    "Menghitung pembelian per bulan…": "Adding up purchases by month…",
    "Membuat kuitansi semua KPM…": "Making all KPM statements…",
    "Membuat laporan bulanan…": "Making the monthly report…",
    # settings
    "Profil dan bahasa": "Profile and language",
    "Besaran bantuan": "Entitlement rates",
    "Profil e-warong": "E-warong profile",
    "Bulan kerja dan bahasa": "Working month and language",
    "Kode e-warong:": "E-warong code:",
    "Nama e-warong:": "E-warong name:",
    "Kecamatan:": "Sub-district:",
    "Kabupaten:": "District:",
    "Kode wilayah:": "Area code:",
    "Bulan kerja:": "Working month:",
    "Bahasa:": "Language:",
    "Simpan profil": "Save profile",
    "Tetapkan bulan kerja": "Set working month",
    "Besaran baru:": "New amount:",
    "mulai bulan (TTTT-BB):": "from month (YYYY-MM):",
    "Tambah besaran": "Add rate",
    "Besaran baru berlaku mulai bulan itu; besaran sebelumnya otomatis berakhir sebulan "
    "sebelumnya.": "A new rate applies from its month; the rate before it ends the month before.",
    "Tambah barang": "Add item",
    "Berhenti / mulai dijual": "Stop / start selling",
    "Peran:": "Role:",
    "Tambah operator": "Add operator",
    "Ganti PIN…": "Change PIN…",
    "Profil tersimpan.": "Profile saved.",
    "Bulan kerja: {0}.": "Working month: {0}.",
    "Besaran bantuan tersimpan.": "Entitlement rate saved.",
    "Barang tersimpan.": "Item saved.",
    "Operator tersimpan.": "Operator saved.",
    "Ganti PIN": "Change PIN",
    "PIN baru untuk {0}:": "New PIN for {0}:",
    "PIN diganti.": "PIN changed.",
    # setup
    "Penyiapan awal e-Warong": "e-Warong first-time setup",
    "1. Profil e-warong": "1. E-warong profile",
    "2. Admin dan PIN": "2. Admin and PIN",
    "3. Selesai": "3. Done",
    "Isi data e-warong seperti yang terdaftar di Dinas Sosial.": (
        "Fill in the e-warong as registered with the district social office."
    ),
    "Admin mengurus pengaturan, operator, besaran bantuan dan pembatalan. PIN admin 6 sampai "
    "12 angka.": (
        "The admin looks after settings, operators, rates and voids. An admin PIN has 6 to 12 "
        "digits."
    ),
    "Kode wilayah (boleh kosong):": "Area code (optional):",
    "mis. LTM-SKP-01": "e.g. LTM-SKP-01",
    "mis. 18.07.12.2001": "e.g. 18.07.12.2001",
    "Nama admin:": "Admin name:",
    "PIN admin:": "Admin PIN:",
    "Ulangi PIN:": "PIN again:",
    "Data e-warong sudah dibuat. Kunci tanda tangan untuk berkas sinkron juga sudah dibuat; "
    "bacakan sidik jari ini kepada Dinas Sosial saat pendaftaran:": (
        "The e-warong store is ready, with the signing key for sync files; read this "
        "fingerprint out to the social office when enrolling:"
    ),
    "Kembali": "Back",
    "Lanjut": "Next",
    # start-up
    "Tanggal dan jam laptop sudah benar? (Tidak: aplikasi ditutup agar jam dibetulkan dulu.)": (
        "Are the laptop's date and time right? (No: the app closes so the clock can be fixed first.)"
    ),
    "Periksa jam laptop": "Check the laptop clock",
    "Membuka data e-warong...": "Opening the e-warong's data...",
    "Menyimpan cadangan akhir hari... Jangan matikan laptop dulu.": (
        "Saving the end-of-day backup... Do not switch the laptop off yet."
    ),
    "Bulan baru": "A new month",
    "Bulan kerja masih {0}, tetapi jam laptop sudah {1}. Pindah ke {1}?": (
        "The working month is still {0}, but the laptop clock says {1}. Move to {1}?"
    ),
    # sync
    "Cadangan data": "Backups",
    "Cadangkan sekarang ke flashdisk…": "Back up now to a USB stick…",
    "Belum ada cadangan.": "No backup yet.",
    "Cadangan terakhir: {0} ({1}). Laptop membuat satu cadangan setiap hari; simpan juga salinan di flashdisk.": (
        "Latest backup: {0} ({1}). The laptop makes one every day; keep a copy on a USB stick too."
    ),
    "Cadangan disalin ke {0}.": "Backup copied to {0}.",
    "Mencadangkan data…": "Backing up the data…",
    "Sinkron ke Dinas Sosial": "Sync to the social office",
    "Pasang flashdisk, pilih di daftar Tujuan, tekan Ekspor. Berkas bertanda tangan berisi semua "
    "perubahan sejak ekspor terakhir; serahkan ke Dinas Sosial. Salinan setiap berkas tetap "
    "disimpan di laptop ini.": (
        "Plug in a USB stick, choose it under Destination, press Export. The signed file holds every "
        "change since the last export; hand it to the social office. A copy of every file "
        "stays on this laptop."
    ),
    "Sidik jari kunci e-warong ini (bacakan saat pendaftaran):": (
        "This e-warong's key fingerprint (read it out when enrolling):"
    ),
    "Kirim semua data (bukan hanya perubahan)": "Send everything (not only the changes)",
    "Ekspor ke flashdisk / folder…": "Export to USB stick / folder…",
    "Simpan berkas pendaftaran…": "Save enrolment file…",
    "Berkas yang pernah diekspor": "Files exported so far",
    "Salin lagi berkas terpilih…": "Copy the chosen file again…",
    "Fitur sinkron belum tersedia di versi ini.": "Sync is not available in this version.",
    "Kunci tanda tangan tidak ditemukan.": "The signing key was not found.",
    "ID kunci {0} · epoch {1}": "Key ID {0} · epoch {1}",
    "Pilih flashdisk atau folder tujuan": "Choose the USB stick or folder",
    "Mengumpulkan data…": "Collecting the data…",
    "Menyimpan salinan di laptop…": "Keeping a copy on the laptop…",
    "Menyalin ke flashdisk…": "Copying to the USB stick…",
    "Mengekspor…": "Exporting…",
    "Tersimpan: {0} ({1} baris data). Cabut flashdisk dengan aman.": (
        "Saved: {0} ({1} records). Eject the USB stick safely."
    ),
    "Menyalin…": "Copying…",
    "Disalin ke {0}.": "Copied to {0}.",
    "Simpan berkas pendaftaran ke": "Save the enrolment file to",
}
