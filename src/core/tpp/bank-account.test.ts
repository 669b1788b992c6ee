import { describe, expect, it } from 'vitest';
import { normalizeAccountNumber, normalizeNpwp } from './bank-account.ts';

describe('bank account and NPWP for the TPP transfer (regulations.md §5.1)', () => {
  it.each([
    ['0012345678', { ok: true, value: '0012345678' }],
    ['001-234 567.8', { ok: true, value: '0012345678' }],
    ['12345', { ok: false, message: 'Nomor rekening harus 6–20 digit (tertulis 5 digit)' }],
    ['1'.repeat(21), { ok: false, message: 'Nomor rekening harus 6–20 digit (tertulis 21 digit)' }],
    ['12AB5678', { ok: false, message: 'Nomor rekening hanya boleh berisi angka' }],
    ['', { ok: false, message: 'Nomor rekening wajib diisi' }],
  ])('account %s', (text, expected) => expect(normalizeAccountNumber(text)).toEqual(expected));

  it.each([
    ['12.345.678.9-012.345', { ok: true, value: '123456789012345' }],
    ['3201011203850001', { ok: true, value: '3201011203850001' }],
    ['12345678901234', { ok: false, message: 'NPWP harus 15 atau 16 digit (tertulis 14 digit)' }],
    ['NPWP-1', { ok: false, message: 'NPWP hanya boleh berisi angka (titik dan strip boleh)' }],
  ])('NPWP %s', (text, expected) => expect(normalizeNpwp(text)).toEqual(expected));
});
