/**
 * Benchmark of the daily attendance classifier (src/core/attendance/classify-day.ts).
 *
 *   npx node bench/rules-classify.ts [employeeDays=1000000] [rounds=5]
 *
 * Generates deterministic employee-days (seeded PRNG): 4,000 employees × 250 calendar days from 2025-01-01,
 * three time zones, Mon–Thu / Friday / Ramadan schedules, ~5% night-shift workers, weekends and holidays;
 * punches mostly on time, some late / early / missing, duplicates and shuffled order, ~3% approved leave.
 * Times classification against two baselines measured in the same run over the same inputs:
 *   - "read": a loop that only reads every punch (the floor for any classifier);
 *   - "sort": copy and sort each day's punches (what a naive classifier does first).
 * "classify*" repeats the classification over the scheduled working days only (no cheap weekends / holidays).
 * Target: ≥ 1,000,000 employee-days per second on one core of a 2-core machine.
 */
import { performance } from 'node:perf_hooks';
import { attendanceRulesSchema } from '../src/core/attendance/attendance-rules.ts';
import type { ApprovedAbsence, ClassifyDayInput, Punch } from '../src/core/attendance/classify-day.ts';
import { classifyDay, compileAttendanceRules } from '../src/core/attendance/classify-day.ts';
import type { IndonesianTimeZone } from '../src/core/common/zoned-time.ts';
import { UTC_OFFSET_MINUTES } from '../src/core/common/zoned-time.ts';
import type { DaySchedule } from '../src/core/schedule/day-schedule.ts';
import nationalJson from '../rulebooks/national/attendance.json' with { type: 'json' };

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
const HOLIDAYS = new Map([
  ['2025-01-01', 'Tahun Baru Masehi'],
  ['2025-01-27', 'Isra Mikraj'],
  ['2025-01-29', 'Tahun Baru Imlek'],
  ['2025-03-29', 'Hari Suci Nyepi'],
  ['2025-03-31', 'Idul Fitri'],
  ['2025-04-01', 'Idul Fitri'],
  ['2025-04-18', 'Wafat Isa Almasih'],
  ['2025-05-01', 'Hari Buruh'],
  ['2025-05-12', 'Waisak'],
  ['2025-05-29', 'Kenaikan Isa Almasih'],
  ['2025-06-06', 'Idul Adha'],
]);
const CUTI_BERSAMA = new Set([
  '2025-01-28',
  '2025-03-28',
  '2025-04-02',
  '2025-04-03',
  '2025-04-04',
  '2025-04-07',
]);

interface Day {
  date: string;
  epochDay: number;
  weekday: number; // 1 = Monday
  dayType: ClassifyDayInput['dayType'];
  holidayName?: string;
  ramadan: boolean;
}
const days: Day[] = [];
const epoch0 = Date.UTC(2025, 0, 1) / 86_400_000;
for (let i = 0; i < DAYS; i++) {
  const date = new Date((epoch0 + i) * 86_400_000).toISOString().slice(0, 10);
  const weekday = ((((epoch0 + i + 3) % 7) + 7) % 7) + 1;
  const holidayName = HOLIDAYS.get(date);
  const dayType = holidayName
    ? 'holiday'
    : CUTI_BERSAMA.has(date)
      ? 'cuti_bersama'
      : weekday >= 6
        ? 'weekend'
        : 'working';
  days.push({
    date,
    epochDay: epoch0 + i,
    weekday,
    dayType,
    ...(holidayName ? { holidayName } : {}),
    ramadan: date >= '2025-03-01' && date <= '2025-03-30',
  });
}

// Schedules are shared objects per (zone, pattern), as a resolver with a cache would return them.
const scheduleCache = new Map<string, DaySchedule>();
function schedule(zone: IndonesianTimeZone, pattern: 'monThu' | 'fri' | 'ramadan' | 'night', date: string) {
  const key = `${zone}|${pattern}|${date}`;
  let s = scheduleCache.get(key);
  if (s === undefined) {
    const base = {
      date,
      zone,
      breaks: [] as DaySchedule['breaks'],
      graceMinutes: 0,
      workLocation: 'WFO' as const,
    };
    s =
      pattern === 'night'
        ? {
            ...base,
            kind: 'shift',
            shiftCode: 'MALAM',
            start: 1320,
            end: 1860,
            checkInWindow: { from: 1200, to: 1500 },
            checkOutWindow: { from: 1620, to: 2100 },
          }
        : pattern === 'ramadan'
          ? {
              ...base,
              kind: 'ramadan',
              start: 480,
              end: 900,
              breaks: [{ start: 720, end: 750 }],
              checkInWindow: { from: 300, to: 719 },
              checkOutWindow: { from: 720, to: 1439 },
            }
          : {
              ...base,
              kind: 'regular',
              start: 450,
              end: pattern === 'fri' ? 990 : 960,
              breaks: [pattern === 'fri' ? { start: 690, end: 780 } : { start: 720, end: 780 }],
              checkInWindow: { from: 300, to: 719 },
              checkOutWindow: { from: 720, to: 1439 },
            };
    scheduleCache.set(key, s);
  }
  return s;
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

const inputs: ClassifyDayInput[] = [];
let punchCount = 0;
for (let e = 0; e < EMPLOYEES && inputs.length < TOTAL; e++) {
  const zone = pick(ZONES);
  const isShift = rnd() < 0.05;
  const offsetMs = UTC_OFFSET_MINUTES[zone] * 60_000;
  const diligence = rnd(); // some employees are late more often
  for (let d = 0; d < DAYS && inputs.length < TOTAL; d++) {
    const day = days[d] as Day;
    const midnight = day.epochDay * 86_400_000 - offsetMs;
    const working = isShift ? d % 6 < 4 : day.dayType === 'working';
    const sched = !working
      ? null
      : schedule(
          zone,
          isShift ? 'night' : day.ramadan ? 'ramadan' : day.weekday === 5 ? 'fri' : 'monThu',
          day.date,
        );
    const punches: Punch[] = [];
    const absences: ApprovedAbsence[] = [];
    const at = (minute: number) => midnight + minute * 60_000 + Math.floor(rnd() * 60_000);
    if (sched === null) {
      if (rnd() < 0.01) punches.push({ at: at(480 + rnd() * 180), source: 'fp' });
    } else {
      const r = rnd();
      if (r < 0.03) {
        absences.push({ code: pick(LEAVES), from: day.date, to: day.date });
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
        if (rnd() < 0.01) absences.push({ code: 'I', from: day.date, to: day.date, part: 'late' });
      }
    }
    punchCount += punches.length;
    inputs.push({
      date: day.date,
      zone,
      schedule: sched,
      dayType: day.dayType,
      ...(day.holidayName ? { holidayName: day.holidayName } : {}),
      punches,
      absences,
      rules,
    });
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
    `${EMPLOYEES} employees × ${DAYS} days, node ${process.version}`,
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
  `target ≥ 1,000,000 employee-days/s: ${Math.min(classifyRate, scheduledRate) >= 1_000_000 ? 'MET' : 'NOT MET'}`,
);
const top = [...codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
console.log(
  `status mix: ${top.map(([k, v]) => `${k} ${((100 * v) / inputs.length).toFixed(1)}%`).join(', ')}`,
);
