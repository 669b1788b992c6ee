import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { ImportService } from '../imports/import-service.ts';
import type { OrgService } from '../org/org-service.ts';
import type { AttendanceService } from '../attendance/attendance-service.ts';
import type { LeaveService } from '../leave/leave-service.ts';
import type { PermitService } from '../permits/permit-service.ts';
import type { CorrectionService } from '../permits/correction-service.ts';
import type { RecapService } from '../recap/recap-service.ts';
import type { KinerjaService } from '../kinerja/kinerja-service.ts';
import type { CompetencyService } from '../competency/competency-service.ts';
import { requireAny, scopeOf, type Actor, type Grant } from '../../auth/authz.ts';
import { addDays } from '../../../core/common/local-date.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { previousMonth } from '../../../core/recap/recap-rules.ts';
import type {
  AnomalyDevice,
  AnomalyKind,
  AnomalyList,
  AnomalyPunch,
  Home,
  HomeAdmin,
  HomeAtasan,
  HomeLeaders,
  HomeMyDay,
  HomeMyRequest,
  HomeOversight,
  HomePegawai,
} from '../../../shared/api/dashboard.ts';
import { ANOMALY_KINDS } from '../../../shared/api/dashboard.ts';
import type { Punch } from '../../../shared/api/attendance.ts';
import type { UnitTreeNode } from '../../../shared/api/org.ts';
import type { DashboardRepo } from './dashboard-repo.ts';
import type { RelationsService } from '../../relations/relations-service.ts';
import {
  dailyCompliance,
  outliers,
  ratio,
  unitChanges,
  unitFigures,
  worstFirst,
  type HeatmapUnit,
} from './dashboard-figures.ts';
import { EARLY_BAND_FIGURES, LATE_BAND_FIGURES } from '../../../core/recap/recap-figures.ts';

/**
 * Display choices of the home page (not regulations, so not rulebook data): how many days of punches the
 * Inspektorat's anomalies look back, how far a unit's compliance must move since last month to be listed, how
 * far below the median of its siblings a unit is an outlier, and how many items a home card shows.
 */
export const ANOMALY_WINDOW_DAYS = 7;
export const UNIT_CHANGE_THRESHOLD = 0.1;
export const OUTLIER_GAP = 0.1;
const HOME_ITEMS = 3;
/** How many of one's latest requests of each kind the pegawai card looks at. */
const MY_REQUESTS_LOOKED_AT = 50;
const MY_REQUESTS_SHOWN = 5;
const WAITING_STATUSES = new Set(['DIAJUKAN', 'DISETUJUI_ATASAN']);

type Deps = {
  org: Pick<OrgService, 'dashboard' | 'unitTree'>;
  audit: Pick<AuditService, 'countOn'>;
  imports: Pick<ImportService, 'countMine'>;
  attendance: Pick<AttendanceService, 'today' | 'reviewCount' | 'listDevices' | 'listPunches'>;
  leave: Pick<LeaveService, 'balance' | 'mine' | 'inboxCount' | 'list'>;
  permits: Pick<PermitService, 'mine' | 'inboxCount' | 'list'>;
  corrections: Pick<CorrectionService, 'mine' | 'inboxCount' | 'list'>;
  recap: Pick<RecapService, 'employeeMonth' | 'closingStatus' | 'heatmap' | 'trend'>;
  repo: DashboardRepo;
  clock: Clock;
  /** The caller's own today (their unit's zone; src/server/relations). */
  relations: Pick<RelationsService, 'todayOf'>;
  /** e-Kinerja's home part (today's report, waiting verifications, progress in scope); absent in older wirings. */
  kinerja?: { figures: Pick<KinerjaService['figures'], 'home'> };
  /** Change projects the caller assesses (the assessor's inbox count); absent in older wirings. */
  changeProjects?: Pick<CompetencyService['changeProjects'], 'assigned'>;
};

/** A part of a section that its owner may refuse for a reason of its own (no rulebook for the year …): null. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

const nameOf = (r: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: r.frontTitle ?? undefined,
    name: r.name,
    backTitle: r.backTitle ?? undefined,
  });

/** `HH:mm` of an instant in a zone. */
function clockTime(iso: string, zone: string): string {
  const minute = toZoned(Date.parse(iso), zone as IndonesianTimeZone).minute;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Every number in a nested answer, added up (arrays count their length): "how many items wait". */
function totalOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object')
    return Object.values(value).reduce((a: number, v) => a + totalOf(v), 0);
  return 0;
}

/** A unit of the tree by id, depth first. */
function findUnit(nodes: UnitTreeNode[], id: string): UnitTreeNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const below = findUnit(n.children, id);
    if (below) return below;
  }
  return undefined;
}

/** The grant of one of `roles` nearest the top of the tree (the organisation-wide one first). */
function topGrant(actor: Actor, roles: Grant['role'][]): Grant | undefined {
  return actor.grants
    .filter((g) => roles.includes(g.role))
    .sort((a, b) => (a.unitPath?.length ?? 0) - (b.unitPath?.length ?? 0))[0];
}

/**
 * The home page: a section per role the caller holds (pegawai, atasan incl. Plt/Plh, admin OPD, BKD / pimpinan,
 * Inspektorat), each composed from the reads of the module that owns the figures, so each is limited by that
 * module's own authorisation to what the caller may see. Reads only.
 */
export function createDashboardService(deps: Deps) {
  const { org, audit, imports, attendance, leave, permits, corrections, recap, repo, clock } = deps;
  const todayWib = () => toZoned(clock.now().getTime(), 'Asia/Jakarta').date;

  /** The old summary (`GET /api/dashboard`): counts of units and people, each limited to what the actor may see. */
  async function summary(actor: Actor) {
    const today = todayWib();
    const auditScope = scopeOf(actor, 'audit.read');
    const canImport = scopeOf(actor, 'import.run');
    const [base, auditToday, importCount] = await Promise.all([
      org.dashboard(actor),
      auditScope === 'all' || auditScope.length > 0 ? audit.countOn(auditScope, today) : Promise.resolve(0),
      canImport === 'all' || canImport.length > 0 ? imports.countMine(actor) : Promise.resolve(0),
    ]);
    return { ...base, auditToday, imports: importCount };
  }

  /** The unit a grant is over; the root of the tree for an organisation-wide grant. */
  async function unitOfGrant(actor: Actor, grant: Grant): Promise<{ id: string; name: string } | null> {
    if (grant.unitId) return { id: grant.unitId, name: grant.unitName ?? '' };
    const root = (await org.unitTree(actor))[0];
    return root ? { id: root.id, name: root.name } : null;
  }

  // ---------------------------------------------------------------- pegawai

  function myDay(t: Awaited<ReturnType<AttendanceService['today']>>): HomeMyDay {
    const punches = [...t.punches].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const counted = punches.filter((p) => p.effectiveVerdict !== 'REJECTED');
    const first = counted[0];
    const last = counted.length > 1 ? counted[counted.length - 1] : undefined;
    return {
      localDate: t.localDate,
      timeZone: t.timeZone,
      schedule: t.schedule,
      status: t.status ? { code: t.status.code, label: t.status.label, reason: t.status.reason } : null,
      checkIn: first ? clockTime(first.occurredAt, t.timeZone) : null,
      checkOut: last ? clockTime(last.occurredAt, t.timeZone) : null,
      nextPunch: counted.length > 0 ? 'OUT' : 'IN',
      device: t.device?.status === 'ACTIVE' || t.device?.status === 'PENDING' ? t.device.status : 'NONE',
      rejected: punches.filter((p) => p.effectiveVerdict === 'REJECTED').length,
      flagged: punches.filter((p) => p.effectiveVerdict === 'FLAGGED').length,
    };
  }

  async function pegawaiSection(actor: Actor, employeeId: string, month: string): Promise<HomePegawai> {
    const page = { page: 1, pageSize: MY_REQUESTS_LOOKED_AT };
    const [today, balance, myLeave, myPermits, myCorrections, myMonth] = await Promise.all([
      orNull(attendance.today(actor)),
      orNull(leave.balance(actor, {})),
      leave.mine(actor),
      permits.mine(actor, page),
      corrections.mine(actor, page),
      orNull(recap.employeeMonth(actor, employeeId, month)),
    ]);
    const requests: HomeMyRequest[] = [
      ...myLeave.items.map((r) => ({
        kind: 'LEAVE' as const,
        id: r.id,
        type: r.type,
        typeName: r.typeName,
        from: r.from,
        to: r.to,
        status: r.status,
        createdAt: r.createdAt,
      })),
      ...myPermits.items.map((r) => ({
        kind: 'PERMIT' as const,
        id: r.id,
        type: r.kind,
        typeName: null,
        from: r.dateFrom,
        to: r.dateTo,
        status: r.status,
        createdAt: r.createdAt,
      })),
      ...myCorrections.items.map((r) => ({
        kind: 'CORRECTION' as const,
        id: r.id,
        type: r.category,
        typeName: null,
        from: r.date,
        to: r.date,
        status: r.status,
        createdAt: r.createdAt,
      })),
    ].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const r = myMonth?.recap;
    return {
      employeeId,
      today: today ? myDay(today) : null,
      leave: balance
        ? {
            year: balance.year,
            isEligible: balance.isEligible,
            available: balance.available,
            taken: balance.taken,
            pending: balance.pending,
            remaining: balance.remaining,
          }
        : null,
      requests: {
        waiting: requests.filter((x) => WAITING_STATUSES.has(x.status)).length,
        items: requests.slice(0, MY_REQUESTS_SHOWN),
      },
      month: myMonth
        ? {
            month,
            workingDays: r?.workingDays ?? 0,
            onTimeDays: r?.onTimeDays ?? 0,
            lateDays: r ? LATE_BAND_FIGURES.reduce((n, f) => n + r[f], 0) : 0,
            earlyDays: r ? EARLY_BAND_FIGURES.reduce((n, f) => n + r[f], 0) : 0,
            tkDays: r?.tkDays ?? 0,
            lateMinutes: r?.lateMinutes ?? 0,
            earlyMinutes: r?.earlyMinutes ?? 0,
            codeCounts: (r?.codeCounts ?? {}) as Record<string, number>,
            days: myMonth.days.map((d) => ({
              date: d.localDate,
              code: d.code,
              nonWorkingDay: d.nonWorkingDay,
              late: d.lateBand !== null,
              early: d.earlyBand !== null,
            })),
          }
        : null,
    };
  }

  // ---------------------------------------------------------------- atasan

  async function atasanSection(actor: Actor): Promise<HomeAtasan> {
    const [reviews, permitCount, correctionCount, leaveCount] = await Promise.all([
      attendance.reviewCount(actor),
      permits.inboxCount(actor),
      corrections.inboxCount(actor),
      leave.inboxCount(actor),
    ]);
    return {
      waiting: {
        reviews: reviews.count,
        permits: permitCount,
        corrections: correctionCount,
        leave: leaveCount.count,
      },
    };
  }

  // ---------------------------------------------------------------- admin OPD

  async function adminSection(actor: Actor, grant: Grant, month: string): Promise<HomeAdmin | null> {
    const unit = await unitOfGrant(actor, grant);
    if (!unit) return null;
    const waiting = { page: 1, pageSize: 1, unitId: unit.id };
    const lastMonth = previousMonth(month);
    const [base, reviews, devices, permitList, correctionList, leaveNew, leaveHalfway, closing] =
      await Promise.all([
        org.dashboard(actor),
        attendance.reviewCount(actor),
        attendance.listDevices(actor, { ...waiting, status: 'PENDING' }),
        permits.list(actor, { ...waiting, status: 'DIAJUKAN' }),
        corrections.list(actor, { ...waiting, status: 'DIAJUKAN' }),
        leave.list(actor, { ...waiting, status: 'DIAJUKAN' }),
        leave.list(actor, { ...waiting, status: 'DISETUJUI_ATASAN' }),
        recap.closingStatus(actor, unit.id, lastMonth),
      ]);
    return {
      unit,
      units: base.units,
      employees: base.employees,
      pending: {
        reviews: reviews.count,
        devices: devices.total,
        permits: permitList.total,
        corrections: correctionList.total,
        leave: leaveNew.total + leaveHalfway.total,
      },
      closing: {
        month: lastMonth,
        closed: closing.closing !== null,
        closedAt: closing.closing?.closedAt ?? null,
        closedByName: closing.closing?.closedByName ?? null,
        opensOn: closing.opensOn,
        canCloseNow: closing.canCloseNow,
        missingDays: closing.missingDays,
        pendingItems: totalOf(closing.pending),
      },
    };
  }

  // ---------------------------------------------------------------- BKD and pimpinan

  /** This month's compliance of the unit's sub-units (the recap heatmap), summed per unit. */
  async function unitsOfMonth(actor: Actor, unitId: string | undefined, month: string) {
    const heat = await recap.heatmap(actor, { unitId, month });
    const rows: HeatmapUnit[] = heat.rows;
    return { unitId: heat.unitId, rows, units: rows.map(unitFigures) };
  }

  async function leadersSection(actor: Actor, grant: Grant, month: string): Promise<HomeLeaders | null> {
    const unit = await unitOfGrant(actor, grant);
    if (!unit) return null;
    const [now, trend, tree] = await Promise.all([
      unitsOfMonth(actor, unit.id, month),
      recap.trend(actor, { unitId: unit.id, month, months: 6 }),
      org.unitTree(actor),
    ]);
    const working = now.units.reduce((a, u) => a + u.workingDays, 0);
    const onTime = now.units.reduce((a, u) => a + u.onTimeDays, 0);
    // Every sub-unit is ranked, also one without a stored day this month (no data: last).
    const seen = new Set(now.units.map((u) => u.unitId));
    const silent = (findUnit(tree, unit.id)?.children ?? [])
      .filter((u) => !seen.has(u.id))
      .map((u) => ({ unitId: u.id, unitName: u.name, workingDays: 0, onTimeDays: 0, compliance: null }));
    return {
      unit,
      month,
      compliance: ratio(onTime, working),
      units: worstFirst([...now.units, ...silent]),
      days: dailyCompliance(now.rows),
      trend: trend.points.map((p) => ({
        month: p.month,
        compliance: p.compliance,
        tkDays: p.tkDays,
        lateMinutes: p.lateMinutes,
        employees: p.employees,
      })),
      outliers: outliers(now.units, OUTLIER_GAP),
      outlierGap: OUTLIER_GAP,
    };
  }

  // ---------------------------------------------------------------- Inspektorat

  function anomalyPunch(p: Punch): AnomalyPunch {
    return {
      id: p.id,
      employeeId: p.employeeId,
      employeeName: p.employeeName,
      nip: p.nip,
      unitName: p.unitName,
      occurredAt: p.occurredAt,
      localDate: p.localDate,
      timeZone: p.timeZone,
      verdict: p.verdict,
      effectiveVerdict: p.effectiveVerdict,
      reviewed: p.review !== null,
      reasons: p.reasons,
      placeLabel: p.place?.label ?? null,
      distanceM: p.place?.distanceM ?? null,
    };
  }

  /**
   * GET /api/dashboard/anomalies/:kind: one kind of anomaly in the caller's attendance.read scope, a page at a
   * time. Punches look at the last ANOMALY_WINDOW_DAYS days (WIB); unit changes compare this month with the last.
   * @throws FORBIDDEN without attendance.read anywhere
   */
  async function anomalies(
    actor: Actor,
    kind: AnomalyKind,
    q: { page: number; pageSize: number },
  ): Promise<AnomalyList> {
    const scope = requireAny(actor, 'attendance.read');
    const to = todayWib();
    const from = addDays(to, -(ANOMALY_WINDOW_DAYS - 1));
    const paging = { page: q.page, pageSize: q.pageSize };
    const offset = (q.page - 1) * q.pageSize;
    switch (kind) {
      case 'flagged':
      case 'rejected': {
        const r = await attendance.listPunches(actor, {
          ...paging,
          from,
          to,
          verdict: kind === 'flagged' ? 'FLAGGED' : 'REJECTED',
        });
        return { kind, from, to, ...paging, total: r.total, items: r.items.map(anomalyPunch) };
      }
      case 'outsideFence': {
        const [total, rows] = await Promise.all([
          repo.countOutsideFence(scope, from, to),
          repo.outsideFence(scope, from, to, q.pageSize, offset),
        ]);
        const items = rows.map((r): AnomalyPunch => ({
          id: r.id,
          employeeId: r.employeeId,
          employeeName: nameOf(r),
          nip: r.nip,
          unitName: r.unitName,
          occurredAt: r.occurredAt.toISOString(),
          localDate: r.localDate,
          timeZone: r.timeZone,
          verdict: r.verdict,
          effectiveVerdict: r.reviewDecision ?? r.verdict,
          reviewed: r.reviewDecision !== null,
          reasons: r.reasons,
          placeLabel: r.placeLabel,
          distanceM: r.distanceM,
        }));
        return { kind, from, to, ...paging, total, items };
      }
      case 'sharedDevices': {
        const byKey = new Map<string, AnomalyDevice>();
        for (const r of await repo.sharedDevices(scope)) {
          const d = byKey.get(r.keyThumbprint) ?? {
            thumbprint: r.keyThumbprint,
            label: r.label,
            lastUsedAt: null,
            employees: [],
          };
          // Only the people inside the caller's scope are named; the phone is listed when one of them is.
          if (r.inScope)
            d.employees.push({
              id: r.employeeId,
              name: nameOf(r),
              nip: r.nip,
              unitName: r.unitName,
              status: r.status,
            });
          const used = r.lastUsedAt?.toISOString() ?? null;
          if (used && (!d.lastUsedAt || used > d.lastUsedAt)) d.lastUsedAt = used;
          byKey.set(r.keyThumbprint, d);
        }
        const all = [...byKey.values()]
          .filter((d) => d.employees.length > 0)
          .sort(
            (a, b) => b.employees.length - a.employees.length || a.thumbprint.localeCompare(b.thumbprint),
          );
        return {
          kind,
          from,
          to,
          ...paging,
          total: all.length,
          items: all.slice(offset, offset + q.pageSize),
        };
      }
      case 'unitChanges': {
        const month = to.slice(0, 7);
        const before = previousMonth(month);
        const now = await unitsOfMonth(actor, undefined, month);
        const then = await unitsOfMonth(actor, now.unitId, before);
        const all = unitChanges(then.units, now.units, UNIT_CHANGE_THRESHOLD).map((c) => ({
          ...c,
          previousMonth: before,
          month,
        }));
        return {
          kind,
          from: before,
          to: month,
          ...paging,
          total: all.length,
          items: all.slice(offset, offset + q.pageSize),
        };
      }
    }
  }

  async function oversightSection(actor: Actor): Promise<HomeOversight> {
    const to = todayWib();
    const lists: AnomalyList[] = [];
    // One after another: each is a small read, and a pool of one (PGlite) would queue them anyway.
    for (const kind of ANOMALY_KINDS)
      lists.push(await anomalies(actor, kind, { page: 1, pageSize: HOME_ITEMS }));
    return {
      from: addDays(to, -(ANOMALY_WINDOW_DAYS - 1)),
      to,
      windowDays: ANOMALY_WINDOW_DAYS,
      changeThreshold: UNIT_CHANGE_THRESHOLD,
      anomalies: lists,
    };
  }

  // ---------------------------------------------------------------- home

  /**
   * GET /api/dashboard/home: every section of the caller's roles in one answer. A person with several roles
   * gets several sections; a section the caller's roles do not give is null.
   */
  async function home(actor: Actor): Promise<Home> {
    // The caller's own day (a WITA/WIT employee's home turns over at their midnight); WIB without an employee.
    const date = actor.employeeId ? await deps.relations.todayOf(actor.employeeId) : todayWib();
    const month = date.slice(0, 7);
    const adminGrant = topGrant(actor, ['ADMIN_OPD', 'SUPER_ADMIN']);
    const leaderGrant = topGrant(actor, ['BKD', 'PIMPINAN']);
    const inspektorat = actor.grants.some((g) => g.role === 'INSPEKTORAT');
    const [pegawai, atasan, admin, leaders, oversight, kinerja] = await Promise.all([
      actor.employeeId ? pegawaiSection(actor, actor.employeeId, month) : null,
      actor.isAtasan ? atasanSection(actor) : null,
      adminGrant ? adminSection(actor, adminGrant, month) : null,
      leaderGrant ? leadersSection(actor, leaderGrant, month) : null,
      inspektorat ? oversightSection(actor) : null,
      deps.kinerja ? orNull(deps.kinerja.figures.home(actor)) : null,
    ]);
    const assigned = deps.changeProjects ? await orNull(deps.changeProjects.assigned(actor)) : null;
    return {
      date,
      month,
      generatedAt: clock.now().toISOString(),
      pegawai,
      atasan,
      admin,
      leaders,
      oversight,
      kinerja,
      ...(assigned && assigned.items.length > 0
        ? { changeProjects: { awaiting: assigned.awaiting, assigned: assigned.items.length } }
        : {}),
    };
  }

  return { summary, home, anomalies };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
