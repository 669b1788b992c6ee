/**
 * Change projects (proyek perubahan) of leadership training, judged a year later (issue 19 point 5): the rulebook
 * part that says which trainings carry one, when it is evaluated, when reminders go out, the rating scale and what
 * counts as delivered; and the pure rules over it (evaluation date, reminder due, ratings → verdict).
 *
 * Source: the leadership trainings PKN / PKA / PKP and their proyek perubahan are set by Lembaga Administrasi Negara
 * (Peraturan LAN on Pelatihan Kepemimpinan). `domain/regulations.md` does not cover them: the delay, the reminder
 * days, the scale and the threshold are [REG] — instansi policy kept as rulebook data
 * (`rulebooks/national/performance.json#competency.changeProject`), to be checked against the LAN regulation in force.
 */
import { z } from 'zod';
import { legalBasisSchema } from '../common/legal-basis.ts';
import { addDays, type LocalDate } from '../common/local-date.ts';
import type { RuleIssue } from '../common/rule-issue.ts';

/** The status of a change project: a draft, registered (waiting for its date), being rated, judged. */
export const CHANGE_PROJECT_STATUSES = ['DRAFT', 'REGISTERED', 'UNDER_EVALUATION', 'EVALUATED'] as const;
export type ChangeProjectStatus = (typeof CHANGE_PROJECT_STATUSES)[number];

/** The verdict on a judged project. */
export const CHANGE_PROJECT_VERDICTS = ['DELIVERED', 'PARTLY', 'NOT_DELIVERED'] as const;
export type ChangeProjectVerdict = (typeof CHANGE_PROJECT_VERDICTS)[number];

export const changeProjectRulesSchema = z.object({
  legalBasis: legalBasisSchema,
  /**
   * The leadership trainings that carry a change project. A training record is one of them when its title (or its
   * catalogue entry's title) names the code as a word ("PKA Angkatan II") or contains the name.
   */
  programs: z.array(z.object({ code: z.string().regex(/^[A-Z]{2,6}$/), name: z.string().min(1) })).min(1),
  /** The evaluation is this many calendar months after the training's last day. */
  evaluationDelayMonths: z.number().int().min(1).max(60),
  /** Reminders go to the participant and the assessors this many days before the evaluation date. */
  reminderLeadDays: z.array(z.number().int().min(1).max(365)).min(1),
  /** The score an assessor gives each goal: whole numbers from min to max, each with its label. */
  scale: z.object({
    min: z.number().int().min(0),
    max: z.number().int().max(100),
    labels: z.array(z.object({ score: z.number().int(), label: z.string().min(1) })).default([]),
  }),
  /** The mean of the goals' average scores at or above which the project delivered. */
  deliveredThreshold: z.number(),
  /** At or above this (and below delivered) it partly delivered; below, it did not. */
  partlyThreshold: z.number(),
});
export type ChangeProjectRules = z.infer<typeof changeProjectRulesSchema>;

/**
 * Checks a parsed change-project part: a scale going up, thresholds inside it with partly ≤ delivered, labels on the
 * scale, distinct program codes and lead days.
 * @returns the problems found (Bahasa Indonesia); empty when the part is usable
 */
export function validateChangeProjectRules(r: ChangeProjectRules, path: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (r.scale.min >= r.scale.max)
    issues.push({
      path: `${path}.scale`,
      message: 'Skala penilaian: nilai terendah harus di bawah tertinggi',
    });
  for (const [k, v] of [
    ['deliveredThreshold', r.deliveredThreshold],
    ['partlyThreshold', r.partlyThreshold],
  ] as const)
    if (v < r.scale.min || v > r.scale.max)
      issues.push({
        path: `${path}.${k}`,
        message: `Ambang ${v} di luar skala ${r.scale.min}–${r.scale.max}`,
      });
  if (r.partlyThreshold > r.deliveredThreshold)
    issues.push({
      path: `${path}.partlyThreshold`,
      message: 'Ambang "sebagian tercapai" tidak boleh di atas ambang "tercapai"',
    });
  r.scale.labels.forEach((l, i) => {
    if (l.score < r.scale.min || l.score > r.scale.max)
      issues.push({ path: `${path}.scale.labels[${i}]`, message: `Nilai ${l.score} di luar skala` });
  });
  if (new Set(r.programs.map((p) => p.code)).size !== r.programs.length)
    issues.push({
      path: `${path}.programs`,
      message: 'Kode pelatihan kepemimpinan tercantum lebih dari sekali',
    });
  if (new Set(r.reminderLeadDays).size !== r.reminderLeadDays.length)
    issues.push({ path: `${path}.reminderLeadDays`, message: 'Hari pengingat tercantum lebih dari sekali' });
  return issues;
}

/**
 * The leadership program a training is, by its titles: the first program whose code appears as a word or whose
 * name appears (case-insensitive) in one of them; null when none (not a leadership training).
 */
export function leadershipProgramOf(
  titles: readonly (string | null | undefined)[],
  rules: Pick<ChangeProjectRules, 'programs'>,
): string | null {
  const texts = titles.filter((t): t is string => !!t).map((t) => t.toLocaleUpperCase('id-ID'));
  for (const p of rules.programs) {
    const word = new RegExp(`(^|[^A-Z0-9])${p.code}([^A-Z0-9]|$)`);
    const name = p.name.toLocaleUpperCase('id-ID');
    if (texts.some((t) => word.test(t) || t.includes(name))) return p.code;
  }
  return null;
}

/**
 * The evaluation date: the training's last day plus the rulebook's months, on the same day of the month, or the
 * month's last day when it has no such day (31/01 + 1 month → 28/02 or 29/02).
 */
export function evaluationDateOf(
  trainingEnd: LocalDate,
  rules: Pick<ChangeProjectRules, 'evaluationDelayMonths'>,
) {
  const [y, m, d] = trainingEnd.split('-').map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + rules.evaluationDelayMonths;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Which reminder is due today: the smallest lead day whose send date (evaluation date − lead) has come, as long as
 * the evaluation date has not passed; null before the first send date and after the evaluation date. A tick that
 * missed the 30-day reminder and runs 6 days before sends only the 7-day one (the nearer).
 */
export function reminderDue(
  evaluationDate: LocalDate,
  today: LocalDate,
  rules: Pick<ChangeProjectRules, 'reminderLeadDays'>,
): number | null {
  if (today > evaluationDate) return null;
  const due = [...rules.reminderLeadDays]
    .sort((a, b) => a - b)
    .find((lead) => addDays(evaluationDate, -lead) <= today);
  return due ?? null;
}

/** Whether a score is on the scale (a whole number from min to max). */
export function isOnScale(score: number, rules: Pick<ChangeProjectRules, 'scale'>): boolean {
  return Number.isInteger(score) && score >= rules.scale.min && score <= rules.scale.max;
}

export interface GoalRating {
  goalId: string;
  assessorId: string;
  score: number;
}

export interface ChangeProjectResult {
  /** Per goal, in the order given: the mean of its scores (2 decimals), how many rated it; null when none did. */
  goals: { goalId: string; average: number | null; ratings: number }[];
  /** The mean of the goals' averages (2 decimals); null when a goal has no rating. */
  score: number | null;
  verdict: ChangeProjectVerdict | null;
}

const round2 = (x: number) => Math.round(x * 100 + Number.EPSILON * 100) / 100;

/**
 * Ratings → the project's result: each goal's average over its assessors, the project's score as the mean of the
 * goals' averages (every goal weighs the same however many assessors rated it), and the verdict against the
 * rulebook's thresholds: ≥ delivered → DELIVERED, ≥ partly → PARTLY, else NOT_DELIVERED. No verdict while a goal
 * has no rating. Averages are rounded to 2 decimals once, at the end, and compared unrounded.
 */
export function changeProjectResult(
  goalIds: readonly string[],
  ratings: readonly GoalRating[],
  rules: Pick<ChangeProjectRules, 'deliveredThreshold' | 'partlyThreshold'>,
): ChangeProjectResult {
  const raw = goalIds.map((goalId) => {
    const scores = ratings.filter((r) => r.goalId === goalId).map((r) => r.score);
    return {
      goalId,
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      ratings: scores.length,
    };
  });
  const goals = raw.map((g) => ({ ...g, average: g.average === null ? null : round2(g.average) }));
  if (goalIds.length === 0 || raw.some((g) => g.average === null))
    return { goals, score: null, verdict: null };
  const mean = raw.reduce((a, g) => a + g.average!, 0) / raw.length;
  const verdict: ChangeProjectVerdict =
    mean >= rules.deliveredThreshold - 1e-9
      ? 'DELIVERED'
      : mean >= rules.partlyThreshold - 1e-9
        ? 'PARTLY'
        : 'NOT_DELIVERED';
  return { goals, score: round2(mean), verdict };
}

/**
 * Whether every assessor rated every goal (the verdict is then computed by itself; otherwise BKD closes with the
 * ratings that are in).
 */
export function allRated(
  goalIds: readonly string[],
  assessorIds: readonly string[],
  ratings: readonly Pick<GoalRating, 'goalId' | 'assessorId'>[],
): boolean {
  const have = new Set(ratings.map((r) => `${r.assessorId}|${r.goalId}`));
  return (
    goalIds.length > 0 &&
    assessorIds.length > 0 &&
    assessorIds.every((a) => goalIds.every((g) => have.has(`${a}|${g}`)))
  );
}
