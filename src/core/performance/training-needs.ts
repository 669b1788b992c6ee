/**
 * From competency gaps to training: the catalogue training that closes a gap, an OPD's annual training needs
 * (analisis kebutuhan diklat) with their cost, and that cost against the OPD's budget.
 * Source: PermenPANRB 38/2017 (kesenjangan kompetensi → pengembangan kompetensi); PP 11/2017 jo. PP 17/2020 Pasal 203
 * (pengembangan kompetensi: pelatihan klasikal dan nonklasikal — kursus, coaching, mentoring, pendidikan);
 * issue 19 point 3.
 */
import type { CompetencyGap } from './competency.ts';

/**
 * Kinds of development in the catalogue. Source: PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (3)–(4) (pendidikan;
 * pelatihan klasikal dan nonklasikal: kursus, coaching, mentoring); issue 19 point 3 (partner-university study).
 */
export const TRAINING_KINDS = ['DIKLAT', 'KURSUS', 'COACHING', 'MENTORING', 'STUDI_MITRA'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** One catalogue entry as the rules need it. */
export interface CatalogueTraining {
  id: string;
  title: string;
  codes: readonly string[];
  jp: number;
  /** Cost per participant, whole rupiah. */
  cost: number;
  active: boolean;
}

/**
 * The training that closes a gap: among the active catalogue entries that develop the competency, the cheapest
 * (then the one with more JP, then by title); null when none does.
 * Source: issue 19 point 3 ("the training that closes them from a catalogue BKD maintains").
 */
export function trainingForGap(
  code: string,
  catalogue: readonly CatalogueTraining[],
): CatalogueTraining | null {
  const fits = catalogue
    .filter((t) => t.active && t.codes.includes(code))
    .sort((a, b) => a.cost - b.cost || b.jp - a.jp || a.title.localeCompare(b.title));
  return fits[0] ?? null;
}

/** One training of an OPD's needs: who should take it and what it costs. */
export interface TrainingNeed {
  trainingId: string;
  title: string;
  /** The competencies it was chosen for. */
  codes: string[];
  employeeIds: string[];
  unitCost: number;
  cost: number;
}

export interface TrainingNeeds {
  needs: TrainingNeed[];
  /** Gaps no catalogue entry closes: competency → employees. */
  uncovered: { code: string; employeeIds: string[] }[];
  total: number;
  budget: number | null;
  /** Budget − total (negative when over); null without a budget. */
  remaining: number | null;
  overBudget: boolean;
}

/**
 * An OPD's annual training needs: for every employee's gap the training that closes it; a training counts an
 * employee once however many of their gaps it closes; cost = unit cost × participants; the total against the budget.
 * Needs are ordered by cost (highest first), then title.
 * Source: issue 19 point 3 (analisis kebutuhan diklat per OPD, cost against a budget); PermenPANRB 38/2017.
 */
export function trainingNeeds(
  employees: readonly { employeeId: string; gaps: readonly Pick<CompetencyGap, 'code'>[] }[],
  catalogue: readonly CatalogueTraining[],
  budget: number | null,
): TrainingNeeds {
  const byTraining = new Map<string, TrainingNeed>();
  const uncovered = new Map<string, Set<string>>();
  for (const e of employees) {
    for (const g of e.gaps) {
      const t = trainingForGap(g.code, catalogue);
      if (!t) {
        if (!uncovered.has(g.code)) uncovered.set(g.code, new Set());
        uncovered.get(g.code)!.add(e.employeeId);
        continue;
      }
      let need = byTraining.get(t.id);
      if (!need) {
        need = { trainingId: t.id, title: t.title, codes: [], employeeIds: [], unitCost: t.cost, cost: 0 };
        byTraining.set(t.id, need);
      }
      if (!need.codes.includes(g.code)) need.codes.push(g.code);
      if (!need.employeeIds.includes(e.employeeId)) need.employeeIds.push(e.employeeId);
    }
  }
  const needs = [...byTraining.values()]
    .map((n) => ({ ...n, codes: n.codes.sort(), cost: n.unitCost * n.employeeIds.length }))
    .sort((a, b) => b.cost - a.cost || a.title.localeCompare(b.title));
  const total = needs.reduce((s, n) => s + n.cost, 0);
  return {
    needs,
    uncovered: [...uncovered.entries()]
      .map(([code, ids]) => ({ code, employeeIds: [...ids] }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    total,
    budget,
    remaining: budget === null ? null : budget - total,
    overBudget: budget !== null && total > budget,
  };
}
