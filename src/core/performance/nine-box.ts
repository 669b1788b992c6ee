/**
 * Talent 9-box placement: performance (Y) × potential (X), each on three levels, giving box 1–9.
 * Source: PermenPANRB 3/2020 (Manajemen Talenta ASN); regulations.md §7.3.
 */
import type { PerformanceRules, PotentialLevel, Rating } from './performance-rules.ts';
import { POTENTIAL_LABELS, RATING_LABELS } from './performance-rules.ts';

export interface NineBoxResult {
  box: number;
  label: string;
  performanceLevel: Rating;
  potentialLevel: PotentialLevel;
  /** Weighted talent value (only when both axes were given as scores). */
  talentValue: number | null;
  isTalentPool: boolean;
  reasons: string[];
}

/**
 * Places an employee in the 9-box. Each axis is either a 0–100 score, classified with the rulebook
 * thresholds (e.g. ≥ 80 high, 60–< 80 middle, < 60 low), or an already-determined level.
 * Source: PermenPANRB 3/2020; regulations.md §7.3 (box numbers and thresholds of a public talent app, [REG]).
 *
 * @param performance kinerja score 0–100 or a rating (Di Bawah / Sesuai / Di Atas Ekspektasi)
 * @param potential potential score 0–100 or a level (Rendah / Menengah / Tinggi)
 * @throws when a score is outside 0–100 or the rulebook lacks the cell (rulebook not validated)
 */
export function placeNineBox(
  performance: number | Rating,
  potential: number | PotentialLevel,
  rules: PerformanceRules,
): NineBoxResult {
  const nb = rules.nineBox;
  const reasons: string[] = [];

  let performanceLevel: Rating;
  if (typeof performance === 'number') {
    checkScore(performance);
    const t = nb.performance;
    performanceLevel =
      performance >= t.highFrom
        ? 'DI_ATAS_EKSPEKTASI'
        : performance >= t.middleFrom
          ? 'SESUAI_EKSPEKTASI'
          : 'DI_BAWAH_EKSPEKTASI';
    reasons.push(
      `Nilai kinerja ${performance} → ${RATING_LABELS[performanceLevel]} (tinggi ≥ ${t.highFrom}, menengah ≥ ${t.middleFrom})`,
    );
  } else {
    performanceLevel = performance;
    reasons.push(`Kinerja ${RATING_LABELS[performanceLevel]}`);
  }

  let potentialLevel: PotentialLevel;
  if (typeof potential === 'number') {
    checkScore(potential);
    const t = nb.potential;
    potentialLevel = potential >= t.highFrom ? 'TINGGI' : potential >= t.middleFrom ? 'MENENGAH' : 'RENDAH';
    reasons.push(
      `Nilai potensial ${potential} → ${POTENTIAL_LABELS[potentialLevel]} (tinggi ≥ ${t.highFrom}, menengah ≥ ${t.middleFrom})`,
    );
  } else {
    potentialLevel = potential;
    reasons.push(`Potensial ${POTENTIAL_LABELS[potentialLevel]}`);
  }

  const cell = nb.boxes.find((b) => b.performance === performanceLevel && b.potential === potentialLevel);
  if (!cell) throw new Error(`9-box has no cell ${performanceLevel} × ${potentialLevel}`);
  const isTalentPool = nb.talentPoolBoxes.includes(cell.box);
  reasons.push(
    `Kotak ${cell.box}: ${cell.label}${isTalentPool ? ' (kelompok rencana suksesi / talent pool)' : ''}`,
  );

  const talentValue =
    typeof performance === 'number' && typeof potential === 'number'
      ? (performance * nb.talentValueWeights.performance + potential * nb.talentValueWeights.potential) / 100
      : null;

  return {
    box: cell.box,
    label: cell.label,
    performanceLevel,
    potentialLevel,
    talentValue,
    isTalentPool,
    reasons,
  };
}

function checkScore(score: number): void {
  if (!Number.isFinite(score) || score < 0 || score > 100)
    throw new Error(`9-box score must be 0..100, got ${score}`);
}
