import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import leaveJson from '../../../rulebooks/national/leave.json' with { type: 'json' };
import type { LeaveCode } from '../attendance/status-codes.ts';
import type { EmployeeType, LeaveRules } from './leave-rules.ts';
import { leaveRulesSchema, validateLeaveRules } from './leave-rules.ts';
import type { LeaveRequest } from './leave-balance.ts';
import { checkLeaveRequest, computeAnnualLeaveBalance } from './leave-balance.ts';

const RULES = leaveRulesSchema.parse(leaveJson);
const typeRule = (code: LeaveCode, employeeType: EmployeeType) =>
  RULES.types.find((t) => t.code === code && t.employeeTypes.includes(employeeType));
const annual = (employeeType: EmployeeType) =>
  RULES.annual.find((a) => a.employeeTypes.includes(employeeType));

function request(overrides: Partial<LeaveRequest>): LeaveRequest {
  return {
    type: 'CT',
    from: '2025-03-10',
    to: '2025-03-12',
    workingDaysRequested: 3,
    employee: { employeeType: 'PNS', serviceStartDate: '2015-01-01' },
    attachments: [],
    rules: RULES,
    ...overrides,
  };
}
const codes = (r: LeaveRequest) => checkLeaveRequest(r).map((v) => v.code);

describe('rulebook', () => {
  it('national leave section has no issues', () => expect(validateLeaveRules(RULES)).toEqual([]));

  it.each<[string, (r: LeaveRules) => void, string]>([
    ['18 below 12', (r) => (r.annual[0]!.maxWithOneYearCarry = 10), 'lebih kecil dari hak tahunan'],
    ['24 below 18', (r) => (r.annual[0]!.maxWithTwoYearsCarry = 17), 'lebih kecil dari batas sisa 1 tahun'],
    ['duplicate type', (r) => r.types.push(structuredClone(r.types[0]!)), 'lebih dari sekali'],
    ['cuti bersama both ways', (r) => (r.cutiBersama.reducesAnnualLeave = true), 'tidak mungkin sekaligus'],
    ['attachments out of order', (r) => r.types[1]!.attachments.reverse(), 'berurutan'],
  ])('validation: %s', (_n, mutate, message) => {
    const r = structuredClone(RULES);
    mutate(r);
    expect(
      validateLeaveRules(r)
        .map((i) => i.message)
        .join(' | '),
    ).toContain(message);
  });
});

describe('§4.1 PNS leave numbers', () => {
  it.each([
    ['CT minimum service 1 year', annual('PNS')?.minServiceYears, 1],
    ['CT entitlement 12 HK', annual('PNS')?.entitlementDays, 12],
    ['CT minimum 1 day per request', annual('PNS')?.minDaysPerRequest, 1],
    ['CT +12 calendar days in a hard-to-reach place', annual('PNS')?.hardToReachExtraCalendarDays, 12],
    ['carry-over: max 18 HK incl. current year', annual('PNS')?.maxWithOneYearCarry, 18],
    ['carry-over: max 24 HK after ≥ 2 years', annual('PNS')?.maxWithTwoYearsCarry, 24],
    ['CPNS has the same annual leave (1 year)', annual('CPNS')?.minServiceYears, 1],
    ['CB minimum service 5 years', typeRule('CB', 'PNS')?.minServiceYears, 5],
    ['CB max 3 months', typeRule('CB', 'PNS')?.maxDuration.amount, 3],
    ['CS doctor note when > 1 day', typeRule('CS', 'PNS')?.attachments[0]?.whenLongerThan.amount, 1],
    ['CS government doctor when > 14 days', typeRule('CS', 'PNS')?.attachments[1]?.whenLongerThan.amount, 14],
    ['CS max 1 year', typeRule('CS', 'PNS')?.maxDuration.amount, 1],
    ['CS extension 6 months', typeRule('CS', 'PNS')?.extension?.duration?.amount, 6],
    ['CS miscarriage 1.5 months', typeRule('CS', 'PNS')?.variants[0]?.maxDuration.amount, 1.5],
    ['CM births 1–3', typeRule('CM', 'PNS')?.maxOccurrences, 3],
    ['CM 3 months', typeRule('CM', 'PNS')?.maxDuration.amount, 3],
    ['CAP max 1 month', typeRule('CAP', 'PNS')?.maxDuration.amount, 1],
    ['CLTN minimum service 5 years', typeRule('CLTN', 'PNS')?.minServiceYears, 5],
    ['CLTN max 3 years', typeRule('CLTN', 'PNS')?.maxDuration.amount, 3],
    ['CLTN extension 1 year', typeRule('CLTN', 'PNS')?.extension?.duration?.amount, 1],
  ])('%s', (_name, actual, expected) => expect(actual).toBe(expected));

  it('cuti bersama does not reduce CT; worked days are added (PP 11/2017 Pasal 333)', () => {
    expect(RULES.cutiBersama).toMatchObject({
      reducesAnnualLeave: false,
      workedDaysAddedToAnnualLeave: true,
    });
    expect(RULES.cutiBersama.legalBasis.article).toBe('Pasal 333');
  });
});

describe('§4.2 PPPK leave numbers', () => {
  it.each([
    ['CT after 1 year', annual('PPPK')?.minServiceYears, 1],
    ['CT 12 HK', annual('PPPK')?.entitlementDays, 12],
    ['CT accumulates to 18', annual('PPPK')?.maxWithOneYearCarry, 18],
    ['CT accumulates to 24', annual('PPPK')?.maxWithTwoYearsCarry, 24],
    ['CT +6 calendar days in a hard-to-reach place', annual('PPPK')?.hardToReachExtraCalendarDays, 6],
    ['CS doctor note when > 1 day', typeRule('CS', 'PPPK')?.attachments[0]?.whenLongerThan.amount, 1],
    [
      'CS government doctor when > 14 days',
      typeRule('CS', 'PPPK')?.attachments[1]?.whenLongerThan.amount,
      14,
    ],
    ['CS max 1 month', typeRule('CS', 'PPPK')?.maxDuration.amount, 1],
    ['CS miscarriage 1.5 months', typeRule('CS', 'PPPK')?.variants[0]?.maxDuration.amount, 1.5],
    ['CM births 1–3', typeRule('CM', 'PPPK')?.maxOccurrences, 3],
    ['CM 3 months', typeRule('CM', 'PPPK')?.maxDuration.amount, 3],
  ])('%s', (_name, actual, expected) => expect(actual).toBe(expected));

  it.each(['PPPK', 'PPPK_PARUH_WAKTU'] as const)(
    '§4.2 %s cuti sakit: work accident → extension until the contract ends (no fixed length)',
    (type) => {
      expect(typeRule('CS', type)?.extension).toEqual({
        untilContractEnd: true,
        condition: 'kecelakaan kerja',
      });
    },
  );

  it.each<[string, EmployeeType, string]>([
    [
      '§4.1 PNS cuti sakit over 1 year: extension at most 6 months',
      'PNS',
      'perpanjangan paling lama 6 bulan',
    ],
    [
      '§4.2 PPPK cuti sakit over 1 month: work accident → until the contract ends',
      'PPPK',
      'perpanjangan sampai berakhirnya masa perjanjian kerja (kecelakaan kerja)',
    ],
  ])('%s', (_name, employeeType, text) => {
    const v = checkLeaveRequest(
      request({
        type: 'CS',
        from: '2025-01-01',
        to: '2026-12-31',
        workingDaysRequested: 480,
        employee: { employeeType, serviceStartDate: '2015-01-01' },
        attachments: ['SURAT_DOKTER', 'SURAT_DOKTER_PEMERINTAH', 'SURAT_TIM_PENGUJI_KESEHATAN'],
      }),
    ).find((x) => x.code === 'MAX_DURATION');
    expect(v?.message).toContain(text);
  });

  it('an extension with both a length and "until contract end" is reported', () => {
    const r = structuredClone(RULES);
    const cs = r.types.find((t) => t.code === 'CS' && t.employeeTypes.includes('PPPK'));
    if (cs?.extension) cs.extension.duration = { amount: 1, unit: 'months' };
    expect(
      validateLeaveRules(r)
        .map((i) => i.message)
        .join(' | '),
    ).toContain('salah satu saja');
  });

  it.each([['CB'], ['CAP'], ['CLTN']] as const)('no %s for PPPK', (code) =>
    expect(typeRule(code, 'PPPK')).toBeUndefined(),
  );
});

describe('annual leave balance and carry-over (12 → 18 → 24)', () => {
  const balance = (
    year: number,
    takenByYear: Record<number, number>,
    extra: Partial<Parameters<typeof computeAnnualLeaveBalance>[0]> = {},
  ) =>
    computeAnnualLeaveBalance({
      employeeType: 'PNS',
      serviceStartDate: '2019-07-01',
      year,
      takenByYear,
      rules: RULES,
      ...extra,
    });

  it.each([
    // [case, year, taken by year, carried from N-1, from N-2, available]
    ['first eligible year (service 2019-07-01 → 2020-07-01): 12', 2020, {}, 0, 0, 12],
    ['one year fully unused: 12 + 6 = 18', 2021, { 2020: 0 }, 6, 0, 18],
    ['two years unused: 12 + 6 + 6 = 24', 2022, { 2020: 0, 2021: 0 }, 6, 6, 24],
    ['many years unused: still 24', 2025, {}, 6, 6, 24],
    ['10 of 12 used last year: 12 + 2 = 14', 2021, { 2020: 10 }, 2, 0, 14],
    [
      '12 of 18 used last year, oldest first: the 6 carried go first, 6 fresh left → 18',
      2022,
      { 2020: 0, 2021: 12 },
      6,
      0,
      18,
    ],
    ['all 18 used last year: 12', 2022, { 2020: 0, 2021: 18 }, 0, 0, 12],
    [
      '3 days used in 2021 come from the 2020 carry first: 12 + 6 + 3 = 21',
      2022,
      { 2020: 0, 2021: 3 },
      6,
      3,
      21,
    ],
  ])('%s', (_name, year, taken, n1, n2, available) => {
    const b = balance(year, taken);
    expect([b.carriedFromPreviousYear, b.carriedFromTwoYearsBefore, b.available]).toEqual([
      n1,
      n2,
      available,
    ]);
    expect(b.carriedOver).toBe(n1 + n2);
  });

  it('no annual leave before one year of service', () => {
    const b = balance(2019, {});
    expect([b.isEligible, b.available, b.eligibleFrom]).toEqual([false, 0, '2020-07-01']);
  });

  it('cuti bersama worked (3 days) is added, not deducted', () => {
    const b = balance(2021, { 2020: 12 }, { cutiBersamaWorkedDays: { 2021: 3 } });
    expect([b.entitlement, b.available]).toEqual([15, 15]);
    expect(b.explanation.join(' ')).toContain('cuti bersama');
  });

  it('cuti besar in the year: no fresh annual leave', () => {
    expect(balance(2021, { 2020: 12 }, { cutiBesarYears: [2021] }).entitlement).toBe(0);
  });

  it('non-ASN has no annual leave in this section', () => {
    expect(
      computeAnnualLeaveBalance({
        employeeType: 'NON_ASN',
        serviceStartDate: '2010-01-01',
        year: 2025,
        takenByYear: {},
        rules: RULES,
      }).available,
    ).toBe(0);
  });

  it('property: available never exceeds 24 and remaining never goes negative', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 6, maxLength: 6 }), (taken) => {
        const takenByYear = Object.fromEntries(taken.map((t, i) => [2020 + i, t]));
        const b = balance(2025, takenByYear);
        expect(b.available).toBeLessThanOrEqual(24);
        expect(b.available).toBeGreaterThanOrEqual(12);
        expect(b.remaining).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('checkLeaveRequest', () => {
  it('a normal annual leave within the balance passes', () => {
    const bal = computeAnnualLeaveBalance({
      employeeType: 'PNS',
      serviceStartDate: '2015-01-01',
      year: 2025,
      takenByYear: {},
      rules: RULES,
    });
    expect(checkLeaveRequest(request({ balance: bal }))).toEqual([]);
  });

  it.each<[string, Partial<LeaveRequest>, string[]]>([
    [
      'annual leave before 1 year of service',
      { employee: { employeeType: 'CPNS', serviceStartDate: '2024-06-01' } },
      ['SERVICE'],
    ],
    [
      'annual leave over the balance',
      { workingDaysRequested: 13, balance: { remaining: 12 } as LeaveRequest['balance'] },
      ['BALANCE'],
    ],
    ['annual leave of 0 days', { workingDaysRequested: 0 }, ['MIN_DAYS']],
    ['annual leave in a cuti besar year', { cutiBesarInYear: true }, ['CUTI_BESAR_YEAR']],
    ['reversed dates', { from: '2025-03-12', to: '2025-03-10' }, ['INVALID_RANGE']],
    ['cuti bersama is not requested', { type: 'CBER' }, ['NOT_REQUESTABLE']],
    [
      'PPPK asking for cuti besar',
      { type: 'CB', employee: { employeeType: 'PPPK', serviceStartDate: '2015-01-01' } },
      ['NOT_ENTITLED'],
    ],
    [
      'cuti besar before 5 years',
      {
        type: 'CB',
        from: '2025-03-01',
        to: '2025-03-31',
        employee: { employeeType: 'PNS', serviceStartDate: '2021-01-01' },
      },
      ['SERVICE'],
    ],
    [
      'cuti besar before 5 years for a first hajj',
      {
        type: 'CB',
        from: '2025-03-01',
        to: '2025-03-31',
        employee: { employeeType: 'PNS', serviceStartDate: '2021-01-01' },
        serviceExceptionClaimed: true,
      },
      [],
    ],
    ['cuti besar 3 months exactly', { type: 'CB', from: '2025-03-01', to: '2025-05-31' }, []],
    ['cuti besar over 3 months', { type: 'CB', from: '2025-03-01', to: '2025-06-01' }, ['MAX_DURATION']],
    ['sick 1 day without a note', { type: 'CS', from: '2025-03-10', to: '2025-03-10' }, []],
    ['sick 2 days without a note', { type: 'CS', from: '2025-03-10', to: '2025-03-11' }, ['ATTACHMENT']],
    [
      'sick 14 days with a doctor note',
      { type: 'CS', from: '2025-03-01', to: '2025-03-14', attachments: ['SURAT_DOKTER'] },
      [],
    ],
    [
      'sick 15 days with only a private doctor note',
      { type: 'CS', from: '2025-03-01', to: '2025-03-15', attachments: ['SURAT_DOKTER'] },
      ['ATTACHMENT'],
    ],
    [
      'sick 15 days with a government doctor',
      { type: 'CS', from: '2025-03-01', to: '2025-03-15', attachments: ['SURAT_DOKTER_PEMERINTAH'] },
      [],
    ],
    [
      'PNS sick over 1 year',
      { type: 'CS', from: '2025-01-01', to: '2026-01-01', attachments: ['SURAT_DOKTER_PEMERINTAH'] },
      ['MAX_DURATION'],
    ],
    [
      'PPPK sick over 1 month',
      {
        type: 'CS',
        from: '2025-03-01',
        to: '2025-04-01',
        attachments: ['SURAT_DOKTER_PEMERINTAH'],
        employee: { employeeType: 'PPPK', serviceStartDate: '2024-01-01' },
      },
      ['MAX_DURATION'],
    ],
    [
      'miscarriage 1.5 months',
      {
        type: 'CS',
        variant: 'KEGUGURAN',
        from: '2025-03-01',
        to: '2025-04-15',
        attachments: ['SURAT_DOKTER_PEMERINTAH'],
      },
      [],
    ],
    [
      'miscarriage beyond 1.5 months',
      {
        type: 'CS',
        variant: 'KEGUGURAN',
        from: '2025-03-01',
        to: '2025-04-16',
        attachments: ['SURAT_DOKTER_PEMERINTAH'],
      },
      ['MAX_DURATION'],
    ],
    [
      'fourth birth via cuti melahirkan',
      { type: 'CM', from: '2025-03-01', to: '2025-05-31', previousOccurrences: 3 },
      ['MAX_OCCURRENCES'],
    ],
    ['CAP over 1 month', { type: 'CAP', from: '2025-03-01', to: '2025-04-01' }, ['MAX_DURATION']],
    ['CLTN over 3 years', { type: 'CLTN', from: '2025-03-01', to: '2028-03-01' }, ['MAX_DURATION']],
  ])('%s', (_name, overrides, expected) => {
    expect(codes(request(overrides))).toEqual(expected);
  });

  it('messages are in Bahasa Indonesia', () => {
    const [v] = checkLeaveRequest(
      request({ type: 'CS', from: '2025-03-01', to: '2025-03-15', attachments: ['SURAT_DOKTER'] }),
    );
    expect(v?.message).toBe(
      'Cuti sakit lebih dari 14 hari wajib melampirkan surat keterangan dokter pemerintah',
    );
  });
});
