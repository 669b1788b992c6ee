import { PREDIKATS } from '../../../core/performance/performance-rules.ts';
import type { FigureValues, TeladanFigure } from '../../../core/oversight/teladan-criteria.ts';
import type { DisciplineService } from '../discipline/discipline-service.ts';
import type { KinerjaService } from '../kinerja/kinerja-service.ts';
import type { RecapService } from '../recap/recap-service.ts';
import type { Exec, TeladanRepo } from './teladan-repo.ts';

/** Where the figures come from: the other modules' services (passed in by app.ts), never their repositories. */
export interface FigureSources {
  recap: () => Pick<RecapService, 'closedRecapsOf'>;
  kinerja: () => Pick<KinerjaService, 'figures'>;
  discipline: () => Pick<DisciplineService, 'sanctions'>;
}

/** Predikat as a number, 5 = Sangat Baik … 1 = Sangat Kurang (PREDIKATS is ordered best first). */
const predikatOrdinal = (p: string | null) => {
  const i = PREDIKATS.indexOf(p as (typeof PREDIKATS)[number]);
  return i < 0 ? null : PREDIKATS.length - i;
};

/** The months `from`..`to` (YYYY-MM), both included. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 240; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** The period's figures per candidate are read in batches of this many employees. */
const BATCH = 500;

/**
 * The figures of the candidates over a period's months, as `TELADAN_FIGURES` defines them (docs/teladan.md):
 * attendance from the closed recaps (a candidate without any closed month has no attendance figure), the monthly
 * kinerja figure and missing daily reports (e-Kinerja), the sanctions in force (discipline), the nominations.
 * `competency.score` is never available (no competency module yet). Reading never writes.
 */
export async function gatherFigures(
  src: FigureSources,
  repo: TeladanRepo,
  exec: Exec,
  period: { id: string; fromMonth: string; toMonth: string },
  employeeIds: readonly string[],
): Promise<Map<string, FigureValues>> {
  const out = new Map<string, FigureValues>();
  const months = monthsOf(period.fromMonth, period.toMonth);
  const nominations = await repo.nominationCounts(period.id, exec);
  for (let i = 0; i < employeeIds.length; i += BATCH) {
    const ids = employeeIds.slice(i, i + BATCH);
    const recap = new Map<
      string,
      { months: number; tl: number; psw: number; tk: number; wd: number; ot: number }
    >();
    for (const r of await src.recap().closedRecapsOf(ids, period.fromMonth, period.toMonth, exec)) {
      const a = recap.get(r.employeeId) ?? { months: 0, tl: 0, psw: 0, tk: 0, wd: 0, ot: 0 };
      a.months += 1;
      a.tl += Number(r.tl);
      a.psw += Number(r.psw);
      a.tk += Number(r.tkDays);
      a.wd += Number(r.workingDays);
      a.ot += Number(r.onTimeDays);
      recap.set(r.employeeId, a);
    }
    const kinerja = new Map<
      string,
      { scores: number[]; predikat: number | null; missing: number; any: boolean }
    >();
    const sanctions = new Map<string, Set<string>>();
    const figures = src.kinerja().figures;
    for (const month of months) {
      const stored = await figures.forTpp(exec, ids, month);
      const missing = await figures.missingReportDates(exec, ids, month);
      for (const [id, f] of stored) {
        const k = kinerja.get(id) ?? { scores: [], predikat: null, missing: 0, any: false };
        k.any = true;
        if (f.score !== null) k.scores.push(f.score);
        k.predikat = predikatOrdinal(f.predikat) ?? k.predikat;
        kinerja.set(id, k);
      }
      for (const [id, dates] of missing) {
        const k = kinerja.get(id) ?? { scores: [], predikat: null, missing: 0, any: false };
        k.missing += dates.length;
        kinerja.set(id, k);
      }
      for (const [id, list] of await src.discipline().sanctions.activeInMonth([...ids], month, exec)) {
        const set = sanctions.get(id) ?? new Set<string>();
        for (const s of list) set.add(`${s.type}|${s.from}`);
        sanctions.set(id, set);
      }
    }
    for (const id of ids) {
      const a = recap.get(id);
      const k = kinerja.get(id);
      const n = nominations.get(id);
      const v: Record<TeladanFigure, number | null> = {
        'attendance.late': a ? a.tl : null,
        'attendance.earlyLeave': a ? a.psw : null,
        'attendance.absentWithoutLeave': a ? a.tk : null,
        'attendance.violations': a ? a.tl + a.psw + a.tk : null,
        'attendance.onTimePercent': a && a.wd > 0 ? Math.round((a.ot / a.wd) * 10000) / 100 : null,
        'attendance.closedMonths': a?.months ?? 0,
        'kinerja.score':
          k && k.scores.length > 0
            ? Math.round((k.scores.reduce((s, x) => s + x, 0) / k.scores.length) * 10000) / 100
            : null,
        'kinerja.missingReports': k?.any ? k.missing : null,
        'kinerja.predikat': k?.predikat ?? null,
        'discipline.sanctions': sanctions.get(id)?.size ?? 0,
        'competency.score': null,
        'nominations.superior': n?.superior ?? 0,
        'nominations.public': n?.public ?? 0,
        'nominations.total': (n?.superior ?? 0) + (n?.public ?? 0),
      };
      out.set(id, v);
    }
  }
  return out;
}
