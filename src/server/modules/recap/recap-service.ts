import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { ctxOf } from '../access/auth-service.ts';
import { inScope, scopeOf, type Actor } from '../access/authz.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import { monthRange, addDays, minDate } from '../../../core/common/local-date.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { decidedByText } from '../../../core/common/instant-text.ts';
import { accumulateDiscipline } from '../../../core/discipline/accumulate.ts';
import { indicateDiscipline } from '../../../core/discipline/indicate.ts';
import type { DisciplineEmployeeType } from '../../../core/discipline/discipline-rules.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import type { DayCode, EarlyBand, LateBand, WorkLocation } from '../../../core/attendance/status-codes.ts';
import { canonicalRecapText, apelPercent, recapOfDays } from '../../../core/recap/monthly-recap.ts';
import { earlyWarningOf } from '../../../core/recap/early-warning.ts';
import {
  closingOpensOn,
  isMonth,
  previousMonth,
  type MonthClosingRules,
} from '../../../core/recap/recap-rules.ts';
import {
  RECAP_FIGURES,
  unitIdsUnder,
  type Exec,
  type RecapFigureRow,
  type RecapKey,
  type RecapRepo,
} from './recap-repo.ts';
import { dayStatusesOfMonth, type DayStatusRow, type MonthRow } from '../statuses/month-rows.ts';

/**
 * Requests of the unit-month still waiting for a decision (leave, permits, corrections), supplied by those
 * modules through app.ts; counted when closing. Until wired there are none.
 */
export type PendingRequestsSource = (unitPath: string, from: string, to: string) => Promise<number>;

type Deps = {
  db: Db;
  repo: RecapRepo;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  audit: AuditService;
  /** The stored statuses: month rows to add up, and filling an employee's missing days before a calendar. */
  statuses: Pick<StatusService, 'ensureRange' | 'monthRows'>;
  pendingRequests?: PendingRequestsSource;
};

/** At most this many employees are checked in detail for the early-warning list. */
const MAX_WARNING_CANDIDATES = 2000;

export type RecapRow = Awaited<ReturnType<RecapRepo['rowsOfSubtree']>>[number];

/** SHA-256 (hex) of the canonical text of a unit-month's recap rows. Source: src/core/recap/monthly-recap.ts. */
export function recapContentHash(rows: readonly RecapRow[]): string {
  return createHash('sha256').update(canonicalRecapText(rows)).digest('hex');
}

const fullName = (e: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  [e.frontTitle, e.name].filter(Boolean).join(' ') + (e.backTitle ? `, ${e.backTitle}` : '');

function requireMonth(month: string) {
  if (!isMonth(month)) throw fieldError('month', 'Bulan harus berformat YYYY-MM');
}

/**
 * The monthly recap: stored per employee-month from the stored statuses (figures of the pure `recapOfDays`,
 * one statement per batch), read per employee
 * (calendar with reasons), per unit (table, exports, charts), with an early-warning list; closing freezes a
 * unit-month (snapshot + SHA-256, audited), reopening is for BKD / super admin with a reason.
 * Source: issue 5 points 5–8; regulations.md §1.3–§1.4, §5.3–§5.4.
 */
export function createRecapService(deps: Deps) {
  const { db, repo, clock, config, rulebooks, audit } = deps;
  const pendingRequests: PendingRequestsSource =
    deps.pendingRequests ?? ((unitPath, from, to) => repo.pendingRequests(db, unitPath, from, to));

  async function closingRules(month: string): Promise<MonthClosingRules> {
    const rules = await rulebooks.rulesOn(config.rulebookRegion, monthRange(month).to);
    const c = rules.attendance.monthClosing;
    if (!c)
      throw new AppError(
        'CONFLICT',
        'Rulebook belum menetapkan masa tinjau penutupan bulan (attendance.monthClosing)',
      );
    return c;
  }

  /** A stored day as the pure rules read it. */
  const asDayStatus = (
    d: Omit<DayStatusRow, 'employeeId' | 'unitId' | 'rulebookId' | 'reasons'> & { reasons?: string[] },
  ): DayStatus => ({
    date: d.localDate,
    code: d.code as DayCode,
    lateBand: d.lateBand as LateBand | null,
    earlyBand: d.earlyBand as EarlyBand | null,
    lateMinutes: d.lateMinutes,
    earlyMinutes: d.earlyMinutes,
    missingCheckIn: d.missingCheckIn,
    missingCheckOut: d.missingCheckOut,
    workLocation: d.workLocation as WorkLocation | null,
    nonWorkingDay: d.nonWorkingDay,
    reasons: d.reasons ?? [],
  });

  /**
   * Store the recap of employee-months from their stored days (month rows), one statement per month and batch.
   * The figures are those of the pure definition (`recapOfDays`, rulebook in force at the end of the month).
   * Apel target: sessions of the day's unit or an ancestor on days the employee was expected at the office
   * (H worked at the office, or a TK working day); attended: distinct sessions scanned with an accepted punch
   * (regulations.md §5.4). Adjustments: those carried into the month, with the change per code. The unit of
   * the row is that of the last stored day; a row whose unit (or an ancestor) is closed is not written.
   * Source: regulations.md §0, §1.3–§1.4, §3.3, §5.3–§5.4.
   */
  async function storeMonths(months: MonthRow[], exec: Exec): Promise<number> {
    const byMonth = new Map<string, MonthRow[]>();
    for (const m of months) {
      let xs = byMonth.get(m.month);
      if (!xs) byMonth.set(m.month, (xs = []));
      xs.push(m);
    }
    let written = 0;
    for (const [first, list] of byMonth) {
      const month = first.slice(0, 7);
      const rules = (await rulebooks.rulesOn(config.rulebookRegion, monthRange(month).to, exec)).discipline;
      const tkCodes = new Set<string>(rules.absence.tkCodes);
      const inputs = await repo.monthInputs(
        exec,
        list.map((m) => m.employeeId),
        [...new Set(list.flatMap((m) => m.units))],
        month,
      );
      const sessionsOn = new Map<string, string[]>();
      for (const s of inputs.sessions) {
        const paths = sessionsOn.get(s.localDate) ?? [];
        sessionsOn.set(s.localDate, paths);
        paths.push(s.path);
      }
      const adjustmentsOf = new Map<string, typeof inputs.adjustments>();
      for (const a of inputs.adjustments) {
        const list = adjustmentsOf.get(a.employeeId) ?? [];
        adjustmentsOf.set(a.employeeId, list);
        list.push(a);
      }
      const rows: RecapFigureRow[] = [];
      for (const m of list) {
        const days = dayStatusesOfMonth(m);
        if (days.length === 0) continue;
        const unitId = days[days.length - 1]!.unitId;
        const unitPath = inputs.unitPaths.get(unitId) ?? '';
        if (inputs.closedPaths.some((p) => unitPath.startsWith(p))) continue;
        let apelTarget = 0;
        if (sessionsOn.size > 0)
          for (const d of days) {
            const sessions = sessionsOn.get(d.date);
            if (!sessions || d.nonWorkingDay) continue;
            if (!((d.code === 'H' && (d.workLocation ?? 'WFO') === 'WFO') || tkCodes.has(d.code))) continue;
            const path = inputs.unitPaths.get(d.unitId) ?? '';
            for (const p of sessions) if (path.startsWith(p)) apelTarget++;
          }
        const adjustments = adjustmentsOf.get(m.employeeId) ?? [];
        const delta: Record<string, number> = {};
        for (const a of adjustments) {
          if (a.newCode) delta[a.newCode] = (delta[a.newCode] ?? 0) + 1;
          if (a.oldCode) delta[a.oldCode] = (delta[a.oldCode] ?? 0) - 1;
        }
        for (const [code, n] of Object.entries(delta)) if (n === 0) delete delta[code];
        rows.push({
          employeeId: m.employeeId,
          month,
          unitId,
          ...recapOfDays(days, rules, 'PNS'),
          apelTarget,
          apelAttended: inputs.attended.get(m.employeeId) ?? 0,
          adjustmentCount: new Set(adjustments.map((a) => a.id)).size,
          adjustmentDelta: delta,
        });
      }
      written += await repo.upsertRows(exec, rows, clock.now());
    }
    return written;
  }

  /** Employees per statement when a whole month is stored. */
  const STORE_BATCH = 2_000;

  /** Store the recap of a month for every employee (or those with a day in a unit subtree). Closed units are left alone. */
  async function storeMonth(month: string, unitPath?: string, exec: Exec = db): Promise<{ rows: number }> {
    requireMonth(month);
    const ids = await repo.employeesOfMonth(month, unitPath, exec);
    let rows = 0;
    for (let i = 0; i < ids.length; i += STORE_BATCH)
      rows += await storeMonths(
        await deps.statuses.monthRows(
          ids.slice(i, i + STORE_BATCH).map((id) => [id, `${month}-01`]),
          exec,
        ),
        exec,
      );
    return { rows };
  }

  /**
   * The incremental update after some days changed. `stored`: month rows the caller has just written (the status
   * service passes them), read again otherwise.
   */
  async function refreshEmployeeMonths(
    keys: RecapKey[],
    exec: Exec = db,
    stored: readonly MonthRow[] = [],
  ): Promise<{ rows: number }> {
    const have = new Map(stored.map((m) => [`${m.employeeId}|${m.month.slice(0, 7)}`, m]));
    const months: MonthRow[] = [];
    const missing = new Map<string, [string, string]>();
    for (const k of keys) {
      requireMonth(k.month);
      const key = `${k.employeeId}|${k.month}`;
      const m = have.get(key);
      if (m) {
        months.push(m);
        have.delete(key);
      } else missing.set(key, [k.employeeId, `${k.month}-01`]);
    }
    if (missing.size > 0) months.push(...(await deps.statuses.monthRows([...missing.values()], exec)));
    return { rows: await storeMonths(months, exec) };
  }

  const todayIn = (zone: string) => toZoned(clock.now().getTime(), zone as IndonesianTimeZone).date;

  async function unitOr404(unitId: string) {
    const u = await repo.unit(unitId);
    if (!u) throw notFound('Unit');
    return u;
  }

  async function staffSuperiors(actor: Actor) {
    if (!actor.employeeId) return [];
    const date = todayIn('Asia/Jakarta');
    return [actor.employeeId, ...(await repo.actingHolders(actor.employeeId, date))];
  }

  /** Read access to one employee: self, attendance.read in scope, or superior (incl. Plt/Plh). */
  async function canReadEmployee(
    actor: Actor,
    emp: { id: string; unitPath: string; superiorId: string | null },
  ) {
    if (actor.employeeId === emp.id) return true;
    if (inScope(scopeOf(actor, 'attendance.read'), emp.unitPath)) return true;
    const sups = await staffSuperiors(actor);
    return emp.superiorId !== null && sups.includes(emp.superiorId);
  }

  /** The unit a reader looks at: the one asked for (in attendance.read scope), else the top of their scope. */
  async function readableUnit(actor: Actor, unitId: string | undefined) {
    const scope = scopeOf(actor, 'attendance.read');
    if (unitId) {
      const u = await unitOr404(unitId);
      if (!inScope(scope, u.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
      return u;
    }
    if (scope === 'all') {
      const root = await db
        .selectFrom('units')
        .select('id')
        .where('parentId', 'is', null)
        .orderBy('name')
        .executeTakeFirst();
      if (!root) throw notFound('Unit');
      return unitOr404(root.id);
    }
    const first = [...scope].sort((a, b) => a.length - b.length)[0];
    if (!first) return null;
    const id = first.split('/').filter(Boolean).pop()!;
    return unitOr404(id);
  }

  /** Bring an open unit-month's rows up to date when stored days are newer than them. */
  async function freshen(unitPath: string, month: string) {
    if (await repo.closingOf(unitPath, month)) return;
    const { from } = monthRange(month);
    const r = await sql<{ days: Date | null; recaps: Date | null; adjusted: Date | null }>`
      select
        (select max(m.computed_at) from status_months m
          where m.month = ${from}::date and m.units && ${unitIdsUnder(unitPath)}) as days,
        (select max(r.computed_at) from monthly_recaps r join units u on u.id = r.unit_id
          where r.month = ${month} and u.path like ${`${unitPath}%`}) as recaps,
        ${
          (await repo.hasAdjustments(db))
            ? sql`(select max(a.created_at) from status_adjustments a join units u on u.id = a.unit_id
                where a.carried_to_month = ${month} and u.path like ${`${unitPath}%`})`
            : sql`null::timestamptz`
        } as adjusted`.execute(db);
    const row = r.rows[0];
    const latest = [row?.days, row?.adjusted].filter((d): d is Date => d instanceof Date);
    if (latest.some((d) => !row?.recaps || d >= row.recaps)) await storeMonth(month, unitPath);
  }

  const rowSelect = [
    'r.employeeId',
    'r.month',
    'r.unitId',
    'u.name as unitName',
    'e.nip',
    'e.name',
    'e.frontTitle',
    'e.backTitle',
    'p.name as positionName',
    'r.computedAt',
    ...RECAP_FIGURES.map((f) => `r.${f}` as const),
  ] as const;

  function present<T extends Awaited<ReturnType<typeof listRowsQuery>>[number]>(r: T) {
    return {
      employeeId: r.employeeId,
      month: r.month,
      unitId: r.unitId,
      unitName: r.unitName,
      nip: r.nip,
      name: fullName(r),
      positionName: r.positionName,
      recordedDays: r.recordedDays,
      workingDays: r.workingDays,
      codeCounts: r.codeCounts,
      lateMinutes: r.lateMinutes,
      earlyMinutes: r.earlyMinutes,
      tl1: r.tl1,
      tl2: r.tl2,
      tl3: r.tl3,
      tl4: r.tl4,
      psw1: r.psw1,
      psw2: r.psw2,
      psw3: r.psw3,
      psw4: r.psw4,
      missingIn: r.missingIn,
      missingOut: r.missingOut,
      onTimeDays: r.onTimeDays,
      tkDays: r.tkDays,
      minutesPerDay: r.minutesPerDay,
      tkEquivalentDays: r.tkEquivalentDays,
      wfoDays: r.wfoDays,
      wfhDays: r.wfhDays,
      wfaDays: r.wfaDays,
      apelTarget: r.apelTarget,
      apelAttended: r.apelAttended,
      apelPercent: apelPercent(r.apelAttended, r.apelTarget),
      adjustmentCount: r.adjustmentCount,
      adjustmentDelta: r.adjustmentDelta,
      computedAt: r.computedAt.toISOString(),
    };
  }

  type RowFilter = { unitPath?: string; superiorIds?: string[]; q?: string | undefined };

  /** The recap rows of a month matching the filter (scope, staff, name/NIP search), before selecting columns. */
  function filtered(month: string, filter: RowFilter) {
    let q = db
      .selectFrom('monthlyRecaps as r')
      .innerJoin('employees as e', 'e.id', 'r.employeeId')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .where('r.month', '=', month);
    if (filter.unitPath !== undefined) q = q.where('u.path', 'like', `${filter.unitPath}%`);
    if (filter.superiorIds !== undefined)
      q =
        filter.superiorIds.length === 0
          ? q.where(sql<boolean>`false`)
          : q.where('e.superiorId', 'in', filter.superiorIds);
    if (filter.q) {
      const term = `%${filter.q.trim().toLowerCase()}%`;
      const digits = filter.q.replace(/\D/g, '');
      q = q.where((eb) =>
        eb.or([
          eb(sql<string>`lower(e.name)`, 'like', term),
          ...(digits.length >= 3 ? [eb('e.nip', 'like', `%${digits}%`)] : []),
        ]),
      );
    }
    return q;
  }

  function listRowsQuery(month: string, filter: RowFilter, page?: { limit: number; offset: number }) {
    let q = filtered(month, filter).select(rowSelect).orderBy('u.path').orderBy('e.name').orderBy('e.id');
    if (page) q = q.limit(page.limit).offset(page.offset);
    return q.execute();
  }

  async function closingInfo(unitPath: string, month: string) {
    const c = await repo.closingOf(unitPath, month);
    if (!c) return null;
    return {
      unitId: c.unitId,
      unitName: c.unitName,
      closedAt: c.closedAt.toISOString(),
      closedByName: c.closedByName,
      contentHash: c.contentHash,
    };
  }

  /** GET /api/recap/units: the recap table of a unit subtree (attendance.read) or of one's staff (superior). */
  async function listUnit(
    actor: Actor,
    q: { month: string; unitId?: string | undefined; q?: string | undefined; page: number; pageSize: number },
  ) {
    requireMonth(q.month);
    const unit = await readableUnit(actor, q.unitId);
    const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
    if (unit) {
      await freshen(unit.path, q.month);
      const [rows, all] = await Promise.all([
        listRowsQuery(q.month, { unitPath: unit.path, q: q.q }, page),
        countRows(q.month, { unitPath: unit.path, q: q.q }),
      ]);
      return {
        mode: 'unit' as const,
        unit: { id: unit.id, name: unit.name, code: unit.code },
        closing: await closingInfo(unit.path, q.month),
        items: rows.map(present),
        total: all,
        page: q.page,
        pageSize: q.pageSize,
      };
    }
    if (!actor.isAtasan) throw forbidden('Anda tidak berwenang melihat rekap unit');
    const superiorIds = await staffSuperiors(actor);
    const staff = await db
      .selectFrom('employees')
      .select('id')
      .where('superiorId', 'in', superiorIds)
      .execute();
    await refreshEmployeeMonths(staff.map((s) => ({ employeeId: s.id, month: q.month })));
    const [rows, all] = await Promise.all([
      listRowsQuery(q.month, { superiorIds, q: q.q }, page),
      countRows(q.month, { superiorIds, q: q.q }),
    ]);
    return {
      mode: 'staff' as const,
      unit: null,
      closing: null,
      items: rows.map(present),
      total: all,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function countRows(month: string, filter: RowFilter) {
    const r = await filtered(month, filter)
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** GET /api/recap/employees/:id: the month of one employee as a calendar with reasons, plus the recap. */
  async function employeeMonth(actor: Actor, employeeId: string, month: string) {
    requireMonth(month);
    const emp = await repo.employee(employeeId);
    if (!emp) throw notFound('Pegawai');
    if (!(await canReadEmployee(actor, emp)))
      throw forbidden('Anda tidak berwenang melihat rekap pegawai ini');
    const { from, to } = monthRange(month);
    const today = todayIn(emp.timeZone);
    if (from <= today) await deps.statuses.ensureRange(employeeId, from, minDate(to, today));
    const closing = await closingInfo(emp.unitPath, month);
    if (!closing) await refreshEmployeeMonths([{ employeeId, month }]);
    const [days, rows, adjustments] = await Promise.all([
      repo.days(employeeId, from, to),
      db
        .selectFrom('monthlyRecaps as r')
        .innerJoin('employees as e', 'e.id', 'r.employeeId')
        .innerJoin('units as u', 'u.id', 'r.unitId')
        .leftJoin('positions as p', 'p.id', 'e.positionId')
        .select(rowSelect)
        .where('r.employeeId', '=', employeeId)
        .where('r.month', '=', month)
        .execute(),
      repo.adjustments([employeeId], month),
    ]);
    return {
      employee: {
        id: emp.id,
        nip: emp.nip,
        name: fullName(emp),
        positionName: emp.positionName,
        unitId: emp.unitId,
        unitName: emp.unitName,
        timeZone: emp.timeZone,
      },
      month,
      closing,
      recap: rows[0] ? present(rows[0]) : null,
      days: days.map((d) => ({
        localDate: d.localDate,
        code: d.code,
        lateBand: d.lateBand,
        earlyBand: d.earlyBand,
        lateMinutes: d.lateMinutes,
        earlyMinutes: d.earlyMinutes,
        missingCheckIn: d.missingCheckIn,
        missingCheckOut: d.missingCheckOut,
        workLocation: d.workLocation,
        nonWorkingDay: d.nonWorkingDay,
        reasons: d.reasons,
      })),
      adjustments: adjustments.map(presentAdjustment),
    };
  }

  function presentAdjustment(a: Awaited<ReturnType<RecapRepo['adjustments']>>[number]) {
    return {
      id: a.id,
      employeeId: a.employeeId,
      employeeName: a.employeeName,
      nip: a.nip,
      localDate: a.localDate,
      monthClosed: a.monthClosed,
      carriedToMonth: a.carriedToMonth,
      oldCode: a.oldCode,
      newCode: a.newCode,
      reason: a.reason,
      createdAt: new Date(a.createdAt).toISOString(),
    };
  }

  /** Adjustments carried into the month for the unit subtree. */
  async function unitAdjustments(actor: Actor, unitId: string, month: string) {
    requireMonth(month);
    const unit = await readableUnit(actor, unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    return { items: (await repo.adjustments('all', month, unit.path)).map(presentAdjustment) };
  }

  // ---------------------------------------------------------------- closing

  function requireCloser(actor: Actor, unitPath: string) {
    if (!inScope(scopeOf(actor, 'recap.close'), unitPath))
      throw forbidden('Anda tidak berwenang menutup bulan unit ini');
  }

  /** GET closing status: closed by whom and when, whether the frozen figures are intact, what is pending. */
  async function closingStatus(actor: Actor, unitId: string, month: string) {
    requireMonth(month);
    const unit = await readableUnit(actor, unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    const { from, to } = monthRange(month);
    const rules = await closingRules(month);
    const closing = await closingInfo(unit.path, month);
    const pending = {
      ...(await repo.pendingItems(db, unit.path, from, to)),
      requests: await pendingRequests(unit.path, from, to),
    };
    let intact: boolean | null = null;
    if (closing) {
      const closedUnit = await unitOr404(closing.unitId);
      intact = recapContentHash(await repo.rowsOfSubtree(db, closedUnit.path, month)) === closing.contentHash;
    }
    const history = await db
      .selectFrom('recapClosings as c')
      .leftJoin('users as a', 'a.id', 'c.closedBy')
      .leftJoin('users as b', 'b.id', 'c.reopenedBy')
      .select([
        'c.id',
        'c.closedAt',
        'a.displayName as closedByName',
        'c.contentHash',
        'c.rowCount',
        'c.reopenedAt',
        'b.displayName as reopenedByName',
        'c.reopenReason',
      ])
      .where('c.unitId', '=', unit.id)
      .where('c.month', '=', month)
      .orderBy('c.closedAt', 'desc')
      .execute();
    const opensOn = closingOpensOn(month, rules);
    const missingDays = await repo.missingDays(unit.path, from, minDate(to, todayIn(unit.timeZone)));
    // A closed sub-unit must be reopened first (`close`): the page must not offer what would be refused.
    const closedBelow = closing === null ? await repo.closingBelow(db, unit.path, month) : undefined;
    return {
      unitId: unit.id,
      month,
      opensOn,
      canCloseNow: todayIn(unit.timeZone) >= opensOn && closing === null && !closedBelow,
      closing,
      intact,
      pending,
      missingDays,
      history: history.map((h) => ({
        ...h,
        closedAt: h.closedAt.toISOString(),
        reopenedAt: h.reopenedAt ? h.reopenedAt.toISOString() : null,
      })),
    };
  }

  /**
   * Close a unit's month (admin OPD, after the review period): refresh and freeze its recap rows, store the
   * SHA-256 of their canonical text in `month_closings` and a snapshot in `recap_closings`, audited, in one
   * transaction. Refused (409) before the rulebook's closing day, when the unit, an ancestor or a sub-unit is
   * closed already (a closing covers a subtree: two closings of one month never overlap; a closed sub-unit is
   * reopened by BKD before its parent is closed), or while flagged punches, queued status days or requests of
   * the month wait for a decision. Concurrency: the unit-month is locked first (`lockUnitMonth`: shared on the
   * ancestors, exclusive on the unit), so of a unit, its ancestors and its descendants closed at one moment one
   * closing wins and the others, having waited for it, answer 409 naming it; siblings do not wait.
   */
  async function close(actor: Actor, unitId: string, month: string) {
    requireMonth(month);
    const unit = await unitOr404(unitId);
    requireCloser(actor, unit.path);
    const rules = await closingRules(month);
    const opensOn = closingOpensOn(month, rules);
    if (todayIn(unit.timeZone) < opensOn)
      throw new AppError(
        'CONFLICT',
        `Bulan ${month} baru dapat ditutup mulai ${opensOn.split('-').reverse().join('/')} (masa tinjau)`,
        { opensOn },
      );
    const zone = unit.timeZone as IndonesianTimeZone;
    /** 409 when the unit, an ancestor or a sub-unit has the month closed (read through `exec`). */
    const assertNoOverlap = async (exec: Exec) => {
      const existing = await repo.closingOf(unit.path, month, exec);
      if (existing)
        throw new AppError(
          'CONFLICT',
          `Bulan ${month} sudah ditutup untuk ${existing.unitName} ${decidedByText(existing.closedByName, existing.closedAt, zone)}`,
          { closedAt: existing.closedAt.toISOString() },
        );
      const below = await repo.closingBelow(exec, unit.path, month);
      if (below)
        throw new AppError(
          'CONFLICT',
          `Bulan ${month} sudah ditutup untuk sub-unit ${below.unitName} ${decidedByText(below.closedByName, below.closedAt, zone)}; ` +
            `penutupan ${unit.name} mencakup sub-unit itu, jadi minta BKD membukanya kembali lebih dulu`,
          { closedAt: below.closedAt.toISOString(), unitName: below.unitName },
        );
    };
    await assertNoOverlap(db);
    const { from, to } = monthRange(month);
    const pending = {
      ...(await repo.pendingItems(db, unit.path, from, to)),
      requests: await pendingRequests(unit.path, from, to),
    };
    const waiting = pending.flaggedPunches + pending.queuedDays + pending.requests;
    if (waiting > 0)
      throw new AppError(
        'CONFLICT',
        `Masih ada ${waiting} hal yang menunggu keputusan (presensi bertanda ${pending.flaggedPunches}, ` +
          `status hari belum diperbarui ${pending.queuedDays}, pengajuan ${pending.requests}); selesaikan dulu`,
        pending,
      );
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      // Again under the lock: a closing that overlaps this one may have committed while this request read.
      await repo.lockUnitMonth(trx, unit.path, month);
      await assertNoOverlap(trx);
      await storeMonth(month, unit.path, trx);
      const rows = await repo.rowsOfSubtree(trx, unit.path, month);
      const contentHash = recapContentHash(rows);
      const inserted = await trx
        .insertInto('monthClosings')
        .values({ unitId: unit.id, month, closedBy: actor.userId, closedAt: now, contentHash })
        .onConflict((oc) => oc.columns(['unitId', 'month']).doNothing())
        .returning('unitId')
        .executeTakeFirst();
      if (!inserted) throw new AppError('CONFLICT', `Bulan ${month} sudah ditutup`);
      await trx
        .insertInto('recapClosings')
        .values({
          unitId: unit.id,
          month,
          closedBy: actor.userId,
          closedAt: now,
          contentHash,
          rowCount: rows.length,
          snapshot: JSON.stringify(JSON.parse(canonicalRecapText(rows))),
        })
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'recap.month_closed',
        entityType: 'month_closing',
        entityId: `${unit.id}:${month}`,
        unitId: unit.id,
        after: { month, contentHash, rows: rows.length },
      });
      return {
        unitId: unit.id,
        unitName: unit.name,
        month,
        closedAt: now.toISOString(),
        closedByName: actor.displayName,
        contentHash,
        rows: rows.length,
      };
    });
  }

  /**
   * Reopen a closed unit-month (BKD / super admin) with a reason, audited; the snapshot stays in the history.
   * Concurrency: under the same unit-month lock as `close`, and the closing is removed by a conditional delete
   * (`delete … returning`): of N identical reopenings one removes it, the others answer 409 naming it.
   */
  async function reopen(actor: Actor, unitId: string, month: string, reason: string) {
    requireMonth(month);
    const unit = await unitOr404(unitId);
    if (!inScope(scopeOf(actor, 'recap.reopen'), unit.path))
      throw forbidden('Hanya BKD atau super admin yang dapat membuka kembali bulan yang ditutup');
    if (reason.trim().length < 10)
      throw fieldError('reason', 'Tuliskan alasan membuka kembali (minimal 10 karakter)');
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      await repo.lockUnitMonth(trx, unit.path, month);
      const removed = await trx
        .deleteFrom('monthClosings')
        .where('unitId', '=', unit.id)
        .where('month', '=', month)
        .returning(['contentHash', 'closedAt'])
        .executeTakeFirst();
      if (!removed) {
        const last = await repo.lastClosing(trx, unit.id, month);
        throw new AppError(
          'CONFLICT',
          last?.reopenedAt
            ? `Bulan ${month} unit ini sudah dibuka kembali ${decidedByText(last.reopenedByName, last.reopenedAt, unit.timeZone as IndonesianTimeZone)}`
            : `Bulan ${month} unit ini tidak sedang ditutup`,
        );
      }
      await trx
        .updateTable('recapClosings')
        .set({ reopenedBy: actor.userId, reopenedAt: now, reopenReason: reason.trim() })
        .where('unitId', '=', unit.id)
        .where('month', '=', month)
        .where('reopenedAt', 'is', null)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'recap.month_reopened',
        entityType: 'month_closing',
        entityId: `${unit.id}:${month}`,
        unitId: unit.id,
        before: { month, contentHash: removed.contentHash, closedAt: removed.closedAt.toISOString() },
        after: { reason: reason.trim() },
      });
      return { unitId: unit.id, month, reopenedAt: now.toISOString(), reason: reason.trim() };
    });
  }

  // ---------------------------------------------------------------- early warning

  /**
   * Employees of the unit subtree approaching (or past) a PP 94/2021 Pasal 4 huruf f threshold in the year of
   * `month`, counted from stored day statuses from 1 January to the end of the month (accumulation and
   * indication from src/core/discipline; margin from the rulebook).
   */
  async function warnings(actor: Actor, q: { unitId?: string | undefined; month: string }) {
    requireMonth(q.month);
    const unit = await readableUnit(actor, q.unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    const year = Number(q.month.slice(0, 4));
    const to = monthRange(q.month).to;
    const from = `${year}-01-01`;
    const rules = await rulebooks.rulesOn(config.rulebookRegion, to);
    const margin = (await closingRules(q.month)).earlyWarningDays;
    const d = rules.discipline;
    const firstSteps = d.ladders.flatMap((l) => [
      l.steps[0]?.fromDays ?? Infinity,
      l.consecutive?.days ?? Infinity,
    ]);
    const floorDays = Math.max(1, Math.min(...firstSteps) - margin);
    const tk = sql.join(d.absence.tkCodes.map((c) => sql.lit(c)));
    const mpd = d.minutesPerDay.minutes;
    const cand = await sql<{ employeeId: string }>`
      select ds.employee_id
      from day_statuses ds join units u on u.id = ds.unit_id
      where ds.month between ${from}::date and ${to}::date and ds.month_units && ${unitIdsUnder(unit.path)}
        and ds.local_date between ${from}::date and ${to}::date and u.path like ${`${unit.path}%`}
      group by ds.employee_id
      having (count(*) filter (where ds.code in (${tk}) and not ds.non_working_day))
        + (coalesce(sum(ds.late_minutes + ds.early_minutes) filter (where not (ds.code in (${tk}) and not ds.non_working_day)), 0) / ${mpd}::int)
        >= ${floorDays}::int
      limit ${MAX_WARNING_CANDIDATES}`.execute(db);
    const ids = cand.rows.map((r) => r.employeeId);
    if (ids.length === 0) return { month: q.month, marginDays: margin, items: [] };
    const [emps, days] = await Promise.all([
      db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select([
          'e.id',
          'e.nip',
          'e.name',
          'e.frontTitle',
          'e.backTitle',
          'e.employeeType',
          'u.name as unitName',
        ])
        .where('e.id', 'in', ids)
        .execute(),
      db
        .selectFrom('dayStatuses')
        .select([
          'employeeId',
          'localDate',
          'code',
          'lateBand',
          'earlyBand',
          'lateMinutes',
          'earlyMinutes',
          'missingCheckIn',
          'missingCheckOut',
          'workLocation',
          'nonWorkingDay',
        ])
        .where('employeeId', 'in', ids)
        .where('month', '>=', `${addDays(from, -31).slice(0, 7)}-01`)
        .where('month', '<=', to)
        .where('localDate', '>=', addDays(from, -31))
        .where('localDate', '<=', to)
        .orderBy('localDate')
        .execute(),
    ]);
    const byEmp = new Map<string, DayStatus[]>();
    for (const r of days) {
      const list = byEmp.get(r.employeeId) ?? [];
      list.push(asDayStatus(r));
      byEmp.set(r.employeeId, list);
    }
    const items = [];
    for (const e of emps) {
      const type = e.employeeType as DisciplineEmployeeType;
      const acc = accumulateDiscipline(byEmp.get(e.id) ?? [], d, type, year);
      const w = earlyWarningOf(acc, indicateDiscipline(acc, d, type), margin);
      if (w)
        items.push({
          employeeId: e.id,
          nip: e.nip,
          name: fullName(e),
          unitName: e.unitName,
          employeeType: e.employeeType,
          ...w,
        });
    }
    items.sort((a, b) => b.totalDays - a.totalDays || a.name.localeCompare(b.name));
    return { month: q.month, marginDays: margin, items };
  }

  // ---------------------------------------------------------------- charts

  /** Share of employees present on time per sub-unit and day (working days only). */
  async function heatmap(actor: Actor, q: { unitId?: string | undefined; month: string }) {
    requireMonth(q.month);
    const unit = await readableUnit(actor, q.unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    const { from, to } = monthRange(q.month);
    const r = await sql<{
      unitId: string;
      unitName: string;
      localDate: string;
      working: number;
      onTime: number;
    }>`
      select c.id as unit_id, c.name as unit_name, ds.local_date::text as local_date,
        (count(*) filter (where not ds.non_working_day))::int as working,
        (count(*) filter (where not ds.non_working_day and ds.code = 'H' and ds.late_band is null
          and not ds.missing_check_in))::int as on_time
      from units c
      join units u on (c.id = ${unit.id} and u.id = c.id) or (c.id <> ${unit.id} and u.path like c.path || '%')
      join day_statuses ds on ds.unit_id = u.id
      where (c.id = ${unit.id} or c.parent_id = ${unit.id})
        and ds.month = ${from}::date and ds.month_units && ${unitIdsUnder(unit.path)}
        and ds.local_date between ${from}::date and ${to}::date
      group by c.id, c.name, ds.local_date
      order by c.name, ds.local_date`.execute(db);
    const units = new Map<
      string,
      {
        unitId: string;
        unitName: string;
        days: { date: string; share: number | null; working: number; onTime: number }[];
      }
    >();
    for (const row of r.rows) {
      const u = units.get(row.unitId) ?? { unitId: row.unitId, unitName: row.unitName, days: [] };
      u.days.push({
        date: row.localDate,
        working: row.working,
        onTime: row.onTime,
        share: row.working > 0 ? Math.round((row.onTime / row.working) * 1000) / 1000 : null,
      });
      units.set(row.unitId, u);
    }
    return { unitId: unit.id, month: q.month, rows: [...units.values()] };
  }

  /** Totals per month over the last `months` months (from the stored recaps). */
  async function trend(actor: Actor, q: { unitId?: string | undefined; month: string; months: number }) {
    requireMonth(q.month);
    const unit = await readableUnit(actor, q.unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    const months = [q.month];
    while (months.length < q.months) months.unshift(previousMonth(months[0]!));
    for (const m of months) await freshen(unit.path, m);
    const rows = await db
      .selectFrom('monthlyRecaps as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .select(({ fn }) => [
        'r.month',
        fn.countAll<number>().as('employees'),
        fn.sum<number>('r.workingDays').as('workingDays'),
        fn.sum<number>('r.onTimeDays').as('onTimeDays'),
        fn.sum<number>('r.tkDays').as('tkDays'),
        fn.sum<number>('r.lateMinutes').as('lateMinutes'),
        fn.sum<number>('r.earlyMinutes').as('earlyMinutes'),
      ])
      .where('r.month', 'in', months)
      .where('u.path', 'like', `${unit.path}%`)
      .groupBy('r.month')
      .execute();
    const by = new Map(rows.map((r) => [r.month, r]));
    return {
      unitId: unit.id,
      points: months.map((m) => {
        const r = by.get(m);
        const working = Number(r?.workingDays ?? 0);
        const onTime = Number(r?.onTimeDays ?? 0);
        return {
          month: m,
          employees: Number(r?.employees ?? 0),
          workingDays: working,
          onTimeDays: onTime,
          compliance: working > 0 ? Math.round((onTime / working) * 1000) / 1000 : null,
          tkDays: Number(r?.tkDays ?? 0),
          lateMinutes: Number(r?.lateMinutes ?? 0),
          earlyMinutes: Number(r?.earlyMinutes ?? 0),
        };
      }),
    };
  }

  /** Days per code in the unit subtree for the month (from the stored recaps). */
  async function codes(actor: Actor, q: { unitId?: string | undefined; month: string }) {
    requireMonth(q.month);
    const unit = await readableUnit(actor, q.unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    await freshen(unit.path, q.month);
    const r = await sql<{ code: string; days: number | string }>`
      select c.key as code, sum(c.value::int) as days
      from monthly_recaps r join units u on u.id = r.unit_id
      cross join lateral jsonb_each_text(r.code_counts) c
      where r.month = ${q.month} and u.path like ${`${unit.path}%`}
      group by c.key order by 2 desc, 1`.execute(db);
    return {
      unitId: unit.id,
      month: q.month,
      items: r.rows.map((x) => ({ code: x.code, days: Number(x.days) })),
    };
  }

  // ---------------------------------------------------------------- exports (data)

  /** Everything an export of a unit-month needs (scope checked like the list). */
  async function unitExportData(actor: Actor, unitId: string, month: string) {
    requireMonth(month);
    const unit = await readableUnit(actor, unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    await freshen(unit.path, month);
    const [rows, head, closing, adjustments] = await Promise.all([
      listRowsQuery(month, { unitPath: unit.path }),
      repo.headOf(unit.id),
      closingInfo(unit.path, month),
      repo.adjustments('all', month, unit.path),
    ]);
    return {
      unit: { id: unit.id, name: unit.name, code: unit.code, timeZone: unit.timeZone },
      month,
      rows: rows.map(present),
      head: head ? { name: fullName(head), nip: head.nip, positionName: head.positionName } : null,
      closing,
      adjustments: adjustments.map(presentAdjustment),
      printedOn: todayIn(unit.timeZone),
    };
  }

  /**
   * What an export of a unit-month needs, the rows read in pages (scope checked like the list, before anything
   * else): the header now, and `pages(size)` reading the rows one page at a time as a worker asks for them, so
   * a province-sized export never holds all its rows. Source: issue 12 point 5.
   */
  async function unitExportSource(actor: Actor, unitId: string, month: string) {
    requireMonth(month);
    const unit = await readableUnit(actor, unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    await freshen(unit.path, month);
    const filter = { unitPath: unit.path };
    // The order is fixed once (ids only); each page then reads its rows by key, without sorting the month again.
    // One after the other: inside a request's unit of work every query shares one connection.
    const order = await filtered(month, filter)
      .select('r.employeeId')
      .orderBy('u.path')
      .orderBy('e.name')
      .orderBy('e.id')
      .execute();
    const head = await repo.headOf(unit.id);
    const closing = await closingInfo(unit.path, month);
    const adjustments = await repo.adjustments('all', month, unit.path);
    const ids = order.map((r) => r.employeeId);
    return {
      header: {
        unit: { id: unit.id, name: unit.name, code: unit.code, timeZone: unit.timeZone },
        month,
        head: head ? { name: fullName(head), nip: head.nip, positionName: head.positionName } : null,
        closing,
        adjustments: adjustments.map(presentAdjustment),
        printedOn: todayIn(unit.timeZone),
        total: ids.length,
      },
      async *pages(size: number) {
        for (let i = 0; i < ids.length; i += size) {
          const keys = ids.slice(i, i + size);
          const rows = await filtered(month, filter)
            .where('r.employeeId', 'in', keys)
            .select(rowSelect)
            .execute();
          const byId = new Map(rows.map((r) => [r.employeeId, r]));
          yield keys.flatMap((k) => {
            const r = byId.get(k);
            return r ? [present(r)] : [];
          });
        }
      },
    };
  }

  /** The employee's month plus the print date (the employee's zone), for the exports. */
  async function employeeExportData(actor: Actor, employeeId: string, month: string) {
    const d = await employeeMonth(actor, employeeId, month);
    return { ...d, printedOn: todayIn(d.employee.timeZone) };
  }

  return {
    storeMonth: (month: string, unitPath?: string) => storeMonth(month, unitPath),
    employeeExportData,
    refreshEmployeeMonths,
    listUnit,
    employeeMonth,
    unitAdjustments,
    closingStatus,
    close,
    reopen,
    warnings,
    heatmap,
    trend,
    codes,
    unitExportData,
    unitExportSource,
  };
}

export type RecapService = ReturnType<typeof createRecapService>;
