/**
 * Talent management (issue 19 point 6): an employee's place on the 9-box from their annual predikat and their latest
 * assessment, the talent pool per position family, the ranking of candidates for a position and their readiness for
 * succession, and a holder's retirement. Pure: the service passes in the predikat, the JPM and the dates.
 * Source: PermenPANRB 3/2020 (Manajemen Talenta ASN); PermenPANRB 6/2022 (predikat); UU 5/2014 Pasal 90 (batas usia
 * pensiun); regulations.md §6.3, §7.2, §7.3.
 */
import { PREDIKAT_LABELS, RATING_LABELS } from './performance-rules.ts';
import type { PerformanceRules, PotentialLevel, Predikat, Rating, TalentRules } from './performance-rules.ts';
import { placeNineBox } from './nine-box.ts';

/** What the 9-box is placed from: the annual predikat (null: none approved) and the potential score (null: no result). */
export interface TalentInput {
  predikat: Predikat | null;
  /** E.g. "Tahunan 2025", shown in the reasons. */
  evaluationLabel?: string | null;
  /** JPM % (0–100) of the latest assessment against the position held on its date; null when not computable. */
  potentialScore: number | null;
  /** Why there is no potential score (no result, or the position had no standard). */
  potentialMissing?: string | null;
}

export type TalentPlacement =
  | {
      placed: true;
      box: number;
      label: string;
      performanceLevel: Rating;
      potentialLevel: PotentialLevel;
      isTalentPool: boolean;
      reasons: string[];
    }
  | { placed: false; reasons: string[] };

/**
 * The level of the performance axis for an annual predikat, from the rulebook (national: Sangat Baik → Di Atas
 * Ekspektasi, Baik → Sesuai, the other three → Di Bawah).
 * Source: PermenPANRB 6/2022 (predikat); PermenPANRB 3/2020 (sumbu kinerja); rulebook `nineBox.talent`.
 */
export function performanceLevelOf(predikat: Predikat, talent: TalentRules): Rating {
  return talent.performanceByPredikat.levels[predikat];
}

/**
 * Places an employee on the 9-box: performance from the annual predikat (rulebook mapping), potential from the JPM
 * score with the rulebook's potential thresholds. Without an approved annual evaluation or without a result the
 * employee is not placed, with the reason.
 * Source: PermenPANRB 3/2020; regulations.md §7.3.
 *
 * @throws when the score is outside 0–100 (a bug upstream: JPM is capped)
 */
export function placeTalent(
  input: TalentInput,
  rules: PerformanceRules,
  talent: TalentRules,
): TalentPlacement {
  const missing: string[] = [];
  if (input.predikat === null) missing.push('Belum ada penilaian kinerja tahunan yang disetujui (e-Kinerja)');
  if (input.potentialScore === null)
    missing.push(input.potentialMissing ?? 'Belum ada hasil asesmen kompetensi (sumbu potensial)');
  if (input.predikat === null || input.potentialScore === null) return { placed: false, reasons: missing };
  const level = performanceLevelOf(input.predikat, talent);
  const r = placeNineBox(level, input.potentialScore, rules);
  const where = input.evaluationLabel ? ` (${input.evaluationLabel})` : '';
  return {
    placed: true,
    box: r.box,
    label: r.label,
    performanceLevel: r.performanceLevel,
    potentialLevel: r.potentialLevel,
    isTalentPool: r.isTalentPool,
    reasons: [
      `Predikat ${PREDIKAT_LABELS[input.predikat]}${where} → kinerja ${RATING_LABELS[level]}`,
      ...r.reasons.slice(1),
    ],
  };
}

/** Counts per box 1–9 (index 0 = box 1) of the placed ones. */
export function countBoxes(placements: readonly TalentPlacement[]): number[] {
  const counts = Array.from({ length: 9 }, () => 0);
  for (const p of placements) if (p.placed) counts[p.box - 1]! += 1;
  return counts;
}

/** The position family of a kind (rulebook `nineBox.talent.families`), `LAINNYA` when in none. */
export function familyOf(kind: string | null, talent: TalentRules): { code: string; label: string } {
  const f = kind ? talent.families.find((x) => x.kinds.includes(kind)) : undefined;
  return f ? { code: f.code, label: f.label } : { code: 'LAINNYA', label: 'Lainnya' };
}

/** Whether the kind's positions are key positions (jabatan kunci) whose succession is planned. */
export function isKeyPosition(kind: string, talent: TalentRules): boolean {
  return talent.keyPositionKinds.includes(kind);
}

export type Readiness = 'READY_NOW' | 'READY_SOON' | 'NOT_READY';
export const READINESS_LABELS: Record<Readiness, string> = {
  READY_NOW: 'Siap sekarang',
  READY_SOON: 'Siap 1–2 tahun',
  NOT_READY: 'Belum siap',
};

/** Readiness of a succession candidate from their selection JPM band (rulebook: MS now, MMS soon). */
export function readinessOf(selectionCode: string, talent: TalentRules): Readiness {
  if (talent.readiness.readyNowBands.includes(selectionCode)) return 'READY_NOW';
  if (talent.readiness.readySoonBands.includes(selectionCode)) return 'READY_SOON';
  return 'NOT_READY';
}

/** A candidate for a position as ranked. */
export interface RankInput {
  employeeId: string;
  name: string;
  /** JPM % against the position (unrounded). */
  jpm: number;
  /** The 9-box (null: not placed). */
  box: number | null;
  isTalentPool: boolean;
  /** JP of development this year. */
  jp: number;
}

/**
 * Ranks candidates for a position: JPM against it, highest first; ties by being in the talent pool, then the box
 * number (higher first; not placed last), then this year's JP (more first), then name and id (stable).
 * Source: issue 19 point 6 ("just look at the list"); PermenPANRB 3/2020 (talent pool first).
 */
export function rankCandidates<T extends RankInput>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      b.jpm - a.jpm ||
      Number(b.isTalentPool) - Number(a.isTalentPool) ||
      (b.box ?? 0) - (a.box ?? 0) ||
      b.jp - a.jp ||
      a.name.localeCompare(b.name) ||
      a.employeeId.localeCompare(b.employeeId),
  );
}

/** Age and retirement of a holder. */
export interface Retirement {
  age: number;
  retirementAge: number;
  /** First day of the month after the one in which the holder reaches the retirement age (TMT pensiun). */
  retiresOn: string;
  /** Whole months from `today` to `retiresOn` (0 when past). */
  monthsLeft: number;
}

/**
 * Age on `today` and the retirement date: the retirement age of the position kind (rulebook; national: JPT 60,
 * administration 58, JF by their rules), retiring from the first day of the following month.
 * Source: UU 5/2014 Pasal 90; PP 11/2017 Pasal 239; rulebook `nineBox.talent.retirement`.
 *
 * @param birthDate `YYYY-MM-DD`
 * @param today `YYYY-MM-DD`
 */
export function retirementOf(
  birthDate: string,
  positionKind: string | null,
  today: string,
  talent: TalentRules,
): Retirement {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  const retirementAge =
    talent.retirement.byPositionKind.find((k) => k.positionKind === positionKind)?.age ??
    talent.retirement.defaultAge;
  const ry = by + retirementAge + (bm === 12 ? 1 : 0);
  const rm = bm === 12 ? 1 : bm + 1;
  const retiresOn = `${ry}-${String(rm).padStart(2, '0')}-01`;
  const monthsLeft = Math.max(0, (ry - ty) * 12 + (rm - tm) - (td > 1 ? 1 : 0));
  return { age, retirementAge, retiresOn, monthsLeft };
}
