import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysInMonth } from '../common/local-date.ts';
import {
  composeNip,
  formatNip,
  isNonAsnIdentifier,
  isValidNip,
  normalizeNip,
  parseNip,
  type NipErrorCode,
} from './nip.ts';

describe('parseNip', () => {
  it('parses a valid PNS NIP into its parts', () => {
    expect(parseNip('198503122010011003')).toEqual({
      ok: true,
      value: {
        nip: '198503122010011003',
        layout: 'PNS',
        birthDate: '1985-03-12',
        appointmentYear: 2010,
        appointmentMonth: '2010-01',
        pppkAgreementCount: null,
        gender: 'L',
        sequence: '003',
      },
    });
  });

  it('parses an NI PPPK (digit 13 = 2, digit 14 = agreement count; no month)', () => {
    expect(parseNip('19880101 202221 2 004')).toEqual({
      ok: true,
      value: {
        nip: '198801012022212004',
        layout: 'PPPK',
        birthDate: '1988-01-01',
        appointmentYear: 2022,
        appointmentMonth: null,
        pppkAgreementCount: 1,
        gender: 'P',
        sequence: '004',
      },
    });
  });

  it('checks the expected layout when asked', () => {
    expect(parseNip('198801012022212004', { layout: 'PPPK' }).ok).toBe(true);
    expect(parseNip('198503122010011003', { layout: 'PNS' }).ok).toBe(true);
    const asPns = parseNip('198801012022212004', { layout: 'PNS' });
    expect(asPns.ok ? null : asPns.code).toBe('NIP_LAYOUT');
    const asPppk = parseNip('198503122010011003', { layout: 'PPPK' });
    expect(asPppk.ok ? null : asPppk.code).toBe('NIP_LAYOUT');
  });

  it.each([
    ['grouped with spaces', '19850312 201001 1 003', '198503122010011003'],
    ['leading/trailing and double spaces', '  19850312  201001 1 003 ', '198503122010011003'],
    ['tabs and non-breaking spaces', '19850312\t201001\u00a01 003', '198503122010011003'],
    ['a woman (digit 15 = 2)', '199207252019032001', '199207252019032001'],
    ['a PPPK with TMT in 2023', '198811142023212010', null],
    ['a PPPK on a second agreement', '198811142021221010', null],
    ['a PPPK appointed in the year of the 18th birthday', '200512312023211001', null],
    ['appointed in the month of the 18th birthday', '197006151988061001', '197006151988061001'],
    ['29 February in a leap year', '198802292010012001', '198802292010012001'],
  ])('accepts %s', (_label, input, expected) => {
    const r = parseNip(input);
    if (!r.ok) throw new Error(r.message);
    if (expected) expect(r.value.nip).toBe(expected);
  });

  it('reads gender P from digit 15 = 2', () => {
    const r = parseNip('199207252019032001');
    expect(r.ok && r.value.gender).toBe('P');
  });

  it.each<[string, string, NipErrorCode]>([
    ['empty', '', 'NIP_EMPTY'],
    ['only spaces', '   ', 'NIP_EMPTY'],
    ['17 digits', '19850312201001100', 'NIP_LENGTH'],
    ['19 digits', '1985031220100110031', 'NIP_LENGTH'],
    ['old 9-digit NIP', '010203040', 'NIP_LENGTH'],
    ['letters', '19850312201001100A', 'NIP_DIGITS'],
    ['dashes', '19850312-201001-1-003', 'NIP_DIGITS'],
    ['30 February birth date', '198502302010011003', 'NIP_BIRTH_DATE'],
    ['29 February in a non-leap year', '198502292010011003', 'NIP_BIRTH_DATE'],
    ['birth month 00', '198500122010011003', 'NIP_BIRTH_DATE'],
    ['birth year 1850', '185003121950011003', 'NIP_BIRTH_DATE'],
    ['appointment month 13', '198503122010131003', 'NIP_APPOINTMENT'],
    ['appointment month 00', '198503122010001003', 'NIP_APPOINTMENT'],
    ['appointment year 1949', '192001011949011003', 'NIP_APPOINTMENT'],
    ['appointment before 18th birthday', '198503122003021003', 'NIP_APPOINTMENT_AGE'],
    ['appointment one month before 18th birthday', '198503122003021003', 'NIP_APPOINTMENT_AGE'],
    ['appointment before birth', '198503121980011003', 'NIP_APPOINTMENT_AGE'],
    ['digit 13 neither month nor PPPK marker', '198503122010301003', 'NIP_APPOINTMENT'],
    ['PPPK agreement count 0', '198503122022201003', 'NIP_APPOINTMENT'],
    ['PPPK before 2019', '198503122018211003', 'NIP_APPOINTMENT'],
    ['PPPK appointed the year before the 18th birthday', '200601012023211001', 'NIP_APPOINTMENT_AGE'],
    ['gender digit 3', '198503122010013003', 'NIP_GENDER'],
    ['gender digit 0', '198503122010010003', 'NIP_GENDER'],
    ['sequence 000', '198503122010011000', 'NIP_SEQUENCE'],
  ])('rejects %s', (_label, input, code) => {
    const r = parseNip(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message.length).toBeGreaterThan(10);
  });

  it('hints at the new NIP for an old 9-digit one', () => {
    const r = parseNip('010203040');
    expect(!r.ok && r.message).toContain('NIP lama');
  });

  it('says the birth date in dd/MM/yyyy when the person was too young', () => {
    const r = parseNip('198503122003021003');
    expect(!r.ok && r.message).toContain('12/03/1985');
  });

  it('honours minAgeAtAppointment and minAppointmentYear', () => {
    expect(parseNip('198503122003041003').ok).toBe(true); // 18 years and one month
    expect(parseNip('198503122003041003', { minAgeAtAppointment: 20 }).ok).toBe(false);
    expect(parseNip('198503122010011003', { minAgeAtAppointment: 0 }).ok).toBe(true);
    expect(parseNip('192001011949011003', { minAppointmentYear: 1945 }).ok).toBe(true);
  });

  it('isValidNip mirrors parseNip', () => {
    expect(isValidNip('19850312 201001 1 003')).toBe(true);
    expect(isValidNip('19850312 201001 3 003')).toBe(false);
  });
});

describe('formatNip', () => {
  it.each([
    ['198503122010011003', '19850312 201001 1 003'],
    ['19850312 201001 1 003', '19850312 201001 1 003'],
    ['1985 0312 2010 0110 03', '19850312 201001 1 003'],
    ['  12345  ', '12345'],
    ['abc', 'abc'],
  ])('formatNip(%j) = %j', (input, expected) => expect(formatNip(input)).toBe(expected));

  it('normalizeNip strips every whitespace', () => {
    expect(normalizeNip(' 19850312 201001\n1 003 ')).toBe('198503122010011003');
  });
});

describe('composeNip', () => {
  it('builds the digits from parts', () => {
    expect(
      composeNip({ birthDate: '1985-03-12', appointmentMonth: '2010-01', gender: 'L', sequence: 3 }),
    ).toBe('198503122010011003');
    expect(
      composeNip({ birthDate: '1992-07-25', appointmentMonth: '2019-03', gender: 'P', sequence: '001' }),
    ).toBe('199207252019032001');
  });

  it('builds an NI PPPK', () => {
    expect(
      composeNip({
        layout: 'PPPK',
        birthDate: '1988-01-01',
        appointmentYear: 2022,
        gender: 'P',
        sequence: 4,
      }),
    ).toBe('198801012022212004');
  });

  it('throws on malformed parts (a caller bug)', () => {
    expect(() =>
      composeNip({ birthDate: '1985-3-12', appointmentMonth: '2010-01', gender: 'L', sequence: 1 }),
    ).toThrow();
    expect(() =>
      composeNip({ birthDate: '1985-03-12', appointmentMonth: '2010-01', gender: 'L', sequence: 1000 }),
    ).toThrow();
  });
});

/** A birth date 1940–2007 and a number of months after the 18th birthday. */
const birthAndOffset = fc.record({
  birthDay: fc.integer({ min: 0, max: 67 * 366 }),
  extraMonths: fc.integer({ min: 0, max: 40 * 12 }),
  gender: fc.constantFrom<'L' | 'P'>('L', 'P'),
  sequence: fc.integer({ min: 1, max: 999 }),
});

/** A valid PNS NIP: appointment from the month of the 18th birthday on. */
const validPnsParts = birthAndOffset.map(({ birthDay, extraMonths, gender, sequence }) => {
  const birthDate = addDays('1940-01-01', birthDay);
  const total = (Number(birthDate.slice(0, 4)) + 18) * 12 + (Number(birthDate.slice(5, 7)) - 1) + extraMonths;
  const appointmentMonth = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  return { layout: 'PNS' as const, birthDate, appointmentMonth, gender, sequence };
});

/** A valid NI PPPK: appointment year ≥ 2019 and ≥ the year of the 18th birthday. */
const validPppkParts = fc
  .record({
    birthDay: fc.integer({ min: 0, max: 67 * 366 }),
    extraYears: fc.integer({ min: 0, max: 20 }),
    agreementCount: fc.integer({ min: 1, max: 9 }),
    gender: fc.constantFrom<'L' | 'P'>('L', 'P'),
    sequence: fc.integer({ min: 1, max: 999 }),
  })
  .map(({ birthDay, extraYears, agreementCount, gender, sequence }) => {
    const birthDate = addDays('1940-01-01', birthDay);
    const appointmentYear = Math.max(2019, Number(birthDate.slice(0, 4)) + 18) + extraYears;
    return { layout: 'PPPK' as const, birthDate, appointmentYear, agreementCount, gender, sequence };
  });

describe('NIP properties', () => {
  it('formatNip → parseNip round-trips every valid PNS NIP', () => {
    fc.assert(
      fc.property(validPnsParts, (parts) => {
        const nip = composeNip(parts);
        const r = parseNip(formatNip(nip));
        if (!r.ok) throw new Error(`${nip}: ${r.message}`);
        expect(r.value).toEqual({
          nip,
          layout: 'PNS',
          birthDate: parts.birthDate,
          appointmentYear: Number(parts.appointmentMonth.slice(0, 4)),
          appointmentMonth: parts.appointmentMonth,
          pppkAgreementCount: null,
          gender: parts.gender,
          sequence: String(parts.sequence).padStart(3, '0'),
        });
        expect(normalizeNip(formatNip(nip))).toBe(nip);
      }),
    );
  });

  it('formatNip → parseNip round-trips every valid NI PPPK', () => {
    fc.assert(
      fc.property(validPppkParts, (parts) => {
        const nip = composeNip(parts);
        const r = parseNip(formatNip(nip), { layout: 'PPPK' });
        if (!r.ok) throw new Error(`${nip}: ${r.message}`);
        expect(r.value).toEqual({
          nip,
          layout: 'PPPK',
          birthDate: parts.birthDate,
          appointmentYear: parts.appointmentYear,
          appointmentMonth: null,
          pppkAgreementCount: parts.agreementCount,
          gender: parts.gender,
          sequence: String(parts.sequence).padStart(3, '0'),
        });
      }),
    );
  });

  it('an impossible birth day is always rejected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2000 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const day = daysInMonth(y, m) + 1;
        const nip = `${y}${String(m).padStart(2, '0')}${day}${y + 20}011001`;
        const r = parseNip(nip);
        expect(r.ok ? null : r.code).toBe('NIP_BIRTH_DATE');
      }),
    );
  });
});

describe('isNonAsnIdentifier', () => {
  it.each([
    ['NA-2026-0001', true],
    ['THL/DLHK/12', true],
    ['honorer_17', true],
    ['198503122010011003', false], // a NIP
    ['3601234567890001', false], // a NIK
    ['AB', false],
    ['-NA-1', false],
    ['NA 2026 0001', false],
    ['', false],
  ])('isNonAsnIdentifier(%j) = %s', (id, expected) => expect(isNonAsnIdentifier(id)).toBe(expected));
});
