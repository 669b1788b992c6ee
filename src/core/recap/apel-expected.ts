/**
 * Who is expected at an apel / upacara session: the one definition the monthly recap (apel target) and the TPP
 * run (missed apel) share. Source: regulations.md §5.4 (apel masuk / pulang, upacara Senin and hari besar as
 * scheduled attendance events with their own targets; Toba: not attending on working days is cut).
 */
import type { DayStatus } from '../attendance/day-status.ts';
import type { LocalDate } from '../common/local-date.ts';

/** A session that took place (a row in `apel_sessions`), with the path of the unit that held it. */
export interface HeldApelSession {
  localDate: LocalDate;
  /** Materialised path of the holding unit (`/root/…/unit/`). */
  path: string;
}

/**
 * Whether the employee was expected at the office's apel on the day: a working day (not flagged
 * `nonWorkingDay`) worked at the office (`H` with work location WFO or none recorded), or a TK day (absent without
 * a valid reason is still expected). Leave, permits, official travel and work from home or elsewhere are not
 * expected. Source: regulations.md §5.4; §3.3 (WFH/WFA days are not at the office).
 *
 * @param tkCodes the discipline section's `absence.tkCodes`
 */
export function expectedAtApel(day: DayStatus, tkCodes: ReadonlySet<string>): boolean {
  if (day.nonWorkingDay) return false;
  return (day.code === 'H' && (day.workLocation ?? 'WFO') === 'WFO') || tkCodes.has(day.code);
}

/**
 * The sessions of the day the employee was expected at: those held by the unit of the day or an ancestor of it
 * (a DINKES apel expects the staff of its bidang and puskesmas), when the employee was expected at apel that day.
 * Source: regulations.md §5.4.
 *
 * @param day the stored status of the day
 * @param unitPath path of the unit the employee belonged to on the day
 * @param sessions the sessions held on the day (any unit)
 * @param tkCodes the discipline section's `absence.tkCodes`
 */
export function expectedApelSessions<S extends HeldApelSession>(
  day: DayStatus,
  unitPath: string,
  sessions: readonly S[],
  tkCodes: ReadonlySet<string>,
): S[] {
  if (sessions.length === 0 || !expectedAtApel(day, tkCodes)) return [];
  return sessions.filter((s) => s.localDate === day.date && unitPath.startsWith(s.path));
}

/**
 * The rulebook's kind of a stored session kind (`APEL_PAGI` → `apel_pagi`), as `tpp.deductions.apel[].kind`
 * names them.
 */
export const apelRuleKind = (storedKind: string): string => storedKind.toLowerCase();
