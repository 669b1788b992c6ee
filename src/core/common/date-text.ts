/**
 * Dates written for people, the Indonesian way: "8 Februari 2022", "Februari 2022", "08/02/2022".
 * Source: Pedoman Umum Ejaan Bahasa Indonesia (penulisan tanggal); the product's dd/MM/yyyy display rule.
 */
import type { LocalDate } from './local-date.ts';

/** Month names, January first. */
export const MONTHS_ID = [
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

/** `2022-02-08` → "8 Februari 2022". */
export function formatDateId(date: LocalDate): string {
  const month = MONTHS_ID[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7);
  return `${Number(date.slice(8, 10))} ${month} ${date.slice(0, 4)}`;
}

/** `2026-01` (or a date in it) → "Januari 2026". */
export function formatMonthId(month: string): string {
  return `${MONTHS_ID[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
}

/** `2026-02-02` → "02/02/2026". */
export function formatDdMmYyyy(date: LocalDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
