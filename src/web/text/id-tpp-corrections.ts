/** Indonesian strings of the corrections of a locked TPP run (key `tppCorrections`; en-tpp-corrections.ts has the same keys). */
export const idTppCorrections = {
  title: 'Koreksi',
  intro:
    'TPP yang sudah dikunci tidak diubah. Bila data masukan berubah sesudahnya (misalnya izin terlambat disetujui ' +
    'atau angka kinerja disesuaikan), selisihnya dicatat sebagai koreksi dan dibayar pada TPP bulan berikutnya.',
  check: 'Hitung ulang dari data terbaru',
  checking: 'Menghitung ulang semua baris dari data terbaru…',
  refresh: 'Hitung ulang lagi',
  previewTitle: 'Pratinjau perhitungan ulang',
  noDifference:
    'Tidak ada selisih: perhitungan ulang sama dengan yang dibayar dan koreksi yang sudah dicatat.',
  summary: '{{count}} pegawai dengan selisih · kekurangan bayar {{underpaid}} · kelebihan bayar {{overpaid}}',
  kinds: { KEKURANGAN: 'Kekurangan bayar', KELEBIHAN: 'Kelebihan bayar', NONE: 'Tidak ada selisih' },
  cols: {
    employee: 'Pegawai',
    nip: 'NIP',
    paid: 'Dibayar',
    recomputed: 'Hitung ulang',
    recorded: 'Sudah dicatat',
    difference: 'Selisih',
    reason: 'Alasan',
    amount: 'Jumlah',
    state: 'Status',
    recordedAt: 'Dicatat',
  },
  noData: 'Tidak ada data',
  record: 'Catat koreksi',
  recordTitle: 'Catat koreksi TPP {{month}}',
  recordConfirm:
    '{{count}} koreksi akan dicatat (kekurangan bayar {{underpaid}}, kelebihan bayar {{overpaid}}) dan dibayar ' +
    'atau diperhitungkan pada TPP berikutnya setiap pegawai. Setiap pegawai diberi tahu.',
  recorded: '{{count}} koreksi dicatat.',
  recordedNone: 'Tidak ada koreksi baru yang perlu dicatat.',
  cancel: 'Batal',
  confirm: 'Catat',
  listTitle: 'Koreksi yang tercatat',
  listEmpty: 'Belum ada koreksi yang dicatat untuk TPP ini.',
  open: 'Belum dibayar',
  paidIn: 'Dibayar pada TPP {{month}}',
  paid: 'Sudah dibayar',
  openRun: 'Buka perhitungan',
} as const;
