/**
 * "No data" days: the days on which Abdi is not the employee's attendance record, so nothing about them is known —
 * before the go-live date of the unit the employee belongs to that day (`units.attendance_start`), before the
 * employee's start of service (`activeFrom`) and after its end (`activeTo`). Such a day is never TK, never in a
 * recap, an early warning, a closing, a TPP run or a discipline indication; calendars and exports show it as
 * "Belum ada data", not as absent. TK means "tidak masuk kerja tanpa alasan yang sah" (PP 94/2021 Pasal 4 huruf f):
 * a day nobody recorded is not evidence of that.
 *
 * Each unit has its own go-live date (a sub-unit does not inherit its parent's: UPTDs, schools and puskesmas go
 * live at different times, and an existing installation's dates were backfilled from each unit's own first punch);
 * setting a unit's date can apply it to its sub-units at once (org service, `attendanceStartSubunits`).
 * Source: issue 13 point 1; regulations.md §1.3 (TK); PRODUCT.md principle 2 (every number explains itself).
 */
import type { LocalDate } from '../common/local-date.ts';

/** What decides whether a day has data for an employee. */
export interface DataPeriod {
  /** The go-live date of the unit the employee belongs to on the day. */
  attendanceStart: LocalDate;
  /** The employee's service: first and (when ended) last day. */
  activeFrom: LocalDate;
  activeTo: LocalDate | null;
}

/** Why a day has no data, or null when it has (Bahasa Indonesia, shown in calendars and exports). */
export function noDataReason(date: LocalDate, p: DataPeriod): string | null {
  if (date < p.activeFrom) return 'Sebelum pegawai mulai bertugas';
  if (p.activeTo !== null && date > p.activeTo) return 'Setelah pegawai berhenti bertugas';
  if (date < p.attendanceStart) return 'Sebelum unit mulai tercatat di Abdi';
  return null;
}

/** Whether the day is a "no data" day for the employee (see `noDataReason`). */
export function isNoDataDay(date: LocalDate, p: DataPeriod): boolean {
  return date < p.activeFrom || (p.activeTo !== null && date > p.activeTo) || date < p.attendanceStart;
}

/** The first day with data for the employee in a unit: the later of the unit's go-live and the start of service. */
export function firstDataDay(p: Pick<DataPeriod, 'attendanceStart' | 'activeFrom'>): LocalDate {
  return p.attendanceStart > p.activeFrom ? p.attendanceStart : p.activeFrom;
}
