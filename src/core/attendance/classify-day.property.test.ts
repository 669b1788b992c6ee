import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../common/local-date.ts';
import { INDONESIAN_TIME_ZONES, fromZoned } from '../common/zoned-time.ts';
import type { DaySchedule } from '../schedule/day-schedule.ts';
import type { AttendanceRules } from './attendance-rules.ts';
import { validateAttendanceRules } from './attendance-rules.ts';
import type { ApprovedAbsence, CalendarDayType, ClassifyDayInput, Punch } from './classify-day.ts';
import { classifyDay, compileAttendanceRules } from './classify-day.ts';
import { EARLY_BANDS, LATE_BANDS, LEAVE_CODES, PERMIT_CODES, WORK_LOCATIONS } from './status-codes.ts';
import {
  DATE,
  makeNightShift,
  makeSchedule,
  nationalRules,
  regional4060Rules,
  regional6040Rules,
} from './test-helpers.ts';

const ALL_CODES = [...LEAVE_CODES, ...PERMIT_CODES];
const LB = { regulation: 'Uji properti' };

/** Contiguous bands from minute 1, open-ended last band: always valid by construction. */
function bandsArb<B extends string>(names: readonly B[]) {
  return fc.integer({ min: 1, max: names.length }).chain((n) =>
    fc.uniqueArray(fc.integer({ min: 2, max: 900 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
      const bounds = [1, ...cuts.sort((a, b) => a - b)];
      return bounds.map((from, i) => ({
        band: names[i] as B,
        fromMinute: from,
        belowMinute: bounds[i + 1] ?? null,
      }));
    }),
  );
}

const missingMinutesArb = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), minutes: fc.integer({ min: 0, max: 1440 }) }),
  fc.constant({ kind: 'bandFloor' as const }),
  fc.constant({ kind: 'halfSchedule' as const }),
);

const absenceCodesArb = fc.shuffledSubarray(ALL_CODES, { minLength: ALL_CODES.length }).chain((codes) =>
  fc.tuple(...codes.map(() => fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()))).map((flags) =>
    codes.map((code, i) => {
      const [full, partial, worked] = flags[i] ?? [true, false, false];
      return {
        code,
        label: `Label ${code}`,
        fullDay: full || !partial,
        partial,
        countsAsWorked: worked,
        legalBasis: LB,
      };
    }),
  ),
);

/** Any attendance rules that pass validation (built valid; checked with fc.pre). */
const generatedRulesArb: fc.Arbitrary<AttendanceRules> = fc
  .record({
    late: bandsArb(LATE_BANDS),
    early: bandsArb(EARLY_BANDS),
    lateCountedFrom: fc.constantFrom('start' as const, 'graceEnd' as const),
    excludeBreaks: fc.boolean(),
    makeUp: fc.option(fc.integer({ min: 1, max: 240 })),
    missingIn: missingMinutesArb,
    missingOut: missingMinutesArb,
    missingInPick: fc.nat(),
    missingOutPick: fc.nat(),
    ambiguous: fc.constantFrom('scheduleMidpoint' as const, 'checkIn' as const, 'checkOut' as const),
    excusesBand: fc.boolean(),
    excusesMinutes: fc.boolean(),
    absenceCodes: absenceCodesArb,
    cutiBersama: fc.constantFrom('CBER' as const, 'LIBUR' as const),
    recordAs: fc.constantFrom('LIBUR' as const, 'H' as const),
    flexMinimum: fc.oneof(
      fc.constant({ kind: 'none' as const }),
      fc.constant({ kind: 'scheduleNet' as const }),
      fc.record({ kind: fc.constant('fixed' as const), minutes: fc.integer({ min: 1, max: 1440 }) }),
    ),
    flexShortfall: fc.constantFrom('earlyBand' as const, 'minutesOnly' as const, 'TK' as const),
    flexSinglePunch: fc.constantFrom('missingPunch' as const, 'TK' as const),
  })
  .map((g): AttendanceRules => ({
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    lateBands: { bands: g.late, legalBasis: LB },
    earlyBands: { bands: g.early, legalBasis: LB },
    lateCountedFrom: { value: g.lateCountedFrom, legalBasis: LB },
    minutesExcludeBreaks: { value: g.excludeBreaks, legalBasis: LB },
    lateMakeUp: g.makeUp === null ? null : { maxLateMinutes: g.makeUp, legalBasis: LB },
    flexibleTime: {
      minimumNetMinutes: g.flexMinimum,
      shortfall: g.flexShortfall,
      singlePunch: g.flexSinglePunch,
      legalBasis: LB,
    },
    missingCheckIn: {
      band: g.late[g.missingInPick % g.late.length]!.band,
      minutes: g.missingIn,
      legalBasis: LB,
    },
    missingCheckOut: {
      band: g.early[g.missingOutPick % g.early.length]!.band,
      minutes: g.missingOut,
      legalBasis: LB,
    },
    noPunches: { code: 'TK', legalBasis: LB },
    ambiguousPunch: { assignTo: g.ambiguous, legalBasis: LB },
    partialPermit: { excusesBand: g.excusesBand, excusesMinutes: g.excusesMinutes, legalBasis: LB },
    absenceCodes: g.absenceCodes,
    cutiBersama: { code: g.cutiBersama, legalBasis: LB },
    nonWorkingDayPunches: { recordAs: g.recordAs, legalBasis: LB },
  }));

const rulesArb = fc.oneof(
  fc.constantFrom(nationalRules, regional6040Rules, regional4060Rules),
  generatedRulesArb,
);

/** Any number a broken upstream could hand over, biased toward plausible minutes. */
const anyMinute = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -1500, max: 4400 }) },
  { weight: 1, arbitrary: fc.double() },
);

const arbitraryScheduleArb: fc.Arbitrary<DaySchedule> = fc.record({
  date: fc.constant(DATE),
  zone: fc.constantFrom(...INDONESIAN_TIME_ZONES),
  kind: fc.constantFrom('regular' as const, 'ramadan' as const, 'shift' as const, 'flexible' as const),
  start: anyMinute,
  end: anyMinute,
  breaks: fc.array(fc.record({ start: anyMinute, end: anyMinute }), { maxLength: 3 }),
  graceMinutes: anyMinute,
  checkInWindow: fc.record({ from: anyMinute, to: anyMinute }),
  checkOutWindow: fc.record({ from: anyMinute, to: anyMinute }),
  workLocation: fc.constantFrom(...WORK_LOCATIONS),
});

const realisticScheduleArb: fc.Arbitrary<DaySchedule> = fc.oneof(
  fc.constant(makeSchedule()),
  fc.constant(makeNightShift()),
  fc.constant(
    makeSchedule({ checkInWindow: { from: 300, to: 1380 }, checkOutWindow: { from: 300, to: 1380 } }),
  ),
  fc.integer({ min: 0, max: 30 }).map((graceMinutes) => makeSchedule({ graceMinutes })),
  fc.constantFrom(...INDONESIAN_TIME_ZONES).map((zone) => makeSchedule({ zone })),
  // Dynamic working hours (PermenPANRB 4/2025; regulations.md §3.3): no bands, presence by both punches.
  fc.constant(makeSchedule({ kind: 'flexible' })),
  fc.constant(
    makeSchedule({
      kind: 'flexible',
      checkInWindow: { from: 300, to: 1380 },
      checkOutWindow: { from: 300, to: 1380 },
    }),
  ),
);

const dayStartMs = fromZoned(DATE, 0, 'Asia/Jakarta');
/** Punches from two days before to three days after the date, at second resolution. */
const punchArb: fc.Arbitrary<Punch> = fc.record({
  at: fc.integer({ min: -2 * 86_400, max: 3 * 86_400 }).map((s) => dayStartMs + s * 1000),
});
const anyPunchArb: fc.Arbitrary<Punch> = fc.oneof(
  { weight: 6, arbitrary: punchArb },
  { weight: 1, arbitrary: fc.record({ at: fc.double() }) },
);

const dateAround = fc.integer({ min: -3, max: 3 }).map((d) => `2025-03-${String(12 + d).padStart(2, '0')}`);
const absenceArb: fc.Arbitrary<ApprovedAbsence> = fc.record(
  {
    code: fc.constantFrom(...ALL_CODES),
    from: dateAround,
    to: dateAround,
    part: fc.constantFrom('full' as const, 'late' as const, 'early' as const),
    workLocation: fc.constantFrom(...WORK_LOCATIONS),
    note: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: ['code', 'from', 'to'] },
);
const dayTypeArb = fc.constantFrom<CalendarDayType>('working', 'weekend', 'holiday', 'cuti_bersama');

function bandIndex(band: string | null, bands: readonly string[]): number {
  return band === null ? -1 : bands.indexOf(band);
}

describe('classifyDay — properties', () => {
  it('classification does not depend on punch order or duplicates (regular, shift and dynamic-hours days)', () => {
    const punchesWithVariant = fc
      .array(punchArb, { maxLength: 8 })
      .chain((ps) =>
        fc.tuple(
          fc.constant(ps),
          fc.shuffledSubarray(ps, { minLength: ps.length, maxLength: ps.length }),
          fc.array(fc.nat(), { maxLength: 4 }),
        ),
      );
    fc.assert(
      fc.property(
        rulesArb,
        fc.oneof(realisticScheduleArb, arbitraryScheduleArb, fc.constant(null)),
        dayTypeArb,
        fc.array(absenceArb, { maxLength: 3 }),
        punchesWithVariant,
        (rules, schedule, dayType, absences, [punches, shuffled, dups]) => {
          fc.pre(validateAttendanceRules(rules).length === 0);
          const variant = [...shuffled];
          for (const d of dups) {
            const p = punches[d % Math.max(1, punches.length)];
            if (p !== undefined) variant.splice(d % (variant.length + 1), 0, { ...p });
          }
          const base: ClassifyDayInput = {
            date: DATE,
            zone: schedule?.zone ?? 'Asia/Jakarta',
            schedule,
            dayType,
            punches,
            absences,
            rules: compileAttendanceRules(rules),
          };
          expect(classifyDay({ ...base, punches: variant })).toEqual(classifyDay(base));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a rulebook that validates never makes the classifier throw', () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.option(fc.oneof(arbitraryScheduleArb, realisticScheduleArb)),
        dayTypeArb,
        fc.option(fc.string({ maxLength: 12 })),
        fc.oneof(fc.constant(DATE), dateAround, fc.string({ maxLength: 12 })),
        fc.array(anyPunchArb, { maxLength: 10 }),
        fc.array(absenceArb, { maxLength: 4 }),
        (rules, schedule, dayType, holidayName, date, punches, absences) => {
          fc.pre(validateAttendanceRules(rules).length === 0);
          const s = classifyDay({
            date,
            zone: schedule?.zone ?? 'Asia/Makassar',
            schedule,
            dayType,
            holidayName: holidayName ?? undefined,
            punches,
            absences,
            rules,
          });
          expect(s.date).toBe(date);
          expect(s.reasons.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('a later check-in never yields a lighter late band (or fewer late minutes)', () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 300 * 60, max: 719 * 60 + 59 }),
        fc.integer({ min: 300 * 60, max: 719 * 60 + 59 }),
        fc.integer({ min: 720 * 60, max: 1439 * 60 + 59 }),
        (rules, graceMinutes, s1, s2, outSec) => {
          fc.pre(validateAttendanceRules(rules).length === 0);
          const compiled = compileAttendanceRules(rules);
          const schedule = makeSchedule({ graceMinutes });
          const run = (inSec: number) =>
            classifyDay({
              date: DATE,
              zone: 'Asia/Jakarta',
              schedule,
              dayType: 'working',
              punches: [{ at: dayStartMs + inSec * 1000 }, { at: dayStartMs + outSec * 1000 }],
              absences: [],
              rules: compiled,
            });
          const earlier = run(Math.min(s1, s2));
          const later = run(Math.max(s1, s2));
          expect(bandIndex(later.lateBand, LATE_BANDS)).toBeGreaterThanOrEqual(
            bandIndex(earlier.lateBand, LATE_BANDS),
          );
          expect(later.lateMinutes).toBeGreaterThanOrEqual(earlier.lateMinutes);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('local midnight is right on any date and zone (no Date objects in the hot path)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -30_000, max: 40_000 }),
        fc.constantFrom(...INDONESIAN_TIME_ZONES),
        fc.integer({ min: 0, max: 120 }),
        (offset, zone, late) => {
          const date = addDays('2000-01-01', offset);
          const s = classifyDay({
            date,
            zone,
            schedule: makeSchedule({ date, zone }),
            dayType: 'working',
            punches: [{ at: fromZoned(date, 450 + late, zone) }, { at: fromZoned(date, 960, zone) }],
            absences: [],
            rules: compileAttendanceRules(nationalRules),
          });
          expect(s.lateMinutes).toBe(late);
          expect(s.earlyMinutes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('generated rulebooks are valid (the generator is not vacuous)', () => {
    fc.assert(
      fc.property(generatedRulesArb, (rules) => {
        expect(validateAttendanceRules(rules)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
