/**
 * The documented column layout of the import files (docs/import.md). Names are close to a SIASN export;
 * `aliases` maps SIASN-style headers to ours.
 */
export interface ColumnSpec {
  name: string;
  required: boolean;
  description: string;
  example: string;
}

export const UNIT_COLUMNS: ColumnSpec[] = [
  { name: 'kode', required: true, description: 'Kode unit, unik', example: 'DINKES' },
  { name: 'nama', required: true, description: 'Nama unit', example: 'Dinas Kesehatan' },
  {
    name: 'jenis',
    required: true,
    description: 'INSTANSI, OPD, BIDANG, UPTD, SEKOLAH atau PUSKESMAS',
    example: 'OPD',
  },
  {
    name: 'kode_induk',
    required: false,
    description: 'Kode unit induk (kosong hanya untuk instansi teratas)',
    example: 'PEMPROV',
  },
  {
    name: 'zona_waktu',
    required: false,
    description: 'WIB, WITA, WIT atau nama zona IANA; bawaan: zona unit induk',
    example: 'WIB',
  },
  {
    name: 'alamat',
    required: false,
    description: 'Alamat kantor',
    example: 'Jl. Syekh Nawawi Al Bantani, Serang',
  },
];

export const EMPLOYEE_COLUMNS: ColumnSpec[] = [
  {
    name: 'nip',
    required: false,
    description: 'NIP 18 digit (wajib untuk PNS, CPNS, PPPK); spasi boleh',
    example: '19850312 201001 2 003',
  },
  {
    name: 'id_internal',
    required: false,
    description: 'Nomor induk internal (wajib untuk non-ASN)',
    example: 'NONASN-0001',
  },
  { name: 'nama', required: true, description: 'Nama tanpa gelar', example: 'Siti Rahmawati' },
  { name: 'gelar_depan', required: false, description: 'Gelar depan', example: 'dr.' },
  { name: 'gelar_belakang', required: false, description: 'Gelar belakang', example: 'M.Kes.' },
  { name: 'jenis_kelamin', required: true, description: 'L atau P', example: 'P' },
  {
    name: 'tanggal_lahir',
    required: false,
    description: 'dd/MM/yyyy atau yyyy-MM-dd',
    example: '12/03/1985',
  },
  {
    name: 'jenis_pegawai',
    required: true,
    description: 'PNS, CPNS, PPPK, PPPK_PARUH_WAKTU atau NON_ASN',
    example: 'PNS',
  },
  {
    name: 'golongan',
    required: false,
    description: 'III/a … IV/e (PNS/CPNS) atau I … XVII (PPPK)',
    example: 'III/c',
  },
  { name: 'pendidikan', required: false, description: 'SD, SMP, SMA/SMK, D1–D4, S1, S2, S3', example: 'S2' },
  { name: 'kode_unit', required: true, description: 'Kode unit penempatan', example: 'DINKES' },
  {
    name: 'kode_jabatan',
    required: false,
    description: 'Kode jabatan yang sudah terdaftar',
    example: 'DINKES-KADIS',
  },
  {
    name: 'nip_atasan',
    required: false,
    description: 'NIP atasan langsung (terdaftar atau ada di berkas yang sama)',
    example: '19700101 199503 1 001',
  },
  {
    name: 'tmt',
    required: true,
    description: 'Tanggal mulai bertugas di unit (dd/MM/yyyy atau yyyy-MM-dd)',
    example: '01/01/2024',
  },
  { name: 'email', required: false, description: 'Email dinas', example: 'siti@bantenprov.go.id' },
  { name: 'telepon', required: false, description: 'Nomor telepon', example: '081234567890' },
];

export const HEADER_ALIASES: Record<string, string> = {
  nip_baru: 'nip',
  nama_pegawai: 'nama',
  nama_lengkap: 'nama',
  gelar_depan_nama: 'gelar_depan',
  jk: 'jenis_kelamin',
  tgl_lahir: 'tanggal_lahir',
  tanggal_lahir_pegawai: 'tanggal_lahir',
  jenis_asn: 'jenis_pegawai',
  status_kepegawaian: 'jenis_pegawai',
  gol_akhir: 'golongan',
  gol_ruang: 'golongan',
  golongan_ruang: 'golongan',
  tingkat_pendidikan: 'pendidikan',
  unor_id: 'kode_unit',
  kode_unor: 'kode_unit',
  kode_unit_kerja: 'kode_unit',
  jabatan_id: 'kode_jabatan',
  nip_atasan_langsung: 'nip_atasan',
  tmt_jabatan: 'tmt',
  tmt_unit: 'tmt',
  no_hp: 'telepon',
  nomor_hp: 'telepon',
  email_dinas: 'email',
  kode_unit_induk: 'kode_induk',
  induk: 'kode_induk',
  zona: 'zona_waktu',
  timezone: 'zona_waktu',
};
