import { daysInMonth } from '../../core/common/local-date.ts';
import type { DayStatus } from '../../core/attendance/day-status.ts';
import type { DayCode, EarlyBand, LateBand, WorkLocation } from '../../core/attendance/status-codes.ts';

/**
 * The stored form of daily statuses: one row per employee-month (`status_months`, migration 202612010600).
 * In memory each day column is an array indexed by day of month - 1 (null where the day is not stored); in the
 * table it is one text of the values joined by U+001F, '' meaning null.
 */

/** A stored daily status as written by the status service. */
export interface DayStatusRow {
  employeeId: string;
  localDate: string;
  unitId: string;
  code: string;
  lateBand: string | null;
  earlyBand: string | null;
  lateMinutes: number;
  earlyMinutes: number;
  missingCheckIn: boolean;
  missingCheckOut: boolean;
  workLocation: string | null;
  nonWorkingDay: boolean;
  reasons: string[];
  rulebookId: string;
  /**
   * A lateness made up the same day (`DayStatus.madeUpLate`) as `BAND:MINUTES` (e.g. `TL2:45`); null / absent
   * when none. Not a figure of the recap (`FIGURE_FIELDS`): a change of it alone leaves a closed day as stored.
   */
  madeUpLate?: string | null;
}

type Value = string | number | boolean | null;

/** One employee-month: arrays indexed by day of month - 1. */
export interface MonthRow {
  employeeId: string;
  /** First day of the month (YYYY-MM-01). */
  month: string;
  /** The distinct units of the month's days; `unitIx` holds 1-based positions in it. */
  units: string[];
  unitIx: (number | null)[];
  code: (string | null)[];
  lateBand: (string | null)[];
  earlyBand: (string | null)[];
  lateMinutes: (number | null)[];
  earlyMinutes: (number | null)[];
  missingCheckIn: (boolean | null)[];
  missingCheckOut: (boolean | null)[];
  workLocation: (string | null)[];
  nonWorkingDay: (boolean | null)[];
  reasons: (string[] | null)[];
  rulebookId: (string | null)[];
  /** Per day `BAND:MINUTES` of a lateness made up the same day (migration 202612120100), null none. */
  madeUpLate: (string | null)[];
  /** When each day last changed (epoch ms). */
  computedMs: (number | null)[];
}

/** The packed columns, as stored (snake_case) and in memory, with how a value is read back. */
export const PACKED_COLUMNS = [
  ['unit_ix', 'unitIx', 'int'],
  ['code', 'code', 'text'],
  ['late_band', 'lateBand', 'text'],
  ['early_band', 'earlyBand', 'text'],
  ['late_minutes', 'lateMinutes', 'int'],
  ['early_minutes', 'earlyMinutes', 'int'],
  ['missing_check_in', 'missingCheckIn', 'bool'],
  ['missing_check_out', 'missingCheckOut', 'bool'],
  ['work_location', 'workLocation', 'text'],
  ['non_working_day', 'nonWorkingDay', 'bool'],
  ['rulebook_id', 'rulebookId', 'text'],
  ['computed_ms', 'computedMs', 'int'],
  ['made_up_late', 'madeUpLate', 'text'],
] as const;

type PackedKey = (typeof PACKED_COLUMNS)[number][1];

/** A stored month row as read from the table (the day columns still packed). */
export type StoredMonthRow = { employeeId: string; month: string; units: string[]; reasons: string } & {
  [K in PackedKey]: string;
};

export const DAY_SEP = '\x1f';
export const ROW_SEP = '\x1e';
/** Between the reasons of one day. */
export const REASON_SEP = '\x1d';

/**
 * The reasons column packed: each day's reasons joined by REASON_SEP. Reasons never contain the separators:
 * they are built from fixed templates and rulebook texts, which may not contain control characters
 * (src/core/rulebook/rulebook.ts).
 */
export function packReasons(reasons: readonly (readonly string[] | null)[]): string {
  let out = '';
  for (let i = 0; i < reasons.length; i++) {
    if (i > 0) out += DAY_SEP;
    const r = reasons[i];
    if (r && r.length > 0) out += r.length === 1 ? r[0] : r.join(REASON_SEP);
  }
  return out;
}

/** The first day of the date's month. */
export const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

export function emptyMonth(employeeId: string, month: string): MonthRow {
  const n = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const nulls = () => new Array<null>(n).fill(null);
  return {
    employeeId,
    month,
    units: [],
    unitIx: nulls(),
    code: nulls(),
    lateBand: nulls(),
    earlyBand: nulls(),
    lateMinutes: nulls(),
    earlyMinutes: nulls(),
    missingCheckIn: nulls(),
    missingCheckOut: nulls(),
    workLocation: nulls(),
    nonWorkingDay: nulls(),
    reasons: nulls(),
    rulebookId: nulls(),
    madeUpLate: nulls(),
    computedMs: nulls(),
  };
}

/** What a day counts (the recap, discipline and TPP read these), besides its unit. */
export const FIGURE_FIELDS = [
  'code',
  'lateBand',
  'earlyBand',
  'lateMinutes',
  'earlyMinutes',
  'missingCheckIn',
  'missingCheckOut',
  'workLocation',
  'nonWorkingDay',
] as const;
/** The plain per-day values of a stored status (the unit and reasons are stored apart). */
export const DAY_FIELDS = [...FIGURE_FIELDS, 'rulebookId'] as const;

const sameReasons = (a: string[] | null, b: string[] | null) =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((x, i) => x === b[i]));

/** The day of month - 1 of a `YYYY-MM-DD` date (read from its digits: no substring per day). */
export const dayIndex = (date: string) => (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 49;

/** Whether two `YYYY-MM-DD` dates are in the same month (compared in place: no substring per day). */
export function sameMonth(a: string, b: string): boolean {
  for (let k = 0; k < 7; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
  return true;
}

/** Put a day into its month row; returns whether the stored day differed (or was not stored). */
export function putDay(m: MonthRow, row: DayStatusRow, nowMs: number): boolean {
  const i = dayIndex(row.localDate);
  const reasons = row.reasons.length === 0 ? null : row.reasons;
  const madeUp = row.madeUpLate ?? null;
  if (m.code[i] == null) {
    // Not stored yet: no comparison.
    m.code[i] = row.code;
    m.lateBand[i] = row.lateBand;
    m.earlyBand[i] = row.earlyBand;
    m.lateMinutes[i] = row.lateMinutes;
    m.earlyMinutes[i] = row.earlyMinutes;
    m.missingCheckIn[i] = row.missingCheckIn;
    m.missingCheckOut[i] = row.missingCheckOut;
    m.workLocation[i] = row.workLocation;
    m.nonWorkingDay[i] = row.nonWorkingDay;
    m.rulebookId[i] = row.rulebookId;
    m.madeUpLate[i] = madeUp;
    m.reasons[i] = reasons;
    const last = m.units.length - 1;
    m.unitIx[i] = last >= 0 && m.units[last] === row.unitId ? last + 1 : unitPosition(m, row.unitId);
    m.computedMs[i] = nowMs;
    return true;
  }
  const oldIx = m.unitIx[i];
  let same =
    m.code[i] != null &&
    oldIx != null &&
    m.units[oldIx - 1] === row.unitId &&
    sameReasons(m.reasons[i] ?? null, reasons) &&
    (m.madeUpLate[i] ?? null) === madeUp;
  m.madeUpLate[i] = madeUp;
  for (const f of DAY_FIELDS) {
    if (same && m[f][i] !== row[f]) same = false;
    (m[f] as Value[])[i] = row[f];
  }
  m.reasons[i] = reasons;
  m.unitIx[i] = unitPosition(m, row.unitId);
  if (!same) m.computedMs[i] = nowMs;
  return !same;
}

/**
 * Remove a day from its month row (it became "no data": before the unit's go-live or outside the employee's
 * service); returns whether a day was stored there.
 */
export function clearDay(m: MonthRow, localDate: string): boolean {
  const i = Number(localDate.slice(8, 10)) - 1;
  if (m.code[i] == null) return false;
  for (const [, key] of PACKED_COLUMNS) (m[key] as Value[])[i] = null;
  m.reasons[i] = null;
  return true;
}

/** Whether no day of the month row is stored any more. */
export const isEmptyMonth = (m: MonthRow) => m.code.every((c) => c == null);

/** The 1-based position of a unit in the month's `units`, added when new. */
function unitPosition(m: MonthRow, unitId: string) {
  const ix = m.units.indexOf(unitId);
  return ix >= 0 ? ix + 1 : m.units.push(unitId);
}

/** Drop units no day points at any more (positions renumbered). */
export function compactUnits(m: MonthRow) {
  // The common case, one unit all month: nothing to drop (no per-month arrays built).
  if (m.units.length === 1 && m.unitIx.includes(1)) return;
  const used = [...new Set(m.unitIx.filter((x): x is number => x !== null))].sort((a, b) => a - b);
  if (used.length === m.units.length) return;
  const renumber = new Map(used.map((old, k) => [old, k + 1]));
  m.units = used.map((old) => m.units[old - 1]!);
  m.unitIx = m.unitIx.map((x) => (x === null ? null : renumber.get(x)!));
}

/**
 * One day column packed: values joined by DAY_SEP, null as '' (Array.join writes null as '' and booleans as
 * true/false; faster than a loop writing t/f, and the length of a row matters less than the work per value).
 * Text values never contain the separators nor are empty: codes, bands and work locations are fixed
 * vocabularies and rulebook ids are slugs (src/core/rulebook/rulebook.ts).
 */
export function packDays(values: readonly Value[]): string {
  return values.join(DAY_SEP);
}

const readInt = (s: string) => (s === '' ? null : Number(s));
const readText = (s: string) => (s === '' ? null : s);
const readBool = (s: string) => (s === '' ? null : s === 'true' || s === 't');
const READERS: Record<'int' | 'text' | 'bool', (s: string) => Value> = {
  int: readInt,
  text: readText,
  bool: readBool,
};

/** A stored row unpacked. */
export function unpackMonth(s: StoredMonthRow): MonthRow {
  const m = {
    employeeId: s.employeeId,
    month: s.month,
    units: s.units,
    reasons: s.reasons.split(DAY_SEP).map((d) => (d === '' ? null : d.split(REASON_SEP))),
  } as MonthRow;
  for (const [, key, kind] of PACKED_COLUMNS)
    (m as unknown as Record<string, Value[]>)[key] = s[key].split(DAY_SEP).map(READERS[kind]);
  // A column added later (made_up_late) holds '' in rows stored before it: one value, padded to the month.
  while (m.madeUpLate.length < m.code.length) m.madeUpLate.push(null);
  return m;
}

/** The stored days of a month row as the rules core reads them (with the day's unit), in date order. */
export function dayStatusesOfMonth(m: MonthRow): (DayStatus & { unitId: string })[] {
  const out: (DayStatus & { unitId: string })[] = [];
  const prefix = m.month.slice(0, 8);
  for (let i = 0; i < m.code.length; i++) {
    const code = m.code[i];
    if (code == null) continue;
    const day: DayStatus & { unitId: string } = {
      date: `${prefix}${i < 9 ? '0' : ''}${i + 1}`,
      unitId: m.units[m.unitIx[i]! - 1]!,
      code: code as DayCode,
      lateBand: (m.lateBand[i] ?? null) as LateBand | null,
      earlyBand: (m.earlyBand[i] ?? null) as EarlyBand | null,
      lateMinutes: m.lateMinutes[i] ?? 0,
      earlyMinutes: m.earlyMinutes[i] ?? 0,
      missingCheckIn: m.missingCheckIn[i] ?? false,
      missingCheckOut: m.missingCheckOut[i] ?? false,
      workLocation: (m.workLocation[i] ?? null) as WorkLocation | null,
      nonWorkingDay: m.nonWorkingDay[i] ?? false,
      reasons: m.reasons[i] ?? [],
    };
    // Only when there was one: a day's snapshot (TPP line inputs) stays as it was for the others.
    const madeUp = m.madeUpLate[i];
    if (madeUp) day.madeUpLate = readMadeUp(madeUp);
    out.push(day);
  }
  return out;
}

/** `DayStatus.madeUpLate` as stored (`BAND:MINUTES`), null for none. */
export function packMadeUp(v: DayStatus['madeUpLate']): string | null {
  return v ? `${v.band}:${v.minutes}` : null;
}

/** A stored `BAND:MINUTES` read back (null for none or a value that does not parse). */
export function readMadeUp(v: string | null): DayStatus['madeUpLate'] {
  if (!v) return null;
  const [band, minutes] = v.split(':');
  const n = Number(minutes);
  return band && Number.isInteger(n) ? { band: band as LateBand, minutes: n } : null;
}
