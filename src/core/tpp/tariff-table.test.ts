import { describe, expect, it } from 'vitest';
import {
  parseCriterion,
  pickTariff,
  rulebookTariff,
  validateTariffTable,
  type PositionInUse,
  type TariffRow,
  type TariffRowInput,
} from './tariff-table.ts';

/*
 * Tariff tables (regulations.md §5.1, §10; issue 17 point 1 and its "Bad input"): one case per rule of the check,
 * and one per step of the most-specific-row rule.
 */

const GROUPS = ['JPT_PRATAMA', 'ADMINISTRATOR', 'PELAKSANA', 'JF_AHLI_MUDA'];
const ROOT = '/r/';
const DINKES = '/r/dinkes/';
const PKM = '/r/dinkes/pkm/';
const BAPENDA = '/r/bapenda/';
const unitOf = (ref: string, path: string | null) => ({ ref, id: path ? `id-${ref}` : null, path });

const row = (over: Partial<TariffRowInput> = {}): TariffRowInput => ({
  kelas: 9,
  criterion: 'BEBAN_KERJA',
  positionGroup: null,
  unit: null,
  amount: 4_000_000,
  ...over,
});
const post = (kelas: number, over: Partial<PositionInUse> = {}): PositionInUse => ({
  kelas,
  positionGroup: 'PELAKSANA',
  unitPath: PKM,
  name: `Jabatan kelas ${kelas}`,
  unitName: 'UPTD Puskesmas Curug',
  ...over,
});
const check = (rows: TariffRowInput[], inUse: PositionInUse[] = []) =>
  validateTariffTable(rows, { positionGroups: GROUPS, inUse });

describe('validateTariffTable: one rule per case (regulations.md §5.1; issue 17 "Bad input")', () => {
  it.each<
    [
      string,
      TariffRowInput[],
      PositionInUse[],
      { row: number | null; field: string | null; message: RegExp }[],
    ]
  >([
    ['a valid table has no issue', [row()], [post(9)], []],
    ['an empty table', [], [], [{ row: null, field: null, message: /kosong/ }]],
    [
      'a negative amount',
      [row({ amount: -1 })],
      [],
      [{ row: 0, field: 'amount', message: /tidak boleh negatif \(-Rp 1\)/ }],
    ],
    [
      'an amount that is not whole rupiah',
      [row({ amount: 1500.5 })],
      [],
      [{ row: 0, field: 'amount', message: /rupiah bulat/ }],
    ],
    [
      'an amount that is no number',
      [row({ amount: Number.NaN })],
      [],
      [{ row: 0, field: 'amount', message: /angka/ }],
    ],
    [
      'an amount above the ceiling',
      [row({ amount: 2_000_000_000 })],
      [],
      [{ row: 0, field: 'amount', message: /melebihi/ }],
    ],
    [
      'kelas 0',
      [row({ kelas: 0 })],
      [],
      [{ row: 0, field: 'kelas', message: /Kelas jabatan 0 di luar rentang 1–17/ }],
    ],
    ['kelas 18', [row({ kelas: 18 })], [], [{ row: 0, field: 'kelas', message: /18 di luar rentang/ }]],
    ['kelas 7.5', [row({ kelas: 7.5 })], [], [{ row: 0, field: 'kelas', message: /bilangan bulat/ }]],
    [
      'an unknown criterion',
      [row({ criterion: 'LEMBUR' })],
      [],
      [{ row: 0, field: 'criterion', message: /"LEMBUR" tidak dikenal/ }],
    ],
    [
      'an empty criterion',
      [row({ criterion: ' ' })],
      [],
      [{ row: 0, field: 'criterion', message: /wajib diisi/ }],
    ],
    [
      'an unknown position group',
      [row({ positionGroup: 'TUKANG' })],
      [],
      [{ row: 0, field: 'positionGroup', message: /"TUKANG" tidak dikenal/ }],
    ],
    [
      'an unknown unit',
      [row({ unit: unitOf('XYZ', null) })],
      [],
      [{ row: 0, field: 'unit', message: /Unit "XYZ" tidak dikenal/ }],
    ],
    [
      'a duplicate key (kelas, criterion, group, unit)',
      [row(), row({ amount: 5_000_000 })],
      [],
      [{ row: 1, field: null, message: /Baris ganda: kelas 9, beban kerja sudah ada di baris 1/ }],
    ],
    [
      'the same kelas and criterion for another group is no duplicate',
      [row(), row({ positionGroup: 'PELAKSANA' })],
      [],
      [],
    ],
    [
      'a kelas in use without any tariff, named once with a post',
      [row({ kelas: 9 })],
      [post(9), post(12, { name: 'Kepala Puskesmas' }), post(12)],
      [
        {
          row: null,
          field: 'kelas',
          message: /^Kelas jabatan 12 dipakai 2 jabatan \(mis\. Kepala Puskesmas, UPTD Puskesmas Curug\)/,
        },
      ],
    ],
    [
      'a kelas covered only for another unit is not covered',
      [row({ kelas: 9, unit: unitOf('BAPENDA', BAPENDA) })],
      [post(9)],
      [{ row: null, field: 'kelas', message: /Kelas jabatan 9 dipakai/ }],
    ],
    [
      'a kelas covered only for another position group is not covered',
      [row({ kelas: 9, positionGroup: 'JF_AHLI_MUDA' })],
      [post(9)],
      [{ row: null, field: 'kelas', message: /Kelas jabatan 9 dipakai/ }],
    ],
    [
      'a kelas covered by a row of an ancestor unit is covered',
      [row({ kelas: 9, unit: unitOf('DINKES', DINKES) })],
      [post(9)],
      [],
    ],
    [
      'a refused row of the kelas explains the gap (no second issue)',
      [row({ kelas: 9, amount: -5 })],
      [post(9)],
      [{ row: 0, field: 'amount', message: /negatif/ }],
    ],
    ['posts outside 1–17 are not asked for', [row()], [post(0)], []],
  ])('%s', (_name, rows, inUse, expected) => {
    const { issues } = check(rows, inUse);
    expect(issues).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(issues[i]).toMatchObject({ row: e.row, field: e.field });
      expect(issues[i]!.message).toMatch(e.message);
    });
  });

  it('reports every bad row, and returns only the valid rows with their unit paths', () => {
    const { issues, rows } = check([
      row({ kelas: 1 }),
      row({ kelas: 2, amount: -1 }),
      row({ kelas: 3, unit: unitOf('PKM', PKM) }),
      row({ kelas: 40 }),
    ]);
    expect(issues.map((i) => i.row)).toEqual([1, 3]);
    expect(rows).toEqual([
      {
        kelas: 1,
        criterion: 'BEBAN_KERJA',
        positionGroup: null,
        unitId: null,
        unitPath: null,
        amount: 4_000_000,
      },
      {
        kelas: 3,
        criterion: 'BEBAN_KERJA',
        positionGroup: null,
        unitId: 'id-PKM',
        unitPath: PKM,
        amount: 4_000_000,
      },
    ]);
  });

  it('names the first row of a duplicate as the caller names rows', () => {
    const { issues } = validateTariffTable([row(), row()], {
      positionGroups: GROUPS,
      inUse: [],
      rowName: (i) => `baris ${i + 2}`,
    });
    expect(issues[0]!.message).toMatch(/sudah ada di baris 2$/);
  });
});

describe('parseCriterion: codes and the words of PP 12/2019 Pasal 58', () => {
  it.each([
    ['BEBAN_KERJA', 'BEBAN_KERJA'],
    ['beban kerja', 'BEBAN_KERJA'],
    ['Tempat Bertugas', 'TEMPAT_BERTUGAS'],
    ['kelangkaan-profesi', 'KELANGKAAN_PROFESI'],
    ['Pertimbangan objektif lainnya', 'PERTIMBANGAN_OBJEKTIF'],
    ['lembur', null],
  ])('%s → %s', (text, code) => expect(parseCriterion(text)).toBe(code));
});

describe('pickTariff: per criterion the most specific row, summed (regulations.md §5.1)', () => {
  const t = (over: Partial<TariffRow>): TariffRow => ({
    kelas: 9,
    criterion: 'BEBAN_KERJA',
    positionGroup: null,
    unitId: null,
    unitPath: null,
    amount: 1_000_000,
    ...over,
  });
  const general = t({ amount: 1_000_000 });
  const group = t({ positionGroup: 'PELAKSANA', amount: 2_000_000 });
  const opd = t({ unitId: 'dinkes', unitPath: DINKES, amount: 3_000_000 });
  const opdGroup = t({ unitId: 'dinkes', unitPath: DINKES, positionGroup: 'PELAKSANA', amount: 3_500_000 });
  const uptd = t({ unitId: 'pkm', unitPath: PKM, amount: 4_000_000 });
  const target = { kelas: 9, positionGroup: 'PELAKSANA', unitPath: PKM };

  it.each<
    [string, TariffRow[], { kelas: number; positionGroup: string | null; unitPath: string }, number | null]
  >([
    ['only a general row: it', [general], target, 1_000_000],
    ['the position group beats general', [general, group], target, 2_000_000],
    ['a unit (ancestor) beats the position group', [general, group, opd], target, 3_000_000],
    ['the unit with the group beats the unit alone', [opd, opdGroup], target, 3_500_000],
    ['a deeper unit beats its ancestor, even with a group', [opdGroup, uptd], target, 4_000_000],
    ['rows of another group do not apply', [group], { ...target, positionGroup: 'JF_AHLI_MUDA' }, null],
    ['rows of another unit do not apply', [uptd], { ...target, unitPath: BAPENDA }, null],
    ['rows of another kelas do not apply', [general], { ...target, kelas: 8 }, null],
    [
      'a post without a group takes the general row',
      [general, group],
      { ...target, positionGroup: null },
      1_000_000,
    ],
    [
      'a region-wide unit row applies to all below',
      [t({ unitId: 'r', unitPath: ROOT, amount: 7 })],
      target,
      7,
    ],
  ])('%s', (_name, rows, tgt, amount) => {
    expect(pickTariff(rows, tgt)?.amount ?? null).toBe(amount);
  });

  it('sums the criteria, each from its own most specific row, in the order of Pasal 58', () => {
    const r = pickTariff(
      [
        t({ criterion: 'TEMPAT_BERTUGAS', unitId: 'pkm', unitPath: PKM, amount: 750_000 }),
        t({ criterion: 'BEBAN_KERJA', amount: 4_000_000 }),
        t({ criterion: 'BEBAN_KERJA', positionGroup: 'PELAKSANA', amount: 4_200_000 }),
        t({ criterion: 'KELANGKAAN_PROFESI', positionGroup: 'JF_AHLI_MUDA', amount: 999 }),
      ],
      target,
    );
    expect(r).toEqual({
      amount: 4_950_000,
      parts: [
        { criterion: 'BEBAN_KERJA', amount: 4_200_000 },
        { criterion: 'TEMPAT_BERTUGAS', amount: 750_000 },
      ],
    });
  });

  it("falls back to the rulebook's row of the kelas as prestasi kerja", () => {
    const rules = {
      tariffs: {
        legalBasis: { regulation: 'x' },
        kelasFrom: 1,
        kelasTo: 17,
        rows: [{ kelas: 9, amount: 7_023_000 }],
      },
    };
    expect(rulebookTariff(rules, 9)).toEqual({
      amount: 7_023_000,
      parts: [{ criterion: 'PRESTASI_KERJA', amount: 7_023_000 }],
    });
    expect(rulebookTariff(rules, 10)).toBeNull();
  });
});
