/**
 * Competency standards of a position, gaps against an assessment, the JPM of an assessment and the yearly
 * development hours: pure rules over the rulebook's competency part and the levels BKD set per position.
 * Source: PermenPANRB 38/2017 (standar kompetensi jabatan); PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4) (20 JP);
 * regulations.md §7.1, §7.2.
 */
import type { CompetencyGroup, CompetencyRules } from './competency-rules.ts';
import { classifyJpm, computeJpmPercent, type JpmResult } from './jpm.ts';
import type { JpmLabelSet, PerformanceRules } from './performance-rules.ts';

/** One competency a position requires, and where the level comes from. */
export interface RequiredLevel {
  code: string;
  group: CompetencyGroup;
  required: number;
  /** `DEFAULT`: the rulebook's level for the kind of position; `POSITION`: BKD set it for this position. */
  source: 'DEFAULT' | 'POSITION';
}

/**
 * The standard of a position: every managerial and socio-cultural competency at the rulebook's default level for
 * the position's kind unless BKD set another level for the position, plus the technical competencies BKD set for it.
 * Empty when the kind has no default and BKD set nothing (the position has no standard).
 * Source: PermenPANRB 38/2017 (standar kompetensi per jabatan; teknis ditetapkan PPK); regulations.md §7.1.
 *
 * @param positionKind the position's kind (e.g. `ADMINISTRATOR`), null for none
 * @param overrides the levels BKD set for the position (any group), with the group of each code
 */
export function positionStandard(
  positionKind: string | null,
  overrides: readonly { code: string; group: CompetencyGroup; level: number }[],
  rules: CompetencyRules,
): RequiredLevel[] {
  const byCode = new Map(overrides.map((o) => [o.code, o]));
  const fallback = rules.requiredLevels.byPositionKind.find((k) => k.positionKind === positionKind)?.level;
  const out: RequiredLevel[] = [];
  for (const c of rules.dictionary) {
    const o = byCode.get(c.code);
    if (o) out.push({ code: c.code, group: c.group, required: o.level, source: 'POSITION' });
    else if (fallback !== undefined)
      out.push({ code: c.code, group: c.group, required: fallback, source: 'DEFAULT' });
  }
  const known = new Set(rules.dictionary.map((c) => c.code));
  for (const o of overrides)
    if (!known.has(o.code)) out.push({ code: o.code, group: o.group, required: o.level, source: 'POSITION' });
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** A competency below the level the position requires. */
export interface CompetencyGap {
  code: string;
  group: CompetencyGroup;
  required: number;
  /** Null when the assessment did not measure it (the whole required level is missing). */
  assessed: number | null;
  gap: number;
}

/**
 * The competencies of a standard the assessed levels fall short of, largest gap first (then by code): the
 * training-needs starting point. A competency not assessed counts as a gap of its whole required level.
 * Source: PermenPANRB 38/2017 (kesenjangan kompetensi → pengembangan); issue 19 point 3.
 */
export function competencyGaps(
  standard: readonly RequiredLevel[],
  assessed: ReadonlyMap<string, number>,
): CompetencyGap[] {
  return standard
    .map((s) => {
      const level = assessed.get(s.code) ?? null;
      return {
        code: s.code,
        group: s.group,
        required: s.required,
        assessed: level,
        gap: s.required - (level ?? 0),
      };
    })
    .filter((g) => g.gap > 0)
    .sort((a, b) => b.gap - a.gap || a.code.localeCompare(b.code));
}

/** The JPM of an assessment against a standard, for one purpose. */
export interface AssessmentJpm extends JpmResult {
  /** Σ required and Σ assessed over the competencies counted (managerial and socio-cultural). */
  requiredTotal: number;
  assessedTotal: number;
}

/**
 * JPM of an assessment against a position's standard, over its managerial and socio-cultural competencies (what an
 * assessment centre measures; a competency not assessed counts 0), classified in the purpose's bands. Null when the
 * standard has no managerial or socio-cultural competency (no standard to match against).
 * Source: regulations.md §7.2 (JPM = Σ assessed / Σ required × 100, capped; bands per purpose); PermenPANRB 38/2017.
 */
export function assessmentJpm(
  standard: readonly RequiredLevel[],
  assessed: ReadonlyMap<string, number>,
  rules: PerformanceRules,
  purpose: JpmLabelSet,
): AssessmentJpm | null {
  const counted = standard.filter((s) => s.group !== 'TEKNIS');
  if (counted.length === 0) return null;
  const levels = counted.map((s) => ({
    code: s.code,
    required: s.required,
    assessed: assessed.get(s.code) ?? 0,
  }));
  const percent = computeJpmPercent(levels, rules);
  const result = classifyJpm(percent, rules, purpose);
  const missing = counted.filter((s) => !assessed.has(s.code)).map((s) => s.code);
  if (missing.length) result.reasons.unshift(`Tidak dinilai (dihitung 0): ${missing.join(', ')}`);
  return {
    ...result,
    requiredTotal: levels.reduce((s, l) => s + l.required, 0),
    assessedTotal: levels.reduce((s, l) => s + l.assessed, 0),
  };
}

/** Lesson hours taken in a year against the yearly target. */
export interface DevelopmentProgress {
  year: number;
  jp: number;
  target: number;
  remaining: number;
  met: boolean;
}

/**
 * The development hours (JP) of the records that ended in `year`, against the rulebook's yearly minimum.
 * Source: PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4) (paling sedikit 20 JP dalam 1 tahun), as rulebook data.
 */
export function developmentProgress(
  records: readonly { endDate: string; jp: number }[],
  year: number,
  rules: CompetencyRules,
): DevelopmentProgress {
  const jp = records.filter((r) => r.endDate.startsWith(`${year}-`)).reduce((s, r) => s + r.jp, 0);
  const target = rules.development.minJpPerYear;
  return { year, jp, target, remaining: Math.max(0, target - jp), met: jp >= target };
}
