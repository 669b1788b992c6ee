import type { Exec } from '../../relations/relations-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { isRequiredDay } from '../../../core/performance/kinerja-figure.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import { monthBounds, type FiguresRepo } from './figures-repo.ts';

/** The monthly kinerja figure of an employee as the TPP run reads it. */
export interface TppKinerjaFigure {
  /** 0..1, or null (no required day, or PENDING: no approved evaluation and no fallback). */
  score: number | null;
  predikat: string | null;
  method: string;
  /** FINAL, or PENDING while an approved evaluation the method needs is missing. */
  status: 'FINAL' | 'PENDING';
  /** Stored with `frozen_at` (the unit's recap month was closed). */
  frozen: boolean;
  /** Adjustments made to the month after it was frozen, and the score of the latest one (the frozen score stays). */
  adjustmentCount: number;
  adjustedScore: number | null;
}

/**
 * The figures section's reads for the TPP run (issue 17; regulations.md §5.2, §5.4, §5.5): the stored monthly
 * figure and the working days without an accepted daily report, for a batch of employees in the caller's
 * transaction. No actor: the TPP module checks its own access. Reading never writes.
 */
export function createFiguresTpp(ctx: KinerjaContext, repo: FiguresRepo) {
  /**
   * The stored figure of each employee for the month (employees without a stored figure are absent: their type
   * draws up no SKP, or the month was never built). A frozen figure is the one of the month's closing; a later
   * change is an adjustment (`adjustmentCount`, `adjustedScore`) and does not replace it.
   */
  async function forTpp(
    exec: Exec,
    employeeIds: readonly string[],
    month: string,
  ): Promise<Map<string, TppKinerjaFigure>> {
    const out = new Map<string, TppKinerjaFigure>();
    if (employeeIds.length === 0) return out;
    const rows = await repo.tppFigures(exec, employeeIds, month);
    const adj = await repo.adjustmentState(exec, { employeeIds: [...employeeIds] }, month);
    for (const r of rows) {
      const a = adj.get(r.employeeId);
      out.set(r.employeeId, {
        score: r.score === null ? null : Number(r.score),
        predikat: r.predikat,
        method: r.method,
        // As the figures list reads a stored row: no status recorded = FINAL.
        status: r.status === 'PENDING' ? 'PENDING' : 'FINAL',
        frozen: r.frozen,
        adjustmentCount: a?.count ?? 0,
        adjustedScore: a?.latest == null ? null : Number(a.latest),
      });
    }
    return out;
  }

  /**
   * The month's days on which a daily activity report (LKH) was required and none was accepted, per employee
   * (date order; employees with none are absent). Required: `isRequiredDay` of the stored day code with the
   * performance rulebook in force at the month's end (a day with data, not LIBUR, not an excused code such as
   * leave), for employees whose type draws up an SKP (`performance.skp.employeeTypes`: a report belongs to an SKP,
   * so the others cannot file one). Days are those stored for the month (the caller drops "no data" days).
   *
   * Counted as missing unless a report of the day was ACCEPTED by the superior: a report filed but not yet
   * validated (SUBMITTED) or returned does not count. Source: regulations.md §5.4 ("Atasan must validate
   * activities; missing validation by the atasan also causes cuts" — DKI), the same accepted-only reading as the
   * monthly figure (`computeKinerjaFigure`: only accepted minutes count). The minimum minutes of a day
   * (`dailyReports.minMinutesPerDay`) are the figure's concern, not this list's: one accepted report is enough.
   */
  async function missingReportDates(
    exec: Exec,
    employeeIds: readonly string[],
    month: string,
  ): Promise<Map<string, LocalDate[]>> {
    const out = new Map<string, LocalDate[]>();
    if (employeeIds.length === 0) return out;
    const { to } = monthBounds(month);
    const rules = await ctx.rulesOn(to, exec);
    const scope = { employeeIds: [...employeeIds] };
    const { rows: employees } = await repo.employees(exec, scope, month, rules.skp.employeeTypes);
    if (employees.length === 0) return out;
    const codes = await repo.dayCodes(exec, scope, month);
    const reports = await repo.reportDays(exec, scope, month);
    for (const e of employees) {
      const dayCodes = codes.get(e.id);
      if (!dayCodes) continue;
      const accepted = new Set(
        (reports.get(e.id) ?? []).filter((d) => d.day >= 1 && d.accepted > 0).map((d) => d.day),
      );
      const missing: LocalDate[] = [];
      dayCodes.forEach((code, i) => {
        if (isRequiredDay(code, rules) && !accepted.has(i + 1))
          missing.push(`${month}-${String(i + 1).padStart(2, '0')}`);
      });
      if (missing.length > 0) out.set(e.id, missing);
    }
    return out;
  }

  return { forTpp, missingReportDates };
}
