import { describe, expect, it } from 'vitest';
import {
  correctionColor,
  correctionKind,
  correctionState,
  previewSummary,
  sortPreviewItems,
} from '../../src/web/pages/TppProsesPage/corrections-view.ts';
import { en } from '../../src/web/text/en.ts';
import { idPages } from '../../src/web/text/id-pages.ts';

const item = (name: string, amount: number, nip: string | null = null) => ({ name, amount, nip });

describe('the corrections card of a locked TPP run (view helpers)', () => {
  it.each([
    [125_000, 'KEKURANGAN', 'teal.8'],
    [-1, 'KELEBIHAN', 'red.7'],
    [0, 'NONE', 'dimmed'],
  ] as const)('an amount of %i is %s, coloured %s', (amount, kind, color) => {
    expect(correctionKind(amount)).toBe(kind);
    expect(correctionColor(correctionKind(amount))).toBe(color);
  });

  it('lists the differences first, largest in rupiah of either sign first, then by name and NIP', () => {
    const items = [
      item('Zaki', 0),
      item('Budi', 50_000),
      item('Ani', 0),
      item('Citra', -75_000),
      item('Dedi', 50_000, '2'),
      item('Dedi', 50_000, '1'),
    ];
    expect(sortPreviewItems(items).map((i) => `${i.name}${i.nip ?? ''}:${i.amount}`)).toEqual([
      'Citra:-75000',
      'Budi:50000',
      'Dedi1:50000',
      'Dedi2:50000',
      'Ani:0',
      'Zaki:0',
    ]);
    expect(items[0]!.name).toBe('Zaki'); // the query's data is not reordered in place
  });

  it('sums the kekurangan and the kelebihan bayar apart and counts only non-zero differences', () => {
    expect(
      previewSummary([{ amount: 100_000 }, { amount: -30_000 }, { amount: 0 }, { amount: 5_000 }]),
    ).toEqual({
      toRecord: 3,
      underpaid: 105_000,
      overpaid: 30_000,
      net: 75_000,
    });
    expect(previewSummary([])).toEqual({ toRecord: 0, underpaid: 0, overpaid: 0, net: 0 });
  });

  it('reads a recorded correction as open, or paid by the run of a month', () => {
    expect(correctionState({ status: 'OPEN', appliedRunId: null, appliedMonth: null })).toEqual({
      kind: 'OPEN',
    });
    expect(correctionState({ status: 'PAID', appliedRunId: 'r2', appliedMonth: '2026-03' })).toEqual({
      kind: 'PAID',
      runId: 'r2',
      month: '2026-03',
    });
  });

  it('has the card text in Indonesian and English with the same keys', () => {
    expect(idPages.tppCorrections.title).toBe('Koreksi');
    expect(Object.keys(en.tppCorrections).sort()).toEqual(Object.keys(idPages.tppCorrections).sort());
    expect(Object.keys(en.tppCorrections.kinds).sort()).toEqual(['KEKURANGAN', 'KELEBIHAN', 'NONE']);
  });
});
