import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { inScope, scopeOf, type Actor, type Permission, type UnitScope } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Database } from '../../db/schema.ts';
import type { TableColumn } from '../../lib/table-export.ts';
import { monthRange, type LocalDate } from '../../../core/common/local-date.ts';
import { capaianSoFar, presentOn } from '../../../core/performance/daily-reports.ts';
import type { SupervisionPage, SupervisionRow } from '../../../shared/api/kinerja-reports.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import type { ReportsRepo } from './reports-repo.ts';
import { monthStart } from './reports-repo.ts';
import { nameOf } from './reports-view.ts';

const READERS: Permission[] = ['kinerja.read', 'kinerja.manage'];

/** Most rows one export holds (a province is paged by unit). */
const EXPORT_MAX = 20_000;

export interface SupervisionQuery {
  page: number;
  pageSize: number;
  date?: LocalDate;
  unitId?: string;
  q?: string;
  view?: 'staff' | 'unit';
}

type Pop = SelectQueryBuilder<Database, 'employees' | 'units', { id: string }>;

/** Columns of the supervision export. */
export const SUPERVISION_EXPORT_COLUMNS: TableColumn[] = [
  { header: 'Nama', key: 'employeeName', width: 32 },
  { header: 'NIP', key: 'nip', width: 20 },
  { header: 'Unit', key: 'unitName', width: 30 },
  { header: 'Jabatan', key: 'positionName', width: 28 },
  { header: 'Kode hari', key: 'attendanceCode', width: 10 },
  { header: 'Hadir', key: 'present', width: 10 },
  { header: 'Melapor hari ini', key: 'reportedToday', width: 12 },
  { header: 'Menit hari ini', key: 'minutesToday', width: 12 },
  { header: 'Menit diterima bulan ini', key: 'minutesAcceptedMonth', width: 14 },
  { header: 'Menunggu verifikasi', key: 'pending', width: 12 },
  { header: 'Terlambat diverifikasi', key: 'overdue', width: 12 },
  { header: 'Status SKP', key: 'skpStatus', width: 12 },
  { header: 'Capaian (%)', key: 'capaian', width: 12 },
];

/**
 * The superior's day-by-day supervision (issue 15 point 3): for each of the actor's staff (as pejabat penilai, with
 * Plt/Plh), or for the head of a unit the whole unit subtree, or for kinerja.read / kinerja.manage holders their
 * scope: present or not (stored daily status; no data is not absence), reported or not, minutes today and accepted
 * this month, pending and overdue verifications, and capaian so far against the SKP's quantity targets.
 * Source: PermenPANRB 6/2022 (pemantauan kinerja); regulations.md §5.4; rulebook `dailyReports` [REG].
 */
export function createReportsSupervision(ctx: KinerjaContext, repo: ReportsRepo) {
  const { db, clock, relations } = ctx;

  /** The unit subtrees the actor heads today (own head post, or a head post held as Plt/Plh). */
  async function headedPaths(employeeId: string, today: LocalDate): Promise<string[]> {
    const posts = await relations.postsOn(employeeId, today).catch(() => [] as string[]);
    if (posts.length === 0) return [];
    const rows = await db
      .selectFrom('positions as p')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .select('u.path')
      .where('p.id', 'in', posts)
      .where('p.isHead', '=', true)
      .execute();
    return rows.map((r) => r.path);
  }

  /** Who the page lists, checked before anything is read. @throws FORBIDDEN */
  async function population(actor: Actor, q: Omit<SupervisionQuery, 'page' | 'pageSize'>) {
    const today = actor.employeeId
      ? await relations.todayOf(actor.employeeId)
      : clock.now().toISOString().slice(0, 10);
    const date = q.date ?? today;
    const readScope = READERS.map((p) => scopeOf(actor, p)).reduce<UnitScope>(
      (a, s) => (a === 'all' || s === 'all' ? 'all' : [...a, ...s]),
      [],
    );
    const heads = actor.employeeId ? await headedPaths(actor.employeeId, today) : [];
    const unitScope: UnitScope = readScope === 'all' ? 'all' : [...readScope, ...heads];
    const hasUnit = unitScope === 'all' || unitScope.length > 0;
    const view = q.view ?? (hasUnit ? 'unit' : 'staff');
    let staff: string[] = [];
    if (view === 'unit' && !hasUnit)
      throw forbidden('Anda bukan kepala unit dan tidak memiliki hak melihat kinerja unit');
    if (view === 'staff') {
      if (!actor.employeeId) throw forbidden('Halaman ini untuk atasan langsung');
      staff = await relations
        .subordinatesOn(actor.employeeId, date)
        .then((s) => s.map((x) => x.employeeId))
        .catch((err) => {
          if (err instanceof AppError && err.code === 'VALIDATION') return [] as string[];
          throw err;
        });
    }
    let unitPath: string | null = null;
    if (q.unitId) {
      const unit = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!unit) throw notFound('Unit');
      unitPath = unit.path;
      const staffUnits =
        view === 'staff' && staff.length
          ? await db
              .selectFrom('employees as e')
              .innerJoin('units as u', 'u.id', 'e.unitId')
              .select('u.path')
              .where('e.id', 'in', staff)
              .execute()
          : [];
      const allowed =
        view === 'unit'
          ? inScope(unitScope, unit.path)
          : staffUnits.some((s) => s.path.startsWith(unit.path));
      if (!allowed) throw forbidden('Anda tidak berwenang melihat pegawai unit ini');
    }
    const base = () => {
      let p = db
        .selectFrom('employees')
        .innerJoin('units', 'units.id', 'employees.unitId')
        .select('employees.id')
        .where('employees.activeFrom', '<=', date)
        .where((eb) => eb.or([eb('employees.activeTo', 'is', null), eb('employees.activeTo', '>=', date)]));
      if (view === 'staff')
        p = staff.length ? p.where('employees.id', 'in', staff) : p.where(sql<boolean>`false`);
      else if (unitScope !== 'all')
        p = p.where((eb: ExpressionBuilder<Database, 'employees' | 'units'>) =>
          eb.or((unitScope as string[]).map((s) => eb('units.path', 'like', `${s}%`))),
        );
      if (unitPath) p = p.where('units.path', 'like', `${unitPath}%`);
      if (q.q) {
        const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        p = p.where((eb) => eb.or([eb('employees.name', 'ilike', like), eb('employees.nip', 'ilike', like)]));
      }
      return p as Pop;
    };
    return { date, view, base };
  }

  /** Aggregates over the listed employees (the page's rows, or all for the summary). */
  async function figures(ids: Pop | string[], date: LocalDate) {
    const rules = (await ctx.rulesOn(date)).dailyReports;
    const { from } = monthRange(date.slice(0, 7));
    const now = clock.now();
    const inPop = <T extends string>(col: T) =>
      Array.isArray(ids)
        ? ids.length
          ? sql`${sql.ref(col)} in (${sql.join(ids)})`
          : sql`false`
        : sql`${sql.ref(col)} in (${ids})`;
    const reports = await sql<{
      employeeId: string;
      minutesToday: string;
      reportsToday: string;
      acceptedMonth: string;
      pending: string;
      overdue: string;
    }>`
      select r.employee_id,
        coalesce(sum(r.minutes) filter (where r.report_date = ${date} and r.status <> 'RETURNED'), 0) as minutes_today,
        count(*) filter (where r.report_date = ${date}) as reports_today,
        coalesce(sum(r.minutes) filter (where r.status = 'ACCEPTED' and r.report_date between ${from} and ${date}), 0) as accepted_month,
        count(*) filter (where r.status = 'SUBMITTED') as pending,
        count(*) filter (where r.status = 'SUBMITTED'
          and (r.updated_at at time zone u.time_zone)::date + ${rules.verifyWithinDays}::int
            < (${now}::timestamptz at time zone u.time_zone)::date) as overdue
      from daily_reports r join units u on u.id = r.unit_id
      where ${inPop('r.employee_id')}
      group by r.employee_id`.execute(db);
    const codes = await db
      .selectFrom('dayStatuses')
      .select(['employeeId', 'code'])
      .where('month', '=', monthStart(date))
      .where('localDate', '=', date)
      .where(() => inPop('employee_id') as never)
      .execute();
    return {
      reports: new Map(reports.rows.map((r) => [r.employeeId, r])),
      codes: new Map(codes.map((c) => [c.employeeId, c.code])),
    };
  }

  /** Capaian so far per employee of the page (their SKP covering the date). */
  async function capaianOf(ids: string[], date: LocalDate) {
    const skps = await repo.anySkpOn(ids, date);
    const first = new Map<string, (typeof skps)[number]>();
    for (const s of skps) if (!first.has(s.employeeId)) first.set(s.employeeId, s);
    const skpIds = [...first.values()].map((s) => s.id);
    const rhk = skpIds.length
      ? await db.selectFrom('skpRhk').select(['id', 'skpId', 'text']).where('skpId', 'in', skpIds).execute()
      : [];
    const indicators = (await repo.indicatorsOf(rhk.map((r) => r.id))).filter(
      (i) => i.aspect === 'KUANTITAS',
    );
    const accepted = skpIds.length
      ? await db
          .selectFrom('dailyReports as r')
          .innerJoin('skp as s', 's.id', 'r.skpId')
          .select(['r.skpId', 'r.rhkId', 'r.satuan'])
          .select((eb) => eb.fn.sum<string>('r.quantity').as('quantity'))
          .where('r.skpId', 'in', skpIds)
          .where('r.status', '=', 'ACCEPTED')
          .where('r.quantity', 'is not', null)
          .whereRef('r.reportDate', '>=', 's.periodStart')
          .where('r.reportDate', '<=', date)
          .groupBy(['r.skpId', 'r.rhkId', 'r.satuan'])
          .execute()
      : [];
    const out = new Map<string, { status: string; capaian: SupervisionRow['capaian'] }>();
    for (const [employeeId, s] of first) {
      const own = rhk.filter((r) => r.skpId === s.id);
      const c = capaianSoFar(
        indicators
          .filter((i) => own.some((r) => r.id === i.rhkId))
          .map((i) => ({
            rhkId: i.rhkId,
            rhkText: own.find((r) => r.id === i.rhkId)!.text,
            indicatorText: i.text,
            satuan: i.satuan,
            target: Number(i.targetMin),
          })),
        accepted
          .filter((a) => a.skpId === s.id)
          .map((a) => ({ rhkId: a.rhkId, satuan: a.satuan, quantity: Number(a.quantity) })),
      );
      out.set(employeeId, {
        status: s.status,
        capaian: {
          percent: c.percent,
          indicators: c.indicators.map((i) => ({
            rhkText: i.rhkText,
            indicatorText: i.indicatorText,
            satuan: i.satuan,
            target: i.target,
            accepted: i.accepted,
            percent: i.percent,
          })),
        },
      });
    }
    return out;
  }

  async function rowsOf(ids: string[], date: LocalDate): Promise<SupervisionRow[]> {
    if (ids.length === 0) return [];
    const people = await db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .select([
        'e.id',
        'e.frontTitle',
        'e.name',
        'e.backTitle',
        'e.nip',
        'e.unitId',
        'u.name as unitName',
        'p.name as positionName',
      ])
      .where('e.id', 'in', ids)
      .execute();
    const [f, cap] = await Promise.all([figures(ids, date), capaianOf(ids, date)]);
    const byId = new Map(people.map((p) => [p.id, p]));
    return ids.map((id) => {
      const p = byId.get(id)!;
      const r = f.reports.get(id);
      const code = f.codes.get(id) ?? null;
      const c = cap.get(id);
      return {
        employeeId: id,
        employeeName: nameOf(p),
        nip: p.nip,
        unitId: p.unitId,
        unitName: p.unitName,
        positionName: p.positionName,
        attendance: { code, present: presentOn(code) },
        reportedToday: Number(r?.reportsToday ?? 0) > 0,
        minutesToday: Number(r?.minutesToday ?? 0),
        minutesAcceptedMonth: Number(r?.acceptedMonth ?? 0),
        pending: Number(r?.pending ?? 0),
        overdue: Number(r?.overdue ?? 0),
        skpStatus: c?.status ?? null,
        capaian: c?.capaian ?? { percent: null, indicators: [] },
      };
    });
  }

  const ordered = (pop: Pop) =>
    db.selectFrom('employees as x').select('x.id').where('x.id', 'in', pop).orderBy('x.name').orderBy('x.id');

  /** GET /api/kinerja/supervision. */
  async function supervision(actor: Actor, q: SupervisionQuery): Promise<SupervisionPage> {
    const { date, view, base } = await population(actor, q);
    const total = Number(
      (
        await db
          .selectFrom('employees as x')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('x.id', 'in', base())
          .executeTakeFirstOrThrow()
      ).n,
    );
    const pageIds = (
      await ordered(base())
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute()
    ).map((r) => r.id);
    const all = await figures(base(), date);
    const codes = [...all.codes.values()];
    const rs = [...all.reports.values()];
    return {
      date,
      month: date.slice(0, 7),
      view,
      items: await rowsOf(pageIds, date),
      total,
      page: q.page,
      pageSize: q.pageSize,
      summary: {
        employees: total,
        present: codes.filter((c) => presentOn(c)).length,
        noData: total - codes.length,
        reported: rs.filter((r) => Number(r.reportsToday) > 0).length,
        pending: rs.reduce((s, r) => s + Number(r.pending), 0),
        overdue: rs.reduce((s, r) => s + Number(r.overdue), 0),
      },
    };
  }

  /** The export of the supervision list (same filters, all pages up to EXPORT_MAX rows). */
  async function supervisionExport(actor: Actor, q: Omit<SupervisionQuery, 'page' | 'pageSize'>) {
    const { date, base } = await population(actor, q);
    const ids = (await ordered(base()).limit(EXPORT_MAX).execute()).map((r) => r.id);
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < ids.length; i += 500)
      for (const r of await rowsOf(ids.slice(i, i + 500), date))
        out.push({
          ...r,
          attendanceCode: r.attendance.code ?? 'belum ada data',
          present: r.attendance.present === null ? '' : r.attendance.present ? 'Ya' : 'Tidak',
          reportedToday: r.reportedToday ? 'Ya' : 'Tidak',
          capaian: r.capaian.percent,
        });
    return { date, rows: out };
  }

  return { supervision, supervisionExport };
}
