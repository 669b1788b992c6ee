/**
 * Benchmark of the daily attendance classifier (src/core/attendance/classify-day.ts) and of schedule resolution
 * (src/core/schedule/resolve-schedule.ts) in front of it.
 *
 *   npm run bench:rules   (or: npx node bench/rules-classify.ts [employeeDays=1000000] [rounds=5])
 *
 * Generates deterministic employee-days (seeded PRNG): 4,000 employees × 250 calendar days from 2025-01-01,
 * three time zones, ~5% night-shift workers on a roster (one roster list for the whole unit, ~50,000 lines),
 * the national calendar (holidays, cuti bersama, Ramadan) and schedule rulebook; punches mostly on time, some
 * late / early / missing, duplicates and shuffled order, ~3% approved leave. Schedules are resolved once with
 * `resolveDaySchedule` while generating (the "pre-built" schedules of the classify figures).
 * Figures, all against baselines measured in the same run over the same inputs:
 *   - "read": a loop that only reads every punch (the floor for any classifier);
 *   - "sort": copy and sort each day's punches (what a naive classifier does first);
 *   - "classify": classification with pre-built schedules; "classify*" the scheduled working days only;
 *   - "resolve+cl": schedule resolution (calendar, profile, Ramadan hours, roster lookup) + classification per
 *     employee-day, as a pipeline without a schedule cache does it.
 * Target: ≥ 1,000,000 employee-days per second on one core of a 2-core machine (classification).
 */
import { performance } from 'node:perf_hooks';
import { attendanceRulesSchema } from '../src/core/attendance/attendance-rules.ts';
import type { ApprovedAbsence, ClassifyDayInput, Punch } from '../src/core/attendance/classify-day.ts';
import { classifyDay, compileAttendanceRules } from '../src/core/attendance/classify-day.ts';
import type { IndonesianTimeZone } from '../src/core/common/zoned-time.ts';
import { UTC_OFFSET_MINUTES } from '../src/core/common/zoned-time.ts';
import type { DaySchedule } from '../src/core/schedule/day-schedule.ts';
import type { ResolveDayScheduleInput, RosterEntry } from '../src/core/schedule/resolve-schedule.ts';
import { resolveDaySchedule } from '../src/core/schedule/resolve-schedule.ts';
import { scheduleRulesSchema } from '../src/core/schedule/schedule-rules.ts';
import type { Calendar } from '../src/core/calendar/calendar.ts';
import { buildCalendar } from '../src/core/calendar/calendar.ts';
import { calendarRulesSchema } from '../src/core/calendar/calendar-rules.ts';
import nationalJson from '../rulebooks/national/attendance.json' with { type: 'json' };
import nationalCalendarJson from '../rulebooks/national/calendar.json' with { type: 'json' };
import nationalScheduleJson from '../rulebooks/national/schedule.json' with { type: 'json' };

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const DAYS = 250;
const EMPLOYEES = Math.ceil(TOTAL / DAYS);

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(20250312);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const rules = compileAttendanceRules(attendanceRulesSchema.parse(nationalJson));
const ZONES: readonly IndonesianTimeZone[] = [
  'Asia/Jakarta',
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
];
const scheduleRules = scheduleRulesSchema.parse(nationalScheduleJson);
const calendarRules = calendarRulesSchema.parse(nationalCalendarJson);
const UNIT = 'BKD';
const calendars = new Map<IndonesianTimeZone, Calendar>(
  ZONES.map((zone) => [zone, buildCalendar(calendarRules, { unitCode: UNIT, zone })]),
);

const dates: { date: string; epochDay: number }[] = [];
const epoch0 = Date.UTC(2025, 0, 1) / 86_400_000;
for (let i = 0; i < DAYS; i++) {
  dates.push({ date: new Date((epoch0 + i) * 86_400_000).toISOString().slice(0, 10), epochDay: epoch0 + i });
}

const LEAVES: readonly ApprovedAbsence['code'][] = [
  'CT',
  'CT',
  'CT',
  'S',
  'CS',
  'DL',
  'DL',
  'TGL',
  'I',
  'DIKLAT',
];

// One roster list for all shift workers of the unit (as imported from a monthly roster upload).
const roster: RosterEntry[] = [];
const inputs: ClassifyDayInput[] = [];
const resolveInputs: ResolveDayScheduleInput[] = [];
let punchCount = 0;
const employees: { nip: string; zone: IndonesianTimeZone; isShift: boolean; diligence: number }[] = [];
for (let e = 0; e < EMPLOYEES; e++) {
  const nip = `19900101201503${String(1000 + e).padStart(4, '0')}`;
  const isShift = rnd() < 0.05;
  employees.push({ nip, zone: pick(ZONES), isShift, diligence: rnd() });
  if (isShift)
    for (let d = 0; d < DAYS; d++)
      roster.push({ nip, date: (dates[d] as { date: string }).date, shiftCode: d % 6 < 4 ? 'MALAM' : null });
}
for (let e = 0; e < EMPLOYEES && inputs.length < TOTAL; e++) {
  const { nip, zone, diligence } = employees[e] as (typeof employees)[number];
  const calendar = calendars.get(zone) as Calendar;
  const offsetMs = UTC_OFFSET_MINUTES[zone] * 60_000;
  for (let d = 0; d < DAYS && inputs.length < TOTAL; d++) {
    const { date, epochDay } = dates[d] as { date: string; epochDay: number };
    const midnight = epochDay * 86_400_000 - offsetMs;
    const resolveInput: ResolveDayScheduleInput = {
      rules: scheduleRules,
      calendar,
      date,
      zone,
      unitCode: UNIT,
      employeeNip: nip,
      roster,
    };
    const sched: DaySchedule | null = resolveDaySchedule(resolveInput);
    const punches: Punch[] = [];
    const absences: ApprovedAbsence[] = [];
    const at = (minute: number) => midnight + minute * 60_000 + Math.floor(rnd() * 60_000);
    if (sched === null) {
      if (rnd() < 0.01) punches.push({ at: at(480 + rnd() * 180), source: 'fp' });
    } else {
      const r = rnd();
      if (r < 0.03) {
        absences.push({ code: pick(LEAVES), from: date, to: date });
        if (rnd() < 0.2) punches.push({ at: at(sched.start - 10) });
      } else if (r < 0.05) {
        // TK: nothing, or a stray punch outside the windows
        if (rnd() < 0.3) punches.push({ at: at(200) });
      } else {
        const lateP = 0.05 + diligence * 0.15;
        const inMin = rnd() < lateP ? sched.start + 1 + rnd() * 120 : sched.start - 5 - rnd() * 40;
        const outMin = rnd() < 0.08 ? sched.end - 1 - rnd() * 120 : sched.end + rnd() * 60;
        if (rnd() > 0.02) punches.push({ at: at(inMin), source: 'fp' });
        if (rnd() > 0.03) punches.push({ at: at(outMin), source: 'fp' });
        if (rnd() < 0.05) punches.push({ at: at(inMin + 1) }); // double tap
        if (rnd() < 0.03) punches.push({ at: at(sched.start + 240) }); // midday punch
        if (rnd() < 0.1) punches.reverse(); // devices sync out of order
        if (rnd() < 0.01) absences.push({ code: 'I', from: date, to: date, part: 'late' });
      }
    }
    punchCount += punches.length;
    const holidayName = calendar.holidayName(date);
    inputs.push({
      date,
      zone,
      schedule: sched,
      dayType: calendar.dayType(date),
      ...(holidayName ? { holidayName } : {}),
      punches,
      absences,
      rules,
    });
    resolveInputs.push(resolveInput);
  }
}

function timeIt(label: string, fn: () => number, count = inputs.length): number {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    sink += fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const rate = count / (median / 1000);
  console.log(
    `${label.padEnd(10)} median ${median.toFixed(1).padStart(7)} ms  (best ${(times[0] as number).toFixed(1)} ms)  ` +
      `${Math.round(rate).toLocaleString('en-US').padStart(12)} employee-days/s   [sink ${Math.floor(sink) % 997}]`,
  );
  return rate;
}

const readRate = timeIt('read', () => {
  let s = 0;
  for (let i = 0; i < inputs.length; i++) {
    const ps = (inputs[i] as ClassifyDayInput).punches;
    for (let j = 0; j < ps.length; j++) s += (ps[j] as Punch).at % 7;
  }
  return s;
});
const sortRate = timeIt('sort', () => {
  let s = 0;
  for (let i = 0; i < inputs.length; i++) {
    const ps = [...(inputs[i] as ClassifyDayInput).punches].sort((a, b) => a.at - b.at);
    s += ps.length > 0 ? (ps[0] as Punch).at % 7 : 0;
  }
  return s;
});
const codes = new Map<string, number>();
const classifyRate = timeIt('classify', () => {
  let s = 0;
  for (let i = 0; i < inputs.length; i++) {
    const st = classifyDay(inputs[i] as ClassifyDayInput);
    s += st.lateMinutes + st.earlyMinutes + st.reasons.length;
  }
  return s;
});
const scheduled = inputs.filter((i) => i.schedule !== null);
const scheduledRate = timeIt(
  'classify*',
  () => {
    let s = 0;
    for (let i = 0; i < scheduled.length; i++) {
      const st = classifyDay(scheduled[i] as ClassifyDayInput);
      s += st.lateMinutes + st.earlyMinutes + st.reasons.length;
    }
    return s;
  },
  scheduled.length,
);
const resolveRate = timeIt('resolve+cl', () => {
  let s = 0;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i] as ClassifyDayInput;
    const st = classifyDay({
      ...input,
      schedule: resolveDaySchedule(resolveInputs[i] as ResolveDayScheduleInput),
    });
    s += st.lateMinutes + st.earlyMinutes + st.reasons.length;
  }
  return s;
});
for (const input of inputs) {
  const st = classifyDay(input);
  const key =
    st.code === 'H'
      ? `H${st.lateBand ? `-${st.lateBand}` : ''}${st.earlyBand ? `-${st.earlyBand}` : ''}`
      : st.code;
  codes.set(key, (codes.get(key) ?? 0) + 1);
}

console.log(
  `\n${inputs.length.toLocaleString('en-US')} employee-days, ${punchCount.toLocaleString('en-US')} punches, ` +
    `${EMPLOYEES} employees × ${DAYS} days, roster ${roster.length.toLocaleString('en-US')} lines, node ${process.version}`,
);
console.log(
  `classify* = scheduled working days only (${scheduled.length.toLocaleString('en-US')}): ` +
    `${Math.round(scheduledRate).toLocaleString('en-US')} employee-days/s`,
);
console.log(
  `classify throughput = ${(classifyRate / readRate).toFixed(3)} × read baseline ` +
    `(${(readRate / classifyRate).toFixed(1)}× slower), ${(classifyRate / sortRate).toFixed(2)} × sort baseline`,
);
console.log(
  `resolve+classify throughput = ${(resolveRate / readRate).toFixed(3)} × read baseline ` +
    `(${(readRate / resolveRate).toFixed(1)}× slower), ${(resolveRate / classifyRate).toFixed(2)} × classify with pre-built schedules`,
);
console.log(
  `target ≥ 1,000,000 employee-days/s: ${Math.min(classifyRate, scheduledRate) >= 1_000_000 ? 'MET' : 'NOT MET'}`,
);
const top = [...codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
console.log(
  `status mix: ${top.map(([k, v]) => `${k} ${((100 * v) / inputs.length).toFixed(1)}%`).join(', ')}`,
);
