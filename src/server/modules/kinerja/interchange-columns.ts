import type { KinerjaImportColumn } from '../../../shared/api/kinerja-interchange.ts';

/**
 * The columns of the SKP/RHK import file, one row per indicator (issue 15 point 7; docs/kinerja-interchange.md).
 * Header text is normalised (lower case, spaces/dashes → `_`) and the aliases below map the headers of the
 * BKN e-Kinerja / SIASN-style sheets to these names.
 */
export const SKP_IMPORT_COLUMNS: KinerjaImportColumn[] = [
  { name: 'nip', required: true, example: '198503122010011003', description: 'NIP pegawai (18 digit)' },
  { name: 'tahun', required: true, example: '2026', description: 'Tahun SKP' },
  {
    name: 'periode_mulai',
    required: true,
    example: '01/01/2026',
    description: 'Awal periode SKP (dd/MM/yyyy), di tahun SKP',
  },
  {
    name: 'periode_selesai',
    required: true,
    example: '31/12/2026',
    description: 'Akhir periode SKP (dd/MM/yyyy), di tahun SKP',
  },
  { name: 'pendekatan', required: true, example: 'Kuantitatif', description: 'Kuantitatif atau Kualitatif' },
  { name: 'jenis_rhk', required: true, example: 'Utama', description: 'Utama atau Tambahan' },
  { name: 'no_rhk', required: true, example: '1', description: 'Nomor urut RHK dalam SKP (1, 2, …)' },
  {
    name: 'rhk',
    required: true,
    example: 'Tersusunnya laporan keuangan OPD tepat waktu',
    description: 'Rencana hasil kerja',
  },
  {
    name: 'nip_atasan',
    required: false,
    example: '197601052000031002',
    description: 'NIP atasan pemilik RHK yang diintervensi (kosong: atasan langsung di Abdi)',
  },
  {
    name: 'no_rhk_atasan',
    required: false,
    example: '1',
    description: 'Nomor RHK atasan yang diintervensi (atau isi rhk_atasan)',
  },
  {
    name: 'rhk_atasan',
    required: false,
    example: '',
    description: 'Teks RHK atasan yang diintervensi, bila nomornya tidak diketahui',
  },
  {
    name: 'penugasan_dari',
    required: false,
    example: '',
    description: 'Untuk JPT/kepala unit: Perjanjian Kinerja/Renstra asal RHK (ganti RHK atasan)',
  },
  {
    name: 'indikator',
    required: true,
    example: 'Jumlah laporan keuangan yang disusun',
    description: 'Indikator kinerja individu',
  },
  {
    name: 'aspek',
    required: true,
    example: 'Kuantitas',
    description: 'Kuantitas, Kualitas, Waktu atau Biaya',
  },
  { name: 'target_min', required: true, example: '12', description: 'Target (batas bawah), angka ≥ 0' },
  {
    name: 'target_max',
    required: false,
    example: '12',
    description: 'Target batas atas (kosong: satu nilai), ≥ target_min',
  },
  { name: 'satuan', required: true, example: 'laporan', description: 'Satuan target' },
  {
    name: 'status_bkn',
    required: false,
    example: '',
    description: 'Kosong/Draft: SKP draf; "Disetujui": SKP sudah disetujui di e-Kinerja BKN',
  },
];

/** Headers of BKN e-Kinerja / SIASN-like sheets (and common variants) → the column names above. */
export const SKP_IMPORT_ALIASES: Record<string, string> = {
  nip_baru: 'nip',
  nip_pegawai: 'nip',
  tahun_skp: 'tahun',
  periode_awal: 'periode_mulai',
  tanggal_mulai: 'periode_mulai',
  periode_akhir: 'periode_selesai',
  tanggal_selesai: 'periode_selesai',
  jenis_rhk_utama_tambahan: 'jenis_rhk',
  jenis: 'jenis_rhk',
  nomor_rhk: 'no_rhk',
  rencana_hasil_kerja: 'rhk',
  nip_atasan_intervensi: 'nip_atasan',
  nomor_rhk_atasan: 'no_rhk_atasan',
  rencana_hasil_kerja_pimpinan_yang_diintervensi: 'rhk_atasan',
  rhk_atasan_yang_diintervensi: 'rhk_atasan',
  indikator_kinerja_individu: 'indikator',
  indikator_kinerja: 'indikator',
  aspek_indikator: 'aspek',
  target: 'target_min',
  target_minimum: 'target_min',
  target_maksimum: 'target_max',
  status_skp: 'status_bkn',
};
