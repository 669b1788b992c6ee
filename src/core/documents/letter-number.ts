/**
 * Letter numbers (nomor naskah dinas) from a scheme the personnel agency (BKD) configures per unit and letter
 * type: a pattern of literal text and fields, e.g. `{kode}/{nomor}/{unit}/{tahun}` → `800.1.11.4/0007/DINKES/2026`.
 * The usual layout of a regional letter number is classification code / sequence / unit code / year, with the
 * month in Roman numerals in some regions; the layout differs per region, so it is data, never code.
 * Source: issue 14 point 4; tata naskah dinas of the regions (Perkada on tata naskah dinas, following
 * Permendagri 1/2023) [REG].
 */

/** The fields a pattern may hold, with what each prints. */
export const LETTER_NUMBER_FIELDS = {
  kode: 'kode klasifikasi surat (diatur pada skema)',
  nomor: 'nomor urut surat, mulai dari 1 setiap tahun',
  unit: 'kode unit (diatur pada skema; bawaan: kode unit organisasi)',
  tahun: 'tahun surat (4 angka)',
  bulan: 'bulan surat dalam angka Romawi (I–XII)',
} as const;
export type LetterNumberField = keyof typeof LETTER_NUMBER_FIELDS;

export const LETTER_NUMBER_PATTERN_MAX = 120;

export type PatternPart = { text: string } | { field: LetterNumberField };

export type PatternProblem =
  | { code: 'NO_COUNTER'; message: string }
  | { code: 'NO_YEAR'; message: string }
  | { code: 'DUPLICATE_COUNTER'; message: string }
  | { code: 'UNKNOWN_FIELD'; message: string; field: string }
  | { code: 'BRACES'; message: string }
  | { code: 'LENGTH'; message: string };

const FIELD_LIST = Object.keys(LETTER_NUMBER_FIELDS)
  .map((f) => `{${f}}`)
  .join(', ');

/**
 * Parse a pattern. Refused: a pattern without the counter `{nomor}` (every letter would get the same number), with
 * it twice, without `{tahun}` (the counter starts again at 1 each year, so the year keeps numbers unique), with an
 * unknown field or an unpaired brace, empty or longer than 120 characters.
 * Source: issue 14 point 4 ("a letter-number scheme with no counter field gets a clear reason").
 *
 * @param pattern the pattern as BKD typed it
 * @returns the parts in order, or the first problem found
 */
export function parseLetterNumberPattern(
  pattern: string,
): { ok: true; parts: PatternPart[] } | { ok: false; problem: PatternProblem } {
  if (pattern.length === 0 || pattern.length > LETTER_NUMBER_PATTERN_MAX)
    return {
      ok: false,
      problem: {
        code: 'LENGTH',
        message: `Pola nomor surat harus berisi 1–${LETTER_NUMBER_PATTERN_MAX} karakter`,
      },
    };
  const parts: PatternPart[] = [];
  let counters = 0;
  let hasYear = false;
  let i = 0;
  while (i < pattern.length) {
    const open = pattern.indexOf('{', i);
    const close = pattern.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) return { ok: false, problem: braces() };
    if (open === -1) {
      parts.push({ text: pattern.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: pattern.slice(i, open) });
    const end = pattern.indexOf('}', open);
    if (end === -1 || pattern.slice(open + 1, end).includes('{')) return { ok: false, problem: braces() };
    const name = pattern
      .slice(open + 1, end)
      .trim()
      .toLowerCase();
    if (!(name in LETTER_NUMBER_FIELDS))
      return {
        ok: false,
        problem: {
          code: 'UNKNOWN_FIELD',
          field: name,
          message: `Kolom {${name}} tidak dikenal; gunakan ${FIELD_LIST}`,
        },
      };
    const field = name as LetterNumberField;
    if (field === 'nomor') counters++;
    if (field === 'tahun') hasYear = true;
    parts.push({ field });
    i = end + 1;
  }
  if (counters === 0)
    return {
      ok: false,
      problem: {
        code: 'NO_COUNTER',
        message:
          'Pola nomor surat harus memuat {nomor} (nomor urut); tanpa nomor urut setiap surat akan bernomor sama',
      },
    };
  if (counters > 1)
    return {
      ok: false,
      problem: { code: 'DUPLICATE_COUNTER', message: 'Pola nomor surat hanya boleh memuat satu {nomor}' },
    };
  if (!hasYear)
    return {
      ok: false,
      problem: {
        code: 'NO_YEAR',
        message:
          'Pola nomor surat harus memuat {tahun}: nomor urut dimulai lagi dari 1 setiap tahun, sehingga tanpa tahun nomor surat akan berulang',
      },
    };
  return { ok: true, parts };
}

function braces(): PatternProblem {
  return { code: 'BRACES', message: 'Kurung kurawal pada pola nomor surat tidak berpasangan' };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** A month 1–12 in Roman numerals, as letter numbers write it ("XII"). */
export function romanMonth(month: number): string {
  const r = ROMAN[month - 1];
  if (!r) throw new Error(`month out of range: ${month}`);
  return r;
}

export interface LetterNumberValues {
  /** The classification code (`{kode}`). */
  code: string;
  /** The unit code (`{unit}`). */
  unitCode: string;
  /** The sequence number allocated for the scheme and year (`{nomor}`), from 1. */
  sequence: number;
  /** The letter's date `YYYY-MM-DD` in the issuing unit's zone (`{tahun}`, `{bulan}`). */
  date: string;
  /** Zero-padding of the sequence (0 = none; 4 → `0007`). */
  digits: number;
}

/**
 * The letter number for the values. Source: issue 14 point 4.
 *
 * @param pattern a pattern accepted by `parseLetterNumberPattern`
 * @throws when the pattern is not valid (a bug: schemes are validated when stored)
 */
export function formatLetterNumber(pattern: string, v: LetterNumberValues): string {
  const parsed = parseLetterNumberPattern(pattern);
  if (!parsed.ok) throw new Error(`invalid letter number pattern: ${parsed.problem.message}`);
  const value: Record<LetterNumberField, string> = {
    kode: v.code,
    nomor: String(v.sequence).padStart(v.digits, '0'),
    unit: v.unitCode,
    tahun: v.date.slice(0, 4),
    bulan: romanMonth(Number(v.date.slice(5, 7))),
  };
  return parsed.parts.map((p) => ('text' in p ? p.text : value[p.field])).join('');
}
