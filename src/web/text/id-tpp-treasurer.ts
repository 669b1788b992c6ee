/** Indonesian strings of the treasurer's TPP pages (key `tppTreasurer`; en-tpp-treasurer.ts has the same keys). */
export const idTppTreasurer = {
  runsSubtitle:
    'Perhitungan TPP unit yang Anda menjadi bendahara pengeluarannya, sejak diumumkan kepada pegawai.',
  readOnly:
    'Anda melihat perhitungan ini sebagai bendahara pengeluaran: unduh daftar nominatif dan, setelah disetujui BKD, ' +
    'berkas transfer bank. Perhitungan, persetujuan dan keberatan tetap pada admin OPD, kepala OPD dan BKD.',
} as const;
