import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nationalJson from '../../../rulebooks/national/performance.json' with { type: 'json' };
import { addDays, diffDays } from '../common/local-date.ts';
import {
  ORG_PERFORMANCE,
  PREDIKATS,
  performanceRulesSchema,
  type OrgPerformance,
  type Predikat,
  type Rating,
} from './performance-rules.ts';
import { determinePredikat } from './predikat.ts';
import {
  capaianOf,
  checkCurve,
  curveKindFor,
  objectionDecideBy,
  objectionWindow,
  periodsOfSkp,
  periodsOfYear,
  type CapaianStatus,
  type IndicatorAspect,
} from './evaluation.ts';

const RULES = performanceRulesSchema.parse(nationalJson);
const CURVES = RULES.distributionCurves;

describe('§6.1 periods', () => {
  it('quarters of a year with their labels', () => {
    expect(periodsOfYear(2027, 'QUARTERLY')).toEqual([
      { kind: 'PERIODIK', label: 'Triwulan I 2027', start: '2027-01-01', end: '2027-03-31' },
      { kind: 'PERIODIK', label: 'Triwulan II 2027', start: '2027-04-01', end: '2027-06-30' },
      { kind: 'PERIODIK', label: 'Triwulan III 2027', start: '2027-07-01', end: '2027-09-30' },
      { kind: 'PERIODIK', label: 'Triwulan IV 2027', start: '2027-10-01', end: '2027-12-31' },
    ]);
  });

  it.each<[number, number, string, string, string]>([
    [2027, 0, 'Januari 2027', '2027-01-01', '2027-01-31'],
    [2027, 1, 'Februari 2027', '2027-02-01', '2027-02-28'],
    [2028, 1, 'Februari 2028', '2028-02-01', '2028-02-29'],
    [2027, 11, 'Desember 2027', '2027-12-01', '2027-12-31'],
  ])('months of %i: #%i is %s', (year, i, label, start, end) => {
    const months = periodsOfYear(year, 'MONTHLY');
    expect(months).toHaveLength(12);
    expect(months[i]).toEqual({ kind: 'PERIODIK', label, start, end });
  });

  it('an SKP from mid-May: clipped quarters and the annual period', () => {
    expect(periodsOfSkp('2027-05-15', '2027-12-31', 'QUARTERLY')).toEqual([
      { kind: 'PERIODIK', label: 'Triwulan II 2027', start: '2027-05-15', end: '2027-06-30' },
      { kind: 'PERIODIK', label: 'Triwulan III 2027', start: '2027-07-01', end: '2027-09-30' },
      { kind: 'PERIODIK', label: 'Triwulan IV 2027', start: '2027-10-01', end: '2027-12-31' },
      { kind: 'TAHUNAN', label: 'Tahunan 2027', start: '2027-05-15', end: '2027-12-31' },
    ]);
    expect(periodsOfSkp('2027-01-01', '2027-02-10', 'MONTHLY').map((p) => [p.label, p.end])).toEqual([
      ['Januari 2027', '2027-01-31'],
      ['Februari 2027', '2027-02-10'],
      ['Tahunan 2027', '2027-02-10'],
    ]);
  });

  it('property: the periodic periods of any SKP span tile it exactly, without gaps or overlaps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 364 }),
        fc.constantFrom('MONTHLY' as const, 'QUARTERLY' as const),
        (a, b, freq) => {
          const start = addDays('2027-01-01', Math.min(a, b));
          const end = addDays('2027-01-01', Math.max(a, b));
          const ps = periodsOfSkp(start, end, freq);
          const periodic = ps.filter((p) => p.kind === 'PERIODIK');
          expect(periodic[0]!.start).toBe(start);
          expect(periodic.at(-1)!.end).toBe(end);
          for (let i = 1; i < periodic.length; i++)
            expect(diffDays(periodic[i - 1]!.end, periodic[i]!.start)).toBe(1);
          expect(ps.at(-1)).toMatchObject({ kind: 'TAHUNAN', start, end });
        },
      ),
    );
  });
});

describe('§6.2 capaian per indicator', () => {
  it.each<[IndicatorAspect, number, number | null, number, CapaianStatus, number | null]>([
    // higher is better: single target
    ['KUANTITAS', 10, null, 8, 'DI_BAWAH_TARGET', 80],
    ['KUANTITAS', 10, null, 10, 'SESUAI_TARGET', 100],
    ['KUANTITAS', 10, null, 12, 'DI_ATAS_TARGET', 120],
    ['KUALITAS', 90, null, 85.5, 'DI_BAWAH_TARGET', 95],
    ['KUANTITAS', 0, null, 3, 'SESUAI_TARGET', 100],
    // higher is better: range 10–12
    ['KUANTITAS', 10, 12, 9, 'DI_BAWAH_TARGET', 90],
    ['KUANTITAS', 10, 12, 10, 'SESUAI_TARGET', 100],
    ['KUANTITAS', 10, 12, 12, 'SESUAI_TARGET', 100],
    ['KUANTITAS', 10, 12, 15, 'DI_ATAS_TARGET', 125],
    // lower is better: WAKTU 5 days, BIAYA range
    ['WAKTU', 5, null, 4, 'DI_ATAS_TARGET', 125],
    ['WAKTU', 5, null, 5, 'SESUAI_TARGET', 100],
    ['WAKTU', 5, null, 10, 'DI_BAWAH_TARGET', 50],
    ['WAKTU', 5, null, 0, 'DI_ATAS_TARGET', null],
    ['BIAYA', 80, 100, 90, 'SESUAI_TARGET', 100],
    ['BIAYA', 80, 100, 125, 'DI_BAWAH_TARGET', 80],
    ['BIAYA', 80, 100, 64, 'DI_ATAS_TARGET', 125],
    ['BIAYA', 0, null, 0, 'SESUAI_TARGET', 100],
    ['BIAYA', 0, null, 1, 'DI_BAWAH_TARGET', 0],
  ])('%s target %d–%s, realisation %d → %s %s%', (aspect, min, max, r, status, percent) => {
    const c = capaianOf({ aspect, targetMin: min, targetMax: max }, r);
    expect(c.status).toBe(status);
    expect(c.percent).toBe(percent);
  });

  it('property: more realisation is never worse for KUANTITAS, never better for WAKTU', () => {
    const rank: Record<CapaianStatus, number> = { DI_BAWAH_TARGET: 0, SESUAI_TARGET: 1, DI_ATAS_TARGET: 2 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        (min, span, r1, r2) => {
          const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
          const t = { targetMin: min, targetMax: span ? min + span : null };
          const up = (a: IndicatorAspect, r: number) => rank[capaianOf({ aspect: a, ...t }, r).status];
          expect(up('KUANTITAS', hi)).toBeGreaterThanOrEqual(up('KUANTITAS', lo));
          expect(up('WAKTU', hi)).toBeLessThanOrEqual(up('WAKTU', lo));
        },
      ),
    );
  });
});

describe('§6.3 predikat matrix through determinePredikat (national rulebook): all nine cells', () => {
  it.each<[Rating, Rating, Predikat]>([
    ['DI_ATAS_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'SANGAT_BAIK'],
    ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BAIK'],
    ['DI_ATAS_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI', 'KURANG_MISCONDUCT'],
    ['SESUAI_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'BAIK'],
    ['SESUAI_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BAIK'],
    ['SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI', 'KURANG_MISCONDUCT'],
    ['DI_BAWAH_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'BUTUH_PERBAIKAN'],
    ['DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BUTUH_PERBAIKAN'],
    ['DI_BAWAH_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI', 'SANGAT_KURANG'],
  ])('hasil kerja %s × perilaku %s → %s', (h, p, predikat) => {
    expect(determinePredikat(h, p, RULES).predikat).toBe(predikat);
  });
});

describe('§6.3 distribution curve (soft check)', () => {
  it.each<[OrgPerformance, Record<Predikat, number>]>([
    ['ISTIMEWA', { SANGAT_BAIK: 20, BAIK: 65, BUTUH_PERBAIKAN: 10, KURANG_MISCONDUCT: 3, SANGAT_KURANG: 2 }],
    ['BAIK', { SANGAT_BAIK: 10, BAIK: 70, BUTUH_PERBAIKAN: 15, KURANG_MISCONDUCT: 3, SANGAT_KURANG: 2 }],
    [
      'BUTUH_PERBAIKAN',
      { SANGAT_BAIK: 5, BAIK: 60, BUTUH_PERBAIKAN: 25, KURANG_MISCONDUCT: 5, SANGAT_KURANG: 5 },
    ],
    ['KURANG', { SANGAT_BAIK: 2, BAIK: 48, BUTUH_PERBAIKAN: 35, KURANG_MISCONDUCT: 10, SANGAT_KURANG: 5 }],
    [
      'SANGAT_KURANG',
      { SANGAT_BAIK: 0, BAIK: 40, BUTUH_PERBAIKAN: 35, KURANG_MISCONDUCT: 15, SANGAT_KURANG: 10 },
    ],
  ])('expected shares for org performance %s', (org, expected) => {
    const r = checkCurve({}, org, CURVES);
    expect(Object.fromEntries(r.rows.map((x) => [x.predikat, x.expectedPercent]))).toEqual(expected);
    expect(r.total).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it('4 people of a BAIK unit: 2 Sangat Baik (50% > 10 + 5) warns, Baik 50% does not; example data noted', () => {
    const r = checkCurve({ SANGAT_BAIK: 2, BAIK: 2 }, 'BAIK', CURVES);
    expect(r.total).toBe(4);
    expect(r.rows.map((x) => [x.predikat, x.count, x.actualPercent, x.warning])).toEqual([
      ['SANGAT_BAIK', 2, 50, true],
      ['BAIK', 2, 50, false],
      ['BUTUH_PERBAIKAN', 0, 0, false],
      ['KURANG_MISCONDUCT', 0, 0, false],
      ['SANGAT_KURANG', 0, 0, false],
    ]);
    expect(r.warnings).toEqual([
      'Predikat Sangat Baik 50% (2 dari 4 pegawai) melebihi pola distribusi 10% + toleransi 5%',
    ]);
    expect(r.notes.join(' ')).toContain('contoh');
  });

  it('exactly expected + tolerance is not a warning; one tenth above is', () => {
    const c = { ...CURVES, isExample: false, tolerancePercent: 5 };
    // 3 of 20 = 15% = 10 + 5
    expect(checkCurve({ SANGAT_BAIK: 3, BAIK: 17 }, 'BAIK', c).rows[0]!.warning).toBe(false);
    // 31 of 200 = 15.5%
    expect(checkCurve({ SANGAT_BAIK: 31, BAIK: 169 }, 'BAIK', c).rows[0]!.warning).toBe(true);
  });

  it('without an organisational performance: no expected shares, a note, no warnings', () => {
    const r = checkCurve({ SANGAT_BAIK: 5 }, null, CURVES);
    expect(r.rows.every((x) => x.expectedPercent === null && !x.warning)).toBe(true);
    expect(r.notes[0]).toContain('belum ditetapkan');
  });

  it('property: the counts add up to the total and the shares to ~100%', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 5, maxLength: 5 }),
        fc.constantFrom(...ORG_PERFORMANCE),
        (ns, org) => {
          const counts = Object.fromEntries(PREDIKATS.map((p, i) => [p, ns[i]!]));
          const r = checkCurve(counts, org, CURVES);
          expect(r.rows.reduce((s, x) => s + x.count, 0)).toBe(r.total);
          const sum = r.rows.reduce((s, x) => s + x.actualPercent, 0);
          if (r.total > 0) expect(Math.abs(sum - 100)).toBeLessThanOrEqual(0.3);
          expect(r.warnings.length).toBe(r.rows.filter((x) => x.warning).length);
        },
      ),
    );
  });
});

describe('§6.3 objection window', () => {
  it.each<[string, number, string, string, boolean]>([
    ['2027-04-10', 14, '2027-04-10', '2027-04-24', true],
    ['2027-04-10', 14, '2027-04-24', '2027-04-24', true],
    ['2027-04-10', 14, '2027-04-25', '2027-04-24', false],
    ['2027-04-10', 14, '2027-04-09', '2027-04-24', false],
    ['2027-12-20', 14, '2028-01-03', '2028-01-03', true],
  ])('approved %s, %i days, today %s → deadline %s, open %s', (approved, days, today, deadline, open) => {
    expect(objectionWindow(approved, days, today)).toEqual({ deadline, open });
  });

  it('decision due after decideWithinDays, overdue the day after', () => {
    expect(objectionDecideBy('2027-04-12', 7, '2027-04-19')).toEqual({
      decideBy: '2027-04-19',
      overdue: false,
    });
    expect(objectionDecideBy('2027-04-12', 7, '2027-04-20')).toEqual({
      decideBy: '2027-04-19',
      overdue: true,
    });
  });

  it('the curve of a whole year compares annual evaluations, else periodic', () => {
    expect(curveKindFor('2027-01-01', '2027-12-31')).toBe('TAHUNAN');
    expect(curveKindFor('2027-01-01', '2027-03-31')).toBe('PERIODIK');
  });
});
