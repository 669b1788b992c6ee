import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, diffDays, isLocalDate } from '../../core/common/local-date.ts';
import {
  DATE_MAX,
  DATE_MIN,
  dateRange,
  isSafeText,
  localDate,
  text,
  unsafeStringPath,
  yearMonth,
} from './common.ts';

/** Strings with the characters that matter: controls, surrogate halves, combining marks, spaces, emoji. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\u0000',
      '\u0007',
      '\t',
      '\n',
      '\r',
      '\u007f',
      '\u0085',
      '\u2028',
      ' ',
      'e\u0301',
      'é',
      '😀',
    ),
    fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('input vocabulary', () => {
  it('text: whatever it accepts is safe, NFC, trimmed, one line and within its length (property)', () => {
    const schema = text({ min: 1, max: 12 });
    fc.assert(
      fc.property(anyText, (s) => {
        const r = schema.safeParse(s);
        if (!r.success) return;
        const v = r.data;
        expect(isSafeText(v)).toBe(true);
        expect(v).toBe(v.normalize('NFC'));
        expect(v).toBe(v.trim());
        expect(/[\r\n\u2028\u2029]/.test(v)).toBe(false);
        expect([...v].length).toBeGreaterThanOrEqual(1);
        expect([...v].length).toBeLessThanOrEqual(12);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'x\ud800', false],
    ['a lone low surrogate', '\udc00y', false],
    ['an escape sequence', 'a\u001b[31m', false],
    ['a C1 control', 'a\u0085b', false],
    ['a surrogate pair (emoji)', 'Presensi 😀', true],
    ['tab and line breaks', 'a\tb\r\nc', true],
    ['Indonesian text with diacritics', 'Pemerintah Provinsi Bantén', true],
  ])('isSafeText: %s', (_what, s, safe) => {
    expect(isSafeText(s)).toBe(safe);
  });

  it('text: multiline keeps line breaks, one-line text refuses them; length counts characters, not UTF-16 units', () => {
    expect(text({ max: 20, multiline: true }).parse('baris 1\nbaris 2')).toBe('baris 1\nbaris 2');
    expect(text({ max: 20 }).safeParse('baris 1\nbaris 2').success).toBe(false);
    expect(text({ max: 3 }).parse('😀😀😀')).toBe('😀😀😀');
    expect(text({ max: 3 }).safeParse('😀😀😀😀').success).toBe(false);
    expect(text({ max: 10 }).parse('  e\u0301  ')).toBe('é');
  });

  it('localDate accepts exactly the real calendar dates from DATE_MIN to DATE_MAX (property)', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(localDate.safeParse(s).success).toBe(isLocalDate(s) && s >= DATE_MIN && s <= DATE_MAX);
        },
      ),
      { numRuns: 3000 },
    );
    for (const bad of ['2026-02-30', '0000-00-00', '9999-12-31', '2026-2-3', '2026-02-03T00:00', ''])
      expect(localDate.safeParse(bad).success, bad).toBe(false);
    expect(localDate.safeParse('2028-02-29').success).toBe(true);
    expect(yearMonth.safeParse('2026-13').success).toBe(false);
  });

  it('dateRange accepts a range exactly when to is not before from and it spans at most maxDays (property)', () => {
    const schema = z.object({ from: localDate, to: localDate }).superRefine(dateRange('from', 'to', 31));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -40, max: 40 }), (offset, span) => {
        const from = addDays('2020-01-01', offset);
        const to = addDays(from, span);
        expect(schema.safeParse({ from, to }).success).toBe(to >= from && diffDays(from, to) + 1 <= 31);
      }),
      { numRuns: 1000 },
    );
    // A malformed end is reported once, by its own field, never by a crash of the range check.
    const bad = schema.safeParse({ from: '2026-01-01', to: 'constructor' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['to', 'to', 'to']);
  });

  it('unsafeStringPath finds an unsafe string at any depth, in keys too (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom('\u0000', '\ud800', '\u0001'), (v, bad) => {
        expect(unsafeStringPath({ a: [v, { b: `x${bad}` }] })).toEqual(
          unsafeStringPath(v) ? ['a', 0, ...unsafeStringPath(v)!] : ['a', 1, 'b'],
        );
      }),
      { numRuns: 500 },
    );
    expect(unsafeStringPath({ ['k\u0000']: 1 })).toEqual(['k\u0000']);
  });
});
