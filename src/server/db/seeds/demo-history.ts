/**
 * The demo province's history: the last three months of a working life, planned deterministically from the demo
 * data and the day the demo is loaded. Pure: no database, no clock, no Math.random — the loader
 * (`load-history.ts`) passes the instant the history ends and the rulebook in force, and writes the plan through
 * the real services.
 *
 * What the plan holds, and the numbers it is built with (documented here, checked by the tests):
 * - Go-live (`units.attendance_start`) is the first day of the month three months before the load date; nothing
 *   happens before it, nor before an employee's first day of service.
 * - Personas: about 3 % habitual latecomers (late on ~70 % of their working days, 5–120 minutes), 2 % early
 *   leavers (~45 % of days), 1 % with a streak of 3–6 working days absent without any record (TK), one phone
 *   reporting a mocked location now and then; everybody else is on time on ~95 % of days.
 * - Capture: phones (online, a few offline synced hours later) with a tiny stored photo; fingerprint terminals at
 *   two UPTD Samsat, imported weekly; the Monday apel of the Sekretariat Daerah and BKD scanned at a kiosk QR;
 *   WFH from a registered home; dinas luar at its destination; a night/day/afternoon shift roster at the puskesmas.
 * - Requests: annual and sick leave (two approval steps), izin (day, late arrival, early leave), sakit, dinas luar
 *   with destination, diklat recorded by admin OPD, WFH; corrections of forgotten punches; each decided by the
 *   real deciders some hours or days later — approved, rejected or cancelled — and the most recent still pending.
 * - Flagged punches (uncertain location, mocked location, an offline punch synced after its month closed, a phone
 *   shared by two employees) reviewed by the superior or admin OPD; the most recent wait in the review queue.
 * - Closing: each OPD's admin closes every month from its closing day (rulebook `monthClosing.closeFromDay`),
 *   except two OPDs that have not closed the latest closable month yet.
 * Source of the rules every step obeys: the services it runs through (leave PP 11/2017, permits and corrections
 * regulations.md §4.3, closing §1.3/§5); the personas are the demo's invention.
 */
import { createHash } from 'node:crypto';
import { addDays, diffDays, eachDay, isoWeekday, type LocalDate } from '../../../core/common/local-date.ts';
import { fromZoned, toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { buildCalendar, type Calendar } from '../../../core/calendar/calendar.ts';
import { resolveDaySchedule } from '../../../core/schedule/resolve-schedule.ts';
import type { DaySchedule } from '../../../core/schedule/day-schedule.ts';
import { canCloseOn, nextMonth } from '../../../core/recap/recap-rules.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import {
  createRng,
  opdOfUnit,
  pickDemoLogins,
  type DemoData,
  type DemoEmployee,
  type Rng,
} from './demo-data.ts';

/** How many whole months before the load date's month the history starts. */
export const DEMO_HISTORY_MONTHS = 3;

/** Go-live of the demo loaded without history: the day the national rulebook comes into force. */
export const DEMO_GO_LIVE_WITHOUT_HISTORY: LocalDate = '2025-01-01';

/** OPDs whose admin has not closed the latest closable month yet (BKD sees them as late). */
export const LATE_CLOSING_OPDS: readonly string[] = ['DLHK', 'ESDM'];

/** Units with a fingerprint terminal (imported weekly) instead of phones. */
export const TERMINAL_UNITS: Readonly<Record<string, string>> = {
  'BAPENDA-SAMSAT-RKB': 'AEH5194060231',
  'BAPENDA-SAMSAT-SERPONG': 'AEH5194060874',
};

/** Units whose staff scan the Monday apel at a kiosk (the unit and its sub-units). */
export const APEL_UNITS: readonly string[] = ['SETDA', 'BKD'];

/** The shift unit: its staff (not the head) work a roster. */
export const SHIFT_UNIT = 'DINKES-PKM-CURUG';

/** Roster cycle of the shift unit (null = day off). */
const SHIFT_CYCLE: readonly (string | null)[] = [
  'PAGI',
  'PAGI',
  'SIANG',
  'SIANG',
  'MALAM',
  'MALAM',
  null,
  null,
];

export type Persona = 'REGULAR' | 'LATECOMER' | 'EARLY_LEAVER' | 'TK_STREAK' | 'MOCKER' | 'SHIFT';

/** An employee as the plan names them: NIP, or `internal:<id>` for non-ASN (as `load-demo.ts` keys them). */
export type EmployeeKey = string;
export const keyOf = (e: { nip: string | null; internalId?: string | undefined }): EmployeeKey =>
  e.nip ?? `internal:${e.internalId}`;

export interface PlannedLocation {
  lat: number;
  lon: number;
  accuracyM: number;
  mocked: boolean;
}

/** Who decides a step: the employee's direct superior, admin OPD of their OPD, or the PyBMC of a leave. */
export type Decider = 'SUPERIOR' | 'ADMIN_OPD' | 'PYBMC';

export interface PlannedReview {
  at: number;
  decision: 'ACCEPTED' | 'REJECTED';
  note: string;
  by: Decider;
}

export interface PlannedPunch {
  who: EmployeeKey;
  kind: 'IN' | 'OUT';
  source: 'ONLINE' | 'OFFLINE' | 'QR' | 'TERMINAL';
  /** When the punch happened (epoch ms). */
  at: number;
  /** When the server received it: `at` online; hours later offline; at the weekly import for a terminal. */
  receivedAt: number;
  location: PlannedLocation | null;
  /** Where the fix is meant to be (checked against the judge's nearest place by the loader). */
  place: 'OFFICE' | 'DINAS_LUAR' | 'WFH' | 'OUTSIDE' | null;
  /** Phone punches: whose registered phone signed it (another employee's for a shared phone). */
  deviceOf: EmployeeKey | null;
  photo: boolean;
  apel?: { unitCode: string; date: LocalDate };
  terminalSerial?: string;
  offline?: { deviceTime: number; lastServerTime: number; elapsedSinceServerMs: number };
  idempotencyKey: string;
  /** The verdict the judge must give (the loader refuses a plan the capture rules judge otherwise). */
  expect: 'ACCEPTED' | 'FLAGGED' | 'REJECTED';
  review?: PlannedReview;
}

export interface PlannedDecision {
  at: number;
  decision: 'APPROVE' | 'REJECT';
  note: string;
  by: Decider;
}

export type PlannedRequest =
  | {
      kind: 'leave';
      who: EmployeeKey;
      type: 'CT' | 'CS';
      from: LocalDate;
      to: LocalDate;
      reason: string;
      address: string;
      /** A doctor's note is attached (sick leave longer than a day). */
      attachment: boolean;
      submitAt: number;
      steps: PlannedDecision[];
      cancelAt?: number;
    }
  | {
      kind: 'permit';
      who: EmployeeKey;
      permit: 'I' | 'S' | 'DL' | 'DIKLAT' | 'WFH';
      part: 'full' | 'late' | 'early';
      from: LocalDate;
      to: LocalDate;
      reason: string;
      letterNumber?: string;
      destination?: { name: string; lat: number; lon: number; radiusM: number };
      /** Recorded by admin OPD on a signed letter (approved at once) instead of requested. */
      recorded: boolean;
      submitAt: number;
      decision?: PlannedDecision;
    }
  | {
      kind: 'correction';
      who: EmployeeKey;
      date: LocalDate;
      checkIn?: string;
      checkOut?: string;
      category: 'LUPA_PRESENSI' | 'GANGGUAN_PERANGKAT';
      reason: string;
      submitAt: number;
      decision?: PlannedDecision;
    };

export interface PlannedDevice {
  who: EmployeeKey;
  at: number;
  label: string;
  platform: string;
  /** Seed of the phone's key pair (the same seed = the same key, i.e. a shared phone). */
  keySeed: string;
  /** A replacement phone: the reason given (it waits for admin OPD unless `approveAt`). */
  reason?: string;
  /** When admin OPD approved the replacement (the old phone is then revoked). */
  approveAt?: number;
}

export interface DemoHistoryPlan {
  start: LocalDate;
  /** The load date (WIB). */
  today: LocalDate;
  until: number;
  personas: Record<EmployeeKey, Persona>;
  devices: PlannedDevice[];
  /** Registered homes of WFH employees (added by admin OPD). */
  homes: { who: EmployeeKey; at: number; label: string; lat: number; lon: number; radiusM: number }[];
  /** Roster of the shift unit, set by its admin OPD per month ahead of it. */
  rosters: {
    at: number;
    month: string;
    lines: { who: EmployeeKey; date: LocalDate; shiftCode: string | null }[];
  }[];
  apelSchedules: {
    unitCode: string;
    at: number;
    weekdays: number[];
    startTime: string;
    windowMinutes: number;
  }[];
  /** Apel mornings: the session is read (created) and a kiosk opened for it at `at`. */
  apelKiosks: { unitCode: string; date: LocalDate; at: number }[];
  terminalUsers: { at: number; rows: { serial: string; userId: string; who: EmployeeKey }[] };
  /** Weekly terminal log imports: the punches of one terminal received at `at`. */
  terminalImports: { at: number; serial: string; unitCode: string }[];
  /** Every punch, terminal ones included, in the order the server receives them. */
  punches: PlannedPunch[];
  requests: PlannedRequest[];
  closings: { opd: string; month: string; at: number }[];
}

export interface DemoHistoryInput {
  data: DemoData;
  /** The instant the history ends: the server's clock when the demo is loaded (epoch ms). */
  until: number;
  /** The rulebook in force on a date (the loader reads them from the database first). */
  rulesOn: (date: LocalDate) => Rulebook;
  seed?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A 32-bit seed from parts (FNV-1a of their text): each employee-day has its own stream of chance. */
function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('|');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** First day of the month `n` months after (negative: before) the month of `date`. */
function monthStart(date: LocalDate, n: number): LocalDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}-01`;
}

/** The history's first day (go-live) and the load date in WIB, for the instant the history ends. */
export function historyWindow(until: number): { start: LocalDate; today: LocalDate } {
  const today = toZoned(until, 'Asia/Jakarta').date;
  return { start: monthStart(today, -DEMO_HISTORY_MONTHS), today };
}

/** A point `meters` away from a center in direction `bearing` (degrees), on a local flat approximation. */
function offset(lat: number, lon: number, meters: number, bearing: number) {
  const rad = (bearing * Math.PI) / 180;
  const dLat = (meters * Math.cos(rad)) / 111_320;
  const dLon = (meters * Math.sin(rad)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { lat: Math.round((lat + dLat) * 1e6) / 1e6, lon: Math.round((lon + dLon) * 1e6) / 1e6 };
}

/** Destinations of dinas luar (real places of Banten and beyond; coordinates approximate). */
const DESTINATIONS: readonly { name: string; lat: number; lon: number }[] = [
  { name: 'Kantor Bupati Pandeglang', lat: -6.3087, lon: 106.1039 },
  { name: 'Kantor Bupati Lebak, Rangkasbitung', lat: -6.3597, lon: 106.2482 },
  { name: 'Kantor Wali Kota Cilegon', lat: -6.0169, lon: 106.0538 },
  { name: 'Kantor Wali Kota Tangerang', lat: -6.1781, lon: 106.6319 },
  { name: 'Kementerian Dalam Negeri, Jakarta', lat: -6.1766, lon: 106.8236 },
  { name: 'BKN Kantor Regional III, Bandung', lat: -6.9035, lon: 107.6186 },
  { name: 'Pelabuhan Merak', lat: -5.9302, lon: 105.9969 },
  { name: 'Bendungan Karian, Lebak', lat: -6.4262, lon: 106.2547 },
  { name: 'TPA Cilowong, Kota Serang', lat: -6.1792, lon: 106.1859 },
];

const LATE_NOTES = [
  'Terima kasih, lain kali mohon lebih awal',
  'Disetujui',
  'Disetujui, selesaikan pekerjaan hari ini',
];
const LEAVE_REASONS = [
  'Menghadiri pernikahan saudara di Bandung',
  'Urusan keluarga di kampung halaman',
  'Mengantar orang tua berobat',
  'Liburan keluarga',
  'Mengurus administrasi rumah',
  'Menjenguk keluarga yang sakit di Lampung',
];
const ADDRESSES = [
  'Kota Serang, Banten',
  'Kabupaten Pandeglang, Banten',
  'Kota Bandung, Jawa Barat',
  'Kota Cilegon, Banten',
];

interface EmpInfo {
  e: DemoEmployee;
  key: EmployeeKey;
  index: number;
  zone: IndonesianTimeZone;
  opd: string;
  office: { lat: number; lon: number; radiusM: number };
  persona: Persona;
  capture: 'PHONE' | 'TERMINAL';
  isHead: boolean;
  /** May take annual / sick leave (PNS, CPNS, PPPK with a year of service); non-ASN ask for izin. */
  leaveTypes: boolean;
  hasSuperior: boolean;
}

/**
 * The persona of each employee: fixed by the demo seed alone (the same people are late whenever the demo is
 * loaded). About 3 % habitual latecomers, 2 % early leavers, 1 % with a TK streak, 0.5 % with a phone that mocks
 * its location; the shift unit's staff work a roster; heads of units and the README's chain are regular.
 */
export function demoPersonas(data: DemoData, seed = 2026): Record<EmployeeKey, Persona> {
  const logins = pickDemoLogins(data);
  const positionByCode = new Map(data.positions.map((p) => [p.code, p]));
  const chain = new Set(
    [logins.pegawai[0], logins.atasan[0], logins.pybmc[0], logins.adminOpd[0]].map((l) => l?.login),
  );
  const rng = createRng(seedOf(seed, 'personas'));
  const out: Record<EmployeeKey, Persona> = {};
  for (const e of data.employees) {
    const isHead = positionByCode.get(e.positionCode)?.isHead ?? false;
    const roll = rng.next();
    let persona: Persona = 'REGULAR';
    if (e.unitCode === SHIFT_UNIT && !isHead) persona = 'SHIFT';
    else if (!isHead && !chain.has(e.nip ?? e.internalId ?? '')) {
      if (roll < 0.03) persona = 'LATECOMER';
      else if (roll < 0.05) persona = 'EARLY_LEAVER';
      else if (roll < 0.06) persona = 'TK_STREAK';
      else if (roll < 0.065) persona = 'MOCKER';
    }
    out[keyOf(e)] = persona;
  }
  // The README's atasan finds a discipline indication of one of his staff to open (issue 16): that staff member
  // has a TK streak (the roll above is drawn all the same, so nobody else's persona moves).
  const staff = disciplineDemoStaff(data);
  if (staff) out[keyOf(staff)] = 'TK_STREAK';
  return out;
}

/**
 * The staff member of the README's atasan who has a TK streak in the demo history, so that the atasan finds a
 * discipline indication (BARU) to open as a newcomer tries the module (issue 16): the first PNS of his direct staff
 * in the demo data, other than the README's pegawai (whose history other flows rely on), without staff of their own.
 */
export function disciplineDemoStaff(data: DemoData): DemoEmployee | undefined {
  const logins = pickDemoLogins(data);
  const atasan = logins.atasan[0]?.nip;
  const pegawai = logins.pegawai[0]?.nip;
  if (!atasan) return undefined;
  const hasStaff = new Set(data.employees.map((e) => e.superiorNip).filter(Boolean));
  return data.employees.find(
    (e) =>
      e.superiorNip === atasan &&
      e.nip !== null &&
      e.nip !== pegawai &&
      e.employeeType === 'PNS' &&
      !hasStaff.has(e.nip),
  );
}

/**
 * Plan the history. Deterministic: the same demo data, rulebook, seed and load instant give the same plan; an
 * employee-day depends only on the seed, the employee and the date (a later load extends the same past), the
 * load date decides the window, what is still pending and what has been closed.
 */
export function planDemoHistory(input: DemoHistoryInput): DemoHistoryPlan {
  const { data, until, rulesOn } = input;
  const seed = input.seed ?? 2026;
  const { start, today } = historyWindow(until);
  const unitByCode = new Map(data.units.map((u) => [u.code, u]));
  const positionByCode = new Map(data.positions.map((p) => [p.code, p]));
  const logins = pickDemoLogins(data);
  const chainPegawai = logins.pegawai[0]?.login ?? '';

  /** Offices a unit punches at: its own, else the nearest ancestor's. */
  const officeOf = (unitCode: string) => {
    for (let u = unitByCode.get(unitCode); u; u = u.parentCode ? unitByCode.get(u.parentCode) : undefined)
      if (u.offices.length > 0) return u.offices[0]!;
    throw new Error(`No office for ${unitCode}`);
  };
  const underAny = (unitCode: string, roots: readonly string[]) => {
    for (let u = unitByCode.get(unitCode); u; u = u.parentCode ? unitByCode.get(u.parentCode) : undefined)
      if (roots.includes(u.code)) return u.code;
    return null;
  };

  const personaOf = demoPersonas(data, seed);
  const infos: EmpInfo[] = data.employees.map((e, index) => {
    const unit = unitByCode.get(e.unitCode)!;
    return {
      e,
      key: keyOf(e),
      index,
      zone: unit.timeZone as IndonesianTimeZone,
      opd: opdOfUnit(data, e.unitCode),
      office: officeOf(e.unitCode),
      persona: personaOf[keyOf(e)]!,
      capture: TERMINAL_UNITS[e.unitCode] ? 'TERMINAL' : 'PHONE',
      isHead: positionByCode.get(e.positionCode)?.isHead ?? false,
      leaveTypes: e.employeeType !== 'NON_ASN',
      hasSuperior: e.superiorNip !== null,
    };
  });
  const adminKeys = new Set(
    data.roleGrants
      .filter((g) => g.role === 'ADMIN_OPD')
      .map((g) => keyOf({ nip: g.nip, internalId: g.username })),
  );
  const personas: Record<EmployeeKey, Persona> = {};
  for (const i of infos) personas[i.key] = i.persona;

  // The calendar of each unit under the rulebook in force (one rulebook per date, cached by identity).
  const calendars = new Map<Rulebook, Map<string, Calendar>>();
  const calendarOf = (rules: Rulebook, unitCode: string, zone: IndonesianTimeZone) => {
    let m = calendars.get(rules);
    if (!m) calendars.set(rules, (m = new Map()));
    let c = m.get(unitCode);
    if (!c) m.set(unitCode, (c = buildCalendar(rules.calendar, { unitCode, zone })));
    return c;
  };
  /** The roster shift of a shift-unit employee on a date: a fixed 8-day cycle, offset per employee. */
  const shiftOn = (info: EmpInfo, date: LocalDate) =>
    SHIFT_CYCLE[
      (((diffDays(start, date) + info.index * 3) % SHIFT_CYCLE.length) + SHIFT_CYCLE.length) %
        SHIFT_CYCLE.length
    ] ?? null;
  const scheduleOf = (info: EmpInfo, date: LocalDate): DaySchedule | null => {
    let rules: Rulebook;
    try {
      rules = rulesOn(date);
    } catch {
      return null;
    }
    const calendar = calendarOf(rules, info.e.unitCode, info.zone);
    if (!calendar.hasHolidayYear(Number(date.slice(0, 4)))) return null;
    const nip = info.e.nip ?? '';
    return resolveDaySchedule({
      rules: rules.schedule,
      calendar,
      date,
      zone: info.zone,
      unitCode: info.e.unitCode,
      employeeNip: nip,
      ...(info.persona === 'SHIFT' ? { roster: [{ nip, date, shiftCode: shiftOn(info, date) }] } : {}),
    });
  };

  const at = (date: LocalDate, minute: number, zone: IndonesianTimeZone) => fromZoned(date, minute, zone);
  /** The last day of the history (WIB; punches after the load instant are dropped in every zone). */
  const lastDay = today;
  /** Requests may reach this far ahead (leave, dinas luar, WFH planned in advance). */
  const future = addDays(today, 35);

  const punches: PlannedPunch[] = [];
  const requests: PlannedRequest[] = [];
  const devices: PlannedDevice[] = [];
  const homes: DemoHistoryPlan['homes'] = [];
  const firstMorning = at(start, 7 * 60, 'Asia/Jakarta');

  // The pending window: requests and reviews after the last month that will be closed may stay undecided.
  const closingRules = rulesOn(start).attendance.monthClosing;
  const months: string[] = [];
  for (let m = start.slice(0, 7); m <= today.slice(0, 7); m = nextMonth(m)) months.push(m);
  /** When OPD number `n` closes `month`: its closing day (`closeFromDay` of the next month), 09:00 + 7 min × n. */
  const closeTime = (month: string, n: number) =>
    at(
      `${nextMonth(month)}-${String(closingRules!.closeFromDay).padStart(2, '0')}`,
      9 * 60 + n * 7,
      'Asia/Jakarta',
    );
  // Months whose closing has begun by the load instant.
  const closable = closingRules
    ? months.filter((m) => canCloseOn(m, today, closingRules) && closeTime(m, 0) <= until)
    : [];
  const pendingFrom = closable.length > 0 ? `${nextMonth(closable.at(-1)!)}-01` : start;

  /** A decision at `when` if it has happened by the load instant (else the request waits). */
  const decided = (d: PlannedDecision): PlannedDecision | undefined => (d.at <= until ? d : undefined);
  /** `n` working days of the unit after `date` at a minute of the day. */
  const workingDaysAfter = (info: EmpInfo, date: LocalDate, n: number) => {
    let rules: Rulebook;
    try {
      rules = rulesOn(date);
    } catch {
      return addDays(date, n);
    }
    return calendarOf(rules, info.e.unitCode, info.zone).addWorkingDays(date, n);
  };

  // ── Devices: a phone per employee who punches by phone, registered on their first morning. ──
  const sharedPair = infos
    .filter((i) => i.persona === 'REGULAR' && i.e.unitCode === 'DLHK-HUT' && i.capture === 'PHONE')
    .slice(0, 2);
  const phoneStart = (info: EmpInfo) => (info.e.activeFrom > start ? info.e.activeFrom : start);
  for (const info of infos) {
    if (info.capture !== 'PHONE') continue;
    const r = createRng(seedOf(seed, 'device', info.key));
    const day = phoneStart(info);
    devices.push({
      who: info.key,
      at: at(day, 5 * 60 + r.int(0, 40), info.zone),
      label: r.pick([
        'Samsung Galaxy A15',
        'Xiaomi Redmi 13C',
        'OPPO A18',
        'vivo Y17s',
        'Infinix Hot 40i',
        'realme C53',
      ]),
      platform: 'Android',
      keySeed: `${seed}:${info.key}`,
    });
  }
  // A phone shared by two colleagues from the pending window on (Inspektorat: shared devices); its punches are
  // flagged for review.
  const sharedFrom = pendingFrom > start ? pendingFrom : addDays(start, 14);
  const sharedAt = at(sharedFrom, 6 * 60 + 20, 'Asia/Jakarta');
  if (sharedPair.length === 2) {
    const [a, b] = sharedPair as [EmpInfo, EmpInfo];
    devices.push({
      who: b.key,
      at: at(sharedFrom, 5 * 60 + 50, b.zone),
      label: 'Ponsel pinjaman rekan',
      platform: 'Android',
      keySeed: `${seed}:${a.key}`,
      reason: 'Ponsel saya rusak, sementara memakai ponsel rekan',
      approveAt: sharedAt,
    });
  }
  // Replacement phones waiting for admin OPD (a lost phone, a broken screen), in the last days.
  for (const info of infos.filter((i) => i.persona === 'REGULAR' && i.capture === 'PHONE' && !i.isHead)) {
    const r = createRng(seedOf(seed, 'device-change', info.key));
    if (!r.chance(0.012)) continue;
    const day = addDays(today, -r.int(0, 3));
    if (day < phoneStart(info)) continue;
    devices.push({
      who: info.key,
      at: at(day, 9 * 60 + r.int(0, 300), info.zone),
      label: r.pick(['Samsung Galaxy A25', 'Xiaomi Redmi Note 13']),
      platform: 'Android',
      keySeed: `${seed}:${info.key}:new`,
      reason: r.pick(['Ponsel lama hilang', 'Layar ponsel lama rusak', 'Ganti ponsel baru']),
    });
  }
  devices.sort((x, y) => x.at - y.at);

  // ── WFH: a few employees work from home on some Fridays, from a home registered by admin OPD. ──
  const wfh = infos
    .filter(
      (i) =>
        i.persona === 'REGULAR' &&
        !i.isHead &&
        i.capture === 'PHONE' &&
        i.hasSuperior &&
        ['BKD', 'SETDA', 'DINDIK', 'ESDM'].includes(i.opd),
    )
    .filter((i) => createRng(seedOf(seed, 'wfh', i.key)).chance(0.04));
  for (const info of wfh) {
    const r = createRng(seedOf(seed, 'home', info.key));
    const home = offset(info.office.lat, info.office.lon, r.int(2500, 9000), r.int(0, 359));
    homes.push({ who: info.key, at: firstMorning + 30 * MINUTE, label: 'Rumah', ...home, radiusM: 100 });
  }
  const homeOf = new Map(homes.map((h) => [h.who, h]));

  // ── Rosters of the shift unit: each month set on the 25th before it (the first on go-live morning). ──
  const shiftStaff = infos.filter((i) => i.persona === 'SHIFT');
  const rosters: DemoHistoryPlan['rosters'] = [];
  const rosterMonths = [...months, nextMonth(today.slice(0, 7))];
  for (const month of rosterMonths) {
    const monthFrom = `${month}-01`;
    const setOn = month === start.slice(0, 7) ? start : addDays(monthFrom, -6);
    if (setOn > today) continue;
    const days = eachDay(monthFrom, addDays(monthStart(monthFrom, 1), -1));
    const lines = shiftStaff.flatMap((info) =>
      days
        .filter((d) => d >= info.e.activeFrom)
        .map((date) => ({ who: info.key, date, shiftCode: shiftOn(info, date) })),
    );
    rosters.push({ at: at(setOn, 6 * 60 + 15, 'Asia/Jakarta'), month, lines });
  }

  // ── Apel: the Monday apel of the apel units, each with a kiosk opened for it. ──
  const apelSchedules = APEL_UNITS.map((unitCode) => ({
    unitCode,
    at: firstMorning - 30 * MINUTE,
    weekdays: [1],
    startTime: '07:30',
    windowMinutes: 30,
  }));
  const apelKiosks: DemoHistoryPlan['apelKiosks'] = [];
  for (const date of eachDay(start, today))
    if (isoWeekday(date) === 1 && at(date, 7 * 60 + 10, 'Asia/Jakarta') <= until) {
      let working = true;
      try {
        working = calendarOf(rulesOn(date), 'SETDA', 'Asia/Jakarta').isWorkingDay(date);
      } catch {
        working = false;
      }
      if (working)
        for (const unitCode of APEL_UNITS)
          apelKiosks.push({ unitCode, date, at: at(date, 7 * 60 + 5, 'Asia/Jakarta') });
    }
  const apelDays = new Set(apelKiosks.map((k) => `${k.unitCode}|${k.date}`));

  // ── Terminals: users mapped on go-live morning; each month's log imported on the 2nd of the next month at
  //    08:00 (before the closing), and the current month's so far twenty minutes before the load instant. ──
  const terminalStaff = infos.filter((i) => i.capture === 'TERMINAL');
  const terminalUsers = {
    at: firstMorning - 20 * MINUTE,
    rows: terminalStaff.map((info, n) => ({
      serial: TERMINAL_UNITS[info.e.unitCode]!,
      userId: String(101 + n),
      who: info.key,
    })),
  };
  const terminalUserId = new Map(terminalUsers.rows.map((r) => [r.who, r.userId]));
  const importTimes: number[] = [];
  for (const date of eachDay(addDays(start, 1), today))
    if (date.endsWith('-02')) importTimes.push(at(date, 8 * 60, 'Asia/Jakarta'));
  const lastImport = until - 20 * MINUTE;
  if (importTimes.every((t) => t < lastImport)) importTimes.push(lastImport);
  const importAfter = (t: number) => importTimes.find((x) => x > t) ?? null;

  // ── The days. ──
  let letterSeq = 0;

  for (const info of infos) {
    const { e, key, zone } = info;
    const first = e.activeFrom > start ? e.activeFrom : start;
    const days = eachDay(first, future).map((date) => ({ date, schedule: scheduleOf(info, date) }));
    const working = days.filter((d) => d.schedule !== null);
    const inHistory = working.filter((d) => d.date <= lastDay);
    /** The day's fate, decided by blocks first (leave, assignments, streaks), then by the daily roll. */
    const fate = new Map<LocalDate, 'ABSENT' | 'LEAVE' | 'DL' | 'DIKLAT' | 'WFH' | 'TK' | 'SICK' | 'IZIN'>();
    const dlAt = new Map<LocalDate, { lat: number; lon: number }>();
    const br = createRng(seedOf(seed, 'blocks', key));

    const freeRun = (fromIx: number, n: number) =>
      working.slice(fromIx, fromIx + n).length === n &&
      working.slice(fromIx, fromIx + n).every((d) => !fate.has(d.date));
    const submitBefore = (date: LocalDate, daysBefore: number, r: Rng) =>
      at(addDays(date, -daysBefore), 9 * 60 + r.int(0, 300), zone);
    const mayAsk = info.hasSuperior;

    // Annual leave: one block for ~20 % (more for the chain's pegawai), submitted 5–12 days ahead.
    const serviceYear = (date: LocalDate) => addDays(e.activeFrom, 366) <= date;
    const ctCount = key === chainPegawai ? 2 : br.chance(0.12) ? 1 : 0;
    for (let c = 0; c < ctCount && info.leaveTypes && mayAsk && info.persona !== 'SHIFT'; c++) {
      const ix = br.int(5, Math.max(5, working.length - 4));
      const len = br.weighted([
        [1, 3],
        [2, 4],
        [3, 3],
        [5, 1],
      ] as const);
      if (!freeRun(ix, len)) continue;
      const from = working[ix]!.date;
      const to = working[ix + len - 1]!.date;
      if (!serviceYear(from) || from.slice(0, 4) !== to.slice(0, 4)) continue;
      const submitAt = submitBefore(from, br.int(5, 12), br);
      if (submitAt < firstMorning + HOUR || submitAt > until) continue;
      const d1 = at(
        workingDaysAfter(info, toZoned(submitAt, zone).date, br.int(0, 1)),
        10 * 60 + br.int(0, 360),
        zone,
      );
      const d2 = at(
        workingDaysAfter(info, toZoned(d1, zone).date, br.int(0, 2)),
        9 * 60 + br.int(0, 400),
        zone,
      );
      const outcome = br.weighted([
        ['APPROVED', 84],
        ['REJECT_ATASAN', 6],
        ['REJECT_PYBMC', 5],
        ['CANCELLED', 5],
      ] as const);
      const steps: PlannedDecision[] = [];
      const s1: PlannedDecision =
        outcome === 'REJECT_ATASAN'
          ? {
              at: Math.max(d1, submitAt + HOUR),
              decision: 'REJECT',
              note: 'Tenaga sedang dibutuhkan untuk pelayanan; ajukan pada minggu berikutnya',
              by: 'SUPERIOR',
            }
          : { at: Math.max(d1, submitAt + HOUR), decision: 'APPROVE', note: '', by: 'SUPERIOR' };
      if (decided(s1)) steps.push(s1);
      if (outcome !== 'REJECT_ATASAN' && decided(s1)) {
        const s2: PlannedDecision = {
          at: Math.max(d2, s1.at + HOUR),
          decision: outcome === 'REJECT_PYBMC' ? 'REJECT' : 'APPROVE',
          note:
            outcome === 'REJECT_PYBMC'
              ? 'Bertepatan dengan pemeriksaan BPK; mohon dijadwalkan ulang'
              : 'Disetujui',
          by: 'PYBMC',
        };
        if (s2.at < fromZoned(from, 0, zone) && decided(s2)) steps.push(s2);
      }
      const approved = steps.length === 2 && steps.every((s) => s.decision === 'APPROVE');
      const cancelAt =
        outcome === 'CANCELLED' && approved
          ? Math.max(steps[1]!.at + 2 * HOUR, fromZoned(from, 0, zone) - 30 * HOUR)
          : undefined;
      const cancelled = cancelAt !== undefined && cancelAt <= until && cancelAt < fromZoned(from, 0, zone);
      requests.push({
        kind: 'leave',
        who: key,
        type: 'CT',
        from,
        to,
        reason: br.pick(LEAVE_REASONS),
        address: br.pick(ADDRESSES),
        attachment: false,
        submitAt,
        steps,
        ...(cancelled ? { cancelAt: cancelAt! } : {}),
      });
      if (approved && !cancelled) for (const d of working.slice(ix, ix + len)) fate.set(d.date, 'LEAVE');
      else for (const d of working.slice(ix, ix + len)) if (d.date > lastDay) fate.set(d.date, 'LEAVE');
    }

    // Sick leave of 2–3 days with a doctor's note (~3 %), submitted on its first morning.
    if (info.leaveTypes && mayAsk && br.chance(0.02)) {
      const ix = br.int(3, Math.max(3, inHistory.length - 3));
      const len = br.int(2, 3);
      if (freeRun(ix, len) && working[ix + len - 1]!.date <= lastDay) {
        const from = working[ix]!.date;
        const to = working[ix + len - 1]!.date;
        const submitAt = at(from, 7 * 60 + br.int(0, 50), zone);
        if (submitAt > firstMorning && submitAt <= until) {
          const s1: PlannedDecision = {
            at: submitAt + br.int(2, 7) * HOUR,
            decision: 'APPROVE',
            note: 'Semoga lekas sembuh',
            by: 'SUPERIOR',
          };
          const s2: PlannedDecision = {
            at: s1.at + br.int(14, 30) * HOUR,
            decision: 'APPROVE',
            note: '',
            by: 'PYBMC',
          };
          const steps = [s1, s2].filter((s) => decided(s));
          requests.push({
            kind: 'leave',
            who: key,
            type: 'CS',
            from,
            to,
            reason: br.pick([
              'Demam berdarah, dirawat di rumah',
              'Tifus, istirahat total sesuai anjuran dokter',
              'Radang tenggorokan dan demam tinggi',
            ]),
            address: br.pick(ADDRESSES),
            attachment: true,
            submitAt,
            steps: steps.length === 2 || (steps.length === 1 && s2.at > until) ? steps : [],
          });
          for (const d of working.slice(ix, ix + len)) fate.set(d.date, 'SICK');
        }
      }
    }

    // Dinas luar of 1–3 days with a letter and a destination (more in field OPDs).
    const dlChance = ['PUPR', 'DLHK', 'BAPENDA', 'DINKES', 'BKD'].includes(info.opd) ? 0.13 : 0.04;
    if (mayAsk && info.persona !== 'SHIFT' && br.chance(dlChance)) {
      const ix = br.int(3, Math.max(3, working.length - 6));
      const len = br.int(1, 3);
      if (freeRun(ix, len)) {
        const from = working[ix]!.date;
        const to = working[ix + len - 1]!.date;
        const submitAt = submitBefore(from, br.int(2, 6), br);
        if (submitAt > firstMorning && submitAt <= until) {
          const dest = br.pick(DESTINATIONS);
          const decision: PlannedDecision = {
            at: submitAt + br.int(3, 26) * HOUR,
            decision: 'APPROVE',
            note: 'Laporkan hasil perjalanan dinas',
            by: 'SUPERIOR',
          };
          const year = from.slice(0, 4);
          requests.push({
            kind: 'permit',
            who: key,
            permit: 'DL',
            part: 'full',
            from,
            to,
            reason: `Perjalanan dinas ke ${dest.name}`,
            letterNumber: `094/${++letterSeq}-${info.opd}/${year}`,
            destination: { name: dest.name, lat: dest.lat, lon: dest.lon, radiusM: 300 },
            recorded: false,
            submitAt,
            ...(decided(decision) && decision.at < fromZoned(from, 6 * 60, zone) ? { decision } : {}),
          });
          const isApproved = decided(decision) && decision.at < fromZoned(from, 6 * 60, zone);
          for (const d of working.slice(ix, ix + len)) {
            if (isApproved) {
              fate.set(d.date, 'DL');
              dlAt.set(d.date, { lat: dest.lat, lon: dest.lon });
            } else if (d.date > lastDay) fate.set(d.date, 'DL');
          }
        }
      }
    }

    // Diklat of 3–5 days recorded by admin OPD on a signed letter (~2 %).
    if (!info.isHead && !adminKeys.has(key) && info.persona !== 'SHIFT' && br.chance(0.02)) {
      const ix = br.int(5, Math.max(5, working.length - 8));
      const len = br.int(3, 5);
      if (freeRun(ix, len)) {
        const from = working[ix]!.date;
        const to = working[ix + len - 1]!.date;
        const submitAt = submitBefore(from, br.int(3, 10), br);
        if (submitAt > firstMorning && submitAt <= until) {
          requests.push({
            kind: 'permit',
            who: key,
            permit: 'DIKLAT',
            part: 'full',
            from,
            to,
            reason: br.pick([
              'Pelatihan Dasar CPNS',
              'Diklat Pengadaan Barang/Jasa',
              'Pelatihan Kepemimpinan Pengawas',
            ]),
            letterNumber: `800.1/${++letterSeq}-BPSDM/${from.slice(0, 4)}`,
            recorded: true,
            submitAt,
          });
          for (const d of working.slice(ix, ix + len)) fate.set(d.date, 'DIKLAT');
        }
      }
    }

    // TK streak persona: 3–6 working days away without any record, in the first month of the history.
    if (info.persona === 'TK_STREAK') {
      const len = br.int(3, 6);
      const ix = br.int(3, Math.max(3, Math.min(18, inHistory.length - len)));
      if (freeRun(ix, len) && working[ix + len - 1]!.date <= lastDay)
        for (const d of working.slice(ix, ix + len)) fate.set(d.date, 'TK');
    }

    // WFH Fridays (requested on the Wednesday, approved on the Thursday), about one week in three.
    if (homeOf.has(key))
      for (const d of working) {
        if (isoWeekday(d.date) !== 5 || fate.has(d.date) || d.date > addDays(today, 10)) continue;
        const r = createRng(seedOf(seed, 'wfh-day', key, d.date));
        if (!r.chance(0.25)) continue;
        const submitAt = at(addDays(d.date, -2), 10 * 60 + r.int(0, 240), zone);
        if (submitAt < firstMorning + HOUR || submitAt > until) continue;
        const decision: PlannedDecision = {
          at: submitAt + r.int(18, 26) * HOUR,
          decision: 'APPROVE',
          note: '',
          by: 'SUPERIOR',
        };
        const approved = decided(decision) !== undefined;
        requests.push({
          kind: 'permit',
          who: key,
          permit: 'WFH',
          part: 'full',
          from: d.date,
          to: d.date,
          reason: 'Menyelesaikan penyusunan laporan dari rumah',
          recorded: false,
          submitAt,
          ...(approved ? { decision } : {}),
        });
        if (approved) fate.set(d.date, 'WFH');
        else fate.set(d.date, 'LEAVE');
      }

    // ── Day by day. ──
    let lastPunchAt = 0;
    const shared = sharedPair.length === 2 && sharedPair.some((i) => i.key === key);
    for (const { date, schedule } of inHistory) {
      if (!schedule) continue;
      const r = createRng(seedOf(seed, 'day', key, date));
      const S = schedule.start;
      const E = schedule.end;
      let kindOfDay = fate.get(date);
      const inPending = date >= pendingFrom;
      // Daily chances (only on days without a block).
      let late = false;
      let izinPart: 'late' | 'early' | null = null;
      if (!kindOfDay) {
        const roll = r.next();
        if (mayAsk && roll < 0.0012) kindOfDay = 'SICK';
        else if (mayAsk && roll < 0.002) kindOfDay = 'IZIN';
        else if (info.persona === 'TK_STREAK' && roll < 0.03) kindOfDay = 'TK';
        else if (roll < 0.003) kindOfDay = 'TK';
        else if (mayAsk && roll < 0.0038) izinPart = 'late';
        else if (mayAsk && roll < 0.0043) izinPart = 'early';
      }
      if (
        kindOfDay === 'LEAVE' ||
        kindOfDay === 'DIKLAT' ||
        (kindOfDay === 'SICK' && fate.get(date) === 'SICK')
      )
        continue;
      if (kindOfDay === 'TK') continue;
      if (kindOfDay === 'SICK' || kindOfDay === 'IZIN') {
        // A one-day sakit (told that morning) or izin (asked a day or two before); some izin are refused after
        // the fact, and the day is then TK.
        const sick = kindOfDay === 'SICK';
        const submitAt = sick
          ? at(date, 6 * 60 + 30 + r.int(0, 60), zone)
          : at(addDays(date, -r.int(1, 2)), 13 * 60 + r.int(0, 180), zone);
        if (submitAt < firstMorning || submitAt > until) continue;
        const refused = !sick && r.chance(0.15);
        const decision: PlannedDecision = {
          at: refused ? at(date, 11 * 60, zone) : submitAt + r.int(2, 20) * HOUR,
          decision: refused ? 'REJECT' : 'APPROVE',
          note: refused
            ? 'Alasan tidak cukup untuk meninggalkan tugas; hari ini dihitung tanpa keterangan'
            : sick
              ? 'Semoga lekas sembuh'
              : r.pick(LATE_NOTES),
          by: 'SUPERIOR',
        };
        const final = decided(decision) && (!inPending || r.chance(0.6)) ? decision : undefined;
        requests.push({
          kind: 'permit',
          who: key,
          permit: sick ? 'S' : 'I',
          part: 'full',
          from: date,
          to: date,
          reason: sick
            ? r.pick(['Demam dan flu', 'Sakit perut', 'Migrain'])
            : r.pick([
                'Mengurus akta kelahiran anak',
                'Menghadiri wisuda anak',
                'Keperluan keluarga mendesak',
              ]),
          recorded: false,
          submitAt,
          ...(final ? { decision: final } : {}),
        });
        continue;
      }

      // Arrival and departure (minutes from local midnight).
      let arrive = S - r.int(3, 45);
      let leave = E + r.int(0, 40);
      if (info.persona === 'SHIFT') {
        arrive = S - r.int(5, 25);
        leave = E + r.int(0, 20);
      }
      const lateChance = info.persona === 'LATECOMER' ? 0.72 : info.persona === 'SHIFT' ? 0.03 : 0.04;
      if (r.chance(lateChance)) {
        late = true;
        const lateBy =
          info.persona === 'LATECOMER'
            ? r.weighted([
                [r.int(5, 30), 50],
                [r.int(31, 60), 30],
                [r.int(61, 90), 12],
                [r.int(91, 120), 8],
              ] as const)
            : r.weighted([
                [r.int(1, 20), 80],
                [r.int(21, 45), 20],
              ] as const);
        arrive = S + lateBy;
      }
      const earlyChance = info.persona === 'EARLY_LEAVER' ? 0.45 : 0.015;
      if (r.chance(earlyChance)) leave = E - r.int(10, 120);
      if (izinPart === 'late') {
        arrive = S + r.int(60, 150);
        late = false;
      }
      if (izinPart === 'early') leave = E - r.int(90, 180);
      if (izinPart) {
        const submitAt =
          izinPart === 'late' ? at(date, S - r.int(20, 60), zone) : at(date, leave - r.int(60, 120), zone);
        if (submitAt > firstMorning && submitAt <= until) {
          const decision: PlannedDecision = {
            at: submitAt + r.int(1, 6) * HOUR,
            decision: 'APPROVE',
            note: r.pick(LATE_NOTES),
            by: 'SUPERIOR',
          };
          requests.push({
            kind: 'permit',
            who: key,
            permit: 'I',
            part: izinPart,
            from: date,
            to: date,
            reason:
              izinPart === 'late'
                ? r.pick([
                    'Mengantar anak ke rumah sakit',
                    'Ban motor bocor di jalan',
                    'Menghadiri sidang di pengadilan agama',
                  ])
                : r.pick([
                    'Menjemput anak sekolah yang sakit',
                    'Panggilan wawancara beasiswa',
                    'Ada keluarga meninggal',
                  ]),
            recorded: false,
            submitAt,
            ...(decided(decision) ? { decision } : {}),
          });
        }
      }

      // Where and how: the day's place (office, dinas luar destination, home), the capture channel.
      const dl = kindOfDay === 'DL' ? dlAt.get(date) : undefined;
      const isWfh = kindOfDay === 'WFH';
      const center = dl ?? (isWfh ? homeOf.get(key)! : info.office);
      const radius = dl ? 300 : isWfh ? 100 : info.office.radiusM;
      const inside = (rr: Rng): PlannedLocation => {
        const acc = rr.int(4, 25);
        const p = offset(center.lat, center.lon, rr.int(0, Math.max(0, radius - acc - 5)), rr.int(0, 359));
        return { ...p, accuracyM: acc, mocked: false };
      };
      const place = dl ? 'DINAS_LUAR' : isWfh ? 'WFH' : 'OFFICE';
      const apelUnit = underAny(e.unitCode, APEL_UNITS);
      // The apel is held at the unit's own office: staff working elsewhere (the Makassar office) do not attend.
      const apelToday =
        apelUnit !== null &&
        apelDays.has(`${apelUnit}|${date}`) &&
        officeOf(apelUnit) === info.office &&
        info.capture === 'PHONE' &&
        !dl &&
        !isWfh;
      const forgotIn = r.chance(0.001);
      const forgotOut = info.persona !== 'SHIFT' && r.chance(0.003);

      const addPunch = (kind: 'IN' | 'OUT', minute: number) => {
        const when = at(date, minute, zone);
        if (when > until) return;
        const pr = createRng(seedOf(seed, 'punch', key, date, kind));
        const base = { who: key, kind, at: when, idempotencyKey: `demo-${date}-${kind.toLowerCase()}` };
        if (info.capture === 'TERMINAL') {
          const receivedAt = importAfter(when);
          if (receivedAt === null || receivedAt > until) return;
          punches.push({
            ...base,
            source: 'TERMINAL',
            receivedAt,
            location: null,
            place: null,
            deviceOf: null,
            photo: false,
            terminalSerial: TERMINAL_UNITS[e.unitCode]!,
            idempotencyKey: '',
            expect: 'ACCEPTED',
          });
          return;
        }
        const sharedFlag = shared && when > sharedAt;
        const phone = sharedFlag ? sharedPair[0]!.key : key;
        // A rejected first attempt now and then: a poor GPS fix, moved to a better spot two to six minutes later.
        if (kind === 'IN' && !apelToday && pr.chance(0.006) && when - 6 * MINUTE > lastPunchAt + MINUTE) {
          const tried = when - pr.int(2, 6) * MINUTE;
          punches.push({
            ...base,
            at: tried,
            receivedAt: tried,
            source: 'ONLINE',
            location: {
              ...offset(center.lat, center.lon, pr.int(50, 200), pr.int(0, 359)),
              accuracyM: pr.int(150, 400),
              mocked: false,
            },
            place,
            deviceOf: phone,
            photo: true,
            idempotencyKey: `${base.idempotencyKey}-retry`,
            expect: 'REJECTED',
          });
        }
        // Scanned at the apel kiosk when it is open (from 15 minutes before the apel to the end of its window).
        const apel =
          apelToday && kind === 'IN' && minute >= S - 15 && minute <= S + 30
            ? { unitCode: apelUnit!, date }
            : undefined;
        let location = inside(pr);
        let expect: PlannedPunch['expect'] = sharedFlag ? 'FLAGGED' : 'ACCEPTED';
        // Flagged: at the edge of the office with a weak fix, or a mocked location (the MOCKER's phone).
        if (place === 'OFFICE' && !apel && pr.chance(0.0015)) {
          const acc = pr.int(60, 95);
          location = {
            ...offset(center.lat, center.lon, radius + pr.int(10, acc - 15), pr.int(0, 359)),
            accuracyM: acc,
            mocked: false,
          };
          expect = 'FLAGGED';
        } else if (info.persona === 'MOCKER' && pr.chance(0.06)) {
          location = { ...location, mocked: true };
          expect = 'FLAGGED';
        }

        // Offline now and then in the field (dinas luar, forest and road units): synced one to eight hours later.
        const offlineChance = dl || ['DLHK-HUT', 'PUPR-BM', 'PUPR-SDA'].includes(e.unitCode) ? 0.08 : 0.004;
        const offline = !apel && pr.chance(offlineChance);
        const receivedAt = offline ? when + pr.int(60, 480) * MINUTE : when;
        if (receivedAt > until) return;
        let review: PlannedReview | undefined;
        if (expect === 'FLAGGED') {
          const reviewDay = workingDaysAfter(info, date, pr.int(1, 2));
          const accept = info.persona !== 'MOCKER' && !sharedFlag ? pr.chance(0.88) : pr.chance(0.3);
          const cand: PlannedReview = {
            at: at(reviewDay, 9 * 60 + pr.int(0, 420), zone),
            decision: accept ? 'ACCEPTED' : 'REJECTED',
            note: accept
              ? pr.pick([
                  'Lokasi sesuai, pegawai berada di area parkir kantor',
                  'Sudah dikonfirmasi, pegawai hadir',
                  'Hadir, terlihat pada apel pagi',
                ])
              : sharedFlag
                ? 'Presensi dari ponsel milik pegawai lain tidak dapat diterima'
                : 'Lokasi palsu terdeteksi; presensi tidak dapat diterima',
            by: pr.chance(0.8) ? 'SUPERIOR' : 'ADMIN_OPD',
          };
          // Before the pending window every flag is reviewed (its month gets closed); after it, some wait.
          const waits = date >= pendingFrom && (sharedFlag || pr.chance(0.6));
          if (cand.at <= until && !waits) review = cand;
        }
        punches.push({
          ...base,
          source: apel ? 'QR' : offline ? 'OFFLINE' : 'ONLINE',
          receivedAt,
          location,
          place,
          deviceOf: phone,
          photo: !apel,
          ...(apel ? { apel } : {}),
          ...(offline
            ? {
                offline: {
                  deviceTime: when + pr.int(-20, 20) * 1000,
                  lastServerTime: when - 2 * HOUR,
                  elapsedSinceServerMs: 2 * HOUR,
                },
              }
            : {}),
          expect,
          ...(review ? { review } : {}),
        });
        lastPunchAt = when;
      };

      let arriveMinute = arrive;
      if (apelToday && !late && izinPart !== 'late') arriveMinute = S - 15 + r.int(0, 13);
      if (!forgotIn) addPunch('IN', arriveMinute);
      if (!forgotOut) addPunch('OUT', leave);

      // A forgotten punch: most ask for a correction the next working day (terminal units: the terminal failed).
      if ((forgotIn || forgotOut) && mayAsk && r.chance(0.7)) {
        const next = workingDaysAfter(info, date, 1);
        const submitAt = at(next, 8 * 60 + r.int(0, 120), zone);
        if (submitAt <= until && submitAt > firstMorning) {
          const reject = r.chance(0.12);
          const decision: PlannedDecision = {
            at: submitAt + r.int(3, 28) * HOUR,
            decision: reject ? 'REJECT' : 'APPROVE',
            note: reject
              ? 'Bukti tidak menunjukkan kehadiran pada jam tersebut'
              : 'Sesuai daftar hadir manual',
            by: 'SUPERIOR',
          };
          const hhmm = (m: number) =>
            `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          requests.push({
            kind: 'correction',
            who: key,
            date,
            ...(forgotIn ? { checkIn: hhmm(arriveMinute) } : {}),
            ...(forgotOut ? { checkOut: hhmm(Math.min(leave, 23 * 60 + 59)) } : {}),
            category: info.capture === 'TERMINAL' ? 'GANGGUAN_PERANGKAT' : 'LUPA_PRESENSI',
            reason:
              info.capture === 'TERMINAL'
                ? 'Mesin sidik jari tidak membaca jari saya'
                : forgotIn
                  ? 'Lupa presensi masuk karena langsung rapat'
                  : 'Lupa presensi pulang',
            submitAt,
            ...(decided(decision) && (date < addDays(pendingFrom, -3) || r.chance(0.5)) ? { decision } : {}),
          });
        }
      }
    }
  }

  spotlight();

  // An offline punch synced days after its month was closed (the phone was left without signal in the forest),
  // accepted by the superior: the day changes in a closed month and becomes an adjustment of the next month.
  const lateSync = infos.find(
    (i) =>
      i.e.unitCode === 'DLHK-HUT' &&
      i.persona === 'REGULAR' &&
      i.capture === 'PHONE' &&
      !sharedPair.includes(i),
  );

  /**
   * What the README's accounts find waiting on first start: staff of the chain's atasan with a leave waiting for
   * the atasan, one approved by the atasan waiting for the leave-granting official, a correction and a flagged
   * punch waiting; a Bapenda phone change waiting for admin OPD; the pegawai's own izin next week waiting.
   */
  function spotlight() {
    // The latest requests of anyone, made in the last two days, are partly still waiting.
    for (const q of requests) {
      if (q.submitAt < until - 2 * 24 * HOUR) continue;
      const r = createRng(seedOf(seed, 'recent', q.who, q.submitAt));
      if (!r.chance(0.5)) continue;
      if (q.kind === 'leave') {
        q.steps = q.steps.slice(0, r.int(0, 1));
        delete q.cancelAt;
      } else if (!(q.kind === 'permit' && q.recorded)) delete q.decision;
    }
    const atasan = logins.atasan[0]?.login;
    const staffAll = infos.filter(
      (i) =>
        i.e.superiorNip === atasan &&
        i.key !== chainPegawai &&
        i.persona === 'REGULAR' &&
        i.capture === 'PHONE' &&
        i.e.activeFrom <= start,
    );
    // Two who may take annual leave (a year of service), then any two others.
    const leaveable = staffAll.filter((i) => i.leaveTypes && addDays(i.e.activeFrom, 366) <= today);
    const others = staffAll.filter((i) => !leaveable.slice(0, 2).includes(i));
    const staff = [leaveable[0], leaveable[1], others[0], others[1]];
    const free = (who: EmployeeKey, from: LocalDate, to: LocalDate) =>
      !requests.some(
        (q) =>
          q.who === who &&
          (q.kind === 'correction' ? q.date >= from && q.date <= to : q.from <= to && q.to >= from),
      );
    const yesterday = (info: EmpInfo) => at(addDays(today, -1), 14 * 60 + 10, info.zone);
    /** The n-th working day of the employee after `date` (null past the years the rulebook's calendar knows). */
    const nth = (info: EmpInfo, date: LocalDate, n: number) => {
      let day = date;
      for (let i = 0, found = 0; i < 60; i++) {
        day = addDays(day, 1);
        if (scheduleOf(info, day) !== null && ++found === n) return day;
      }
      return null;
    };
    const [a, b, c, d] = staff;
    /**
     * Annual leave from the `first`-th working day after today to `more` working days later, within one year (it
     * is counted per year, PP 11/2017: a request spanning two years is refused), so moved into the new year when
     * it would end there.
     */
    const annualBlock = (
      info: EmpInfo,
      first: number,
      more: number,
    ): [LocalDate | null, LocalDate | null] => {
      const from = nth(info, today, first);
      const to = from ? nth(info, from, more) : null;
      if (!from || !to || from.slice(0, 4) === to.slice(0, 4)) return [from, to];
      const moved = nth(info, `${from.slice(0, 4)}-12-31`, 1);
      return [moved, moved ? nth(info, moved, more) : null];
    };
    const [aFrom, aTo] = a ? annualBlock(a, 5, 1) : [null, null];
    if (a && aFrom && aTo) {
      const [from, to] = [aFrom, aTo];
      if (free(a.key, from, to) && yesterday(a) > firstMorning)
        requests.push({
          kind: 'leave',
          who: a.key,
          type: 'CT',
          from,
          to,
          reason: 'Menghadiri wisuda adik di Yogyakarta',
          address: 'Kota Yogyakarta, DI Yogyakarta',
          attachment: false,
          submitAt: yesterday(a),
          steps: [],
        });
    }
    const [bFrom, bTo] = b ? annualBlock(b, 8, 2) : [null, null];
    if (b && bFrom && bTo) {
      const [from, to] = [bFrom, bTo];
      const approvedAt = at(today, 7 * 60 + 40, b.zone);
      if (free(b.key, from, to) && yesterday(b) - 26 * HOUR > firstMorning)
        requests.push({
          kind: 'leave',
          who: b.key,
          type: 'CT',
          from,
          to,
          reason: 'Umrah bersama orang tua',
          address: 'Makkah, Arab Saudi',
          attachment: false,
          submitAt: yesterday(b) - 26 * HOUR,
          steps: [
            {
              at: Math.min(approvedAt, until),
              decision: 'APPROVE',
              note: 'Disetujui, serahkan pekerjaan kepada rekan seksi',
              by: 'SUPERIOR',
            },
          ],
        });
    }
    const lastWorking = (info: EmpInfo) => {
      let day = addDays(today, -1);
      while (day > start && scheduleOf(info, day) === null) day = addDays(day, -1);
      return day;
    };
    if (c) {
      const day = lastWorking(c);
      const out = punches.find(
        (p) =>
          p.who === c.key && p.kind === 'OUT' && p.source === 'ONLINE' && toZoned(p.at, c.zone).date === day,
      );
      const submitAt = at(today, 7 * 60 + 5, c.zone);
      if (out && free(c.key, day, day) && submitAt <= until) {
        punches.splice(punches.indexOf(out), 1);
        requests.push({
          kind: 'correction',
          who: c.key,
          date: day,
          checkOut: '16:12',
          category: 'LUPA_PRESENSI',
          reason: 'Lupa presensi pulang karena terburu-buru menjemput anak',
          submitAt,
        });
      }
    }
    if (d) {
      const last = punches
        .filter((p) => p.who === d.key && p.kind === 'IN' && p.source === 'ONLINE' && p.expect === 'ACCEPTED')
        .at(-1);
      if (last && last.place === 'OFFICE') {
        const acc = 80;
        last.location = {
          ...offset(d.office.lat, d.office.lon, d.office.radiusM + 40, 200),
          accuracyM: acc,
          mocked: false,
        };
        last.expect = 'FLAGGED';
        delete last.review;
      }
    }
    const me = infos.find((i) => i.key === chainPegawai);
    const meDay = me ? nth(me, today, 4) : null;
    if (me && meDay) {
      const day = meDay;
      const submitAt = at(addDays(today, -1), 15 * 60 + 30, me.zone);
      if (free(me.key, day, day) && submitAt > firstMorning)
        requests.push({
          kind: 'permit',
          who: me.key,
          permit: 'I',
          part: 'full',
          from: day,
          to: day,
          reason: 'Mengurus perpanjangan SIM di Satpas Polda Banten',
          recorded: false,
          submitAt,
        });
    }
    const chainKeys = [
      chainPegawai,
      ...[logins.atasan[0], logins.pybmc[0], logins.adminOpd[0]].map((l) => l?.login),
    ];
    const ciruas = infos.find(
      (i) =>
        i.e.unitCode === 'BAPENDA-SAMSAT-CIRUAS' &&
        i.persona === 'REGULAR' &&
        i.capture === 'PHONE' &&
        ![...chainKeys, a?.key, b?.key, c?.key, d?.key].includes(i.key) &&
        !i.isHead,
    );
    if (ciruas && !devices.some((x) => x.who === ciruas.key && x.reason))
      devices.push({
        who: ciruas.key,
        at: Math.min(at(today, 6 * 60 + 30, ciruas.zone), until),
        label: 'Samsat A55',
        platform: 'Android',
        keySeed: `${seed}:${ciruas.key}:new`,
        reason: 'Ponsel lama jatuh dan layarnya pecah',
      });
  }

  // ── Closings: every OPD's admin closes each closable month on its closing day (two OPDs the latest later). ──
  const opds = data.units.filter((u) => u.kind === 'OPD').map((u) => u.code);
  const closings: DemoHistoryPlan['closings'] = [];
  for (const month of closable)
    for (const [n, opd] of opds.entries()) {
      const isLatest = month === closable.at(-1);
      if ((isLatest && LATE_CLOSING_OPDS.includes(opd)) || closeTime(month, n) > until) continue;
      closings.push({ opd, month, at: closeTime(month, n) });
    }
  if (lateSync && closable.length > 0) {
    const info = lateSync;
    const month = closable[0]!;
    const closeAt = closings.find((c) => c.month === month && c.opd === info.opd)?.at;
    // The last day of the month on which they punched in and out (nothing else planned that day).
    const dayOf = (p: PlannedPunch) => toZoned(p.at, info.zone).date;
    const theirs = punches.filter((p) => p.who === info.key && dayOf(p).startsWith(month));
    const byDay = new Map<LocalDate, PlannedPunch[]>();
    for (const p of theirs) byDay.set(dayOf(p), [...(byDay.get(dayOf(p)) ?? []), p]);
    const date = [...byDay.keys()]
      .sort()
      .reverse()
      .find(
        (d) =>
          byDay.get(d)!.length === 2 &&
          byDay.get(d)!.every((p) => p.expect === 'ACCEPTED' && p.source === 'ONLINE') &&
          !requests.some(
            (q) => q.who === info.key && (q.kind === 'correction' ? q.date === d : q.from <= d && q.to >= d),
          ),
      );
    const receivedAt = closeAt === undefined ? Infinity : closeAt + 26 * HOUR;
    if (date && receivedAt <= until) {
      // They were in the forest without signal that day: the phone kept both punches and sent them after the
      // month had been closed.
      for (const p of byDay.get(date)!) punches.splice(punches.indexOf(p), 1);
      for (const kind of ['IN', 'OUT'] as const) {
        const when = at(date, kind === 'IN' ? 7 * 60 + 12 : 16 * 60 + 21, info.zone);
        const reviewAt = receivedAt + 20 * HOUR;
        punches.push({
          who: info.key,
          kind,
          source: 'OFFLINE',
          at: when,
          receivedAt: receivedAt + (kind === 'OUT' ? 1000 : 0),
          location: { ...offset(info.office.lat, info.office.lon, 20, 90), accuracyM: 12, mocked: false },
          place: 'OFFICE',
          deviceOf: info.key,
          photo: true,
          offline: { deviceTime: when, lastServerTime: when - HOUR, elapsedSinceServerMs: HOUR },
          idempotencyKey: `demo-${date}-${kind.toLowerCase()}-late-sync`,
          expect: 'FLAGGED',
          ...(reviewAt <= until
            ? {
                review: {
                  at: reviewAt + (kind === 'OUT' ? MINUTE : 0),
                  decision: 'ACCEPTED' as const,
                  note: 'Ponsel tanpa sinyal di kawasan hutan; kehadiran dikonfirmasi surat tugas lapangan',
                  by: 'SUPERIOR' as const,
                },
              }
            : {}),
        });
      }
    }
  }

  settle(requests, punches, closings, infos);
  punches.sort((a, b) => a.receivedAt - b.receivedAt || a.at - b.at);
  requests.sort((a, b) => a.submitAt - b.submitAt);
  const terminalImports: DemoHistoryPlan['terminalImports'] = [];
  for (const t of importTimes)
    for (const [unitCode, serial] of Object.entries(TERMINAL_UNITS))
      if (punches.some((p) => p.terminalSerial === serial && p.receivedAt === t))
        terminalImports.push({ at: t, serial, unitCode });
  // Terminal punches keep the user id of the mapping in their key (the import makes the real one).
  for (const p of punches)
    if (p.source === 'TERMINAL')
      p.idempotencyKey = `terminal:${p.terminalSerial}:${terminalUserId.get(p.who)}`;

  return {
    start,
    today,
    until,
    personas,
    devices,
    homes,
    rosters,
    apelSchedules,
    apelKiosks,
    terminalUsers,
    terminalImports,
    punches,
    requests,
    closings,
  };
}

/**
 * Nothing may wait for a decision in a month that gets closed (the closing refuses it): a request or flagged punch
 * of such a month still undecided is decided a few hours after it was made, and every decision of such a month is
 * made before the month's closing (the services refuse decisions in a closed month).
 */
function settle(
  requests: PlannedRequest[],
  punches: PlannedPunch[],
  closings: DemoHistoryPlan['closings'],
  infos: EmpInfo[],
) {
  const infoOf = new Map(infos.map((i) => [i.key, i]));
  const closeAt = new Map(closings.map((c) => [`${c.opd}|${c.month}`, c.at]));
  /** The earliest closing among the months touched by from..to for the employee's OPD. */
  const closingOf = (who: EmployeeKey, from: LocalDate, to: LocalDate) => {
    const opd = infoOf.get(who)!.opd;
    let first = Infinity;
    for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m))
      first = Math.min(first, closeAt.get(`${opd}|${m}`) ?? Infinity);
    return first;
  };
  const fix = (
    d: PlannedDecision | undefined,
    submitAt: number,
    close: number,
    by: Decider,
  ): PlannedDecision => {
    const at = Math.min(d?.at ?? submitAt + 3 * HOUR, close - HOUR);
    return d
      ? { ...d, at: Math.max(at, submitAt + MINUTE) }
      : { at: Math.max(at, submitAt + MINUTE), decision: 'APPROVE', note: 'Disetujui', by };
  };
  for (const q of requests) {
    const [from, to] = q.kind === 'correction' ? [q.date, q.date] : [q.from, q.to];
    const close = closingOf(q.who, from, to);
    if (close === Infinity) continue;
    if (q.kind === 'leave') {
      const first = fix(q.steps[0], q.submitAt, close, 'SUPERIOR');
      q.steps = first.decision === 'REJECT' ? [first] : [first, fix(q.steps[1], first.at, close, 'PYBMC')];
      if (q.cancelAt !== undefined && q.cancelAt >= close) delete q.cancelAt;
    } else if (!(q.kind === 'permit' && q.recorded))
      q.decision = fix(q.decision, q.submitAt, close, 'SUPERIOR');
  }
  for (const p of punches) {
    if (p.expect !== 'FLAGGED') continue;
    const info = infoOf.get(p.who)!;
    const date = toZoned(p.at, info.zone).date;
    const close = closingOf(p.who, date, date);
    // A punch received after its month was closed is reviewed afterwards (it makes an adjustment).
    if (close === Infinity || p.receivedAt >= close) continue;
    const at = Math.min(p.review?.at ?? p.receivedAt + 20 * HOUR, close - HOUR);
    p.review = p.review
      ? { ...p.review, at: Math.max(at, p.receivedAt + MINUTE) }
      : {
          at: Math.max(at, p.receivedAt + MINUTE),
          decision: 'ACCEPTED',
          note: 'Sudah dikonfirmasi, pegawai hadir',
          by: 'SUPERIOR',
        };
  }
}

/** The SHA-256 of a text, as 32 bytes: the private scalar of a demo phone's key (see the loader). */
export function keyBytes(seed: string): Buffer {
  return createHash('sha256').update(`abdi-demo-phone:${seed}`).digest();
}
