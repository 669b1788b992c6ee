/**
 * Benchmark of the yearly discipline state (src/core/discipline: accumulateDiscipline + indicateDiscipline).
 *
 *   npx node bench/rules-discipline.ts [employees=50000] [rounds=5]
 *
 * Generates deterministic DayStatus years (seeded PRNG) for 2024: every calendar day of the year, ~250 working days
 * (weekends and a fixture of national holidays / cuti bersama are LIBUR). Three behaviour profiles: 85 % diligent
 * (rare TK, occasional small lateness), 12 % careless (more TK and lateness, early leave), 3 % problematic (runs of
 * consecutive TK, some reaching the 10-day salary-stop rule). 85 % PNS, 15 % PPPK (the regional-40-60 rulebook has
 * both ladders). Present-and-punctual days share one object per date to keep memory small.
 * Baseline, measured in the same run over the same inputs: a plain loop that sums late + early minutes and counts
 * TK days (the floor for any yearly accumulation).
 */
import { performance } from 'node:perf_hooks';
import type { DayStatus } from '../src/core/attendance/day-status.ts';
import { eachDay, isoWeekday } from '../src/core/common/local-date.ts';
import { accumulateDiscipline } from '../src/core/discipline/accumulate.ts';
import type { DisciplineEmployeeType } from '../src/core/discipline/discipline-rules.ts';
import { disciplineRulesSchema, validateDisciplineRules } from '../src/core/discipline/discipline-rules.ts';
import { indicateDiscipline } from '../src/core/discipline/indicate.ts';
import regionalJson from '../rulebooks/regional-40-60/discipline.json' with { type: 'json' };

const EMPLOYEES = Number(process.argv[2] ?? 50_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const YEAR = 2024;

const rules = disciplineRulesSchema.parse(regionalJson);
const issues = validateDisciplineRules(rules);
if (issues.length > 0) throw new Error(`rulebook invalid: ${JSON.stringify(issues)}`);

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
const rnd = prng(20240101);

// Bench fixture of days off (national holidays + cuti bersama 2024 as in the SKB; exact list irrelevant to timing).
const HOLIDAYS = new Set([
  '2024-01-01',
  '2024-02-08',
  '2024-02-09',
  '2024-02-14',
  '2024-03-11',
  '2024-03-12',
  '2024-03-29',
  '2024-04-08',
  '2024-04-09',
  '2024-04-10',
  '2024-04-11',
  '2024-04-12',
  '2024-04-15',
  '2024-05-01',
  '2024-05-09',
  '2024-05-10',
  '2024-05-23',
  '2024-05-24',
  '2024-06-17',
  '2024-06-18',
  '2024-07-08',
  '2024-08-17',
  '2024-09-16',
  '2024-12-25',
  '2024-12-26',
]);
const dates = eachDay(`${YEAR}-01-01`, `${YEAR}-12-31`);
const isWorking = dates.map((d) => isoWeekday(d) <= 5 && !HOLIDAYS.has(d));
const workingCount = isWorking.filter(Boolean).length;

function base(date: string, code: DayStatus['code']): DayStatus {
  return {
    date,
    code,
    lateBand: null,
    earlyBand: null,
    lateMinutes: 0,
    earlyMinutes: 0,
    missingCheckIn: false,
    missingCheckOut: false,
    workLocation: code === 'H' ? 'WFO' : null,
    reasons: [],
  };
}
const sharedPresent = dates.map((d) => Object.freeze(base(d, 'H')) as DayStatus);
const sharedOff = dates.map((d) => Object.freeze(base(d, 'LIBUR')) as DayStatus);

interface Profile {
  tk: number;
  late: number;
  lateMax: number;
  early: number;
  runStart: number;
}
const DILIGENT: Profile = { tk: 0.002, late: 0.05, lateMax: 30, early: 0.01, runStart: 0 };
const CARELESS: Profile = { tk: 0.02, late: 0.2, lateMax: 90, early: 0.08, runStart: 0.0005 };
const PROBLEM: Profile = { tk: 0.05, late: 0.3, lateMax: 180, early: 0.15, runStart: 0.01 };

interface Employee {
  type: DisciplineEmployeeType;
  days: DayStatus[];
}

const employees: Employee[] = [];
let generatedDays = 0;
for (let e = 0; e < EMPLOYEES; e++) {
  const r = rnd();
  const p = r < 0.85 ? DILIGENT : r < 0.97 ? CARELESS : PROBLEM;
  const days: DayStatus[] = new Array<DayStatus>(dates.length);
  let run = 0;
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i] as string;
    if (!isWorking[i]) {
      days[i] = sharedOff[i] as DayStatus;
      continue;
    }
    if (run === 0 && rnd() < p.runStart) run = 5 + Math.floor(rnd() * 11);
    if (run > 0 || rnd() < p.tk) {
      if (run > 0) run--;
      days[i] = base(date, 'TK');
      continue;
    }
    const late = rnd() < p.late ? 1 + Math.floor(rnd() * p.lateMax) : 0;
    const early = rnd() < p.early ? 1 + Math.floor(rnd() * 60) : 0;
    if (late === 0 && early === 0) {
      days[i] = sharedPresent[i] as DayStatus;
    } else {
      const d = base(date, 'H');
      d.lateMinutes = late;
      d.earlyMinutes = early;
      days[i] = d;
    }
  }
  generatedDays += days.length;
  employees.push({ type: rnd() < 0.85 ? 'PNS' : 'PPPK', days });
}

function timeIt(label: string, fn: () => number): number {
  fn(); // warm-up
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    sink += fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const rate = EMPLOYEES / (median / 1000);
  console.log(
    `${label.padEnd(10)} median ${median.toFixed(1).padStart(8)} ms  (best ${(times[0] as number).toFixed(1)} ms)  ` +
      `${Math.round(rate).toLocaleString('en-US').padStart(11)} employee-years/s  ` +
      `${Math.round(rate * workingCount)
        .toLocaleString('en-US')
        .padStart(13)} working days/s  [sink ${sink % 997}]`,
  );
  return rate;
}

const baselineRate = timeIt('baseline', () => {
  let s = 0;
  for (let e = 0; e < employees.length; e++) {
    const days = (employees[e] as Employee).days;
    let minutes = 0;
    let tk = 0;
    for (let i = 0; i < days.length; i++) {
      const d = days[i] as DayStatus;
      if (d.code === 'TK') tk++;
      else minutes += d.lateMinutes + d.earlyMinutes;
    }
    s += tk + Math.floor(minutes / 450);
  }
  return s;
});

const levels = new Map<string, number>();
let salaryStops = 0;
const disciplineRate = timeIt('discipline', () => {
  let s = 0;
  for (let e = 0; e < employees.length; e++) {
    const emp = employees[e] as Employee;
    const acc = accumulateDiscipline(emp.days, rules, emp.type, YEAR);
    const ind = indicateDiscipline(acc, rules, emp.type);
    s += acc.totalDays + (ind.step ?? 0);
  }
  return s;
});

for (const emp of employees) {
  const ind = indicateDiscipline(accumulateDiscipline(emp.days, rules, emp.type, YEAR), rules, emp.type);
  const key = ind.sanction?.code ?? '—';
  levels.set(key, (levels.get(key) ?? 0) + 1);
  if (ind.salaryStop) salaryStops++;
}

console.log(
  `\n${EMPLOYEES.toLocaleString('en-US')} employees × ${dates.length} days (${workingCount} working days) = ` +
    `${generatedDays.toLocaleString('en-US')} DayStatus, year ${YEAR}, ${ROUNDS} rounds, node ${process.version}`,
);
console.log(
  `discipline throughput = ${(disciplineRate / baselineRate).toFixed(3)} × baseline ` +
    `(${(baselineRate / disciplineRate).toFixed(1)}× slower than the plain minutes/TK loop)`,
);
console.log(
  `indications: ${[...levels.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${((100 * v) / EMPLOYEES).toFixed(2)}%`)
    .join(', ')}; salary stop ${salaryStops}`,
);
