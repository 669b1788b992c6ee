import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import performanceJson from '../../../rulebooks/national/performance.json' with { type: 'json' };
import type { PerformanceRules, PotentialLevel, Predikat, Rating } from './performance-rules.ts';
import {
  PREDIKAT_LABELS,
  PREDIKATS,
  performanceRulesSchema,
  validatePerformanceRules,
} from './performance-rules.ts';
import {
  angkaKreditPercentForPredikat,
  annualAngkaKredit,
  determinePredikat,
  tppKinerjaScoreForPredikat,
} from './predikat.ts';
import { classifyJpm, computeJpmPercent } from './jpm.ts';
import { placeNineBox } from './nine-box.ts';

const RULES = performanceRulesSchema.parse(performanceJson);

describe('rulebook', () => {
  it('national performance section has no issues', () => expect(validatePerformanceRules(RULES)).toEqual([]));

  it.each<[string, (r: PerformanceRules) => void, string]>([
    ['missing matrix cell', (r) => r.predikatMatrix.cells.pop(), 'belum diisi'],
    [
      'duplicate matrix cell',
      (r) => r.predikatMatrix.cells.push({ ...r.predikatMatrix.cells[0]! }),
      'lebih dari sekali',
    ],
    [
      'JPM without a 0% band',
      (r) => (r.jpm.selection.bands = r.jpm.selection.bands.filter((b) => b.minPercent > 0)),
      'dimulai dari 0%',
    ],
    ['thresholds reversed', (r) => (r.nineBox.potential = { middleFrom: 80, highFrom: 60 }), 'lebih kecil'],
    [
      'talent weights not 100',
      (r) => (r.nineBox.talentValueWeights = { performance: 50, potential: 40 }),
      'berjumlah 100%',
    ],
    ['duplicate box number', (r) => (r.nineBox.boxes[0]!.box = 9), 'lebih dari sekali'],
  ])('validation: %s', (_n, mutate, message) => {
    const r = structuredClone(RULES);
    mutate(r);
    expect(
      validatePerformanceRules(r)
        .map((i) => i.message)
        .join(' | '),
    ).toContain(message);
  });
});

describe('§6.3 predikat matrix: every cell', () => {
  it.each<[Rating, Rating, Predikat, string]>([
    ['DI_ATAS_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI', 'KURANG_MISCONDUCT', 'Kurang/Misconduct'],
    ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BAIK', 'Baik'],
    ['DI_ATAS_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'SANGAT_BAIK', 'Sangat Baik'],
    ['SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI', 'KURANG_MISCONDUCT', 'Kurang/Misconduct'],
    ['SESUAI_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BAIK', 'Baik'],
    ['SESUAI_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'BAIK', 'Baik'],
    ['DI_BAWAH_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI', 'SANGAT_KURANG', 'Sangat Kurang'],
    ['DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BUTUH_PERBAIKAN', 'Butuh Perbaikan'],
    ['DI_BAWAH_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'BUTUH_PERBAIKAN', 'Butuh Perbaikan'],
  ])('§6.3 hasil kerja %s × perilaku %s → %s ($3)', (h, p, predikat, label) => {
    const r = determinePredikat(h, p, RULES);
    expect([r.predikat, r.label]).toEqual([predikat, label]);
    expect(r.reasons[0]).toContain('PermenPANRB 6/2022');
  });

  it('the five official predikat, the fourth being "Kurang/Misconduct"', () => {
    expect(PREDIKATS.map((p) => PREDIKAT_LABELS[p])).toEqual([
      'Sangat Baik',
      'Baik',
      'Butuh Perbaikan',
      'Kurang/Misconduct',
      'Sangat Kurang',
    ]);
  });

  it.each<[Predikat, number, number, number]>([
    ['SANGAT_BAIK', 150, 100, 1],
    ['BAIK', 100, 80, 1],
    ['BUTUH_PERBAIKAN', 75, 60, 0.75],
    ['KURANG_MISCONDUCT', 50, 40, 0.5],
    ['SANGAT_KURANG', 25, 20, 0.25],
  ])('§6.3 %s: angka kredit $1%, talent score $2, TPP factor $3 (example)', (p, ak, talent, tpp) => {
    expect(angkaKreditPercentForPredikat(p, RULES)).toBe(ak);
    expect(RULES.talentScore.byPredikat[p]).toBe(talent);
    expect(tppKinerjaScoreForPredikat(p, RULES)).toBe(tpp);
  });
});

describe('§6.3 JF angka kredit = coefficient × predikat percentage (PermenPANRB 1/2023)', () => {
  it.each<[Predikat, number, number]>([
    ['SANGAT_BAIK', 150, 7.5],
    ['BAIK', 100, 5],
    ['BUTUH_PERBAIKAN', 75, 3.75],
    ['KURANG_MISCONDUCT', 50, 2.5],
    ['SANGAT_KURANG', 25, 1.25],
  ])('§6.3 Terampil (coefficient 5), %s ($1%) → $2 angka kredit a year', (predikat, _pct, ak) => {
    expect(annualAngkaKredit('TERAMPIL', predikat, RULES)).toBe(ak);
  });

  it('an unknown jenjang is a rulebook gap, not a silent 0', () => {
    expect(() => annualAngkaKredit('TIDAK_ADA', 'BAIK', RULES)).toThrow(/TIDAK_ADA/);
  });

  it('a duplicate jenjang is reported', () => {
    const r = structuredClone(RULES);
    r.angkaKreditCoefficients?.byJenjang.push({ jenjang: 'TERAMPIL', coefficient: 5 });
    expect(validatePerformanceRules(r).map((i) => i.message)).toContain(
      'Koefisien angka kredit jenjang TERAMPIL tercantum lebih dari sekali',
    );
  });
});

describe('§7.2 JPM bands with both label sets', () => {
  it.each([
    [100, 'selection', 'MS', 'Memenuhi Syarat'],
    [80, 'selection', 'MS', 'Memenuhi Syarat'],
    [79.99, 'selection', 'MMS', 'Masih Memenuhi Syarat'],
    [68, 'selection', 'MMS', 'Masih Memenuhi Syarat'],
    [67.99, 'selection', 'KMS', 'Kurang Memenuhi Syarat'],
    [0, 'selection', 'KMS', 'Kurang Memenuhi Syarat'],
    [100, 'mapping', 'O', 'Optimal'],
    [90, 'mapping', 'O', 'Optimal'],
    [89.99, 'mapping', 'CO', 'Cukup Optimal'],
    [78, 'mapping', 'CO', 'Cukup Optimal'],
    [77.99, 'mapping', 'KO', 'Kurang Optimal'],
    [0, 'mapping', 'KO', 'Kurang Optimal'],
  ] as const)('§7.2 JPM $0% ($1) → $2 – $3', (percent, set, code, label) => {
    const r = classifyJpm(percent, RULES, set);
    expect([r.code, r.label]).toEqual([code, label]);
  });

  it('the same 85% is MS for selection but CO for mapping', () => {
    expect([classifyJpm(85, RULES, 'selection').code, classifyJpm(85, RULES, 'mapping').code]).toEqual([
      'MS',
      'CO',
    ]);
  });

  it('JPM = Σ assessed / Σ required × 100, capped at 100', () => {
    const levels = [
      { code: 'M.01', required: 3, assessed: 3 },
      { code: 'M.02', required: 3, assessed: 2 },
      { code: 'SK.01', required: 2, assessed: 2 },
    ];
    expect(computeJpmPercent(levels, RULES)).toBe(87.5);
    expect(computeJpmPercent([{ code: 'M.01', required: 2, assessed: 3 }], RULES)).toBe(100);
    expect(classifyJpm(120, RULES, 'mapping')).toMatchObject({ percent: 100, code: 'O' });
    expect(() => classifyJpm(-1, RULES, 'mapping')).toThrow();
  });

  it.each([
    ['nothing assessed', [0, 0, 0], [3, 3, 2], 0, 'KMS', 'KO'],
    ['every level met exactly', [3, 3, 2], [3, 3, 2], 100, 'MS', 'O'],
    ['above every level (capped)', [5, 5, 5], [3, 3, 2], 100, 'MS', 'O'],
    ['exactly 80 % (8 / 10)', [4, 4], [5, 5], 80, 'MS', 'CO'],
    ['exactly 68 % (17 / 25)', [4, 4, 3, 3, 3], [5, 5, 5, 5, 5], 68, 'MMS', 'KO'],
    ['exactly 90 % (9 / 10)', [5, 4], [5, 5], 90, 'MS', 'O'],
    ['exactly 78 % (39 / 50)', [4, 4, 4, 4, 4, 4, 4, 4, 4, 3], Array(10).fill(5), 78, 'MMS', 'CO'],
  ])(
    '§7.2 JPM edge, %s: Σ assessed / Σ required → %s %% (%s / %s)',
    (_n, assessed, required, pct, sel, map) => {
      const levels = required.map((r: number, i: number) => ({
        code: `M.0${i}`,
        required: r,
        assessed: assessed[i]!,
      }));
      const p = computeJpmPercent(levels, RULES);
      expect(p).toBeCloseTo(pct, 10);
      expect([classifyJpm(p, RULES, 'selection').code, classifyJpm(p, RULES, 'mapping').code]).toEqual([
        sel,
        map,
      ]);
    },
  );

  it('every percentage in 0..100 falls in exactly one band of each set', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (p) => {
        for (const set of ['selection', 'mapping'] as const) {
          const r = classifyJpm(p, RULES, set);
          expect(p).toBeGreaterThanOrEqual(r.minPercent);
          if (r.maxPercent !== null) expect(p).toBeLessThan(r.maxPercent);
        }
      }),
    );
  });
});

describe('§7.3 9-box: every cell', () => {
  it.each<[Rating, PotentialLevel, number]>([
    ['DI_ATAS_EKSPEKTASI', 'RENDAH', 4],
    ['DI_ATAS_EKSPEKTASI', 'MENENGAH', 7],
    ['DI_ATAS_EKSPEKTASI', 'TINGGI', 9],
    ['SESUAI_EKSPEKTASI', 'RENDAH', 2],
    ['SESUAI_EKSPEKTASI', 'MENENGAH', 5],
    ['SESUAI_EKSPEKTASI', 'TINGGI', 8],
    ['DI_BAWAH_EKSPEKTASI', 'RENDAH', 1],
    ['DI_BAWAH_EKSPEKTASI', 'MENENGAH', 3],
    ['DI_BAWAH_EKSPEKTASI', 'TINGGI', 6],
  ])('§7.3 kinerja %s × potensial %s → box %i', (perf, pot, box) => {
    const r = placeNineBox(perf, pot, RULES);
    expect(r.box).toBe(box);
    expect(r.isTalentPool).toBe(box >= 7);
  });

  it.each([
    [80, 80, 9, 80],
    [79.9, 80, 8, 79.95],
    [60, 60, 5, 60],
    [59.9, 59.9, 1, 59.9],
    [100, 0, 4, 50],
    [0, 100, 6, 50],
  ])(
    '§7.3 scores kinerja %s / potensial %s → box %i, talent value %s (≥80 high, 60–<80 middle, 50/50)',
    (perf, pot, box, value) => {
      const r = placeNineBox(perf, pot, RULES);
      expect(r.box).toBe(box);
      expect(r.talentValue).toBeCloseTo(value, 10);
    },
  );

  // Edge rows: each of the nine boxes from scores, every threshold exactly (60 and 80 on both axes, just below
  // them), and the ends 0 and 100. National thresholds: ≥ 80 high, 60–< 80 middle, < 60 low.
  it.each([
    [0, 0, 1],
    [59.99, 59.99, 1],
    [60, 0, 2],
    [79.99, 59.99, 2],
    [0, 60, 3],
    [59.99, 79.99, 3],
    [100, 0, 4],
    [80, 59.99, 4],
    [60, 60, 5],
    [79.99, 79.99, 5],
    [0, 100, 6],
    [59.99, 80, 6],
    [80, 60, 7],
    [100, 79.99, 7],
    [60, 80, 8],
    [79.99, 100, 8],
    [80, 80, 9],
    [100, 100, 9],
  ])('§7.3 edge: kinerja %s / potensial %s → box %i', (perf, pot, box) => {
    expect(placeNineBox(perf, pot, RULES).box).toBe(box);
  });

  it.each([-0.01, 100.01, Number.NaN])('§7.3 a score of %s is refused (0–100)', (score) => {
    expect(() => placeNineBox(score, 50, RULES)).toThrow(/0\.\.100/);
    expect(() => placeNineBox(50, score, RULES)).toThrow(/0\.\.100/);
  });

  it('a predikat converted with the talent score places on the performance axis (Baik = 80 → Di Atas)', () => {
    expect(placeNineBox(RULES.talentScore.byPredikat.BAIK, 'TINGGI', RULES).box).toBe(9);
    expect(() => placeNineBox(101, 50, RULES)).toThrow();
  });
});
