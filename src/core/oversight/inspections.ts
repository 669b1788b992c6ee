import type { TodayStatus } from '../attendance/today-status.ts';

/**
 * Discrepancies between what Abdi says of an employee during an inspection (their status right now) and what the
 * inspection team found at the post. Source: issue 18 point 1 ("checked in but not found, on permit but found,
 * absent without any record — the buddy-punching and covering-for-absent-staff cases"); regulations.md §3.2–§3.4
 * (presence and the approved absences), §1.1 (PP 94/2021 Pasal 4 huruf f: masuk kerja dan menaati jam kerja).
 */

/** The kinds of discrepancy, the most serious first. */
export const DISCREPANCY_KINDS = [
  'CHECKED_IN_NOT_FOUND',
  'ABSENT_NO_RECORD',
  'AWAY_BUT_FOUND',
  'FOUND_WITHOUT_CHECK_IN',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** Indonesian labels of the discrepancies (what the team and the report show). */
export const DISCREPANCY_LABELS: Record<DiscrepancyKind, string> = {
  CHECKED_IN_NOT_FOUND: 'Tercatat hadir tetapi tidak ditemukan (dugaan titip absen)',
  ABSENT_NO_RECORD: 'Tidak ditemukan dan tanpa keterangan (dugaan menutupi ketidakhadiran)',
  AWAY_BUT_FOUND: 'Tercatat izin/cuti/dinas luar tetapi ditemukan di tempat',
  FOUND_WITHOUT_CHECK_IN: 'Ditemukan di tempat tetapi belum/tidak presensi',
};

/** How serious a discrepancy is: HIGH ones are possible violations worth a follow-up. */
export const DISCREPANCY_SEVERITY: Record<DiscrepancyKind, 'HIGH' | 'MEDIUM' | 'LOW'> = {
  CHECKED_IN_NOT_FOUND: 'HIGH',
  ABSENT_NO_RECORD: 'HIGH',
  AWAY_BUT_FOUND: 'MEDIUM',
  FOUND_WITHOUT_CHECK_IN: 'LOW',
};

/** Statuses meaning the employee punched in at the office (so must be at the post). */
const CHECKED_IN: ReadonlySet<TodayStatus> = new Set(['PRESENT', 'LATE']);
/** Statuses meaning an approved absence away from the post. */
const AWAY: ReadonlySet<TodayStatus> = new Set(['LEAVE', 'PERMIT', 'DINAS_LUAR']);
/** Statuses meaning no punch and no approved absence on a working day. */
const NO_RECORD: ReadonlySet<TodayStatus> = new Set(['ABSENT', 'NOT_YET_IN']);

/**
 * The discrepancy of one employee, or null when Abdi and the team agree or nothing can be said: not marked yet
 * (`found` null), WFH/WFA (working elsewhere by an approved arrangement), a day off or no data.
 * Source: issue 18 point 1.
 */
export function discrepancyOf(status: TodayStatus, found: boolean | null): DiscrepancyKind | null {
  if (found === null) return null;
  if (CHECKED_IN.has(status)) return found ? null : 'CHECKED_IN_NOT_FOUND';
  if (AWAY.has(status)) return found ? 'AWAY_BUT_FOUND' : null;
  if (NO_RECORD.has(status)) return found ? 'FOUND_WITHOUT_CHECK_IN' : 'ABSENT_NO_RECORD';
  return null;
}

/** Counts per discrepancy kind of a roster (every kind present, zero when none). Source: issue 18 point 1. */
export function discrepancySummary(
  rows: readonly { status: TodayStatus; found: boolean | null }[],
): Record<DiscrepancyKind, number> & { marked: number; total: number } {
  const out = { CHECKED_IN_NOT_FOUND: 0, ABSENT_NO_RECORD: 0, AWAY_BUT_FOUND: 0, FOUND_WITHOUT_CHECK_IN: 0 };
  let marked = 0;
  for (const r of rows) {
    if (r.found !== null) marked++;
    const d = discrepancyOf(r.status, r.found);
    if (d) out[d]++;
  }
  return { ...out, marked, total: rows.length };
}

/**
 * Whether a follow-up is overdue: not closed and its due date (the unit's local date) has passed.
 * Source: issue 18 point 1 ("tracked to closure … overdue is visible").
 */
export function followUpOverdue(
  f: { status: 'NONE' | 'OPEN' | 'REPORTED' | 'CLOSED'; dueDate: string | null },
  today: string,
): boolean {
  return f.status !== 'NONE' && f.status !== 'CLOSED' && f.dueDate !== null && f.dueDate < today;
}

/**
 * Whether the staff and admin of an inspected unit may see an inspection: an announced one always, an unannounced
 * one only once it has started (a sidak must not be known in advance). Source: issue 18 point 1.
 */
export function visibleToInspected(i: { kind: 'ANNOUNCED' | 'UNANNOUNCED'; status: string }): boolean {
  return i.kind === 'ANNOUNCED' || i.status !== 'PLANNED';
}
