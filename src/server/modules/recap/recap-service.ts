import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { sharedSnapshots } from '../../lib/shared-snapshots.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import { monthRange, addDays, eachDay, minDate } from '../../../core/common/local-date.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { decidedByText } from '../../../core/common/instant-text.ts';
import { accumulateDiscipline, accumulationFilter } from '../../../core/discipline/accumulate.ts';
import { indicateDiscipline, type ImposedSanction } from '../../../core/discipline/indicate.ts';
import type { DisciplineEmployeeType, DisciplineRules } from '../../../core/discipline/discipline-rules.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import type { DayCode } from '../../../core/attendance/status-codes.ts';
import { canonicalRecapText, apelPercent, recapOfDays } from '../../../core/recap/monthly-recap.ts';
import { earlyWarningOf } from '../../../core/recap/early-warning.ts';
import { isNoDataDay } from '../../../core/recap/no-data.ts';
import { expectedApelSessions } from '../../../core/recap/apel-expected.ts';
import {
  closingOpensOn,
  isMonth,
  previousMonth,
  type MonthClosingRules,
} from '../../../core/recap/recap-rules.ts';
import {
  CLOSING_ITEM_KINDS,
  checkClosing,
  isWaivable,
  type ClosingItem,
  type ClosingItemKind,
  type ClosingWaiver,
} from '../../../core/recap/closing-check.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { RECAP_FIGURES as MONTH_FIGURES, type RecapFigure } from '../../../core/recap/recap-figures.ts';
import {
  RECAP_FIGURES,
  unitIdsUnder,
  type Exec,
  type RecapFigureRow,
  type RecapKey,
  type RecapRepo,
} from './recap-repo.ts';
import { DAY_SEP, dayStatusesOfMonth, emptyMonth, putDay, type MonthRow } from '../../lib/month-rows.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import { messages } from '../../lib/notification-messages.ts';
import type { RelationsService } from '../../relations/relations-service.ts';

type Deps = {
  db: Db;
  repo: RecapRepo;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  audit: AuditService;
  /** The stored statuses: month rows to add up, and one employee's days as a reader sees them. */
  statuses: Pick<StatusService, 'monthRows' | 'employeeDays' | 'markDirty'>;
  /** Admin OPD and BKD over the unit hear of a month closed or reopened (issue 13 point 6). */
  notifications?: Pick<NotificationService, 'notify' | 'grantHolders'>;
  /** Who acts (Plt/Plh) for whom on the actor's own day (src/server/relations). */
  relations: Pick<RelationsService, 'actingForToday'>;
};

/** At most this many employees are checked in detail for the early-warning list. */
const MAX_WARNING_CANDIDATES = 2000;
/** Warning lists with at least this many candidates are shared for a minute (see `sharedWarnings`). */
const WARNINGS_SHARED_MIN = 500;

/** The early-warning list of a unit-month. */
type WarningList = {
  month: string;
  marginDays: number;
  items: ({
    employeeId: string;
    nip: string | null;
    name: string;
    unitName: string;
    employeeType: string;
  } & NonNullable<ReturnType<typeof earlyWarningOf>>)[];
};

/** A listener of month closings: runs in the closing's transaction, so a failure refuses the closing. */
export type MonthClosedListener = (
  trx: Transaction<Database>,
  e: { unitId: string; unitPath: string; month: string; closedAt: Date },
) => Promise<unknown>;

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
  const { db, repo, clock, config, rulebooks, audit, relations } = deps;
  /** Called inside the closing transaction of a unit-month (e-Kinerja freezes its monthly figures there). */
  const monthClosedListeners: MonthClosedListener[] = [];
  const onMonthClosed = (listener: MonthClosedListener) => void monthClosedListeners.push(listener);

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

  /**
   * The recap figures of employee-months from their days (month rows), computed in memory, one read of the
   * month's other inputs per month. The figures are those of the pure definition (`recapOfDays`, rulebook in
   * force at the end of the month). Apel target: sessions of the day's unit or an ancestor on days the employee
   * was expected at the office (H worked at the office, or a TK working day: src/core/recap/apel-expected.ts);
   * attended: distinct sessions scanned with an accepted punch (regulations.md §5.4). Adjustments: those carried
   * into the month, with the change per code. The unit of the row is that of the last day. A month whose unit (or an ancestor) is closed is left out
   * unless `includeClosed`; a month without any day is returned in `empty`.
   * Source: regulations.md §0, §1.3–§1.4, §3.3, §5.3–§5.4.
   */
  async function figuresOf(months: readonly MonthRow[], exec: Exec, includeClosed = false) {
    const byMonth = new Map<string, MonthRow[]>();
    for (const m of months) {
      let xs = byMonth.get(m.month);
      if (!xs) byMonth.set(m.month, (xs = []));
      xs.push(m);
    }
    const rows: RecapFigureRow[] = [];
    const empty: RecapKey[] = [];
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
      const sessionsOn = new Map<string, typeof inputs.sessions>();
      for (const s of inputs.sessions) {
        const held = sessionsOn.get(s.localDate) ?? [];
        sessionsOn.set(s.localDate, held);
        held.push(s);
      }
      const adjustmentsOf = new Map<string, typeof inputs.adjustments>();
      for (const a of inputs.adjustments) {
        const list = adjustmentsOf.get(a.employeeId) ?? [];
        adjustmentsOf.set(a.employeeId, list);
        list.push(a);
      }
      for (const m of list) {
        const days = dayStatusesOfMonth(m);
        if (days.length === 0) {
          empty.push({ employeeId: m.employeeId, month });
          continue;
        }
        const unitId = days[days.length - 1]!.unitId;
        const unitPath = inputs.unitPaths.get(unitId) ?? '';
        if (!includeClosed && inputs.closedPaths.some((p) => unitPath.startsWith(p))) continue;
        let apelTarget = 0;
        if (sessionsOn.size > 0)
          for (const d of days) {
            const sessions = sessionsOn.get(d.date);
            if (sessions)
              apelTarget += expectedApelSessions(
                d,
                inputs.unitPaths.get(d.unitId) ?? '',
                sessions,
                tkCodes,
              ).length;
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
    }
    return { rows, empty };
  }

  /**
   * Store the recap of employee-months from their stored days (`figuresOf`): one upsert per batch; a row whose
   * unit (or an ancestor) is closed is not written; the row of a month left without days is removed (its days
   * became "no data"), unless closed.
   */
  async function storeMonths(months: MonthRow[], exec: Exec): Promise<number> {
    const { rows, empty } = await figuresOf(months, exec);
    await repo.deleteRows(exec, empty);
    return repo.upsertRows(exec, rows, clock.now());
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
    if (missing.size > 0) {
      const found = await deps.statuses.monthRows([...missing.values()], exec);
      months.push(...found);
      for (const m of found) missing.delete(`${m.employeeId}|${m.month.slice(0, 7)}`);
      // No month row any more: every day of the month became "no data"; its recap row goes too.
      await repo.deleteRows(
        exec,
        [...missing.values()].map(([employeeId, first]) => ({ employeeId, month: first.slice(0, 7) })),
      );
    }
    return { rows: await storeMonths(months, exec) };
  }

  const todayIn = (zone: string) => toZoned(clock.now().getTime(), zone as IndonesianTimeZone).date;

  async function unitOr404(unitId: string) {
    const u = await repo.unit(unitId);
    if (!u) throw notFound('Unit');
    return u;
  }

  /** The actor and the holders of the posts they act in (Plt/Plh) on their own today. */
  async function staffSuperiors(actor: Actor) {
    if (!actor.employeeId) return [];
    return [actor.employeeId, ...(await relations.actingForToday(actor.employeeId))];
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
      // The recap's figures, from its one list (core/recap/recap-figures.ts), in that list's order.
      ...(Object.fromEntries(MONTH_FIGURES.map((f) => [f, r[f]])) as Pick<T, RecapFigure>),
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

  async function listRowsQuery(month: string, filter: RowFilter, page?: { limit: number; offset: number }) {
    const ordered = () => filtered(month, filter).orderBy('u.path').orderBy('e.name').orderBy('e.id');
    if (!page) return ordered().select(rowSelect).execute();
    // A page: the order of the employee ids alone first (a narrow sort), then the page's rows by key, instead of
    // sorting every wide row of the subtree before the offset (issue 13 point 12: 10.7 s for a deep page).
    const ids = (await ordered().select('r.employeeId').limit(page.limit).offset(page.offset).execute()).map(
      (r) => r.employeeId,
    );
    if (ids.length === 0) return [];
    const rows = new Map(
      (await filtered(month, filter).where('r.employeeId', 'in', ids).select(rowSelect).execute()).map(
        (r) => [r.employeeId, r],
      ),
    );
    return ids.flatMap((id) => rows.get(id) ?? []);
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

  /**
   * GET /api/recap/employee: the month of one employee as a calendar with reasons, plus the recap. Reads only
   * ("reading never writes", issue 13): the days are the statuses service's `employeeDays` — stored days, ended
   * days not stored yet classified in memory (`provisional`), and the "no data" days (before the unit's go-live,
   * outside the employee's service) with their reason, never TK. The recap is the stored row; when some day is
   * provisional (or a stored day is "no data" now, or no row is stored yet) and the month is open, the figures are
   * computed in memory from the same days by the same function that stores them (`recapProvisional`). A closed
   * month shows its frozen row.
   */
  async function employeeMonth(actor: Actor, employeeId: string, month: string) {
    requireMonth(month);
    const emp = await repo.employee(employeeId);
    if (!emp) throw notFound('Pegawai');
    if (!(await canReadEmployee(actor, emp)))
      throw forbidden('Anda tidak berwenang melihat rekap pegawai ini');
    const { from, to } = monthRange(month);
    const view = await deps.statuses.employeeDays(employeeId, from, to);
    const closing = await closingInfo(emp.unitPath, month);
    const storedRow = await db
      .selectFrom('monthlyRecaps as r')
      .innerJoin('employees as e', 'e.id', 'r.employeeId')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .select(rowSelect)
      .where('r.employeeId', '=', employeeId)
      .where('r.month', '=', month)
      .executeTakeFirst();
    const adjustments = await repo.adjustments([employeeId], month);
    let recap = storedRow ? present(storedRow) : null;
    let recapProvisional = false;
    const stale = view.staleNoData > 0 || view.days.some((d) => d.provisional);
    if (!closing && (stale || (!storedRow && view.days.length > 0))) {
      const m = emptyMonth(employeeId, `${month}-01`);
      for (const d of view.days) putDay(m, d, 0);
      const f = (await figuresOf([m], db, true)).rows[0];
      recap = null;
      if (f) {
        const unitName = f.unitId === emp.unitId ? emp.unitName : ((await repo.unit(f.unitId))?.name ?? '');
        recap = present({ ...emp, ...f, employeeId, unitName, computedAt: clock.now() });
        recapProvisional = true;
      }
    }
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
      recap,
      recapProvisional,
      days: view.days.map((d) => ({
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
        provisional: d.provisional,
      })),
      noData: view.noData,
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

  /**
   * What keeps a unit-month from being complete, item by item (src/core/recap/closing-check.ts): per employee the
   * ended days with data not stored (queued ones apart), per employee the days waiting in the recompute queue,
   * flagged punches not reviewed, leave / permits / corrections not decided. Days before the go-live of the
   * employee's unit and outside their service are "no data" and never missing.
   */
  /** The ended days with data of one employee's month (`lo`..`hi`) that are neither stored nor queued. */
  function missingDaysOf(
    e: { lo: string; hi: string; code: string | null },
    queued: ReadonlySet<string> | undefined,
  ): string[] {
    const codes = e.code === null ? [] : e.code.split(DAY_SEP);
    return eachDay(e.lo, e.hi).filter((d) => !codes[Number(d.slice(8, 10)) - 1] && !queued?.has(d));
  }

  /**
   * The way out of a closing's "days not stored": queue the unit-month's ended days with data that are neither
   * stored nor queued, for the status worker to store within minutes (they then leave the closing's list as it
   * works through them). By whoever may close the month, while it is open; audited with the counts. Days before
   * go-live and outside service are "no data" and never queued. Source: issue 13 point 2.
   */
  async function queueMissingDays(actor: Actor, unitId: string, month: string) {
    requireMonth(month);
    const unit = await unitOr404(unitId);
    requireCloser(actor, unit.path);
    const closed = await repo.closingOf(unit.path, month, db);
    if (closed)
      throw new AppError('CONFLICT', `Bulan ${month} sudah ditutup untuk ${closed.unitName}`, {
        closedAt: closed.closedAt.toISOString(),
      });
    const { from, to } = monthRange(month);
    const lastDay = minDate(to, addDays(todayIn(unit.timeZone), -1));
    const r = await repo.closingItems(db, unit.path, from, to, lastDay);
    const queuedOf = new Map(r.queued.map((q) => [q.employeeId, new Set(q.dates)]));
    let employees = 0;
    let days = 0;
    for (const e of r.days) {
      const missing = missingDaysOf(e, queuedOf.get(e.employeeId));
      if (missing.length === 0) continue;
      await deps.statuses.markDirty(e.employeeId, missing, 'closing');
      employees += 1;
      days += missing.length;
    }
    if (days > 0)
      await db.transaction().execute((trx) =>
        audit.record(trx, ctxOf(actor), {
          action: 'recap.missing_days_queued',
          entityType: 'month_closing',
          entityId: `${unit.id}:${month}`,
          unitId: unit.id,
          after: { month, employees, days },
        }),
      );
    return { unitId: unit.id, month, employees, days };
  }

  async function closingItemsOf(
    exec: Exec,
    unit: { path: string; timeZone: string },
    month: string,
  ): Promise<ClosingItem[]> {
    const { from, to } = monthRange(month);
    const lastDay = minDate(to, addDays(todayIn(unit.timeZone), -1));
    const r = await repo.closingItems(exec, unit.path, from, to, lastDay);
    const queuedOf = new Map(r.queued.map((q) => [q.employeeId, new Set(q.dates)]));
    const fmt = formatDdMmYyyy;
    const span = (a: string, b: string) => (a === b ? fmt(a) : `${fmt(a)}–${fmt(b)}`);
    const items: ClosingItem[] = [];
    for (const e of r.days) {
      const missing = missingDaysOf(e, queuedOf.get(e.employeeId));
      if (missing.length > 0)
        items.push({
          kind: 'missingDays',
          ref: e.employeeId,
          employeeId: e.employeeId,
          employeeName: fullName(e),
          dates: missing.slice(0, 5),
          count: missing.length,
          label: `${missing.length} hari belum tersimpan (${span(missing[0]!, missing[missing.length - 1]!)})`,
        });
    }
    for (const q of r.queued)
      items.push({
        kind: 'queuedDays',
        ref: q.employeeId,
        employeeId: q.employeeId,
        employeeName: fullName(q),
        dates: q.dates.slice(0, 5),
        count: q.dates.length,
        label: `${q.dates.length} hari menunggu dihitung ulang (${span(q.dates[0]!, q.dates[q.dates.length - 1]!)})`,
      });
    for (const p of r.flagged)
      items.push({
        kind: 'flaggedPunch',
        ref: p.id,
        employeeId: p.employeeId,
        employeeName: fullName(p),
        dates: [p.localDate],
        count: 1,
        label: `Presensi bertanda ${fmt(p.localDate)} belum ditinjau`,
      });
    for (const x of r.requests)
      items.push({
        kind: x.kind,
        ref: x.id,
        employeeId: x.employeeId,
        employeeName: fullName(x),
        dates: [x.dateFrom],
        count: 1,
        label:
          x.kind === 'pendingLeave'
            ? `Cuti ${x.code} ${span(x.dateFrom, x.dateTo)} menunggu keputusan`
            : x.kind === 'pendingPermit'
              ? `Izin ${x.code} ${span(x.dateFrom, x.dateTo)} menunggu keputusan`
              : `Koreksi presensi ${fmt(x.dateFrom)} menunggu keputusan`,
      });
    return items;
  }

  /** At most this many items are listed in a closing status or a refusal (the counts cover all). */
  const MAX_LISTED_ITEMS = 200;

  /** The items as a closing status or a refusal lists them: counts per kind, the first MAX_LISTED_ITEMS. */
  function itemSummary(items: readonly ClosingItem[], rules: MonthClosingRules) {
    const counts = Object.fromEntries(CLOSING_ITEM_KINDS.map((k) => [k, 0])) as Record<
      ClosingItemKind,
      number
    >;
    for (const i of items) counts[i.kind] += i.count;
    return {
      flaggedPunches: counts.flaggedPunch,
      queuedDays: counts.queuedDays,
      requests: counts.pendingLeave + counts.pendingPermit + counts.pendingCorrection,
      missingDays: counts.missingDays,
      counts,
      total: items.length,
      items: items.slice(0, MAX_LISTED_ITEMS).map((i) => ({ ...i, waivable: isWaivable(i.kind, rules) })),
    };
  }

  /**
   * GET closing status: closed by whom and when, whether the frozen figures are intact, what is missing or
   * pending item by item (`closingItemsOf`), whether it is complete, and what the rulebook allows to leave open
   * with a reason (`attendance.monthClosing.waivable`).
   */
  async function closingStatus(actor: Actor, unitId: string, month: string) {
    requireMonth(month);
    const unit = await readableUnit(actor, unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    const rules = await closingRules(month);
    const closing = await closingInfo(unit.path, month);
    const summary = itemSummary(await closingItemsOf(db, unit, month), rules);
    const pending = {
      flaggedPunches: summary.flaggedPunches,
      queuedDays: summary.queuedDays,
      requests: summary.requests,
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
        'c.waivers',
      ])
      .where('c.unitId', '=', unit.id)
      .where('c.month', '=', month)
      .orderBy('c.closedAt', 'desc')
      .execute();
    const opensOn = closingOpensOn(month, rules);
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
      missingDays: summary.missingDays,
      complete: summary.total === 0,
      counts: summary.counts,
      total: summary.total,
      items: summary.items,
      waivable: rules.waivable
        ? { kinds: rules.waivable.kinds, minReasonChars: rules.waivable.minReasonChars }
        : null,
      history: history.map((h) => ({
        ...h,
        waivers: h.waivers as { kind: string; ref: string; label: string; reason: string }[],
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
   * reopened by BKD before its parent is closed), or while the month is incomplete (`closingItemsOf`: days with
   * data not stored or queued, flagged punches not reviewed, requests not decided), with the list of items in
   * the refusal's details. An item of a kind the rulebook allows (`attendance.monthClosing.waivable`) may stay
   * open when `waivers` gives a reason for it; the waived items and their reasons are kept with the closing and
   * audited (issue 13 point 2). Concurrency: the unit-month is locked first (`lockUnitMonth`: shared on the
   * ancestors, exclusive on the unit), so of a unit, its ancestors and its descendants closed at one moment one
   * closing wins and the others, having waited for it, answer 409 naming it; siblings do not wait.
   */
  async function close(actor: Actor, unitId: string, month: string, waivers: ClosingWaiver[] = []) {
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
    const check = checkClosing(await closingItemsOf(db, unit, month), waivers, rules);
    if (check.issues.length > 0)
      throw new AppError(
        'VALIDATION',
        check.issues.map((i) => i.message).join('; '),
        check.issues.map((i) => ({ path: `waivers.${i.ref}`, message: i.message })),
      );
    if (check.blocking.length > 0) {
      const summary = itemSummary(check.blocking, rules);
      const parts = [
        summary.missingDays > 0 ? `${summary.missingDays} hari-pegawai belum tersimpan` : null,
        summary.queuedDays > 0 ? `${summary.queuedDays} hari menunggu dihitung ulang` : null,
        summary.flaggedPunches > 0 ? `${summary.flaggedPunches} presensi bertanda belum ditinjau` : null,
        summary.requests > 0 ? `${summary.requests} pengajuan menunggu keputusan` : null,
      ].filter(Boolean);
      const canWaive = check.blocking.some((b) => b.waivable);
      throw new AppError(
        'CONFLICT',
        `Bulan ${month} belum lengkap: ${parts.join(', ')}. Selesaikan dulu` +
          (canWaive ? ', atau catat alasan untuk butir yang boleh dikecualikan' : ''),
        summary,
      );
    }
    const waived = check.waived.map((w) => ({ kind: w.kind, ref: w.ref, label: w.label, reason: w.reason }));
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
          waivers: JSON.stringify(waived),
        })
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'recap.month_closed',
        entityType: 'month_closing',
        entityId: `${unit.id}:${month}`,
        unitId: unit.id,
        after: { month, contentHash, rows: rows.length, ...(waived.length > 0 ? { waivers: waived } : {}) },
      });
      for (const listener of monthClosedListeners)
        await listener(trx, { unitId: unit.id, unitPath: unit.path, month, closedAt: now });
      if (deps.notifications)
        await deps.notifications.notify(trx, {
          userIds: await deps.notifications.grantHolders(trx, ['ADMIN_OPD', 'BKD'], unit.path),
          exceptUserIds: [actor.userId],
          once: false,
          ...messages.recapClosed({
            unitId: unit.id,
            unitName: unit.name,
            month,
            actorName: actor.displayName,
          }),
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
      if (deps.notifications)
        await deps.notifications.notify(trx, {
          userIds: await deps.notifications.grantHolders(trx, ['ADMIN_OPD', 'BKD'], unit.path),
          exceptUserIds: [actor.userId],
          once: false,
          ...messages.recapReopened({
            unitId: unit.id,
            unitName: unit.name,
            month,
            actorName: actor.displayName,
            reason: reason.trim(),
          }),
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
    return (await sharedWarnings.get(JSON.stringify({ id: unit.id, path: unit.path, month: q.month }))).list;
  }

  /**
   * The warning lists of large scopes (WARNINGS_SHARED_MIN candidates or more: an OPD, the province), shared by
   * whoever reads the same unit-month for WARNINGS_FRESH_MS (served while refreshed up to WARNINGS_STALE_MS): they
   * change only as the status worker stores days, and reading a year of days for thousands of candidates takes
   * seconds (bench/reads). Smaller lists are computed per request.
   */
  const sharedWarnings = sharedSnapshots<{ at: number; candidates: number; list: WarningList }>({
    compute: async (key) => {
      const k = JSON.parse(key) as { id: string; path: string; month: string };
      const at = clock.now().getTime();
      const { candidates, list } = await computeWarnings({ id: k.id, path: k.path }, k.month);
      return { at, candidates, list };
    },
    size: (v) => v.candidates,
    at: (v) => v.at,
    now: () => clock.now().getTime(),
    minSize: WARNINGS_SHARED_MIN,
    freshMs: 60_000,
    staleMs: 600_000,
    max: 64,
  });

  async function computeWarnings(unit: { id: string; path: string }, month: string) {
    const to = monthRange(month).to;
    const d = (await rulebooks.rulesOn(config.rulebookRegion, to)).discipline;
    const margin = (await closingRules(month)).earlyWarningDays;
    const floorDays = Math.max(1, firstThreshold(d) - margin);
    const { candidates, standings } = await standingsOf(unit, month, d, floorDays, db);
    const items = [];
    for (const s of standings) {
      const w = earlyWarningOf(s.accumulation, s.indication, margin);
      if (w)
        items.push({
          employeeId: s.employeeId,
          nip: s.nip,
          name: s.name,
          unitName: s.unitName,
          employeeType: s.employeeType,
          ...w,
        });
    }
    items.sort((a, b) => b.totalDays - a.totalDays || a.name.localeCompare(b.name));
    return { candidates, list: { month, marginDays: margin, items } satisfies WarningList };
  }

  /** The lowest number of days that can give an indication: the first ladder step or a consecutive run. */
  function firstThreshold(d: DisciplineRules): number {
    return Math.min(
      ...d.ladders.flatMap((l) => [l.steps[0]?.fromDays ?? Infinity, l.consecutive?.days ?? Infinity]),
    );
  }

  /**
   * Each employee's discipline standing in the year of `month` (1 January to the end of the month) for the unit
   * subtree: those whose TK days plus minutes as days reach `floorDays` (at most MAX_WARNING_CANDIDATES), with
   * the accumulation and the indication of src/core/discipline (`imposed`: the attendance sanctions already
   * decided this year, per employee, for step-wise escalation). Read through `exec` (a closing's transaction).
   * "No data" days (before the go-live of the day's unit, outside the employee's service) never count; of the
   * others only those that can change an accumulation are read into objects (accumulationFilter). The one body
   * of the early-warning list and of `disciplineStanding`.
   */
  async function standingsOf(
    unit: { id: string; path: string },
    month: string,
    d: DisciplineRules,
    floorDays: number,
    exec: Exec,
    imposed?: ReadonlyMap<string, readonly ImposedSanction[]>,
  ) {
    const year = Number(month.slice(0, 4));
    const to = monthRange(month).to;
    const from = `${year}-01-01`;
    const tk = sql.join(d.absence.tkCodes.map((c) => sql.lit(c)));
    const mpd = d.minutesPerDay.minutes;
    const candidatesFromDays = () =>
      sql<{ employeeId: string }>`
      select ds.employee_id
      from day_statuses ds join units u on u.id = ds.unit_id
      where ds.month between ${from}::date and ${to}::date and ds.month_units && ${unitIdsUnder(unit.path)}
        and ds.local_date between ${from}::date and ${to}::date and u.path like ${`${unit.path}%`}
        and ds.local_date >= u.attendance_start
      group by ds.employee_id
      having (count(*) filter (where ds.code in (${tk}) and not ds.non_working_day))
        + (coalesce(sum(ds.late_minutes + ds.early_minutes) filter (where not (ds.code in (${tk}) and not ds.non_working_day)), 0) / ${mpd}::int)
        >= ${floorDays}::int
      limit ${MAX_WARNING_CANDIDATES}`.execute(exec);
    // Candidates from the stored monthly figures (one narrow row per employee-month, recap-reads.ts) when every
    // stored month has its row; else from the days themselves, as before.
    const ids = (await repo.recapsComplete(from.slice(0, 7), month, exec))
      ? await repo.warningCandidates(
          unit.path,
          from.slice(0, 7),
          month,
          mpd,
          floorDays,
          MAX_WARNING_CANDIDATES,
          exec,
        )
      : (await candidatesFromDays()).rows.map((r) => r.employeeId);
    if (ids.length === 0) return { candidates: 0, standings: [] };
    const emps = await exec
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select([
        'e.id',
        'e.nip',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.employeeType',
        'e.activeFrom',
        'e.activeTo',
        'e.unitId',
        'u.path as unitPath',
        'u.name as unitName',
      ])
      .where('e.id', 'in', ids)
      .execute();
    const goLive = new Map(
      (await exec.selectFrom('units').select(['id', 'attendanceStart']).execute()).map((u) => [
        u.id,
        u.attendanceStart,
      ]),
    );
    const service = new Map(emps.map((e) => [e.id, e]));
    const matters = accumulationFilter(d);
    const days = await repo.daysOf(
      ids,
      addDays(from, -31),
      to,
      (employeeId, date, unitId, day) => {
        const e = service.get(employeeId);
        const start = goLive.get(unitId);
        if (!e || start === undefined) return false;
        if (isNoDataDay(date, { activeFrom: e.activeFrom, activeTo: e.activeTo, attendanceStart: start }))
          return false;
        return matters(employeeId, day);
      },
      exec,
    );
    const byEmp = new Map<string, DayStatus[]>();
    for (const r of days) {
      const list = byEmp.get(r.employeeId) ?? [];
      list.push({
        date: r.localDate,
        code: r.code as DayCode,
        lateBand: null,
        earlyBand: null,
        lateMinutes: r.lateMinutes,
        earlyMinutes: r.earlyMinutes,
        missingCheckIn: false,
        missingCheckOut: false,
        workLocation: null,
        nonWorkingDay: r.nonWorkingDay,
        reasons: [],
      });
      byEmp.set(r.employeeId, list);
    }
    const standings = emps.map((e) => {
      const type = e.employeeType as DisciplineEmployeeType;
      const own = byEmp.get(e.id) ?? [];
      const accumulation = accumulateDiscipline(own, d, type, year);
      return {
        employeeId: e.id,
        nip: e.nip,
        name: fullName(e),
        unitId: e.unitId,
        unitPath: e.unitPath,
        unitName: e.unitName,
        employeeType: e.employeeType,
        accumulation,
        indication: indicateDiscipline(accumulation, d, type, imposed?.get(e.id) ?? []),
        days: own,
      };
    });
    return { candidates: ids.length, standings };
  }

  /**
   * The discipline standing of each employee of the unit subtree in the year of `month` (1 January to the end
   * of the month) who reached at least the first ladder step or a consecutive-TK run: the accumulation and the
   * indication of src/core/discipline (with `imposed`: the attendance sanctions already decided this year, for
   * step-wise escalation; PerBKN 6/2022 annex) and the days that count (TK days, days with minutes, and the
   * days that break a run). Usable inside the closing transaction (`exec`): the discipline module stores its
   * indications there. Source: PP 94/2021 Pasal 9–11, 15; regulations.md §1.3, §1.4, §1.8, §1.11.
   */
  async function disciplineStanding(
    unit: { id: string; path: string },
    month: string,
    exec: Exec = db,
    imposed?: ReadonlyMap<string, readonly ImposedSanction[]>,
  ) {
    requireMonth(month);
    const d = (await rulebooks.rulesOn(config.rulebookRegion, monthRange(month).to, exec)).discipline;
    const { standings } = await standingsOf(unit, month, d, Math.max(1, firstThreshold(d)), exec, imposed);
    return standings.filter(
      (s) => s.indication.cumulativeStep !== null || s.accumulation.consecutiveReachedOn !== null,
    );
  }

  // ---------------------------------------------------------------- charts

  /** Share of employees present on time per sub-unit and day (working days only). */
  async function heatmap(actor: Actor, q: { unitId?: string | undefined; month: string }) {
    requireMonth(q.month);
    const unit = await readableUnit(actor, q.unitId);
    if (!unit) throw forbidden('Anda tidak berwenang melihat rekap unit');
    // Counted from the month's packed day columns, not the whole day_statuses view (recap-reads.ts).
    const r = { rows: await repo.heatmapCells(unit, q.month) };
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
      completeness: await completenessOf(unit, month, closing),
      adjustments: adjustments.map(presentAdjustment),
      printedOn: todayIn(unit.timeZone),
    };
  }

  /**
   * Whether the data of a unit-month is complete enough to be signed (exports, issue 13 point 2): a closed month
   * is (a closing is refused while days are missing); an open one is not while employee-days with data are not
   * stored or wait in the queue — the document then says so and carries no signature block.
   */
  async function completenessOf(
    unit: { path: string; timeZone: string },
    month: string,
    closing: unknown,
  ): Promise<{ complete: boolean; missingDays: number; queuedDays: number; pending: number }> {
    if (closing) return { complete: true, missingDays: 0, queuedDays: 0, pending: 0 };
    const items = await closingItemsOf(db, unit, month);
    let missingDays = 0;
    let queuedDays = 0;
    let pending = 0;
    for (const i of items)
      if (i.kind === 'missingDays') missingDays += i.count;
      else if (i.kind === 'queuedDays') queuedDays += i.count;
      else pending += i.count;
    return { complete: missingDays + queuedDays === 0, missingDays, queuedDays, pending };
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
    const completeness = await completenessOf(unit, month, closing);
    const adjustments = await repo.adjustments('all', month, unit.path);
    const ids = order.map((r) => r.employeeId);
    return {
      header: {
        unit: { id: unit.id, name: unit.name, code: unit.code, timeZone: unit.timeZone },
        month,
        head: head ? { name: fullName(head), nip: head.nip, positionName: head.positionName } : null,
        closing,
        completeness,
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

  /**
   * Months (YYYY-MM) in `fromMonth`..`toMonth` closed for a unit (its own closing or an ancestor's), read through
   * `exec`: a go-live change may not alter their days (org service).
   */
  const closedMonthsOf = (unitPath: string, fromMonth: string, toMonth: string, exec: Exec = db) =>
    repo.closedMonthsOf(exec, unitPath, fromMonth, toMonth);
  /**
   * For TPP's missed apel (with `expectedApelSessions`, the recap's own definition of who is expected): the
   * sessions held in a month by a subtree's units and their ancestors, and the sessions employees attended.
   */
  const apelSessionsOfMonth = (month: string, unitPath: string, exec: Exec = db) =>
    repo.apelSessionsOfMonth(exec, month, unitPath);
  const apelAttendedOf = (employeeIds: readonly string[], month: string, exec: Exec = db) =>
    repo.apelAttendedOf(exec, employeeIds, month);

  /** Recap rows of closed months (`repo.closedRecapsOf`), for the ASN teladan ranking (issue 18 point 4). */
  const closedRecapsOf = (
    employeeIds: readonly string[],
    fromMonth: string,
    toMonth: string,
    exec: Exec = db,
  ) => repo.closedRecapsOf(exec, employeeIds, fromMonth, toMonth);

  return {
    onMonthClosed,
    closedMonthsOf,
    closedRecapsOf,
    apelSessionsOfMonth,
    apelAttendedOf,
    storeMonth: (month: string, unitPath?: string) => storeMonth(month, unitPath),
    employeeExportData,
    refreshEmployeeMonths,
    listUnit,
    employeeMonth,
    unitAdjustments,
    closingStatus,
    queueMissingDays,
    close,
    reopen,
    warnings,
    disciplineStanding,
    heatmap,
    trend,
    codes,
    unitExportData,
    unitExportSource,
  };
}

export type RecapService = ReturnType<typeof createRecapService>;
