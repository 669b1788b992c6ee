/**
 * PPh 21 on one employee's monthly TPP, as the region configures it (`tpp.tax`, tpp-rules.ts `tppTaxSchema`).
 * Source: regulations.md §5.5 ("net = gross − pph21 − bpjs_employee − other lawful deductions" [REG]), §10
 * ("tax/BPJS/zakat" configurable [INF]). regulations.md gives no rates: a rulebook's rates are its own (marked
 * `isExample` when they are illustrations).
 */
import type { LegalBasis } from '../common/legal-basis.ts';
import { roundRupiah, type Rupiah } from '../common/money.ts';
import type { TppTax } from './tpp-rules.ts';

export interface TppTaxLine {
  /** The rate row applied (`III/a`, `III`), or null when `otherPercent` applied. */
  golongan: string | null;
  percent: number;
  base: 'gross' | 'grossPlusEmployerBpjs';
  baseAmount: Rupiah;
  /** round(baseAmount × percent / 100). */
  amount: Rupiah;
  /** Ditanggung pemerintah: shown, not deducted from the net. */
  borneByGovernment: boolean;
  /** What is deducted from the net: `amount`, or 0 when borne by the government. */
  withheld: Rupiah;
  rule: string;
  legalBasis: LegalBasis;
  isExample: boolean;
}

/**
 * The tax line of a month, or null when the region configures none.
 * Rule (regulations.md §5.5 [REG]): rate of the most specific row matching the employee's golongan (`III/a` before
 * `III`), else `otherPercent`; applied to the gross TPP (or gross + the employer's BPJS share); rounded once with
 * `roundRupiah`; withheld from the net unless borne by the government.
 *
 * @param tax the rulebook's tax rule
 * @param golongan the employee's golongan (`III/a`), null when none is recorded
 * @param gross the month's gross TPP
 * @param bpjsEmployer the employer's BPJS share of the month
 */
export function computeTppTax(
  tax: TppTax,
  golongan: string | null,
  gross: Rupiah,
  bpjsEmployer: Rupiah,
): TppTaxLine | null {
  if (tax.mode === 'none') return null;
  const g = golongan?.trim() ?? '';
  const group = g.split('/')[0] ?? '';
  const row =
    tax.rates.find((r) => r.golongan === g) ??
    tax.rates.find((r) => !r.golongan.includes('/') && r.golongan === group);
  const percent = row?.percent ?? tax.otherPercent;
  const baseAmount = tax.base === 'gross' ? gross : gross + bpjsEmployer;
  const amount = roundRupiah((baseAmount * percent) / 100);
  const pct = `${String(percent).replace('.', ',')}%`;
  const what = tax.base === 'gross' ? 'TPP bruto' : 'TPP bruto + iuran BPJS pemberi kerja';
  const who = row
    ? `golongan ${row.golongan}`
    : golongan
      ? `golongan ${golongan} (tarif lain)`
      : 'tanpa golongan (tarif lain)';
  return {
    golongan: row?.golongan ?? null,
    percent,
    base: tax.base,
    baseAmount,
    amount,
    borneByGovernment: tax.borneByGovernment,
    withheld: tax.borneByGovernment ? 0 : amount,
    rule:
      `PPh 21 ${who}: ${pct} dari ${what}` +
      (tax.borneByGovernment ? ', ditanggung pemerintah (tidak mengurangi TPP bersih)' : ''),
    legalBasis: tax.legalBasis,
    isExample: tax.isExample,
  };
}
