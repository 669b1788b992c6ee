import { sql } from 'kysely';
import type { Actor } from '../../auth/authz.ts';
import { forbidden } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { toZoned } from '../../../core/common/zoned-time.ts';
import {
  ORG_PERFORMANCE_LABELS,
  PREDIKATS,
  type OrgPerformance,
  type PerformanceRules,
  type Predikat,
} from '../../../core/performance/performance-rules.ts';
import type { HomeKinerja, Progress, ProgressRow } from '../../../shared/api/kinerja-figures.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import { monthBounds } from './figures-repo.ts';

type Unit = { id: string; name: string; path: string };
interface Helpers {
  readerUnit: (
    actor: Actor,
    unitId: string | undefined,
    p: 'kinerja.read' | 'kinerja.manage',
  ) => Promise<Unit | null>;
  staffOf: (actor: Actor, month: string) => Promise<string[]>;
}

/** The evaluation period named by `TW1`…`TW4`, `B01`…`B12` or `TAHUNAN` in a year. */
export function periodRange(year: number, period: string): { start: string; end: string; label: string } {
  if (period === 'TAHUNAN') return { start: `${year}-01-01`, end: `${year}-12-31`, label: `Tahunan ${year}` };
  if (period.startsWith('TW')) {
    const q = Number(period.slice(2));
    const first = (q - 1) * 3 + 1;
    const start = `${year}-${String(first).padStart(2, '0')}-01`;
    const end = monthBounds(`${year}-${String(first + 2).padStart(2, '0')}`).to;
    return { start, end, label: `Triwulan ${['I', 'II', 'III', 'IV'][q - 1]} ${year}` };
  }
  const m = `${year}-${period.slice(1)}`;
  const b = monthBounds(m);
  return { start: b.from, end: b.to, label: `Bulan ${m}` };
}

const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
const pct1 = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);
const emptyPredikat = () => Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>;

/** Counters of one row before the shares are taken. */
interface Acc {
  employees: number;
  skp: Record<'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED', number>;
  reports: {
    submitted: number;
    accepted: number;
    returned: number;
    pending: number;
    overdue: number;
    onTime: number;
    late: number;
    reporting: number;
  };
  evaluations: { DRAFT: number; FINAL: number; APPROVED: number; employees: number };
  predikat: Record<Predikat, number>;
}
const newAcc = (): Acc => ({
  employees: 0,
  skp: { DRAFT: 0, SUBMITTED: 0, RETURNED: 0, APPROVED: 0 },
  reports: {
    submitted: 0,
    accepted: 0,
    returned: 0,
    pending: 0,
    overdue: 0,
    onTime: 0,
    late: 0,
    reporting: 0,
  },
  evaluations: { DRAFT: 0, FINAL: 0, APPROVED: 0, employees: 0 },
  predikat: emptyPredikat(),
});

/**
 * Progress of SKP approval, daily-report verification and evaluations per OPD (issue 15 point 8, server side) and
 * the kinerja part of the home page. Set-based: one grouped query per figure over the unit subtree, grouped by the
 * child unit (the path segment below the chosen unit). Reads only.
 */
export function createFiguresProgress(ctx: KinerjaContext, h: Helpers) {
  const { db, clock } = ctx;
  const todayWib = () => toZoned(clock.now().getTime(), 'Asia/Jakarta').date;

  /** The counters per child unit of `unit` ('' = employees placed in the unit itself). */
  async function countsBelow(
    exec: Exec,
    unit: Unit,
    rules: PerformanceRules,
    year: number,
    month: string,
    period: { start: string; end: string; kind: 'PERIODIK' | 'TAHUNAN' } | null,
  ) {
    const depth = unit.path.split('/').filter(Boolean).length;
    const key = sql`split_part(u.path, '/', ${depth + 2})`;
    const like = `${unit.path}%`;
    const types = rules.skp.employeeTypes;
    const yFrom = `${year}-01-01`;
    const yTo = `${year}-12-31`;
    const empWhere = sql`u.path like ${like} and e.employee_type = any(${types}::text[])
        and e.active_from <= ${yTo}::date and (e.active_to is null or e.active_to >= ${yFrom}::date)`;
    /** Rows of table `t` (alias) joined to their employee and unit, within the scope. */
    const joinEmp = (col: string) =>
      sql`join employees e on e.id = ${sql.raw(col)} join units u on u.id = e.unit_id`;
    const acc = new Map<string, Acc>();
    const at = (k: string) => {
      let a = acc.get(k);
      if (!a) acc.set(k, (a = newAcc()));
      return a;
    };
    const employees = await sql<{ k: string; n: number }>`
      select ${key} as k, count(*)::int as n
      from employees e join units u on u.id = e.unit_id where ${empWhere} group by 1`.execute(exec);
    for (const r of employees.rows) at(r.k).employees = r.n;

    const skp = await sql<{ k: string; status: string; n: number }>`
      select x.k, x.status, count(*)::int as n from (
        select distinct on (s.employee_id) ${key} as k, s.status
        from skp s ${joinEmp('s.employee_id')}
        where ${empWhere} and s.year = ${year}
        order by s.employee_id, s.period_start desc) x
      group by 1, 2`.execute(exec);
    for (const r of skp.rows) at(r.k).skp[r.status as keyof Acc['skp']] = r.n;

    const { from, to } = monthBounds(month);
    const days = rules.dailyReports.verifyWithinDays;
    const now = clock.now();
    const reports = await sql<{
      k: string;
      submitted: number;
      accepted: number;
      returned: number;
      pending: number;
      overdue: number;
      onTime: number;
      late: number;
      reporting: number;
    }>`
      select ${key} as k, count(*)::int as submitted,
        count(*) filter (where r.status = 'ACCEPTED')::int as accepted,
        count(*) filter (where r.status = 'RETURNED')::int as returned,
        count(*) filter (where r.status = 'SUBMITTED')::int as pending,
        count(*) filter (where r.status = 'SUBMITTED'
          and r.created_at + make_interval(days => ${days}) < ${now}::timestamptz)::int as overdue,
        count(*) filter (where r.verified_at is not null
          and r.verified_at <= r.created_at + make_interval(days => ${days}))::int as on_time,
        count(*) filter (where r.verified_at is not null
          and r.verified_at > r.created_at + make_interval(days => ${days}))::int as late,
        count(distinct r.employee_id)::int as reporting
      from daily_reports r ${joinEmp('r.employee_id')}
      where ${empWhere} and r.report_date between ${from}::date and ${to}::date
      group by 1`.execute(exec);
    for (const r of reports.rows)
      at(r.k).reports = {
        submitted: r.submitted,
        accepted: r.accepted,
        returned: r.returned,
        pending: r.pending,
        overdue: r.overdue,
        onTime: r.onTime,
        late: r.late,
        reporting: r.reporting,
      };

    if (period) {
      const ev = await sql<{
        k: string;
        status: string;
        predikat: string | null;
        n: number;
        employees: number;
      }>`
        select ${key} as k, v.status, v.predikat, count(*)::int as n, count(distinct v.employee_id)::int as employees
        from evaluations v ${joinEmp('v.employee_id')}
        where ${empWhere} and v.kind = ${period.kind} and v.period_start >= ${period.start}::date and v.period_start <= ${period.end}::date
        group by 1, 2, 3`.execute(exec);
      for (const r of ev.rows) {
        const a = at(r.k);
        a.evaluations[r.status as 'DRAFT' | 'FINAL' | 'APPROVED'] += r.n;
        a.evaluations.employees += r.employees;
        if (r.predikat && r.status !== 'DRAFT') a.predikat[r.predikat as Predikat] += r.n;
      }
    }
    return acc;
  }

  /** The organisational performance set for each unit for a period overlapping [start, end] (latest first). */
  async function orgPerformanceOf(exec: Exec, unitIds: string[], start: string, end: string) {
    if (unitIds.length === 0) return new Map<string, OrgPerformance>();
    const r = await sql<{ unitId: string; rating: OrgPerformance }>`
      select distinct on (unit_id) unit_id, rating from unit_performance
      where unit_id = any(${unitIds}::uuid[]) and period_start <= ${end}::date and period_end >= ${start}::date
      order by unit_id, period_start desc, set_at desc`.execute(exec);
    return new Map(r.rows.map((x) => [x.unitId, x.rating]));
  }

  function rowOf(
    unitId: string | null,
    unitName: string,
    a: Acc,
    month: string,
    rules: PerformanceRules,
    org: OrgPerformance | undefined,
  ): ProgressRow {
    const withSkp = a.skp.DRAFT + a.skp.SUBMITTED + a.skp.RETURNED + a.skp.APPROVED;
    const rated = PREDIKATS.reduce((s, p) => s + a.predikat[p], 0);
    const orgPerformance = org ?? 'BAIK';
    const curve = rules.distributionCurves.byOrgPerformance[orgPerformance] ?? {};
    const expectedPercent = Object.fromEntries(PREDIKATS.map((p) => [p, curve[p] ?? 0])) as Record<
      Predikat,
      number
    >;
    const actualPercent = Object.fromEntries(PREDIKATS.map((p) => [p, pct1(a.predikat[p], rated)])) as Record<
      Predikat,
      number | null
    >;
    const tol = rules.distributionCurves.tolerancePercent;
    return {
      unitId,
      unitName,
      employees: a.employees,
      skp: {
        none: Math.max(0, a.employees - withSkp),
        draft: a.skp.DRAFT,
        submitted: a.skp.SUBMITTED,
        returned: a.skp.RETURNED,
        approved: a.skp.APPROVED,
        approvedShare: share(a.skp.APPROVED, a.employees),
      },
      reports: {
        month,
        submitted: a.reports.submitted,
        accepted: a.reports.accepted,
        returned: a.reports.returned,
        pending: a.reports.pending,
        pendingOverdue: a.reports.overdue,
        verifiedOnTime: a.reports.onTime,
        verifiedLate: a.reports.late,
        onTimeShare: share(a.reports.onTime, a.reports.submitted),
        employeesReporting: a.reports.reporting,
      },
      evaluations: {
        draft: a.evaluations.DRAFT,
        final: a.evaluations.FINAL,
        approved: a.evaluations.APPROVED,
        missing: Math.max(0, withSkp - a.evaluations.employees),
      },
      predikat: {
        orgPerformance,
        orgPerformanceSource: org ? 'UNIT_PERFORMANCE' : 'DEFAULT',
        rated,
        counts: { ...a.predikat },
        actualPercent,
        expectedPercent,
        overCurve: PREDIKATS.filter((p) => {
          const x = actualPercent[p];
          return x !== null && x > expectedPercent[p] + tol;
        }),
      },
    };
  }

  function add(into: Acc, a: Acc) {
    into.employees += a.employees;
    for (const k of Object.keys(into.skp) as (keyof Acc['skp'])[]) into.skp[k] += a.skp[k];
    for (const k of Object.keys(into.reports) as (keyof Acc['reports'])[]) into.reports[k] += a.reports[k];
    for (const k of Object.keys(into.evaluations) as (keyof Acc['evaluations'])[])
      into.evaluations[k] += a.evaluations[k];
    for (const p of PREDIKATS) into.predikat[p] += a.predikat[p];
  }

  /** GET /api/kinerja/progress (kinerja.read / kinerja.manage in scope). */
  async function progress(
    actor: Actor,
    q: { year: number; unitId?: string; period?: string; month?: string },
  ): Promise<Progress> {
    const unit = await h.readerUnit(actor, q.unitId, 'kinerja.read');
    if (!unit) throw forbidden('Anda tidak berwenang melihat kemajuan kinerja unit');
    const today = todayWib();
    const month = q.month ?? (Number(today.slice(0, 4)) === q.year ? today.slice(0, 7) : `${q.year}-12`);
    const rules = await ctx.rulesOn(monthBounds(month).to);
    const mm = Number(month.slice(5, 7));
    const period =
      q.period ??
      (rules.evaluation.periodicFrequency === 'QUARTERLY'
        ? `TW${Math.floor((mm - 1) / 3) + 1}`
        : `B${String(mm).padStart(2, '0')}`);
    const range = periodRange(q.year, period);
    const acc = await countsBelow(db, unit, rules, q.year, month, {
      start: range.start,
      end: range.end,
      kind: period === 'TAHUNAN' ? 'TAHUNAN' : 'PERIODIK',
    });
    const children = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('parentId', '=', unit.id)
      .orderBy('name')
      .execute();
    const org = await orgPerformanceOf(db, [unit.id, ...children.map((c) => c.id)], range.start, range.end);
    const rows: ProgressRow[] = [];
    const total = newAcc();
    const own = acc.get('');
    if (own && own.employees > 0) {
      rows.push(rowOf(unit.id, `${unit.name} (langsung)`, own, month, rules, org.get(unit.id)));
    }
    if (own) add(total, own);
    for (const c of children) {
      const a = acc.get(c.id) ?? newAcc();
      add(total, a);
      rows.push(rowOf(c.id, c.name, a, month, rules, org.get(c.id)));
    }
    const notes: string[] = [];
    const defaulted = rows.filter((r) => r.predikat.orgPerformanceSource === 'DEFAULT').length;
    if (defaulted > 0)
      notes.push(
        `Kinerja organisasi belum ditetapkan untuk ${defaulted} unit pada periode ini; dipakai kurva ${ORG_PERFORMANCE_LABELS.BAIK}`,
      );
    if (rules.distributionCurves.isExample)
      notes.push('Persentase kurva distribusi adalah contoh rulebook (angka resmi belum ditemukan)');
    return {
      year: q.year,
      period,
      periodLabel: range.label,
      periodStart: range.start,
      periodEnd: range.end,
      month,
      unit: { id: unit.id, name: unit.name },
      rows,
      total: rowOf(null, 'Jumlah', total, month, rules, org.get(unit.id)),
      verifyWithinDays: rules.dailyReports.verifyWithinDays,
      tolerancePercent: rules.distributionCurves.tolerancePercent,
      curveIsExample: rules.distributionCurves.isExample,
      notes,
    };
  }

  /** The kinerja part of the home page; null when no part applies. Reads only. */
  async function home(actor: Actor): Promise<HomeKinerja | null> {
    const date = actor.employeeId ? await ctx.relations.todayOf(actor.employeeId) : todayWib();
    const month = date.slice(0, 7);
    const rules = await ctx.rulesOn(date);
    const { from, to } = monthBounds(month);
    let pegawai: HomeKinerja['pegawai'] = null;
    if (actor.employeeId) {
      const e = await db
        .selectFrom('employees')
        .select('employeeType')
        .where('id', '=', actor.employeeId)
        .executeTakeFirst();
      const r = await sql<{
        today: number;
        todayAcc: number;
        todayN: number;
        monthAcc: number;
        returned: number;
      }>`
        select coalesce(sum(minutes) filter (where report_date = ${date}::date and status <> 'RETURNED'), 0)::int as today,
          coalesce(sum(minutes) filter (where report_date = ${date}::date and status = 'ACCEPTED'), 0)::int as today_acc,
          count(*) filter (where report_date = ${date}::date)::int as today_n,
          coalesce(sum(minutes) filter (where status = 'ACCEPTED'), 0)::int as month_acc,
          count(*) filter (where status = 'RETURNED')::int as returned
        from daily_reports where employee_id = ${actor.employeeId}
          and report_date between ${from}::date and ${to}::date`.execute(db);
      const x = r.rows[0]!;
      pegawai = {
        hasSkp: !!e && rules.skp.employeeTypes.includes(e.employeeType),
        date,
        minutesToday: x.today,
        minutesTodayAccepted: x.todayAcc,
        minMinutesPerDay: rules.dailyReports.minMinutesPerDay,
        reportsToday: x.todayN,
        link: '/kinerja/lapor',
        month,
        minutesMonthAccepted: x.monthAcc,
        reportsReturned: x.returned,
      };
    }
    let atasan: HomeKinerja['atasan'] = null;
    if (actor.isAtasan && actor.employeeId) {
      const staff = await h.staffOf(actor, month);
      if (staff.length > 0) {
        const days = rules.dailyReports.verifyWithinDays;
        const r = await sql<{ waiting: number; overdue: number }>`
          select count(*)::int as waiting,
            count(*) filter (where created_at + make_interval(days => ${days}) < ${clock.now()}::timestamptz)::int as overdue
          from daily_reports where status = 'SUBMITTED' and employee_id = any(${staff}::uuid[])`.execute(db);
        const s = await sql<{ n: number }>`
          select count(*)::int as n from skp where status = 'SUBMITTED'
            and (employee_id = any(${staff}::uuid[]) or penilai_id = ${actor.employeeId})`.execute(db);
        atasan = {
          reportsWaiting: r.rows[0]!.waiting,
          reportsOverdue: r.rows[0]!.overdue,
          skpWaiting: s.rows[0]!.n,
          link: '/kinerja/verifikasi',
        };
      }
    }
    let oversight: HomeKinerja['oversight'] = null;
    const unit = await h.readerUnit(actor, undefined, 'kinerja.read');
    if (unit) {
      const year = Number(month.slice(0, 4));
      const acc = await countsBelow(db, unit, rules, year, month, null);
      const t = newAcc();
      for (const a of acc.values()) add(t, a);
      oversight = {
        unit: { id: unit.id, name: unit.name },
        year,
        month,
        employees: t.employees,
        skpApproved: t.skp.APPROVED,
        skpApprovedShare: share(t.skp.APPROVED, t.employees),
        reportsSubmitted: t.reports.submitted,
        reportsVerifiedOnTime: t.reports.onTime,
        reportsOnTimeShare: share(t.reports.onTime, t.reports.submitted),
        link: '/kinerja/progres',
      };
    }
    return pegawai || atasan || oversight ? { pegawai, atasan, oversight } : null;
  }

  return { progress, home };
}
