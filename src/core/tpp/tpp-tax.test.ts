import { describe, expect, it } from 'vitest';
import national from '../../../rulebooks/national/tpp.json' with { type: 'json' };
import regional4060 from '../../../rulebooks/regional-40-60/tpp.json' with { type: 'json' };
import regional6040 from '../../../rulebooks/regional-60-40/tpp.json' with { type: 'json' };
import { tppRulesSchema, validateTppRules, type TppTax } from './tpp-rules.ts';
import { computeTppTax } from './tpp-tax.ts';

const basis = { regulation: 'Uji' };
const byGolongan = (over: Partial<Extract<TppTax, { mode: 'byGolongan' }>> = {}): TppTax => ({
  mode: 'byGolongan',
  legalBasis: basis,
  isExample: true,
  base: 'gross',
  borneByGovernment: false,
  rates: [
    { golongan: 'III', percent: 5 },
    { golongan: 'III/d', percent: 7.5 },
    { golongan: 'IV', percent: 15 },
  ],
  otherPercent: 0,
  ...over,
});

describe('PPh 21 on the TPP as the region configures it (regulations.md §5.5, §10)', () => {
  it('no tax rule → no line; the national rulebook has none (default), the regional examples have one', () => {
    expect(computeTppTax({ mode: 'none' }, 'III/a', 1_000_000, 40_000)).toBeNull();
    expect(tppRulesSchema.parse(national).tax).toEqual({ mode: 'none' });
    const r4060 = tppRulesSchema.parse(regional4060).tax;
    const r6040 = tppRulesSchema.parse(regional6040).tax;
    expect(r4060).toMatchObject({ mode: 'byGolongan', isExample: true, borneByGovernment: false });
    expect(r6040).toMatchObject({ mode: 'byGolongan', isExample: true, borneByGovernment: true });
  });

  it.each([
    ['III/a', 5, 50_000, 'III'],
    ['III/d', 7.5, 75_000, 'III/d'],
    ['IV/b', 15, 150_000, 'IV'],
    ['II/c', 0, 0, null],
    [null, 0, 0, null],
  ])('golongan %s → %s%% of Rp 1.000.000 = %s (row %s)', (golongan, percent, amount, row) => {
    const t = computeTppTax(byGolongan(), golongan, 1_000_000, 40_000)!;
    expect(t).toMatchObject({ percent, amount, withheld: amount, golongan: row });
  });

  it('on gross + the employer BPJS share; borne by the government: computed, not withheld; rounded once', () => {
    // (1.000.001 + 40.000) × 5 % = 52.000,05 → 52.000
    const t = computeTppTax(
      byGolongan({ base: 'grossPlusEmployerBpjs', borneByGovernment: true }),
      'III/b',
      1_000_001,
      40_000,
    )!;
    expect(t).toMatchObject({ baseAmount: 1_040_001, amount: 52_000, withheld: 0, borneByGovernment: true });
    expect(t.rule).toContain('ditanggung pemerintah');
  });

  it('a golongan listed twice is an issue; an unknown golongan is refused by the schema', () => {
    const rules = tppRulesSchema.parse(national);
    const twice = {
      ...rules,
      tax: byGolongan({
        rates: [
          { golongan: 'III', percent: 5 },
          { golongan: 'III', percent: 6 },
        ],
      }),
    };
    expect(validateTppRules(twice).map((i) => i.path)).toEqual(['tpp.tax.rates[1].golongan']);
    expect(
      tppRulesSchema.safeParse({
        ...national,
        tax: { ...byGolongan(), rates: [{ golongan: 'Z', percent: 1 }] },
      }).success,
    ).toBe(false);
  });

  it('the objection window defaults to 5 working days', () => {
    expect(tppRulesSchema.parse(national).objectionDays).toBe(5);
  });
});
