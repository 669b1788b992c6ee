import { describe, expect, it } from 'vitest';
import type { DisciplineRules } from './discipline-rules.ts';
import { disciplineRulesSchema, findLadder, validateDisciplineRules } from './discipline-rules.ts';
import { nationalRules, regional4060Rules } from './test-helpers.ts';
import nationalJson from '../../../rulebooks/national/discipline.json' with { type: 'json' };

function mutate(change: (r: DisciplineRules) => void): DisciplineRules {
  const copy = structuredClone(nationalRules);
  change(copy);
  return copy;
}

function pnsSteps(r: DisciplineRules) {
  const ladder = r.ladders[0];
  if (ladder === undefined) throw new Error('fixture has no PNS ladder');
  return ladder.steps;
}

describe('discipline rulebooks', () => {
  it.each([
    ['national', nationalRules],
    ['regional-40-60', regional4060Rules],
  ])('%s parses and validates without issues', (_name, rules) => {
    expect(validateDisciplineRules(rules)).toEqual([]);
  });

  it('the national file round-trips through the schema', () => {
    expect(disciplineRulesSchema.safeParse(nationalJson).success).toBe(true);
  });

  it.each([
    ['PNS', 'PNS'],
    ['CPNS', 'PNS'],
    ['PPPK', 'PPPK'],
    ['PPPK_PARUH_WAKTU', 'PPPK'],
    ['NON_ASN', null],
  ] as const)('§0.1/§2.1–2.3: national ladder for %s is %s', (type, id) => {
    expect(findLadder(nationalRules, type)?.id ?? null).toBe(id);
  });

  it.each([
    ['national', nationalRules],
    ['regional-40-60', regional4060Rules],
  ])('§2.2: %s gives PPPK paruh waktu (ASN, KepmenPANRB 16/2025) the PPPK ladder', (_name, rules) => {
    expect(findLadder(rules, 'PPPK_PARUH_WAKTU')).toBe(findLadder(rules, 'PPPK'));
  });

  it.each([
    ['national', nationalRules],
    ['regional-40-60', regional4060Rules],
  ])('§0 HK / §1.3: %s treats LIBUR and CBER (cuti bersama) as non-working codes', (_name, rules) => {
    expect(rules.absence.nonWorkingCodes).toEqual(['LIBUR', 'CBER']);
  });

  it('450 minutes = 1 day, salary stop after 10 consecutive days, effective on the 15th HK after receipt', () => {
    expect(nationalRules.minutesPerDay.minutes).toBe(450);
    expect(findLadder(nationalRules, 'PNS')?.consecutive).toMatchObject({
      days: 10,
      sanction: 'B3',
      salaryStop: true,
    });
    expect(nationalRules.deadlines.effective).toMatchObject({
      count: 15,
      unit: 'workingDays',
      countFrom: { langsung: 'dayAfterReceipt', pos: 'receiptDay' },
    });
  });
});

describe('validateDisciplineRules', () => {
  it.each<[string, (r: DisciplineRules) => void, string, RegExp]>([
    [
      'a gap between steps',
      (r) => {
        (pnsSteps(r)[1] as { fromDays: number }).fromDays = 5;
      },
      'discipline.ladders[0].steps[1].fromDays',
      /celah/,
    ],
    [
      'overlapping steps',
      (r) => {
        (pnsSteps(r)[2] as { fromDays: number }).fromDays = 6;
      },
      'discipline.ladders[0].steps[2].fromDays',
      /tumpang tindih/,
    ],
    [
      'toDays below fromDays',
      (r) => {
        (pnsSteps(r)[1] as { toDays: number | null }).toDays = 3;
      },
      'discipline.ladders[0].steps[1].toDays',
      /lebih kecil/,
    ],
    [
      'an open-ended step that is not the last',
      (r) => {
        (pnsSteps(r)[1] as { toDays: number | null }).toDays = null;
      },
      'discipline.ladders[0].steps[1].toDays',
      /terakhir/,
    ],
    [
      'a first threshold of 0 days',
      (r) => {
        (pnsSteps(r)[0] as { fromDays: number }).fromDays = 0;
      },
      'discipline.ladders[0].steps[0].fromDays',
      /minimal 1/,
    ],
    [
      'a berat step before a sedang step',
      (r) => {
        const s = pnsSteps(r);
        (s[3] as { level: string }).level = 'berat';
        (s[3] as { sanction: string }).sanction = 'B1';
      },
      'discipline.ladders[0].steps[4].level',
      /ringan < sedang < berat/,
    ],
    [
      'a sanction whose level differs from the step',
      (r) => {
        (pnsSteps(r)[0] as { sanction: string }).sanction = 'S1';
      },
      'discipline.ladders[0].steps[0].sanction',
      /bertingkat sedang/,
    ],
    [
      'a lighter sanction on a higher step',
      (r) => {
        (pnsSteps(r)[2] as { sanction: string }).sanction = 'R1';
      },
      'discipline.ladders[0].steps[2].sanction',
      /lebih berat/,
    ],
    [
      'an unknown sanction',
      (r) => {
        (pnsSteps(r)[0] as { sanction: string }).sanction = 'XX';
      },
      'discipline.ladders[0].steps[0].sanction',
      /tidak ada di katalog/,
    ],
    [
      'minutes per day of 0',
      (r) => {
        r.minutesPerDay.minutes = 0;
      },
      'discipline.minutesPerDay.minutes',
      /lebih dari 0/,
    ],
    [
      'a zero delivery deadline',
      (r) => {
        r.deadlines.delivery.count = 0;
      },
      'discipline.deadlines.delivery.count',
      /lebih dari 0/,
    ],
    [
      'a negative appeal response deadline',
      (r) => {
        r.deadlines.appeal.response.count = -1;
      },
      'discipline.deadlines.appeal.response.count',
      /lebih dari 0/,
    ],
    [
      'an effective-date count-from missing for delivery by post',
      (r) => {
        delete (r.deadlines.effective.countFrom as Partial<Record<string, string>>)['pos'];
      },
      'discipline.deadlines.effective.countFrom.pos',
      /penyampaian pos/,
    ],
    [
      'a zero consecutive threshold',
      (r) => {
        const c = r.ladders[0]?.consecutive;
        if (c) c.days = 0;
      },
      'discipline.ladders[0].consecutive.days',
      /lebih dari 0/,
    ],
    [
      'an employee type in two ladders',
      (r) => {
        r.ladders[1]?.employeeTypes.push('CPNS');
      },
      'discipline.ladders[1].employeeTypes[2]',
      /sudah memiliki tangga PNS/,
    ],
    [
      'a code that is both TK and non-working',
      (r) => {
        r.absence.nonWorkingCodes.push('TK');
      },
      'discipline.absence.nonWorkingCodes[2]',
      /sekaligus/,
    ],
    [
      'an inactive sanction without substitute',
      (r) => {
        const s = r.sanctionTypes.find((t) => t.code === 'S1');
        if (s) s.interimSubstitute = null;
      },
      'discipline.sanctionTypes[3].interimSubstitute',
      /tidak memiliki pengganti/,
    ],
    [
      'a ringan sanction ranked above a sedang one',
      (r) => {
        const s = r.sanctionTypes.find((t) => t.code === 'R3');
        if (s) s.rank = 500;
      },
      'discipline.sanctionTypes[2].rank',
      /tidak boleh lebih berat/,
    ],
    [
      'an end date before the start date',
      (r) => {
        r.effectiveTo = '2020-01-01';
      },
      'discipline.effectiveTo',
      /sebelum/,
    ],
  ])('reports %s', (_name, change, path, message) => {
    const issues = validateDisciplineRules(mutate(change));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('rejects the former single countFrom (one convention for every delivery method) with an Indonesian message', () => {
    const json = structuredClone(nationalJson) as unknown as {
      deadlines: { effective: { countFrom: unknown } };
    };
    json.deadlines.effective.countFrom = 'dayAfterReceipt';
    const parsed = disciplineRulesSchema.safeParse(json);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(
      expect.objectContaining({
        path: ['deadlines', 'effective', 'countFrom'],
        message: expect.stringMatching(/per cara penyampaian/),
      }),
    );
  });

  it('rejects an unknown count-from convention for a delivery method', () => {
    const json = structuredClone(nationalJson) as unknown as {
      deadlines: { effective: { countFrom: Record<string, string> } };
    };
    json.deadlines.effective.countFrom['pos'] = 'hariKerja';
    const parsed = disciplineRulesSchema.safeParse(json);
    expect(parsed.error?.issues).toContainEqual(
      expect.objectContaining({
        path: ['deadlines', 'effective', 'countFrom', 'pos'],
        message: expect.stringMatching(/dayAfterReceipt .* receiptDay/),
      }),
    );
  });

  it('uses the given path prefix', () => {
    const issues = validateDisciplineRules(
      mutate((r) => {
        r.minutesPerDay.minutes = -5;
      }),
      'rulebook.discipline',
    );
    expect(issues.map((i) => i.path)).toEqual(['rulebook.discipline.minutesPerDay.minutes']);
  });
});

describe('§1.2 sanction catalogue: levels, durations, interim forms (PP 94/2021 Pasal 8, 42)', () => {
  type CatalogueRow = [
    name: string,
    code: string,
    level: 'ringan' | 'sedang' | 'berat',
    months: number | null,
    active: boolean,
    substitute: string | null,
  ];
  const rows: CatalogueRow[] = [
    ['§1.2 R1 teguran lisan: one-off', 'R1', 'ringan', null, true, null],
    ['§1.2 R2 teguran tertulis: one-off', 'R2', 'ringan', null, true, null],
    ['§1.2 R3 pernyataan tidak puas: one-off', 'R3', 'ringan', null, true, null],
    ['§1.2 S1 25% tukin × 6 months, interim KGB postponed 1 year', 'S1', 'sedang', 6, false, 'KGB_TUNDA_1TH'],
    [
      '§1.2 S2 25% tukin × 9 months, interim promotion postponed 1 year',
      'S2',
      'sedang',
      9,
      false,
      'PANGKAT_TUNDA_1TH',
    ],
    [
      '§1.2 S3 25% tukin × 12 months, interim rank demotion 1 year',
      'S3',
      'sedang',
      12,
      false,
      'PANGKAT_TURUN_1TH',
    ],
    ['§1.2 interim S1: KGB postponed 1 year = 12 months', 'KGB_TUNDA_1TH', 'sedang', 12, true, null],
    ['§1.2 interim S2: pangkat postponed 1 year = 12 months', 'PANGKAT_TUNDA_1TH', 'sedang', 12, true, null],
    ['§1.2 interim S3: pangkat demoted 1 year = 12 months', 'PANGKAT_TURUN_1TH', 'sedang', 12, true, null],
    ['§1.2 B1 demotion one level × 12 months', 'B1', 'berat', 12, true, null],
    ['§1.2 B2 to pelaksana × 12 months', 'B2', 'berat', 12, true, null],
    ['§1.2 B3 PDHTAPS: final', 'B3', 'berat', null, true, null],
  ];
  it.each([
    ...rows.map((r): [string, DisciplineRules, ...CatalogueRow] => ['national', nationalRules, ...r]),
    ...rows.map((r): [string, DisciplineRules, ...CatalogueRow] => [
      'regional-40-60',
      regional4060Rules,
      ...r,
    ]),
  ])('$0: $2', (_book, rules, _name, code, level, months, active, substitute) => {
    expect(rules.sanctionTypes.find((s) => s.code === code)).toMatchObject({
      level,
      durationMonths: months,
      active,
      interimSubstitute: substitute,
    });
  });

  it.each<[string, string, number]>([
    ['§2.1 Kalbar PPPK 11–13 days: KGB postponed 1 year = 12 months', 'KGB_TUNDA_1TH', 12],
    ['§2.1 Kalbar PPPK 14–16 days: KGB postponed 2 years = 24 months', 'KGB_TUNDA_2TH', 24],
    [
      '§2.1 Kalbar PPPK 17–20 days: KGB postponed 3 years = 36 months (and no extension)',
      'KGB_TUNDA_3TH_TIDAK_DIPERPANJANG',
      36,
    ],
  ])('regional-40-60: %s', (_name, code, months) => {
    expect(regional4060Rules.sanctionTypes.find((s) => s.code === code)?.durationMonths).toBe(months);
  });
});
