import { isLocalDate, type LocalDate } from '../../core/common/local-date.ts';

/**
 * A date cell of an imported table: `dd/MM/yyyy`, `d/M/yyyy`, `dd-MM-yyyy` or the `yyyy-MM-dd` an XLSX date cell is
 * read as → `yyyy-MM-dd`; null when it is no real date. One reading for every import (employees, TPP pay data).
 */
export function parseDateCell(v: string): LocalDate | null {
  const s = v.trim();
  const dmy = /^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$/.exec(s);
  const iso = dmy
    ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}/.test(s)
      ? s.slice(0, 10)
      : null;
  return iso && isLocalDate(iso) ? iso : null;
}

/**
 * A rupiah cell: `5000000`, `5.000.000` or `Rp 5.000.000` (dot as thousands separator), `5000000,00`; a number that
 * is not whole rupiah stays fractional (the check refuses it). NaN when it is no number at all.
 */
export function parseRupiahCell(text: string): number {
  let s = text.replace(/^rp\.?/i, '').replace(/\s/g, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  s = s.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** An integer cell (`9`, `9.0`); NaN when not a number. */
export function parseNumberCell(text: string): number {
  const s = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}
