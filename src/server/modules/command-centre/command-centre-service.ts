import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { inScope, scopeOf, type Actor, type UnitScope } from '../../auth/authz.ts';
import type { RelationsService } from '../../relations/relations-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { TodayService } from '../today/today-service.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { previousMonth } from '../../../core/recap/recap-rules.ts';
import { formatFullName } from '../../../core/people/names.ts';
import {
  addTodayCounts,
  ageBuckets,
  attendanceRate,
  complianceOf,
  lowestCompliance,
  monthsEnding,
  todayCountsOf,
  type TodayCounts,
} from '../../../core/oversight/command-centre.ts';
import { COMPLAINT_STATUSES, isOverdue } from '../../../core/oversight/complaints.ts';
import { CASE_STATES } from '../../../core/discipline/case-machine.ts';
import { PUBLISHED_STATUSES } from '../../../core/tpp/run-machine.ts';
import { TPP_DEDUCTION_CAUSES } from '../../../core/tpp/tpp-month.ts';
import type { CommandCentre, CommandCentreQuery } from '../../../shared/api/command-centre.ts';
import type { CcUnit, CommandCentreRepo } from './command-centre-repo.ts';
import { renderBriefing, TPP_CAUSE_LABELS, type BriefingSigner } from './command-centre-briefing.ts';

/** The permission of the regional view (BKD, Inspektorat, pimpinan, super admin), in their scope. */
export const READ = 'commandCentre.read' as const;
/** Months of the trend (display choice: a year). */
export const TREND_MONTHS = 12;
/** OPDs listed in the lowest-compliance tile (display choice). */
export const LOWEST_SHOWN = 10;
/** Cases in these states are over (the rest are open). */
const ENDED_STATES = new Set(['SELESAI', 'DIHENTIKAN']);

type Deps = {
  repo: CommandCentreRepo;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  relations: Pick<RelationsService, 'postsToday' | 'postDecidersOn'>;
  documents: Pick<DocumentService, 'letterheadFor'>;
  /** Kehadiran hari ini's per-unit summaries (the service decides who may see them). */
  today: () => Pick<TodayService, 'summariesOf'>;
};

/** Who the caller sees: the scope of paths, the rows of the tables, and whether they are the inspected side. */
interface View {
  kind: 'region' | 'opd';
  paths: UnitScope;
  top: { id: string | null; name: string };
  rows: CcUnit[];
  allowed: CcUnit[];
  narrowedTo: CcUnit | null;
}

const withQuery = (path: string, q: Record<string, string | undefined>) => {
  const p = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
};

/**
 * Ruang Kendali (issue 18 point 5; docs/command-centre.md): one read of every tile for the Sekda, BKD and the
 * Inspektorat in their `commandCentre.read` scope, and for the head of an OPD (holder or Plt/Plh today, by
 * relation, without a grant) limited to their OPD; anyone else 403. Today's attendance comes from Kehadiran hari
 * ini (its service), the rest from the stored records of the oversight modules through this module's repo, the
 * rules from src/core. Reading stores nothing: the page, the exports and the briefing only read.
 */
export function createCommandCentreService(deps: Deps) {
  const { repo, clock, config, rulebooks, relations } = deps;
  const todayIn = (zone: string) =>
    toZoned(clock.now().getTime(), (zone || 'Asia/Jakarta') as IndonesianTimeZone).date;

  /** The OPDs the caller heads today (holder or Plt/Plh of the head post). */
  async function headedOpds(actor: Actor): Promise<CcUnit[]> {
    if (!actor.employeeId) return [];
    try {
      return await repo.headedUnits(await relations.postsToday(actor.employeeId));
    } catch (err) {
      if (err instanceof AppError) return [];
      throw err;
    }
  }

  /** The caller's view. @throws FORBIDDEN for anyone but readers in scope and heads of OPD; NOT_FOUND unit */
  async function viewOf(actor: Actor, unitId: string | undefined): Promise<View> {
    const scope = scopeOf(actor, READ);
    let kind: View['kind'] = 'region';
    let paths: UnitScope = scope;
    let top: View['top'] = { id: null, name: 'Seluruh daerah' };
    if (scope !== 'all' && scope.length === 0) {
      const headed = await headedOpds(actor);
      if (headed.length === 0)
        throw forbidden('Ruang Kendali hanya untuk pimpinan, BKD, Inspektorat dan kepala OPD');
      kind = 'opd';
      paths = headed.map((u) => u.path);
      top = { id: headed[0]!.id, name: headed.map((u) => u.name).join(', ') };
    } else if (scope !== 'all') {
      const tops = await repo.unitsByPaths(
        scope.filter((p) => !scope.some((o) => o !== p && p.startsWith(o))),
      );
      top = { id: tops.length === 1 ? tops[0]!.id : null, name: tops.map((u) => u.name).join(', ') };
    }
    const allowed = await rowsOf(paths);
    let narrowedTo: CcUnit | null = null;
    let rows = allowed;
    if (unitId !== undefined) {
      const unit = await repo.unit(unitId);
      if (!unit) throw notFound('Unit');
      if (!inScope(paths, unit.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
      narrowedTo = unit;
      paths = [unit.path];
      rows = await rowsOf(paths);
      top = { id: unit.id, name: unit.name };
    }
    return { kind, paths, top, rows, allowed, narrowedTo };
  }

  /** The rows of the tables: the OPDs in the paths, or the units of the paths themselves when none is an OPD. */
  async function rowsOf(paths: UnitScope): Promise<CcUnit[]> {
    const opds = await repo.opds(paths);
    if (opds.length > 0 || paths === 'all') return opds;
    return repo.unitsByPaths(paths);
  }

  /** The row (OPD) a unit path belongs to. */
  const rowOf = (rows: CcUnit[], path: string) => rows.find((r) => path.startsWith(r.path));

  async function read(actor: Actor, q: CommandCentreQuery): Promise<CommandCentre> {
    const view = await viewOf(actor, q.unitId);
    const date = todayIn('Asia/Jakarta');
    if (q.date !== undefined && q.date !== date)
      throw fieldError(
        'date',
        'Ruang Kendali menampilkan kehadiran hari ini saja; kehadiran tanggal lain ada di Rekap unit',
      );
    const month = q.month ?? previousMonth(date.slice(0, 7));
    const unitQ = view.narrowedTo ? view.narrowedTo.id : undefined;

    // Today's attendance per unit (Kehadiran hari ini), grouped per row.
    const sums = await deps.today().summariesOf(view.paths);
    const zero = todayCountsOf({});
    const byRow = new Map<string, TodayCounts>();
    const byUnit = new Map<string, TodayCounts>();
    let all = zero;
    for (const u of sums.units) {
      const c = todayCountsOf(u.summary.counts);
      byUnit.set(u.unitId, c);
      all = addTodayCounts(all, c);
      const row = rowOf(view.rows, u.unitPath);
      if (row) byRow.set(row.id, addTodayCounts(byRow.get(row.id) ?? zero, c));
    }
    const total = (c: TodayCounts) => Object.values(c).reduce((a, b) => a + b, 0);
    const todayRows = view.rows.map((r) => {
      const c = byRow.get(r.id) ?? zero;
      return {
        unitId: r.id,
        unitName: r.name,
        usingAbdi: r.goLive <= todayIn(r.timeZone),
        total: total(c),
        counts: c,
        rate: attendanceRate(c),
        link: withQuery('/kehadiran', { unit: r.id }),
      };
    });
    const places = await repo.places(view.paths);
    const units = new Map(view.rows.map((r) => [r.id, r]));
    const map = places.map((p) => {
      const c = byUnit.get(p.unitId) ?? zero;
      const unit = units.get(p.unitId) ?? rowOf(view.rows, p.unitPath);
      return {
        unitId: p.unitId,
        unitName: p.unitName,
        placeName: p.placeName,
        lat: p.lat,
        lon: p.lon,
        usingAbdi: unit ? unit.goLive <= todayIn(unit.timeZone) : true,
        total: total(c),
        counts: c,
        rate: attendanceRate(c),
        link: withQuery('/kehadiran', { unit: p.unitId }),
      };
    });

    // Months: the trend and the ranking, from the stored recaps (closed months marked).
    const months = monthsEnding(month, TREND_MONTHS);
    const recaps = await repo.recapsByUnit(view.paths, months);
    const points = months.map((m) => {
      const xs = recaps.filter((r) => r.month === m);
      const sum = (k: 'employees' | 'workingDays' | 'onTimeDays' | 'tkDays' | 'openRows') =>
        xs.reduce((a, r) => a + r[k], 0);
      return {
        month: m,
        closed: xs.length > 0 && sum('openRows') === 0,
        employees: sum('employees'),
        workingDays: sum('workingDays'),
        onTimeDays: sum('onTimeDays'),
        tkDays: sum('tkDays'),
        compliance: complianceOf({ onTimeDays: sum('onTimeDays'), workingDays: sum('workingDays') }),
      };
    });
    const perRow = view.rows.map((r) => {
      const xs = recaps.filter((x) => x.month === month && x.unitPath.startsWith(r.path));
      return {
        unitId: r.id,
        unitName: r.name,
        workingDays: xs.reduce((a, x) => a + x.workingDays, 0),
        onTimeDays: xs.reduce((a, x) => a + x.onTimeDays, 0),
      };
    });
    const lowest = lowestCompliance(perRow, LOWEST_SHOWN).map((r) => ({
      ...r,
      link: withQuery('/rekap/unit', { bulan: month, unit: r.unitId }),
    }));

    // The oversight modules' records.
    const insp = await repo.inspections(view.paths, date, view.kind === 'opd');
    const complaints = await repo.complaints(view.paths);
    const open = complaints.open;
    const states = await repo.disciplineStates(view.paths);
    let verifyWithinDays: number | null = null;
    try {
      verifyWithinDays = (await rulebooks.rulesOn(config.rulebookRegion, date)).performance.dailyReports
        .verifyWithinDays;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    const backlog = await repo.kinerjaBacklog(view.paths, verifyWithinDays, clock.now());
    const runs = await repo.tppLastMonth(view.paths, PUBLISHED_STATUSES);
    const byCause = TPP_DEDUCTION_CAUSES.map((cause) => ({
      cause,
      label: TPP_CAUSE_LABELS[cause],
      amount: runs.totals.reduce((a, t) => {
        const c = (t['byCause'] ?? {}) as Record<string, unknown>;
        return a + Math.round(Number(c[cause] ?? 0));
      }, 0),
    }));
    const stateCount = new Map(states.map((s) => [s.state, s.n]));

    return {
      date,
      month,
      generatedAt: clock.now().toISOString(),
      scope: {
        kind: view.kind,
        unitId: view.top.id,
        unitName: view.top.name,
        units: view.allowed.map((u) => ({ id: u.id, name: u.name })),
      },
      today: {
        rows: todayRows,
        total: { total: total(all), counts: all, rate: attendanceRate(all), link: '/kehadiran' },
        link: withQuery('/kehadiran', { unit: unitQ }),
      },
      map,
      trend: { points, link: withQuery('/rekap/unit', { bulan: month, unit: unitQ }) },
      lowest: {
        month,
        closed: points[points.length - 1]!.closed,
        rows: lowest,
        link: withQuery('/rekap/unit', { bulan: month, unit: unitQ }),
      },
      inspections: {
        planned: insp.byStatus['PLANNED'] ?? 0,
        inProgress: insp.byStatus['IN_PROGRESS'] ?? 0,
        followUpsOpen: insp.followUpsOpen,
        followUpsOverdue: insp.followUpsOverdue,
        empty: Object.keys(insp.byStatus).length === 0 && insp.followUpsOpen === 0,
        link: withQuery('/sidak', { unitId: unitQ }),
        overdueLink: '/sidak/tindak-lanjut',
      },
      complaints: {
        byStatus: Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, complaints.byStatus.get(s) ?? 0])),
        open: open.length,
        ages: ageBuckets(
          open.map((c) => c.receivedOn),
          date,
        ),
        slaBreaches: open.filter((c) =>
          isOverdue(c.status as (typeof COMPLAINT_STATUSES)[number], c.dueOn, date),
        ).length,
        empty: complaints.byStatus.size === 0,
        link: '/pengaduan',
      },
      discipline: {
        byStage: CASE_STATES.filter((s) => stateCount.has(s)).map((s) => ({
          stage: s,
          count: stateCount.get(s)!,
        })),
        open: states.filter((s) => !ENDED_STATES.has(s.state)).reduce((a, s) => a + s.n, 0),
        empty: states.length === 0,
        link: '/disiplin/kasus',
      },
      kinerja: {
        ...backlog,
        verifyWithinDays,
        empty: backlog.waiting === 0,
        link: '/kinerja/progres',
      },
      tpp: {
        month: runs.month,
        byCause,
        total: byCause.reduce((a, c) => a + c.amount, 0),
        empty: runs.month === null,
        link: '/tpp/dasbor',
      },
    };
  }

  /** The per-OPD table of the exports (XLSX/CSV): today's counts and the month's compliance. */
  async function exportRows(actor: Actor, q: CommandCentreQuery) {
    const cc = await read(actor, q);
    const monthOf = new Map(cc.lowest.rows.map((r) => [r.unitId, r] as const));
    return {
      cc,
      rows: cc.today.rows.map((r) => {
        const m = monthOf.get(r.unitId);
        return {
          unit: r.unitName,
          usingAbdi: r.usingAbdi ? 'Ya' : 'Belum memakai Abdi',
          total: r.total,
          ...r.counts,
          rate: r.rate === null ? '' : Math.round(r.rate * 1000) / 10,
          month: cc.month,
          compliance: m ? Math.round(m.compliance * 1000) / 10 : '',
          rank: m?.rank ?? '',
        };
      }),
    };
  }

  /** The signer of the briefing: the holder (or Plt/Plh) of the head post of the unit it covers. */
  async function signerOf(unitId: string | null, date: string): Promise<BriefingSigner | null> {
    if (!unitId) return null;
    const post = await repo.headPost(unitId);
    if (!post) return null;
    const ids = await relations.postDecidersOn(post.id, date);
    const who = ids.length > 0 ? await repo.employee(ids[0]!) : null;
    return {
      position: post.name,
      name: who
        ? formatFullName({
            name: who.name,
            ...(who.frontTitle ? { frontTitle: who.frontTitle } : {}),
            ...(who.backTitle ? { backTitle: who.backTitle } : {}),
          })
        : '',
      nip: who?.nip ?? null,
    };
  }

  /** GET /api/command-centre/briefing.pdf: the monthly briefing for the leader (reads only; no letter number). */
  async function briefing(actor: Actor, q: CommandCentreQuery) {
    const cc = await read(actor, q);
    const unitId = cc.scope.unitId ?? (await repo.rootId());
    const letterhead = await deps.documents.letterheadFor(unitId ?? '');
    const signer = await signerOf(unitId, cc.date);
    const bytes = await renderBriefing(cc, letterhead, signer, clock.now());
    return { bytes, fileName: `laporan-ringkas-pimpinan-${cc.month}.pdf` };
  }

  return { read, exportRows, briefing };
}

export type CommandCentreService = ReturnType<typeof createCommandCentreService>;
