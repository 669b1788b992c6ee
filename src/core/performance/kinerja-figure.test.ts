import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import national from '../../../rulebooks/national/performance.json' with { type: 'json' };
import r4060 from '../../../rulebooks/regional-40-60/performance.json' with { type: 'json' };
import r6040 from '../../../rulebooks/regional-60-40/performance.json' with { type: 'json' };
import menit from '../../../rulebooks/regional-menit/performance.json' with { type: 'json' };
import type { PerformanceRules, Predikat } from './performance-rules.ts';
import { PREDIKATS, performanceRulesSchema, validatePerformanceRules } from './performance-rules.ts';
import { computeKinerjaFigure, formatScore, ratioBp, type KinerjaFigureDay } from './kinerja-figure.ts';

/**
 * The four rulebooks' performance sections as the loader assembles them: the regional ones name `performance` in
 * `mergeSections`, so their top-level keys replace the national ones (src/core/rulebook/rulebook.ts).
 */
const merged = (over: object) => performanceRulesSchema.parse({ ...national, ...over });
const byId = new Map<string, PerformanceRules>([
  ['national', merged({})],
  ['regional-40-60', merged(r4060)],
  ['regional-60-40', merged(r6040)],
  ['regional-menit', merged(menit)],
]);
const rules = (id: string) => byId.get(id)!;

it.each([...byId.keys()])('the %s section is valid', (id) =>
  expect(validatePerformanceRules(rules(id))).toEqual([]),
);

/**
 * March 2026: 1 Mar is a Sunday; 22 weekdays (2–6, 9–13, 16–20, 23–27, 30–31). `codes` overrides a weekday's
 * code by day number; `minutes` gives accepted minutes by day number (default `dflt` on every H day).
 */
function march(codes: Record<number, string | null> = {}, minutes: Record<number, number> = {}, dflt = 300) {
  const days: KinerjaFigureDay[] = [];
  for (let d = 1; d <= 31; d++) {
    const dow = new Date(Date.UTC(2026, 2, d)).getUTCDay();
    const code = d in codes ? codes[d]! : dow === 0 || dow === 6 ? 'LIBUR' : 'H';
    const m = d in minutes ? minutes[d]! : code === 'H' ? dflt : 0;
    days.push({
      date: `2026-03-${String(d).padStart(2, '0')}`,
      code,
      minutesAccepted: m,
      hasAcceptedReport: m > 0,
    });
  }
  return days;
}

describe('ratioBp: four decimals, half up, on integers', () => {
  it.each([
    [18, 20, 9000],
    [1, 3, 3333],
    [2, 3, 6667],
    [1, 32, 313], // 0.03125 → 0.0313
    [0, 5, 0],
    [7, 7, 10000],
  ])('%i/%i → %i', (n, d, bp) => expect(ratioBp(n, d)).toBe(bp));
  it('formats with a decimal comma', () => expect(formatScore(0.9)).toBe('0,9000'));
});

describe('LAPORAN_HARIAN (regional-60-40, minimum 300 minutes from the national rulebook)', () => {
  it('22 weekdays, 2 on leave (CT) → 20 required; 18 reach 300 minutes → 0,9000', () => {
    // Days 2, 3 on leave; days 4 and 5 reported 299 and 120 minutes; every other H day 300.
    const f = computeKinerjaFigure(
      rules('regional-60-40'),
      march({ 2: 'CT', 3: 'CT' }, { 4: 299, 5: 120 }),
      null,
    );
    expect(f).toMatchObject({
      method: 'LAPORAN_HARIAN',
      status: 'FINAL',
      score: 0.9,
      requiredDays: 20,
      daysMeetingMinimum: 18,
      minutesRequired: 6000,
      minutesAccepted: 18 * 300 + 299 + 120,
    });
    expect(f.explanation).toContain(
      '20 hari kerja wajib; 18 hari dengan laporan diterima ≥ 300 menit → 0,9000',
    );
    expect(f.days.find((d) => d.date === '2026-03-02')).toMatchObject({ required: false });
  });

  it('a TK day without a report is required and not met; no data is not counted', () => {
    // 22 weekdays: day 6 TK, days 9–13 no data → 17 required, 16 met → 16/17 = 0.941176… → 0,9412.
    const f = computeKinerjaFigure(
      rules('regional-60-40'),
      march({ 6: 'TK', 9: null, 10: null, 11: null, 12: null, 13: null }),
      'BAIK',
    );
    expect(f).toMatchObject({ requiredDays: 17, daysMeetingMinimum: 16, score: 0.9412 });
  });

  it('no required days → score null with the reason', () => {
    const codes: Record<number, string | null> = {};
    for (let d = 1; d <= 31; d++) codes[d] = null;
    const f = computeKinerjaFigure(rules('regional-60-40'), march(codes), null);
    expect(f.score).toBeNull();
    expect(f.status).toBe('FINAL');
    expect(f.explanation[0]).toMatch(/Tidak ada hari kerja wajib lapor/);
  });
});

describe('MENIT_EFEKTIF (regional-menit, 300 effective minutes a day, DKI)', () => {
  it('21 required days, one TK with nothing, 20 days of 360 capped at 300 → 6.000 / 6.300 = 0,9524', () => {
    // Day 2 TK, day 3 on sick leave (S, excused): 22 − 1 = 21 required.
    const f = computeKinerjaFigure(rules('regional-menit'), march({ 2: 'TK', 3: 'S' }, {}, 360), null);
    expect(f).toMatchObject({
      method: 'MENIT_EFEKTIF',
      requiredDays: 21,
      minutesRequired: 6300,
      minutesCounted: 6000,
      minutesAccepted: 7200,
      score: 0.9524,
    });
    expect(f.explanation[0]).toBe(
      '21 hari kerja wajib × 300 menit efektif = 6.300 menit; 6.000 menit diterima (paling banyak 300 menit per hari) → 0,9524',
    );
    expect(f.days.find((d) => d.date === '2026-03-02')!.note).toMatch(/Tanpa keterangan/);
  });

  it('short days count their minutes: 22 days of 150 minutes → 0,5000', () => {
    const f = computeKinerjaFigure(rules('regional-menit'), march({}, {}, 150), null);
    expect(f).toMatchObject({ requiredDays: 22, minutesCounted: 3300, score: 0.5 });
  });
});

describe('PREDIKAT (national)', () => {
  it('the approved predikat Butuh Perbaikan → 0,7500 whatever the reports', () => {
    const f = computeKinerjaFigure(rules('national'), march({}, {}, 0), 'BUTUH_PERBAIKAN');
    expect(f).toMatchObject({ method: 'PREDIKAT', status: 'FINAL', score: 0.75, evaluationScore: 0.75 });
    expect(f.explanation).toContain('Predikat penilaian periodik yang disetujui: Butuh Perbaikan → 0,7500');
  });
  it('no approved evaluation and whenNoEvaluation null → PENDING, score null', () => {
    const f = computeKinerjaFigure(rules('national'), march(), null);
    expect(f).toMatchObject({ status: 'PENDING', score: null });
  });
});

describe('GABUNGAN (regional-40-60: 60% predikat + 40% daily reports, 0 without evaluation)', () => {
  it('Baik (1) and 18/20 days → 60% × 1 + 40% × 0,9 = 0,9600', () => {
    const f = computeKinerjaFigure(
      rules('regional-40-60'),
      march({ 2: 'CT', 3: 'CT' }, { 4: 299, 5: 120 }),
      'BAIK',
    );
    expect(f).toMatchObject({ method: 'GABUNGAN', score: 0.96, evaluationScore: 1, reportScore: 0.9 });
    expect(f.explanation).toContain('Gabungan: 60% × 1,0000 + 40% × 0,9000 = 0,9600');
  });
  it('no evaluation yet → the fallback 0 for the predikat part: 40% × 0,9 = 0,3600', () => {
    const f = computeKinerjaFigure(
      rules('regional-40-60'),
      march({ 2: 'CT', 3: 'CT' }, { 4: 299, 5: 120 }),
      null,
    );
    expect(f).toMatchObject({ status: 'FINAL', score: 0.36, evaluationScore: 0 });
  });
  it('Sangat Kurang (0,25) and 1/3 of the days → 0,15 + 0,13332 = 0,2833', () => {
    // 3 required days (the rest no data), one met: 0,3333; 60 × 2500 + 40 × 3333 = 283320 → 2833.
    const codes: Record<number, string | null> = {};
    for (let d = 1; d <= 31; d++) codes[d] = d <= 3 ? 'H' : null;
    const f = computeKinerjaFigure(
      rules('regional-40-60'),
      march(codes, { 1: 300, 2: 10, 3: 0 }),
      'SANGAT_KURANG',
    );
    expect(f).toMatchObject({ requiredDays: 3, daysMeetingMinimum: 1, score: 0.2833 });
  });
});

describe('properties', () => {
  const ids = ['national', 'regional-40-60', 'regional-60-40', 'regional-menit'];
  const codeArb = fc.constantFrom<string | null>(null, 'H', 'H', 'H', 'TK', 'LIBUR', 'CT', 'S', 'DL');
  const dayArb = fc.record({ code: codeArb, minutes: fc.integer({ min: 0, max: 720 }) });
  const monthArb = fc.array(dayArb, { minLength: 28, maxLength: 31 });
  const toDays = (xs: { code: string | null; minutes: number }[]): KinerjaFigureDay[] =>
    xs.map((x, i) => ({
      date: `2026-01-${String(i + 1).padStart(2, '0')}`,
      code: x.code,
      minutesAccepted: x.minutes,
      hasAcceptedReport: x.minutes > 0,
    }));
  const predArb = fc.option(fc.constantFrom<Predikat>(...PREDIKATS), { nil: null });

  it('0 ≤ score ≤ 1 with at most four decimals', () =>
    fc.assert(
      fc.property(fc.constantFrom(...ids), monthArb, predArb, (id, xs, p) => {
        const s = computeKinerjaFigure(rules(id), toDays(xs), p).score;
        if (s === null) return true;
        return s >= 0 && s <= 1 && Math.abs(s * 10_000 - Math.round(s * 10_000)) < 1e-6;
      }),
    ));

  it('more accepted minutes never lower the score', () =>
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        monthArb,
        predArb,
        fc.nat({ max: 30 }),
        fc.integer({ min: 1, max: 600 }),
        (id, xs, p, ix, extra) => {
          const i = ix % xs.length;
          const more = xs.map((x, k) => (k === i ? { ...x, minutes: Math.min(1440, x.minutes + extra) } : x));
          const a = computeKinerjaFigure(rules(id), toDays(xs), p).score;
          const b = computeKinerjaFigure(rules(id), toDays(more), p).score;
          return a === null ? b === null : b !== null && b >= a;
        },
      ),
    ));
});
