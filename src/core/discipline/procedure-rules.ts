/**
 * The procedure part of the discipline section of a rulebook: who may impose which sanction (the PyBM authority
 * matrix), how cases are examined (atasan langsung or tim pemeriksa, temporary relief), the catalogue of violations
 * a case can be opened for (PP 94/2021 Pasal 3–5, neutrality), the tracks per employee type (PNS, PPPK, non-ASN)
 * and the salary stop after ten consecutive TK days. Every item carries its legal basis; the region changes them by
 * adding a rulebook version, and each case keeps a snapshot of the rules in force on the date of the violation.
 * Source: PP 94/2021 Pasal 3–5, 15, 18–25 (PyBM), 26–35; Peraturan BKN 6/2022 Pasal 29, 57; PP 49/2018 Pasal 52–53;
 * SKB 5 lembaga 2022 (netralitas); regulations.md §1.5, §1.6, §1.8, §1.11, §2, §8.
 */
import { z } from 'zod';
import { legalBasisSchema } from '../common/legal-basis.ts';
import { EMPLOYEE_TYPES, POSITION_KINDS } from '../people/employee-types.ts';
import { OFFICIAL_LEVELS } from '../org/relations.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import type { DisciplineRules } from './discipline-rules.ts';

const LEVELS = ['ringan', 'sedang', 'berat'] as const;
const codeSchema = z.string().regex(/^[A-Z0-9_]+$/, 'Kode hanya boleh huruf besar, angka dan garis bawah');

/**
 * The official a matrix row names:
 * - `{ levelsAbove: n }`: the official n structural levels above the examinee's own tier (pelaksana and JF are 0);
 * - `{ tier: 'ADMINISTRATOR' | … }`: the nearest official of that tier above the examinee;
 * - `{ designatedJf: true }`: a JF designated as PyB by the PPK over the examinee's unit, where the unit has no
 *   structural official of the level (regulations.md §1.5, last two rows);
 * - `{ ppk: true }`: the PPK (Gubernur/Bupati/Walikota), whose decisions Abdi records through BKD.
 * A vacant post moves the authority to the next higher official (PP 94/2021; regulations.md §1.5).
 */
export const authorityOfficialSchema = z.union([
  z.object({ levelsAbove: z.number().int().min(1).max(4) }).strict(),
  z.object({ tier: z.enum(OFFICIAL_LEVELS) }).strict(),
  z.object({ designatedJf: z.literal(true) }).strict(),
  z.object({ ppk: z.literal(true) }).strict(),
]);
export type AuthorityOfficial = z.infer<typeof authorityOfficialSchema>;

/**
 * One row of the authority matrix: examinees of `examineeKinds` (position kinds; `NONE` = no position recorded)
 * may be given sanctions of `levels` (optionally only the `sanctions` listed) by `official`. Rows are tried in
 * order; the first whose official exists in the examinee's chain on the date is the PyB.
 */
export const authorityRowSchema = z.object({
  id: codeSchema,
  examineeKinds: z.array(z.enum([...POSITION_KINDS, 'NONE'])).min(1, 'Minimal satu jenis jabatan terperiksa'),
  levels: z.array(z.enum(LEVELS)).min(1, 'Minimal satu tingkat hukuman'),
  sanctions: z.array(codeSchema).optional(),
  official: authorityOfficialSchema,
  legalBasis: legalBasisSchema,
});
export type AuthorityRow = z.infer<typeof authorityRowSchema>;

/** Examination rules per expected level (regulations.md §1.6). */
export const examinationRulesSchema = z.object({
  /** `atasan` = the direct superior examines; `tim` = a team is mandatory; `pilihan` = either (sedang). */
  examiner: z.object({
    ringan: z.enum(['atasan']),
    sedang: z.enum(['atasan', 'tim', 'pilihan']),
    berat: z.enum(['tim']),
  }),
  /** Roles the team must include (atasan langsung, unsur pengawasan, unsur kepegawaian). */
  teamRoles: z.array(z.enum(['ATASAN', 'INSPEKTORAT', 'BKD'])).min(1),
  /** Team members may not hold a position lower than the examinee's (our tier/kelas comparison). */
  noLowerRank: z.boolean(),
  /** Levels for which the employee may be relieved of duties during examination (with a Plh). */
  reliefLevels: z.array(z.enum(LEVELS)),
  legalBasis: legalBasisSchema,
});
export type ExaminationRules = z.infer<typeof examinationRulesSchema>;

/** A violation a case can be opened for: the article, its default level (null = graded by impact) and track. */
export const violationSchema = z.object({
  code: codeSchema,
  article: z.string().min(1),
  name: z.string().min(1),
  /** The level the regulation sets for this violation, or null when graded by its impact (Pasal 9–11). */
  level: z.enum(LEVELS).nullable(),
  /** `disiplin` = PP 94/2021 (or the PPPK/non-ASN track); `etika` = moral sanction of PP 42/2004 (neutrality). */
  track: z.enum(['disiplin', 'etika']),
  /** Sources this violation is typically reported through (INDIKASI, INSPEKSI, PENGADUAN, NETRALITAS, LAINNYA). */
  sources: z.array(z.enum(['INDIKASI', 'INSPEKSI', 'PENGADUAN', 'NETRALITAS', 'LAINNYA'])).min(1),
  legalBasis: legalBasisSchema,
});
export type Violation = z.infer<typeof violationSchema>;

/**
 * How each employee type is handled: `PP94` (PNS/CPNS; PPPK through PP 49/2018 Pasal 52 ayat (3): the PNS
 * procedure) or `INTERNAL` (non-ASN: their appointment letter; Abdi records the case without a PP 94 sanction).
 * `sanctions` limits the catalogue codes that may be imposed on the type.
 */
export const trackSchema = z.object({
  employeeTypes: z.array(z.enum(EMPLOYEE_TYPES)).min(1),
  procedure: z.enum(['PP94', 'INTERNAL']),
  sanctions: z.array(codeSchema),
  note: z.string().optional(),
  legalBasis: legalBasisSchema,
});
export type DisciplineTrack = z.infer<typeof trackSchema>;

/** The salary stop of PP 94/2021 Pasal 15 ayat (2) and the roles in its procedure (regulations.md §1.8). */
export const salaryStopRulesSchema = z.object({
  /** Employee types whose salary is stopped (PNS, CPNS). */
  employeeTypes: z.array(z.enum(EMPLOYEE_TYPES)),
  /** Minimum months of attendance recap attached to a re-activation request. */
  reactivationRecapMonths: z.number().int().min(1),
  legalBasis: legalBasisSchema,
});
export type SalaryStopRules = z.infer<typeof salaryStopRulesSchema>;

/** The procedure block of the discipline section. */
export const procedureRulesSchema = z.object({
  authority: z.array(authorityRowSchema).min(1, 'Matriks kewenangan kosong'),
  examination: examinationRulesSchema,
  violations: z.array(violationSchema).min(1, 'Katalog pelanggaran kosong'),
  tracks: z.array(trackSchema).min(1),
  salaryStop: salaryStopRulesSchema,
  /**
   * The region's target for the share of employees with a sanction decided in the year (the "indisipliner < 1 %"
   * figure BKD reports), drawn on the registry's charts; absent = no target shown.
   */
  indisciplineTarget: z
    .object({ percent: z.number().min(0).max(100), legalBasis: legalBasisSchema })
    .optional(),
  /** Why discipline documents are confidential: only the parties and authorised roles see them, every view logged. */
  confidentialityBasis: legalBasisSchema,
});
export type ProcedureRules = z.infer<typeof procedureRulesSchema>;

/**
 * Semantic checks of the procedure block, with Indonesian messages for the BKD staff editing it: every sanction
 * code of a track or an authority row exists in the catalogue (`sanctionTypes`); an authority row's sanctions are
 * of one of the row's levels; authority row ids unique; each employee type in at most one track; violation codes
 * unique; examination team roles present and not repeated.
 * Source: PP 94/2021 Pasal 8, 18–21; Peraturan BKN 6/2022 Pasal 29; PP 49/2018 Pasal 52–53; regulations.md §1.2,
 * §1.5, §1.6, §2, §10.
 *
 * @param rules the parsed discipline section (its `procedure` block and sanction catalogue)
 * @param path dotted prefix for issue paths
 * @returns the problems found; empty when the block is consistent
 */
export function validateProcedureRules(
  rules: Pick<DisciplineRules, 'procedure' | 'sanctionTypes'>,
  path = 'discipline',
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (p: string, message: string): void => {
    issues.push({ path: `${path}.procedure.${p}`, message });
  };
  const catalogue = new Map(rules.sanctionTypes.map((s) => [s.code, s]));
  const p = rules.procedure;

  const rowIds = new Set<string>();
  p.authority.forEach((row, i) => {
    if (rowIds.has(row.id))
      add(`authority[${i}].id`, `Kode baris kewenangan ${row.id} tercantum lebih dari sekali`);
    rowIds.add(row.id);
    (row.sanctions ?? []).forEach((code, j) => {
      const s = catalogue.get(code);
      if (s === undefined) {
        add(`authority[${i}].sanctions[${j}]`, `Jenis hukuman ${code} tidak ada di katalog`);
      } else if (!row.levels.includes(s.level)) {
        add(
          `authority[${i}].sanctions[${j}]`,
          `Jenis hukuman ${code} bertingkat ${s.level}, bukan tingkat baris ini (${row.levels.join(', ')})`,
        );
      }
    });
  });

  const typeTrack = new Map<string, number>();
  p.tracks.forEach((track, i) => {
    track.employeeTypes.forEach((t, j) => {
      const other = typeTrack.get(t);
      if (other !== undefined) {
        add(`tracks[${i}].employeeTypes[${j}]`, `Jenis pegawai ${t} sudah diatur pada jalur ke-${other + 1}`);
      } else {
        typeTrack.set(t, i);
      }
    });
    track.sanctions.forEach((code, j) => {
      if (!catalogue.has(code))
        add(`tracks[${i}].sanctions[${j}]`, `Jenis hukuman ${code} tidak ada di katalog`);
    });
  });

  const violationCodes = new Set<string>();
  p.violations.forEach((v, i) => {
    if (violationCodes.has(v.code))
      add(`violations[${i}].code`, `Kode pelanggaran ${v.code} tercantum lebih dari sekali`);
    violationCodes.add(v.code);
  });

  if (p.examination.teamRoles.length === 0) {
    add(
      'examination.teamRoles',
      'Unsur tim pemeriksa harus diisi (atasan langsung, pengawasan, kepegawaian)',
    );
  }
  const roles = new Set<string>();
  p.examination.teamRoles.forEach((r, i) => {
    if (roles.has(r)) add(`examination.teamRoles[${i}]`, `Unsur ${r} tercantum lebih dari sekali`);
    roles.add(r);
  });

  return issues;
}
