/**
 * Indonesian date wording for discipline explanations ("8 Februari 2022").
 * Source: PUEBI date style; used only for human-readable reasons.
 */
import type { LocalDate } from '../common/local-date.ts';

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/**
 * A local date written the Indonesian way, e.g. `2022-02-08` → "8 Februari 2022".
 * Source: Pedoman Umum Ejaan Bahasa Indonesia (penulisan tanggal).
 */
export function formatDateId(date: LocalDate): string {
  const month = MONTHS_ID[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7);
  return `${Number(date.slice(8, 10))} ${month} ${date.slice(0, 4)}`;
}

/**
 * The month after the month of `date`, as `YYYY-MM` (e.g. salary stopped "from the following month").
 * Source: PP 94/2021 Pasal 15 ayat (2); regulations.md §1.8.
 */
export function monthAfter(date: LocalDate): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
