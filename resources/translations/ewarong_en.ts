<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Penyesuaian stok</source>
        <translation>Stock adjustment</translation>
    </message>
    <message>
        <source>mis. -2 (berkurang) atau 3 (opname, bertambah)</source>
        <translation>e.g. -2 (less) or 3 (count found more)</translation>
    </message>
    <message>
        <source>Barang:</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>{0} · stok {1}</source>
        <translation>{0} · stock {1}</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Perubahan ({0}):</source>
        <translation>Change ({0}):</translation>
    </message>
    <message>
        <source>Catatan:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Yakin?</source>
        <translation>Are you sure?</translation>
    </message>
    <message>
        <source>Tetap simpan?</source>
        <translation>Save anyway?</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>No. KKS</source>
        <translation>KKS no.</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Bundel terakhir</source>
        <translation>Last bundle</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Bulan hilang</source>
        <translation>Months missing</translation>
    </message>
    <message>
        <source>Diam</source>
        <translation>Silent</translation>
    </message>
    <message>
        <source>Belanja sumber sendiri</source>
        <translation>Own-source purchases</translation>
    </message>
    <message>
        <source>Belanja pihak ketiga</source>
        <translation>Third-party purchases</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Dibuat (jam laptop)</source>
        <translation>Made (laptop clock)</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Sisa bantuan</source>
        <translation>Aid left</translation>
    </message>
    <message>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Barang</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Harga</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Dari bantuan</source>
        <translation>Paid from</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>KPM</source>
        <translation>KPM</translation>
    </message>
    <message>
        <source>Bantuan</source>
        <translation>Aid month</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Besaran</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Uraian</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>Sisa</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>KPM dilayani</source>
        <translation>KPM served</translation>
    </message>
    <message>
        <source>Sumber sendiri</source>
        <translation>Own sources</translation>
    </message>
    <message>
        <source>Pihak ketiga</source>
        <translation>Third party</translation>
    </message>
    <message>
        <source>Porsi sendiri</source>
        <translation>Own share</translation>
    </message>
    <message>
        <source>Tak cocok</source>
        <translation>Not matched</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>E-warong / kecamatan</source>
        <translation>E-warong / kecamatan</translation>
    </message>
    <message>
        <source>Dana diterima</source>
        <translation>Fund received</translation>
    </message>
    <message>
        <source>Dipakai</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>Untuk barang sumber sendiri</source>
        <translation>For own-source goods</translation>
    </message>
    <message>
        <source>Tanda</source>
        <translation>Flag</translation>
    </message>
    <message>
        <source>Yang ditemukan</source>
        <translation>What was found</translation>
    </message>
    <message>
        <source>Pemasok</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <source>NPWP/NIB</source>
        <translation>Tax no. (NPWP/NIB)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Harga beli</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>Sumber</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Pembelian</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>Awal</source>
        <translation>Opening</translation>
    </message>
    <message>
        <source>Dibeli</source>
        <translation>Bought</translation>
    </message>
    <message>
        <source>Ke KPM</source>
        <translation>To KPM</translation>
    </message>
    <message>
        <source>Koreksi</source>
        <translation>Adjusted</translation>
    </message>
    <message>
        <source>Akhir</source>
        <translation>Closing</translation>
    </message>
    <message>
        <source>Besaran per bulan</source>
        <translation>Amount per month</translation>
    </message>
    <message>
        <source>Berlaku mulai</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>Sampai</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Satuan</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Harga jual</source>
        <translation>Selling price</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Stok</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Sisa stok</source>
        <translation>Stock after</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Dibuat</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>Baris data</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Transaksi</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <source>Nilai</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Dinas Sosial</source>
        <translation>District</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <source>sudah dilayani</source>
        <translation>served</translation>
    </message>
    <message>
        <source>belum</source>
        <translation>not yet</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Layani KPM</source>
        <translation>Serve KPM</translation>
    </message>
    <message>
        <source>Kartu KKS / NIK / nama KPM:</source>
        <translation>KKS card / NIK / KPM name:</translation>
    </message>
    <message>
        <source>Pindai kartu atau ketik nomor KKS, NIK, atau sebagian nama, lalu Enter</source>
        <translation>Scan the card or type the KKS number, NIK or part of the name, then Enter</translation>
    </message>
    <message>
        <source>KPM luar daftar… (Ctrl+N)</source>
        <translation>KPM not on the list… (Ctrl+N)</translation>
    </message>
    <message>
        <source>Sisa bantuan</source>
        <translation>Aid left</translation>
    </message>
    <message>
        <source>Ambil dari (Ctrl+B):</source>
        <translation>Draw on (Ctrl+B):</translation>
    </message>
    <message>
        <source>Barang:</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>nama atau kode barang, Enter</source>
        <translation>item name or code, Enter</translation>
    </message>
    <message>
        <source>Jumlah:</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Hapus baris (Del)</source>
        <translation>Remove line (Del)</translation>
    </message>
    <message>
        <source>+/- ubah jumlah, Enter ketik jumlah baru, Del hapus baris</source>
        <translation>+/- change the quantity, Enter type a new quantity, Del remove the line</translation>
    </message>
    <message>
        <source>Total belanja:</source>
        <translation>Basket total:</translation>
    </message>
    <message>
        <source>Sisa sesudahnya:</source>
        <translation>Left afterwards:</translation>
    </message>
    <message>
        <source>Ref. EDC (boleh kosong):</source>
        <translation>EDC ref. (optional):</translation>
    </message>
    <message>
        <source>nomor referensi di struk EDC, lalu Enter</source>
        <translation>reference number on the EDC slip, then Enter</translation>
    </message>
    <message>
        <source>Simpan transaksi (Enter)</source>
        <translation>Save transaction (Enter)</translation>
    </message>
    <message>
        <source>KPM berikutnya (Esc)</source>
        <translation>Next KPM (Esc)</translation>
    </message>
    <message>
        <source>Cetak struk (F9)</source>
        <translation>Print receipt (F9)</translation>
    </message>
    <message>
        <source>Buka folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Belum ada KPM dipilih</source>
        <translation>No KPM chosen yet</translation>
    </message>
    <message>
        <source>Keranjang belum disimpan</source>
        <translation>Basket not saved</translation>
    </message>
    <message>
        <source>Keranjang {0} belum disimpan ({1} barang). Tinggalkan dulu? Keranjang tetap ada saat Anda kembali.</source>
        <translation>The basket of {0} is not saved ({1} items). Leave it for now? It stays here for when you come back.</translation>
    </message>
    <message>
        <source>bukan barang bantuan</source>
        <translation>not an aid good</translation>
    </message>
    <message>
        <source>stok habis</source>
        <translation>out of stock</translation>
    </message>
    <message>
        <source> Admin: Ctrl+N mencatat KPM luar daftar.</source>
        <translation> Admin: Ctrl+N registers a KPM not on the list.</translation>
    </message>
    <message>
        <source>Tidak ada KPM yang cocok dengan '{0}'.</source>
        <translation>No KPM matches '{0}'.</translation>
    </message>
    <message>
        <source>{0} KPM cocok: pilih dengan panah lalu Enter.</source>
        <translation>{0} KPMs match: pick one with the arrows, then Enter.</translation>
    </message>
    <message>
        <source>KPM ini tidak aktif.</source>
        <translation>This KPM is inactive.</translation>
    </message>
    <message>
        <source>KPM luar daftar tercatat: {0}.</source>
        <translation>KPM not on the list registered: {0}.</translation>
    </message>
    <message>
        <source>Semua bulan, yang terlama dulu</source>
        <translation>All months, oldest first</translation>
    </message>
    <message>
        <source>Hanya {0} (sisa {1})</source>
        <translation>Only {0} ({1} left)</translation>
    </message>
    <message>
        <source>(luar daftar)</source>
        <translation>(not on the list)</translation>
    </message>
    <message>
        <source>KKS {0} · NIK {1} · {2}</source>
        <translation>KKS {0} · NIK {1} · {2}</translation>
    </message>
    <message>
        <source>Sisa bantuan {0}</source>
        <translation>Aid left {0}</translation>
    </message>
    <message>
        <source>Bantuan semua bulan sudah habis.</source>
        <translation>The aid of every month is used up.</translation>
    </message>
    <message>
        <source>Ketik jumlah baru {0}, lalu Enter.</source>
        <translation>Type the new quantity of {0}, then Enter.</translation>
    </message>
    <message>
        <source>Tersimpan: {0}, {1} dari bantuan {2}.</source>
        <translation>Saved: {0}, {1} from the aid of {2}.</translation>
    </message>
    <message>
        <source>Pindai kartu KKS untuk mulai.</source>
        <translation>Scan a KKS card to start.</translation>
    </message>
    <message>
        <source>Selesaikan transaksi ini (Enter) atau batalkan (Esc) dulu.</source>
        <translation>Finish this transaction (Enter) or drop it (Esc) first.</translation>
    </message>
    <message>
        <source>{0}: {1} per {2}, stok {3}</source>
        <translation>{0}: {1} per {2}, stock {3}</translation>
    </message>
</context>
<context>
    <name>DailyDialog</name>
    <message>
        <source>Rekap harian</source>
        <translation>Daily summary</translation>
    </message>
    <message>
        <source>Saya ({0})</source>
        <translation>Me ({0})</translation>
    </message>
    <message>
        <source>Seluruh e-warong</source>
        <translation>Whole e-warong</translation>
    </message>
    <message>
        <source>Cetak ke printer struk (F9)</source>
        <translation>Print on the receipt printer (F9)</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Rekap untuk:</source>
        <translation>Summary for:</translation>
    </message>
    <message>
        <source>Tanggal: {0}</source>
        <translation>Date: {0}</translation>
    </message>
    <message>
        <source>Operator: {0}</source>
        <translation>Operator: {0}</translation>
    </message>
    <message>
        <source>seluruh e-warong</source>
        <translation>whole e-warong</translation>
    </message>
    <message>
        <source>Transaksi: {0}</source>
        <translation>Transactions: {0}</translation>
    </message>
    <message>
        <source>KPM dilayani: {0}</source>
        <translation>KPMs served: {0}</translation>
    </message>
    <message>
        <source>Total: {0}</source>
        <translation>Total: {0}</translation>
    </message>
    <message>
        <source>Per barang:</source>
        <translation>By product:</translation>
    </message>
    <message>
        <source>Per bulan bantuan:</source>
        <translation>By month of aid:</translation>
    </message>
    <message>
        <source>Dibatalkan: {0} ({1})</source>
        <translation>Voided: {0} ({1})</translation>
    </message>
    <message>
        <source>Operator hari ini: {0}</source>
        <translation>Operators today: {0}</translation>
    </message>
    <message>
        <source>Rekap dicetak ke {0}.</source>
        <translation>Summary printed on {0}.</translation>
    </message>
    <message>
        <source>Belum ada printer struk: PDF disimpan di {0}.</source>
        <translation>No receipt printer chosen: PDF saved at {0}.</translation>
    </message>
</context>
<context>
    <name>DeskSettingsPage</name>
    <message>
        <source>Pengaturan kabupaten</source>
        <translation>District settings</translation>
    </message>
    <message>
        <source>Besaran bantuan per KPM per bulan</source>
        <translation>Aid per KPM per month</translation>
    </message>
    <message>
        <source>Dipakai untuk tanda KPM melebihi hak. Besaran baru harus mulai sesudah besaran terakhir; besaran yang berlaku ditutup sebulan sebelumnya. Besaran yang sudah dicatat tidak bisa diubah di sini: periksa sebelum menyimpan. Laptop e-warong memakai besarannya sendiri.</source>
        <translation>Used for the over-entitlement flag. A new rate must start after the last one; the rate in force ends the month before. A recorded rate cannot be changed here: check before saving. The e-warongs' laptops keep their own rates.</translation>
    </message>
    <message>
        <source>&amp;Besaran baru:</source>
        <translation>New &amp;rate:</translation>
    </message>
    <message>
        <source>mis. 250.000</source>
        <translation>e.g. 250.000</translation>
    </message>
    <message>
        <source>&amp;Mulai bulan:</source>
        <translation>&amp;From month:</translation>
    </message>
    <message>
        <source>&amp;Catatan:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>mis. dasar keputusan (SK Mensos …)</source>
        <translation>e.g. the decree (SK Mensos …)</translation>
    </message>
    <message>
        <source>Tambah besaran</source>
        <translation>Add rate</translation>
    </message>
    <message>
        <source>Target porsi sumber sendiri</source>
        <translation>Own-source share target</translation>
    </message>
    <message>
        <source>Porsi belanja dari sumber sendiri yang dituju kabupaten, mulai bulan itu. Bulan yang sama lagi mengganti targetnya; bulan sebelumnya tetap.</source>
        <translation>The share of purchases from own sources the district aims for, from that month on. The same month again replaces its target; earlier months keep theirs.</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Target:</translation>
    </message>
    <message>
        <source>M&amp;ulai bulan:</source>
        <translation>Fro&amp;m month:</translation>
    </message>
    <message>
        <source>C&amp;atatan:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <source>Simpan target</source>
        <translation>Save target</translation>
    </message>
    <message>
        <source>Memeriksa bulan yang sudah dilaporkan…</source>
        <translation>Checking the months already reported…</translation>
    </message>
    <message>
        <source>Tetap catat?</source>
        <translation>Record it all the same?</translation>
    </message>
    <message>
        <source>Mengubah bulan lalu</source>
        <translation>Changing past months</translation>
    </message>
    <message>
        <source>Tidak ada yang dicatat.</source>
        <translation>Nothing recorded.</translation>
    </message>
    <message>
        <source>Mencatat besaran…</source>
        <translation>Recording the rate…</translation>
    </message>
    <message>
        <source>Besaran bantuan dicatat: {0}.</source>
        <translation>Entitlement rate recorded: {0}.</translation>
    </message>
    <message>
        <source>Besaran sebelumnya kini: {0}.</source>
        <translation>The previous rate is now: {0}.</translation>
    </message>
    <message>
        <source>Target dicatat: {0}.</source>
        <translation>Target recorded: {0}.</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Daftarkan e-warong</source>
        <translation>Enrol an e-warong</translation>
    </message>
    <message>
        <source>Tanda</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Impor dari flashdisk</source>
        <translation>Import from a USB stick</translation>
    </message>
    <message>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>E-warong</source>
        <translation>E-warongs</translation>
    </message>
    <message>
        <source>e-Warong - meja Dinas Sosial</source>
        <translation>e-Warong - Dinas Sosial desk</translation>
    </message>
    <message>
        <source>English</source>
        <comment>name of the other language</comment>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <source>Ganti bahasa tampilan</source>
        <translation>Switch the display language</translation>
    </message>
    <message>
        <source>Database kabupaten: {0}</source>
        <translation>District database: {0}</translation>
    </message>
</context>
<context>
    <name>Dinas</name>
    <message>
        <source>diterima Dinas {0}</source>
        <translation>received by the Dinas {0}</translation>
    </message>
    <message>
        <source>belum diterima Dinas: salin lagi</source>
        <translation>not received by the Dinas: copy it again</translation>
    </message>
    <message>
        <source>mulai {0}</source>
        <translation>from {0}</translation>
    </message>
</context>
<context>
    <name>DistrictKeyDialog</name>
    <message>
        <source>Daftarkan kunci Dinas Sosial</source>
        <translation>Enrol the Dinas's key</translation>
    </message>
    <message>
        <source>Kunci Dinas Sosial</source>
        <translation>The Dinas's key</translation>
    </message>
    <message>
        <source>Dinas memberikan berkas kuncinya (dinas-….district.json) dan membacakan sidik jarinya lewat telepon. Setelah didaftarkan, setiap bundel dienkripsi sehingga hanya Dinas yang bisa membacanya, dan balasan Dinas bisa diperiksa.</source>
        <translation>The Dinas gives you its key file (dinas-….district.json) and reads its fingerprint out by phone. Once enrolled, every bundle is encrypted so that only the Dinas can read it, and the Dinas's replies can be checked.</translation>
    </message>
    <message>
        <source>&amp;Berkas kunci:</source>
        <translation>Key &amp;file:</translation>
    </message>
    <message>
        <source>Pilih berkas…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>&amp;Sidik jari yang dibacakan Dinas:</source>
        <translation>&amp;Fingerprint read out by the Dinas:</translation>
    </message>
    <message>
        <source>&amp;Daftarkan</source>
        <translation>&amp;Enrol</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Pilih berkas kunci Dinas</source>
        <translation>Choose the Dinas's key file</translation>
    </message>
    <message>
        <source>Kunci Dinas (*.district.json);;Semua berkas (*)</source>
        <translation>Dinas key (*.district.json);;All files (*)</translation>
    </message>
    <message>
        <source>Tidak ada berkas kunci Dinas di flashdisk ini: tekan Pilih berkas.</source>
        <translation>No Dinas key file on this stick: press Choose file.</translation>
    </message>
    <message>
        <source>Berkas ini tidak bisa dipakai: {0}</source>
        <translation>This file cannot be used: {0}</translation>
    </message>
    <message>
        <source>{0}, Kabupaten {1}</source>
        <translation>{0}, Kabupaten {1}</translation>
    </message>
    <message>
        <source>Cocok: sidik jari sama dengan berkas ini. Tekan Daftarkan.</source>
        <translation>Match: the fingerprint is this file's. Press Enrol.</translation>
    </message>
    <message>
        <source>Ketik sidik jari yang dibacakan petugas Dinas: 16 huruf dan angka (sudah {0}). Spasi dan tanda hubung boleh.</source>
        <translation>Type the fingerprint the Dinas officer reads out: 16 letters and digits ({0} so far). Spaces and dashes are fine.</translation>
    </message>
    <message>
        <source>Tidak cocok: berkas ini bukan kunci yang dibacakan Dinas. Jangan didaftarkan; periksa ketikan atau telepon Dinas lagi.</source>
        <translation>No match: this file is not the key the Dinas read out. Do not enrol it; check what you typed or call the Dinas again.</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <source>Daftarkan kunci e-warong</source>
        <translation>Enrol an e-warong's key</translation>
    </message>
    <message>
        <source>1. Buka berkas enrolmen yang dibawa e-warong (ewarong-KODE.enrol.json).
2. Telepon atau temui e-warong dan minta mereka membacakan sidik jari kunci dari aplikasinya.
3. Ketik sidik jari itu di bawah. Hanya bila cocok, e-warong bisa didaftarkan.</source>
        <translation>1. Open the enrolment file the e-warong brought (ewarong-CODE.enrol.json).
2. Call or visit the e-warong and have them read out the key fingerprint shown by their app.
3. Type that fingerprint below. Only when it matches can the e-warong be enrolled.</translation>
    </message>
    <message>
        <source>Buka berkas enrolmen… (Ctrl+O)</source>
        <translation>Open an enrolment file… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Kabupaten</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Epoch kunci</source>
        <translation>Key epoch</translation>
    </message>
    <message>
        <source>&amp;Sidik jari yang dibacakan:</source>
        <translation>&amp;Fingerprint read out:</translation>
    </message>
    <message>
        <source>&amp;Alasan ganti kunci:</source>
        <translation>&amp;Reason for the new key:</translation>
    </message>
    <message>
        <source>mis. laptop dicuri, laptop diinstal ulang</source>
        <translation>e.g. laptop stolen, laptop reinstalled</translation>
    </message>
    <message>
        <source>Buka berkas enrolmen</source>
        <translation>Open an enrolment file</translation>
    </message>
    <message>
        <source>Berkas enrolmen (*.enrol.json *.json);;Semua berkas (*)</source>
        <translation>Enrolment files (*.enrol.json *.json);;All files (*)</translation>
    </message>
    <message>
        <source>Belum ada berkas dibuka.</source>
        <translation>No file opened yet.</translation>
    </message>
    <message>
        <source>Belum terdaftar di kabupaten.</source>
        <translation>Not enrolled at the district yet.</translation>
    </message>
    <message>
        <source>Sudah terdaftar dengan kunci ini (epoch {0}): tidak perlu apa-apa.</source>
        <translation>Already enrolled with this key (epoch {0}): nothing to do.</translation>
    </message>
    <message>
        <source>Sudah terdaftar dengan kunci lain (epoch {0}). Berkas ini kunci baru: ganti kunci hanya bila e-warong memang membuat kunci baru, dan tulis alasannya. Bundel dari kunci lama tidak diterima lagi.</source>
        <translation>Already enrolled with another key (epoch {0}). This file holds a new key: replace the key only when the e-warong really made a new one, and write down why. Bundles of the old key are no longer accepted.</translation>
    </message>
    <message>
        <source>Ganti kunci</source>
        <translation>Replace the key</translation>
    </message>
    <message>
        <source>Daftarkan</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <source>Ketik sidik jari yang dibacakan e-warong.</source>
        <translation>Type the fingerprint the e-warong reads out.</translation>
    </message>
    <message>
        <source>Baru {0} dari {1} karakter.</source>
        <translation>{0} of {1} characters so far.</translation>
    </message>
    <message>
        <source>✓ Cocok: sidik jari sama dengan berkas.</source>
        <translation>✓ Match: the fingerprint is the file's.</translation>
    </message>
    <message>
        <source>✗ Tidak cocok: sidik jari berbeda dengan berkas. Jangan daftarkan; periksa ketikan, atau hubungi e-warong lagi (berkas bisa saja bukan dari mereka).</source>
        <translation>✗ No match: the fingerprint differs from the file's. Do not enrol it; check the typing, or call the e-warong again (the file may not be theirs).</translation>
    </message>
    <message>
        <source>Kunci {0} diganti: epoch {1}, sidik jari {2}. Bundel dari kunci lama tidak diterima lagi.</source>
        <translation>Key of {0} replaced: epoch {1}, fingerprint {2}. Bundles from the old key are no longer accepted.</translation>
    </message>
    <message>
        <source>Terdaftar: {0} ({3}), epoch {1}, sidik jari {2}.</source>
        <translation>Enrolled: {0} ({3}), epoch {1}, fingerprint {2}.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Tidak dapat dilakukan</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>Terjadi kesalahan program</source>
        <translation>The program hit a bug</translation>
    </message>
    <message>
        <source>Maaf, program mengalami kesalahan. Data yang sudah tersimpan aman; pekerjaan terakhir mungkin belum tersimpan. Kirim berkas catatan ini ke pendamping:</source>
        <translation>Sorry, the program hit a bug. What was already saved is safe; the last step may not have been saved. Send this log file to support:</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Cari di:</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <source>Nama berkas:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <source>Jenis berkas:</source>
        <translation>File type:</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Pilih folder ini</source>
        <translation>Choose this folder</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>FlagsPage</name>
    <message>
        <source>Tanda untuk ditinjau</source>
        <translation>Flags to review</translation>
    </message>
    <message>
        <source>Saring: kode e-warong, F12, kata… (Ctrl+F)</source>
        <translation>Filter: e-warong code, F12, words… (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Tampilkan yang sudah ditinjau</source>
        <translation>&amp;Show the reviewed ones</translation>
    </message>
    <message>
        <source>Jenis / e-warong / tanda</source>
        <translation>Kind / e-warong / flag</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Yang ditemukan</source>
        <translation>What was found</translation>
    </message>
    <message>
        <source>Yang perlu diperiksa</source>
        <translation>What to check</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Catatan tinjauan:</source>
        <translation>Review &amp;note:</translation>
    </message>
    <message>
        <source>mis. dicek ke lokasi, KPM fiktif</source>
        <translation>e.g. checked on site, a phantom KPM</translation>
    </message>
    <message>
        <source>&amp;Petugas:</source>
        <translation>&amp;Officer:</translation>
    </message>
    <message>
        <source>Tandai sudah ditinjau (Enter)</source>
        <translation>Mark as reviewed (Enter)</translation>
    </message>
    <message>
        <source>Riwayat catatan (Ctrl+H)</source>
        <translation>Record history (Ctrl+H)</translation>
    </message>
    <message>
        <source>Memuat tanda…</source>
        <translation>Loading the flags…</translation>
    </message>
    <message>
        <source>{0} terbuka</source>
        <translation>{0} open</translation>
    </message>
    <message>
        <source>Kabupaten (lintas e-warong)</source>
        <translation>District (across e-warongs)</translation>
    </message>
    <message>
        <source>{0} (ditinjau)</source>
        <translation>{0} (reviewed)</translation>
    </message>
    <message>
        <source>Tidak ada tanda terbuka.</source>
        <translation>No open flags.</translation>
    </message>
    <message>
        <source>Pilih satu tanda di daftar.</source>
        <translation>Choose a flag in the list.</translation>
    </message>
    <message>
        <source>Kabupaten</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Terbuka sejak {0}</source>
        <translation>Open since {0}</translation>
    </message>
    <message>
        <source>Ditinjau {0}, {1}: {2}</source>
        <translation>Reviewed by {0}, {1}: {2}</translation>
    </message>
    <message>
        <source>Tulis dulu apa yang diperiksa (catatan tinjauan).</source>
        <translation>First write what was checked (the review note).</translation>
    </message>
    <message>
        <source>{0} ditinjau oleh {1}.</source>
        <translation>{0} reviewed by {1}.</translation>
    </message>
</context>
<context>
    <name>FundEntryDialog</name>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tahap</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Jumlah uang</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>No. surat / transfer</source>
        <translation>Letter / transfer no.</translation>
    </message>
    <message>
        <source>(tidak terkait pembelian)</source>
        <translation>(not for one purchase)</translation>
    </message>
    <message>
        <source>Keperluan</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Untuk pembelian</source>
        <translation>For purchase</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Melebihi saldo dana</source>
        <translation>Beyond the fund's balance</translation>
    </message>
    <message>
        <source>Tetap simpan?</source>
        <translation>Save anyway?</translation>
    </message>
</context>
<context>
    <name>FundPage</name>
    <message>
        <source>Dana KUBE</source>
        <translation>KUBE fund</translation>
    </message>
    <message>
        <source>Dana masuk (tahap)</source>
        <translation>Fund received (stage)</translation>
    </message>
    <message>
        <source>Penggunaan dana</source>
        <translation>Use of the fund</translation>
    </message>
    <message>
        <source>Tandai batal…</source>
        <translation>Mark void…</translation>
    </message>
    <message>
        <source>Laporan dana (PDF)</source>
        <translation>Fund report (PDF)</translation>
    </message>
    <message>
        <source>Tabel (Excel)</source>
        <translation>Tables (Excel)</translation>
    </message>
    <message>
        <source>Dana diterima</source>
        <translation>Fund received</translation>
    </message>
    <message>
        <source>Terpakai</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>Sisa dana</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Terpakai untuk barang sumber sendiri</source>
        <translation>Used for own-source goods</translation>
    </message>
    <message>
        <source>Porsi sumber sendiri, 12 bulan terakhir</source>
        <translation>Own-source share, last 12 months</translation>
    </message>
    <message>
        <source>Target kabupaten:</source>
        <translation>District target:</translation>
    </message>
    <message>
        <source>Simpan target</source>
        <translation>Save target</translation>
    </message>
    <message>
        <source>Pemasok dan NPWP/NIB</source>
        <translation>Suppliers and tax numbers</translation>
    </message>
    <message>
        <source>Isi NPWP/NIB pemasok…</source>
        <translation>Enter a supplier's tax number…</translation>
    </message>
    <message>
        <source>Tersimpan. Sisa dana: {0}</source>
        <translation>Saved. Fund balance: {0}</translation>
    </message>
    <message>
        <source>Tetap tandai batal?</source>
        <translation>Mark it void anyway?</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Tandai catatan dana batal</source>
        <translation>Mark a fund entry void</translation>
    </message>
    <message>
        <source>Melebihi saldo dana</source>
        <translation>Beyond the fund's balance</translation>
    </message>
    <message>
        <source>NPWP/NIB pemasok</source>
        <translation>Supplier's tax number</translation>
    </message>
    <message>
        <source>NPWP/NIB {0} (untuk pembelian berikutnya):</source>
        <translation>Tax number of {0} (for purchases from now on):</translation>
    </message>
    <message>
        <source>Membuat laporan dana KUBE…</source>
        <translation>Making the KUBE fund report…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Impor daftar KPM</source>
        <translation>Import the KPM list</translation>
    </message>
    <message>
        <source>Pilih berkas…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Kolom NIK:</source>
        <translation>NIK column:</translation>
    </message>
    <message>
        <source>Kolom nama:</source>
        <translation>Name column:</translation>
    </message>
    <message>
        <source>Kolom No. KKS:</source>
        <translation>KKS no. column:</translation>
    </message>
    <message>
        <source>Kolom desa:</source>
        <translation>Village column:</translation>
    </message>
    <message>
        <source>Kolom alamat:</source>
        <translation>Address column:</translation>
    </message>
    <message>
        <source>Lembar:</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <source>Pratinjau lagi</source>
        <translation>Preview again</translation>
    </message>
    <message>
        <source>Akan disimpan</source>
        <translation>To be saved</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Simpan baris ditolak…</source>
        <translation>Save refused rows…</translation>
    </message>
    <message>
        <source>Impor sekarang</source>
        <translation>Import now</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Pilih daftar KPM</source>
        <translation>Choose the KPM list</translation>
    </message>
    <message>
        <source>Daftar KPM (*.csv *.xlsx *.xlsm);;Semua berkas (*)</source>
        <translation>KPM list (*.csv *.xlsx *.xlsm);;All files (*)</translation>
    </message>
    <message>
        <source>Membaca {0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>{0} KPM baru, {1} diperbarui, {2} tidak berubah, {3} baris ditolak.</source>
        <translation>{0} new KPMs, {1} updated, {2} unchanged, {3} rows refused.</translation>
    </message>
    <message>
        <source>Menyimpan daftar KPM…</source>
        <translation>Saving the KPM list…</translation>
    </message>
    <message>
        <source>Impor selesai</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>Simpan baris ditolak</source>
        <translation>Save refused rows</translation>
    </message>
    <message>
        <source>Tersimpan</source>
        <translation>Saved</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Impor bundel dari flashdisk atau folder</source>
        <translation>Import bundles from a USB stick or a folder</translation>
    </message>
    <message>
        <source>Colokkan flashdisk dari e-warong, pilih di bawah, lalu Impor semua bundel (Ctrl+I). Setiap berkas mendapat satu baris; balasan untuk e-warong ditulis ke flashdisk yang sama.</source>
        <translation>Plug in the e-warong's USB stick, choose it below, then Import every bundle (Ctrl+I). Each file gets one line; the replies for the e-warongs are written onto the same stick.</translation>
    </message>
    <message>
        <source>&amp;Dari:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>Cari flashdisk lagi</source>
        <translation>Look for USB sticks again</translation>
    </message>
    <message>
        <source>Impor semua bundel</source>
        <translation>Import every bundle</translation>
    </message>
    <message>
        <source>Buka tanda terima</source>
        <translation>Open the receipt</translation>
    </message>
    <message>
        <source>Cetak tanda terima</source>
        <translation>Print the receipt</translation>
    </message>
    <message>
        <source>Kantor ini belum punya kunci: bundel terenkripsi (.ewb.enc) ditolak dan balasan tidak ditulis. Buat kunci sekali: ewarong-district key --office NAMA --kabupaten NAMA --out FOLDER</source>
        <translation>This office has no key yet: encrypted bundles (.ewb.enc) are refused and no replies are written. Make the key once: ewarong-district key --office NAME --kabupaten NAME --out FOLDER</translation>
    </message>
    <message>
        <source>Flashdisk {0} ({1})</source>
        <translation>USB stick {0} ({1})</translation>
    </message>
    <message>
        <source>Folder lain…</source>
        <translation>Another folder…</translation>
    </message>
    <message>
        <source>Pilih flashdisk atau folder</source>
        <translation>Choose a USB stick or a folder</translation>
    </message>
    <message>
        <source>Mengimpor dari {0}…</source>
        <translation>Importing from {0}…</translation>
    </message>
    <message>
        <source>Mengimpor bundel…</source>
        <translation>Importing bundles…</translation>
    </message>
    <message>
        <source>Mengimpor: {0} dari {1} berkas…</source>
        <translation>Importing: {0} of {1} files…</translation>
    </message>
    <message>
        <source>Tanda terima disimpan: {0}</source>
        <translation>Receipt saved: {0}</translation>
    </message>
    <message>
        <source>tanda terima</source>
        <translation>receipt</translation>
    </message>
    <message>
        <source>Impor masih berjalan</source>
        <translation>The import is still running</translation>
    </message>
    <message>
        <source>Tunggu sampai impor selesai; jendela bisa ditutup sesudahnya. Bundel yang sudah diimpor tetap tersimpan.</source>
        <translation>Wait until the import is done; the window can be closed then. Bundles already imported stay imported.</translation>
    </message>
</context>
<context>
    <name>KpmDialog</name>
    <message>
        <source>Ubah data KPM</source>
        <translation>Edit KPM</translation>
    </message>
    <message>
        <source>KPM baru</source>
        <translation>New KPM</translation>
    </message>
    <message>
        <source>bulan kerja ({0})</source>
        <translation>working month ({0})</translation>
    </message>
    <message>
        <source>NIK (16 angka):</source>
        <translation>NIK (16 digits):</translation>
    </message>
    <message>
        <source>No. kartu KKS:</source>
        <translation>KKS card no.:</translation>
    </message>
    <message>
        <source>Nama:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Desa:</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>Alamat:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Menerima bantuan mulai:</source>
        <translation>Receives aid from:</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>KpmPage</name>
    <message>
        <source>Daftar KPM</source>
        <translation>KPM list</translation>
    </message>
    <message>
        <source>Saring: nama, NIK, KKS atau desa</source>
        <translation>Filter: name, NIK, KKS or village</translation>
    </message>
    <message>
        <source>Tambah KPM</source>
        <translation>Add KPM</translation>
    </message>
    <message>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Impor daftar dari Dinas Sosial…</source>
        <translation>Import list from the social office…</translation>
    </message>
    <message>
        <source>Aktifkan lagi</source>
        <translation>Activate again</translation>
    </message>
    <message>
        <source>Nonaktifkan</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>{0} dari {1} KPM ({2} aktif)</source>
        <translation>{0} of {1} KPMs ({2} active)</translation>
    </message>
    <message>
        <source>Riwayat belanja: pilih satu KPM</source>
        <translation>Shopping history: choose a KPM</translation>
    </message>
    <message>
        <source>Riwayat belanja {0}</source>
        <translation>Shopping history of {0}</translation>
    </message>
    <message>
        <source>Nonaktifkan KPM</source>
        <translation>Deactivate KPM</translation>
    </message>
    <message>
        <source>Nonaktifkan {0} (KKS {1})? KPM yang tidak aktif tidak bisa dilayani; datanya tetap tersimpan.</source>
        <translation>Deactivate {0} (KKS {1})? An inactive KPM cannot be served; their records are kept.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Masuk - e-Warong</source>
        <translation>Log in - e-Warong</translation>
    </message>
    <message>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Ganti PIN admin</source>
        <translation>Change the admin PIN</translation>
    </message>
    <message>
        <source>Nama operator:</source>
        <translation>Operator name:</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>PIN baru (6-12 angka):</source>
        <translation>New PIN (6-12 digits):</translation>
    </message>
    <message>
        <source>Ulangi PIN baru:</source>
        <translation>New PIN again:</translation>
    </message>
    <message>
        <source>Simpan PIN</source>
        <translation>Save the PIN</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>PIN admin sekarang paling sedikit 6 angka. Buat PIN baru untuk {0}.</source>
        <translation>An admin PIN now has at least 6 digits. Make a new PIN for {0}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layani KPM</source>
        <translation>Serve KPM</translation>
    </message>
    <message>
        <source>KPM</source>
        <translation>KPM</translation>
    </message>
    <message>
        <source>Stok</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Pembelian</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Sinkron</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Dana KUBE</source>
        <translation>KUBE fund</translation>
    </message>
    <message>
        <source>e-Warong - bantuan pangan non tunai</source>
        <translation>e-Warong - non-cash food aid</translation>
    </message>
    <message>
        <source>English</source>
        <comment>name of the other language</comment>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <source>Ganti bahasa tampilan</source>
        <translation>Switch the display language</translation>
    </message>
    <message>
        <source>Kunci (Ctrl+L)</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <source>Langkah pertama e-warong baru:</source>
        <translation>First steps for a new e-warong:</translation>
    </message>
    <message>
        <source>isi barang yang dijual (F7 Pengaturan › Barang), lalu catat pembelian (F4)</source>
        <translation>enter the goods you sell (F7 Settings › Goods), then record purchases (F4)</translation>
    </message>
    <message>
        <source>impor daftar KPM dari Dinas Sosial (F2 KPM › Impor daftar)</source>
        <translation>import the KPM list from the social office (F2 KPM › Import list…)</translation>
    </message>
    <message>
        <source>periksa besaran bantuan per bulan (F7 Pengaturan › Besaran bantuan)</source>
        <translation>check the monthly aid rate (F7 Settings › Entitlement rates)</translation>
    </message>
    <message>
        <source>Bulan kerja: {0}</source>
        <translation>Working month: {0}</translation>
    </message>
</context>
<context>
    <name>Movement</name>
    <message>
        <source>pembelian masuk</source>
        <translation>purchase in</translation>
    </message>
    <message>
        <source>pembelian dibatalkan</source>
        <translation>purchase voided</translation>
    </message>
    <message>
        <source>keluar ke KPM</source>
        <translation>out to KPM</translation>
    </message>
    <message>
        <source>kembali (transaksi batal)</source>
        <translation>back in (voided sale)</translation>
    </message>
    <message>
        <source>penyesuaian</source>
        <translation>adjustment</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>baru</source>
        <translation>new</translation>
    </message>
    <message>
        <source>diperbarui</source>
        <translation>updated</translation>
    </message>
    <message>
        <source>tidak berubah</source>
        <translation>unchanged</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Ganti PIN {0}</source>
        <translation>Change {0}'s PIN</translation>
    </message>
    <message>
        <source>PIN baru:</source>
        <translation>New PIN:</translation>
    </message>
    <message>
        <source>Ulangi PIN baru:</source>
        <translation>New PIN again:</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Kedua PIN tidak sama; ketik ulang.</source>
        <translation>The two PINs differ; type it again.</translation>
    </message>
</context>
<context>
    <name>PrintingTab</name>
    <message>
        <source>Pencetakan</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>Printer struk:</source>
        <translation>Receipt printer:</translation>
    </message>
    <message>
        <source>Printer kantor (kuitansi, laporan):</source>
        <translation>Office printer (statements, reports):</translation>
    </message>
    <message>
        <source>Printer thermal USB tanpa driver (ESC/POS):</source>
        <translation>USB thermal printer without a driver (ESC/POS):</translation>
    </message>
    <message>
        <source>Cetak struk otomatis setiap transaksi tersimpan</source>
        <translation>Print the receipt automatically after each saved transaction</translation>
    </message>
    <message>
        <source>F9 dan "Cetak struk" langsung mencetak ke printer struk, tanpa dialog. Tanpa printer, struk disimpan sebagai PDF di folder dokumen. Ukuran kertas struk diatur di tab Profil. ESC/POS dipakai bila diisi (perlu paket python-escpos).</source>
        <translation>F9 and "Print receipt" print straight to the receipt printer, with no dialog. Without a printer the receipt is saved as a PDF in the documents folder. The receipt paper is set in the Profile tab. ESC/POS is used when filled in (needs the python-escpos package).</translation>
    </message>
    <message>
        <source>Simpan pengaturan cetak</source>
        <translation>Save printing settings</translation>
    </message>
    <message>
        <source>(tidak ada: simpan sebagai PDF)</source>
        <translation>(none: save as PDF)</translation>
    </message>
    <message>
        <source>{0} (tidak ditemukan)</source>
        <translation>{0} (not found)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Pengaturan cetak tersimpan; struk ke: {0}.</source>
        <translation>Printing settings saved; receipts go to: {0}.</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Ubah barang</source>
        <translation>Edit item</translation>
    </message>
    <message>
        <source>Barang baru</source>
        <translation>New item</translation>
    </message>
    <message>
        <source>Kode:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Nama:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Kategori:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>Satuan:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>Harga jual per satuan:</source>
        <translation>Selling price per unit:</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PurchaseVoidDialog</name>
    <message>
        <source>Tandai pembelian batal</source>
        <translation>Mark the purchase void</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>mis. salah catat jumlah</source>
        <translation>e.g. wrong quantity recorded</translation>
    </message>
    <message>
        <source>Pembelian tidak dihapus: ditandai batal dan barangnya keluar lagi dari stok.</source>
        <translation>The purchase is not deleted: it is marked void and its goods leave the stock again.</translation>
    </message>
    <message>
        <source>Tandai batal</source>
        <translation>Mark void</translation>
    </message>
    <message>
        <source>Jangan ubah</source>
        <translation>Leave it</translation>
    </message>
    <message>
        <source>Isi alasannya dulu.</source>
        <translation>Give the reason first.</translation>
    </message>
</context>
<context>
    <name>PurchasesPage</name>
    <message>
        <source>Catat pembelian</source>
        <translation>Record a purchase</translation>
    </message>
    <message>
        <source>Tanggal:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Jenis sumber:</source>
        <translation>Source kind:</translation>
    </message>
    <message>
        <source>Nama sumber:</source>
        <translation>Source name:</translation>
    </message>
    <message>
        <source>Catatan:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Barang</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Harga beli per satuan</source>
        <translation>Cost per unit</translation>
    </message>
    <message>
        <source>mis. Kelompok Tani Makmur, CV Sumber Pangan</source>
        <translation>e.g. Kelompok Tani Makmur, CV Sumber Pangan</translation>
    </message>
    <message>
        <source>nama atau kode, Enter</source>
        <translation>name or code, Enter</translation>
    </message>
    <message>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Hapus baris</source>
        <translation>Remove line</translation>
    </message>
    <message>
        <source>Simpan pembelian (Enter di kolom barang kosong)</source>
        <translation>Save purchase (Enter in the empty item field)</translation>
    </message>
    <message>
        <source>Pembelian bulan</source>
        <translation>Purchases in</translation>
    </message>
    <message>
        <source>Tandai pembelian batal…</source>
        <translation>Mark purchase void…</translation>
    </message>
    <message>
        <source>Sudah tercatat sebagai: {0}</source>
        <translation>Already recorded as: {0}</translation>
    </message>
    <message>
        <source>Sumber sendiri: {0} · Pihak ketiga: {1} · Bagian sumber sendiri: {2}</source>
        <translation>Own sources: {0} · Third party: {1} · Own-source share: {2}</translation>
    </message>
    <message>
        <source>Pilih satu pembelian untuk melihat barangnya.</source>
        <translation>Choose a purchase to see its items.</translation>
    </message>
    <message>
        <source>Barang dalam pembelian dari {0}, {1}:</source>
        <translation>Items bought from {0}, {1}:</translation>
    </message>
    <message>
        <source>Pembelian ditandai batal; barangnya keluar lagi dari stok.</source>
        <translation>Purchase marked void; its goods left the stock again.</translation>
    </message>
    <message>
        <source>harga jual {0}</source>
        <translation>selling price {0}</translation>
    </message>
    <message>
        <source>Total: {0}</source>
        <translation>Total: {0}</translation>
    </message>
    <message>
        <source>Tersimpan: pembelian dari {0}, {1} ({2}).</source>
        <translation>Saved: purchase from {0}, {1} ({2}).</translation>
    </message>
</context>
<context>
    <name>RecoveryCode</name>
    <message>
        <source>Kode pemulihan cadangan</source>
        <translation>Backup recovery code</translation>
    </message>
    <message>
        <source>PIN admin:</source>
        <translation>Admin PIN:</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>Kode pemulihan cadangan</source>
        <translation>Backup recovery code</translation>
    </message>
    <message>
        <source>Cadangan yang disalin ke flashdisk dikunci dengan kode ini. Tanpa kode ini cadangan itu tidak bisa dipulihkan. Tulis atau cetak kode ini, lalu simpan di tempat aman, terpisah dari laptop dan flashdisk.</source>
        <translation>Backups copied to a USB stick are locked with this code. Without it they cannot be restored. Write it down or print it, and keep it somewhere safe, apart from the laptop and the stick.</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Sudah saya catat</source>
        <translation>I have written it down</translation>
    </message>
    <message>
        <source>Simpan kertas ini di tempat aman. Kode ini membuka cadangan di flashdisk.</source>
        <translation>Keep this paper somewhere safe. This code opens the backups on a USB stick.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Laporan bulanan</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>&amp;Bulan:</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <source>Saring: kode, nama, kecamatan… (Ctrl+F)</source>
        <translation>Filter: code, name, kecamatan… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Simpan PDF… (Ctrl+P)</source>
        <translation>Save PDF… (Ctrl+P)</translation>
    </message>
    <message>
        <source>Simpan Excel… (Ctrl+E)</source>
        <translation>Save Excel… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Per e-warong</source>
        <translation>Per e-warong</translation>
    </message>
    <message>
        <source>Per kecamatan</source>
        <translation>Per kecamatan</translation>
    </message>
    <message>
        <source>Dana KUBE per akhir bulan</source>
        <translation>KUBE fund at the month's end</translation>
    </message>
    <message>
        <source>Menghitung laporan…</source>
        <translation>Computing the report…</translation>
    </message>
    <message>
        <source>{0}: {1} KPM dilayani, {2} transaksi senilai {3}; belanja sumber sendiri {4}, pihak ketiga {5}, porsi sendiri {6}.</source>
        <translation>{0}: {1} KPM served, {2} redemptions worth {3}; own-source purchases {4}, third party {5}, own share {6}.</translation>
    </message>
    <message>
        <source>{0} tanda terbuka untuk bulan ini atau tanpa bulan: lihat halaman Tanda.</source>
        <translation>{0} open flags for this month or no month: see the Flags page.</translation>
    </message>
    <message>
        <source>Tidak ada tanda terbuka untuk bulan ini.</source>
        <translation>No open flags for this month.</translation>
    </message>
    <message>
        <source>Kabupaten</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Tanda terbuka ({0})</source>
        <translation>Open flags ({0})</translation>
    </message>
    <message>
        <source>Porsi sumber sendiri (belanja)</source>
        <translation>Own-source share (purchases)</translation>
    </message>
    <message>
        <source>KPM dilayani</source>
        <translation>KPM served</translation>
    </message>
    <message>
        <source>garis putus-putus: target {0}%</source>
        <translation>dashed line: the {0}% target</translation>
    </message>
    <message>
        <source>Belum ada angka untuk bulan ini.</source>
        <translation>No figures for this month yet.</translation>
    </message>
    <message>
        <source>Simpan laporan PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <source>Simpan laporan Excel</source>
        <translation>Save the report as Excel</translation>
    </message>
    <message>
        <source>Menulis laporan…</source>
        <translation>Writing the report…</translation>
    </message>
    <message>
        <source>Laporan ditulis: {0}</source>
        <translation>Report written: {0}</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Laporan bulan</source>
        <translation>Report for</translation>
    </message>
    <message>
        <source>Laporan bulanan (PDF)</source>
        <translation>Monthly report (PDF)</translation>
    </message>
    <message>
        <source>Tabel (Excel)</source>
        <translation>Tables (Excel)</translation>
    </message>
    <message>
        <source>Kuitansi semua KPM (PDF)</source>
        <translation>All KPM statements (PDF)</translation>
    </message>
    <message>
        <source>Daftar tanda terima (PDF)</source>
        <translation>Signature roster (PDF)</translation>
    </message>
    <message>
        <source>KPM terdaftar</source>
        <translation>KPMs registered</translation>
    </message>
    <message>
        <source>KPM sudah dilayani</source>
        <translation>KPMs served</translation>
    </message>
    <message>
        <source>KPM belum dilayani</source>
        <translation>KPMs not yet served</translation>
    </message>
    <message>
        <source>Transaksi</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <source>Bantuan dibelanjakan</source>
        <translation>Aid spent</translation>
    </message>
    <message>
        <source>Hak bantuan semua KPM</source>
        <translation>Entitlement of all KPMs</translation>
    </message>
    <message>
        <source>Pembelian dari sumber sendiri</source>
        <translation>Bought from own sources</translation>
    </message>
    <message>
        <source>Pembelian dari pihak ketiga</source>
        <translation>Bought from third parties</translation>
    </message>
    <message>
        <source>Bagian sumber sendiri</source>
        <translation>Own-source share</translation>
    </message>
    <message>
        <source>Diterima KPM dari sumber sendiri</source>
        <translation>KPMs received from own sources</translation>
    </message>
    <message>
        <source>Diterima KPM dari pihak ketiga</source>
        <translation>KPMs received from third parties</translation>
    </message>
    <message>
        <source>Diterima KPM, asal tidak tercatat</source>
        <translation>KPMs received, source not recorded</translation>
    </message>
    <message>
        <source>Pembelian menurut sumber, 12 bulan terakhir</source>
        <translation>Purchases by source, last 12 months</translation>
    </message>
    <message>
        <source>Belum ada pembelian dalam 12 bulan ini</source>
        <translation>No purchases in these 12 months</translation>
    </message>
    <message>
        <source>Sumber sendiri (% di atas batang)</source>
        <translation>Own sources (% above the bar)</translation>
    </message>
    <message>
        <source>Pihak ketiga (pemasok)</source>
        <translation>Third party (suppliers)</translation>
    </message>
    <message>
        <source>Menghitung pembelian per bulan…</source>
        <translation>Adding up purchases by month…</translation>
    </message>
    <message>
        <source>{0}, {1} dibatalkan</source>
        <translation>{0}, {1} voided</translation>
    </message>
    <message>
        <source>Stok {0}</source>
        <translation>Stock {0}</translation>
    </message>
    <message>
        <source>Membuat kuitansi semua KPM…</source>
        <translation>Making all KPM statements…</translation>
    </message>
    <message>
        <source>Membuat laporan bulanan…</source>
        <translation>Making the monthly report…</translation>
    </message>
    <message>
        <source>Dicetak</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>{0} dicetak ke {1}.</source>
        <translation>{0} printed on {1}.</translation>
    </message>
    <message>
        <source>Membuat daftar tanda terima…</source>
        <translation>Making the signature roster…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Profil dan bahasa</source>
        <translation>Profile and language</translation>
    </message>
    <message>
        <source>Besaran bantuan</source>
        <translation>Entitlement rates</translation>
    </message>
    <message>
        <source>Barang</source>
        <comment>settings tab</comment>
        <translation>Goods</translation>
    </message>
    <message>
        <source>Operator</source>
        <comment>settings tab</comment>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Profil e-warong</source>
        <translation>E-warong profile</translation>
    </message>
    <message>
        <source>Bulan kerja dan bahasa</source>
        <translation>Working month and language</translation>
    </message>
    <message>
        <source>Kode e-warong:</source>
        <translation>E-warong code:</translation>
    </message>
    <message>
        <source>Nama e-warong:</source>
        <translation>E-warong name:</translation>
    </message>
    <message>
        <source>Desa:</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>Kecamatan:</source>
        <translation>Sub-district:</translation>
    </message>
    <message>
        <source>Kabupaten:</source>
        <translation>District:</translation>
    </message>
    <message>
        <source>Kode wilayah:</source>
        <translation>Area code:</translation>
    </message>
    <message>
        <source>Bulan kerja:</source>
        <translation>Working month:</translation>
    </message>
    <message>
        <source>Bahasa:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Kertas struk:</source>
        <translation>Receipt paper:</translation>
    </message>
    <message>
        <source>Ganti PIN saya…</source>
        <translation>Change my PIN…</translation>
    </message>
    <message>
        <source>Rol 58 mm</source>
        <translation>58 mm roll</translation>
    </message>
    <message>
        <source>Rol 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <source>Lembar A5</source>
        <translation>A5 sheet</translation>
    </message>
    <message>
        <source>Kuitansi bulanan:</source>
        <translation>Monthly statements:</translation>
    </message>
    <message>
        <source>1 per lembar A4</source>
        <translation>1 per A4 sheet</translation>
    </message>
    <message>
        <source>2 per lembar A4 (A5, digunting)</source>
        <translation>2 per A4 sheet (A5, cut apart)</translation>
    </message>
    <message>
        <source>Simpan profil</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <source>Tetapkan bulan kerja</source>
        <translation>Set working month</translation>
    </message>
    <message>
        <source>Besaran baru:</source>
        <translation>New amount:</translation>
    </message>
    <message>
        <source>berlaku mulai bulan:</source>
        <translation>from the month:</translation>
    </message>
    <message>
        <source>PIN {0} diganti.</source>
        <translation>{0}'s PIN changed.</translation>
    </message>
    <message>
        <source>Tambah besaran</source>
        <translation>Add rate</translation>
    </message>
    <message>
        <source>Besaran baru berlaku mulai bulan itu; besaran sebelumnya otomatis berakhir sebulan sebelumnya.</source>
        <translation>A new rate applies from its month; the rate before it ends the month before.</translation>
    </message>
    <message>
        <source>Tambah barang</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Berhenti / mulai dijual</source>
        <translation>Stop / start selling</translation>
    </message>
    <message>
        <source>Nama:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>Peran:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Tambah operator</source>
        <translation>Add operator</translation>
    </message>
    <message>
        <source>Ganti PIN…</source>
        <translation>Change PIN…</translation>
    </message>
    <message>
        <source>Nonaktifkan / aktifkan</source>
        <translation>Deactivate / activate</translation>
    </message>
    <message>
        <source>Kode pemulihan cadangan…</source>
        <translation>Backup recovery code…</translation>
    </message>
    <message>
        <source>Profil tersimpan.</source>
        <translation>Profile saved.</translation>
    </message>
    <message>
        <source>Struk dicetak untuk: {0}.</source>
        <translation>Receipts are printed for: {0}.</translation>
    </message>
    <message>
        <source>Kuitansi bulanan dicetak: {0}.</source>
        <translation>Monthly statements print: {0}.</translation>
    </message>
    <message>
        <source>Bulan kerja: {0}.</source>
        <translation>Working month: {0}.</translation>
    </message>
    <message>
        <source>Besaran bantuan tersimpan.</source>
        <translation>Entitlement rate saved.</translation>
    </message>
    <message>
        <source>Barang tersimpan.</source>
        <translation>Item saved.</translation>
    </message>
    <message>
        <source>Operator tersimpan.</source>
        <translation>Operator saved.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Penyiapan awal e-Warong</source>
        <translation>e-Warong first-time setup</translation>
    </message>
    <message>
        <source>1. Profil e-warong</source>
        <translation>1. E-warong profile</translation>
    </message>
    <message>
        <source>2. Admin dan PIN</source>
        <translation>2. Admin and PIN</translation>
    </message>
    <message>
        <source>3. Sidik jari kunci</source>
        <translation>3. Key fingerprint</translation>
    </message>
    <message>
        <source>Isi data e-warong seperti yang terdaftar di Dinas Sosial.</source>
        <translation>Fill in the e-warong as registered with the district social office.</translation>
    </message>
    <message>
        <source>Admin mengurus pengaturan, operator, besaran bantuan dan pembatalan. PIN admin 6 sampai 12 angka.</source>
        <translation>The admin looks after settings, operators, rates and voids. An admin PIN has 6 to 12 digits.</translation>
    </message>
    <message>
        <source>Kode e-warong:</source>
        <translation>E-warong code:</translation>
    </message>
    <message>
        <source>Nama e-warong:</source>
        <translation>E-warong name:</translation>
    </message>
    <message>
        <source>Desa:</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>Kecamatan:</source>
        <translation>Sub-district:</translation>
    </message>
    <message>
        <source>Kabupaten:</source>
        <translation>District:</translation>
    </message>
    <message>
        <source>Kode wilayah (boleh kosong):</source>
        <translation>Area code (optional):</translation>
    </message>
    <message>
        <source>mis. LTM-SKP-01</source>
        <translation>e.g. LTM-SKP-01</translation>
    </message>
    <message>
        <source>mis. 18.07.12.2001</source>
        <translation>e.g. 18.07.12.2001</translation>
    </message>
    <message>
        <source>Nama admin:</source>
        <translation>Admin name:</translation>
    </message>
    <message>
        <source>PIN admin:</source>
        <translation>Admin PIN:</translation>
    </message>
    <message>
        <source>Ulangi PIN:</source>
        <translation>PIN again:</translation>
    </message>
    <message>
        <source>Data e-warong sudah dibuat. Kunci tanda tangan untuk berkas sinkron juga sudah dibuat; bacakan sidik jari ini kepada Dinas Sosial saat pendaftaran:</source>
        <translation>The e-warong store is ready, with the signing key for sync files; read this fingerprint out to the social office when enrolling:</translation>
    </message>
    <message>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Mulai</source>
        <comment>button: start using the app</comment>
        <translation>Start</translation>
    </message>
    <message>
        <source>Lanjut</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Tanggal dan jam laptop sudah benar? (Tidak: aplikasi ditutup agar jam dibetulkan dulu.)</source>
        <translation>Are the laptop's date and time right? (No: the app closes so the clock can be fixed first.)</translation>
    </message>
    <message>
        <source>Periksa jam laptop</source>
        <translation>Check the laptop clock</translation>
    </message>
    <message>
        <source>Bulan baru</source>
        <translation>A new month</translation>
    </message>
    <message>
        <source>Bulan kerja masih {0}, tetapi jam laptop sudah {1}. Pindah ke {1}?</source>
        <translation>The working month is still {0}, but the laptop clock says {1}. Move to {1}?</translation>
    </message>
    <message>
        <source>Membuka data e-warong...</source>
        <translation>Opening the e-warong's data...</translation>
    </message>
    <message>
        <source>Menyimpan cadangan akhir hari... Jangan matikan laptop dulu.</source>
        <translation>Saving the end-of-day backup... Do not switch the laptop off yet.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <source>tidak aktif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <source>dijual</source>
        <translation>on sale</translation>
    </message>
    <message>
        <source>tidak dijual</source>
        <translation>not sold</translation>
    </message>
    <message>
        <source>sumber sendiri</source>
        <translation>own source</translation>
    </message>
    <message>
        <source>pihak ketiga</source>
        <translation>third party</translation>
    </message>
    <message>
        <source>masih berlaku</source>
        <translation>still in force</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>Stok barang</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Saring barang</source>
        <translation>Filter items</translation>
    </message>
    <message>
        <source>Penyesuaian stok… (rusak, hilang, opname)</source>
        <translation>Adjust stock… (damaged, lost, count)</translation>
    </message>
    <message>
        <source>Pilih barangnya dulu di daftar.</source>
        <translation>Choose the item in the list first.</translation>
    </message>
    <message>
        <source>Semua barang</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>Buku stok: semua barang (terbaru dulu)</source>
        <translation>Stock ledger: all items (newest first)</translation>
    </message>
    <message>
        <source>Buku stok: {0} (terbaru dulu)</source>
        <translation>Stock ledger: {0} (newest first)</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sinkron ke Dinas Sosial</source>
        <translation>Sync to the social office</translation>
    </message>
    <message>
        <source>Pasang flashdisk, pilih di daftar Tujuan, tekan Ekspor. Berkas bertanda tangan berisi semua perubahan sejak ekspor terakhir; serahkan ke Dinas Sosial. Salinan setiap berkas tetap disimpan di laptop ini.</source>
        <translation>Plug in a USB stick, choose it under Destination, press Export. The signed file holds every change since the last export; hand it to the social office. A copy of every file stays on this laptop.</translation>
    </message>
    <message>
        <source>Sidik jari kunci e-warong ini (bacakan saat pendaftaran):</source>
        <translation>This e-warong's key fingerprint (read it out when enrolling):</translation>
    </message>
    <message>
        <source>&amp;Tujuan:</source>
        <translation>&amp;Destination:</translation>
    </message>
    <message>
        <source>Cari flashdisk lagi</source>
        <translation>Look for USB sticks again</translation>
    </message>
    <message>
        <source>Kirim semua data (bukan hanya perubahan)</source>
        <translation>Send everything (not only the changes)</translation>
    </message>
    <message>
        <source>Ekspor ke flashdisk / folder…</source>
        <translation>Export to USB stick / folder…</translation>
    </message>
    <message>
        <source>Simpan berkas pendaftaran…</source>
        <translation>Save enrolment file…</translation>
    </message>
    <message>
        <source>Berkas yang pernah diekspor</source>
        <translation>Files exported so far</translation>
    </message>
    <message>
        <source>Belum pernah mengekspor. Berkas pertama berisi semua data e-warong; berikutnya hanya perubahannya.</source>
        <translation>Nothing exported yet. The first file carries all of the e-warong's data; later ones only the changes.</translation>
    </message>
    <message>
        <source>Salin lagi berkas terpilih…</source>
        <translation>Copy the chosen file again…</translation>
    </message>
    <message>
        <source>Cadangan data</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Cadangkan sekarang ke flashdisk…</source>
        <translation>Back up now to a USB stick…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln transaksi</source>
        <translation>
            <numerusform>%Ln sale</numerusform><numerusform>%Ln sales</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln pembelian</source>
        <translation>
            <numerusform>%Ln purchase</numerusform><numerusform>%Ln purchases</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln data KPM</source>
        <translation>
            <numerusform>%Ln KPM record</numerusform><numerusform>%Ln KPM records</numerusform></translation>
    </message>
    <message>
        <source>Cadangan terakhir: {0}. Laptop membuat satu cadangan setiap hari; simpan juga salinan di flashdisk.</source>
        <translation>Last backup: {0}. The laptop makes one backup a day; keep a copy on a USB stick too.</translation>
    </message>
    <message>
        <source>Tersimpan di {0}. Cabut flashdisk dengan aman, lalu serahkan.</source>
        <translation>Saved in {0}. Remove the USB stick safely, then hand it in.</translation>
    </message>
    <message>
        <source>Disalin lagi ke {0}.</source>
        <translation>Copied again to {0}.</translation>
    </message>
    <message>
        <source>ID kunci {0} · epoch {1}</source>
        <translation>Key ID {0} · epoch {1}</translation>
    </message>
    <message>
        <source>Kunci Dinas Sosial:</source>
        <translation>The Dinas's key:</translation>
    </message>
    <message>
        <source>Terima balasan Dinas…</source>
        <translation>Receive the Dinas's reply…</translation>
    </message>
    <message>
        <source>Tinjau daftar KPM dari Dinas…</source>
        <translation>Review the Dinas's KPM list…</translation>
    </message>
    <message>
        <source>Terima besaran baru</source>
        <translation>Accept the new rates</translation>
    </message>
    <message>
        <source>Daftarkan kunci Dinas…</source>
        <translation>Enrol the Dinas's key…</translation>
    </message>
    <message>
        <source>Belum didaftarkan: bundel dikirim tanpa enkripsi. Minta berkas kunci Dinas dan sidik jarinya lewat telepon.</source>
        <translation>Not enrolled: bundles go unencrypted. Ask the Dinas for its key file and its fingerprint by phone.</translation>
    </message>
    <message>
        <source>Belum didaftarkan: bundel dikirim tanpa enkripsi sampai admin mendaftarkan kunci Dinas.</source>
        <translation>Not enrolled: bundles go unencrypted until an admin enrols the Dinas's key.</translation>
    </message>
    <message>
        <source>Bundel dienkripsi untuk {0}, Kabupaten {1} (sidik jari {2}); hanya Dinas itu yang bisa membacanya.</source>
        <translation>Bundles are encrypted for {0}, Kabupaten {1} (fingerprint {2}); only that Dinas can read them.</translation>
    </message>
    <message>
        <source>Belum ada balasan Dinas.</source>
        <translation>No reply from the Dinas yet.</translation>
    </message>
    <message>
        <source>Balasan Dinas terakhir: no. {0}.</source>
        <translation>Last reply from the Dinas: no. {0}.</translation>
    </message>
    <message>
        <source>Dinas belum menerima berkas no. {0} (epoch {1}): pilih di daftar lalu tekan Salin lagi, atau ekspor dengan Kirim semua data.</source>
        <translation>The Dinas has not received bundle no. {0} (epoch {1}): choose it in the list and press Copy the chosen file again, or export with Send everything.</translation>
    </message>
    <message>
        <source>Dinas melaporkan: {0}</source>
        <translation>The Dinas reports: {0}</translation>
    </message>
    <message>
        <source>Besaran baru dari Dinas menunggu persetujuan admin: {0}.</source>
        <translation>New rates from the Dinas wait for an admin to accept them: {0}.</translation>
    </message>
    <message>
        <source>Minta admin menerimanya di halaman ini.</source>
        <translation>Ask an admin to accept them on this page.</translation>
    </message>
    <message>
        <source>Belum pernah dikirim ke Dinas Sosial.</source>
        <translation>Never sent to the district office yet.</translation>
    </message>
    <message>
        <source>Terakhir dikirim {0}.</source>
        <translation>Last sent {0}.</translation>
    </message>
    <message>
        <source>Belum dikirim: {0}, {1}, {2}.</source>
        <translation>Not sent yet: {0}, {1}, {2}.</translation>
    </message>
    <message>
        <source>Berkas berikutnya berisi semua data.</source>
        <translation>The next file carries all the data.</translation>
    </message>
    <message>
        <source>Belum ada cadangan.</source>
        <translation>No backup yet.</translation>
    </message>
    <message>
        <source>{0} ({1}), kosong {2} GB</source>
        <translation>{0} ({1}), {2} GB free</translation>
    </message>
    <message>
        <source>Folder lain…</source>
        <translation>Another folder…</translation>
    </message>
    <message>
        <source>Pilih flashdisk atau folder tujuan</source>
        <translation>Choose the USB stick or folder</translation>
    </message>
    <message>
        <source>Cadangan terenkripsi disalin ke {0}; memulihkannya perlu kode pemulihan.</source>
        <translation>Encrypted backup copied to {0}; restoring it needs the recovery code.</translation>
    </message>
    <message>
        <source>Cadangan disalin ke {0}.</source>
        <translation>Backup copied to {0}.</translation>
    </message>
    <message>
        <source>Mencadangkan data…</source>
        <translation>Backing up the data…</translation>
    </message>
    <message>
        <source>Mengumpulkan data…</source>
        <translation>Collecting the data…</translation>
    </message>
    <message>
        <source>Menyimpan salinan di laptop…</source>
        <translation>Keeping a copy on the laptop…</translation>
    </message>
    <message>
        <source>Menyalin ke flashdisk…</source>
        <translation>Copying to the USB stick…</translation>
    </message>
    <message>
        <source>Mengekspor…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Tidak ada yang berubah sejak bundel seq {0}: tidak ada berkas yang ditulis.</source>
        <translation>Nothing changed since bundle seq {0}: no file was written.</translation>
    </message>
    <message>
        <source>Menyalin…</source>
        <translation>Copying…</translation>
    </message>
    <message>
        <source>Simpan berkas pendaftaran ke</source>
        <translation>Save the enrolment file to</translation>
    </message>
    <message>
        <source>Tersimpan</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Kunci Dinas terdaftar. Mulai sekarang bundel dienkripsi untuk {0}, Kabupaten {1} (sidik jari {2}).</source>
        <translation>The Dinas's key is enrolled. From now on bundles are encrypted for {0}, Kabupaten {1} (fingerprint {2}).</translation>
    </message>
    <message>
        <source>Pilih berkas balasan Dinas</source>
        <translation>Choose the Dinas's reply file</translation>
    </message>
    <message>
        <source>Balasan Dinas (*.reply.json);;Semua berkas (*)</source>
        <translation>Dinas reply (*.reply.json);;All files (*)</translation>
    </message>
    <message>
        <source>Balasan {0} ditolak, tidak ada yang berubah: {1}</source>
        <translation>Reply {0} refused, nothing changed: {1}</translation>
    </message>
    <message>
        <source>Balasan no. {0} tidak diterapkan: balasan no. {1} yang sama atau lebih baru sudah diterapkan. Tidak ada yang berubah.</source>
        <translation>Reply no. {0} not applied: reply no. {1}, the same or newer, was applied already. Nothing changed.</translation>
    </message>
    <message>
        <source>Balasan Dinas no. {0} diterapkan: {1}.</source>
        <translation>Reply no. {0} from the Dinas applied: {1}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln bundel baru diterima Dinas</source>
        <translation>
            <numerusform>%Ln more bundle received by the Dinas</numerusform><numerusform>%Ln more bundles received by the Dinas</numerusform></translation>
    </message>
    <message>
        <source>Besaran baru diterima: {0}.</source>
        <translation>New rates accepted: {0}.</translation>
    </message>
    <message>
        <source>Daftar KPM dari Dinas (balasan no. {0})</source>
        <translation>The Dinas's KPM list (reply no. {0})</translation>
    </message>
    <message>
        <source>Daftar KPM dari Dinas sama dengan data e-warong ini.</source>
        <translation>The Dinas's KPM list matches this e-warong's.</translation>
    </message>
    <message>
        <source>Membaca daftar KPM dari Dinas…</source>
        <translation>Reading the Dinas's KPM list…</translation>
    </message>
</context>
<context>
    <name>TargetLine</name>
    <message>
        <source>Target kabupaten belum diisi (admin: halaman Dana KUBE, F8). Porsi sumber sendiri 12 bulan: {0}.</source>
        <translation>The district's target is not set yet (admin: KUBE fund page, F8). Own-source share over 12 months: {0}.</translation>
    </message>
    <message>
        <source>Target kabupaten {0}% mulai {1}: tercapai {2} dari {3} bulan berdata. Porsi sumber sendiri 12 bulan: {4}.</source>
        <translation>District target {0}% from {1}: met in {2} of {3} months with purchases. Own-source share over 12 months: {4}.</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <source>Transaksi hari ini</source>
        <translation>Today's transactions</translation>
    </message>
    <message>
        <source>Cetak struk</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>Tandai transaksi batal…</source>
        <translation>Mark the sale void…</translation>
    </message>
    <message>
        <source>Rekap harian</source>
        <translation>Daily summary</translation>
    </message>
    <message>
        <source>Struk dicetak ke {0}.</source>
        <translation>Receipt printed on {0}.</translation>
    </message>
    <message>
        <source>Belum ada printer struk: PDF disimpan di {0}.</source>
        <translation>No receipt printer chosen: PDF saved at {0}.</translation>
    </message>
    <message>
        <source>Printer {0} tidak ditemukan: PDF disimpan di {1}.</source>
        <translation>Printer {0} not found: PDF saved at {1}.</translation>
    </message>
    <message>
        <source>{0} transaksi, {1}</source>
        <translation>{0} transactions, {1}</translation>
    </message>
    <message>
        <source>Dibatalkan: {0}, {1}.</source>
        <translation>Voided: {0}, {1}.</translation>
    </message>
</context>
<context>
    <name>UnlistedDialog</name>
    <message>
        <source>KPM luar daftar</source>
        <translation>KPM not on the list</translation>
    </message>
    <message>
        <source>misalnya: dikirim dari e-warong desa tetangga</source>
        <translation>for example: sent from a neighbouring village's e-warong</translation>
    </message>
    <message>
        <source>Untuk KPM yang tidak ada di daftar e-warong ini tetapi dilayani di sini. Tercatat sebagai luar daftar di struk, laporan dan berkas sinkron.</source>
        <translation>For a KPM not on this e-warong's list but served here. Marked as not on the list on receipts, reports and sync files.</translation>
    </message>
    <message>
        <source>Nama:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>NIK (16 angka):</source>
        <translation>NIK (16 digits):</translation>
    </message>
    <message>
        <source>No. kartu KKS:</source>
        <translation>KKS card no.:</translation>
    </message>
    <message>
        <source>Desa asal:</source>
        <translation>Home village:</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>mis. salah barang, KPM membatalkan</source>
        <translation>e.g. wrong item, KPM changed their mind</translation>
    </message>
    <message>
        <source>nomor referensi pembatalan di struk EDC</source>
        <translation>reversal reference on the EDC slip</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Ref. EDC asal:</source>
        <translation>Original EDC ref.:</translation>
    </message>
    <message>
        <source>Tandai transaksi batal</source>
        <translation>Mark the sale void</translation>
    </message>
    <message>
        <source>Ref. pembatalan EDC:</source>
        <translation>EDC reversal ref.:</translation>
    </message>
    <message>
        <source>Transaksi tidak dihapus: ditandai batal, stok kembali, sisa bantuan pulih.</source>
        <translation>Nothing is deleted: the transaction is marked void, stock goes back, the aid is freed.</translation>
    </message>
    <message numerus="yes">
        <source>Satu belanja dari %n bulan bantuan: semua bagiannya ditandai batal bersama.</source>
        <translation>
            <numerusform>One basket over %n month of aid: every part of it is voided together.</numerusform><numerusform>One basket over %n months of aid: every part of it is voided together.</numerusform></translation>
    </message>
    <message>
        <source>Tandai batal</source>
        <translation>Mark void</translation>
    </message>
    <message>
        <source>Jangan ubah</source>
        <translation>Leave it</translation>
    </message>
    <message>
        <source>Isi alasannya dulu.</source>
        <translation>Give the reason first.</translation>
    </message>
    <message>
        <source>Dibayar lewat EDC: isi nomor referensi pembatalan dari struk EDC.</source>
        <translation>Paid on the EDC: enter the reversal reference from the EDC slip.</translation>
    </message>
</context>
<context>
    <name>WarongsPage</name>
    <message>
        <source>E-warong terdaftar</source>
        <translation>Enrolled e-warongs</translation>
    </message>
    <message>
        <source>Saring: kode, nama, kecamatan, desa...</source>
        <translation>Filter: code, name, kecamatan, desa...</translation>
    </message>
    <message>
        <source>&amp;Tampilkan:</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <source>semua</source>
        <translation>all</translation>
    </message>
    <message>
        <source>diam lebih dari 30 hari</source>
        <translation>silent for more than 30 days</translation>
    </message>
    <message>
        <source>ada bulan hilang</source>
        <translation>with months missing</translation>
    </message>
    <message>
        <source>ada tanda terbuka</source>
        <translation>with open flags</translation>
    </message>
    <message>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Bundel</source>
        <translation>Bundles</translation>
    </message>
    <message>
        <source>Riwayat dan tanda</source>
        <translation>History and flags</translation>
    </message>
    <message>
        <source>semua kecamatan</source>
        <translation>every kecamatan</translation>
    </message>
    <message>
        <source>Belum ada e-warong terdaftar. Daftarkan dulu dengan berkas enrolmen dari e-warong.</source>
        <translation>No e-warong enrolled yet. Enrol one first with the e-warong's enrolment file.</translation>
    </message>
    <message>
        <source>{0} dari {1} e-warong ditampilkan.</source>
        <translation>{0} of {1} e-warongs shown.</translation>
    </message>
    <message>
        <source>Pilih satu e-warong untuk melihat rinciannya.</source>
        <translation>Choose an e-warong to see its details.</translation>
    </message>
    <message>
        <source>Desa {0}, kecamatan {1}.</source>
        <translation>Desa {0}, kecamatan {1}.</translation>
    </message>
    <message>
        <source>Tidak ada kiriman selama {0} hari: hubungi e-warong.</source>
        <translation>Nothing received for {0} days: call the e-warong.</translation>
    </message>
    <message>
        <source>Bulan tanpa data: {0}.</source>
        <translation>Months without data: {0}.</translation>
    </message>
    <message>
        <source>Bundel no. {0} belum diterima: minta e-warong menyalinnya lagi.</source>
        <translation>Bundle no. {0} has not arrived: ask the e-warong to copy it again.</translation>
    </message>
    <message>
        <source>Kunci epoch {0}, sidik jari {1}, didaftarkan {2}</source>
        <translation>Key epoch {0}, fingerprint {1}, enrolled {2}</translation>
    </message>
    <message>
        <source>; diganti {0}: {1}</source>
        <translation>; replaced {0}: {1}</translation>
    </message>
</context>
</TS>