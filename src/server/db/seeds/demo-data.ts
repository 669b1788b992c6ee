/**
 * Deterministic demo data for a fictional provincial government modelled on the news reports that
 * started Abdi (BKD Banten monitoring Dinas Kesehatan, DLHK, Inspektorat, ESDM, PUPR and UPTD Samsat
 * Ciruas, Rangkasbitung, Serpong and Kelapa Dua; see PRODUCT.md).
 *
 * Pure: no database, no clock, no Math.random. The same seed always gives the same plain objects; the
 * loader (elsewhere) writes them to the database. Every person, NIP and e-mail address is invented.
 */

import { formatFullName } from '../../../core/people/names.ts';
import { composeNip, isNonAsnIdentifier, parseNip, type Gender } from '../../../core/people/nip.ts';
import {
  CPNS_ENTRY_GOLONGAN,
  PNS_GOLONGAN_CODES,
  PPPK_ENTRY_GOLONGAN,
  pnsGolonganRank,
  type EducationLevel,
  type EmployeeType,
  type PnsGolongan,
  type PositionKind,
} from '../../../core/people/employee-types.ts';
import { addDays, fromEpochDay, toEpochDay, type LocalDate } from '../../../core/common/local-date.ts';

// ─── Output shape ────────────────────────────────────────────────────────────────────────────────

/** Kinds of organisation units, from the whole government down to a school or puskesmas. */
export type DemoUnitKind = 'INSTANSI' | 'OPD' | 'BIDANG' | 'UPTD' | 'SEKOLAH' | 'PUSKESMAS';

/** The three Indonesian time zones: WIB, WITA, WIT. */
export type DemoTimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

/** A geofenced office. */
export interface DemoOffice {
  name: string;
  lat: number;
  lon: number;
  radiusM: number;
}

/**
 * An organisation unit. Units with no offices (most bidang and the sekretariat) work in the nearest
 * ancestor's offices.
 */
export interface DemoUnit {
  code: string;
  name: string;
  kind: DemoUnitKind;
  parentCode: string | null;
  timeZone: DemoTimeZone;
  address?: string;
  offices: DemoOffice[];
}

/** A position (jabatan) in a unit; `isHead` marks the head of the unit (at most one holder). */
export interface DemoPosition {
  code: string;
  name: string;
  kind: PositionKind;
  kelasJabatan: number;
  unitCode: string;
  isHead: boolean;
}

/** An employee with the current placement. Non-ASN have `nip: null` and an `internalId`. */
export interface DemoEmployee {
  nip: string | null;
  internalId?: string;
  frontTitle?: string;
  name: string;
  backTitle?: string;
  gender: Gender;
  birthDate: LocalDate;
  employeeType: EmployeeType;
  /** PNS/CPNS: `III/a`…; PPPK: `I`…`XVII`; PPPK paruh waktu and non-ASN: null. */
  golongan: string | null;
  education: EducationLevel;
  unitCode: string;
  positionCode: string;
  /**
   * The definitive direct superior. When the superior's position is vacant this is the next filled head
   * up the tree (the acting official is in `actingAssignments`). Null only for the Sekda.
   */
  superiorNip: string | null;
  /** First day of service (TMT CPNS / TMT PPPK / start of the non-ASN contract). */
  activeFrom: LocalDate;
  email?: string;
  phone?: string;
}

/** A Plt (pelaksana tugas, vacancy) or Plh (pelaksana harian, temporary absence) assignment. */
export interface DemoActingAssignment {
  nip: string;
  positionCode: string;
  kind: 'PLT' | 'PLH';
  from: LocalDate;
  to: LocalDate | null;
  reason: string;
}

/**
 * A placement (unit + position) for a period. Every employee has one open placement equal to the current
 * unit/position; employees moved by mutasi also have earlier, closed ones.
 */
export interface DemoPlacement {
  nip: string | null;
  /** Set for non-ASN (who have no NIP). */
  internalId?: string;
  unitCode: string;
  positionCode: string;
  from: LocalDate;
  to: LocalDate | null;
  decree?: string;
}

/** Roles granted on top of the implicit pegawai/atasan roles, scoped to a unit subtree. */
export type DemoRole = 'ADMIN_OPD' | 'BKD' | 'INSPEKTORAT' | 'PIMPINAN';

/** A role grant to an employee (by NIP) or, for a non-ASN operator, by username (= internal id). */
export interface DemoRoleGrant {
  nip: string | null;
  username?: string;
  role: DemoRole;
  unitCode: string;
}

/** Everything {@link generateDemoData} returns. */
export interface DemoData {
  units: DemoUnit[];
  positions: DemoPosition[];
  employees: DemoEmployee[];
  actingAssignments: DemoActingAssignment[];
  placementHistory: DemoPlacement[];
  roleGrants: DemoRoleGrant[];
}

/** The day the demo data describes ("today" for the demo): activity dates are on or before it. */
export const DEMO_AS_OF: LocalDate = '2026-01-15';

/** Domain of the invented e-mail addresses (`.example` is reserved, RFC 2606). */
export const DEMO_EMAIL_DOMAIN = 'banten-demo.example';

// ─── PRNG ────────────────────────────────────────────────────────────────────────────────────────

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  };
  return { next, int, chance: (p) => next() < p, pick, weighted };
}

// ─── Static content: organisation ────────────────────────────────────────────────────────────────

/** Title vocabulary of a unit (which degrees its people typically hold). */
type Profile = 'GOV' | 'HR' | 'AUDIT' | 'HEALTH' | 'SCHOOL' | 'EDU' | 'ENV' | 'ENERGY' | 'WORKS' | 'REVENUE';

/** A job a position is made of. */
interface Job {
  code: string;
  name: string;
  kind: PositionKind;
  kelas: number;
  education: readonly EducationLevel[];
  /** Back title for the S1/D3/D4 degree of this job (overrides the unit profile). */
  degree?: string;
  /** Front title that comes with the job (dr., apt., Ns.). */
  front?: string;
  /** Set when the job is (in this demo) held by one gender only, e.g. bidan. */
  gender?: Gender;
  /** Who may hold it; default PNS, CPNS (entry levels only) and PPPK. */
  types?: readonly EmployeeType[];
}

const ENTRY_KINDS: readonly PositionKind[] = ['JF_AHLI_PERTAMA', 'JF_TERAMPIL', 'JF_PEMULA', 'PELAKSANA'];
const S1: readonly EducationLevel[] = ['S1', 'S1', 'S1', 'D4', 'S2'];
const D3: readonly EducationLevel[] = ['D3'];
const SMA: readonly EducationLevel[] = ['SMA/SMK'];

const j = (
  code: string,
  name: string,
  kind: PositionKind,
  kelas: number,
  education: readonly EducationLevel[],
  extra: Partial<Job> = {},
): Job => ({ code, name, kind, kelas, education, ...extra });

/** Pelaksana jobs after the 2024 simplification of jabatan pelaksana, found in every unit. */
const GENERIC_JOBS: readonly Job[] = [
  j('PENATA-LO', 'Penata Layanan Operasional', 'PELAKSANA', 8, ['S1', 'S1', 'D4']),
  j('PENGELOLA-LO', 'Pengelola Layanan Operasional', 'PELAKSANA', 7, D3, {
    types: ['PNS', 'CPNS', 'PPPK', 'PPPK_PARUH_WAKTU'],
  }),
  j('OPERATOR-LO', 'Operator Layanan Operasional', 'PELAKSANA', 5, SMA, {
    types: ['PNS', 'CPNS', 'PPPK', 'PPPK_PARUH_WAKTU'],
  }),
  j('PENGADM', 'Pengadministrasi Perkantoran', 'PELAKSANA', 5, SMA),
  j('ARSIPARIS-T', 'Arsiparis Terampil', 'JF_TERAMPIL', 6, D3),
  j('PRAKOM-AP', 'Pranata Komputer Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { degree: 'S.Kom.' }),
];

/** Non-ASN work (honorer / tenaga pendukung), outside the jabatan structure. */
const NON_ASN_JOBS: readonly Job[] = [
  j('NA-ADM', 'Tenaga Pendukung Administrasi (Non-ASN)', 'PELAKSANA', 1, ['SMA/SMK', 'SMA/SMK', 'D3', 'S1'], {
    types: ['NON_ASN'],
  }),
  j('NA-SOPIR', 'Pengemudi (Non-ASN)', 'PELAKSANA', 1, SMA, { types: ['NON_ASN'], gender: 'L' }),
  j('NA-KAMAN', 'Petugas Keamanan (Non-ASN)', 'PELAKSANA', 1, ['SMA/SMK', 'SMP'], {
    types: ['NON_ASN'],
    gender: 'L',
  }),
  j('NA-KEBERSIHAN', 'Petugas Kebersihan (Non-ASN)', 'PELAKSANA', 1, ['SMP', 'SMA/SMK'], {
    types: ['NON_ASN'],
  }),
];

const PROFILE_JOBS: Readonly<Record<Profile, readonly Job[]>> = {
  GOV: [
    j('ANJAK-AP', 'Analis Kebijakan Ahli Pertama', 'JF_AHLI_PERTAMA', 8, S1),
    j('ANJAK-AMU', 'Analis Kebijakan Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2']),
    j('ANHUK-AP', 'Analis Hukum Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { degree: 'S.H.' }),
    j('PRANATA-HUMAS-T', 'Pranata Hubungan Masyarakat Terampil', 'JF_TERAMPIL', 6, D3),
  ],
  HR: [
    j('ASDM-AP', 'Analis Sumber Daya Manusia Aparatur Ahli Pertama', 'JF_AHLI_PERTAMA', 8, S1),
    j('ASDM-AMU', 'Analis Sumber Daya Manusia Aparatur Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2']),
    j('ASDM-AMA', 'Analis Sumber Daya Manusia Aparatur Ahli Madya', 'JF_AHLI_MADYA', 11, ['S2']),
    j('ASESOR-AMU', 'Asesor Sumber Daya Manusia Aparatur Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2'], {
      degree: 'S.Psi.',
    }),
    j('PSDM-T', 'Pranata Sumber Daya Manusia Aparatur Terampil', 'JF_TERAMPIL', 6, D3),
    j('PSDM-M', 'Pranata Sumber Daya Manusia Aparatur Mahir', 'JF_MAHIR', 7, D3),
    j('PSDM-P', 'Pranata Sumber Daya Manusia Aparatur Penyelia', 'JF_PENYELIA', 8, D3),
  ],
  AUDIT: [
    j('AUDITOR-AP', 'Auditor Ahli Pertama', 'JF_AHLI_PERTAMA', 8, S1),
    j('AUDITOR-AMU', 'Auditor Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2']),
    j('AUDITOR-AMA', 'Auditor Ahli Madya', 'JF_AHLI_MADYA', 11, ['S1', 'S2']),
    j('AUDITOR-T', 'Auditor Terampil', 'JF_TERAMPIL', 6, D3),
    j(
      'PPUPD-AP',
      'Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama',
      'JF_AHLI_PERTAMA',
      8,
      S1,
    ),
    j('PPUPD-AMU', 'Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda', 'JF_AHLI_MUDA', 9, [
      'S1',
      'S2',
    ]),
  ],
  HEALTH: [
    j('ADMKES-AP', 'Administrator Kesehatan Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], {
      degree: 'S.K.M.',
    }),
    j('ADMKES-AMU', 'Administrator Kesehatan Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2'], {
      degree: 'S.K.M.',
    }),
    j('EPID-AP', 'Epidemiolog Kesehatan Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { degree: 'S.K.M.' }),
    j('DOKTER-AP', 'Dokter Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { front: 'dr.', degree: '' }),
    j('APOTEKER-AP', 'Apoteker Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], {
      front: 'apt.',
      degree: 'S.Farm.',
    }),
    j('PERAWAT-AP', 'Perawat Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { front: 'Ns.', degree: 'S.Kep.' }),
    j('PERAWAT-T', 'Perawat Terampil', 'JF_TERAMPIL', 6, D3, { degree: 'A.Md.Kep.' }),
    j('BIDAN-T', 'Bidan Terampil', 'JF_TERAMPIL', 6, D3, { degree: 'A.Md.Keb.', gender: 'P' }),
    j('PLK-T', 'Pranata Laboratorium Kesehatan Terampil', 'JF_TERAMPIL', 6, D3, { degree: 'A.Md.A.K.' }),
    j('PLK-M', 'Pranata Laboratorium Kesehatan Mahir', 'JF_MAHIR', 7, D3, { degree: 'A.Md.A.K.' }),
    j('PLK-P', 'Pranata Laboratorium Kesehatan Penyelia', 'JF_PENYELIA', 8, D3, { degree: 'A.Md.A.K.' }),
    j('SANITARIAN-T', 'Tenaga Sanitasi Lingkungan Terampil', 'JF_TERAMPIL', 6, D3, { degree: 'A.Md.K.L.' }),
    j('NA-KES', 'Tenaga Pendukung Pelayanan Kesehatan (Non-ASN)', 'PELAKSANA', 1, ['SMA/SMK', 'D3'], {
      types: ['NON_ASN'],
    }),
  ],
  SCHOOL: [
    j('GURU-AP', 'Guru Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1', 'S1', 'S2'], {
      degree: 'S.Pd.',
      types: ['PNS', 'CPNS', 'PPPK', 'PPPK_PARUH_WAKTU'],
    }),
    j('GURU-AMU', 'Guru Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2'], { degree: 'S.Pd.' }),
    j('GURU-AMA', 'Guru Ahli Madya', 'JF_AHLI_MADYA', 11, ['S1', 'S2'], { degree: 'S.Pd.' }),
    j('PUSTAKAWAN-T', 'Pustakawan Terampil', 'JF_TERAMPIL', 6, D3),
    j('PLP-T', 'Pranata Laboratorium Pendidikan Terampil', 'JF_TERAMPIL', 6, D3),
    j('NA-GURU', 'Guru Honorer (Non-ASN)', 'PELAKSANA', 1, ['S1'], { degree: 'S.Pd.', types: ['NON_ASN'] }),
  ],
  EDU: [
    j('ANJAK-AMU', 'Analis Kebijakan Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2']),
    j('PTP-AP', 'Pengembang Teknologi Pembelajaran Ahli Pertama', 'JF_AHLI_PERTAMA', 8, S1),
  ],
  ENV: [
    j('PEDAL-AP', 'Pengendali Dampak Lingkungan Ahli Pertama', 'JF_AHLI_PERTAMA', 8, S1),
    j('PEDAL-AMU', 'Pengendali Dampak Lingkungan Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2']),
    j('PLH-AP', 'Pengawas Lingkungan Hidup Ahli Pertama', 'JF_AHLI_PERTAMA', 8, S1),
    j('POLHUT-T', 'Polisi Kehutanan Terampil', 'JF_TERAMPIL', 6, ['SMA/SMK', 'D3']),
    j('POLHUT-M', 'Polisi Kehutanan Mahir', 'JF_MAHIR', 7, ['SMA/SMK', 'D3']),
    j('PK-AP', 'Penyuluh Kehutanan Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { degree: 'S.Hut.' }),
    j('PK-PEMULA', 'Penyuluh Kehutanan Pemula', 'JF_PEMULA', 5, SMA),
  ],
  ENERGY: [
    j('PB-AP', 'Penyelidik Bumi Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { degree: 'S.T.' }),
    j('PB-AMU', 'Penyelidik Bumi Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2'], { degree: 'S.T.' }),
    j('IKL-AP', 'Inspektur Ketenagalistrikan Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { degree: 'S.T.' }),
  ],
  WORKS: [
    j('TJJ-AP', 'Teknik Jalan dan Jembatan Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { degree: 'S.T.' }),
    j('TJJ-AMU', 'Teknik Jalan dan Jembatan Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2'], { degree: 'S.T.' }),
    j('TJJ-T', 'Teknik Jalan dan Jembatan Terampil', 'JF_TERAMPIL', 6, D3, { degree: 'A.Md.T.' }),
    j('TP-AP', 'Teknik Pengairan Ahli Pertama', 'JF_AHLI_PERTAMA', 8, ['S1'], { degree: 'S.T.' }),
    j('PR-AMU', 'Penata Ruang Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2'], { degree: 'S.T.' }),
  ],
  REVENUE: [
    j('AKPD-AP', 'Analis Keuangan Pusat dan Daerah Ahli Pertama', 'JF_AHLI_PERTAMA', 8, S1),
    j('AKPD-AMU', 'Analis Keuangan Pusat dan Daerah Ahli Muda', 'JF_AHLI_MUDA', 9, ['S1', 'S2']),
    j('PKAPBD-T', 'Pranata Keuangan APBD Terampil', 'JF_TERAMPIL', 6, D3, { degree: 'A.Md.Ak.' }),
  ],
};

/** A managerial post inside a unit (one holder). */
interface Manager {
  code: string;
  name: string;
  kind: PositionKind;
  kelas: number;
}

type StaffMix = Readonly<Record<EmployeeType, number>>;

const MIX_DEFAULT: StaffMix = { PNS: 62, CPNS: 7, PPPK: 14, PPPK_PARUH_WAKTU: 8, NON_ASN: 9 };
const MIX_SCHOOL: StaffMix = { PNS: 35, CPNS: 5, PPPK: 38, PPPK_PARUH_WAKTU: 10, NON_ASN: 12 };
const MIX_CARE: StaffMix = { PNS: 45, CPNS: 6, PPPK: 27, PPPK_PARUH_WAKTU: 10, NON_ASN: 12 };

interface UnitSpec {
  code: string;
  name: string;
  kind: DemoUnitKind;
  parentCode: string | null;
  timeZone?: DemoTimeZone;
  address?: string;
  offices?: DemoOffice[];
  profile: Profile;
  /** The head; `vacant` leaves the position without a holder (a Plt covers it). */
  head?: Manager & { vacant?: boolean };
  managers?: Manager[];
  /** Staff below the head and managers. */
  staff?: number;
  /** Staff slots with a fixed type and job code, placed first (admin operators, demo logins). */
  fixed?: readonly (readonly [EmployeeType, string])[];
  mix?: StaffMix;
}

const KP3B =
  'Kawasan Pusat Pemerintahan Provinsi Banten (KP3B), Jl. Syekh Nawawi Al-Bantani, Curug, Kota Serang';
const office = (name: string, lat: number, lon: number, radiusM = 120): DemoOffice => ({
  name,
  lat,
  lon,
  radiusM,
});

const kepala = (
  name: string,
  kind: PositionKind,
  kelas: number,
  vacant = false,
): Manager & { vacant?: boolean } =>
  vacant ? { code: 'KEPALA', name, kind, kelas, vacant } : { code: 'KEPALA', name, kind, kelas };
const sekretaris = (): Manager => ({ code: 'KEPALA', name: 'Sekretaris', kind: 'ADMINISTRATOR', kelas: 12 });
const kasubag = (what = 'Umum dan Kepegawaian'): Manager => ({
  code: 'KASUBAG',
  name: `Kepala Subbagian ${what}`,
  kind: 'PENGAWAS',
  kelas: 9,
});
const kasi = (what: string): Manager => ({
  code: 'KASI',
  name: `Kepala Seksi ${what}`,
  kind: 'PENGAWAS',
  kelas: 9,
});
const kabid = (bidang: string): Manager => kepala(`Kepala ${bidang}`, 'ADMINISTRATOR', 11);

/** The OPDs; each gets a sekretariat with a fixed admin operator in {@link sekretariat}. */
function sekretariat(
  opd: string,
  opdName: string,
  profile: Profile,
  staff: number,
  fixedAdmin: readonly [EmployeeType, string] = ['PNS', 'PENGELOLA-LO'],
): UnitSpec {
  return {
    code: `${opd}-SEK`,
    name: `Sekretariat ${opdName}`,
    kind: 'BIDANG',
    parentCode: opd,
    profile,
    head: sekretaris(),
    managers: [kasubag()],
    staff,
    fixed: [fixedAdmin],
  };
}

function samsat(
  code: string,
  place: string,
  address: string,
  lat: number,
  lon: number,
  staff: number,
): UnitSpec {
  return {
    code: `BAPENDA-SAMSAT-${code}`,
    name: `UPTD Samsat ${place}`,
    kind: 'UPTD',
    parentCode: 'BAPENDA',
    address,
    offices: [office(`Kantor Samsat ${place}`, lat, lon, 80)],
    profile: 'REVENUE',
    head: kepala(`Kepala UPTD Samsat ${place}`, 'ADMINISTRATOR', 11),
    managers: [kasubag('Tata Usaha'), kasi('Penetapan dan Penerimaan')],
    staff,
    fixed: [['PNS', 'PENATA-LO']],
  };
}

const UNIT_SPECS: readonly UnitSpec[] = [
  {
    code: 'PEMPROV',
    name: 'Pemerintah Provinsi Banten (Demo)',
    kind: 'INSTANSI',
    parentCode: null,
    address: KP3B,
    offices: [office('Gedung Gubernur KP3B', -6.1199, 106.1502, 150)],
    profile: 'GOV',
  },
  // Sekretariat Daerah
  {
    code: 'SETDA',
    name: 'Sekretariat Daerah',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [office('Gedung Sekretariat Daerah KP3B', -6.1204, 106.1511)],
    profile: 'GOV',
    head: kepala('Sekretaris Daerah', 'JPT_MADYA', 15),
  },
  {
    code: 'SETDA-PEM',
    name: 'Biro Pemerintahan dan Kesejahteraan Rakyat',
    kind: 'BIDANG',
    parentCode: 'SETDA',
    profile: 'GOV',
    head: kepala('Kepala Biro Pemerintahan dan Kesejahteraan Rakyat', 'JPT_PRATAMA', 13),
    managers: [{ code: 'KABAG', name: 'Kepala Bagian Otonomi Daerah', kind: 'ADMINISTRATOR', kelas: 11 }],
    staff: 9,
  },
  {
    code: 'SETDA-ORG',
    name: 'Biro Organisasi dan Reformasi Birokrasi',
    kind: 'BIDANG',
    parentCode: 'SETDA',
    profile: 'GOV',
    head: kepala('Kepala Biro Organisasi dan Reformasi Birokrasi', 'JPT_PRATAMA', 13),
    managers: [
      {
        code: 'KABAG',
        name: 'Kepala Bagian Kelembagaan dan Analisis Jabatan',
        kind: 'ADMINISTRATOR',
        kelas: 11,
      },
    ],
    staff: 8,
  },
  {
    code: 'SETDA-UMUM',
    name: 'Biro Umum',
    kind: 'BIDANG',
    parentCode: 'SETDA',
    profile: 'GOV',
    head: kepala('Kepala Biro Umum', 'JPT_PRATAMA', 13),
    managers: [
      { code: 'KABAG', name: 'Kepala Bagian Tata Usaha', kind: 'ADMINISTRATOR', kelas: 11 },
      kasubag('Kepegawaian'),
    ],
    staff: 18,
    fixed: [['PNS', 'PENGELOLA-LO']],
  },
  {
    code: 'SETDA-MKS',
    name: 'Kantor Penghubung Pemerintah Provinsi Banten di Makassar',
    kind: 'UPTD',
    parentCode: 'SETDA-UMUM',
    timeZone: 'Asia/Makassar',
    address: 'Jl. Jenderal Sudirman, Kota Makassar, Sulawesi Selatan (alamat demo)',
    offices: [office('Kantor Penghubung Makassar', -5.1355, 119.4238, 80)],
    profile: 'GOV',
    head: kepala('Kepala Kantor Penghubung di Makassar', 'PENGAWAS', 9),
    staff: 5,
    fixed: [
      ['PNS', 'PENATA-LO'],
      ['NON_ASN', 'NA-ADM'],
    ],
  },
  // BKD
  {
    code: 'BKD',
    name: 'Badan Kepegawaian Daerah',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [office('Gedung BKD KP3B', -6.1213, 106.1519)],
    profile: 'HR',
    head: kepala('Kepala Badan Kepegawaian Daerah', 'JPT_PRATAMA', 14),
  },
  sekretariat('BKD', 'Badan Kepegawaian Daerah', 'HR', 9),
  {
    code: 'BKD-PPI',
    name: 'Bidang Pengadaan, Pemberhentian dan Informasi',
    kind: 'BIDANG',
    parentCode: 'BKD',
    profile: 'HR',
    head: kabid('Bidang Pengadaan, Pemberhentian dan Informasi'),
    staff: 8,
  },
  {
    code: 'BKD-MUT',
    name: 'Bidang Mutasi dan Promosi',
    kind: 'BIDANG',
    parentCode: 'BKD',
    profile: 'HR',
    head: kabid('Bidang Mutasi dan Promosi'),
    staff: 8,
  },
  {
    code: 'BKD-PKA',
    name: 'Bidang Pengembangan Kompetensi Aparatur',
    kind: 'BIDANG',
    parentCode: 'BKD',
    profile: 'HR',
    head: kabid('Bidang Pengembangan Kompetensi Aparatur'),
    staff: 7,
  },
  {
    code: 'BKD-PKD',
    name: 'Bidang Penilaian Kinerja, Disiplin dan Penghargaan',
    kind: 'BIDANG',
    parentCode: 'BKD',
    profile: 'HR',
    head: kabid('Bidang Penilaian Kinerja, Disiplin dan Penghargaan'),
    staff: 8,
    fixed: [
      ['PNS', 'ASDM-AMU'],
      ['PNS', 'ASDM-AP'],
    ],
  },
  // Inspektorat
  {
    code: 'INSP',
    name: 'Inspektorat',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [office('Gedung Inspektorat KP3B', -6.1222, 106.1498)],
    profile: 'AUDIT',
    head: kepala('Inspektur', 'JPT_PRATAMA', 14),
  },
  sekretariat('INSP', 'Inspektorat', 'AUDIT', 7),
  ...(['I', 'II', 'III'] as const).map((n): UnitSpec => ({
    code: `INSP-IRBAN-${n}`,
    name: `Inspektur Pembantu Wilayah ${n}`,
    kind: 'BIDANG',
    parentCode: 'INSP',
    profile: 'AUDIT',
    head: kepala(`Inspektur Pembantu Wilayah ${n}`, 'ADMINISTRATOR', 12),
    staff: 7,
    fixed: n === 'I' ? [['PNS', 'AUDITOR-AMU'] as const, ['PNS', 'AUDITOR-AP'] as const] : [],
  })),
  // Dinas Kesehatan
  {
    code: 'DINKES',
    name: 'Dinas Kesehatan',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [office('Gedung Dinas Kesehatan KP3B', -6.1231, 106.1526)],
    profile: 'HEALTH',
    head: kepala('Kepala Dinas Kesehatan', 'JPT_PRATAMA', 14),
  },
  sekretariat('DINKES', 'Dinas Kesehatan', 'HEALTH', 8),
  {
    code: 'DINKES-YANKES',
    name: 'Bidang Pelayanan Kesehatan',
    kind: 'BIDANG',
    parentCode: 'DINKES',
    profile: 'HEALTH',
    head: kabid('Bidang Pelayanan Kesehatan'),
    managers: [kasi('Pelayanan Kesehatan Rujukan')],
    staff: 7,
  },
  {
    code: 'DINKES-P2P',
    name: 'Bidang Pencegahan dan Pengendalian Penyakit',
    kind: 'BIDANG',
    parentCode: 'DINKES',
    profile: 'HEALTH',
    head: kabid('Bidang Pencegahan dan Pengendalian Penyakit'),
    staff: 7,
  },
  {
    code: 'DINKES-LABKESDA',
    name: 'UPTD Laboratorium Kesehatan Daerah',
    kind: 'UPTD',
    parentCode: 'DINKES',
    address: 'Jl. Raya Serang–Pandeglang, Kota Serang',
    offices: [office('Gedung Labkesda', -6.1318, 106.1433, 80)],
    profile: 'HEALTH',
    head: kepala('Kepala UPTD Laboratorium Kesehatan Daerah', 'ADMINISTRATOR', 11),
    managers: [kasubag('Tata Usaha')],
    staff: 10,
    mix: MIX_CARE,
  },
  {
    code: 'DINKES-PKM-CURUG',
    name: 'UPTD Puskesmas Curug',
    kind: 'PUSKESMAS',
    parentCode: 'DINKES',
    address: 'Jl. Raya Curug, Kecamatan Curug, Kota Serang',
    offices: [office('Gedung Puskesmas Curug', -6.1489, 106.1616, 60)],
    profile: 'HEALTH',
    head: kepala('Kepala Puskesmas', 'PENGAWAS', 9),
    staff: 15,
    fixed: [['PPPK', 'PERAWAT-T']],
    mix: MIX_CARE,
  },
  // Dinas Pendidikan dan Kebudayaan
  {
    code: 'DINDIK',
    name: 'Dinas Pendidikan dan Kebudayaan',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [office('Gedung Dinas Pendidikan KP3B', -6.1188, 106.1532)],
    profile: 'EDU',
    head: kepala('Kepala Dinas Pendidikan dan Kebudayaan', 'JPT_PRATAMA', 14),
  },
  sekretariat('DINDIK', 'Dinas Pendidikan dan Kebudayaan', 'EDU', 6),
  {
    code: 'DINDIK-SMA',
    name: 'Bidang Pembinaan Sekolah Menengah Atas',
    kind: 'BIDANG',
    parentCode: 'DINDIK',
    profile: 'EDU',
    head: kabid('Bidang Pembinaan Sekolah Menengah Atas'),
    staff: 6,
  },
  {
    code: 'DINDIK-SMAN1-SRG',
    name: 'SMA Negeri 1 Kota Serang',
    kind: 'SEKOLAH',
    parentCode: 'DINDIK',
    address: 'Jl. Ki Mas Jong, Kota Serang',
    offices: [office('Kampus SMA Negeri 1 Kota Serang', -6.1148, 106.1529, 150)],
    profile: 'SCHOOL',
    // A teacher with the additional duty of principal (tugas tambahan kepala sekolah).
    head: kepala('Kepala Sekolah', 'JF_AHLI_MADYA', 11),
    staff: 30,
    fixed: [['PPPK', 'GURU-AP']],
    mix: MIX_SCHOOL,
  },
  // DLHK
  {
    code: 'DLHK',
    name: 'Dinas Lingkungan Hidup dan Kehutanan',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [office('Gedung DLHK KP3B', -6.1241, 106.1507)],
    profile: 'ENV',
    head: kepala('Kepala Dinas Lingkungan Hidup dan Kehutanan', 'JPT_PRATAMA', 14),
  },
  sekretariat('DLHK', 'Dinas Lingkungan Hidup dan Kehutanan', 'ENV', 6),
  {
    code: 'DLHK-PPKL',
    name: 'Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan',
    kind: 'BIDANG',
    parentCode: 'DLHK',
    profile: 'ENV',
    head: kabid('Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan'),
    staff: 6,
  },
  {
    code: 'DLHK-HUT',
    name: 'Bidang Kehutanan',
    kind: 'BIDANG',
    parentCode: 'DLHK',
    profile: 'ENV',
    head: kabid('Bidang Kehutanan'),
    staff: 6,
  },
  // Dinas ESDM — head vacant, covered by a Plt.
  {
    code: 'ESDM',
    name: 'Dinas Energi dan Sumber Daya Mineral',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [office('Gedung Dinas ESDM KP3B', -6.1176, 106.1489)],
    profile: 'ENERGY',
    head: kepala('Kepala Dinas Energi dan Sumber Daya Mineral', 'JPT_PRATAMA', 14, true),
  },
  sekretariat('ESDM', 'Dinas Energi dan Sumber Daya Mineral', 'ENERGY', 6, ['NON_ASN', 'NA-ADM']),
  {
    code: 'ESDM-MINERBA',
    name: 'Bidang Mineral dan Batubara',
    kind: 'BIDANG',
    parentCode: 'ESDM',
    profile: 'ENERGY',
    head: kabid('Bidang Mineral dan Batubara'),
    staff: 5,
  },
  {
    code: 'ESDM-EBTKE',
    name: 'Bidang Energi Baru, Terbarukan dan Ketenagalistrikan',
    kind: 'BIDANG',
    parentCode: 'ESDM',
    profile: 'ENERGY',
    head: kabid('Bidang Energi Baru, Terbarukan dan Ketenagalistrikan'),
    staff: 5,
  },
  // Dinas PUPR
  {
    code: 'PUPR',
    name: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [
      office('Gedung Dinas PUPR KP3B', -6.1252, 106.1518),
      office('Gudang Peralatan dan Laboratorium Bahan', -6.1389, 106.1702, 100),
    ],
    profile: 'WORKS',
    head: kepala('Kepala Dinas Pekerjaan Umum dan Penataan Ruang', 'JPT_PRATAMA', 14),
  },
  sekretariat('PUPR', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'WORKS', 7),
  {
    code: 'PUPR-BM',
    name: 'Bidang Bina Marga',
    kind: 'BIDANG',
    parentCode: 'PUPR',
    profile: 'WORKS',
    head: kabid('Bidang Bina Marga'),
    managers: [kasi('Pembangunan Jalan dan Jembatan')],
    staff: 8,
  },
  {
    code: 'PUPR-SDA',
    name: 'Bidang Sumber Daya Air',
    kind: 'BIDANG',
    parentCode: 'PUPR',
    profile: 'WORKS',
    head: kabid('Bidang Sumber Daya Air'),
    staff: 7,
  },
  {
    code: 'PUPR-TR',
    name: 'Bidang Penataan Ruang',
    kind: 'BIDANG',
    parentCode: 'PUPR',
    profile: 'WORKS',
    head: kabid('Bidang Penataan Ruang'),
    staff: 5,
  },
  // Bapenda with the four UPTD Samsat of the news report.
  {
    code: 'BAPENDA',
    name: 'Badan Pendapatan Daerah',
    kind: 'OPD',
    parentCode: 'PEMPROV',
    address: KP3B,
    offices: [office('Gedung Bapenda KP3B', -6.1169, 106.1521)],
    profile: 'REVENUE',
    head: kepala('Kepala Badan Pendapatan Daerah', 'JPT_PRATAMA', 14),
  },
  sekretariat('BAPENDA', 'Badan Pendapatan Daerah', 'REVENUE', 7),
  {
    code: 'BAPENDA-PD',
    name: 'Bidang Pajak Daerah',
    kind: 'BIDANG',
    parentCode: 'BAPENDA',
    profile: 'REVENUE',
    head: kabid('Bidang Pajak Daerah'),
    managers: [kasi('Pendataan dan Penetapan')],
    staff: 6,
  },
  samsat('CIRUAS', 'Ciruas', 'Jl. Raya Serang–Jakarta KM 8, Ciruas, Kabupaten Serang', -6.1105, 106.2302, 16),
  samsat('RKB', 'Rangkasbitung', 'Jl. Siliwangi, Rangkasbitung, Kabupaten Lebak', -6.3592, 106.2496, 15),
  samsat('SERPONG', 'Serpong', 'Jl. Raya Serpong, Kota Tangerang Selatan', -6.3101, 106.6702, 15),
  samsat('KLD', 'Kelapa Dua', 'Jl. Raya Kelapa Dua, Kabupaten Tangerang', -6.2301, 106.6098, 15),
];

// ─── Static content: names and titles ────────────────────────────────────────────────────────────

/** Splits a space-separated word list (keeps the long name lists compact). */
const words = (text: string): readonly string[] => text.split(' ');

const MALE_FIRST = words(
  'Ahmad Muhammad Agus Dedi Asep Ujang Cecep Dadang Budi Hendra Rudi Iwan Eko Bambang Joko Wahyu Yusuf ' +
    'Rizki Fajar Dimas Ilham Ridwan Hasan Ade Encep Deden Tatang Yayat Jajang Usep Endang Nana Rahmat Syamsul ' +
    'Irfan Teguh Arif Andri Rendi Aep Oman Didin Yudi Hari Firman Gilang Rizal',
);
const FEMALE_FIRST = words(
  'Siti Nur Dewi Sri Ai Euis Neneng Iis Yanti Rina Lilis Nining Tuti Eneng Rini Wulan Ratna Fitri Aulia ' +
    'Nabila Putri Indah Ayu Dian Lina Ika Yuyun Cucu Imas Tati Heni Yeni Nia Rosita Anisa Mega Desi Nurul',
);
/** Second given names (Muhammad Rizki …, Siti Nur …). */
const MALE_MIDDLE = words('Rizki Fajar Ilham Ridwan Hasan Nur Arif Yusuf Abdul Dimas Aditya Rahmat');
const FEMALE_MIDDLE = words('Nur Ayu Dewi Putri Fitri Indah Aulia Sri Puspa Ratna');
const MALE_LAST = words(
  'Hidayat Saputra Kurniawan Setiawan Firmansyah Gunawan Permana Suryana Nugraha Prasetyo Santoso Wibowo ' +
    'Hakim Ramdani Maulana Sudrajat Supriatna Hermawan Sobari Jaelani Rohman Mulyadi Suherman Hidayatullah ' +
    'Fauzi Kusnadi Rusmana',
);
const FEMALE_LAST = words(
  'Rahmawati Nurhayati Kurniasih Lestari Fitriani Handayani Suryani Maryati Wulandari Puspitasari Rosmiati ' +
    'Mulyani Sulastri Komalasari Anggraeni Nuraeni Marlina Susanti Rohaeti Yuliani Permatasari Hasanah ' +
    'Jubaedah Oktaviani',
);
/** Single-word (often Javanese) names. */
const MALE_SINGLE = words('Sukirman Suparman Slamet Sutrisno Supriyadi Mulyono Sugiarto Suhendi');
const FEMALE_SINGLE = words('Sumiati Suminah Sriyati Karsih Warsinah Sukaesih Maryam Rukmini');

/** Back title of an S1 degree, by profile. */
const S1_TITLES: Readonly<Record<Profile, readonly string[]>> = {
  GOV: ['S.Sos.', 'S.IP.', 'S.H.', 'S.E.', 'S.AP.'],
  HR: ['S.Psi.', 'S.Sos.', 'S.IP.', 'S.AP.', 'S.H.'],
  AUDIT: ['S.E.', 'S.Ak.', 'S.H.', 'S.E.'],
  HEALTH: ['S.K.M.', 'S.K.M.', 'S.Gz.', 'S.E.'],
  SCHOOL: ['S.Pd.', 'S.Pd.', 'S.Si.'],
  EDU: ['S.Pd.', 'S.Sos.', 'S.Kom.'],
  ENV: ['S.Hut.', 'S.Si.', 'S.T.'],
  ENERGY: ['S.T.', 'S.T.', 'S.Si.'],
  WORKS: ['S.T.', 'S.T.', 'S.E.'],
  REVENUE: ['S.E.', 'S.Ak.', 'S.Kom.', 'S.E.'],
};
const S2_TITLES: Readonly<Record<Profile, readonly string[]>> = {
  GOV: ['M.Si.', 'M.M.', 'M.AP.', 'M.H.'],
  HR: ['M.Si.', 'M.M.', 'M.AP.'],
  AUDIT: ['M.Ak.', 'M.M.', 'M.H.'],
  HEALTH: ['M.Kes.', 'M.K.M.', 'M.M.'],
  SCHOOL: ['M.Pd.'],
  EDU: ['M.Pd.', 'M.Si.'],
  ENV: ['M.Si.', 'M.T.'],
  ENERGY: ['M.T.', 'M.Si.'],
  WORKS: ['M.T.', 'M.T.', 'M.M.'],
  REVENUE: ['M.M.', 'M.Ak.', 'M.Si.'],
};
const D3_TITLES: Readonly<Record<Profile, string>> = {
  GOV: 'A.Md.',
  HR: 'A.Md.',
  AUDIT: 'A.Md.Ak.',
  HEALTH: 'A.Md.Kes.',
  SCHOOL: 'A.Md.',
  EDU: 'A.Md.',
  ENV: 'A.Md.',
  ENERGY: 'A.Md.T.',
  WORKS: 'A.Md.T.',
  REVENUE: 'A.Md.Ak.',
};
const D4_TITLES: Readonly<Record<Profile, string>> = {
  GOV: 'S.Tr.AP.',
  HR: 'S.Tr.AP.',
  AUDIT: 'S.Tr.Ak.',
  HEALTH: 'S.Tr.Kes.',
  SCHOOL: 'S.Tr.Pd.',
  EDU: 'S.Tr.Kom.',
  ENV: 'S.Tr.T.',
  ENERGY: 'S.Tr.T.',
  WORKS: 'S.Tr.T.',
  REVENUE: 'S.Tr.Ak.',
};

// ─── Rules for plausible people ──────────────────────────────────────────────────────────────────

/** Birth-year range by position kind (keeps everyone below the retirement age on {@link DEMO_AS_OF}). */
const BIRTH_YEARS: Readonly<Record<PositionKind, readonly [number, number]>> = {
  JPT_MADYA: [1967, 1970],
  JPT_PRATAMA: [1967, 1976],
  ADMINISTRATOR: [1969, 1982],
  PENGAWAS: [1970, 1990],
  PELAKSANA: [1969, 1998],
  JF_AHLI_UTAMA: [1966, 1975],
  JF_AHLI_MADYA: [1967, 1982],
  JF_AHLI_MUDA: [1970, 1990],
  JF_AHLI_PERTAMA: [1980, 1998],
  JF_PENYELIA: [1969, 1985],
  JF_MAHIR: [1975, 1992],
  JF_TERAMPIL: [1978, 1998],
  JF_PEMULA: [1985, 1998],
};

/** PNS golongan range by position kind (lowest, highest). */
const PNS_GOLONGAN_RANGE: Readonly<Record<PositionKind, readonly [PnsGolongan, PnsGolongan]>> = {
  JPT_MADYA: ['IV/d', 'IV/e'],
  JPT_PRATAMA: ['IV/c', 'IV/d'],
  ADMINISTRATOR: ['IV/a', 'IV/b'],
  PENGAWAS: ['III/c', 'IV/a'],
  PELAKSANA: ['II/a', 'III/d'],
  JF_AHLI_UTAMA: ['IV/d', 'IV/e'],
  JF_AHLI_MADYA: ['IV/a', 'IV/c'],
  JF_AHLI_MUDA: ['III/c', 'III/d'],
  JF_AHLI_PERTAMA: ['III/a', 'III/b'],
  JF_PENYELIA: ['III/c', 'III/d'],
  JF_MAHIR: ['III/a', 'III/b'],
  JF_TERAMPIL: ['II/c', 'II/d'],
  JF_PEMULA: ['II/a', 'II/b'],
};

const PELAKSANA_GOLONGAN_CAP: Partial<Record<EducationLevel, PnsGolongan>> = {
  SD: 'II/b',
  SMP: 'II/d',
  'SMA/SMK': 'III/b',
  D1: 'III/b',
  D2: 'III/b',
  D3: 'III/c',
};

function pnsGolongan(kind: PositionKind, education: EducationLevel, serviceYears: number): PnsGolongan {
  const [lo, hi] = PNS_GOLONGAN_RANGE[kind];
  let loRank = Math.max(pnsGolonganRank(lo), pnsGolonganRank(CPNS_ENTRY_GOLONGAN[education]));
  let hiRank = pnsGolonganRank(hi);
  const cap = kind === 'PELAKSANA' ? PELAKSANA_GOLONGAN_CAP[education] : undefined;
  if (cap) hiRank = Math.min(hiRank, pnsGolonganRank(cap));
  if (loRank > hiRank) loRank = hiRank;
  // About one step every four years of service (regular promotion), within the range of the position.
  const rank = Math.min(
    hiRank,
    pnsGolonganRank(CPNS_ENTRY_GOLONGAN[education]) + Math.floor(serviceYears / 4),
  );
  return PNS_GOLONGAN_CODES[Math.max(loRank, rank)] ?? lo;
}

const TMT_MONTHS: readonly (readonly [number, number])[] = [
  [1, 5],
  [3, 3],
  [4, 2],
  [12, 2],
  [2, 1],
  [5, 1],
  [6, 1],
  [10, 1],
];

const pad2 = (n: number) => String(n).padStart(2, '0');
const firstOfMonth = (year: number, month: number): LocalDate => `${year}-${pad2(month)}-01`;
const yearOf = (date: LocalDate) => Number(date.slice(0, 4));

function randomDate(rng: Rng, fromYear: number, toYear: number): LocalDate {
  const from = toEpochDay(`${fromYear}-01-01`);
  const to = toEpochDay(`${toYear}-12-31`);
  return fromEpochDay(rng.int(from, to));
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.+|\.+$/g, '');

// ─── Generator ───────────────────────────────────────────────────────────────────────────────────

interface Built {
  employee: DemoEmployee;
  /** Null for the staff of a unit, the position code for heads and managers. */
  managerCode: string | null;
  job: Job | null;
}

/**
 * Generates the demo organisation, positions, ~400 employees of every type, Plt/Plh assignments,
 * placement history and role grants. Deterministic: equal seeds give deep-equal results.
 *
 * @param seed PRNG seed (default 2026)
 * @throws Error if a generated NIP fails {@link parseNip} (a bug in the generator)
 */
export function generateDemoData(seed = 2026): DemoData {
  const rng = createRng(seed);
  const units: DemoUnit[] = [];
  const positions: DemoPosition[] = [];
  const positionByCode = new Map<string, DemoPosition>();
  const built: Built[] = [];
  const placementHistory: DemoPlacement[] = [];
  const usedNips = new Set<string>();
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const headNip = new Map<string, string | null>();
  const managerNips = new Map<string, string[]>();
  const specByCode = new Map(UNIT_SPECS.map((s) => [s.code, s]));
  let nonAsnCounter = 0;
  let decreeCounter = 0;

  const ensurePosition = (
    unitCode: string,
    code: string,
    name: string,
    kind: PositionKind,
    kelas: number,
    isHead: boolean,
  ): DemoPosition => {
    const fullCode = `${unitCode}:${code}`;
    const existing = positionByCode.get(fullCode);
    if (existing) return existing;
    const position: DemoPosition = { code: fullCode, name, kind, kelasJabatan: kelas, unitCode, isHead };
    positions.push(position);
    positionByCode.set(fullCode, position);
    return position;
  };

  const pickName = (gender: Gender): string => {
    for (let attempt = 0; ; attempt++) {
      let name: string;
      if (rng.chance(0.1)) {
        name = rng.pick(gender === 'L' ? MALE_SINGLE : FEMALE_SINGLE);
      } else {
        const first = rng.pick(gender === 'L' ? MALE_FIRST : FEMALE_FIRST);
        const middle = rng.chance(first === 'Muhammad' || first === 'Ahmad' || first === 'Siti' ? 0.8 : 0.2)
          ? ` ${rng.pick(gender === 'L' ? MALE_MIDDLE : FEMALE_MIDDLE)}`
          : '';
        const last = rng.pick(gender === 'L' ? MALE_LAST : FEMALE_LAST);
        name = first === middle.trim() ? `${first} ${last}` : `${first}${middle} ${last}`;
      }
      // Bantenese nobility prefixes (part of the name, not a title).
      if (rng.chance(0.04)) name = `${gender === 'L' ? 'Tb.' : 'Ratu'} ${name}`;
      if (!usedNames.has(name) || attempt > 20) {
        usedNames.add(name);
        return name;
      }
    }
  };

  const titlesFor = (
    profile: Profile,
    education: EducationLevel,
    job: Job | null,
    birthYear: number,
    gender: Gender,
  ): { frontTitle?: string; backTitle?: string } => {
    const front: string[] = [];
    const back: string[] = [];
    const s1 = job?.degree !== undefined && job.degree !== '' ? job.degree : rng.pick(S1_TITLES[profile]);
    if (job?.front) front.push(job.front);
    if (education === 'D3') back.push(job?.degree || D3_TITLES[profile]);
    if (education === 'D4') back.push(D4_TITLES[profile]);
    if (education === 'S1' || education === 'S2' || education === 'S3') {
      if (job?.degree === '') {
        // dr. only: the medical degree is the front title.
      } else if (birthYear < 1972 && s1 === 'S.T.' && rng.chance(0.5)) {
        front.push('Ir.');
      } else if (birthYear < 1972 && !s1.startsWith('S.T') && rng.chance(0.5)) {
        front.push(gender === 'L' ? 'Drs.' : 'Dra.');
      } else {
        back.push(s1);
      }
    }
    if (education === 'S2' || education === 'S3') back.push(rng.pick(S2_TITLES[profile]));
    if (education === 'S3') front.unshift('Dr.');
    if (birthYear < 1980 && rng.chance(0.12)) front.push(gender === 'L' ? 'H.' : 'Hj.');
    const result: { frontTitle?: string; backTitle?: string } = {};
    if (front.length > 0) result.frontTitle = front.join(' ');
    if (back.length > 0) result.backTitle = back.join(', ');
    return result;
  };

  const makeEmail = (name: string): string => {
    const words = name.split(' ').filter((w) => !['Tb.', 'Ratu'].includes(w));
    const base = slug(
      [words[0], words[words.length - 1]].filter((w, i) => i === 0 || w !== words[0]).join(' '),
    );
    let email = `${base}@${DEMO_EMAIL_DOMAIN}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@${DEMO_EMAIL_DOMAIN}`;
    usedEmails.add(email);
    return email;
  };

  const makeNip = (type: EmployeeType, birthDate: LocalDate, gender: Gender, tmt: LocalDate): string => {
    for (let sequence = rng.int(1, 150); ; sequence++) {
      const nip =
        type === 'PNS' || type === 'CPNS'
          ? composeNip({ birthDate, appointmentMonth: tmt.slice(0, 7), gender, sequence })
          : composeNip({ layout: 'PPPK', birthDate, appointmentYear: yearOf(tmt), gender, sequence });
      if (usedNips.has(nip)) continue;
      const parsed = parseNip(nip, { layout: type === 'PNS' || type === 'CPNS' ? 'PNS' : 'PPPK' });
      if (!parsed.ok) throw new Error(`Demo NIP ${nip} is invalid: ${parsed.message}`);
      usedNips.add(nip);
      return nip;
    }
  };

  /** Creates one person for a position; returns the employee without superior (filled in later). */
  const createPerson = (
    spec: UnitSpec,
    position: DemoPosition,
    type: EmployeeType,
    job: Job | null,
    education: EducationLevel,
  ): DemoEmployee => {
    const gender: Gender = job?.gender ?? (rng.chance(0.5) ? 'L' : 'P');
    let birthDate: LocalDate;
    let tmt: LocalDate;
    if (type === 'PNS') {
      const [lo, hi] = BIRTH_YEARS[position.kind];
      birthDate = randomDate(rng, lo, hi);
      const by = yearOf(birthDate);
      const minAge = education === 'SMA/SMK' || education === 'SMP' ? 19 : 22;
      const year = rng.int(Math.min(by + minAge, 2022), Math.min(by + 30, 2022));
      tmt = firstOfMonth(year, rng.weighted(TMT_MONTHS));
    } else if (type === 'CPNS') {
      birthDate = randomDate(rng, 1990, 2000);
      tmt = firstOfMonth(2025, rng.pick([3, 4, 5, 6, 7, 10]));
    } else if (type === 'PPPK') {
      birthDate = randomDate(rng, 1975, 1998);
      const year = rng.int(2021, 2025);
      tmt = firstOfMonth(year, year === 2025 ? rng.pick([3, 4, 10]) : rng.pick([1, 3, 4, 12]));
    } else if (type === 'PPPK_PARUH_WAKTU') {
      birthDate = randomDate(rng, 1976, 2000);
      tmt = rng.chance(0.6) ? '2025-10-01' : '2026-01-01';
    } else {
      birthDate = randomDate(rng, 1978, 2000);
      tmt = firstOfMonth(rng.int(Math.max(2012, yearOf(birthDate) + 19), 2024), rng.int(1, 12));
    }
    const name = pickName(gender);
    const titles = titlesFor(spec.profile, education, job, yearOf(birthDate), gender);
    const serviceYears = yearOf(DEMO_AS_OF) - yearOf(tmt);
    let golongan: string | null = null;
    if (type === 'PNS') golongan = pnsGolongan(position.kind, education, serviceYears);
    if (type === 'CPNS') golongan = CPNS_ENTRY_GOLONGAN[education];
    // PPPK: entry golongan by education (Perpres 98/2020); PPPK paruh waktu are paid a wage, not by golongan [INF].
    if (type === 'PPPK') golongan = PPPK_ENTRY_GOLONGAN[education];

    const nip = type === 'NON_ASN' ? null : makeNip(type, birthDate, gender, tmt);
    const internalId = type === 'NON_ASN' ? `NA-BTN-${String(++nonAsnCounter).padStart(4, '0')}` : undefined;
    const email = type !== 'NON_ASN' || rng.chance(0.5) ? makeEmail(name) : undefined;
    // Optional keys only when present, in a stable order (titles around the name).
    return {
      nip,
      ...(internalId ? { internalId } : {}),
      ...(titles.frontTitle ? { frontTitle: titles.frontTitle } : {}),
      name,
      ...(titles.backTitle ? { backTitle: titles.backTitle } : {}),
      gender,
      birthDate,
      employeeType: type,
      golongan,
      education,
      unitCode: spec.code,
      positionCode: position.code,
      superiorNip: null,
      activeFrom: tmt,
      ...(email ? { email } : {}),
    };
  };

  const managerEducation = (kind: PositionKind): EducationLevel => {
    if (kind === 'JPT_MADYA' || kind === 'JPT_PRATAMA')
      return rng.weighted([
        ['S2', 8],
        ['S3', 2],
      ] as const);
    if (kind === 'ADMINISTRATOR')
      return rng.weighted([
        ['S1', 4],
        ['S2', 6],
      ] as const);
    if (kind === 'JF_AHLI_MADYA')
      return rng.weighted([
        ['S1', 5],
        ['S2', 5],
      ] as const);
    return rng.weighted([
      ['S1', 7],
      ['S2', 3],
    ] as const);
  };

  const jobsOf = (spec: UnitSpec): Job[] => [...PROFILE_JOBS[spec.profile], ...GENERIC_JOBS, ...NON_ASN_JOBS];

  const eligible = (job: Job, type: EmployeeType): boolean => {
    const types = job.types ?? ['PNS', 'CPNS', 'PPPK'];
    if (!types.includes(type)) return false;
    if (type === 'CPNS' && !ENTRY_KINDS.includes(job.kind)) return false;
    if (type === 'PPPK' && job.kind === 'PELAKSANA' && job.kelas < 7) return false;
    return true;
  };

  // 1. Units, heads, managers and staff.
  for (const spec of UNIT_SPECS) {
    units.push({
      code: spec.code,
      name: spec.name,
      kind: spec.kind,
      parentCode: spec.parentCode,
      timeZone: spec.timeZone ?? 'Asia/Jakarta',
      ...(spec.address ? { address: spec.address } : {}),
      offices: spec.offices ?? [],
    });

    if (spec.head) {
      const h = spec.head;
      const position = ensurePosition(spec.code, h.code, h.name, h.kind, h.kelas, true);
      if (h.vacant) {
        headNip.set(spec.code, null);
      } else {
        const headJob = h.kind === 'JF_AHLI_MADYA' ? (PROFILE_JOBS[spec.profile][0] ?? null) : null;
        const employee = createPerson(spec, position, 'PNS', headJob, managerEducation(h.kind));
        built.push({ employee, managerCode: position.code, job: null });
        headNip.set(spec.code, employee.nip);
      }
    }
    const managers: string[] = [];
    for (const m of spec.managers ?? []) {
      const position = ensurePosition(spec.code, m.code, m.name, m.kind, m.kelas, false);
      const employee = createPerson(spec, position, 'PNS', null, managerEducation(m.kind));
      built.push({ employee, managerCode: position.code, job: null });
      if (employee.nip) managers.push(employee.nip);
    }
    managerNips.set(spec.code, managers);

    const jobs = jobsOf(spec);
    const mix = spec.mix ?? MIX_DEFAULT;
    const fixed = spec.fixed ?? [];
    const staffCount = Math.max(spec.staff ?? 0, fixed.length);
    for (let i = 0; i < staffCount; i++) {
      const forced = fixed[i];
      let type: EmployeeType;
      let job: Job;
      if (forced) {
        type = forced[0];
        const found = jobs.find((candidate) => candidate.code === forced[1]);
        if (!found) throw new Error(`Unknown job ${forced[1]} in ${spec.code}`);
        job = found;
      } else {
        type = rng.weighted(Object.entries(mix) as [EmployeeType, number][]);
        const candidates = jobs.filter((candidate) => eligible(candidate, type));
        // Profile jobs weigh more than the generic pelaksana jobs.
        job = rng.weighted(
          candidates.map((c) => [c, PROFILE_JOBS[spec.profile].includes(c) ? 3 : 1] as const),
        );
      }
      const position = ensurePosition(spec.code, job.code, job.name, job.kind, job.kelas, false);
      const employee = createPerson(spec, position, type, job, rng.pick(job.education));
      built.push({ employee, managerCode: null, job });
    }
  }

  // 2. Superiors: staff → a manager of the unit or its head; managers → head; head → the effective head
  //    of the parent unit; heads of OPD → Sekda. A vacant head is skipped (its Plt is an acting assignment).
  const sekdaNip = headNip.get('SETDA') ?? null;
  const effectiveHead = (unitCode: string | null): string | null => {
    for (let code = unitCode; code !== null;) {
      const spec = specByCode.get(code);
      if (!spec) break;
      if (spec.kind === 'INSTANSI') return sekdaNip;
      const nip = headNip.get(code);
      if (nip) return nip;
      code = spec.parentCode;
    }
    return sekdaNip;
  };
  for (const b of built) {
    const e = b.employee;
    const spec = specByCode.get(e.unitCode);
    if (!spec) throw new Error(`Unknown unit ${e.unitCode}`);
    const position = positionByCode.get(e.positionCode);
    if (position?.isHead) {
      e.superiorNip = e.nip === sekdaNip ? null : effectiveHead(spec.parentCode);
    } else if (b.managerCode) {
      e.superiorNip = effectiveHead(spec.code);
    } else {
      const managers = managerNips.get(spec.code) ?? [];
      e.superiorNip = managers.length > 0 && rng.chance(0.75) ? rng.pick(managers) : effectiveHead(spec.code);
    }
  }

  // 3. Placement history: everyone's current placement. Heads and managers were installed (dilantik)
  //    in their post between 2016 and 2025 after serving as staff in another unit; about one in eight PNS
  //    staff moved (mutasi) from another unit. The Kepala UPTD Samsat Kelapa Dua was installed on
  //    1 July 2025, ending the Plt below.
  const staffUnits = UNIT_SPECS.filter((s) => s.kind === 'BIDANG' || s.kind === 'UPTD')
    .map((s) => s.code)
    .filter((code) => code !== 'SETDA-MKS');
  const decree = (year: number) => `821.2/Kep.${++decreeCounter + 100}-BKD/${year}`;
  const moves = new Map<DemoEmployee, { from: LocalDate; decree: string }>();
  const kelapaDuaHead = headNip.get('BAPENDA-SAMSAT-KLD');
  const genericJobFor = (education: EducationLevel): Job => {
    const job =
      education === 'D3' ? GENERIC_JOBS[1] : education === 'SMA/SMK' ? GENERIC_JOBS[3] : GENERIC_JOBS[0];
    if (!job) throw new Error('GENERIC_JOBS is empty');
    return job;
  };
  for (const b of built) {
    const e = b.employee;
    const isManager = b.managerCode !== null;
    const movable = e.employeeType === 'PNS' && yearOf(e.activeFrom) <= 2019;
    if (!isManager && !(movable && rng.chance(0.12))) continue;
    const earlierUnit = rng.pick(staffUnits.filter((u) => u !== e.unitCode));
    const job = b.job && GENERIC_JOBS.includes(b.job) ? b.job : genericJobFor(e.education);
    const earlier = ensurePosition(earlierUnit, job.code, job.name, job.kind, job.kelas, false);
    let moveFrom: LocalDate;
    if (e.nip !== null && e.nip === kelapaDuaHead) {
      moveFrom = '2025-07-01';
    } else {
      const earliest = Math.max(yearOf(e.activeFrom) + (isManager ? 8 : 3), isManager ? 2016 : 0);
      const year = rng.int(Math.min(earliest, 2025), 2025);
      moveFrom = firstOfMonth(year, year === 2025 ? rng.int(1, 12) : rng.pick([1, 4, 7, 10]));
    }
    placementHistory.push({
      nip: e.nip,
      unitCode: earlierUnit,
      positionCode: earlier.code,
      from: e.activeFrom,
      to: addDays(moveFrom, -1),
    });
    moves.set(e, { from: moveFrom, decree: decree(yearOf(moveFrom)) });
  }
  for (const b of built) {
    const e = b.employee;
    const move = moves.get(e);
    placementHistory.push({
      nip: e.nip,
      ...(e.internalId ? { internalId: e.internalId } : {}),
      unitCode: e.unitCode,
      positionCode: e.positionCode,
      from: move ? move.from : e.activeFrom,
      to: null,
      ...(move ? { decree: move.decree } : {}),
    });
  }
  placementHistory.sort(
    (a, b) =>
      (a.nip ?? a.internalId ?? '').localeCompare(b.nip ?? b.internalId ?? '') ||
      a.from.localeCompare(b.from),
  );

  // 4. Plt / Plh.
  const employees = built.map((b) => b.employee);
  const headOf = (unit: string) => headNip.get(unit) ?? null;
  const managerOf = (unit: string, code: string) =>
    employees.find((e) => e.positionCode === `${unit}:${code}`)?.nip ?? null;
  const acting: DemoActingAssignment[] = [];
  const addActing = (
    nip: string | null,
    unit: string,
    kind: 'PLT' | 'PLH',
    from: LocalDate,
    to: LocalDate | null,
    reason: string,
  ) => {
    if (!nip) throw new Error(`No acting official for ${unit}`);
    acting.push({ nip, positionCode: `${unit}:KEPALA`, kind, from, to, reason });
  };
  addActing(
    headOf('ESDM-SEK'),
    'ESDM',
    'PLT',
    '2025-10-01',
    null,
    'Jabatan Kepala Dinas kosong karena pejabat definitif memasuki batas usia pensiun; menunggu seleksi terbuka JPT Pratama.',
  );
  addActing(
    headOf('BAPENDA-SAMSAT-SERPONG'),
    'BAPENDA-SAMSAT-KLD',
    'PLT',
    '2025-03-03',
    '2025-06-30',
    'Kepala UPTD Samsat Kelapa Dua dimutasi; jabatan kosong sampai pelantikan pejabat definitif 1 Juli 2025.',
  );
  addActing(
    managerOf('BAPENDA-SAMSAT-RKB', 'KASUBAG'),
    'BAPENDA-SAMSAT-RKB',
    'PLH',
    '2025-05-12',
    '2025-06-27',
    'Kepala UPTD Samsat Rangkasbitung menjalani cuti besar untuk menunaikan ibadah haji.',
  );
  addActing(
    headOf('BKD-SEK'),
    'BKD',
    'PLH',
    '2026-01-19',
    '2026-01-21',
    'Kepala BKD melaksanakan perjalanan dinas ke luar daerah.',
  );
  addActing(
    managerOf('DINKES-YANKES', 'KASI'),
    'DINKES-YANKES',
    'PLH',
    '2026-01-12',
    '2026-01-30',
    'Kepala Bidang Pelayanan Kesehatan menjalani cuti sakit.',
  );

  // 5. Role grants.
  const roleGrants: DemoRoleGrant[] = [];
  const grant = (e: DemoEmployee | undefined, role: DemoRole, unitCode: string) => {
    if (!e) throw new Error(`No employee for ${role} in ${unitCode}`);
    roleGrants.push(
      e.nip ? { nip: e.nip, role, unitCode } : { nip: null, username: e.internalId ?? '', role, unitCode },
    );
  };
  const byNip = (nip: string | null) => employees.find((e) => nip !== null && e.nip === nip);
  const firstStaff = (unit: string, pred: (e: DemoEmployee) => boolean = () => true) =>
    built.find((b) => b.employee.unitCode === unit && b.managerCode === null && pred(b.employee))?.employee;

  grant(byNip(sekdaNip), 'PIMPINAN', 'PEMPROV');
  const opds = UNIT_SPECS.filter((s) => s.kind === 'OPD');
  for (const opd of opds) {
    if (opd.code !== 'SETDA' && headOf(opd.code)) grant(byNip(headOf(opd.code)), 'PIMPINAN', opd.code);
  }
  for (const opd of opds) {
    const adminUnit = opd.code === 'SETDA' ? 'SETDA-UMUM' : `${opd.code}-SEK`;
    grant(firstStaff(adminUnit), 'ADMIN_OPD', opd.code);
  }
  grant(byNip(headOf('BKD')), 'BKD', 'PEMPROV');
  grant(byNip(headOf('BKD-PKD')), 'BKD', 'PEMPROV');
  grant(
    firstStaff('BKD-PKD', (e) => e.employeeType === 'PNS'),
    'BKD',
    'PEMPROV',
  );
  grant(
    firstStaff('BKD-PKD', (e) => e.employeeType === 'PNS' && e.nip !== firstStaff('BKD-PKD')?.nip),
    'BKD',
    'PEMPROV',
  );
  grant(byNip(headOf('INSP')), 'INSPEKTORAT', 'PEMPROV');
  grant(byNip(headOf('INSP-IRBAN-I')), 'INSPEKTORAT', 'PEMPROV');
  grant(
    firstStaff('INSP-IRBAN-I', (e) => e.employeeType === 'PNS'),
    'INSPEKTORAT',
    'PEMPROV',
  );

  for (const e of employees) {
    if (e.internalId && !isNonAsnIdentifier(e.internalId)) throw new Error(`Bad internal id ${e.internalId}`);
  }

  return { units, positions, employees, actingAssignments: acting, placementHistory, roleGrants };
}

// ─── Demo logins for the README ──────────────────────────────────────────────────────────────────

/** One suggested demo login. `login` is the NIP, or the username of a non-ASN operator. */
export interface DemoLogin {
  login: string;
  nip: string | null;
  name: string;
  unitCode: string;
  note: string;
}

/** Suggested demo logins per role. The first of each role (and `adminOpd` of BAPENDA) form one approval chain. */
export type DemoAccounts = Record<
  'pegawai' | 'atasan' | 'pybmc' | 'adminOpd' | 'bkd' | 'inspektorat' | 'pimpinan',
  DemoLogin[]
>;

/** The OPD of a unit: the unit of kind OPD at or above it (the unit itself when none). */
export function opdOfUnit(data: DemoData, unitCode: string): string {
  const byCode = new Map(data.units.map((u) => [u.code, u]));
  for (let u = byCode.get(unitCode); u; u = u.parentCode ? byCode.get(u.parentCode) : undefined)
    if (u.kind === 'OPD') return u.code;
  return unitCode;
}

/**
 * Picks a few representative logins per role from generated demo data. The first pegawai (a plain PNS of UPTD
 * Samsat Ciruas), the first atasan (that pegawai's direct superior), the first pybmc (the head of the pegawai's
 * OPD, who grants leave: rulebook `leave.approval` OPD_HEAD, Peraturan BKN 24/2017), the admin OPD of that OPD,
 * the first BKD, Inspektorat and pimpinan (the Sekda) run every flow end to end (README). The others show
 * variety: every employee type, the WITA office, a non-ASN login, a Plt, a non-ASN admin operator.
 */
export function pickDemoLogins(data: DemoData): DemoAccounts {
  const positionOf = new Map(data.positions.map((p) => [p.code, p]));
  const unitName = new Map(data.units.map((u) => [u.code, u.name]));
  const subordinates = new Map<string, number>();
  for (const e of data.employees) {
    if (e.superiorNip) subordinates.set(e.superiorNip, (subordinates.get(e.superiorNip) ?? 0) + 1);
  }
  const login = (e: DemoEmployee | undefined, note: string): DemoLogin[] => {
    if (!e) return [];
    const position = positionOf.get(e.positionCode);
    return [
      {
        login: e.nip ?? e.internalId ?? '',
        nip: e.nip,
        name: formatFullName(e),
        unitCode: e.unitCode,
        note: `${note} — ${position?.name ?? ''}, ${unitName.get(e.unitCode) ?? e.unitCode}`,
      },
    ];
  };
  const find = (pred: (e: DemoEmployee) => boolean) => data.employees.find(pred);
  const isLeaf = (e: DemoEmployee) => !e.nip || !subordinates.has(e.nip);
  const byNip = (nip: string | null | undefined) => find((e) => nip != null && e.nip === nip);
  const fromGrants = (role: DemoRole, count: number, note: string) =>
    data.roleGrants
      .filter((g) => g.role === role)
      .slice(0, count)
      .flatMap((g) =>
        login(
          find((e) => (g.nip ? e.nip === g.nip : e.internalId === g.username)),
          `${note} (lingkup ${g.unitCode})`,
        ),
      );
  const plt = data.actingAssignments.find((a) => a.kind === 'PLT' && a.to === null);
  // The chain's pegawai: a plain PNS of UPTD Samsat Ciruas whose superior is not the head of the OPD (so leave
  // goes through both steps) and who has served a year (annual leave).
  const pegawai = find(
    (e) =>
      e.unitCode === 'BAPENDA-SAMSAT-CIRUAS' &&
      e.employeeType === 'PNS' &&
      isLeaf(e) &&
      e.activeFrom <= '2020-01-01' &&
      !positionOf.get(byNip(e.superiorNip)?.positionCode ?? '')?.isHead,
  );
  const superior = byNip(pegawai?.superiorNip);
  const opd = pegawai ? opdOfUnit(data, pegawai.unitCode) : 'BAPENDA';
  const head = find((e) => e.positionCode === `${opd}:KEPALA`);
  const positionName = (e: DemoEmployee | undefined) => positionOf.get(e?.positionCode ?? '')?.name ?? '';

  return {
    pegawai: [
      ...login(pegawai, 'PNS'),
      ...login(
        find((e) => e.unitCode === 'DINKES-PKM-CURUG' && e.employeeType === 'PPPK'),
        'PPPK',
      ),
      ...login(
        find((e) => e.employeeType === 'PPPK_PARUH_WAKTU'),
        'PPPK paruh waktu',
      ),
      ...login(
        find((e) => e.employeeType === 'CPNS'),
        'CPNS',
      ),
      ...login(
        find((e) => e.unitCode === 'SETDA-MKS' && e.employeeType === 'PNS' && isLeaf(e)),
        'PNS di zona WITA',
      ),
      ...login(
        find((e) => e.employeeType === 'NON_ASN'),
        'Non-ASN (login dengan nomor internal)',
      ),
    ],
    atasan: [
      ...login(superior, `Atasan langsung ${pegawai ? formatFullName(pegawai) : ''}`.trim()),
      ...login(
        find((e) => e.positionCode === 'BAPENDA-SAMSAT-CIRUAS:KEPALA' && e !== superior),
        'Kepala UPTD',
      ),
      ...login(
        find((e) => e.positionCode === 'DINKES-YANKES:KEPALA'),
        'Kepala Bidang',
      ),
      ...login(byNip(plt?.nip), `Plt ${positionOf.get(plt?.positionCode ?? '')?.name ?? ''}`),
    ],
    pybmc: login(head, `Pejabat pemberi cuti (${positionName(head)})`),
    adminOpd: [
      ...fromGrants('ADMIN_OPD', data.roleGrants.length, 'Admin OPD').filter((l) =>
        l.note.includes(`lingkup ${opd})`),
      ),
      ...fromGrants('ADMIN_OPD', data.roleGrants.length, 'Admin OPD').filter(
        (l) => !l.note.includes(`lingkup ${opd})`) && (l.nip === null || l.note.includes('lingkup DINKES)')),
      ),
    ],
    bkd: fromGrants('BKD', 3, 'BKD'),
    inspektorat: fromGrants('INSPEKTORAT', 2, 'Inspektorat'),
    pimpinan: [
      ...fromGrants('PIMPINAN', 1, 'Sekretaris Daerah'),
      ...login(
        find((e) => e.positionCode === 'BAPENDA:KEPALA'),
        'Pimpinan OPD',
      ),
    ],
  };
}

/** One row of the README's demo-login table and of the start banner. */
export interface DemoLoginRow {
  /** Role as shown (Indonesian). */
  role: string;
  login: string;
  /** Who it is, and how the row relates to the chain. */
  who: string;
}

/**
 * The demo logins as the README table lists them and the start banner prints them (one list, tested to agree):
 * first the accounts that together run every flow end to end — a pegawai, their direct superior, the official who
 * grants their leave, admin OPD of their OPD, BKD, Inspektorat and the Sekda — then a few for variety (a PPPK
 * nurse on the puskesmas shift roster, the WITA office, a non-ASN, a Plt, admin OPD of Dinas Kesehatan).
 */
export function demoLoginTable(data: DemoData): DemoLoginRow[] {
  const a = pickDemoLogins(data);
  const unitName = new Map(data.units.map((u) => [u.code, u.name]));
  const pegawai = a.pegawai[0];
  const rows: DemoLoginRow[] = [{ role: 'Super admin', login: 'admin', who: 'seluruh organisasi' }];
  const add = (role: string, l: DemoLogin | undefined, who: string) => {
    if (l) rows.push({ role, login: l.login, who });
  };
  const unitOf = (l: DemoLogin | undefined) => unitName.get(l?.unitCode ?? '') ?? '';
  const positionOf = (l: DemoLogin | undefined) => l?.note.split(' — ')[1]?.split(', ')[0] ?? '';
  add('Pegawai', pegawai, `${pegawai?.name}, PNS, ${unitOf(pegawai)}`);
  add(
    'Atasan',
    a.atasan[0],
    `${a.atasan[0]?.name}, ${positionOf(a.atasan[0])}: atasan langsung pegawai di atas`,
  );
  add(
    'Pejabat pemberi cuti',
    a.pybmc[0],
    `${a.pybmc[0]?.name}, ${positionOf(a.pybmc[0])}: menyetujui cuti pegawai di atas`,
  );
  const admin = a.adminOpd[0];
  add(
    'Admin OPD',
    admin,
    `${admin?.name}, admin OPD ${unitName.get(opdOfUnit(data, pegawai?.unitCode ?? '')) ?? ''}`,
  );
  add('BKD', a.bkd[0], `${a.bkd[0]?.name}, ${positionOf(a.bkd[0])}`);
  add('Inspektorat', a.inspektorat[0], `${a.inspektorat[0]?.name}, ${positionOf(a.inspektorat[0])}`);
  add('Pimpinan', a.pimpinan[0], `${a.pimpinan[0]?.name}, ${positionOf(a.pimpinan[0])}`);
  const pppk = a.pegawai.find((l) => l.unitCode === 'DINKES-PKM-CURUG');
  add('Pegawai', pppk, `PPPK, ${unitOf(pppk)} (jadwal shift)`);
  const wita = a.pegawai.find((l) => l.note.includes('WITA'));
  add('Pegawai', wita, `PNS, ${unitOf(wita)} (WITA)`);
  const nonAsn = a.pegawai.find((l) => l.nip === null);
  add('Pegawai', nonAsn, `non-ASN, ${unitOf(nonAsn)}`);
  const plt = a.atasan.find((l) => l.note.startsWith('Plt '));
  add('Atasan (Plt)', plt, plt?.note.split(' — ')[0] ?? '');
  const dinkes = a.adminOpd.find((l) => l.note.includes('lingkup DINKES)'));
  add('Admin OPD', dinkes, `admin OPD ${unitName.get('DINKES') ?? ''}`);
  return rows;
}

/**
 * The start banner's demo-login lines (`src/server/main.ts`): the README's table, row by row, in the same order
 * (tested to agree): the first eight rows run every flow end to end.
 */
export function demoLoginBanner(data: DemoData): string[] {
  const rows = demoLoginTable(data);
  const width = Math.max(...rows.map((r) => r.role.length));
  return rows.map((r) => `  ${r.role.padEnd(width)} : ${r.login.padEnd(18)}  ${r.who}`);
}
