import { describe, expect, it } from 'vitest';
import performanceJson from '../../../rulebooks/national/performance.json' with { type: 'json' };
import type { PerformanceRules } from './performance-rules.ts';
import { performanceRulesSchema, validatePerformanceRules } from './performance-rules.ts';

/** The rulebook checks of the kinerja figure, the daily reports and the distribution curves (issue 15 point 6). */
const fresh = (): PerformanceRules => performanceRulesSchema.parse(structuredClone(performanceJson));

describe('validatePerformanceRules: kinerja checks', () => {
  it('the national section passes', () => expect(validatePerformanceRules(fresh())).toEqual([]));

  it.each<[string, (r: PerformanceRules) => void, string, string]>([
    [
      'a curve summing to 95',
      (r) => (r.distributionCurves.byOrgPerformance.BAIK!.BAIK = 65),
      'performance.distributionCurves.byOrgPerformance.BAIK',
      'Kurva BAIK berjumlah 95%, harus 100%',
    ],
    [
      'a curve without a predikat',
      (r) => {
        const c = r.distributionCurves.byOrgPerformance.ISTIMEWA!;
        delete (c as Record<string, number>).SANGAT_KURANG;
        c.BAIK = 67;
      },
      'performance.distributionCurves.byOrgPerformance.ISTIMEWA.SANGAT_KURANG',
      'Kurva ISTIMEWA belum memuat predikat Sangat Kurang',
    ],
    [
      'no curve for an organisational rating',
      (r) => delete (r.distributionCurves.byOrgPerformance as Record<string, unknown>).KURANG,
      'performance.distributionCurves.byOrgPerformance',
      'Kurva untuk kinerja organisasi Kurang belum diisi',
    ],
    [
      'GABUNGAN without a weight',
      (r) => (r.kinerjaFigure = { ...r.kinerjaFigure, method: 'GABUNGAN', reportsMethod: 'LAPORAN_HARIAN' }),
      'performance.kinerjaFigure.evaluationWeightPercent',
      'Metode gabungan memerlukan bobot penilaian (%)',
    ],
    [
      'GABUNGAN without a reports method',
      (r) => (r.kinerjaFigure = { ...r.kinerjaFigure, method: 'GABUNGAN', evaluationWeightPercent: 60 }),
      'performance.kinerjaFigure.reportsMethod',
      'Metode gabungan memerlukan metode laporan (LAPORAN_HARIAN atau MENIT_EFEKTIF)',
    ],
    [
      'MENIT_EFEKTIF without effective minutes',
      (r) => (r.kinerjaFigure = { ...r.kinerjaFigure, method: 'MENIT_EFEKTIF' }),
      'performance.kinerjaFigure.effectiveMinutesPerDay',
      'Metode menit efektif memerlukan menit efektif per hari',
    ],
    [
      'GABUNGAN over effective minutes without them',
      (r) =>
        (r.kinerjaFigure = {
          ...r.kinerjaFigure,
          method: 'GABUNGAN',
          evaluationWeightPercent: 50,
          reportsMethod: 'MENIT_EFEKTIF',
        }),
      'performance.kinerjaFigure.effectiveMinutesPerDay',
      'Metode menit efektif memerlukan menit efektif per hari',
    ],
    [
      'minimum above maximum minutes',
      (r) => (r.dailyReports.minMinutesPerDay = 800),
      'performance.dailyReports.minMinutesPerDay',
      'Menit minimum per hari (800) melebihi menit maksimum (720)',
    ],
  ])('%s', (_name, mutate, path, message) => {
    const r = fresh();
    mutate(r);
    expect(validatePerformanceRules(r)).toContainEqual({ path, message });
  });

  it('a complete GABUNGAN and MENIT_EFEKTIF pass', () => {
    const r = fresh();
    r.kinerjaFigure = {
      ...r.kinerjaFigure,
      method: 'GABUNGAN',
      evaluationWeightPercent: 40,
      reportsMethod: 'MENIT_EFEKTIF',
      effectiveMinutesPerDay: 300,
    };
    expect(validatePerformanceRules(r)).toEqual([]);
  });
});
