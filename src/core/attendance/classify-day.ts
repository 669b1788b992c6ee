/**
 * Daily attendance classification: one employee-day's punches + resolved schedule + approved absences + calendar
 * → `DayStatus` (H with TL/PSW bands, TK, leave / permit / assignment code, LIBUR).
 *
 * Hot path (≥ 1,000,000 employee-days per second): no zod, no regex, no `Date` objects; rules are compiled once
 * into lookup tables (`compileAttendanceRules`) and punches are scanned once, keeping only the earliest
 * check-in candidate and the latest check-out candidate, so the result never depends on punch order or
 * duplicates. The only module state is a bounded memo of date string → epoch day (deterministic, invisible).
 *
 * Sources: regulations.md §1.4 (minutes toward PP 94/2021), §3.2 (late after 07:30:59, windows, first punch),
 * §4.3 (codes; TL = terlambat vs TGL = tugas luar), §5.3 (bands, missing punch = worst band, izin).
 */
import type { LocalDate } from '../common/local-date.ts';
import type { IndonesianTimeZone } from '../common/zoned-time.ts';
import { UTC_OFFSET_MINUTES, ZONE_LABEL } from '../common/zoned-time.ts';
import type { DaySchedule } from '../schedule/day-schedule.ts';
import type { AttendanceRules, MissingPunchMinutes } from './attendance-rules.ts';
import { attendanceRulesSchema, validateAttendanceRules } from './attendance-rules.ts';
import type { DayStatus } from './day-status.ts';
import type { DayCode, EarlyBand, LateBand, LeaveCode, PermitCode, WorkLocation } from './status-codes.ts';
import { EARLY_BANDS, LATE_BANDS } from './status-codes.ts';

/** One attendance-machine / app punch. */
export interface Punch {
  /** Instant of the punch, epoch milliseconds UTC. */
  at: number;
  /** Device or channel, e.g. "fingerprint-01", "mobile"; informational. */
  source?: string;
}

/**
 * An approved leave, permit or assignment covering `from`..`to` (inclusive local dates).
 * `part` = `full` (default) replaces the day; `late` / `early` is an izin terlambat / izin pulang cepat (also used
 * for "forgot to punch in / out") that excuses only that part of a day the employee attended.
 */
export interface ApprovedAbsence {
  code: LeaveCode | PermitCode;
  from: LocalDate;
  to: LocalDate;
  part?: 'full' | 'late' | 'early';
  /** Where an assignment day was worked (e.g. WFA for dinas luar); defaults to the schedule's location. */
  workLocation?: WorkLocation;
  note?: string;
}

/** What the unit's calendar says about the date. Source: regulations.md §3.4. */
export type CalendarDayType = 'working' | 'weekend' | 'holiday' | 'cuti_bersama';

/** Input of `classifyDay`. */
export interface ClassifyDayInput {
  date: LocalDate;
  /**
   * The unit's time zone. Used to find the punches that fall on `date` when `schedule` is null (punches on a
   * non-working day); on a working day `schedule.zone` is used.
   */
  zone: IndonesianTimeZone;
  /** The employee's resolved schedule; null = not a working day for this employee. */
  schedule: DaySchedule | null;
  dayType: CalendarDayType;
  holidayName?: string;
  /**
   * Punches around the date in any order, duplicates allowed: the caller passes everything from local
   * midnight of `date` minus a margin to the end of `date + 1`; the classifier selects those inside the windows.
   */
  punches: readonly Punch[];
  /** Approved absences touching the date (others are ignored). */
  absences: readonly ApprovedAbsence[];
  /** The attendance rules, preferably compiled once with `compileAttendanceRules`. */
  rules: CompiledAttendanceRules | AttendanceRules;
}

interface AbsenceInfo {
  precedence: number;
  label: string;
  fullDay: boolean;
  partial: boolean;
  countsAsWorked: boolean;
}

/** Attendance rules turned into lookup tables for the hot path. Build with `compileAttendanceRules`. */
export interface CompiledAttendanceRules {
  readonly kind: 'compiled-attendance-rules';
  readonly source: AttendanceRules;
  /** `lateTable[m]` = band index for `m` late minutes below `lateOpenFrom`, -1 = no band. */
  readonly lateTable: Int8Array;
  readonly lateOpenFrom: number;
  readonly lateOpenBand: number;
  readonly earlyTable: Int8Array;
  readonly earlyOpenFrom: number;
  readonly earlyOpenBand: number;
  readonly lateFromStart: boolean;
  readonly excludeBreaks: boolean;
  /** 0 = no same-day make-up. */
  readonly makeUpMax: number;
  readonly missingInBand: LateBand;
  readonly missingInMinutes: MissingPunchMinutes;
  readonly missingInFloor: number;
  readonly missingOutBand: EarlyBand;
  readonly missingOutMinutes: MissingPunchMinutes;
  readonly missingOutFloor: number;
  readonly ambiguous: 'scheduleMidpoint' | 'checkIn' | 'checkOut';
  readonly permitExcusesBand: boolean;
  readonly permitExcusesMinutes: boolean;
  readonly absence: ReadonlyMap<string, AbsenceInfo>;
  readonly cutiBersamaCode: 'CBER' | 'LIBUR';
  readonly nonWorkingPunchesAsPresent: boolean;
  /** Dynamic hours: minimum net minutes (`none` = presence only). */
  readonly flexMinimum: AttendanceRules['flexibleTime']['minimumNetMinutes'];
  readonly flexShortfall: AttendanceRules['flexibleTime']['shortfall'];
  readonly flexSinglePunchTk: boolean;
}

const COMPILED_KIND = 'compiled-attendance-rules';
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;

function buildBandTable(
  bands: AttendanceRules['lateBands']['bands'] | AttendanceRules['earlyBands']['bands'],
): {
  table: Int8Array;
  openFrom: number;
  openBand: number;
} {
  const last = bands.length - 1;
  const openFrom = bands[last]?.fromMinute ?? 1;
  const table = new Int8Array(openFrom).fill(-1);
  bands.forEach((b, i) => {
    const below = b.belowMinute ?? openFrom;
    for (let m = b.fromMinute; m < below && m < openFrom; m++) table[m] = i;
  });
  return { table, openFrom, openBand: last };
}

/**
 * Validate and compile attendance rules into the lookup tables `classifyDay` uses. Call once per rulebook.
 * Source: regulations.md §5.3 (band table), §10.
 *
 * @param rules the attendance section of a rulebook (parsed JSON)
 * @returns the compiled rules
 * @throws when the rules fail `validateAttendanceRules` (a rulebook must be validated before use)
 */
export function compileAttendanceRules(rules: AttendanceRules): CompiledAttendanceRules {
  const issues = validateAttendanceRules(rules);
  if (issues.length > 0) {
    throw new Error(
      `Aturan presensi tidak valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  const r = attendanceRulesSchema.parse(rules);
  const late = buildBandTable(r.lateBands.bands);
  const early = buildBandTable(r.earlyBands.bands);
  const absence = new Map<string, AbsenceInfo>();
  r.absenceCodes.forEach((c, i) => {
    absence.set(c.code, {
      precedence: i,
      label: c.label,
      fullDay: c.fullDay,
      partial: c.partial,
      countsAsWorked: c.countsAsWorked,
    });
  });
  return {
    kind: COMPILED_KIND,
    source: r,
    lateTable: late.table,
    lateOpenFrom: late.openFrom,
    lateOpenBand: late.openBand,
    earlyTable: early.table,
    earlyOpenFrom: early.openFrom,
    earlyOpenBand: early.openBand,
    lateFromStart: r.lateCountedFrom.value === 'start',
    excludeBreaks: r.minutesExcludeBreaks.value,
    makeUpMax: r.lateMakeUp?.maxLateMinutes ?? 0,
    missingInBand: r.missingCheckIn.band,
    missingInMinutes: r.missingCheckIn.minutes,
    missingInFloor: r.lateBands.bands.find((b) => b.band === r.missingCheckIn.band)?.fromMinute ?? 0,
    missingOutBand: r.missingCheckOut.band,
    missingOutMinutes: r.missingCheckOut.minutes,
    missingOutFloor: r.earlyBands.bands.find((b) => b.band === r.missingCheckOut.band)?.fromMinute ?? 0,
    ambiguous: r.ambiguousPunch.assignTo,
    permitExcusesBand: r.partialPermit.excusesBand,
    permitExcusesMinutes: r.partialPermit.excusesMinutes,
    absence,
    cutiBersamaCode: r.cutiBersama.code,
    nonWorkingPunchesAsPresent: r.nonWorkingDayPunches.recordAs === 'H',
    flexMinimum: r.flexibleTime.minimumNetMinutes,
    flexShortfall: r.flexibleTime.shortfall,
    flexSinglePunchTk: r.flexibleTime.singlePunch === 'TK',
  };
}

const compileCache = new WeakMap<AttendanceRules, CompiledAttendanceRules>();

function resolveRules(rules: CompiledAttendanceRules | AttendanceRules): CompiledAttendanceRules {
  if ((rules as CompiledAttendanceRules).kind === COMPILED_KIND) return rules as CompiledAttendanceRules;
  const plain = rules as AttendanceRules;
  let compiled = compileCache.get(plain);
  if (compiled === undefined) {
    compiled = compileAttendanceRules(plain);
    compileCache.set(plain, compiled);
  }
  return compiled;
}

// ---------------------------------------------------------------------------------------------------------------
// Small allocation-free helpers
// ---------------------------------------------------------------------------------------------------------------

const HHMM: readonly string[] = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);

/** `HH:mm`, with the day offset for times before or after the date (overnight shifts). */
function clock(minute: number): string {
  if (minute >= 0 && minute < 1440) return HHMM[minute | 0] ?? '??:??';
  const day = Math.floor(minute / 1440);
  const label = HHMM[(minute - day * 1440) | 0] ?? '??:??';
  return day > 0 ? `${label} (+${day} hari)` : `${label} (${day} hari)`;
}

/**
 * "Masuk 07:09 WIB (jadwal 07:30)" and "Pulang 16:05 WIB (jadwal 16:00)", the reasons of most working days,
 * memoised by their minutes: a province month has ~2 M of them over a few thousand distinct texts, and building
 * each again (then flattening it to store it) was a measurable part of `bench/recap`. Bounded; only texts.
 */
const punchReasonMemo = new Map<string, Map<number, string>>();
function punchReason(label: 'Masuk' | 'Pulang', minute: number, zoneLabel: string, planned: number): string {
  let memo = punchReasonMemo.get(zoneLabel);
  if (memo === undefined) punchReasonMemo.set(zoneLabel, (memo = new Map()));
  // Minutes of a day's windows lie within a few days of midnight: both fit in 16 bits with the offset.
  const key = ((label === 'Masuk' ? 0 : 65_536) + minute + 20_000) * 65_536 + (planned + 20_000);
  let text = memo.get(key);
  if (text === undefined) {
    text = `${label} ${clock(minute)} ${zoneLabel} (jadwal ${clock(planned)})`;
    if (memo.size >= 50_000) memo.clear();
    memo.set(key, text);
  }
  return text;
}

/** Decimal digit at `i`, or -1000000 (poisons the sum) when not a digit; integer-only arithmetic. */
function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1_000_000;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` string, without regex or Date (NaN when malformed). */
function parseEpochDay(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN;
  const y0 = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (y0 < 0 || m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  // Days from civil (H. Hinnant), proleptic Gregorian.
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Bounded memo: a batch touches few distinct dates (a month, a year) but in any order.
const epochDayCache = new Map<string, number>();

function epochDayOf(date: string): number {
  let day = epochDayCache.get(date);
  if (day === undefined) {
    day = parseEpochDay(date);
    if (epochDayCache.size >= 4096) epochDayCache.clear();
    epochDayCache.set(date, day);
  }
  return day;
}

/** Minutes of `[from, to)` not covered by breaks. */
function netMinutes(schedule: DaySchedule, from: number, to: number, excludeBreaks: boolean): number {
  let minutes = to - from;
  if (excludeBreaks) {
    const breaks = schedule.breaks;
    for (let i = 0; i < breaks.length; i++) {
      const b = breaks[i];
      if (b === undefined) continue;
      const lo = b.start > from ? b.start : from;
      const hi = b.end < to ? b.end : to;
      if (hi > lo) minutes -= hi - lo;
    }
  }
  return minutes;
}

function bandIndex(table: Int8Array, openFrom: number, openBand: number, minutes: number): number {
  if (minutes >= openFrom) return openBand;
  if (!(minutes >= 1)) return -1;
  return table[minutes | 0] ?? -1;
}

function missingMinutes(spec: MissingPunchMinutes, floor: number, schedule: DaySchedule): number {
  switch (spec.kind) {
    case 'fixed':
      return spec.minutes;
    case 'bandFloor':
      return floor;
    case 'halfSchedule': {
      const net = netMinutes(schedule, schedule.start, schedule.end, true);
      return net > 0 ? Math.floor(net / 2) : 0;
    }
  }
}

function calendarReason(dayType: CalendarDayType, holidayName: string | undefined): string {
  switch (dayType) {
    case 'weekend':
      return 'Akhir pekan';
    case 'holiday':
      return holidayName ? `Hari libur: ${holidayName}` : 'Hari libur nasional';
    case 'cuti_bersama':
      return holidayName ? `Cuti bersama: ${holidayName}` : 'Cuti bersama';
    case 'working':
      return 'Tidak ada jadwal kerja untuk pegawai ini (libur shift / di luar pola kerja)';
  }
}

function status(
  date: LocalDate,
  code: DayCode,
  workLocation: WorkLocation | null,
  reasons: string[],
  nonWorkingDay = false,
): DayStatus {
  return {
    date,
    code,
    lateBand: null,
    earlyBand: null,
    lateMinutes: 0,
    earlyMinutes: 0,
    missingCheckIn: false,
    missingCheckOut: false,
    workLocation,
    nonWorkingDay,
    madeUpLate: null,
    reasons,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The classifier
// ---------------------------------------------------------------------------------------------------------------

/**
 * Classify one employee-day. Decisions (all rule settings live in the rulebook; see `AttendanceRules`):
 *
 * 1. **No schedule** (`schedule === null`): not a working day for the employee → `LIBUR` (or the rulebook's
 *    cuti-bersama code on a cuti bersama date). Punches falling on the local date are reported as
 *    "masuk di hari libur" and, when `nonWorkingDayPunches.recordAs` is `H`, make the day `H` without bands.
 *    Approved absences are not counted on such days (leave is counted in working days). The status carries
 *    `nonWorkingDay: true`, so an `H` from a holiday punch never breaks a run of TK working days (§1.3).
 *    A schedule on a weekend / holiday / cuti bersama date (duty and shift units) makes it a working day.
 * 2. **Full-day absence** covering the date (code allowed as full-day) replaces the day, even when there are
 *    punches (noted in the reasons). Several → the code listed first in `absenceCodes` wins.
 *    Assignment codes (`countsAsWorked`: DL, TGL, DIKLAT…) carry a work location; `TGL` (tugas luar) is never a
 *    late band (`TL1`–`TL4` are terlambat only; regulations.md §4.3).
 * 3. **Punch selection**: times are truncated to whole minutes (a check-in at 07:30:59 is on time for 07:30;
 *    regulations.md §3.2), windows are inclusive at both ends. The earliest punch in the check-in window is the
 *    check-in, the latest punch in the check-out window the check-out. When both fall in the same minute (one
 *    punch lying in both windows, or a double tap) it is one punch and `ambiguousPunch` decides (default:
 *    before the midpoint of start and end = check-in, otherwise check-out). A check-out candidate earlier than
 *    the check-in (only possible with odd windows) is dropped.
 *    Punches outside both windows are ignored; those made on the date itself (local midnight to midnight) are
 *    noted in the reasons (the neighbouring days' punches, present for overnight windows, are not).
 * 4. **No usable punch** and no full-day absence → `TK` (PP 94/2021 Pasal 4 huruf f).
 * 5. **Late**: a check-in after `start + graceMinutes`; minutes from `start` or from the end of grace
 *    (`lateCountedFrom`), net of breaks when `minutesExcludeBreaks`. A late check-in made up the same day
 *    (`lateMakeUp`: lateness ≤ max and check-out ≥ end + (check-in − start)) is not counted; it is reported in
 *    `madeUpLate` for the monthly allowance of the TPP computation (KemenPANRB 2018, regulations.md §3.2).
 *    **Early**: a check-out before `end`; minutes `end − check-out` (net of breaks when configured).
 *    Bands from the rulebook table; a day may carry both (e.g. TL2-PSW1; regulations.md §5.3).
 * 6. **Missing check-in / check-out** (the other punch present) → the configured band (TL4 / PSW4 in the common
 *    scheme) and minutes (`fixed`, `bandFloor` or `halfSchedule`); `missingCheckIn` / `missingCheckOut` set.
 * 7. **Partial permit** (`part: 'late' | 'early'`, code allowed as partial) excuses the late / early part,
 *    including a missing punch on that side: the band and / or the minutes per `partialPermit`.
 * 8. **Dynamic hours** (`schedule.kind === 'flexible'`, PermenPANRB 4/2025): no late / early bands against the
 *    nominal start and end. Presence = a check-in and a check-out (one of them only → `flexibleTime.singlePunch`:
 *    the missing-punch mapping of step 6, or TK). When `flexibleTime.minimumNetMinutes` is set, the net minutes
 *    from the earliest check-in to the latest check-out below the minimum are a shortfall, classified per
 *    `flexibleTime.shortfall` (PSW band + minutes, minutes only, or TK); an early permit excuses it like early
 *    leave. First-in / last-out keeps the result independent of punch order.
 *
 * Source: regulations.md §1.4, §3.2, §3.3, §3.4, §4.3, §5.3; PP 94/2021 Pasal 4 huruf f; Peraturan BKN 6/2022;
 * PP 11/2017 Pasal 333 (cuti bersama); KemenPANRB 2018 (same-day make-up, regional); PermenPANRB 4/2025.
 *
 * @param input the day: date, zone, schedule (or null), calendar type, punches, approved absences, rules
 * @returns the day's status with bands, minutes toward PP 94/2021 and Indonesian reasons
 * @throws only when `input.rules` is an uncompiled rulebook that fails validation
 */
export function classifyDay(input: ClassifyDayInput): DayStatus {
  const rules = resolveRules(input.rules);
  const { date, schedule, punches, absences } = input;

  if (schedule === null) return classifyNonWorkingDay(input, rules);

  const zone = schedule.zone;
  const zoneLabel = ZONE_LABEL[zone] ?? zone;
  const midnight = epochDayOf(date) * MS_PER_DAY - (UTC_OFFSET_MINUTES[zone] ?? 0) * MS_PER_MINUTE;
  const inFrom = schedule.checkInWindow.from;
  const inTo = schedule.checkInWindow.to;
  const outFrom = schedule.checkOutWindow.from;
  const outTo = schedule.checkOutWindow.to;

  // Approved absences touching the date.
  let full: ApprovedAbsence | null = null;
  let fullInfo: AbsenceInfo | null = null;
  let latePermit: ApprovedAbsence | null = null;
  let earlyPermit: ApprovedAbsence | null = null;
  let absenceNotes: string[] | null = null;
  for (let i = 0; i < absences.length; i++) {
    const a = absences[i];
    if (a === undefined || !(a.from <= date && date <= a.to)) continue;
    const info = rules.absence.get(a.code);
    const part = a.part ?? 'full';
    if (info === undefined) {
      (absenceNotes ??= []).push(`Kode ${a.code} tidak dikenal dalam aturan presensi; diabaikan`);
    } else if (part === 'full' && info.fullDay) {
      if (fullInfo === null || info.precedence < fullInfo.precedence) {
        full = a;
        fullInfo = info;
      }
    } else if (part !== 'full' && info.partial) {
      if (part === 'late') latePermit ??= a;
      else earlyPermit ??= a;
    } else {
      (absenceNotes ??= []).push(
        part === 'full'
          ? `${info.label} (${a.code}) tidak dapat berlaku sehari penuh; diabaikan`
          : `${info.label} (${a.code}) tidak dapat berlaku untuk sebagian hari; diabaikan`,
      );
    }
  }

  // One pass over the punches: earliest check-in candidate, latest check-out candidate. Minute truncation is
  // monotonic, so comparing instants and comparing minutes agree.
  let inAt = Infinity;
  let outAt = -Infinity;
  let checkIn = 0;
  let checkOut = 0;
  let hasOutside = false;
  for (let i = 0; i < punches.length; i++) {
    const p = punches[i];
    if (p === undefined) continue;
    const at = p.at;
    const m = Math.floor((at - midnight) / MS_PER_MINUTE);
    let used = false;
    if (m >= inFrom && m <= inTo) {
      used = true;
      if (at < inAt) {
        inAt = at;
        checkIn = m;
      }
    }
    if (m >= outFrom && m <= outTo) {
      used = true;
      if (at > outAt) {
        outAt = at;
        checkOut = m;
      }
    }
    // Only the date's own punches are noted: the input also holds the neighbouring days' punches (overnight
    // windows), and those belong to their own days.
    if (!used && m >= 0 && m < MINUTES_PER_DAY) hasOutside = true;
  }
  let hasIn = inAt !== Infinity;
  let hasOut = outAt !== -Infinity;
  if (hasIn && hasOut && checkOut <= checkIn) {
    if (checkOut === checkIn) {
      // One punch (or punches within the same minute) lying in both windows.
      const asIn =
        rules.ambiguous === 'checkIn' ||
        (rules.ambiguous === 'scheduleMidpoint' && checkIn * 2 < schedule.start + schedule.end);
      if (asIn) hasOut = false;
      else hasIn = false;
    } else {
      hasOut = false;
    }
  }

  const reasons: string[] = [];
  if (input.dayType !== 'working') {
    reasons.push(`${calendarReason(input.dayType, input.holidayName)}; pegawai terjadwal bekerja`);
  }

  if (full !== null && fullInfo !== null) {
    reasons.push(
      `${fullInfo.label} (${full.code}) disetujui ${full.from} s.d. ${full.to}${full.note ? `: ${full.note}` : ''}`,
    );
    if (hasIn || hasOut)
      reasons.push(`Ada presensi pada hari ini; status mengikuti ${full.code} yang disetujui`);
    if (absenceNotes !== null) reasons.push(...absenceNotes);
    return status(
      date,
      full.code,
      fullInfo.countsAsWorked ? (full.workLocation ?? schedule.workLocation) : null,
      reasons,
    );
  }

  if (!hasIn && !hasOut) {
    reasons.push('Tidak ada presensi masuk maupun pulang dan tidak ada cuti/izin yang disetujui → TK');
    if (hasOutside) reasons.push(outsideReason(schedule, zoneLabel));
    if (latePermit !== null || earlyPermit !== null) {
      reasons.push('Izin terlambat / pulang cepat hanya berlaku bila pegawai masuk; tidak mengubah TK');
    }
    if (absenceNotes !== null) reasons.push(...absenceNotes);
    return status(date, rules.source.noPunches.code, null, reasons);
  }

  const start = schedule.start;
  const end = schedule.end;
  const excludeBreaks = rules.excludeBreaks;
  const flexible = schedule.kind === 'flexible';

  if (flexible) {
    reasons.push('Jam kerja dinamis (PermenPANRB 4/2025): tidak dinilai terlambat / pulang cepat');
    if (hasIn !== hasOut && rules.flexSinglePunchTk) {
      const permit = hasIn ? earlyPermit : latePermit;
      if (permit === null) {
        reasons.push(
          `Hanya ada presensi ${hasIn ? `masuk ${clock(checkIn)}` : `pulang ${clock(checkOut)}`} ${zoneLabel}; ` +
            'kehadiran dinilai dari presensi masuk dan pulang → TK',
        );
        if (hasOutside) reasons.push(outsideReason(schedule, zoneLabel));
        if (absenceNotes !== null) reasons.push(...absenceNotes);
        return status(date, rules.source.noPunches.code, null, reasons);
      }
    }
  }

  // ----- check-in side
  let lateBand: LateBand | null = null;
  let lateMinutes = 0;
  let lateReason: string;
  let madeUpLate: DayStatus['madeUpLate'] = null;
  if (hasIn && flexible) {
    lateReason = `Masuk ${clock(checkIn)} ${zoneLabel}`;
  } else if (hasIn) {
    const grace = schedule.graceMinutes;
    const threshold = start + grace;
    if (checkIn > threshold) {
      const from = rules.lateFromStart ? start : threshold;
      const minutes = netMinutes(schedule, from, checkIn, excludeBreaks);
      const idx = bandIndex(rules.lateTable, rules.lateOpenFrom, rules.lateOpenBand, minutes);
      const graceNote = !rules.lateFromStart && grace > 0 ? ` setelah toleransi ${grace} menit` : '';
      const base = `Terlambat ${minutes} menit${graceNote} (masuk ${clock(checkIn)} ${zoneLabel}, jadwal ${clock(start)})`;
      if (
        rules.makeUpMax > 0 &&
        minutes <= rules.makeUpMax &&
        hasOut &&
        checkOut >= end + (checkIn - start)
      ) {
        lateReason = `${base}, diganti pada hari yang sama (pulang ${clock(checkOut)} ${zoneLabel}) → tidak dihitung`;
        if (idx >= 0) madeUpLate = { band: LATE_BANDS[idx] ?? 'TL1', minutes };
      } else if (idx >= 0 && minutes > 0) {
        lateBand = LATE_BANDS[idx] ?? null;
        lateMinutes = minutes;
        lateReason = `${base} → ${lateBand ?? '-'}`;
      } else {
        lateReason = `Masuk ${clock(checkIn)} ${zoneLabel} (jadwal ${clock(start)}), tidak dihitung terlambat`;
      }
    } else {
      lateReason = punchReason('Masuk', checkIn, zoneLabel, start);
    }
  } else {
    lateBand = rules.missingInBand;
    lateMinutes = missingMinutes(rules.missingInMinutes, rules.missingInFloor, schedule);
    lateReason = `Tidak ada presensi masuk → ${lateBand}, dihitung ${lateMinutes} menit`;
  }
  reasons.push(lateReason);
  if (latePermit !== null && (lateBand !== null || lateMinutes > 0)) {
    reasons.push(excuseReason(latePermit, rules, 'terlambat / tidak presensi masuk'));
    if (rules.permitExcusesBand) lateBand = null;
    if (rules.permitExcusesMinutes) lateMinutes = 0;
  }

  // ----- check-out side
  let earlyBand: EarlyBand | null = null;
  let earlyMinutes = 0;
  if (hasOut && flexible) {
    reasons.push(`Pulang ${clock(checkOut)} ${zoneLabel}`);
    if (hasIn) {
      const shortfall = flexibleShortfall(rules, schedule, checkIn, checkOut);
      if (shortfall !== null) {
        const { worked, minimum, minutes } = shortfall;
        const base = `Jam kerja bersih ${worked} menit, kurang ${minutes} menit dari minimum ${minimum} menit`;
        if (rules.flexShortfall === 'TK') {
          if (earlyPermit === null) {
            reasons.push(`${base} → TK`);
            if (hasOutside) reasons.push(outsideReason(schedule, zoneLabel));
            if (absenceNotes !== null) reasons.push(...absenceNotes);
            return status(date, rules.source.noPunches.code, null, reasons);
          }
          // An approved early permit covers the shortfall: present, nothing counted.
          reasons.push(base, excuseReason(earlyPermit, rules, 'kekurangan jam kerja'));
        } else {
          if (rules.flexShortfall === 'earlyBand') {
            const idx = bandIndex(rules.earlyTable, rules.earlyOpenFrom, rules.earlyOpenBand, minutes);
            earlyBand = idx >= 0 ? (EARLY_BANDS[idx] ?? null) : null;
          }
          earlyMinutes = minutes;
          reasons.push(
            rules.flexShortfall === 'minutesOnly'
              ? `${base} → ${minutes} menit dihitung (tanpa pita)`
              : `${base} → ${earlyBand ?? '-'}`,
          );
        }
      } else if (rules.flexMinimum.kind !== 'none') {
        reasons.push(
          `Jam kerja bersih ${netMinutes(schedule, checkIn, checkOut, excludeBreaks)} menit memenuhi minimum`,
        );
      }
    }
  } else if (hasOut) {
    if (checkOut < end) {
      const minutes = netMinutes(schedule, checkOut, end, excludeBreaks);
      const idx = bandIndex(rules.earlyTable, rules.earlyOpenFrom, rules.earlyOpenBand, minutes);
      if (idx >= 0 && minutes > 0) {
        earlyBand = EARLY_BANDS[idx] ?? null;
        earlyMinutes = minutes;
        reasons.push(
          `Pulang cepat ${minutes} menit (pulang ${clock(checkOut)} ${zoneLabel}, jadwal ${clock(end)}) → ${earlyBand ?? '-'}`,
        );
      } else {
        reasons.push(
          `Pulang ${clock(checkOut)} ${zoneLabel} (jadwal ${clock(end)}), tidak dihitung pulang cepat`,
        );
      }
    } else {
      reasons.push(punchReason('Pulang', checkOut, zoneLabel, end));
    }
  } else {
    earlyBand = rules.missingOutBand;
    earlyMinutes = missingMinutes(rules.missingOutMinutes, rules.missingOutFloor, schedule);
    reasons.push(`Tidak ada presensi pulang → ${earlyBand}, dihitung ${earlyMinutes} menit`);
  }
  if (earlyPermit !== null && (earlyBand !== null || earlyMinutes > 0)) {
    reasons.push(excuseReason(earlyPermit, rules, 'pulang cepat / tidak presensi pulang'));
    if (rules.permitExcusesBand) earlyBand = null;
    if (rules.permitExcusesMinutes) earlyMinutes = 0;
  }

  if (hasOutside) reasons.push(outsideReason(schedule, zoneLabel));
  if (absenceNotes !== null) reasons.push(...absenceNotes);

  return {
    date,
    code: 'H',
    lateBand,
    earlyBand,
    lateMinutes,
    earlyMinutes,
    missingCheckIn: !hasIn,
    missingCheckOut: !hasOut,
    workLocation: schedule.workLocation,
    nonWorkingDay: false,
    madeUpLate,
    reasons,
  };
}

/**
 * The shortfall of a dynamic-hours day against the rulebook minimum, or null when none (or no minimum).
 * Source: PermenPANRB 4/2025 (dynamic hours within the statutory hours); regulations.md §3.1, §3.3.
 */
function flexibleShortfall(
  rules: CompiledAttendanceRules,
  schedule: DaySchedule,
  checkIn: number,
  checkOut: number,
): { worked: number; minimum: number; minutes: number } | null {
  const spec = rules.flexMinimum;
  if (spec.kind === 'none') return null;
  const minimum =
    spec.kind === 'fixed'
      ? spec.minutes
      : netMinutes(schedule, schedule.start, schedule.end, rules.excludeBreaks);
  const worked = netMinutes(schedule, checkIn, checkOut, rules.excludeBreaks);
  return worked < minimum ? { worked, minimum, minutes: minimum - worked } : null;
}

function excuseReason(permit: ApprovedAbsence, rules: CompiledAttendanceRules, what: string): string {
  const info = rules.absence.get(permit.code);
  const label = info?.label ?? permit.code;
  const effect =
    rules.permitExcusesBand && rules.permitExcusesMinutes
      ? 'pita dan menit dibebaskan'
      : rules.permitExcusesBand
        ? 'pita dibebaskan, menit tetap dihitung'
        : rules.permitExcusesMinutes
          ? 'menit dibebaskan, pita tetap berlaku'
          : 'tidak membebaskan pita maupun menit';
  return `${label} (${permit.code}) untuk ${what} disetujui: ${effect}${permit.note ? ` (${permit.note})` : ''}`;
}

function outsideReason(schedule: DaySchedule, zoneLabel: string): string {
  return (
    `Presensi di luar jendela waktu diabaikan (masuk ${clock(schedule.checkInWindow.from)}–` +
    `${clock(schedule.checkInWindow.to)}, pulang ${clock(schedule.checkOutWindow.from)}–` +
    `${clock(schedule.checkOutWindow.to)} ${zoneLabel})`
  );
}

function classifyNonWorkingDay(input: ClassifyDayInput, rules: CompiledAttendanceRules): DayStatus {
  const { date, punches, dayType } = input;
  const reasons: string[] = [calendarReason(dayType, input.holidayName)];
  const baseCode: DayCode = dayType === 'cuti_bersama' ? rules.cutiBersamaCode : 'LIBUR';
  const zone = input.zone;
  const midnight = epochDayOf(date) * MS_PER_DAY - (UTC_OFFSET_MINUTES[zone] ?? 0) * MS_PER_MINUTE;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < punches.length; i++) {
    const p = punches[i];
    if (p === undefined) continue;
    const m = Math.floor((p.at - midnight) / MS_PER_MINUTE);
    if (m >= 0 && m < MINUTES_PER_DAY) {
      if (m < first) first = m;
      if (m > last) last = m;
    }
  }
  if (first === Infinity) return status(date, baseCode, null, reasons, true);
  const zoneLabel = ZONE_LABEL[zone] ?? zone;
  const span = first === last ? clock(first) : `${clock(first)}–${clock(last)}`;
  if (rules.nonWorkingPunchesAsPresent) {
    reasons.push(`Masuk di hari libur (presensi ${span} ${zoneLabel}) → H tanpa pita terlambat/pulang cepat`);
    return status(date, 'H', 'WFO', reasons, true);
  }
  reasons.push(`Masuk di hari libur (presensi ${span} ${zoneLabel}); tetap ${baseCode}`);
  return status(date, baseCode, null, reasons, true);
}
