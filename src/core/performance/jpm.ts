/**
 * Job Person Match: the percentage of the required competency levels an employee meets, and its band
 * under either label set (selection / promotion, or mapping).
 * Source: PermenPANRB 38/2017 (competency standard); assessment-centre practice; regulations.md §7.2.
 */
import type { JpmBand, JpmLabelSet, PerformanceRules } from './performance-rules.ts';

export interface CompetencyLevel {
  /** Competency code, e.g. `M.01` (Integritas) or `SK.01` (Perekat Bangsa). */
  code: string;
  required: number;
  assessed: number;
}

/**
 * JPM % = Σ assessed levels / Σ required levels × 100, capped at 100 when the rulebook says so. Unrounded.
 * Source: regulations.md §7.2 (formula [INF], cap seen in assessment-centre code).
 *
 * @throws when no competency has a required level (nothing to match against: a bug upstream)
 */
export function computeJpmPercent(levels: CompetencyLevel[], rules: PerformanceRules): number {
  const required = levels.reduce((s, l) => s + l.required, 0);
  if (required <= 0) throw new Error('JPM needs at least one required competency level');
  const percent = (levels.reduce((s, l) => s + l.assessed, 0) / required) * 100;
  return rules.jpm.capAt100 ? Math.min(100, percent) : percent;
}

export interface JpmResult {
  /** The percentage classified (after the cap). */
  percent: number;
  code: string;
  label: string;
  /** Band bounds: `minPercent` inclusive, `maxPercent` exclusive (null for the top band). */
  minPercent: number;
  maxPercent: number | null;
  labelSet: JpmLabelSet;
  reasons: string[];
}

/**
 * Classifies a JPM percentage into a band of the chosen label set: selection (MS ≥ 80, MMS 68–<80, KMS < 68)
 * or mapping (O ≥ 90, CO 78–<90, KO < 78) — the numbers are rulebook data.
 * Source: regulations.md §7.2 (two assessment-centre codebases and a talent app).
 *
 * @param percent JPM in percent (0 or more)
 * @param labelSet `selection` (tipe 1, seleksi/promosi) or `mapping` (tipe 2, pemetaan)
 * @throws when the percentage is negative or not a number, or no band starts at 0 (rulebook not validated)
 */
export function classifyJpm(percent: number, rules: PerformanceRules, labelSet: JpmLabelSet): JpmResult {
  if (!Number.isFinite(percent) || percent < 0) throw new Error(`Invalid JPM percent: ${percent}`);
  const reasons: string[] = [];
  let p = percent;
  if (rules.jpm.capAt100 && p > 100) {
    reasons.push(`JPM ${fmt(percent)}% dibatasi menjadi 100%`);
    p = 100;
  }
  const bands = [...rules.jpm[labelSet].bands].sort((a, b) => b.minPercent - a.minPercent);
  const idx = bands.findIndex((b) => p >= b.minPercent);
  const band: JpmBand | undefined = bands[idx];
  if (!band) throw new Error(`No JPM band covers ${p}%`);
  const maxPercent = idx > 0 ? (bands[idx - 1]?.minPercent ?? null) : null;
  const range =
    maxPercent === null ? `≥ ${fmt(band.minPercent)}%` : `${fmt(band.minPercent)}% – < ${fmt(maxPercent)}%`;
  const setName = labelSet === 'selection' ? 'seleksi/promosi' : 'pemetaan';
  reasons.push(`JPM ${fmt(p)}% berada pada rentang ${range} untuk ${setName}: ${band.code} – ${band.label}`);
  return {
    percent: p,
    code: band.code,
    label: band.label,
    minPercent: band.minPercent,
    maxPercent,
    labelSet,
    reasons,
  };
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}
