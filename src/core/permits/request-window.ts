/**
 * How late a permit or a correction may be asked for: per request kind, a window of working days after the date
 * it concerns, and what happens past it — refused, or accepted and shown to the approver as late ("terlambat N
 * hari kerja"). Regions set their own windows (a Perkada on attendance / TPP, often "paling lambat 3 hari kerja"),
 * so the windows are rulebook data (`attendance.requestWindows`), never constants. No I/O, no clock: the day the
 * request is made and the unit's working-day predicate are inputs.
 * Source: regulations.md §0 (deadlines in hari kerja), §4.3 (izin, koreksi "lupa presensi") [REG][INF]; the
 * month's review period (`attendance.monthClosing.closeFromDay`) bounds every window in practice.
 */
import { z } from 'zod';
import { legalBasisSchema } from '../common/legal-basis.ts';
import { addDays, type LocalDate } from '../common/local-date.ts';
import { countWorkingDays, type IsWorkingDay } from '../calendar/working-days.ts';
import { PERMIT_KINDS } from './permit-request.ts';

/** The kinds a window can name: every permit kind, and `correction` (koreksi presensi). */
export const REQUEST_WINDOW_KINDS = [...PERMIT_KINDS, 'correction'] as const;
export type RequestWindowKind = (typeof REQUEST_WINDOW_KINDS)[number];

/** Zod schema of `attendance.requestWindows` in the rulebook. */
export const requestWindowRulesSchema = z.object({
  windows: z
    .array(
      z.object({
        /** The request kinds this window applies to (a kind listed twice: the first window wins). */
        kinds: z.array(z.enum(REQUEST_WINDOW_KINDS)).min(1),
        /** Working days after the date concerned within which the request is on time (0 = the same day). */
        withinWorkingDays: z.number().int().min(0).max(60),
        /** Past the window: `refuse` the request, or `flag` it (accepted, shown to the approver as late). */
        whenLate: z.enum(['refuse', 'flag']),
        legalBasis: legalBasisSchema,
      }),
    )
    .min(1),
});
export type RequestWindowRules = z.infer<typeof requestWindowRulesSchema>;
export type RequestWindow = RequestWindowRules['windows'][number];

/** The window of a kind under the rulebook, or null when the rulebook sets none (never late). */
export function windowOf(
  rules: RequestWindowRules | undefined | null,
  kind: RequestWindowKind,
): RequestWindow | null {
  return rules?.windows.find((w) => w.kinds.includes(kind)) ?? null;
}

/** How late a request is: working days past its window, and what the rulebook says to do. */
export interface Lateness {
  /** Working days elapsed after the date concerned up to the day of the request (inclusive). */
  elapsedWorkingDays: number;
  withinWorkingDays: number;
  /** Working days past the window (≥ 1). */
  lateDays: number;
  whenLate: 'refuse' | 'flag';
  legalBasis: RequestWindow['legalBasis'];
}

/**
 * The lateness of a request for `date` made on `requestedOn` (both local dates of the employee's unit), or null
 * when it is on time, concerns today or a later date, or the rulebook sets no window for the kind. The days
 * counted are the working days after `date` up to and including `requestedOn` (a Monday's correction asked on
 * Tuesday: 1 day elapsed), so a window of 3 allows up to the third working day after the date.
 * Source: rulebook `attendance.requestWindows` [REG]; regulations.md §0 (HK).
 * @param isWorkingDay the working-day predicate of the employee's unit calendar
 */
export function requestLateness(
  window: RequestWindow | null,
  date: LocalDate,
  requestedOn: LocalDate,
  isWorkingDay: IsWorkingDay,
): Lateness | null {
  if (window === null || requestedOn <= date) return null;
  const elapsed = countWorkingDays(isWorkingDay, addDays(date, 1), requestedOn);
  const late = elapsed - window.withinWorkingDays;
  if (late <= 0) return null;
  return {
    elapsedWorkingDays: elapsed,
    withinWorkingDays: window.withinWorkingDays,
    lateDays: late,
    whenLate: window.whenLate,
    legalBasis: window.legalBasis,
  };
}

/** The refusal text of a late request (Bahasa Indonesia), naming the window and its basis. */
export function latenessRefusal(what: string, dateText: string, l: Lateness): string {
  return (
    `${what} untuk tanggal ${dateText} terlambat ${l.lateDays} hari kerja: paling lambat ` +
    `${l.withinWorkingDays} hari kerja setelah tanggal tersebut (${l.legalBasis.regulation})`
  );
}
