import { z } from 'zod';
import { diffDays, isLocalDate } from '../../core/common/local-date.ts';

/*
 * The input vocabulary of the HTTP contract: every request field that carries a date, a range, text, an
 * identifier or money is one of these, so every route refuses the same bad values the same way (400 VALIDATION
 * with the field and an Indonesian reason) before any service sees them. docs/security.md lists them.
 */

/** Earliest and latest calendar date any request may carry (birth dates of the oldest staff … far plans). */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2100-12-31';

/**
 * True when a string is safe to take in: no NUL, no C0/C1 control characters other than tab and line breaks, and
 * no unpaired UTF-16 surrogates. PostgreSQL cannot store NUL, a lone surrogate is not a character at all, and
 * control characters only hide text from the reader.
 */
export function isSafeText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c >= 0x7f && c <= 0x9f) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Line breaks inside one-line text (CR, LF and the Unicode line and paragraph separators). */
const LINE_BREAKS = /[\r\n\u2028\u2029]/;

/** Length in characters as a reader counts them (a surrogate pair is one). */
const charLength = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * Free text: Unicode-normalised (NFC), trimmed, without NUL, control characters or lone surrogates, at most `max`
 * characters (and at least `min`, default 0). One line unless `multiline`.
 */
export function text(opts: { max: number; min?: number; multiline?: boolean; label?: string }) {
  const min = opts.min ?? 0;
  const what = opts.label ?? 'Teks';
  return z
    .string()
    .refine(
      isSafeText,
      `${what} berisi karakter yang tidak diperbolehkan (NUL, karakter kendali atau surrogate)`,
    )
    .refine((s) => opts.multiline || !LINE_BREAKS.test(s.trim()), `${what} harus satu baris`)
    .normalize('NFC')
    .trim()
    .refine(
      (s) => charLength(s) >= min,
      min === 1 ? `${what} wajib diisi` : `${what} paling sedikit ${min} karakter`,
    )
    .refine((s) => charLength(s) <= opts.max, `${what} paling banyak ${opts.max} karakter`);
}

/** A search box: one line of at most 100 characters. */
export const searchText = text({ max: 100, label: 'Kata pencarian' });

/** An identifier of a stored record (UUID). */
export const id = z.string().uuid('Pengenal tidak valid');

export const idParamSchema = z.object({ id });

/** A calendar date `YYYY-MM-DD` that exists (no 30 February) between DATE_MIN and DATE_MAX. */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat YYYY-MM-DD')
  .refine(isLocalDate, 'Tanggal tidak ada di kalender')
  .refine(
    (d) => d >= DATE_MIN && d <= DATE_MAX,
    `Tanggal harus antara ${DATE_MIN.split('-').reverse().join('/')} dan ${DATE_MAX.split('-').reverse().join('/')}`,
  );

/** A month `YYYY-MM` between DATE_MIN and DATE_MAX. */
export const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Bulan harus berformat YYYY-MM')
  .refine(
    (m) => m >= DATE_MIN.slice(0, 7) && m <= DATE_MAX.slice(0, 7),
    'Bulan di luar rentang yang diterima',
  );

/** A year between DATE_MIN and DATE_MAX (in a query string too). */
export const year = z.coerce
  .number()
  .int()
  .min(Number(DATE_MIN.slice(0, 4)))
  .max(Number(DATE_MAX.slice(0, 4)));

/**
 * A date range on an object's two date fields: `to` not before `from`, and at most `maxDays` days long (both
 * ends counted). Each use names its own bound, so no request can ask for a century of days.
 */
export function dateRange<F extends string, T extends string>(
  fromKey: F,
  toKey: T,
  maxDays: number,
  opts: { toOptional?: boolean } = {},
) {
  return <S extends Partial<Record<F | T, unknown>>>(v: S, ctx: z.RefinementCtx) => {
    const from = v[fromKey] as string | undefined | null;
    const to = v[toKey] as string | undefined | null;
    // A malformed end is already reported by its own field (zod runs object checks after field issues too).
    if ((from && !isLocalDate(from)) || (to && !isLocalDate(to))) return;
    if (!from || !to) {
      if (!to && !opts.toOptional && from)
        ctx.addIssue({ code: 'custom', path: [toKey], message: 'Tanggal akhir wajib diisi' });
      return;
    }
    if (to < from)
      ctx.addIssue({
        code: 'custom',
        path: [toKey],
        message: 'Tanggal akhir tidak boleh sebelum tanggal mulai',
      });
    else if (diffDays(from, to) + 1 > maxDays)
      ctx.addIssue({ code: 'custom', path: [toKey], message: `Rentang paling lama ${maxDays} hari` });
  };
}

/** An amount of money in whole rupiah (regulations.md §5: amounts are integer rupiah). */
export const rupiah = z.number().int('Jumlah harus rupiah bulat').min(0).max(1_000_000_000_000);

/** Query parameters shared by every paginated list. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** The path of the first unsafe string inside a parsed value (any depth), or null. */
export function unsafeStringPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return isSafeText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = unsafeStringPath(value[i], [...path, i]);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = isSafeText(k) ? unsafeStringPath(v, [...path, k]) : [...path, k];
      if (p) return p;
    }
  }
  return null;
}

/** The answer of a route that answers 204 No Content. */
export const noContentSchema = z.null();

/** The formats a table (a list with the page's filters) downloads in. */
export const TABLE_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
/** The `:format` of a table download's path (`/api/…/export.:format`). */
export const tableExportParamsSchema = z.object({ format: z.enum(TABLE_EXPORT_FORMATS) });

/** The answer 304 Not Modified of a route with an ETag (If-None-Match matched): no body. */
export const notModifiedSchema = z.null().describe('Tidak berubah sejak ETag yang dikirim');
