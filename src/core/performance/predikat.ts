/**
 * Predikat kinerja from the ratings of hasil kerja and perilaku kerja, and the conversions of a predikat.
 * Source: PermenPANRB 6/2022 Lampiran (predikat matrix); PermenPANRB 1/2023 (angka kredit); regulations.md §6.3.
 */
import type { PerformanceRules, Predikat, Rating } from './performance-rules.ts';
import { PREDIKAT_LABELS, RATING_LABELS } from './performance-rules.ts';

export interface PredikatResult {
  predikat: Predikat;
  /** Official name, e.g. "Kurang/Misconduct". */
  label: string;
  reasons: string[];
}

/**
 * Looks up the predikat for a pair of ratings in the rulebook's matrix.
 * Source: PermenPANRB 6/2022 Lampiran; regulations.md §6.3 (e.g. hasil kerja Di Atas × perilaku Di Bawah →
 * Kurang/Misconduct; Di Bawah × Di Bawah → Sangat Kurang).
 *
 * @param hasilKerja rating of the work results
 * @param perilaku rating of the work behaviour (BerAKHLAK)
 * @param rules the performance section (validated: every cell present)
 * @returns the predikat, its official label and the reason
 * @throws when the matrix lacks the cell (the rulebook was not validated)
 */
export function determinePredikat(
  hasilKerja: Rating,
  perilaku: Rating,
  rules: PerformanceRules,
): PredikatResult {
  const cell = rules.predikatMatrix.cells.find((c) => c.hasilKerja === hasilKerja && c.perilaku === perilaku);
  if (!cell) throw new Error(`Predikat matrix has no cell ${hasilKerja} × ${perilaku}`);
  const label = PREDIKAT_LABELS[cell.predikat];
  const basis = [rules.predikatMatrix.legalBasis.regulation, rules.predikatMatrix.legalBasis.article]
    .filter(Boolean)
    .join(' ');
  return {
    predikat: cell.predikat,
    label,
    reasons: [
      `Hasil kerja ${RATING_LABELS[hasilKerja]} dan perilaku kerja ${RATING_LABELS[perilaku]} menghasilkan predikat ${label} (${basis})`,
    ],
  };
}

/**
 * The factor (0..1) a predikat contributes to the TPP kinerja component. [REG]
 * Source: Peraturan Kepala Daerah on TPP (rulebook `tppKinerjaScore`); regulations.md §5.5, §6.3, §10.
 */
export function tppKinerjaScoreForPredikat(
  predikat: Predikat,
  rules: Pick<PerformanceRules, 'tppKinerjaScore'>,
): number {
  return rules.tppKinerjaScore.byPredikat[predikat];
}

/**
 * The percentage of the angka kredit coefficient earned for a year with this predikat (150/100/75/50/25 %).
 * Source: PermenPANRB 1/2023; regulations.md §6.3.
 */
export function angkaKreditPercentForPredikat(predikat: Predikat, rules: PerformanceRules): number {
  return rules.angkaKreditPercent.byPredikat[predikat];
}

/**
 * The annual angka kredit of a jabatan fungsional for a year with this predikat: the jenjang's coefficient ×
 * the predikat percentage (e.g. Terampil, coefficient 5: SB 7.5, B 5, BP 3.75, K 2.5, SK 1.25).
 * Source: PermenPANRB 1/2023 (angka kredit = koefisien × persentase predikat); regulations.md §6.3.
 *
 * @param jenjang the jenjang as in `angkaKreditCoefficients.byJenjang` (e.g. `TERAMPIL`)
 * @param predikat the annual predikat
 * @param rules the performance section
 * @returns the angka kredit earned in the year
 * @throws when the rulebook has no coefficient for the jenjang
 */
export function annualAngkaKredit(
  jenjang: string,
  predikat: Predikat,
  rules: Pick<PerformanceRules, 'angkaKreditCoefficients' | 'angkaKreditPercent'>,
): number {
  const row = rules.angkaKreditCoefficients?.byJenjang.find((j) => j.jenjang === jenjang);
  if (!row) throw new Error(`Koefisien angka kredit jenjang ${jenjang} tidak ada di rulebook`);
  // Multiply before dividing so 5 × 75 / 100 = 3.75 exactly.
  return (row.coefficient * rules.angkaKreditPercent.byPredikat[predikat]) / 100;
}
