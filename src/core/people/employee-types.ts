/**
 * Value lists about people: employee types, PNS golongan/pangkat, PPPK golongan, position kinds and
 * education levels. `as const` arrays with derived union types and Indonesian labels (no enums).
 */

/**
 * Employee types. Source: UU 20/2023 tentang ASN (ASN = PNS + PPPK); PP 11/2017 (CPNS);
 * KepmenPANRB 16/2025 (PPPK paruh waktu); non-ASN (honorer, PPNPN, THL) are not ASN (regulations.md §0.1, §2.3).
 */
export const EMPLOYEE_TYPES = ['PNS', 'CPNS', 'PPPK', 'PPPK_PARUH_WAKTU', 'NON_ASN'] as const;
export type EmployeeType = (typeof EMPLOYEE_TYPES)[number];

/** Indonesian labels of {@link EMPLOYEE_TYPES}. */
export const EMPLOYEE_TYPE_LABELS: Readonly<Record<EmployeeType, string>> = {
  PNS: 'Pegawai Negeri Sipil (PNS)',
  CPNS: 'Calon Pegawai Negeri Sipil (CPNS)',
  PPPK: 'Pegawai Pemerintah dengan Perjanjian Kerja (PPPK)',
  PPPK_PARUH_WAKTU: 'PPPK Paruh Waktu',
  NON_ASN: 'Pegawai Non-ASN',
};

/** True for the ASN types (PNS, CPNS, PPPK, PPPK paruh waktu). Source: UU 20/2023. */
export function isAsn(type: EmployeeType): boolean {
  return type !== 'NON_ASN';
}

/**
 * True when employees of this type carry an 18-digit NIP (every ASN type; non-ASN use an internal number).
 * Source: Peraturan Kepala BKN 22/2007 (NIP PNS); UU 20/2023 (ASN = PNS + PPPK, NI PPPK); regulations.md §0.1.
 */
export function hasNip(type: EmployeeType): boolean {
  return isAsn(type);
}

/** True when the PNS golongan scale applies (PNS and CPNS). Source: PP 99/2000 jo. PP 12/2002. */
export function usesPnsGolongan(type: EmployeeType): boolean {
  return type === 'PNS' || type === 'CPNS';
}

/**
 * PNS golongan/ruang with pangkat, lowest first. Source: PP 99/2000 tentang Kenaikan Pangkat PNS as amended
 * by PP 12/2002 (Lampiran: golongan ruang dan pangkat).
 */
export const PNS_GOLONGAN = [
  { code: 'I/a', pangkat: 'Juru Muda' },
  { code: 'I/b', pangkat: 'Juru Muda Tingkat I' },
  { code: 'I/c', pangkat: 'Juru' },
  { code: 'I/d', pangkat: 'Juru Tingkat I' },
  { code: 'II/a', pangkat: 'Pengatur Muda' },
  { code: 'II/b', pangkat: 'Pengatur Muda Tingkat I' },
  { code: 'II/c', pangkat: 'Pengatur' },
  { code: 'II/d', pangkat: 'Pengatur Tingkat I' },
  { code: 'III/a', pangkat: 'Penata Muda' },
  { code: 'III/b', pangkat: 'Penata Muda Tingkat I' },
  { code: 'III/c', pangkat: 'Penata' },
  { code: 'III/d', pangkat: 'Penata Tingkat I' },
  { code: 'IV/a', pangkat: 'Pembina' },
  { code: 'IV/b', pangkat: 'Pembina Tingkat I' },
  { code: 'IV/c', pangkat: 'Pembina Utama Muda' },
  { code: 'IV/d', pangkat: 'Pembina Utama Madya' },
  { code: 'IV/e', pangkat: 'Pembina Utama' },
] as const;
export type PnsGolongan = (typeof PNS_GOLONGAN)[number]['code'];

/** The PNS golongan codes, lowest first. */
export const PNS_GOLONGAN_CODES: readonly PnsGolongan[] = PNS_GOLONGAN.map((g) => g.code);

/**
 * Pangkat of a PNS golongan, e.g. `III/a` → `Penata Muda`.
 * Source: PP 99/2000 tentang Kenaikan Pangkat PNS jo. PP 12/2002 (Lampiran: golongan ruang dan pangkat).
 */
export function pangkatOf(golongan: PnsGolongan): string {
  const entry = PNS_GOLONGAN.find((g) => g.code === golongan);
  if (!entry) throw new Error(`Unknown golongan: ${golongan}`);
  return entry.pangkat;
}

/** `III/a (Penata Muda)`. Source: PP 99/2000 tentang Kenaikan Pangkat PNS jo. PP 12/2002 (Lampiran: golongan ruang dan pangkat). */
export function formatPnsGolongan(golongan: PnsGolongan): string {
  return `${golongan} (${pangkatOf(golongan)})`;
}

/**
 * Rank of a PNS golongan (0 = I/a … 16 = IV/e), for comparisons (e.g. a tim pemeriksa member may not rank below
 * the examined PNS, regulations.md §1.6). Source: PP 99/2000 tentang Kenaikan Pangkat PNS jo. PP 12/2002 (Lampiran: golongan ruang dan pangkat).
 */
export function pnsGolonganRank(golongan: PnsGolongan): number {
  return PNS_GOLONGAN_CODES.indexOf(golongan);
}

/** True when `value` is a PNS golongan code such as `III/a`. Source: PP 99/2000 tentang Kenaikan Pangkat PNS jo. PP 12/2002 (Lampiran: golongan ruang dan pangkat). */
export function isPnsGolongan(value: string): value is PnsGolongan {
  return (PNS_GOLONGAN_CODES as readonly string[]).includes(value);
}

/** PPPK golongan I–XVII. Source: Perpres 98/2020 tentang Gaji dan Tunjangan PPPK (Lampiran). */
export const PPPK_GOLONGAN = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
] as const;
export type PppkGolongan = (typeof PPPK_GOLONGAN)[number];

/** True when `value` is a PPPK golongan (I–XVII). Source: Perpres 98/2020 tentang Gaji dan Tunjangan PPPK (Lampiran). */
export function isPppkGolongan(value: string): value is PppkGolongan {
  return (PPPK_GOLONGAN as readonly string[]).includes(value);
}

/** Education levels (jenjang pendidikan), lowest first. */
export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA/SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Indonesian labels of {@link EDUCATION_LEVELS}. */
export const EDUCATION_LEVEL_LABELS: Readonly<Record<EducationLevel, string>> = {
  SD: 'Sekolah Dasar (SD)',
  SMP: 'Sekolah Menengah Pertama (SMP)',
  'SMA/SMK': 'Sekolah Menengah Atas / Kejuruan (SMA/SMK)',
  D1: 'Diploma Satu (D-I)',
  D2: 'Diploma Dua (D-II)',
  D3: 'Diploma Tiga (D-III)',
  D4: 'Diploma Empat / Sarjana Terapan (D-IV)',
  S1: 'Sarjana (S-1)',
  S2: 'Magister (S-2)',
  S3: 'Doktor (S-3)',
};

/**
 * True when `value` is one of {@link EDUCATION_LEVELS}.
 * Source: UU 20/2003 tentang Sistem Pendidikan Nasional (jenjang pendidikan); PP 99/2000 jo. PP 12/2002.
 */
export function isEducationLevel(value: string): value is EducationLevel {
  return (EDUCATION_LEVELS as readonly string[]).includes(value);
}

/**
 * Starting golongan of a CPNS by education. Source: PP 99/2000 jo. PP 12/2002 (pangkat pengangkatan CPNS)
 * as commonly applied in CPNS formations [INF: verify D1/D2 against the formation announcement].
 */
export const CPNS_ENTRY_GOLONGAN: Readonly<Record<EducationLevel, PnsGolongan>> = {
  SD: 'I/a',
  SMP: 'I/c',
  'SMA/SMK': 'II/a',
  D1: 'II/a',
  D2: 'II/b',
  D3: 'II/c',
  D4: 'III/a',
  S1: 'III/a',
  S2: 'III/b',
  S3: 'III/c',
};

/**
 * Starting PPPK golongan by education. Source: Perpres 98/2020 (Lampiran) as applied in PPPK formations
 * [INF: verify D1/D2 against the formation announcement].
 */
export const PPPK_ENTRY_GOLONGAN: Readonly<Record<EducationLevel, PppkGolongan>> = {
  SD: 'I',
  SMP: 'IV',
  'SMA/SMK': 'V',
  D1: 'V',
  D2: 'VI',
  D3: 'VII',
  D4: 'IX',
  S1: 'IX',
  S2: 'X',
  S3: 'XI',
};

/**
 * Position kinds: structural tiers (JPT, administrator, pengawas), pelaksana and the levels of functional
 * positions (JF). Source: UU 20/2023; PP 11/2017 as amended by PP 17/2020; PermenPANRB 1/2023 (JF levels).
 */
export const POSITION_KINDS = [
  'JPT_MADYA',
  'JPT_PRATAMA',
  'ADMINISTRATOR',
  'PENGAWAS',
  'PELAKSANA',
  'JF_AHLI_UTAMA',
  'JF_AHLI_MADYA',
  'JF_AHLI_MUDA',
  'JF_AHLI_PERTAMA',
  'JF_PENYELIA',
  'JF_MAHIR',
  'JF_TERAMPIL',
  'JF_PEMULA',
] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

/** Indonesian labels of {@link POSITION_KINDS}. */
export const POSITION_KIND_LABELS: Readonly<Record<PositionKind, string>> = {
  JPT_MADYA: 'Jabatan Pimpinan Tinggi Madya',
  JPT_PRATAMA: 'Jabatan Pimpinan Tinggi Pratama',
  ADMINISTRATOR: 'Jabatan Administrator',
  PENGAWAS: 'Jabatan Pengawas',
  PELAKSANA: 'Jabatan Pelaksana',
  JF_AHLI_UTAMA: 'Jabatan Fungsional Ahli Utama',
  JF_AHLI_MADYA: 'Jabatan Fungsional Ahli Madya',
  JF_AHLI_MUDA: 'Jabatan Fungsional Ahli Muda',
  JF_AHLI_PERTAMA: 'Jabatan Fungsional Ahli Pertama',
  JF_PENYELIA: 'Jabatan Fungsional Penyelia',
  JF_MAHIR: 'Jabatan Fungsional Mahir',
  JF_TERAMPIL: 'Jabatan Fungsional Terampil',
  JF_PEMULA: 'Jabatan Fungsional Pemula',
};

/**
 * True for managerial (structural) kinds: JPT, administrator, pengawas.
 * Source: UU 20/2023 tentang ASN; PP 11/2017 as amended by PP 17/2020 (jabatan manajerial); regulations.md §0.1.
 */
export function isManagerialPosition(kind: PositionKind): boolean {
  return kind === 'JPT_MADYA' || kind === 'JPT_PRATAMA' || kind === 'ADMINISTRATOR' || kind === 'PENGAWAS';
}

/** True for functional (JF) kinds. Source: PermenPANRB 1/2023 (jabatan fungsional); regulations.md §0.1. */
export function isFunctionalPosition(kind: PositionKind): boolean {
  return kind.startsWith('JF_');
}
