import { describe, expect, it } from 'vitest';
import national from '../../../rulebooks/national/tpp.json' with { type: 'json' };
import regional6040 from '../../../rulebooks/regional-60-40/tpp.json' with { type: 'json' };
import regional4060 from '../../../rulebooks/regional-40-60/tpp.json' with { type: 'json' };
import type { TppRules } from './tpp-rules.ts';
import { tppRulesSchema, validateTppRules } from './tpp-rules.ts';

const parse = (json: unknown): TppRules => tppRulesSchema.parse(json);
const books = {
  national: parse(national),
  'regional-60-40': parse(regional6040),
  'regional-40-60': parse(regional4060),
};
const perDay = (r: TppRules, code: string) => r.deductions.perDay.find((d) => d.code === code)?.percent;

describe('TPP rulebooks parse and validate', () => {
  it.each(Object.entries(books))('%s has no issues', (_name, rules) => {
    expect(validateTppRules(rules)).toEqual([]);
  });
});

describe('§5.1 tariffs, exclusions and BPJS', () => {
  it.each([
    [16, 43_125_000],
    [8, 11_100_000],
    [1, 3_185_000],
  ])('Jatim tariff (regional-40-60) kelas %i = Rp %i', (kelas, amount) => {
    expect(books['regional-40-60'].tariffs.rows.find((r) => r.kelas === kelas)?.amount).toBe(amount);
  });

  it.each(Object.entries(books))('%s covers kelas 1–17', (_n, r) => {
    expect(r.tariffs.rows.map((x) => x.kelas).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 17 }, (_, i) => i + 1),
    );
  });

  it.each([
    ['TANPA_JABATAN'],
    ['NONAKTIF'],
    ['UANG_TUNGGU'],
    ['MPP'],
    ['CLTN'],
    ['CUTI_BESAR'],
    ['DIPEKERJAKAN_LUAR'],
    ['PIDANA'],
    ['TPG'],
    ['PPPK_CUTI_HAJI'],
  ])('national exclusion list contains %s', (code) => {
    expect(books.national.exclusions.map((e) => e.code)).toContain(code);
  });

  it.each(Object.entries(books))('%s: BPJS 4%% employer, 1%% employee, ceiling Rp 12.000.000', (_n, r) => {
    expect([r.bpjs.employerPercent, r.bpjs.employeePercent, r.bpjs.ceiling]).toEqual([4, 1, 12_000_000]);
  });
});

describe('§5.2 component weights', () => {
  it.each([
    ['national', 60, 40, 'total'],
    ['regional-60-40', 60, 40, 'disiplin'],
    ['regional-40-60', 40, 60, 'total'],
  ] as const)('%s: kinerja %i%% / disiplin %i%%, deductions on %s', (name, k, d, base) => {
    const r = books[name];
    expect(r.components.weights).toEqual({ kinerja: k, disiplin: d });
    expect(r.deductions.base).toBe(base);
  });

  it('weights may differ by position group (DKI pattern)', () => {
    expect(books['regional-40-60'].components.byPositionGroup[0]?.weights).toEqual({
      kinerja: 50,
      disiplin: 50,
    });
  });
});

describe('§5.3 per-day deductions', () => {
  it.each([
    ['TL1', 0.5],
    ['TL2', 1],
    ['TL3', 1.25],
    ['TL4', 1.5],
    ['PSW1', 0.5],
    ['PSW2', 1],
    ['PSW3', 1.25],
    ['PSW4', 1.5],
    ['TK', 3],
  ])('%s = %s%% in every rulebook', (code, percent) => {
    for (const r of Object.values(books)) expect(perDay(r, code)).toBe(percent);
  });
});

describe('§5.4 apel and LKH', () => {
  it.each([['apel_pagi'], ['upacara_senin'], ['upacara_hari_besar']])(
    'regional-60-40: missing %s = 2%% of the discipline share (Toba)',
    (kind) => {
      const r = books['regional-60-40'];
      expect(r.deductions.base).toBe('disiplin');
      expect(r.deductions.apel.find((a) => a.kind === kind)?.percent).toBe(2);
    },
  );

  it('regional-60-40: missing LKH is treated as TK (Ogan Ilir)', () => {
    expect(books['regional-60-40'].deductions.missingActivityReport).toMatchObject({
      mode: 'asCode',
      code: 'TK',
    });
  });
});

describe('§1.10 sanction cuts', () => {
  it.each([
    ['national', 'S1', 25, 6],
    ['national', 'S2', 25, 9],
    ['national', 'S3', 25, 12],
    ['regional-60-40', 'R1', 25, 2],
    ['regional-60-40', 'R2', 25, 3],
    ['regional-60-40', 'R3', 25, 6],
    ['regional-60-40', 'S1', 50, 6],
    ['regional-60-40', 'S2', 50, 9],
    ['regional-60-40', 'S3', 50, 12],
    ['regional-60-40', 'B1', 85, 12],
    ['regional-60-40', 'B2', 95, 12],
    ['regional-60-40', 'B3_BANDING', 100, 12],
    ['regional-40-60', 'R1', 20, 1],
    ['regional-40-60', 'R2', 30, 2],
    ['regional-40-60', 'R3', 40, 3],
    ['regional-40-60', 'S1', 40, 6],
    ['regional-40-60', 'S2', 50, 8],
    ['regional-40-60', 'S3', 60, 10],
  ] as const)('%s: %s cuts %i%% for %i months', (name, type, percent, months) => {
    expect(books[name].sanctionCuts.cuts.find((c) => c.sanctionType === type)).toMatchObject({
      percent,
      months,
    });
  });
});

describe('validateTppRules reports broken data in Bahasa Indonesia', () => {
  const base = books.national;
  it.each<[string, (r: TppRules) => void, string]>([
    [
      'weights not summing to 100',
      (r) => (r.components.weights = { kinerja: 60, disiplin: 30 }),
      'harus berjumlah 100%',
    ],
    [
      'group weights not summing to 100',
      (r) =>
        r.components.byPositionGroup.push({
          positionGroup: 'X',
          weights: { kinerja: 10, disiplin: 10 },
          legalBasis: base.legalBasis,
        }),
      'harus berjumlah 100%',
    ],
    [
      'missing kelas',
      (r) => (r.tariffs.rows = r.tariffs.rows.filter((x) => x.kelas !== 9)),
      'kelas jabatan 9 belum diisi',
    ],
    ['duplicate kelas', (r) => r.tariffs.rows.push({ kelas: 3, amount: 1 }), 'lebih dari sekali'],
    [
      'duplicate deduction code',
      (r) => r.deductions.perDay.push({ code: 'TK', percent: 4, legalBasis: base.legalBasis }),
      'lebih dari sekali',
    ],
    [
      'deduction on H',
      (r) => r.deductions.perDay.push({ code: 'H', percent: 1, legalBasis: base.legalBasis }),
      'tidak boleh dikenai',
    ],
    [
      'LKH as unknown code',
      (r) =>
        (r.deductions.missingActivityReport = { mode: 'asCode', code: 'CS', legalBasis: base.legalBasis }),
      'tidak ada di tabel',
    ],
    [
      'BPJS over 100%',
      (r) => (r.bpjs = { ...r.bpjs, employerPercent: 99, employeePercent: 2 }),
      'melebihi 100%',
    ],
    ['reversed dates', (r) => (r.effectiveTo = '2000-01-01'), 'sebelum tanggal mulai'],
  ])('%s', (_name, mutate, message) => {
    const r = structuredClone(base);
    mutate(r);
    expect(
      validateTppRules(r)
        .map((i) => i.message)
        .join(' | '),
    ).toContain(message);
  });

  it('schema rejects negative deduction percentages', () => {
    const bad = structuredClone(national) as { deductions: { perDay: { percent: number }[] } };
    bad.deductions.perDay[0]!.percent = -1;
    expect(tppRulesSchema.safeParse(bad).success).toBe(false);
  });
});
