import { describe, expect, it } from 'vitest';
import { formatLetterNumber, parseLetterNumberPattern, romanMonth } from './letter-number.ts';
import { signerPosition } from './signer.ts';

const values = { code: '800.1.11.4', unitCode: 'DINKES', sequence: 7, date: '2026-12-05', digits: 4 };

describe('letter number patterns', () => {
  it.each([
    ['{kode}/{nomor}/{unit}/{tahun}', '800.1.11.4/0007/DINKES/2026'],
    ['{kode}/{nomor}/CUTI/{unit}/{bulan}/{tahun}', '800.1.11.4/0007/CUTI/DINKES/XII/2026'],
    ['B-{nomor}/{unit}/{tahun}', 'B-0007/DINKES/2026'],
    ['{ Nomor }.{TAHUN}', '0007.2026'],
  ])('%s → %s', (pattern, expected) => {
    expect(formatLetterNumber(pattern, values)).toBe(expected);
  });

  it('pads the sequence only as configured, and never cuts a longer one', () => {
    expect(formatLetterNumber('{nomor}/{tahun}', { ...values, digits: 0 })).toBe('7/2026');
    expect(formatLetterNumber('{nomor}/{tahun}', { ...values, sequence: 12345, digits: 3 })).toBe(
      '12345/2026',
    );
  });

  it.each([
    ['{kode}/{unit}/{tahun}', 'NO_COUNTER'],
    ['800/CUTI/2026', 'NO_COUNTER'],
    ['{nomor}/{nomor}/{tahun}', 'DUPLICATE_COUNTER'],
    ['{kode}/{nomor}/{unit}', 'NO_YEAR'],
    ['{kode}/{nomer}/{tahun}', 'UNKNOWN_FIELD'],
    ['{kode/{nomor}/{tahun}', 'BRACES'],
    ['{nomor}}/{tahun}', 'BRACES'],
    ['{nomor}/{tahun', 'BRACES'],
    ['', 'LENGTH'],
    [`{nomor}/{tahun}/${'x'.repeat(120)}`, 'LENGTH'],
  ])('refuses %s (%s)', (pattern, code) => {
    const r = parseLetterNumberPattern(pattern);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(code);
      expect(r.problem.message.length).toBeGreaterThan(10);
    }
  });

  it('names the counter field in the refusal of a scheme without one', () => {
    const r = parseLetterNumberPattern('{kode}/{unit}/{tahun}');
    expect(r.ok ? null : r.problem.message).toContain('{nomor}');
  });

  it.each([
    [1, 'I'],
    [4, 'IV'],
    [9, 'IX'],
    [12, 'XII'],
  ])('month %i in Roman numerals is %s', (m, r) => expect(romanMonth(m)).toBe(r));
});

describe('signer position', () => {
  it.each([
    ['Kepala Dinas Kesehatan', null, 'Kepala Dinas Kesehatan'],
    ['Kepala Dinas Kesehatan', 'PLT', 'Plt. Kepala Dinas Kesehatan'],
    ['Kepala Dinas Kesehatan', 'PLH', 'Plh. Kepala Dinas Kesehatan'],
    ['Plt. Kepala Dinas Kesehatan', 'PLT', 'Plt. Kepala Dinas Kesehatan'],
    ['plh Kepala Badan', 'PLT', 'Plt. Kepala Badan'],
    [null, 'PLH', 'Plh.'],
    ['  ', null, null],
  ] as const)('%s acting %s → %s', (position, acting, expected) => {
    expect(signerPosition(position, acting)).toBe(expected);
  });
});
