import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import leaveJson from '../../../rulebooks/national/leave.json' with { type: 'json' };
import type { LeaveCode } from '../attendance/status-codes.ts';
import type { EmployeeType, LeaveRules } from './leave-rules.ts';
import { approverFor, DEFAULT_LEAVE_APPROVAL, leaveRulesSchema, validateLeaveRules } from './leave-rules.ts';
import {
  ACTIVE_LEAVE_STATUSES,
  afterDecision,
  canCancel,
  countLeaveDays,
  LEAVE_STATUSES,
  monthsOf,
  type LeaveDayType,
  type LeaveDecision,
  type LeaveStatus,
} from './leave-workflow.ts';
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
    // The reason the employee reads gives the date as dd/MM/yyyy.
    expect(b.explanation[0]).toContain('yaitu mulai 01/07/2020');
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

describe('opening balance migrated from an old system', () => {
  const base = {
    employeeType: 'PNS' as const,
    serviceStartDate: '2015-01-01',
    rules: RULES,
  };
  it.each([
    // [case, year, taken by year (in this system), opening, available, remaining]
    ['opening N-1 4, N-2 0 in 2026: 12 + 4 = 16', 2026, {}, [2026, 4, 0, 0], 16, 16],
    ['opening N-1 6, N-2 6 and 5 taken in the old system: 24 − 5', 2026, {}, [2026, 6, 6, 5], 24, 19],
    ['opening above the caps is capped to 6 + 6', 2026, {}, [2026, 9, 8, 0], 24, 24],
    ['history before the opening year is ignored', 2026, { 2024: 12, 2025: 12 }, [2026, 6, 0, 0], 18, 18],
    [
      'the year after: 2 taken in 2026 come from the opening N-1 first → 12 + 6 + 4 = 22',
      2027,
      { 2026: 2 },
      [2026, 6, 0, 0],
      22,
      22,
    ],
    [
      'opening later than the asked year is not applied (history counts)',
      2025,
      { 2024: 12 },
      [2026, 0, 0, 0],
      18,
      18,
    ],
  ])('%s', (_name, year, takenByYear, [oy, n1, n2, tb], available, remaining) => {
    const b = computeAnnualLeaveBalance({
      ...base,
      year,
      takenByYear,
      opening: { year: oy!, carriedFromPreviousYear: n1!, carriedFromTwoYearsBefore: n2!, takenBefore: tb! },
    });
    expect([b.available, b.remaining]).toEqual([available, remaining]);
  });

  it('the explanation names the migrated balance', () => {
    const b = computeAnnualLeaveBalance({
      ...base,
      year: 2026,
      takenByYear: {},
      opening: { year: 2026, carriedFromPreviousYear: 3, carriedFromTwoYearsBefore: 0, takenBefore: 1 },
    });
    expect(b.explanation.join(' ')).toContain('Saldo awal dari sistem lama per 2026');
  });
});

describe('leave-granting official (PyBMC) per type [REG]', () => {
  it.each<[LeaveCode, string]>([
    ['CT', 'OPD_HEAD'],
    ['CS', 'OPD_HEAD'],
    ['CB', 'OPD_HEAD'],
    ['CLTN', 'BKD'],
  ])('national rulebook: %s is granted by %s', (code, who) => expect(approverFor(RULES, code)).toBe(who));

  it('a rulebook without an approval section falls back to the national default', () => {
    const { approval: _a, ...rest } = RULES;
    expect(approverFor(rest as LeaveRules, 'CT')).toBe(DEFAULT_LEAVE_APPROVAL.default);
    expect(approverFor(rest as LeaveRules, 'CLTN')).toBe('BKD');
  });

  it('a region can route every type through BKD', () => {
    const r = leaveRulesSchema.parse({ ...leaveJson, approval: { ...leaveJson.approval, default: 'BKD' } });
    expect(approverFor(r, 'CT')).toBe('BKD');
  });
});

describe('leave day counting on the unit calendar', () => {
  // Mon 2026-03-16 … Sun 2026-03-22: Thu 19 holiday (Nyepi), Fri 20 cuti bersama (example calendar).
  const types: Record<string, LeaveDayType> = {
    '2026-03-19': 'holiday',
    '2026-03-20': 'cuti_bersama',
  };
  const dayType = (d: string): LeaveDayType => {
    if (types[d]) return types[d];
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    return wd === 0 || wd === 6 ? 'weekend' : 'working';
  };
  it.each([
    ['Mon–Wed: 3 HK', '2026-03-16', '2026-03-18', { workingDays: 3, calendarDays: 3, cutiBersamaDays: 0 }],
    [
      'Mon–Sun with a holiday and cuti bersama: 3 HK (cuti bersama does not reduce)',
      '2026-03-16',
      '2026-03-22',
      { workingDays: 3, calendarDays: 7, cutiBersamaDays: 1, holidayDays: 1, weekendDays: 2 },
    ],
    ['only the cuti bersama day and weekend: 0 HK', '2026-03-20', '2026-03-22', { workingDays: 0 }],
    ['to before from: nothing', '2026-03-18', '2026-03-16', { calendarDays: 0, workingDays: 0 }],
  ])('%s', (_n, from, to, expected) => expect(countLeaveDays(dayType, from, to)).toMatchObject(expected));
});

describe('approval state machine', () => {
  it.each<[LeaveStatus, boolean, LeaveDecision, LeaveStatus | null]>([
    ['DIAJUKAN', true, 'APPROVE', 'DISETUJUI_ATASAN'],
    ['DIAJUKAN', true, 'REJECT', 'DITOLAK'],
    ['DISETUJUI_ATASAN', true, 'APPROVE', 'DISETUJUI'],
    ['DISETUJUI_ATASAN', true, 'REJECT', 'DITOLAK'],
    ['DIAJUKAN', false, 'APPROVE', 'DISETUJUI'],
    ['DISETUJUI', true, 'APPROVE', null],
    ['DITOLAK', true, 'APPROVE', null],
    ['DIBATALKAN', false, 'REJECT', null],
  ])('%s (superior step %s) + %s → %s', (status, hasSuperior, decision, next) =>
    expect(afterDecision(status, hasSuperior, decision)).toBe(next),
  );

  it.each<[LeaveStatus, 'EMPLOYEE' | 'PYBMC', string, boolean]>([
    ['DIAJUKAN', 'EMPLOYEE', '2026-02-02', true],
    ['DISETUJUI', 'EMPLOYEE', '2026-02-02', true],
    ['DISETUJUI', 'EMPLOYEE', '2026-01-15', false],
    ['DISETUJUI', 'PYBMC', '2026-01-10', true],
    ['DITOLAK', 'PYBMC', '2026-02-02', false],
    ['DIBATALKAN', 'EMPLOYEE', '2026-02-02', false],
  ])('cancel %s by %s starting %s (today 2026-01-15): %s', (status, by, from, ok) =>
    expect(canCancel(status, by, from, '2026-01-15').ok).toBe(ok),
  );

  it('months of a range', () => {
    expect(monthsOf('2025-12-30', '2026-02-01')).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('property: a decision never leads back to an earlier state and is impossible once decided', () => {
    const order: Record<LeaveStatus, number> = {
      DIAJUKAN: 0,
      DISETUJUI_ATASAN: 1,
      DISETUJUI: 2,
      DITOLAK: 2,
      DIBATALKAN: 2,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...LEAVE_STATUSES),
        fc.boolean(),
        fc.constantFrom<LeaveDecision>('APPROVE', 'REJECT'),
        (s, h, d) => {
          const next = afterDecision(s, h, d);
          if (next === null) expect(ACTIVE_LEAVE_STATUSES.includes(s) && s !== 'DISETUJUI').toBe(false);
          else expect(order[next]).toBeGreaterThan(order[s]);
        },
      ),
    );
  });
});
