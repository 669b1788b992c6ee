/**
 * NIP (Nomor Induk Pegawai): the 18-digit national number of a PNS/CPNS, and the Nomor Induk PPPK (NI PPPK)
 * which shares its length and most of its layout. Pure parsing, validation and formatting.
 *
 * PNS / CPNS layout (Source: Peraturan Kepala BKN Nomor 22 Tahun 2007 tentang NIP; procedure in Peraturan
 * Kepala BKN Nomor 43 Tahun 2007), digits counted from 1:
 *
 * ```
 *   19850312 201001 1 003
 *   ──┬───── ──┬─── ┬ ─┬─
 *     │        │    │  └ 16–18 nomor urut (sequence), 001–999
 *     │        │    └──── 15    jenis kelamin: 1 = laki-laki, 2 = perempuan
 *     │        └───────── 9–14  TMT CPNS, year and month (YYYYMM)
 *     └────────────────── 1–8   tanggal lahir (YYYYMMDD)
 * ```
 *
 * PPPK layout (NI PPPK): digits 9–12 are the year of the first appointment as PPPK, digit 13 is the PPPK
 * marker `2` and digit 14 the agreement count (jumlah perjanjian kerja, 1–9), so NI PPPK read like
 * `19880101 2022 2 1 1 004` → written `19880101 202221 1 004`. The month is not encoded. Because a PNS month
 * starts with `0` or `1`, digit 13 tells the two layouts apart. Source: [C2] explainer pages on
 * "perbedaan NIP PNS dan NI PPPK" (2024) and two public NIP-parsing codebases (one detects PPPK by
 * digits 13–14 = `21`); the BKN regulation text itself was not read — verify before relying on digit 14.
 *
 * Non-ASN staff (honorer, PPNPN, THL) have no NIP; they are identified by an internal number
 * (see {@link isNonAsnIdentifier}). The old 9-digit NIP (before 2007) is rejected with a hint.
 */

import { isLocalDate, type LocalDate } from '../common/local-date.ts';
import { formatDdMmYyyy } from '../common/date-text.ts';

/** Gender as encoded in digit 15 of the NIP and used throughout Abdi: `L` laki-laki, `P` perempuan. */
export type Gender = 'L' | 'P';

/** Number of digits of a NIP. Source: Peraturan Kepala BKN Nomor 22 Tahun 2007 tentang NIP. */
export const NIP_DIGIT_COUNT = 18;

/** Default minimum age at appointment (TMT) checked by {@link parseNip}. [INF] CPNS/PPPK must be at least 18. */
export const DEFAULT_MIN_AGE_AT_APPOINTMENT = 18;

/** Default earliest appointment year accepted by {@link parseNip} (guards against typos such as 1905). */
export const DEFAULT_MIN_APPOINTMENT_YEAR = 1950;

/**
 * Earliest appointment year of a PPPK: PP 49/2018 (Manajemen PPPK) took effect at the end of 2018 and the
 * first PPPK were selected in 2019.
 */
export const FIRST_PPPK_YEAR = 2019;

/** Earliest birth year accepted by {@link parseNip}. */
const MIN_BIRTH_YEAR = 1900;

/** The two 18-digit layouts: NIP of a PNS/CPNS, or Nomor Induk PPPK (also PPPK paruh waktu). */
export const NIP_LAYOUTS = ['PNS', 'PPPK'] as const;
export type NipLayout = (typeof NIP_LAYOUTS)[number];

/** Why a NIP was rejected. */
export const NIP_ERROR_CODES = [
  'NIP_EMPTY',
  'NIP_DIGITS',
  'NIP_LENGTH',
  'NIP_BIRTH_DATE',
  'NIP_APPOINTMENT',
  'NIP_APPOINTMENT_AGE',
  'NIP_GENDER',
  'NIP_SEQUENCE',
  'NIP_LAYOUT',
] as const;
export type NipErrorCode = (typeof NIP_ERROR_CODES)[number];

/** The parts of a valid NIP. */
export interface ParsedNip {
  /** The 18 digits, no spaces. */
  nip: string;
  /** `PNS` (PNS and CPNS) or `PPPK` (NI PPPK), told apart by digit 13. */
  layout: NipLayout;
  /** Digits 1–8 as `YYYY-MM-DD`. */
  birthDate: LocalDate;
  /** Digits 9–12: year of TMT CPNS or of the first PPPK appointment. */
  appointmentYear: number;
  /** PNS: digits 9–14 (TMT CPNS) as `YYYY-MM`. PPPK: `null`, the month is not encoded. */
  appointmentMonth: string | null;
  /** PPPK: digit 14, the agreement count (1–9). PNS: `null`. */
  pppkAgreementCount: number | null;
  /** Digit 15: `1` → `L`, `2` → `P`. */
  gender: Gender;
  /** Digits 16–18, e.g. `003`. */
  sequence: string;
}

/** Result of {@link parseNip}: the parts, or an error code with a message in Bahasa Indonesia. */
export type NipParseResult =
  { ok: true; value: ParsedNip } | { ok: false; code: NipErrorCode; message: string };

/** Options of {@link parseNip}. */
export interface ParseNipOptions {
  /** Minimum age (whole years) at appointment; default {@link DEFAULT_MIN_AGE_AT_APPOINTMENT}. */
  minAgeAtAppointment?: number;
  /** Earliest appointment year; default {@link DEFAULT_MIN_APPOINTMENT_YEAR}. */
  minAppointmentYear?: number;
  /**
   * The layout the number must have, e.g. `PNS` for a PNS/CPNS and `PPPK` for a PPPK or PPPK paruh waktu.
   * Default: either, detected from digit 13.
   */
  layout?: NipLayout;
}

/**
 * Removes every whitespace character (NIPs are often written `19850312 201001 1 003`).
 * Source: Peraturan Kepala BKN 22/2007 tentang NIP (18 digits, written in groups).
 */
export function normalizeNip(input: string): string {
  return input.replace(/\s+/g, '');
}

function fail(code: NipErrorCode, message: string): NipParseResult {
  return { ok: false, code, message };
}

const LAYOUT_NAMES: Readonly<Record<NipLayout, string>> = { PNS: 'NIP PNS/CPNS', PPPK: 'NI PPPK' };

/**
 * Parses and validates an 18-digit NIP of a PNS/CPNS or NI PPPK.
 * Source: Peraturan Kepala BKN Nomor 22 Tahun 2007 tentang NIP (layout; see the module comment for the
 * PPPK variant); the age and year bounds are plausibility checks [INF], configurable through `options`.
 *
 * Checks, in order: not empty; digits only (whitespace is stripped first); exactly 18 digits; digits 1–8 a
 * real date (year ≥ 1900); digits 9–14 a TMT: PNS month 01–12, or PPPK marker `2` plus agreement count 1–9
 * with year ≥ 2019, year ≥ `minAppointmentYear`, layout as `options.layout` asks; the appointment not before
 * the person turned `minAgeAtAppointment` (month precision for PNS, year precision for PPPK); digit 15 is 1
 * or 2; digits 16–18 not `000`.
 *
 * @param input the NIP as typed, spaces allowed
 * @param options plausibility bounds and the expected layout
 * @returns the parts, or the first problem found with an Indonesian message
 */
export function parseNip(input: string, options: ParseNipOptions = {}): NipParseResult {
  const minAge = options.minAgeAtAppointment ?? DEFAULT_MIN_AGE_AT_APPOINTMENT;
  const minYear = options.minAppointmentYear ?? DEFAULT_MIN_APPOINTMENT_YEAR;
  const nip = normalizeNip(input);

  if (nip.length === 0) return fail('NIP_EMPTY', 'NIP wajib diisi.');
  if (!/^\d+$/.test(nip)) {
    return fail('NIP_DIGITS', 'NIP hanya boleh berisi angka (spasi boleh dipakai sebagai pemisah).');
  }
  if (nip.length !== NIP_DIGIT_COUNT) {
    const hint =
      nip.length === 9 ? ' NIP lama (9 digit) sudah tidak berlaku; gunakan NIP baru 18 digit.' : '';
    return fail(
      'NIP_LENGTH',
      `NIP harus ${NIP_DIGIT_COUNT} digit, tetapi yang diisi ${nip.length} digit.${hint}`,
    );
  }

  const birthDate = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const birthYear = Number(nip.slice(0, 4));
  const birthMonth = Number(nip.slice(4, 6));
  if (!isLocalDate(birthDate) || birthYear < MIN_BIRTH_YEAR) {
    return fail(
      'NIP_BIRTH_DATE',
      `Digit 1–8 NIP (tanggal lahir) "${nip.slice(0, 8)}" bukan tanggal lahir yang valid.`,
    );
  }

  const tmt = nip.slice(8, 14);
  const appointmentYear = Number(nip.slice(8, 12));
  const layout: NipLayout | null =
    nip.charAt(12) === '2' ? 'PPPK' : /[01]/.test(nip.charAt(12)) ? 'PNS' : null;
  if (layout === null) {
    return fail(
      'NIP_APPOINTMENT',
      `Digit 9–14 NIP (TMT pengangkatan) "${tmt}" tidak valid: bulan harus 01–12 ` +
        '(atau kode 21–29 untuk NI PPPK).',
    );
  }
  if (options.layout && options.layout !== layout) {
    return fail(
      'NIP_LAYOUT',
      `Nomor ini berformat ${LAYOUT_NAMES[layout]}, padahal yang diharapkan ${LAYOUT_NAMES[options.layout]} ` +
        '(digit ke-13 NIP PNS adalah 0 atau 1, NI PPPK adalah 2).',
    );
  }

  const digit14 = Number(nip.charAt(13));
  let appointmentMonth: string | null = null;
  // Last month (year*12 + month) in which the appointment could have happened, for the age check.
  let latestAppointmentMonth: number;
  if (layout === 'PNS') {
    const month = Number(nip.slice(12, 14));
    if (month < 1 || month > 12) {
      return fail('NIP_APPOINTMENT', `Digit 9–14 NIP (TMT CPNS) "${tmt}" tidak valid: bulan harus 01–12.`);
    }
    appointmentMonth = `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
    latestAppointmentMonth = appointmentYear * 12 + month;
  } else {
    if (digit14 < 1) {
      return fail(
        'NIP_APPOINTMENT',
        `Digit ke-14 NI PPPK (jumlah perjanjian kerja) harus 1–9, bukan 0 ("${tmt}").`,
      );
    }
    if (appointmentYear < FIRST_PPPK_YEAR) {
      return fail(
        'NIP_APPOINTMENT',
        `Digit 9–12 NI PPPK (tahun pengangkatan) "${nip.slice(8, 12)}" tidak valid: PPPK baru ada sejak ${FIRST_PPPK_YEAR}.`,
      );
    }
    latestAppointmentMonth = appointmentYear * 12 + 12;
  }
  if (appointmentYear < minYear) {
    return fail(
      'NIP_APPOINTMENT',
      `Digit 9–14 NIP (TMT pengangkatan) "${tmt}" tidak valid: tahun tidak boleh sebelum ${minYear}.`,
    );
  }

  // The appointment may fall in the month (PNS) or year (PPPK) in which the minimum age is reached.
  if (latestAppointmentMonth < (birthYear + minAge) * 12 + birthMonth) {
    const when = appointmentMonth ? `${nip.slice(12, 14)}/${nip.slice(8, 12)}` : `tahun ${appointmentYear}`;
    return fail(
      'NIP_APPOINTMENT_AGE',
      `TMT pengangkatan ${when} tidak mungkin: pegawai yang lahir ${formatDdMmYyyy(birthDate)} ` +
        `belum berusia ${minAge} tahun pada saat itu.`,
    );
  }

  const genderDigit = nip.charAt(14);
  if (genderDigit !== '1' && genderDigit !== '2') {
    return fail(
      'NIP_GENDER',
      `Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan ${genderDigit}.`,
    );
  }

  const sequence = nip.slice(15, 18);
  if (sequence === '000') return fail('NIP_SEQUENCE', 'Digit 16–18 NIP (nomor urut) tidak boleh 000.');

  return {
    ok: true,
    value: {
      nip,
      layout,
      birthDate,
      appointmentYear,
      appointmentMonth,
      pppkAgreementCount: layout === 'PPPK' ? digit14 : null,
      gender: genderDigit === '1' ? 'L' : 'P',
      sequence,
    },
  };
}

/**
 * True when {@link parseNip} accepts `input` with the given options.
 * Source: Peraturan Kepala BKN 22/2007 tentang NIP (PNS layout); NI PPPK layout as described in this module.
 */
export function isValidNip(input: string, options: ParseNipOptions = {}): boolean {
  return parseNip(input, options).ok;
}

/**
 * Writes a NIP in its customary grouped form `19850312 201001 1 003`
 * (Source: Peraturan Kepala BKN Nomor 22 Tahun 2007 tentang NIP, for the grouping of the parts).
 * Whitespace in the input is ignored. Anything that is not 18 digits is returned trimmed but otherwise
 * unchanged, so the function is safe for display of unvalidated data.
 */
export function formatNip(input: string): string {
  const nip = normalizeNip(input);
  if (!/^\d{18}$/.test(nip)) return input.trim();
  return `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15, 18)}`;
}

/** Parts for {@link composeNip}: a PNS/CPNS NIP (TMT month) or an NI PPPK (TMT year, agreement count). */
export type NipParts = {
  birthDate: LocalDate;
  gender: Gender;
  /** 1–999, or its 3-digit string. */
  sequence: number | string;
} & (
  | { layout?: 'PNS'; /** `YYYY-MM` of TMT CPNS. */ appointmentMonth: string }
  | { layout: 'PPPK'; appointmentYear: number; /** 1–9, default 1. */ agreementCount?: number }
);

/**
 * Builds the 18 digits from their parts (the inverse of {@link parseNip}); used by importers and demo data.
 * It does not apply the plausibility checks: pass the result to {@link parseNip} to validate.
 * Source: Peraturan Kepala BKN Nomor 22 Tahun 2007 tentang NIP; NI PPPK as in the module comment.
 *
 * @throws Error when a part is malformed (a bug in the caller)
 */
export function composeNip(parts: NipParts): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(parts.birthDate)) throw new Error(`Invalid birthDate: ${parts.birthDate}`);
  let tmt: string;
  if (parts.layout === 'PPPK') {
    const count = parts.agreementCount ?? 1;
    if (
      !Number.isInteger(parts.appointmentYear) ||
      parts.appointmentYear < 1000 ||
      parts.appointmentYear > 9999
    ) {
      throw new Error(`Invalid appointmentYear: ${parts.appointmentYear}`);
    }
    if (!Number.isInteger(count) || count < 1 || count > 9)
      throw new Error(`Invalid agreementCount: ${count}`);
    tmt = `${parts.appointmentYear}2${count}`;
  } else {
    if (!/^\d{4}-\d{2}$/.test(parts.appointmentMonth)) {
      throw new Error(`Invalid appointmentMonth: ${parts.appointmentMonth}`);
    }
    tmt = parts.appointmentMonth.replace('-', '');
  }
  const sequence = String(parts.sequence).padStart(3, '0');
  if (!/^\d{3}$/.test(sequence)) throw new Error(`Invalid sequence: ${parts.sequence}`);
  return parts.birthDate.replaceAll('-', '') + tmt + (parts.gender === 'L' ? '1' : '2') + sequence;
}

/**
 * True when `id` can serve as the internal identifier of a non-ASN employee (who has no NIP): 3–32
 * characters of letters, digits, `-`, `.`, `/` or `_`, starting with a letter or digit and containing at
 * least one letter. The letter rule keeps such numbers from ever being mistaken for a NIP (18 digits) or a
 * NIK (16 digits), e.g. `NA-2026-0001`. Source: internal policy [INF].
 */
export function isNonAsnIdentifier(id: string): boolean {
  const trimmed = id.trim();
  return /^[A-Za-z0-9][A-Za-z0-9./_-]{2,31}$/.test(trimmed) && /[A-Za-z]/.test(trimmed);
}
