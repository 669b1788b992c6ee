import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, toCsv } from './table-export.ts';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x","klik")', `"'=HYPERLINK(""http://x"",""klik"")"`],
    ['+62 812', "'+62 812"],
    ['-5000000', "'-5000000"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Budi, S.H.', '"Budi, S.H."'],
    ['baris\nkedua', '"baris\nkedua"'],
    ['biasa', 'biasa'],
  ])('guards a text cell against spreadsheet formulas and quotes it when needed: %j', (cell, want) => {
    expect(csvLine([cell])).toBe(`${want}\r\n`);
  });

  it('writes a number as a number, negative amounts included (a number is never a formula)', () => {
    expect(csvLine([-5_000_000, 0, 12.5, null, undefined])).toBe('-5000000,0,12.5,,\r\n');
    fc.assert(fc.property(fc.integer(), (n) => csvLine([n]) === `${n}\r\n`));
  });

  it('starts the file with a BOM and ends every line with CRLF', () => {
    expect(toCsv([{ header: 'Nama', key: 'n' }], [{ n: 'Siti' }])).toBe('\uFEFFNama\r\nSiti\r\n');
  });
});
