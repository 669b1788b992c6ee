/**
 * Money is integer rupiah everywhere. Rounding happens in exactly one function.
 */

/** Whole rupiah (an integer). */
export type Rupiah = number;

/**
 * The single rounding function for rupiah amounts: half away from zero to whole rupiah.
 * Source: internal policy (STYLE.md "Money is stored as integer rupiah, and rounding is done in exactly one named function").
 */
export function roundRupiah(amount: number): Rupiah {
  return amount < 0 ? -Math.round(-amount) : Math.round(amount);
}

/**
 * Format as `Rp 1.234.567` (Indonesian thousands separator).
 * Source: PUEBI / KBBI number notation (titik as thousands separator); regulations.md §5 (amounts in rupiah).
 */
export function formatRupiah(amount: Rupiah): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}Rp ${digits}`;
}
