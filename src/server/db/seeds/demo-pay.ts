import type { LocalDate } from '../../../core/common/local-date.ts';

/**
 * Demo pay data for TPP (issue 17): each employee's gaji pokok and bank account, and each OPD's TPP pagu.
 * Illustrations, not anyone's pay (check the Lampiran before any real use): the gaji pokok is the lowest step (masa kerja 0) of the employee's golongan in
 * the PNS salary table of PP 15/2019 (PPPK: the table of Perpres 98/2020; CPNS: 80 % of it, PP 15/2019 Pasal 3), the
 * accounts are made up from the NIP, and the pagu is an even allowance per employee. Deterministic.
 */

/** PNS gaji pokok at masa kerja 0 by golongan (PP 15/2019 Lampiran). */
const PNS_GAJI_MKG0: Readonly<Record<string, number>> = {
  'I/a': 1_560_800,
  'I/b': 1_704_500,
  'I/c': 1_776_600,
  'I/d': 1_851_800,
  'II/a': 2_022_200,
  'II/b': 2_208_400,
  'II/c': 2_301_800,
  'II/d': 2_399_200,
  'III/a': 2_579_400,
  'III/b': 2_688_500,
  'III/c': 2_802_300,
  'III/d': 2_920_800,
  'IV/a': 3_044_300,
  'IV/b': 3_173_100,
  'IV/c': 3_307_300,
  'IV/d': 3_447_200,
  'IV/e': 3_593_100,
};

/** PPPK gaji pokok at masa kerja 0 by golongan (Perpres 98/2020 Lampiran). */
const PPPK_GAJI_MKG0: Readonly<Record<string, number>> = {
  I: 1_794_900,
  II: 1_960_200,
  III: 2_043_200,
  IV: 2_129_500,
  V: 2_325_600,
  VI: 2_539_700,
  VII: 2_647_200,
  VIII: 2_759_100,
  IX: 2_966_500,
  X: 3_091_900,
  XI: 3_222_700,
  XII: 3_359_100,
  XIII: 3_501_100,
  XIV: 3_649_100,
  XV: 3_803_400,
  XVI: 3_964_200,
  XVII: 4_131_800,
};

/** Upah of PPPK paruh waktu and honorarium of non-ASN staff: outside the salary tables (an example figure). */
const FLAT_PAY = 2_000_000;

const BANKS = ['Bank Pembangunan Daerah', 'Bank Rakyat Indonesia', 'Bank Mandiri'] as const;

export interface DemoPayInput {
  nip: string | null;
  internalId?: string | null;
  name: string;
  employeeType: string;
  golongan: string | null;
  activeFrom: LocalDate;
}

/** The demo gaji pokok of an employee (0 when the golongan is unknown). */
export function demoGajiPokok(e: Pick<DemoPayInput, 'employeeType' | 'golongan'>): number {
  if (e.employeeType === 'PNS') return PNS_GAJI_MKG0[e.golongan ?? ''] ?? 0;
  if (e.employeeType === 'CPNS') return Math.round((PNS_GAJI_MKG0[e.golongan ?? ''] ?? 0) * 0.8);
  if (e.employeeType === 'PPPK') return PPPK_GAJI_MKG0[e.golongan ?? ''] ?? 0;
  return FLAT_PAY;
}

/** A made-up bank account derived from the NIP (or internal number): 13 digits, one of three banks. */
export function demoBankAccount(e: Pick<DemoPayInput, 'nip' | 'internalId' | 'name'>) {
  const key = (e.nip ?? e.internalId ?? e.name).replace(/\D/g, '') || '0';
  let h = 7;
  for (const ch of key) h = (h * 31 + Number(ch)) % 1_000_000_007;
  return {
    bankName: BANKS[h % BANKS.length]!,
    accountNumber: `00${String(h).padStart(11, '0')}`.slice(-13),
    accountHolder: e.name.toUpperCase(),
  };
}

/** The demo pagu of an OPD for a year: Rp 6 juta per employee per month, rounded up to a million. */
export function demoBudget(employees: number): number {
  return Math.ceil((employees * 6_000_000 * 12) / 1_000_000) * 1_000_000;
}
