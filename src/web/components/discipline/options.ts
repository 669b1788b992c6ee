import { LEVELS, type CaseOptions, type DisciplineLevel } from '../../api/discipline.ts';

/**
 * What the case forms may offer, from GET /discipline/options (the rulebook's violation catalogue and the sanctions
 * of the employee's track): pure helpers, so the pickers only draw them.
 */

export type ViolationOption = CaseOptions['violations'][number];
export type SanctionOption = CaseOptions['sanctions'][number];

/** The violations of the catalogue a case from `source` may be opened for (their rulebook `sources`). */
export function violationsForSource(options: CaseOptions | undefined, source: string): ViolationOption[] {
  return (options?.violations ?? []).filter((v) => (v.sources as readonly string[]).includes(source));
}

/**
 * The level a violation fixes (e.g. neutrality: sedang or berat, PP 94/2021 Pasal 5 huruf n), or null when the
 * level follows the impact or the number of days (then the examiner chooses the expected level).
 */
export function fixedLevel(options: CaseOptions | undefined, code: string | null): DisciplineLevel | null {
  if (!code) return null;
  return options?.violations.find((v) => v.code === code)?.level ?? null;
}

/** The sanctions of the employee's track by level (ringan, sedang, berat), empty levels left out; or one level. */
export function sanctionGroups(
  options: CaseOptions | undefined,
  only?: DisciplineLevel | null,
): { level: DisciplineLevel; items: SanctionOption[] }[] {
  const list = options?.sanctions ?? [];
  return LEVELS.filter((l) => !only || l === only)
    .map((level) => ({ level, items: list.filter((s) => s.level === level) }))
    .filter((g) => g.items.length > 0);
}

/** A sanction of the options by code (null when it is not in the employee's track). */
export function sanctionOf(options: CaseOptions | undefined, code: string | null): SanctionOption | null {
  if (!code) return null;
  return options?.sanctions.find((s) => s.code === code) ?? null;
}
