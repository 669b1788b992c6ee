/**
 * Whether a unit's month is complete enough to be closed: every employee-day with data is stored (none missing,
 * none waiting in the recompute queue), no flagged punch waits for review, no leave, permit or correction touching
 * the month waits for a decision. Items the rulebook allows (`attendance.monthClosing.waivable`) may stay open
 * when the closer records a reason for each; missing and queued days never may (the frozen recap would lack them,
 * and a day stored after the closing would enter a closed month unseen). Pure: the items and the reasons are
 * inputs. Source: issue 13 point 2; rulebook `attendance.monthClosing` [REG]; PRODUCT.md principle 3 (closed
 * months are frozen, later changes are adjustments).
 */
import type { MonthClosingRules } from './recap-rules.ts';

/** The kinds of what can keep a month from closing. */
export const CLOSING_ITEM_KINDS = [
  'missingDays',
  'queuedDays',
  'flaggedPunch',
  'pendingLeave',
  'pendingPermit',
  'pendingCorrection',
] as const;
export type ClosingItemKind = (typeof CLOSING_ITEM_KINDS)[number];

/** One thing missing or pending in a unit-month. `ref`: the employee (days) or the punch / request id. */
export interface ClosingItem {
  kind: ClosingItemKind;
  ref: string;
  employeeId: string;
  employeeName: string;
  /** The dates concerned (the first ones for missing days). */
  dates: string[];
  /** How many (days for missing / queued days; 1 otherwise). */
  count: number;
  /** Bahasa Indonesia: what it is, e.g. "Izin I 12/01/2026 menunggu keputusan atasan". */
  label: string;
}

/** A reason recorded by the closer for an item left open. */
export interface ClosingWaiver {
  kind: ClosingItemKind;
  ref: string;
  reason: string;
}

/** Whether the rulebook lets an item of this kind stay open with a reason. */
export function isWaivable(kind: ClosingItemKind, rules: MonthClosingRules): boolean {
  return (rules.waivable?.kinds as readonly string[] | undefined)?.includes(kind) ?? false;
}

/** What a closing attempt leaves: items still blocking, items waived with their reason, and invalid reasons. */
export interface ClosingCheck {
  blocking: (ClosingItem & { waivable: boolean })[];
  waived: (ClosingItem & { reason: string })[];
  issues: { ref: string; message: string }[];
}

/**
 * Match the month's open items with the reasons given. An item is waived when the rulebook allows its kind and
 * its reason is long enough; otherwise it blocks. A reason for an item not open (resolved meanwhile) is ignored;
 * a reason for a kind the rulebook does not allow, or too short, is an issue.
 * Source: rulebook `attendance.monthClosing.waivable` [REG].
 */
export function checkClosing(
  items: readonly ClosingItem[],
  waivers: readonly ClosingWaiver[],
  rules: MonthClosingRules,
): ClosingCheck {
  const byKey = new Map(waivers.map((w) => [`${w.kind}:${w.ref}`, w]));
  const min = rules.waivable?.minReasonChars ?? Infinity;
  const out: ClosingCheck = { blocking: [], waived: [], issues: [] };
  for (const item of items) {
    const waivable = isWaivable(item.kind, rules);
    const w = byKey.get(`${item.kind}:${item.ref}`);
    const reason = w?.reason.trim() ?? '';
    if (w && !waivable)
      out.issues.push({
        ref: item.ref,
        message: `${item.label}: tidak dapat dikecualikan menurut rulebook; selesaikan dulu`,
      });
    else if (w && reason.length < min)
      out.issues.push({
        ref: item.ref,
        message: `${item.label}: alasan pengecualian minimal ${min} karakter`,
      });
    if (w && waivable && reason.length >= min) out.waived.push({ ...item, reason });
    else out.blocking.push({ ...item, waivable });
  }
  return out;
}
