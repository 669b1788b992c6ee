/**
 * The attendance section of a rulebook: how a day's punches, schedule and approved absences become a day code
 * (H, TL1–TL4, PSW1–PSW4, TK, leave / permit codes, LIBUR). Every region-varying value lives here as data
 * with its legal basis; the classifier (`classify-day.ts`) contains no regional constants.
 * Source: regulations.md §1.4, §3.2, §4.3, §5.3, §10 ("Attendance codes" row).
 */
import { z } from 'zod';
import { effectivePeriodSchema, legalBasisSchema } from '../common/legal-basis.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import { EARLY_BANDS, LATE_BANDS, LEAVE_CODES, PERMIT_CODES, WORK_LOCATIONS } from './status-codes.ts';
import { monthClosingRulesSchema } from '../recap/recap-rules.ts';
import { requestWindowRulesSchema } from '../permits/request-window.ts';

const lateBandSchema = z.enum(LATE_BANDS);
const earlyBandSchema = z.enum(EARLY_BANDS);
const absenceCodeSchema = z.enum([...LEAVE_CODES, ...PERMIT_CODES]);

/**
 * One band as in the regulation table: `fromMinute` inclusive, `belowMinute` exclusive ("1 min – < 31 min"),
 * `belowMinute: null` for the open-ended last band ("≥ 91 min").
 */
function bandRangeSchema<T extends z.ZodType>(band: T) {
  return z.object({
    band,
    fromMinute: z.number().int().min(1),
    belowMinute: z.number().int().min(2).nullable(),
  });
}

/**
 * How many minutes a missing punch adds to the PP 94/2021 accumulation (regulations.md §1.4):
 * - `fixed`: a fixed number (0 = the missing punch only sets the band, no minutes);
 * - `bandFloor`: the lower bound of the mapped band (TL4 → 91 in the common scheme), i.e. the least lateness
 *   the band itself asserts, so band and minutes never contradict;
 * - `halfSchedule`: half the scheduled working minutes net of breaks (225 on a 7.5-hour day), reading a missing
 *   punch as "half of the day is unproven"; two halves make the 450 minutes of one day.
 */
const missingMinutesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), minutes: z.number().int().min(0).max(1440) }),
  z.object({ kind: z.literal('bandFloor') }),
  z.object({ kind: z.literal('halfSchedule') }),
]);
export type MissingPunchMinutes = z.infer<typeof missingMinutesSchema>;

/** Zod schema of the attendance rulebook section (`rulebooks/<region>/attendance.json`). */
export const attendanceRulesSchema = z.object({
  ...effectivePeriodSchema.shape,
  /** Free description of the rule set (e.g. the Perkada it implements). */
  description: z.string().optional(),
  /** Lateness bands TL1–TL4. Source: regulations.md §5.3. */
  lateBands: z.object({
    bands: z.array(bandRangeSchema(lateBandSchema)).min(1),
    legalBasis: legalBasisSchema,
  }),
  /** Early-leave bands PSW1–PSW4. Source: regulations.md §5.3. */
  earlyBands: z.object({
    bands: z.array(bandRangeSchema(earlyBandSchema)).min(1),
    legalBasis: legalBasisSchema,
  }),
  /**
   * Where late minutes are counted from once a check-in is past the grace period (`start + graceMinutes`):
   * `start` = minutes after the scheduled start (grace only decides *whether* the employee is late);
   * `graceEnd` = minutes after the end of the grace period.
   */
  lateCountedFrom: z.object({
    value: z.enum(['start', 'graceEnd']),
    legalBasis: legalBasisSchema,
  }),
  /**
   * Whether break minutes inside a late / early interval are left out of the minutes counted (the 450-minute
   * day of regulations.md §1.4 is net working time, Perpres 21/2023 "excluding breaks").
   */
  minutesExcludeBreaks: z.object({
    value: z.boolean(),
    legalBasis: legalBasisSchema,
  }),
  /** Same-day make-up of lateness (KemenPANRB 2018: 30 minutes made up by leaving later). Null = not allowed. */
  lateMakeUp: z
    .object({
      /** Largest lateness (as counted) that may be made up. */
      maxLateMinutes: z.number().int().min(1).max(240),
      legalBasis: legalBasisSchema,
    })
    .nullable(),
  /**
   * Days with dynamic working hours (PermenPANRB 4/2025 flexible time: duties not tied to office hours; the
   * schedule resolves them with kind `flexible`). No late / early bands against the nominal start and end:
   * presence is judged by a check-in and a check-out and, when a minimum is set, by the net minutes between them.
   * Source: regulations.md §3.3 ("dynamic hours … always within the statutory days/hours"), §3.1 (37.5 h/week).
   */
  flexibleTime: z.object({
    /**
     * Minimum net minutes (breaks excluded when `minutesExcludeBreaks`) between check-in and check-out:
     * `none` = presence only; `scheduleNet` = the net minutes of the nominal schedule of the day (450 on a
     * normal day, 390 in Ramadan); `fixed` = a number of minutes.
     */
    minimumNetMinutes: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('scheduleNet') }),
      z.object({ kind: z.literal('fixed'), minutes: z.number().int().min(1).max(1440) }),
    ]),
    /**
     * A day below the minimum: `earlyBand` = the shortfall counts as leaving early (the PSW band of the shortfall
     * minutes, and the minutes toward PP 94/2021); `minutesOnly` = the minutes toward PP 94/2021, no band;
     * `TK` = presence not proven (a TK day).
     */
    shortfall: z.enum(['earlyBand', 'minutesOnly', 'TK']),
    /**
     * Only one of the two punches: `missingPunch` = as on any working day (`missingCheckIn` / `missingCheckOut`:
     * a missing record is the worst band, regulations.md §4.3 TAD/TAP); `TK` = presence not proven.
     */
    singlePunch: z.enum(['missingPunch', 'TK']),
    legalBasis: legalBasisSchema,
  }),
  /** What a missing check-in (TAD) maps to. Source: regulations.md §4.3, §5.3. */
  missingCheckIn: z.object({
    band: lateBandSchema,
    minutes: missingMinutesSchema,
    legalBasis: legalBasisSchema,
  }),
  /** What a missing check-out (TAP) maps to. Source: regulations.md §4.3, §5.3. */
  missingCheckOut: z.object({
    band: earlyBandSchema,
    minutes: missingMinutesSchema,
    legalBasis: legalBasisSchema,
  }),
  /** A working day with no usable punch and no approved absence. Source: PP 94/2021 Pasal 4 huruf f. */
  noPunches: z.object({
    code: z.literal('TK'),
    legalBasis: legalBasisSchema,
  }),
  /**
   * A single punch lying in both the check-in and the check-out window:
   * `scheduleMidpoint` = check-in when before the midpoint of start and end, check-out otherwise.
   */
  ambiguousPunch: z.object({
    assignTo: z.enum(['scheduleMidpoint', 'checkIn', 'checkOut']),
    legalBasis: legalBasisSchema,
  }),
  /**
   * An approved partial permit (izin terlambat / izin pulang cepat, or "forgot to punch") for the late or
   * early part of a day: whether it cancels the band (TPP cut) and / or the minutes (PP 94 accumulation).
   * Source: regulations.md §5.3 ("usually cancels the cut" [INF][REG]).
   */
  partialPermit: z.object({
    excusesBand: z.boolean(),
    excusesMinutes: z.boolean(),
    legalBasis: legalBasisSchema,
  }),
  /**
   * What an employee must give to request each permit / assignment kind (izin, sakit, dinas luar, tugas luar,
   * tugas belajar, diklat), and who may record it. A code not listed cannot be requested (e.g. DSP, an admin
   * override). Source: regulations.md §4.3 (codes, [REG]); PP 11/2017 Pasal 320 and Peraturan BKN 24/2017
   * (sick for 1 day = tell the superior; longer = cuti sakit with a doctor's note, regulations.md §4.1).
   * Absent = no permit can be requested under this rulebook.
   */
  permitRules: z
    .object({
      kinds: z
        .array(
          z.object({
            code: z.enum(PERMIT_CODES),
            /** Parts of a day it may cover: `full` days, or the `late` / `early` part of one day. */
            parts: z.array(z.enum(['full', 'late', 'early'])).min(1),
            /** Longest request in calendar days (null = no limit), e.g. sakit 1 day before cuti sakit applies. */
            maxDays: z.number().int().min(1).max(3660).nullable(),
            /** A letter of assignment (number, date, upload) is required. */
            letterRequired: z.boolean(),
            /** A destination (name, lat/lon, radius) is required; it becomes a punch geofence on those days. */
            destinationRequired: z.boolean(),
            /** A supporting document (e.g. a note) must be uploaded even without a letter. */
            attachmentRequired: z.boolean(),
            /** Admin OPD may record it on behalf of the employee (with the letter): final at once. */
            adminMayRecord: z.boolean(),
            /** Work location of the day when approved (null = the schedule's, WFO by default). */
            workLocation: z.enum(WORK_LOCATIONS).nullable(),
            legalBasis: legalBasisSchema,
          }),
        )
        .min(1),
    })
    .optional(),
  /**
   * Every leave / permit / assignment code and how it affects a day. Order is precedence: when several
   * full-day absences cover a date, the one listed first wins.
   */
  absenceCodes: z
    .array(
      z.object({
        code: absenceCodeSchema,
        /** Indonesian label used in reasons, e.g. "Cuti tahunan". */
        label: z.string().min(1),
        /** May cover a whole day (the code replaces the day). */
        fullDay: z.boolean(),
        /** May excuse the late part or the early part of a day (izin terlambat / pulang cepat). */
        partial: z.boolean(),
        /** The day counts as worked (assignments: DL, TGL, DIKLAT…), so it carries a work location. */
        countsAsWorked: z.boolean(),
        legalBasis: legalBasisSchema,
      }),
    )
    .min(1),
  /**
   * Code of a cuti bersama date on which the employee has no schedule: `LIBUR` (not a working day: HK excludes
   * cuti bersama, regulations.md §0; national default) or `CBER` (reported as cuti bersama, PP 11/2017
   * Pasal 333). An employee whose schedule still covers the date (duty units) is classified as on any working day.
   */
  cutiBersama: z.object({
    code: z.enum(['CBER', 'LIBUR']),
    legalBasis: legalBasisSchema,
  }),
  /**
   * Punches on a day without a schedule for the employee (weekend, holiday, off-shift): `LIBUR` keeps the day a
   * holiday with a reason "masuk di hari libur"; `H` records it as present (no bands: there is no schedule).
   */
  nonWorkingDayPunches: z.object({
    recordAs: z.enum(['LIBUR', 'H']),
    legalBasis: legalBasisSchema,
  }),
  /** When a unit's month may be closed and the early-warning margin (src/core/recap/recap-rules.ts). */
  monthClosing: monthClosingRulesSchema.optional(),
  /** How late a permit or correction may be asked for, per kind (src/core/permits/request-window.ts). */
  requestWindows: requestWindowRulesSchema.optional(),
});

/** The attendance rulebook section. */
export type AttendanceRules = z.infer<typeof attendanceRulesSchema>;
type BandRange =
  AttendanceRules['lateBands']['bands'][number] | AttendanceRules['earlyBands']['bands'][number];

function formatZodPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

function validateBands(
  bands: readonly BandRange[],
  expected: readonly string[],
  path: string,
  kind: string,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (bands.length > expected.length) {
    issues.push({ path, message: `Paling banyak ${expected.length} pita ${kind}` });
  }
  bands.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (b.band !== expected[i]) {
      issues.push({
        path: `${p}.band`,
        message: `Pita ke-${i + 1} harus ${expected[i] ?? '-'} (urut), bukan ${b.band}`,
      });
    }
    if (i === 0 && b.fromMinute !== 1) {
      issues.push({ path: `${p}.fromMinute`, message: `Pita ${kind} pertama harus mulai dari menit ke-1` });
    }
    if (b.belowMinute !== null && b.belowMinute <= b.fromMinute) {
      issues.push({ path: `${p}.belowMinute`, message: 'Batas atas harus lebih besar dari batas bawah' });
    }
    const prev = bands[i - 1];
    if (prev !== undefined) {
      if (prev.belowMinute === null) {
        issues.push({
          path: `${p}`,
          message: 'Pita setelah pita terbuka (tanpa batas atas) tidak diperbolehkan',
        });
      } else if (b.fromMinute > prev.belowMinute) {
        issues.push({
          path: `${p}.fromMinute`,
          message: `Ada celah: menit ${prev.belowMinute}–${b.fromMinute - 1} tidak masuk pita mana pun`,
        });
      } else if (b.fromMinute < prev.belowMinute) {
        issues.push({ path: `${p}.fromMinute`, message: `Pita tumpang tindih dengan pita ${prev.band}` });
      }
    }
  });
  const last = bands[bands.length - 1];
  if (last !== undefined && last.belowMinute !== null) {
    issues.push({
      path: `${path}[${bands.length - 1}].belowMinute`,
      message: `Pita ${kind} terakhir harus terbuka (belowMinute: null), mis. "≥ 91 menit"`,
    });
  }
  return issues;
}

/**
 * Validate the attendance section of a rulebook: schema (via zod), then the rules zod cannot express:
 * bands contiguous from minute 1 with no gap or overlap, last band open-ended, codes TL1..TL4 / PSW1..PSW4 in
 * order; a missing punch mapped to a band that exists; every leave / permit code configured exactly once;
 * codes that can neither be full-day nor partial; an effective period that ends after it starts.
 * Source: regulations.md §5.3 (band table), §4.3 (codes), §10 (configuration checklist).
 *
 * @param rules the parsed JSON (any value; not trusted)
 * @param path JSON path prefix for the issues
 * @returns issues with Indonesian messages; empty when the rules are usable by `classifyDay`
 */
export function validateAttendanceRules(rules: unknown, path = 'attendance'): RuleIssue[] {
  const parsed = attendanceRulesSchema.safeParse(rules);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      path: formatZodPath(path, issue.path),
      message: issue.message,
    }));
  }
  const r = parsed.data;
  const issues: RuleIssue[] = [];
  if (r.effectiveTo !== null && r.effectiveTo < r.effectiveFrom) {
    issues.push({
      path: `${path}.effectiveTo`,
      message: 'Tanggal akhir berlaku sebelum tanggal mulai berlaku',
    });
  }
  issues.push(...validateBands(r.lateBands.bands, LATE_BANDS, `${path}.lateBands.bands`, 'terlambat'));
  issues.push(...validateBands(r.earlyBands.bands, EARLY_BANDS, `${path}.earlyBands.bands`, 'pulang cepat'));

  if (!r.lateBands.bands.some((b) => b.band === r.missingCheckIn.band)) {
    issues.push({
      path: `${path}.missingCheckIn.band`,
      message: `Pita ${r.missingCheckIn.band} tidak ada dalam daftar pita terlambat`,
    });
  }
  if (!r.earlyBands.bands.some((b) => b.band === r.missingCheckOut.band)) {
    issues.push({
      path: `${path}.missingCheckOut.band`,
      message: `Pita ${r.missingCheckOut.band} tidak ada dalam daftar pita pulang cepat`,
    });
  }

  const seen = new Set<string>();
  r.absenceCodes.forEach((c, i) => {
    const p = `${path}.absenceCodes[${i}]`;
    if (seen.has(c.code))
      issues.push({ path: `${p}.code`, message: `Kode ${c.code} didefinisikan lebih dari sekali` });
    seen.add(c.code);
    if (!c.fullDay && !c.partial) {
      issues.push({
        path: p,
        message: `Kode ${c.code} harus berlaku sehari penuh, sebagian hari, atau keduanya`,
      });
    }
  });
  for (const code of [...LEAVE_CODES, ...PERMIT_CODES]) {
    if (!seen.has(code)) {
      issues.push({ path: `${path}.absenceCodes`, message: `Kode ${code} belum diatur` });
    }
  }

  const kindSeen = new Set<string>();
  (r.permitRules?.kinds ?? []).forEach((k, i) => {
    const p = `${path}.permitRules.kinds[${i}]`;
    if (kindSeen.has(k.code))
      issues.push({ path: `${p}.code`, message: `Jenis izin ${k.code} didefinisikan lebih dari sekali` });
    kindSeen.add(k.code);
    const absence = r.absenceCodes.find((c) => c.code === k.code);
    if (absence && k.parts.includes('full') && !absence.fullDay)
      issues.push({
        path: `${p}.parts`,
        message: `Kode ${k.code} tidak berlaku sehari penuh (absenceCodes)`,
      });
    if (absence && k.parts.some((x) => x !== 'full') && !absence.partial)
      issues.push({
        path: `${p}.parts`,
        message: `Kode ${k.code} tidak berlaku sebagian hari (absenceCodes)`,
      });
    if (k.adminMayRecord && !k.letterRequired)
      issues.push({
        path: `${p}.adminMayRecord`,
        message: `Admin hanya dapat mencatat ${k.code} atas dasar surat tugas (letterRequired harus true)`,
      });
  });
  return issues;
}

/**
 * Cross-section check of the attendance section against the discipline section of the same rulebook: the code
 * a cuti bersama date is recorded with (`cutiBersama.code`, e.g. `CBER`) must be one of the discipline
 * `absence.nonWorkingCodes`, else a cuti bersama day between TK days breaks the run of consecutive TK working
 * days and is counted as a working day of the month.
 * Source: regulations.md §0 ("HK" excludes cuti bersama), §1.3 ("weekends/holidays between TK days do not
 * break the streak"), §3.4.
 *
 * @param attendance the parsed attendance section
 * @param discipline the discipline section of the same rulebook
 * @param path JSON path prefix for the issues
 * @returns the problems found (Bahasa Indonesia); empty when consistent
 */
export function validateAttendanceAgainstDiscipline(
  attendance: Pick<AttendanceRules, 'cutiBersama'>,
  discipline: { absence: { nonWorkingCodes: readonly string[] } },
  path = 'attendance',
): RuleIssue[] {
  const code = attendance.cutiBersama.code;
  if (discipline.absence.nonWorkingCodes.includes(code)) return [];
  return [
    {
      path: `${path}.cutiBersama.code`,
      message:
        `Cuti bersama dicatat dengan kode ${code}, tetapi ${code} tidak ada di discipline.absence.nonWorkingCodes ` +
        `(${discipline.absence.nonWorkingCodes.join(', ')}): cuti bersama bukan hari kerja dan tidak boleh ` +
        'memutus TK berturut-turut; tambahkan kode itu ke daftar hari bukan kerja',
    },
  ];
}
