import type { Criterion, FigureValues, TeladanFigure } from './teladan-criteria.ts';

/**
 * The ranking of an ASN teladan period: hard criteria exclude (with the reason), scored criteria give each
 * remaining candidate a score of 0–100, and the candidates are ranked across the region and per OPD with every
 * criterion's figure shown. Pure: the figures come in, nothing is read. Source: issue 18 point 4; the rule and the
 * tie-break are documented in docs/teladan.md.
 */

/** A candidate as the ranking needs them (figures gathered by the teladan service). */
export interface TeladanCandidate {
  employeeId: string;
  nip: string | null;
  name: string;
  opdId: string;
  figures: FigureValues;
}

/** What one criterion gave one candidate. */
export interface CriterionResult {
  key: string;
  figure: TeladanFigure;
  /** The figure's value, null when not available. */
  value: number | null;
  /** Hard: passed or not. Scored: null. */
  passed: boolean | null;
  /** Scored: 0–1 after normalisation (0 when the figure is not available). Hard: null. */
  score: number | null;
  /** Why the criterion failed or gave nothing (not available, below the threshold), else null. */
  note: string | null;
}

export interface RankedCandidate extends TeladanCandidate {
  results: CriterionResult[];
  excluded: boolean;
  /** The reasons of the exclusion (one per failed hard criterion). */
  reasons: string[];
  /** 0–100 with four decimals; null when excluded. */
  score: number | null;
  /** 1.. across all candidates of the period; null when excluded. */
  regionRank: number | null;
  /** 1.. within the candidate's OPD; null when excluded. */
  opdRank: number | null;
}

/** Scores are kept with four decimals (criterion scores with six), so equal inputs compare equal. */
const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace('.', ','));

/**
 * Ranks the candidates of a period.
 *
 * 1. A hard criterion passes when its figure is available and ≥ the threshold (direction `higher`) or ≤ it
 *    (`lower`); a candidate failing any is excluded with one reason per failed criterion and never ranked.
 * 2. A scored criterion maps the figure to 0–1: on its fixed `scale` (clamped), else min–max over the candidates not
 *    excluded whose figure is available (all equal → 1); `lower` reverses it; a figure not available gives 0.
 * 3. Score = Σ weight·s / Σ weight × 100 (four decimals).
 * 4. Order (a total order, so the ranking is the same whatever the input order): higher score; then the scored
 *    criteria's s in their declared order, higher first; then NIP ascending (no NIP last); then employee id.
 *    Ranks are positions 1..n in that order, across the region and within each OPD.
 *
 * @param criteria checked criteria (`checkCriteria`)
 * @param candidates the candidates with their figures
 */
export function rankTeladan(
  criteria: readonly Criterion[],
  candidates: readonly TeladanCandidate[],
): RankedCandidate[] {
  const hard = criteria.filter((c) => c.kind === 'hard');
  const scored = criteria.filter((c) => c.kind === 'scored');
  const valueOf = (c: TeladanCandidate, f: TeladanFigure) => {
    const v = c.figures[f];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };

  const afterHard = candidates.map((c) => {
    const reasons: string[] = [];
    const hardResults = new Map<string, CriterionResult>();
    for (const h of hard) {
      const value = valueOf(c, h.figure);
      const passed =
        value !== null && (h.direction === 'higher' ? value >= h.threshold : value <= h.threshold);
      const note =
        value === null
          ? `${h.label}: angka tidak tersedia`
          : passed
            ? null
            : `${h.label}: ${fmt(value)} (syarat ${h.direction === 'higher' ? '≥' : '≤'} ${fmt(h.threshold)})`;
      if (note) reasons.push(note);
      hardResults.set(h.key, { key: h.key, figure: h.figure, value, passed, score: null, note });
    }
    return { c, reasons, hardResults };
  });
  const inRanking = afterHard.filter((a) => a.reasons.length === 0);

  /** Per scored criterion: the min and max over the candidates in the ranking (when it has no fixed scale). */
  const bounds = new Map<string, { min: number; max: number } | null>();
  for (const s of scored) {
    if (s.kind !== 'scored') continue;
    if (s.scale) {
      bounds.set(s.key, s.scale);
      continue;
    }
    const values = inRanking.map((a) => valueOf(a.c, s.figure)).filter((v): v is number => v !== null);
    bounds.set(s.key, values.length ? { min: Math.min(...values), max: Math.max(...values) } : null);
  }
  const totalWeight = scored.reduce((sum, s) => sum + (s.kind === 'scored' ? s.weight : 0), 0);

  const ranked: RankedCandidate[] = afterHard.map(({ c, reasons, hardResults }) => {
    const excluded = reasons.length > 0;
    const scoredResults = new Map<string, CriterionResult>();
    let sum = 0;
    for (const s of scored) {
      if (s.kind !== 'scored') continue;
      const value = valueOf(c, s.figure);
      const b = bounds.get(s.key) ?? null;
      let score = 0;
      let note: string | null = null;
      if (value === null) note = `${s.label}: angka tidak tersedia (nilai 0)`;
      else if (b) {
        const up = b.max === b.min ? 1 : clamp01((value - b.min) / (b.max - b.min));
        score = s.direction === 'higher' ? up : b.max === b.min ? 1 : 1 - up;
      }
      score = round(score, 6);
      sum += s.weight * score;
      scoredResults.set(s.key, { key: s.key, figure: s.figure, value, passed: null, score, note });
    }
    const results = criteria.map((k) => hardResults.get(k.key) ?? scoredResults.get(k.key)!);
    return {
      ...c,
      results,
      excluded,
      reasons,
      score: excluded || totalWeight === 0 ? null : round((sum / totalWeight) * 100, 4),
      regionRank: null,
      opdRank: null,
    };
  });

  const scoredKeys = scored.map((s) => s.key);
  const order = ranked.filter((r) => !r.excluded).sort((a, b) => compareRanked(a, b, scoredKeys));
  const perOpd = new Map<string, number>();
  order.forEach((r, i) => {
    r.regionRank = i + 1;
    const n = (perOpd.get(r.opdId) ?? 0) + 1;
    perOpd.set(r.opdId, n);
    r.opdRank = n;
  });
  return [...order, ...ranked.filter((r) => r.excluded).sort((a, b) => compareIdentity(a, b))];
}

/** The ranking order (see `rankTeladan` step 4): negative when `a` ranks before `b`. */
export function compareRanked(a: RankedCandidate, b: RankedCandidate, scoredKeys: readonly string[]): number {
  if ((a.score ?? -1) !== (b.score ?? -1)) return (b.score ?? -1) - (a.score ?? -1);
  for (const key of scoredKeys) {
    const sa = a.results.find((r) => r.key === key)?.score ?? 0;
    const sb = b.results.find((r) => r.key === key)?.score ?? 0;
    if (sa !== sb) return sb - sa;
  }
  return compareIdentity(a, b);
}

/** NIP ascending (no NIP last), then employee id: the last tie-break, and the order of the excluded. */
function compareIdentity(a: TeladanCandidate, b: TeladanCandidate): number {
  if (a.nip !== b.nip) {
    if (a.nip === null) return 1;
    if (b.nip === null) return -1;
    return a.nip < b.nip ? -1 : 1;
  }
  return a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0;
}
