import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { forbidden, notFound } from '../../errors.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { AbsenceSource, CorrectionSource, ScheduleSource } from '../statuses/status-service.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import { createRuleViews } from '../../../core/attendance/rule-views.ts';
import { sharedSnapshots } from '../../lib/shared-snapshots.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { formatHhmm, fromZoned, toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { formatFullName } from '../../../core/people/names.ts';
import {
  resolveDaySchedule,
  type FlexibleDay,
  type RosterEntry,
} from '../../../core/schedule/resolve-schedule.ts';
import type { DaySchedule } from '../../../core/schedule/day-schedule.ts';
import {
  type ApprovedAbsence,
  type CalendarDayType,
  type Punch,
} from '../../../core/attendance/classify-day.ts';
import {
  addToTodaySummary,
  emptyTodaySummary,
  finishTodaySummary,
  todayStatusOf,
  type TodayStatus,
  type TodayStatusResult,
} from '../../../core/attendance/today-status.ts';
import type { TodayItem, TodayList, TodayUnits } from '../../../shared/api/today.ts';
import type { RelationsService } from '../../relations/relations-service.ts';
import type {
  TodayAudience,
  TodayEmployeeRow,
  TodayPunchRow,
  TodayRepo,
  TodayUnitRow,
} from './today-repo.ts';

type Deps = {
  repo: TodayRepo;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  /** Approved leave and permits (the same sources as the daily statuses, wired in app.ts). */
  absences: AbsenceSource;
  /** Approved correction punches. */
  corrections: CorrectionSource;
  /** Roster lines and approved WFH/WFA days. */
  schedules: ScheduleSource;
  /** Who acts (Plt/Plh) for whom on the actor's own day (src/server/relations). */
  relations: Pick<RelationsService, 'actingForToday'>;
};

/** Employees per call of a source (each passes its ids as query parameters; PostgreSQL takes at most 65,535). */
const SOURCE_CHUNK = 10_000;
/** Punches are read from this long before local midnight of the earliest today (windows opening before it). */
const WINDOW_BEFORE_MS = 6 * 3_600_000;
/** Rows of an export (the whole current list; a province has ~10,000). */
export const TODAY_EXPORT_CAP = 100_000;
/**
 * Audiences of at least this many employees share one snapshot for TODAY_FRESH_MS (computing 50,000 statuses
 * takes about a second: bench/reads); served while refreshed up to TODAY_STALE_MS; at most TODAY_SHARED_MAX kept.
 */
export const TODAY_SHARED_MIN = 5_000;
const TODAY_FRESH_MS = 15_000;
const TODAY_STALE_MS = 60_000;
const TODAY_SHARED_MAX = 32;
const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
/** The order of the list: what needs attention first. */
const STATUS_ORDER: Record<TodayStatus, number> = {
  ABSENT: 0,
  LATE: 1,
  NOT_YET_IN: 2,
  PRESENT: 3,
  WFH_WFA: 4,
  DINAS_LUAR: 5,
  PERMIT: 6,
  LEAVE: 7,
  OFF: 8,
  NO_DATA: 9,
};

/** Names in Indonesian order (one collator: `localeCompare` with a locale builds one per call). */
const byName = new Intl.Collator('id');

/** One employee of the day: who, where they stand, and the punches the status used. */
interface Entry {
  emp: TodayEmployeeRow;
  unit: TodayUnitRow;
  date: string;
  r: TodayStatusResult;
  punches: TodayPunchRow[];
  schedule: DaySchedule | null;
}

/** What a unit's employees without an own schedule share on a date. */
interface UnitDay {
  schedule: DaySchedule | null;
  dayType: CalendarDayType;
  holidayName: string | undefined;
}

/**
 * *Kehadiran hari ini*: who of the caller's people is in, late, away or absent today, computed on each request
 * from stored data only — punches with their verdicts (after review), approved leave, permits and corrections,
 * roster lines and WFH/WFA days (the daily statuses' own sources), the unit calendar and schedule of the
 * rulebook in force, the unit's go-live — by the pure `todayStatusOf`. Reading never writes.
 * Scope: `attendance.read` over unit subtrees (admin OPD, pimpinan, BKD, Inspektorat, super admin) and the
 * caller's direct staff, including those of a position held as Plt/Plh today.
 * Source: issue 13 point 3; regulations.md §3.2–§3.4, §4.3, §5.3.
 */
export function createTodayService(deps: Deps) {
  const { repo, clock, config, rulebooks } = deps;
  const { attendanceRulesOf, calendarOf, nipsWithOverride } = createRuleViews();

  /**
   * The caller's staff (direct, and of the positions they hold as Plt/Plh on their own today) with their unit
   * paths.
   */
  async function staffOf(actor: Actor) {
    if (!actor.employeeId) return [];
    const holders = await deps.relations.actingForToday(actor.employeeId);
    return repo.staffOf([actor.employeeId, ...holders]);
  }

  /**
   * Who a request covers. With `unitId`: the unit (and sub-units unless `includeSubunits` is false) when it is
   * inside the caller's `attendance.read` scope, else the caller's staff placed in it; 403 when neither.
   * Without: the caller's scope and staff together; 403 when the caller has neither. With `staff` (and no
   * `unitId`): the caller's staff only; 403 without staff.
   * @throws NOT_FOUND for an unknown unit, FORBIDDEN outside the caller's scope
   */
  async function audienceOf(
    actor: Actor,
    q: { unitId?: string | undefined; includeSubunits: boolean; staff?: boolean },
  ) {
    const scope = scopeOf(actor, 'attendance.read');
    if (q.staff && q.unitId === undefined) {
      const staff = await staffOf(actor);
      if (staff.length === 0) throw forbidden('Anda tidak memiliki bawahan langsung');
      return {
        mode: 'staff' as const,
        unit: null,
        audience: { paths: [], employeeIds: staff.map((s) => s.id) } satisfies TodayAudience,
      };
    }
    if (q.unitId !== undefined) {
      const unit = await repo.unit(q.unitId);
      if (!unit) throw notFound('Unit');
      const narrow = q.includeSubunits ? {} : { unitId: unit.id };
      if (inScope(scope, unit.path))
        return {
          mode: 'unit' as const,
          unit,
          audience: { paths: [unit.path], employeeIds: [], ...narrow } satisfies TodayAudience,
        };
      const staff = (await staffOf(actor)).filter((s) => s.path.startsWith(unit.path));
      if (staff.length === 0) throw forbidden('Unit ini berada di luar kewenangan Anda');
      return {
        mode: 'staff' as const,
        unit,
        audience: { paths: [], employeeIds: staff.map((s) => s.id), ...narrow } satisfies TodayAudience,
      };
    }
    const staff = await staffOf(actor);
    if (scope !== 'all' && scope.length === 0 && staff.length === 0)
      throw forbidden('Anda tidak berwenang melihat kehadiran hari ini');
    return {
      mode: scope !== 'all' && scope.length === 0 ? ('staff' as const) : ('scope' as const),
      unit: null,
      audience: { paths: scope, employeeIds: staff.map((s) => s.id) } satisfies TodayAudience,
    };
  }

  type Snapshot = { entries: Entry[]; now: Date };
  /** Snapshots of large audiences (province, big OPDs), shared by whoever asks for the same people. */
  const shared = sharedSnapshots<Snapshot>({
    compute: (key) => compute(JSON.parse(key) as TodayAudience),
    size: (v) => v.entries.length,
    at: (v) => v.now.getTime(),
    now: () => clock.now().getTime(),
    minSize: TODAY_SHARED_MIN,
    freshMs: TODAY_FRESH_MS,
    staleMs: TODAY_STALE_MS,
    max: TODAY_SHARED_MAX,
  });

  /**
   * Every employee of the audience with their status now. An audience of TODAY_SHARED_MIN people or more (a
   * province, a large OPD) is computed at most once per TODAY_FRESH_MS and shared by every request for the same
   * people (the answer's `generatedAt` says when it was computed); up to TODAY_STALE_MS old it is served while a
   * fresh one is computed beside the requests. Smaller audiences are computed per request. Set-based: one query for the people, one for the
   * day's punches, the absence / correction / schedule sources per 10,000 employees; each unit's calendar and
   * schedule resolved once per date and rulebook, shared by its employees without their own schedule.
   */
  async function snapshot(audience: TodayAudience): Promise<Snapshot> {
    return shared.get(JSON.stringify(audience));
  }

  async function compute(audience: TodayAudience): Promise<Snapshot> {
    const now = clock.now();
    const nowMs = now.getTime();
    const todayOf = new Map(ZONES.map((z) => [z as string, toZoned(nowMs, z)]));
    const earliest = todayOf.get('Asia/Jakarta')!.date;
    const latest = todayOf.get('Asia/Jayapura')!.date;
    const emps = await repo.employees(audience, earliest);
    if (emps.length === 0) return { entries: [], now };
    const fromMs = Math.min(...ZONES.map((z) => fromZoned(todayOf.get(z)!.date, 0, z))) - WINDOW_BEFORE_MS;
    const toMs = Math.max(...ZONES.map((z) => fromZoned(todayOf.get(z)!.date, 1440, z)));
    const ids = emps.map((e) => e.id);
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += SOURCE_CHUNK) chunks.push(ids.slice(i, i + SOURCE_CHUNK));
    // Every read at once (outside a unit of work a GET has the pool; on PGlite they simply queue).
    const [units, punchRows, sources] = await Promise.all([
      repo.unitsOf([...new Set(emps.map((e) => e.unitId))]),
      repo.punches(audience, fromMs, toMs),
      Promise.all(
        chunks.map((chunk) =>
          Promise.all([
            deps.absences(chunk, earliest, latest),
            deps.corrections(chunk, fromMs, toMs),
            deps.schedules(chunk, earliest, latest),
          ]),
        ),
      ),
    ]);
    const unitOf = new Map(units.map((u) => [u.id, u]));
    const punchesOf = new Map<string, TodayPunchRow[]>();
    for (const p of punchRows) push(punchesOf, p.employeeId, p);
    const absencesOf = new Map<string, ApprovedAbsence[]>();
    const rosterOf = new Map<string, RosterEntry[]>();
    const flexibleOf = new Map<string, FlexibleDay[]>();
    for (const [absences, corrections, schedules] of sources) {
      for (const { employeeId, ...a } of absences) push(absencesOf, employeeId, a);
      for (const c of corrections)
        push(punchesOf, c.employeeId, {
          employeeId: c.employeeId,
          at: c.at.getTime(),
          verdict: 'ACCEPTED',
          placeKind: 'KOREKSI',
          placeLabel: 'Koreksi presensi disetujui',
        });
      for (const r of schedules.roster) push(rosterOf, r.employeeId, r);
      for (const f of schedules.flexibleDays)
        push(flexibleOf, f.employeeId, { date: f.date, location: f.location });
    }
    const rulesByDate = new Map<string, Rulebook>();
    for (const d of new Set([earliest, latest]))
      rulesByDate.set(d, await rulebooks.rulesOn(config.rulebookRegion, d));
    const unitDays = new Map<string, UnitDay>();
    const NONE: readonly ApprovedAbsence[] = [];

    const entries: Entry[] = [];
    for (const emp of emps) {
      const unit = unitOf.get(emp.unitId);
      if (!unit) continue;
      const zone = (todayOf.has(unit.timeZone) ? unit.timeZone : 'Asia/Jakarta') as IndonesianTimeZone;
      const { date, minute } = todayOf.get(zone)!;
      const rules = rulesByDate.get(date)!;
      const punches = punchesOf.get(emp.id) ?? [];
      if (punches.length > 1 && corrected(punches)) punches.sort((a, b) => a.at - b.at);
      const nip = emp.nip ?? '';
      const roster = rosterOf.get(emp.id)?.map((r) => ({ ...r, nip }));
      const flexibleDays = flexibleOf.get(emp.id);
      const own = roster !== undefined || flexibleDays !== undefined || nipsWithOverride(rules).has(nip);
      const key = `${rules.meta.id}|${unit.code}|${zone}|${date}`;
      let day = own ? undefined : unitDays.get(key);
      if (!day) {
        const calendar = calendarOf(rules, unit.code, zone);
        day = {
          schedule: resolveDaySchedule({
            rules: rules.schedule,
            calendar,
            date,
            zone,
            unitCode: unit.code,
            employeeNip: nip,
            ...(roster ? { roster } : {}),
            ...(flexibleDays ? { flexibleDays } : {}),
          }),
          dayType: calendar.dayType(date),
          holidayName: calendar.holidayName(date) ?? undefined,
        };
        if (!own) unitDays.set(key, day);
      }
      const r = todayStatusOf({
        date,
        zone,
        nowMinute: minute,
        goLive: unit.goLive,
        activeFrom: emp.activeFrom,
        activeTo: emp.activeTo,
        schedule: day.schedule,
        dayType: day.dayType,
        holidayName: day.holidayName,
        punches: punches as readonly Punch[],
        absences: absencesOf.get(emp.id) ?? NONE,
        rules: attendanceRulesOf(rules),
      });
      entries.push({ emp, unit, date, r, punches, schedule: day.schedule });
    }
    return { entries, now };
  }

  function present(e: Entry): TodayItem {
    const punch = (i: number | null) => {
      if (i === null) return null;
      const p = e.punches[i]!;
      return {
        at: new Date(p.at).toISOString(),
        place: p.placeLabel ? { kind: p.placeKind ?? 'OFFICE', label: p.placeLabel } : null,
        verdict: p.verdict,
      };
    };
    return {
      employeeId: e.emp.id,
      nip: e.emp.nip,
      name: formatFullName(nameOf(e.emp)),
      unitId: e.emp.unitId,
      unitName: e.unit.name,
      date: e.date,
      status: e.r.status,
      code: e.r.code,
      checkIn: punch(e.r.checkIn),
      checkOut: punch(e.r.checkOut),
      lastPunch: punch(e.r.lastPunch),
      lateMinutes: e.r.lateMinutes,
      lateBand: e.r.lateBand,
      earlyMinutes: e.r.earlyMinutes,
      earlyBand: e.r.earlyBand,
      reason: e.r.reason,
      schedule:
        e.schedule && e.r.status !== 'NO_DATA' && e.r.status !== 'OFF'
          ? { start: formatHhmm(e.schedule.start), end: formatHhmm(e.schedule.end) }
          : null,
      compliant: e.r.compliant,
      timeZone: e.unit.timeZone,
    };
  }

  function summarise(entries: readonly Entry[]) {
    const s = emptyTodaySummary();
    for (const e of entries) addToTodaySummary(s, e.r);
    return finishTodaySummary(s);
  }

  /** The entries matching the filters, in list order: status (what needs attention first), name (letters, case
   * aside), id. */
  function filteredSorted(entries: Entry[], q: { status?: TodayStatus | undefined; q?: string | undefined }) {
    let xs = entries;
    if (q.status !== undefined) xs = xs.filter((e) => e.r.status === q.status);
    const term = q.q?.trim().toLowerCase();
    if (term) {
      const digits = term.replace(/\s+/g, '');
      const byNip = /^\d+$/.test(digits);
      xs = xs.filter(
        (e) => e.emp.name.toLowerCase().includes(term) || (byNip && (e.emp.nip ?? '').includes(digits)),
      );
    }
    // Sort keys built once (a collator compare per comparison was a third of a province list's time).
    const keyed = xs.map((e) => ({ e, s: STATUS_ORDER[e.r.status], n: e.emp.name.toLowerCase() }));
    keyed.sort((a, b) => a.s - b.s || (a.n < b.n ? -1 : a.n > b.n ? 1 : a.e.emp.id < b.e.emp.id ? -1 : 1));
    return keyed.map((k) => k.e);
  }

  /**
   * GET /api/today: the people of the caller's scope or of a unit with their status now, a page of them (after
   * the status and name/NIP filters) and the count per status of all of them.
   * @throws NOT_FOUND for an unknown unit, FORBIDDEN outside the caller's scope (nothing is stored either way)
   */
  async function list(
    actor: Actor,
    q: {
      unitId?: string | undefined;
      includeSubunits: boolean;
      staff?: boolean;
      status?: TodayStatus | undefined;
      q?: string | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<TodayList> {
    const who = await audienceOf(actor, q);
    const { entries, now } = await snapshot(who.audience);
    const rows = filteredSorted(entries, q);
    const from = (q.page - 1) * q.pageSize;
    const zone = (who.unit?.timeZone ?? 'Asia/Jakarta') as IndonesianTimeZone;
    return {
      date: toZoned(now.getTime(), zone).date,
      generatedAt: now.toISOString(),
      unit: who.unit ? { id: who.unit.id, name: who.unit.name, timeZone: who.unit.timeZone } : null,
      mode: who.mode,
      summary: summarise(entries),
      items: rows.slice(from, from + q.pageSize).map(present),
      total: rows.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Every row of the current list (same filters, all pages, at most TODAY_EXPORT_CAP), for an export. */
  async function exportRows(
    actor: Actor,
    q: {
      unitId?: string | undefined;
      includeSubunits: boolean;
      staff?: boolean;
      status?: TodayStatus | undefined;
      q?: string | undefined;
    },
  ) {
    const who = await audienceOf(actor, q);
    const { entries } = await snapshot(who.audience);
    const hhmm = (iso: string | undefined, zone: string) =>
      iso ? formatHhmm(toZoned(Date.parse(iso), zone as IndonesianTimeZone).minute) : '';
    return filteredSorted(entries, q)
      .slice(0, TODAY_EXPORT_CAP)
      .map(present)
      .map((i) => ({
        date: formatDdMmYyyy(i.date),
        nip: i.nip ?? '',
        name: i.name,
        unit: i.unitName,
        status: STATUS_LABEL[i.status],
        code: i.code ?? '',
        checkIn: hhmm(i.checkIn?.at, i.timeZone),
        place: i.checkIn?.place?.label ?? '',
        checkOut: hhmm(i.checkOut?.at, i.timeZone),
        late: i.lateMinutes || '',
        lateBand: i.lateBand ?? '',
        early: i.earlyMinutes || '',
        zone: ZONE_SHORT[i.timeZone] ?? i.timeZone,
        reason: i.reason ?? '',
      }));
  }

  /**
   * GET /api/today/units: one row per sub-unit of `parentId` (each with its whole subtree) plus, when the parent
   * has employees of its own, a row for them; without `parentId` the sub-units of the top of the caller's
   * scope (the OPDs for the whole organisation), or the roots of the scope when it has several. Rows are sorted
   * worst compliance first. `attendance.read` only: a staff-only caller gets 403 (a unit's counts would show
   * people who are not their staff).
   * @throws NOT_FOUND for an unknown unit, FORBIDDEN outside the caller's scope
   */
  async function units(actor: Actor, q: { parentId?: string | undefined }): Promise<TodayUnits> {
    const scope = scopeOf(actor, 'attendance.read');
    if (scope !== 'all' && scope.length === 0)
      throw forbidden('Ringkasan per unit hanya untuk pemegang kewenangan baca presensi unit');
    let parent: Awaited<ReturnType<TodayRepo['unit']>> | null = null;
    let groups: {
      id: string;
      name: string;
      code: string;
      path: string;
      hasChildren: boolean;
      direct: boolean;
    }[];
    if (q.parentId !== undefined) {
      parent = (await repo.unit(q.parentId)) ?? null;
      if (!parent) throw notFound('Unit');
      if (!inScope(scope, parent.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
    } else {
      const tops = scope === 'all' ? await repo.roots() : await topsOf(scope);
      if (tops.length === 1) parent = tops[0]!;
      else {
        const withKids = await repo.withChildren(tops.map((t) => t.id));
        groups = tops.map((t) => ({ ...t, hasChildren: withKids.has(t.id), direct: false }));
      }
    }
    if (parent)
      groups = [
        ...(await repo.children(parent.id)).map((c) => ({ ...c, direct: false })),
        {
          id: parent.id,
          name: parent.name,
          code: parent.code,
          path: parent.path,
          hasChildren: false,
          direct: true,
        },
      ];
    const { entries, now } = await snapshot({
      paths: parent ? [parent.path] : groups!.map((g) => g.path),
      employeeIds: [],
    });
    const byGroup = new Map<string, Entry[]>();
    const sub = groups!.filter((g) => !g.direct);
    const subById = new Map(sub.map((g) => [g.id, g]));
    for (const e of entries) {
      // Under a parent: the sub-unit is the path segment after the parent's; its own people get the `:own` row.
      const g = parent
        ? (subById.get(e.unit.path.slice(parent.path.length).split('/')[0] ?? '') ?? null)
        : (sub.find((x) => e.unit.path.startsWith(x.path)) ?? null);
      push(byGroup, g ? g.id : `${parent?.id}:own`, e);
    }
    const rows = groups!
      .map((g) => ({
        unitId: g.id,
        unitName: g.name,
        unitCode: g.code,
        direct: g.direct,
        hasChildren: g.hasChildren,
        summary: summarise(byGroup.get(g.id + (g.direct ? ':own' : '')) ?? []),
      }))
      .filter((r) => !r.direct || r.summary.total > 0)
      .sort(
        (a, b) =>
          (a.summary.compliance ?? 2) - (b.summary.compliance ?? 2) || byName.compare(a.unitName, b.unitName),
      );
    const zone = (parent?.timeZone ?? 'Asia/Jakarta') as IndonesianTimeZone;
    return {
      date: toZoned(now.getTime(), zone).date,
      generatedAt: now.toISOString(),
      parent: parent
        ? { id: parent.id, name: parent.name, parentId: parent.parentId, upId: await upOf(scope, parent) }
        : null,
      summary: summarise(entries),
      rows,
    };
  }

  /** The parent's parent when it lies inside the scope (the caller may open it), else null. */
  async function upOf(scope: 'all' | string[], unit: { parentId: string | null }) {
    if (unit.parentId === null) return null;
    const up = await repo.unit(unit.parentId);
    return up && inScope(scope, up.path) ? up.id : null;
  }

  /** The top units of a scope: the units of its paths that lie under no other path of it. */
  async function topsOf(scope: string[]) {
    const tops = scope.filter((p) => !scope.some((o) => o !== p && p.startsWith(o)));
    const ids = [...new Set(tops.map((p) => p.split('/').filter(Boolean).pop()!))];
    return (await repo.units(ids)).sort((a, b) => byName.compare(a.name, b.name));
  }

  /**
   * Today's summary per unit (the unit each employee is placed in today) of everyone under `paths`, for a caller
   * that has itself decided who may see them (the command centre: its readers in scope and the head of an OPD).
   * No actor: no access check of its own. Reads only. Source: issue 18 point 5.
   */
  async function summariesOf(paths: 'all' | string[]) {
    const { entries, now } = await snapshot({ paths, employeeIds: [] });
    const byUnit = new Map<string, Entry[]>();
    for (const e of entries) push(byUnit, e.unit.id, e);
    return {
      generatedAt: now.toISOString(),
      units: [...byUnit.values()].map((xs) => ({
        unitId: xs[0]!.unit.id,
        unitPath: xs[0]!.unit.path,
        date: xs[0]!.date,
        summary: summarise(xs),
      })),
    };
  }

  return { list, units, exportRows, summariesOf };
}

export type TodayService = ReturnType<typeof createTodayService>;

/** Labels of the statuses in exports (Bahasa Indonesia). */
export const STATUS_LABEL: Record<TodayStatus, string> = {
  PRESENT: 'Hadir',
  LATE: 'Terlambat',
  LEAVE: 'Cuti',
  PERMIT: 'Izin/Sakit',
  DINAS_LUAR: 'Dinas luar',
  WFH_WFA: 'WFH/WFA',
  NOT_YET_IN: 'Belum presensi',
  ABSENT: 'Tidak hadir (tanpa keterangan)',
  NO_DATA: 'Tidak ada data',
  OFF: 'Libur',
};
const ZONE_SHORT: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** A strong validator of a today answer: SHA-256 of the answer without its `generatedAt`. */
export function todayEtag(body: { generatedAt: string }): string {
  const { generatedAt: _, ...rest } = body;
  return `"${createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 27)}"`;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  let xs = m.get(k);
  if (!xs) m.set(k, (xs = []));
  xs.push(v);
}

/** Whether a correction punch was appended after the day's punches (they then need sorting again). */
function corrected(punches: readonly TodayPunchRow[]) {
  for (let i = 1; i < punches.length; i++) if (punches[i]!.at < punches[i - 1]!.at) return true;
  return false;
}

const nameOf = (e: TodayEmployeeRow) => ({
  name: e.name,
  ...(e.frontTitle ? { frontTitle: e.frontTitle } : {}),
  ...(e.backTitle ? { backTitle: e.backTitle } : {}),
});
