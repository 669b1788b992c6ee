/**
 * The rulebook: a typed, versioned set of all regional rules (calendar, schedule, attendance codes and bands,
 * discipline ladders, TPP, performance, leave), each item with its legal basis, the whole with effective dates.
 * A regional rulebook extends the national one; a fact is judged by the version in force on its date.
 * Source: PRODUCT.md principle 1 ("Regulation is data"); regulations.md §0 ([REG] marks), §10 (configuration
 * checklist), §11.
 */
import { z } from 'zod';
import { legalBasisSchema, localDateSchema } from '../common/legal-basis.ts';
import type { LocalDate } from '../common/local-date.ts';
import { addDays, isLocalDate } from '../common/local-date.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import { calendarRulesSchema, validateCalendarRules } from '../calendar/calendar-rules.ts';
import {
  scheduleRulesSchema,
  validateScheduleAgainstCalendar,
  validateScheduleRules,
} from '../schedule/schedule-rules.ts';
import {
  attendanceRulesSchema,
  validateAttendanceAgainstDiscipline,
  validateAttendanceRules,
} from '../attendance/attendance-rules.ts';
import { disciplineRulesSchema, validateDisciplineRules } from '../discipline/discipline-rules.ts';
import { tppRulesSchema, validateTppAgainstRulebook, validateTppRules } from '../tpp/tpp-rules.ts';
import { performanceRulesSchema, validatePerformanceRules } from '../performance/performance-rules.ts';
import { leaveRulesSchema, validateLeaveRules } from '../leave/leave-rules.ts';
import { captureRulesSchema, validateCaptureRules } from '../attendance/capture-rules.ts';

/** The sections of a rulebook, in the order they are validated and stored (one JSON file each). */
export const RULEBOOK_SECTIONS = [
  'calendar',
  'schedule',
  'attendance',
  'discipline',
  'tpp',
  'performance',
  'leave',
  'capture',
] as const;
export type RulebookSectionKey = (typeof RULEBOOK_SECTIONS)[number];

/** Metadata of one rulebook version. */
export const rulebookMetaSchema = z.object({
  /** Unique id, also the folder name under `rulebooks/` (e.g. "national", "regional-60-40"). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'Id rulebook hanya huruf kecil, angka dan tanda hubung'),
  name: z.string().min(1),
  /** Region code; versions of the same region must not overlap nor leave gaps. */
  region: z.string().min(1),
  version: z.string().min(1),
  effectiveFrom: localDateSchema,
  effectiveTo: localDateSchema.nullable(),
  legalBasis: z.array(legalBasisSchema).min(1, 'Dasar hukum rulebook wajib diisi'),
  /** Id of the rulebook whose sections are inherited when this one does not define them. */
  extends: z.string().optional(),
  /**
   * Sections that are merged key-by-key over the base section instead of replacing it: the top-level keys
   * given here replace the base's, the others are inherited (e.g. a calendar that only adds regional holidays).
   */
  mergeSections: z.array(z.enum(RULEBOOK_SECTIONS)).default([]),
  description: z.string().optional(),
});
export type RulebookMeta = z.infer<typeof rulebookMetaSchema>;
export type RulebookMetaInput = z.input<typeof rulebookMetaSchema>;

/** A complete rulebook. */
export const rulebookSchema = z.object({
  meta: rulebookMetaSchema,
  calendar: calendarRulesSchema,
  schedule: scheduleRulesSchema,
  attendance: attendanceRulesSchema,
  discipline: disciplineRulesSchema,
  tpp: tppRulesSchema,
  performance: performanceRulesSchema,
  leave: leaveRulesSchema,
  capture: captureRulesSchema,
});
export type Rulebook = z.infer<typeof rulebookSchema>;
export type RulebookSections = Omit<Rulebook, 'meta'>;
/** Sections as written in JSON (before defaults), possibly partial for merged sections. */
export type RulebookSectionsInput = { [K in RulebookSectionKey]?: unknown };

/** Result of parsing or assembling a rulebook. */
export type ParseRulebookResult = { ok: true; rulebook: Rulebook } | { ok: false; issues: RuleIssue[] };

/** `['tpp', 'bands', 2, 'from']` → `tpp.bands[2].from`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(rulebook)' : out;
}

/**
 * Parse and validate a rulebook: structure (zod, Indonesian messages, with JSON paths) and then every
 * section's semantic validator plus the cross-section checks: schedule vs calendar work patterns; the
 * cuti-bersama code of attendance among the discipline non-working codes; TPP sanction cuts against the
 * discipline sanction catalogue and the make-up allowance against the attendance make-up rule; every dated
 * section in force over the whole period of the rulebook (meta dates).
 * Source: PRODUCT.md principle 1; regulations.md §0 (HK), §1.2, §1.3, §1.10, §3.2, §10.
 * @param json the rulebook object (meta + all sections), e.g. assembled from the JSON files
 * @returns the typed rulebook, or every issue found
 */
export function parseRulebook(json: unknown): ParseRulebookResult {
  const parsed = rulebookSchema.safeParse(json, { error: z.locales.id().localeError });
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const rb = parsed.data;
  const issues: RuleIssue[] = [
    ...validateMeta(rb.meta),
    ...validateCalendarRules(rb.calendar, 'calendar'),
    ...validateScheduleRules(rb.schedule, 'schedule'),
    ...validateScheduleAgainstCalendar(rb.schedule, rb.calendar, 'schedule'),
    ...validateAttendanceRules(rb.attendance, 'attendance'),
    ...validateDisciplineRules(rb.discipline, 'discipline'),
    ...validateTppRules(rb.tpp, 'tpp'),
    ...validatePerformanceRules(rb.performance, 'performance'),
    ...validateLeaveRules(rb.leave, 'leave'),
    ...validateCaptureRules(rb.capture, 'capture'),
    ...validateAttendanceAgainstDiscipline(rb.attendance, rb.discipline, 'attendance'),
    ...validateTppAgainstRulebook(rb.tpp, { discipline: rb.discipline, attendance: rb.attendance }, 'tpp'),
    ...validateSectionPeriods(rb),
    ...controlCharacterIssues(json),
  ];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rulebook: rb };
}

/** Whether a text holds a C0 control character other than tab and line breaks, or DEL. */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/**
 * Texts of a rulebook (holiday names, labels) reach the day reasons people read and the stored statuses, whose
 * packed columns use control characters as separators (src/server/lib/month-rows.ts): no text may
 * contain one. Source: issue 5 point 4 (stored daily statuses with their reasons).
 */
function controlCharacterIssues(json: unknown, path = ''): RuleIssue[] {
  if (typeof json === 'string')
    return hasControlCharacter(json)
      ? [{ path: path || '(root)', message: 'Teks tidak boleh berisi karakter kendali' }]
      : [];
  if (Array.isArray(json)) return json.flatMap((x, i) => controlCharacterIssues(x, `${path}[${i}]`));
  if (json !== null && typeof json === 'object')
    return Object.entries(json).flatMap(([k, v]) => [
      ...controlCharacterIssues(k, path),
      ...controlCharacterIssues(v, path ? `${path}.${k}` : k),
    ]);
  return [];
}

function validateMeta(meta: RulebookMeta): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!isLocalDate(meta.effectiveFrom))
    issues.push({ path: 'meta.effectiveFrom', message: `Tanggal ${meta.effectiveFrom} tidak valid` });
  if (meta.effectiveTo !== null && !isLocalDate(meta.effectiveTo))
    issues.push({ path: 'meta.effectiveTo', message: `Tanggal ${meta.effectiveTo} tidak valid` });
  if (meta.effectiveTo !== null && meta.effectiveTo < meta.effectiveFrom)
    issues.push({
      path: 'meta.effectiveTo',
      message: `Tanggal akhir berlaku ${meta.effectiveTo} sebelum tanggal mulai ${meta.effectiveFrom}`,
    });
  if (meta.extends !== undefined && meta.extends === meta.id)
    issues.push({ path: 'meta.extends', message: 'Rulebook tidak boleh menurunkan dirinya sendiri' });
  return issues;
}

/** The sections that carry their own effective period. */
const DATED_SECTIONS = ['attendance', 'discipline', 'tpp', 'performance', 'leave', 'capture'] as const;

/**
 * Every dated section must be in force over the whole period of the rulebook version: it may start earlier (the
 * regulation predates the version) but not later than `meta.effectiveFrom`, and it may not end before the
 * version does. Otherwise the version would apply, on some of its dates, rules that are not (or no longer) in force.
 * Source: PRODUCT.md principle 1 ("an old case is judged by the rules in force on its date"); regulations.md §1.11.
 */
function validateSectionPeriods(rb: Rulebook): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const { effectiveFrom, effectiveTo } = rb.meta;
  for (const key of DATED_SECTIONS) {
    const section = rb[key];
    if (section.effectiveFrom > effectiveFrom) {
      issues.push({
        path: `${key}.effectiveFrom`,
        message:
          `Bagian ${key} baru berlaku ${section.effectiveFrom}, sesudah rulebook mulai berlaku ${effectiveFrom}: ` +
          `antara kedua tanggal itu rulebook memakai aturan yang belum berlaku`,
      });
    }
    if (section.effectiveTo !== null && (effectiveTo === null || section.effectiveTo < effectiveTo)) {
      issues.push({
        path: `${key}.effectiveTo`,
        message:
          `Bagian ${key} berakhir ${section.effectiveTo}, sebelum rulebook berakhir (${effectiveTo ?? 'tanpa batas akhir'}); ` +
          'buat versi rulebook baru untuk aturan pengganti',
      });
    }
  }
  return issues;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Assemble a rulebook from its metadata and the sections it defines, inheriting every missing section from
 * `base` (the rulebook named in `meta.extends`, normally the national one). Sections listed in
 * `meta.mergeSections` are merged key-by-key over the base section. The result is parsed and validated.
 * Source: PRODUCT.md principle 1 (a region changes its Pergub by editing data); regulations.md §0 [REG].
 * @param meta the rulebook's metadata
 * @param sections the sections this rulebook defines (JSON values)
 * @param base the rulebook to inherit from
 * @returns the validated rulebook or all issues (a missing section without a base is an issue)
 */
export function assembleRulebook(
  meta: RulebookMetaInput,
  sections: RulebookSectionsInput,
  base?: Rulebook,
): ParseRulebookResult {
  const merge = new Set<string>(meta.mergeSections ?? []);
  const out: Record<string, unknown> = { meta };
  const issues: RuleIssue[] = [];
  for (const key of RULEBOOK_SECTIONS) {
    const own = sections[key];
    const inherited = base?.[key];
    if (own === undefined) {
      if (inherited === undefined)
        issues.push({
          path: key,
          message: `Bagian ${key} tidak ada dan tidak dapat diwarisi (tidak ada rulebook induk)`,
        });
      out[key] = inherited;
    } else if (merge.has(key) && inherited !== undefined && isPlainObject(own)) {
      out[key] = { ...(inherited as Record<string, unknown>), ...own };
    } else {
      out[key] = own;
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return parseRulebook(out);
}

/**
 * Check the versions of each region: no two ids alike, and for each region effective periods that neither
 * overlap nor leave a gap (each version starts the day after the previous one ends; only the last may be open).
 * Source: PRODUCT.md principle 1 ("an old case is judged by the rules in force on its date").
 * @param versions all rulebooks (any regions)
 * @returns the issues found (path `rulebooks[<id>].meta…`), messages in Bahasa Indonesia
 */
export function validateRulebookVersions(versions: readonly { meta: RulebookMeta }[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const ids = new Set<string>();
  const byRegion = new Map<string, RulebookMeta[]>();
  for (const { meta } of versions) {
    if (ids.has(meta.id))
      issues.push({
        path: `rulebooks[${meta.id}].meta.id`,
        message: `Id rulebook ${meta.id} dipakai lebih dari sekali`,
      });
    ids.add(meta.id);
    byRegion.set(meta.region, [...(byRegion.get(meta.region) ?? []), meta]);
  }
  for (const ids of byRegion.values()) {
    const sorted = [...ids].sort((a, b) =>
      a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
    );
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (!prev || !cur) continue;
      const p = `rulebooks[${cur.id}].meta.effectiveFrom`;
      if (prev.effectiveTo === null) {
        issues.push({
          path: p,
          message: `Versi ${cur.version} (${cur.effectiveFrom}) tumpang tindih dengan versi ${prev.version} yang berlaku tanpa batas akhir`,
        });
      } else if (cur.effectiveFrom <= prev.effectiveTo) {
        issues.push({
          path: p,
          message: `Versi ${cur.version} mulai ${cur.effectiveFrom}, tumpang tindih dengan versi ${prev.version} yang berlaku s.d. ${prev.effectiveTo}`,
        });
      } else if (isLocalDate(prev.effectiveTo) && cur.effectiveFrom !== addDays(prev.effectiveTo, 1)) {
        issues.push({
          path: p,
          message: `Ada kekosongan aturan: versi ${prev.version} berakhir ${prev.effectiveTo}, versi ${cur.version} baru mulai ${cur.effectiveFrom}`,
        });
      }
    }
  }
  return issues;
}

/** Result of {@link resolveRulebook}. */
export type ResolveRulebookResult<T> = { ok: true; rulebook: T } | { ok: false; error: string };

/**
 * The rulebook version of a region in force on a date (effective dates inclusive; open end = still in force).
 * Source: PRODUCT.md principle 1 ("an old case is judged by the rules in force on its date").
 * @returns the version, or an error in Bahasa Indonesia when none (or, for invalid data, several) cover the date
 */
export function resolveRulebook<
  T extends { meta: Pick<RulebookMeta, 'region' | 'effectiveFrom' | 'effectiveTo' | 'id'> },
>(versions: readonly T[], region: string, date: LocalDate): ResolveRulebookResult<T> {
  const ofRegion = versions.filter((v) => v.meta.region === region);
  if (ofRegion.length === 0) return { ok: false, error: `Tidak ada rulebook untuk wilayah ${region}` };
  const matches = ofRegion.filter(
    (v) => v.meta.effectiveFrom <= date && (v.meta.effectiveTo === null || date <= v.meta.effectiveTo),
  );
  const [only, ...rest] = matches;
  if (!only) return { ok: false, error: `Tidak ada rulebook wilayah ${region} yang berlaku pada ${date}` };
  if (rest.length > 0)
    return {
      ok: false,
      error: `Lebih dari satu rulebook wilayah ${region} berlaku pada ${date}: ${matches.map((m) => m.meta.id).join(', ')}`,
    };
  return { ok: true, rulebook: only };
}
