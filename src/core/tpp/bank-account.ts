/**
 * The bank account TPP is transferred to and the NPWP tax number, as finance needs them for the transfer file and
 * the tax (PPh 21) withholding: digits only, spaces, dots and dashes people type in between removed.
 * Source: regulations.md §5.1 (TPP paid to the employee's account; subject to tax), §10 (tax handling configurable);
 * NPWP 15 digits (PER-20/PJ/2013), 16 digits since the NIK-based NPWP (PMK 112/PMK.03/2022).
 */

/** Account numbers of Indonesian banks have 6 to 20 digits. */
export const ACCOUNT_DIGITS = { min: 6, max: 20 } as const;

/** Spaces, dots and dashes written between digits (`123-45.678 9`). */
const SEPARATORS = /[\s.-]+/g;

/** An account number as digits, or an Indonesian reason why it is not one. */
export function normalizeAccountNumber(
  text: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = text.replace(SEPARATORS, '');
  if (!value) return { ok: false, message: 'Nomor rekening wajib diisi' };
  if (!/^\d+$/.test(value)) return { ok: false, message: 'Nomor rekening hanya boleh berisi angka' };
  if (value.length < ACCOUNT_DIGITS.min || value.length > ACCOUNT_DIGITS.max)
    return {
      ok: false,
      message: `Nomor rekening harus ${ACCOUNT_DIGITS.min}–${ACCOUNT_DIGITS.max} digit (tertulis ${value.length} digit)`,
    };
  return { ok: true, value };
}

/** An NPWP as its 15 or 16 digits (`12.345.678.9-012.345` → `123456789012345`), or the reason it is not one. */
export function normalizeNpwp(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = text.replace(SEPARATORS, '');
  if (!/^\d+$/.test(value))
    return { ok: false, message: 'NPWP hanya boleh berisi angka (titik dan strip boleh)' };
  if (value.length !== 15 && value.length !== 16)
    return { ok: false, message: `NPWP harus 15 atau 16 digit (tertulis ${value.length} digit)` };
  return { ok: true, value };
}
