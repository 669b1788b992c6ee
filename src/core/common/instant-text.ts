/**
 * An instant written for people in an Indonesian zone: "15/01/2026 09:00 WIB" (who decided what, when).
 * Source: Keppres 41/1987 (WIB/WITA/WIT, fixed offsets); the product's dd/MM/yyyy display rule.
 */
import { formatDdMmYyyy } from './date-text.ts';
import { formatHhmm, toZoned, ZONE_LABEL, type IndonesianTimeZone } from './zoned-time.ts';

/** `2026-01-15T02:00:00Z` in WIB → "15/01/2026 09:00 WIB". */
export function formatInstantId(epochMs: number, zone: IndonesianTimeZone = 'Asia/Jakarta'): string {
  const z = toZoned(epochMs, zone);
  return `${formatDdMmYyyy(z.date)} ${formatHhmm(z.minute)} ${ZONE_LABEL[zone]}`;
}

/**
 * "oleh Budi pada 15/01/2026 09:00 WIB" — the tail of a conflict message naming an earlier decision; either part
 * is left out when unknown.
 */
export function decidedByText(
  name: string | null | undefined,
  at: Date | null | undefined,
  zone: IndonesianTimeZone = 'Asia/Jakarta',
): string {
  return [name ? `oleh ${name}` : '', at ? `pada ${formatInstantId(at.getTime(), zone)}` : '']
    .filter(Boolean)
    .join(' ');
}
