import { describe, expect, it } from 'vitest';
import national from '../../../rulebooks/national/tpp.json' with { type: 'json' };
import regional6040 from '../../../rulebooks/regional-60-40/tpp.json' with { type: 'json' };
import regional4060 from '../../../rulebooks/regional-40-60/tpp.json' with { type: 'json' };
import type { TppRules } from './tpp-rules.ts';
import { tppRulesSchema, validateTppAgainstRulebook, validateTppRules } from './tpp-rules.ts';
import { disciplineRulesSchema } from '../discipline/discipline-rules.ts';
import { attendanceRulesSchema } from '../attendance/attendance-rules.ts';
import nationalDiscipline from '../../../rulebooks/national/discipline.json' with { type: 'json' };
import nationalAttendance from '../../../rulebooks/national/attendance.json' with { type: 'json' };
import regional6040Attendance from '../../../rulebooks/regional-60-40/attendance.json' with { type: 'json' };

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
  ])('§5.1 Jatim tariff (regional-40-60) kelas %i = Rp %i', (kelas, amount) => {
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
  ])('§5.1 national "TPP not paid" list contains %s', (code) => {
    expect(books.national.exclusions.map((e) => e.code)).toContain(code);
  });

  it.each(Object.entries(books))('§5.1 %s: BPJS 4% employer, 1% employee, ceiling Rp 12.000.000', (_n, r) => {
    expect([r.bpjs.employerPercent, r.bpjs.employeePercent, r.bpjs.ceiling]).toEqual([4, 1, 12_000_000]);
  });
});

describe('§5.2 component weights', () => {
  it.each([
    ['national', 60, 40, 'total'],
    ['regional-60-40', 60, 40, 'disiplin'],
    ['regional-40-60', 40, 60, 'total'],
  ] as const)('§5.2 %s: kinerja $1% / disiplin $2%, deductions on $3', (name, k, d, base) => {
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
  ])('§5.3 %s = $1% in every rulebook', (code, percent) => {
    for (const r of Object.values(books)) expect(perDay(r, code)).toBe(percent);
  });
});

describe('§5.4 apel and LKH', () => {
  it.each([['apel_pagi'], ['upacara_senin'], ['upacara_hari_besar']])(
    '§5.4 regional-60-40: missing %s = 2% of the discipline share (Toba)',
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
  const K = 'Kemenkeu KMK 5/2022';
  const T = 'Kementan Permentan 68/2012';
  it.each([
    ['national', '§1.2 PP 94: S1 25% tukin', 'S1', 25, 6],
    ['national', '§1.2 PP 94: S2 25% tukin', 'S2', 25, 9],
    ['national', '§1.2 PP 94: S3 25% tukin', 'S3', 25, 12],
    ['regional-60-40', `§1.10 ${K} teguran lisan`, 'R1', 25, 2],
    ['regional-60-40', `§1.10 ${K} teguran tertulis`, 'R2', 25, 3],
    ['regional-60-40', `§1.10 ${K} pernyataan tidak puas`, 'R3', 25, 6],
    ['regional-60-40', `§1.10 ${K} sedang 1 (S1 once active)`, 'S1', 50, 6],
    ['regional-60-40', `§1.10 ${K} sedang 1 as imposed (KGB 1 yr)`, 'KGB_TUNDA_1TH', 50, 6],
    ['regional-60-40', `§1.10 ${K} sedang 2 (S2 once active)`, 'S2', 50, 9],
    ['regional-60-40', `§1.10 ${K} sedang 2 as imposed (pangkat 1 yr)`, 'PANGKAT_TUNDA_1TH', 50, 9],
    ['regional-60-40', `§1.10 ${K} sedang 3 (S3 once active)`, 'S3', 50, 12],
    ['regional-60-40', `§1.10 ${K} sedang 3 as imposed (demotion 1 yr)`, 'PANGKAT_TURUN_1TH', 50, 12],
    ['regional-60-40', `§1.10 ${K} berat B1`, 'B1', 85, 12],
    ['regional-60-40', `§1.10 ${K} berat B2`, 'B2', 95, 12],
    ['regional-60-40', `§1.10 ${K} PDHTAPS pending appeal`, 'B3', 100, 12],
    ['regional-40-60', `§1.10 ${T} teguran lisan`, 'R1', 20, 1],
    ['regional-40-60', `§1.10 ${T} teguran tertulis`, 'R2', 30, 2],
    ['regional-40-60', `§1.10 ${T} pernyataan tidak puas`, 'R3', 40, 3],
    ['regional-40-60', `§1.10 ${T} sedang 1 (S1 once active)`, 'S1', 40, 6],
    ['regional-40-60', `§1.10 ${T} sedang 1 as imposed (KGB 1 yr)`, 'KGB_TUNDA_1TH', 40, 6],
    ['regional-40-60', `§1.10 ${T} sedang 2 (S2 once active)`, 'S2', 50, 8],
    ['regional-40-60', `§1.10 ${T} sedang 2 as imposed (pangkat 1 yr)`, 'PANGKAT_TUNDA_1TH', 50, 8],
    ['regional-40-60', `§1.10 ${T} sedang 3 (S3 once active)`, 'S3', 60, 10],
    ['regional-40-60', `§1.10 ${T} sedang 3 as imposed (demotion 1 yr)`, 'PANGKAT_TURUN_1TH', 60, 10],
    ['regional-40-60', `§1.10 ${T} berat B1 (60–80%: 60)`, 'B1', 60, 12],
    ['regional-40-60', `§1.10 ${T} berat B2 (60–80%: 80)`, 'B2', 80, 12],
    ['regional-40-60', `§1.10 ${T} PDHTAPS pending appeal`, 'B3', 100, 12],
  ] as const)('%s: %s: $2 cuts $3% for $4 months', (name, _label, type, percent, months) => {
    expect(books[name].sanctionCuts.cuts.find((c) => c.sanctionType === type)).toMatchObject({
      percent,
      months,
    });
  });

  it.each(Object.entries(books))('§1.10 %s: no cut keyed on the non-existent code B3_BANDING', (_n, r) => {
    expect(r.sanctionCuts.cuts.map((c) => c.sanctionType)).not.toContain('B3_BANDING');
  });
});

describe('§3.2 same-day make-up allowance (KemenPANRB 2018)', () => {
  it.each([
    ['national: off', 'national', null],
    ['regional-40-60: off', 'regional-40-60', null],
    ['regional-60-40: cut only beyond 5 made-up days a month', 'regional-60-40', 5],
  ] as const)('%s', (_label, name, allowed) => {
    expect(books[name].deductions.lateMakeUp?.allowedDaysPerMonth ?? null).toBe(allowed);
  });
});

describe('§5.3 Kementan 68/2012 variant: a rulebook can express 0.5/1/1.5/2% and TK 4%', () => {
  const basis = { regulation: 'Permentan 68/2012', note: 'regulations.md §5.3 (varian Kementan)' };
  const KEMENTAN: Record<string, number> = {
    TL1: 0.5,
    TL2: 1,
    TL3: 1.5,
    TL4: 2,
    PSW1: 0.5,
    PSW2: 1,
    PSW3: 1.5,
    PSW4: 2,
    TK: 4,
  };
  const variant = structuredClone(books.national);
  variant.deductions.perDay = Object.entries(KEMENTAN).map(([code, percent]) => ({
    code: code as TppRules['deductions']['perDay'][number]['code'],
    percent,
    legalBasis: basis,
  }));

  it('the variant validates', () => expect(validateTppRules(variant)).toEqual([]));

  it.each(Object.entries(KEMENTAN))('§5.3 Kementan: %s = $1%', (code, percent) => {
    expect(perDay(variant, code)).toBe(percent);
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
    [
      'make-up allowance without a TL band in the per-day table',
      (r) => {
        r.deductions.lateMakeUp = {
          allowedDaysPerMonth: 5,
          beyond: 'excessDays',
          legalBasis: base.legalBasis,
        };
        r.deductions.perDay = r.deductions.perDay.filter((d) => d.code !== 'TL2');
      },
      'potongan TL2 tidak ada',
    ],
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

describe('validateTppAgainstRulebook: cross-section checks (§1.2, §1.10, §3.2)', () => {
  const discipline = disciplineRulesSchema.parse(nationalDiscipline);
  const attendance = attendanceRulesSchema.parse(nationalAttendance);
  const attendance6040 = attendanceRulesSchema.parse(regional6040Attendance);

  it.each([
    ['national', books.national, attendance],
    ['regional-60-40 (inherits the national discipline section)', books['regional-60-40'], attendance6040],
  ] as const)('%s has no issues', (_n, tpp, att) => {
    expect(validateTppAgainstRulebook(tpp, { discipline, attendance: att })).toEqual([]);
  });

  it('§1.10 a cut keyed on an unknown sanction code (B3_BANDING) is reported with a clear message', () => {
    const r = structuredClone(books['regional-60-40']);
    r.sanctionCuts.cuts.push({
      sanctionType: 'B3_BANDING',
      percent: 100,
      months: 12,
      base: 'total',
      legalBasis: { regulation: 'Uji' },
    });
    const issues = validateTppAgainstRulebook(r, { discipline, attendance: attendance6040 });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(`tpp.sanctionCuts.cuts[${r.sanctionCuts.cuts.length - 1}].sanctionType`);
    expect(issues[0]?.message).toMatch(/^Jenis hukuman B3_BANDING tidak ada di katalog hukuman disiplin/);
  });

  it('§3.2 a monthly make-up allowance without a same-day make-up in attendance is reported', () => {
    const issues = validateTppAgainstRulebook(books['regional-60-40'], { discipline, attendance });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [
        'tpp.deductions.lateMakeUp',
        'Batas bulanan keterlambatan yang diganti pada hari yang sama diisi, tetapi aturan presensi tidak mengizinkan penggantian (attendance.lateMakeUp kosong)',
      ],
    ]);
  });
});
