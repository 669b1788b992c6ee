/**
 * Instants and wall-clock times in the three Indonesian time zones.
 * Indonesia has no daylight saving time, so each zone is a fixed UTC offset:
 * WIB = Asia/Jakarta (UTC+7), WITA = Asia/Makassar (UTC+8), WIT = Asia/Jayapura (UTC+9).
 * Source: Keppres 41/1987 on the division of Indonesia into three time zones.
 */
import type { LocalDate } from './local-date.ts';
import { addDays } from './local-date.ts';

/** The IANA zones used by Indonesian units. */
export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type IndonesianTimeZone = (typeof INDONESIAN_TIME_ZONES)[number];

/** UTC offset in minutes per zone (no DST in Indonesia). Source: Keppres 41/1987. */
export const UTC_OFFSET_MINUTES: Record<IndonesianTimeZone, number> = {
  'Asia/Jakarta': 420,
  'Asia/Makassar': 480,
  'Asia/Jayapura': 540,
};

/** Local abbreviation shown to users. */
export const ZONE_LABEL: Record<IndonesianTimeZone, 'WIB' | 'WITA' | 'WIT'> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** Minutes after local midnight, e.g. 07:30 → 450. May exceed 1440 for times on the next day (overnight shifts). */
export type MinuteOfDay = number;

/**
 * Parse `HH:mm` into minutes after midnight. Source: Keppres 41/1987 (WIB/WITA/WIT, fixed offsets); regulations.md §3.1 ("07:30 local time").
 * @throws on malformed input (a bug in rulebook validation).
 */
export function parseHhmm(hhmm: string): MinuteOfDay {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`Invalid time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Format minutes after midnight as `HH:mm` (wrapping past midnight). Source: Keppres 41/1987 (WIB/WITA/WIT, fixed offsets); regulations.md §3.1 ("07:30 local time"). */
export function formatHhmm(minutes: MinuteOfDay): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The local date and minute of day of a UTC instant (epoch milliseconds) in a zone. Source: Keppres 41/1987 (WIB/WITA/WIT, fixed offsets); regulations.md §3.1 ("07:30 local time"). */
export function toZoned(epochMs: number, zone: IndonesianTimeZone): { date: LocalDate; minute: MinuteOfDay } {
  const local = epochMs + UTC_OFFSET_MINUTES[zone] * 60_000;
  const iso = new Date(local).toISOString();
  return { date: iso.slice(0, 10), minute: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)) };
}

/** The UTC instant (epoch ms) of a local date + minute of day in a zone (minute may exceed 1440). Source: Keppres 41/1987 (WIB/WITA/WIT, fixed offsets); regulations.md §3.1 ("07:30 local time"). */
export function fromZoned(date: LocalDate, minute: MinuteOfDay, zone: IndonesianTimeZone): number {
  const dayOffset = Math.floor(minute / 1440);
  const d = addDays(date, dayOffset);
  const m = minute - dayOffset * 1440;
  return Date.parse(`${d}T00:00:00Z`) + (m - UTC_OFFSET_MINUTES[zone]) * 60_000;
}
