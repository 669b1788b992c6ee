import { inScope, requireAny, type Actor } from '../../auth/authz.ts';
import { forbidden, notFound } from '../../errors.ts';
import {
  competencyAnalytics,
  jpCoveragePercent,
  type AnalyticsPerson,
} from '../../../core/performance/competency-analytics.ts';
import type { CompetencyGroup } from '../../../core/performance/competency-rules.ts';
import { assessmentJpm, competencyGaps, positionStandard } from '../../../core/performance/competency.ts';
import type {
  CompetencyAnalyticsReport,
  CompetencyAnalyticsSummary,
} from '../../../shared/api/competency.ts';
import type { CompetencyContext } from './competency-context.ts';

/**
 * Analytics across OPDs (issue 19 point 7), for BKD (competency.read): per OPD of the scope (or under a chosen unit)
 * the mapping JPM bands of everyone's latest result against their current post, the gaps per competency, and the
 * share that reached the year's development hours; a JPM histogram over all. Counts only: no person's result is
 * shown, so nothing is logged as viewed, and reading writes nothing.
 */
export function createCompetencyAnalytics(ctx: CompetencyContext) {
  const { repo } = ctx;

  async function report(
    actor: Actor,
    q: { unitId?: string | undefined; year: number },
  ): Promise<CompetencyAnalyticsReport> {
    const scope = requireAny(actor, 'competency.read');
    let unit: { id: string; name: string; path: string } | null = null;
    if (q.unitId) {
      unit = await repo.unit(q.unitId);
      if (!unit) throw notFound('Unit');
      if (!inScope(scope, unit.path)) throw forbidden();
    }
    const { performance, competency } = await ctx.rules();
    const names = await ctx.catalogue(competency);
    const people = await repo.analyticsPeople(scope, unit?.path ?? null, ctx.today(), q.year);
    const latest = new Map((await repo.latestOf(people.map((p) => p.id))).map((r) => [r.employeeId, r]));
    // Every post's own levels in one read (not one per person: a province has tens of thousands).
    const overrides = new Map<string, { code: string; group: CompetencyGroup; level: number }[]>();
    for (const o of await repo.positionLevels(people.flatMap((p) => (p.positionId ? [p.positionId] : []))))
      overrides.set(o.positionId, [
        ...(overrides.get(o.positionId) ?? []),
        { code: o.code, group: names.get(o.code)?.group ?? 'TEKNIS', level: o.level },
      ]);
    const figures: AnalyticsPerson[] = people.map((p) => {
      const r = latest.get(p.id);
      const base = { groupId: p.groupId, groupName: p.groupName, jp: p.jp };
      if (!r) return { ...base, band: null, percent: null, noStandard: false, gaps: [], assessed: false };
      const standard = p.positionId
        ? positionStandard(p.positionKind, overrides.get(p.positionId) ?? [], competency)
        : [];
      const levels = new Map(r.levels.map((l) => [l.code, l.level]));
      const jpm = assessmentJpm(standard, levels, performance, 'mapping');
      return {
        ...base,
        band: jpm?.code ?? null,
        percent: jpm?.percent ?? null,
        noStandard: jpm === null,
        gaps: competencyGaps(standard, levels),
        assessed: true,
      };
    });
    const bands = performance.jpm.mapping.bands;
    const result = competencyAnalytics(
      figures,
      bands.map((b) => b.code),
      competency.development.minJpPerYear,
    );
    const codes = [...new Set(result.groups.flatMap((g) => Object.keys(g.gaps)))].sort();
    return {
      year: q.year,
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? null,
      jpTarget: competency.development.minJpPerYear,
      bands: bands.map((b) => ({ code: b.code, label: b.label, minPercent: b.minPercent })),
      competencies: codes.map((code) => ({ code, name: names.get(code)?.name ?? code })),
      groups: result.groups.map((g) => ({ unitId: g.groupId, unitName: g.groupName, ...strip(g) })),
      total: result.total,
      histogram: result.histogram,
    };
  }

  /**
   * GET /analytics/summary: the totals of `report` over the whole scope, read in one aggregate (the home page asks
   * for it on every visit, so its cost must not grow with the people loaded into the server).
   */
  async function summary(actor: Actor, q: { year: number }): Promise<CompetencyAnalyticsSummary> {
    const scope = requireAny(actor, 'competency.read');
    const { competency } = await ctx.rules();
    const jpTarget = competency.development.minJpPerYear;
    const t = await repo.analyticsTotals(scope, ctx.today(), q.year, jpTarget);
    return { year: q.year, jpTarget, ...t, coveragePercent: jpCoveragePercent(t.jpMet, t.employees) };
  }

  /** GET /analytics/export.:format: one line per OPD (bands, gaps per competency, coverage), then the total. */
  async function table(actor: Actor, q: { unitId?: string | undefined; year: number }) {
    const r = await report(actor, q);
    const columns = [
      { header: 'OPD', key: 'unit', width: 36 },
      { header: 'Pegawai', key: 'employees', width: 10 },
      { header: 'Sudah diasesmen', key: 'assessed', width: 12 },
      ...r.bands.map((b) => ({ header: `${b.code} (${b.label})`, key: `band:${b.code}`, width: 14 })),
      { header: 'Jabatan tanpa standar', key: 'noStandard', width: 12 },
      ...r.competencies.map((c) => ({ header: `Kesenjangan ${c.code}`, key: `gap:${c.code}`, width: 14 })),
      { header: `Mencapai ${r.jpTarget} JP`, key: 'jpMet', width: 12 },
      { header: 'Cakupan (%)', key: 'coverage', width: 12 },
      { header: 'Rata-rata JP', key: 'jpMean', width: 12 },
    ];
    const line = (name: string, g: CompetencyAnalyticsReport['total']) => ({
      unit: name,
      employees: g.employees,
      assessed: g.assessed,
      noStandard: g.noStandard,
      ...Object.fromEntries(r.bands.map((b) => [`band:${b.code}`, g.bands[b.code] ?? 0])),
      ...Object.fromEntries(r.competencies.map((c) => [`gap:${c.code}`, g.gaps[c.code]?.people ?? 0])),
      jpMet: g.jpMet,
      coverage: g.coveragePercent,
      jpMean: g.jpMean,
    });
    return {
      fileBase: `analitik-kompetensi-${q.year}`,
      title: `Analitik kompetensi ${r.unitName ?? 'semua OPD'} ${q.year}`,
      columns,
      rows: [...r.groups.map((g) => line(g.unitName, g)), line('Jumlah', r.total)],
    };
  }

  return { report, summary, table };
}

const strip = <T extends { groupId: string; groupName: string }>(g: T): Omit<T, 'groupId' | 'groupName'> => {
  const { groupId: _id, groupName: _name, ...rest } = g;
  return rest;
};
