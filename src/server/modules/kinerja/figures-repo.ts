import { sql, type RawBuilder } from 'kysely';
import { daysInMonth } from '../../../core/common/local-date.ts';
import { DAY_SEP } from '../../lib/month-rows.ts';
import type { Exec } from '../../relations/relations-service.ts';

/**
 * Set-based reads of the monthly kinerja figure (issue 15 point 6): one query each for the employees, the
 * reports per employee-day, the stored day codes (`status_months`), the approved periodic evaluations and the
 * stored figures, for a whole unit subtree or a list of employees. Never one query per employee: the month of a
 * province (50,000 employees) is read in a handful of statements (bench/kinerja.ts).
 */

/** Who the figures are read for: a unit subtree (by path) or a list of employees. */
export type FigureScope = { unitPath: string } | { employeeIds: string[] };

/** `e` (employees) restricted to the scope. */
function scopeSql(scope: FigureScope): RawBuilder<boolean> {
  return 'unitPath' in scope
    ? sql<boolean>`e.unit_id in (select id from units where path like ${`${scope.unitPath}%`})`
    : sql<boolean>`e.id = any(${scope.employeeIds}::uuid[])`;
}

export const monthBounds = (month: string) => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const n = daysInMonth(y, m);
  return { from: `${month}-01`, to: `${month}-${String(n).padStart(2, '0')}`, days: n };
};

export const fullName = (e: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  [e.frontTitle, e.name].filter(Boolean).join(' ') + (e.backTitle ? `, ${e.backTitle}` : '');

export interface FigureEmployee {
  id: string;
  nip: string | null;
  name: string;
  positionName: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
}

/** One day of an employee's accepted reports (day 0 carries only the month's pending and returned counts). */
export interface ReportDay {
  day: number;
  minutesAccepted: number;
  accepted: number;
  pending: number;
  returned: number;
}

export interface ApprovedEvaluation {
  id: string;
  kind: 'PERIODIK' | 'TAHUNAN';
  label: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  predikat: string | null;
  approvedAt: Date | null;
}

export interface StoredFigure {
  employeeId: string;
  unitId: string;
  method: string;
  score: string | null;
  requiredDays: number;
  minutesRequired: number;
  minutesAccepted: number;
  reportsAccepted: number;
  reportsPending: number;
  reportsReturned: number;
  evaluationId: string | null;
  predikat: string | null;
  explanation: unknown;
  rulebookId: string;
  computedAt: Date;
  frozenAt: Date | null;
}

export function createFiguresRepo() {
  /**
   * Employees of the scope in service during the month whose type draws up an SKP, name order; with `q` (name or
   * NIP) and a page. `total` counts every match.
   */
  async function employees(
    exec: Exec,
    scope: FigureScope,
    month: string,
    types: string[],
    opts: { q?: string; limit?: number; offset?: number } = {},
  ): Promise<{ rows: FigureEmployee[]; total: number }> {
    const { from, to } = monthBounds(month);
    const q = opts.q?.trim();
    const where = sql`${scopeSql(scope)} and e.employee_type = any(${types}::text[])
      and e.active_from <= ${to}::date and (e.active_to is null or e.active_to >= ${from}::date)
      ${q ? sql`and (e.name ilike ${`%${q}%`} or e.nip like ${`${q}%`})` : sql``}`;
    const paged = opts.limit !== undefined;
    const rows = await sql<{
      id: string;
      nip: string | null;
      frontTitle: string | null;
      name: string;
      backTitle: string | null;
      positionName: string | null;
      unitId: string;
      unitName: string;
      unitPath: string;
    }>`
      select e.id, e.nip, e.front_title, e.name, e.back_title, p.name as position_name, e.unit_id,
        u.name as unit_name, u.path as unit_path
      from employees e join units u on u.id = e.unit_id left join positions p on p.id = e.position_id
      where ${where}
      order by e.name, e.id
      ${paged ? sql`limit ${opts.limit} offset ${opts.offset ?? 0}` : sql``}`.execute(exec);
    let total = rows.rows.length;
    if (paged) {
      const c = await sql<{ n: number }>`select count(*)::int as n from employees e where ${where}`.execute(
        exec,
      );
      total = c.rows[0]?.n ?? 0;
    }
    return {
      total,
      rows: rows.rows.map((r) => ({
        id: r.id,
        nip: r.nip,
        name: fullName(r),
        positionName: r.positionName,
        unitId: r.unitId,
        unitName: r.unitName,
        unitPath: r.unitPath,
      })),
    };
  }

  /**
   * The month's reports per employee-day (accepted minutes; counts per status), one statement grouped per
   * employee: each report travels as `day × 10000 + minutes` and its status letter (A, S, R) in one text list
   * (one cast per row, no per-status filters, no second grouping), so a province answers 50,000 rows, not a
   * million, and the scan does little more per row than the `sum … group by` baseline.
   */
  async function reportDays(
    exec: Exec,
    scope: FigureScope,
    month: string,
  ): Promise<Map<string, ReportDay[]>> {
    const { from, to } = monthBounds(month);
    const r = await sql<{ employeeId: string; list: string }>`
      select r.employee_id,
        string_agg(((r.report_date - ${from}::date + 1) * 10000 + r.minutes)::text || left(r.status, 1), ',')
          as list
      from daily_reports r
      where r.report_date between ${from}::date and ${to}::date
        and r.employee_id in (select e.id from employees e where ${scopeSql(scope)})
      group by r.employee_id`.execute(exec);
    const out = new Map<string, ReportDay[]>();
    for (const row of r.rows) {
      const byDay = new Map<number, ReportDay>();
      const day = (d: number) => {
        let x = byDay.get(d);
        if (!x) byDay.set(d, (x = { day: d, minutesAccepted: 0, accepted: 0, pending: 0, returned: 0 }));
        return x;
      };
      let np = 0;
      let nr = 0;
      for (const v of row.list.split(',')) {
        const status = v.charCodeAt(v.length - 1);
        if (status === 65 /* A: ACCEPTED */) {
          const n = Number(v.slice(0, -1));
          const x = day(Math.floor(n / 10000));
          x.minutesAccepted += n % 10000;
          x.accepted++;
        } else if (status === 83 /* S: SUBMITTED */) np++;
        else if (status === 82 /* R: RETURNED */) nr++;
      }
      const days = [...byDay.values()];
      // Pending and returned reports count per month only (the figure reads accepted minutes per day).
      if (np > 0 || nr > 0) {
        const first = days[0] ?? day(0);
        first.pending += np;
        first.returned += nr;
        if (days.length === 0) days.push(first);
      }
      out.set(row.employeeId, days);
    }
    return out;
  }

  /** The stored day codes of the month per employee (index = day − 1; null = no data), from `status_months`. */
  async function dayCodes(
    exec: Exec,
    scope: FigureScope,
    month: string,
  ): Promise<Map<string, (string | null)[]>> {
    const r = await sql<{ employeeId: string; code: string }>`
      select s.employee_id, s.code from status_months s join employees e on e.id = s.employee_id
      where s.month = ${`${month}-01`}::date and ${scopeSql(scope)}`.execute(exec);
    const out = new Map<string, (string | null)[]>();
    for (const row of r.rows)
      out.set(
        row.employeeId,
        row.code.split(DAY_SEP).map((c) => (c === '' ? null : c)),
      );
    return out;
  }

  /**
   * The approved periodic evaluation covering the month per employee (the one of the latest period start when
   * several overlap it).
   */
  async function approvedEvaluations(
    exec: Exec,
    scope: FigureScope,
    month: string,
  ): Promise<Map<string, ApprovedEvaluation>> {
    const { from, to } = monthBounds(month);
    const r = await sql<ApprovedEvaluation & { employeeId: string }>`
      select distinct on (v.employee_id) v.employee_id, v.id, v.kind, v.label, v.period_start, v.period_end,
        v.status, v.predikat, v.approved_at
      from evaluations v join employees e on e.id = v.employee_id
      where v.kind = 'PERIODIK' and v.status = 'APPROVED' and v.predikat is not null
        and v.period_start <= ${to}::date and v.period_end >= ${from}::date and ${scopeSql(scope)}
      order by v.employee_id, v.period_start desc, v.approved_at desc nulls last`.execute(exec);
    return new Map(r.rows.map((x) => [x.employeeId, x]));
  }

  /** The stored figures of the month. */
  async function stored(exec: Exec, scope: FigureScope, month: string): Promise<Map<string, StoredFigure>> {
    const r = await sql<StoredFigure>`
      select k.employee_id, k.unit_id, k.method, k.score::text as score, k.required_days, k.minutes_required,
        k.minutes_accepted, k.reports_accepted, k.reports_pending, k.reports_returned, k.evaluation_id,
        k.predikat, k.explanation, k.rulebook_id, k.computed_at, k.frozen_at
      from kinerja_monthly k join employees e on e.id = k.employee_id
      where k.month = ${month} and ${scopeSql(scope)}`.execute(exec);
    return new Map(r.rows.map((x) => [x.employeeId, x]));
  }

  /**
   * The month's frozen stored figures (what the build compares against; a figure not frozen is simply
   * rewritten), without the explanation: a rebuild of a province reads none of the 50,000 JSON documents.
   */
  async function frozen(
    exec: Exec,
    scope: FigureScope,
    month: string,
  ): Promise<Map<string, Omit<StoredFigure, 'explanation'>>> {
    const r = await sql<Omit<StoredFigure, 'explanation'>>`
      select k.employee_id, k.unit_id, k.method, k.score::text as score, k.required_days, k.minutes_required,
        k.minutes_accepted, k.reports_accepted, k.reports_pending, k.reports_returned, k.evaluation_id,
        k.predikat, k.rulebook_id, k.computed_at, k.frozen_at
      from kinerja_monthly k join employees e on e.id = k.employee_id
      where k.month = ${month} and k.frozen_at is not null and ${scopeSql(scope)}`.execute(exec);
    return new Map(r.rows.map((x) => [x.employeeId, x]));
  }

  /**
   * The stored figures of some employees for TPP, lean: score, predikat, method, whether frozen, and the FINAL /
   * PENDING status kept as the last element of `explanation` (the build writes it there), without the text.
   */
  async function tppFigures(exec: Exec, employeeIds: readonly string[], month: string) {
    const r = await sql<{
      employeeId: string;
      score: string | null;
      predikat: string | null;
      method: string;
      frozen: boolean;
      status: string | null;
    }>`
      select k.employee_id, k.score::text as score, k.predikat, k.method, k.frozen_at is not null as frozen,
        k.explanation -> -1 ->> 'status' as status
      from kinerja_monthly k
      where k.month = ${month} and k.employee_id = any(${[...employeeIds]}::uuid[])`.execute(exec);
    return r.rows;
  }

  /** Paths of the units closed for the month (their subtrees are frozen). */
  async function closedPaths(exec: Exec, month: string): Promise<string[]> {
    const r = await sql<{ path: string }>`
      select u.path from month_closings mc join units u on u.id = mc.unit_id where mc.month = ${month}`.execute(
      exec,
    );
    return r.rows.map((x) => x.path);
  }

  /** Months after `month` (up to 24) closed for the unit path or an ancestor. */
  async function closedMonthsAfter(exec: Exec, unitPath: string, month: string): Promise<Set<string>> {
    const r = await sql<{ month: string }>`
      select distinct mc.month from month_closings mc join units u on u.id = mc.unit_id
      where mc.month > ${month} and ${unitPath} like u.path || '%'`.execute(exec);
    return new Set(r.rows.map((x) => x.month));
  }

  /**
   * Adjustments of the scope made to the month (closed) or carried into it, newest first; `latest` gives, per
   * employee, the new score of the last adjustment of the month (the figure in force after the frozen one).
   */
  async function adjustments(exec: Exec, scope: FigureScope, month: string, limit = 200) {
    const r = await sql<{
      id: string;
      employeeId: string;
      frontTitle: string | null;
      name: string;
      backTitle: string | null;
      nip: string | null;
      unitId: string;
      monthClosed: string;
      carriedToMonth: string;
      oldScore: string | null;
      newScore: string | null;
      reason: string;
      createdAt: Date;
    }>`
      select a.id, a.employee_id, e.front_title, e.name, e.back_title, e.nip, a.unit_id, a.month_closed,
        a.carried_to_month, a.old_score::text as old_score, a.new_score::text as new_score, a.reason, a.created_at
      from kinerja_adjustments a join employees e on e.id = a.employee_id
      where (a.month_closed = ${month} or a.carried_to_month = ${month}) and ${scopeSql(scope)}
      order by a.created_at desc, a.id desc limit ${limit}`.execute(exec);
    return r.rows.map((a) => ({
      id: a.id,
      employeeId: a.employeeId,
      employeeName: fullName(a),
      nip: a.nip,
      monthClosed: a.monthClosed,
      carriedToMonth: a.carriedToMonth,
      oldScore: a.oldScore === null ? null : Number(a.oldScore),
      newScore: a.newScore === null ? null : Number(a.newScore),
      reason: a.reason,
      createdAt: a.createdAt.toISOString(),
    }));
  }

  /** Per employee of the scope: the count of the month's adjustments and the new score of the latest one. */
  async function adjustmentState(exec: Exec, scope: FigureScope, month: string) {
    const r = await sql<{ employeeId: string; n: number; latest: string | null }>`
      select distinct on (a.employee_id) a.employee_id, count(*) over (partition by a.employee_id)::int as n,
        a.new_score::text as latest
      from kinerja_adjustments a join employees e on e.id = a.employee_id
      where a.month_closed = ${month} and ${scopeSql(scope)}
      order by a.employee_id, a.created_at desc, a.id desc`.execute(exec);
    return new Map(r.rows.map((x) => [x.employeeId, { count: x.n, latest: x.latest }]));
  }

  /** The month's reports of one employee (the explanation lists them). */
  async function reportsOf(exec: Exec, employeeId: string, month: string) {
    const { from, to } = monthBounds(month);
    return exec
      .selectFrom('dailyReports')
      .select(['id', 'reportDate', 'minutes', 'status', 'activity', 'verifiedAt'])
      .where('employeeId', '=', employeeId)
      .where('reportDate', '>=', from)
      .where('reportDate', '<=', to)
      .orderBy('reportDate')
      .orderBy('createdAt')
      .execute();
  }

  return {
    employees,
    reportDays,
    dayCodes,
    approvedEvaluations,
    stored,
    frozen,
    tppFigures,
    closedPaths,
    closedMonthsAfter,
    adjustments,
    adjustmentState,
    reportsOf,
  };
}
export type FiguresRepo = ReturnType<typeof createFiguresRepo>;
