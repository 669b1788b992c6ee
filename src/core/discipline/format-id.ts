/**
 * Month arithmetic for discipline deadlines. Dates in words: src/core/common/date-text.ts.
 */
import type { LocalDate } from '../common/local-date.ts';

/**
 * The month after the month of `date`, as `YYYY-MM` (e.g. salary stopped "from the following month").
 * Source: PP 94/2021 Pasal 15 ayat (2); regulations.md §1.8.
 */
export function monthAfter(date: LocalDate): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
