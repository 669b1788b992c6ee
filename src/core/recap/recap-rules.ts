/**
 * Rulebook data of the monthly recap: when a unit's month may be closed (the review period after the month)
 * and how close to a discipline threshold an employee must be to appear on the early-warning list.
 * Both vary by region (Perkada on TPP/attendance), so they are rulebook data, never constants.
 * Source: regulations.md §0 ([REG]), §1.3 (cumulative TK count), §5 (TPP paid on the closed month's recap).
 */
import { z } from 'zod';
import { legalBasisSchema } from '../common/legal-basis.ts';
import { addDays, monthRange } from '../common/local-date.ts';

/** Zod schema of `attendance.monthClosing` in the rulebook. */
export const monthClosingRulesSchema = z.object({
  /**
   * The month can be closed from this day of the next month (1 = right after the month ends); the days before
   * are the review period for corrections, permits and flagged punches.
   */
  closeFromDay: z.number().int().min(1).max(28),
  /** An employee is listed when a discipline threshold is this many days away or less (0 = only once reached). */
  earlyWarningDays: z.number().int().min(0).max(30),
  legalBasis: legalBasisSchema,
  /**
   * What may stay unresolved when a month is closed, provided the closer records a reason per item (audited):
   * the item kinds (`src/core/recap/closing-check.ts`), the shortest reason, and the basis. Absent = nothing: the
   * month closes only when complete. A decision that comes after the closing becomes an adjustment carried into
   * the next open month (PRODUCT.md principle 3).
   */
  waivable: z
    .object({
      kinds: z.array(z.enum(['flaggedPunch', 'pendingLeave', 'pendingPermit', 'pendingCorrection'])),
      minReasonChars: z.number().int().min(1).max(500),
      legalBasis: legalBasisSchema,
    })
    .optional(),
});
export type MonthClosingRules = z.infer<typeof monthClosingRulesSchema>;

/** `YYYY-MM` of a valid month, else false. */
export function isMonth(month: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  return addDays(monthRange(month).to, 1).slice(0, 7);
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  return addDays(monthRange(month).from, -1).slice(0, 7);
}

/**
 * The first local date on which `month` may be closed: day `closeFromDay` of the next month.
 * Source: rulebook `attendance.monthClosing.closeFromDay` [REG].
 */
export function closingOpensOn(month: string, rules: MonthClosingRules): string {
  return `${nextMonth(month)}-${String(rules.closeFromDay).padStart(2, '0')}`;
}

/** Whether `month` may be closed on local date `today`. */
export function canCloseOn(month: string, today: string, rules: MonthClosingRules): boolean {
  return today >= closingOpensOn(month, rules);
}
