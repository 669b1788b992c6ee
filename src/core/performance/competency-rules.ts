/**
 * The competency part of the performance and talent section of a rulebook: the managerial and socio-cultural
 * dictionary with its levels and behavioural indicators, the default required level per position kind, and the
 * yearly development target in lesson hours (JP).
 * Source: PermenPANRB 38/2017 (standar kompetensi jabatan ASN); PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4)
 * (pengembangan kompetensi paling sedikit 20 JP setahun); regulations.md §7.1, §10 (Competency/talent).
 */
import { z } from 'zod';
import { legalBasisSchema } from '../common/legal-basis.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import { POSITION_KINDS } from '../people/employee-types.ts';
import { changeProjectRulesSchema, validateChangeProjectRules } from './change-project.ts';

/**
 * The levels of every competency: 1 (lowest) to 5. Fixed nationally by PermenPANRB 38/2017, not a regional number.
 * Source: PermenPANRB 38/2017 Lampiran (kamus kompetensi, level 1–5); regulations.md §7.1.
 */
export const COMPETENCY_LEVELS = [1, 2, 3, 4, 5] as const;
export const MIN_COMPETENCY_LEVEL = 1;
export const MAX_COMPETENCY_LEVEL = 5;

/**
 * The three groups of competencies: teknis (each PPK's dictionary, kept by BKD in the database), manajerial and
 * sosial kultural (MenPANRB's dictionary, rulebook data). Source: PermenPANRB 38/2017 Pasal 4; regulations.md §7.1.
 */
export const COMPETENCY_GROUPS = ['MANAJERIAL', 'SOSIAL_KULTURAL', 'TEKNIS'] as const;
export type CompetencyGroup = (typeof COMPETENCY_GROUPS)[number];

export const COMPETENCY_GROUP_LABELS: Record<CompetencyGroup, string> = {
  MANAJERIAL: 'Manajerial',
  SOSIAL_KULTURAL: 'Sosial kultural',
  TEKNIS: 'Teknis',
};

const levelSchema = z
  .number()
  .int()
  .min(MIN_COMPETENCY_LEVEL, 'Level kompetensi 1–5')
  .max(MAX_COMPETENCY_LEVEL, 'Level kompetensi 1–5');

/** One level of a competency: what it means and its behavioural indicators. */
export const competencyLevelTextSchema = z.object({
  level: levelSchema,
  description: z.string().min(1),
  indicators: z.array(z.string().min(1)).default([]),
});

export const competencyRulesSchema = z.object({
  legalBasis: legalBasisSchema,
  /** The managerial (M.01–M.08) and socio-cultural (SK.01) competencies with their five levels. */
  dictionary: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Z]{1,3}\.\d{2}$/, 'Kode kompetensi seperti M.01 atau SK.01'),
        group: z.enum(['MANAJERIAL', 'SOSIAL_KULTURAL']),
        name: z.string().min(1),
        definition: z.string().min(1),
        levels: z.array(competencyLevelTextSchema).length(5, 'Setiap kompetensi memiliki level 1–5'),
      }),
    )
    .min(1),
  /**
   * The level each managerial and socio-cultural competency requires by default for a kind of position; BKD may
   * set another level for one position. A kind not listed has no default: its positions need their own standard.
   */
  requiredLevels: z.object({
    legalBasis: legalBasisSchema,
    byPositionKind: z.array(z.object({ positionKind: z.enum(POSITION_KINDS), level: levelSchema })),
  }),
  /** The yearly competency development every ASN should take, in lesson hours (JP). */
  development: z.object({
    legalBasis: legalBasisSchema,
    minJpPerYear: z.number().int().min(0).max(1000),
  }),
  /** Change projects of leadership training, judged a year later (src/core/performance/change-project.ts). */
  changeProject: changeProjectRulesSchema.optional(),
});
export type CompetencyRules = z.infer<typeof competencyRulesSchema>;

/**
 * Checks a parsed competency part: unique codes, levels 1–5 each exactly once, one default per position kind.
 * Source: PermenPANRB 38/2017 (levels 1–5 per competency); regulations.md §7.1.
 *
 * @param rules the parsed part
 * @param path JSON path prefix for the issues
 * @returns the problems found (Bahasa Indonesia); empty when the part is usable
 */
export function validateCompetencyRules(rules: CompetencyRules, path: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const codes = new Set<string>();
  rules.dictionary.forEach((c, i) => {
    if (codes.has(c.code))
      issues.push({
        path: `${path}.dictionary[${i}].code`,
        message: `Kode ${c.code} tercantum lebih dari sekali`,
      });
    codes.add(c.code);
    const levels = new Set(c.levels.map((l) => l.level));
    if (levels.size !== COMPETENCY_LEVELS.length)
      issues.push({
        path: `${path}.dictionary[${i}].levels`,
        message: `Kompetensi ${c.code} harus memuat level 1, 2, 3, 4 dan 5 masing-masing sekali`,
      });
  });
  const kinds = new Set<string>();
  rules.requiredLevels.byPositionKind.forEach((k, i) => {
    if (kinds.has(k.positionKind))
      issues.push({
        path: `${path}.requiredLevels.byPositionKind[${i}].positionKind`,
        message: `Jenis jabatan ${k.positionKind} tercantum lebih dari sekali`,
      });
    kinds.add(k.positionKind);
  });
  if (rules.changeProject)
    issues.push(...validateChangeProjectRules(rules.changeProject, `${path}.changeProject`));
  return issues;
}
