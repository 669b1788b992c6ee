import { describe, expect, it } from 'vitest';
import type { AuthorityRow } from './procedure-rules.ts';
import type { DisciplineLevel } from './discipline-rules.ts';
import type { AuthorityResult, ChainOfficial } from './authority.ts';
import { describeAuthority, resolveAuthority } from './authority.ts';
import { nationalRules, regional4060Rules } from './test-helpers.ts';

const rows = nationalRules.procedure.authority;

/* Tiers: 1 Pengawas, 2 Administrator, 3 JPT Pratama, 4 JPT Madya; pelaksana and JF are 0. */
const P = (hasOfficial = true): ChainOfficial => ({ tier: 1, hasOfficial });
const A = (hasOfficial = true): ChainOfficial => ({ tier: 2, hasOfficial });
const JPTP = (hasOfficial = true): ChainOfficial => ({ tier: 3, hasOfficial });
const JPTM = (hasOfficial = true): ChainOfficial => ({ tier: 4, hasOfficial });
const JF: ChainOfficial = { tier: 0, hasOfficial: true };

type Expected =
  | { kind: 'chain'; index: number; exact: boolean; row: string }
  | { kind: 'designatedJf'; row: string }
  | { kind: 'ppk'; row: string }
  | null;

type Case = [
  string,
  string | null,
  number,
  DisciplineLevel,
  string,
  readonly ChainOfficial[],
  boolean,
  Expected,
];

function simplify(r: AuthorityResult | null): Expected {
  if (r === null) return null;
  if (r.kind === 'chain') return { kind: 'chain', index: r.index, exact: r.exact, row: r.row.id };
  return { kind: r.kind, row: r.row.id };
}

/*
 * Regulations.md §1.5 (PP 94/2021 Pasal 18–21) with the national matrix:
 *   SATU_TINGKAT_RINGAN (1 level above: ringan) → JF_DITUNJUK_RINGAN (designated JF: ringan) →
 *   DUA_TINGKAT_SEDANG (2 levels above: sedang) → PPK_SEDANG_BERAT (PPK: sedang, berat) for Administrator and below;
 *   PPK_PIMPINAN_TINGGI (PPK: all levels) for JPT Pratama, JPT Madya and JF Ahli Utama.
 */
describe('resolveAuthority — national matrix (regulations.md §1.5)', () => {
  it.each<Case>([
    // pelaksana under a Kasubbag (Pengawas) → Sekretaris (Administrator) → Kepala Dinas (JPT Pratama)
    [
      'pelaksana, ringan: the Kasubbag (Pengawas)',
      'PELAKSANA',
      0,
      'ringan',
      'R2',
      [P(), A(), JPTP()],
      false,
      { kind: 'chain', index: 0, exact: true, row: 'SATU_TINGKAT_RINGAN' },
    ],
    [
      'pelaksana, sedang: the Administrator, two levels up',
      'PELAKSANA',
      0,
      'sedang',
      'S1',
      [P(), A(), JPTP()],
      false,
      { kind: 'chain', index: 1, exact: true, row: 'DUA_TINGKAT_SEDANG' },
    ],
    [
      'pelaksana, berat: the PPK',
      'PELAKSANA',
      0,
      'berat',
      'B1',
      [P(), A(), JPTP()],
      false,
      { kind: 'ppk', row: 'PPK_SEDANG_BERAT' },
    ],
    // a Kasi (Pengawas) under a Kabid (Administrator) → Kepala Dinas (JPT Pratama)
    [
      'Kasi (Pengawas), ringan: the Administrator',
      'PENGAWAS',
      1,
      'ringan',
      'R1',
      [A(), JPTP()],
      false,
      { kind: 'chain', index: 0, exact: true, row: 'SATU_TINGKAT_RINGAN' },
    ],
    [
      'Kasi (Pengawas), sedang: the JPT Pratama',
      'PENGAWAS',
      1,
      'sedang',
      'S2',
      [A(), JPTP()],
      false,
      { kind: 'chain', index: 1, exact: true, row: 'DUA_TINGKAT_SEDANG' },
    ],
    [
      'Kasi (Pengawas), berat: the PPK',
      'PENGAWAS',
      1,
      'berat',
      'B2',
      [A(), JPTP()],
      false,
      { kind: 'ppk', row: 'PPK_SEDANG_BERAT' },
    ],
    // an Administrator (Sekretaris) under the Kepala Dinas (JPT Pratama) and, in a province, the Sekda (JPT Madya)
    [
      'Administrator, ringan: the JPT Pratama',
      'ADMINISTRATOR',
      2,
      'ringan',
      'R3',
      [JPTP(), JPTM()],
      false,
      { kind: 'chain', index: 0, exact: true, row: 'SATU_TINGKAT_RINGAN' },
    ],
    [
      'Administrator, sedang: the JPT Madya when in the chain',
      'ADMINISTRATOR',
      2,
      'sedang',
      'S1',
      [JPTP(), JPTM()],
      false,
      { kind: 'chain', index: 1, exact: true, row: 'DUA_TINGKAT_SEDANG' },
    ],
    [
      'Administrator, sedang, no JPT Madya above (kabupaten): the PPK',
      'ADMINISTRATOR',
      2,
      'sedang',
      'S1',
      [JPTP()],
      false,
      { kind: 'ppk', row: 'PPK_SEDANG_BERAT' },
    ],
    [
      'Administrator, sedang, the JPT Madya post vacant: the PPK',
      'ADMINISTRATOR',
      2,
      'sedang',
      'S3',
      [JPTP(), JPTM(false)],
      false,
      { kind: 'ppk', row: 'PPK_SEDANG_BERAT' },
    ],
    // JPT Pratama, JPT Madya, JF Ahli Utama: always the PPK, even with officials above
    ...(['ringan', 'sedang', 'berat'] as const).map(
      (level) =>
        [
          `JPT Pratama, ${level}: the PPK`,
          'JPT_PRATAMA',
          3,
          level,
          level === 'ringan' ? 'R1' : level === 'sedang' ? 'S1' : 'B3',
          [JPTM()],
          false,
          { kind: 'ppk', row: 'PPK_PIMPINAN_TINGGI' },
        ] satisfies Case,
    ),
    [
      'JF Ahli Utama, ringan: the PPK',
      'JF_AHLI_UTAMA',
      0,
      'ringan',
      'R1',
      [A(), JPTP()],
      false,
      { kind: 'ppk', row: 'PPK_PIMPINAN_TINGGI' },
    ],
    // vacant posts move the authority up
    [
      'pelaksana, ringan, the Pengawas post vacant: the Administrator (not exact)',
      'PELAKSANA',
      0,
      'ringan',
      'R1',
      [P(false), A(), JPTP()],
      false,
      { kind: 'chain', index: 1, exact: false, row: 'SATU_TINGKAT_RINGAN' },
    ],
    [
      'pelaksana, sedang, the Administrator post vacant: the JPT Pratama (not exact)',
      'PELAKSANA',
      0,
      'sedang',
      'S1',
      [P(), A(false), JPTP()],
      false,
      { kind: 'chain', index: 2, exact: false, row: 'DUA_TINGKAT_SEDANG' },
    ],
    [
      'no position recorded (NONE) counts as tier 0',
      null,
      0,
      'ringan',
      'R1',
      [P(), A()],
      false,
      { kind: 'chain', index: 0, exact: true, row: 'SATU_TINGKAT_RINGAN' },
    ],
    // JF and the PPK designation of a JF as PyB (delayering)
    [
      'JF whose superior is a JF, then a Pengawas: the Pengawas (JF tier 0 skipped)',
      'JF_AHLI_PERTAMA',
      0,
      'ringan',
      'R1',
      [JF, P(), A()],
      false,
      { kind: 'chain', index: 1, exact: true, row: 'SATU_TINGKAT_RINGAN' },
    ],
    [
      'JF, no Pengawas, a designated JF available: the designated JF',
      'JF_AHLI_PERTAMA',
      0,
      'ringan',
      'R2',
      [JF, A(), JPTP()],
      true,
      { kind: 'designatedJf', row: 'JF_DITUNJUK_RINGAN' },
    ],
    [
      'JF, no Pengawas, no designated JF: the Administrator (not exact)',
      'JF_AHLI_PERTAMA',
      0,
      'ringan',
      'R2',
      [JF, A(), JPTP()],
      false,
      { kind: 'chain', index: 1, exact: false, row: 'SATU_TINGKAT_RINGAN' },
    ],
    [
      'JF with a Pengawas above: the Pengawas even when a designated JF exists',
      'JF_AHLI_MUDA',
      0,
      'ringan',
      'R1',
      [P(), A()],
      true,
      { kind: 'chain', index: 0, exact: true, row: 'SATU_TINGKAT_RINGAN' },
    ],
    [
      'pelaksana with nobody above and a designated JF: the designated JF',
      'PELAKSANA',
      0,
      'ringan',
      'R1',
      [],
      true,
      { kind: 'designatedJf', row: 'JF_DITUNJUK_RINGAN' },
    ],
    [
      'pelaksana with nobody above and no designated JF: the PPK with the last matching row',
      'PELAKSANA',
      0,
      'ringan',
      'R1',
      [P(false)],
      false,
      { kind: 'ppk', row: 'JF_DITUNJUK_RINGAN' },
    ],
    [
      'a designated JF is never used for sedang: the PPK',
      'JF_AHLI_PERTAMA',
      0,
      'sedang',
      'S1',
      [JF],
      true,
      { kind: 'ppk', row: 'PPK_SEDANG_BERAT' },
    ],
    ['a position kind without a row: null', 'JABATAN_LAIN', 0, 'ringan', 'R1', [P(), A()], false, null],
  ])(
    '%s',
    (_name, examineeKind, examineeTier, level, sanctionCode, chain, designatedJfAvailable, expected) => {
      expect(
        simplify(
          resolveAuthority(rows, {
            examineeKind,
            examineeTier,
            level,
            sanctionCode,
            chain,
            designatedJfAvailable,
          }),
        ),
      ).toEqual(expected);
    },
  );

  it('the regional rulebook gives the same answers for the standard cases', () => {
    const q = {
      examineeKind: 'PELAKSANA',
      examineeTier: 0,
      sanctionCode: 'S1',
      chain: [P(), A(), JPTP()],
      designatedJfAvailable: false,
    };
    for (const level of ['ringan', 'sedang', 'berat'] as const) {
      expect(simplify(resolveAuthority(regional4060Rules.procedure.authority, { ...q, level }))).toEqual(
        simplify(resolveAuthority(rows, { ...q, level })),
      );
    }
  });
});

describe('resolveAuthority — row mechanics', () => {
  const basis = { regulation: 'Perkada Uji' };
  const custom: AuthorityRow[] = [
    {
      id: 'ADMIN_B1_B2',
      examineeKinds: ['PELAKSANA'],
      levels: ['berat'],
      sanctions: ['B1', 'B2'],
      official: { tier: 'JPT_PRATAMA' },
      legalBasis: basis,
    },
    {
      id: 'ADMIN_TIER',
      examineeKinds: ['PELAKSANA', 'PENGAWAS'],
      levels: ['sedang'],
      official: { tier: 'ADMINISTRATOR' },
      legalBasis: basis,
    },
    {
      id: 'PPK_ALL',
      examineeKinds: ['PELAKSANA', 'PENGAWAS'],
      levels: ['sedang', 'berat'],
      official: { ppk: true },
      legalBasis: basis,
    },
  ];
  const base = {
    examineeKind: 'PELAKSANA',
    examineeTier: 0,
    chain: [P(), A(), JPTP()],
    designatedJfAvailable: false,
  };

  it.each<[string, Partial<typeof base> & { level: DisciplineLevel; sanctionCode: string }, Expected]>([
    [
      'a row limited to sanctions matches a listed code',
      { level: 'berat', sanctionCode: 'B2' },
      { kind: 'chain', index: 2, exact: true, row: 'ADMIN_B1_B2' },
    ],
    [
      'a row limited to sanctions skips another code',
      { level: 'berat', sanctionCode: 'B3' },
      { kind: 'ppk', row: 'PPK_ALL' },
    ],
    [
      '{ tier } names the nearest official of that tier',
      { level: 'sedang', sanctionCode: 'S1' },
      { kind: 'chain', index: 1, exact: true, row: 'ADMIN_TIER' },
    ],
    [
      '{ tier } is independent of the examinee tier (a Pengawas examinee)',
      {
        examineeKind: 'PENGAWAS',
        examineeTier: 1,
        chain: [A(), JPTP()],
        level: 'sedang',
        sanctionCode: 'S1',
      },
      { kind: 'chain', index: 0, exact: true, row: 'ADMIN_TIER' },
    ],
    [
      '{ tier } with the tier vacant moves up',
      { chain: [P(), A(false), JPTP()], level: 'sedang', sanctionCode: 'S1' },
      { kind: 'chain', index: 2, exact: false, row: 'ADMIN_TIER' },
    ],
    [
      '{ tier } with nobody high enough falls through to the next row',
      { chain: [P()], level: 'sedang', sanctionCode: 'S1' },
      { kind: 'ppk', row: 'PPK_ALL' },
    ],
    ['no row for the level: null', { level: 'ringan', sanctionCode: 'R1' }, null],
  ])('%s', (_name, q, expected) => {
    expect(simplify(resolveAuthority(custom, { ...base, ...q }))).toEqual(expected);
  });

  it('with every matching row unusable, the PPK carries the last matching row', () => {
    const only: AuthorityRow[] = [custom[1]!];
    expect(
      simplify(resolveAuthority(only, { ...base, chain: [P()], level: 'sedang', sanctionCode: 'S1' })),
    ).toEqual({ kind: 'ppk', row: 'ADMIN_TIER' });
  });

  it('a level beyond JPT Madya is never in the chain', () => {
    expect(
      simplify(
        resolveAuthority(rows, {
          examineeKind: 'ADMINISTRATOR',
          examineeTier: 4,
          level: 'ringan',
          sanctionCode: 'R1',
          chain: [JPTM()],
          designatedJfAvailable: false,
        }),
      ),
    ).toEqual({ kind: 'ppk', row: 'JF_DITUNJUK_RINGAN' });
  });
});

describe('describeAuthority — Indonesian explanation', () => {
  const names = ['Budi (Kepala Subbagian Umum)', 'Sari (Sekretaris Dinas)', 'Andi (Kepala Dinas)'];
  const name = (i: number): string => names[i] ?? '?';
  const q = {
    examineeKind: 'PELAKSANA',
    examineeTier: 0,
    sanctionCode: 'R1',
    designatedJfAvailable: false,
  };

  it('a chain official, exact', () => {
    const r = resolveAuthority(rows, { ...q, level: 'sedang', chain: [P(), A(), JPTP()] })!;
    const text = describeAuthority(r, name);
    expect(text).toBe(
      'Pejabat yang berwenang menghukum adalah Sari (Sekretaris Dinas), pejabat 2 tingkat di atas pegawai yang ' +
        'diperiksa, yang berwenang atas hukuman disiplin tingkat sedang (PP 94/2021 Pasal 18–20).',
    );
  });

  it('a chain official found by moving up says so', () => {
    const r = resolveAuthority(rows, { ...q, level: 'ringan', chain: [P(false), A(), JPTP()] })!;
    const text = describeAuthority(r, name);
    expect(text).toMatch(
      /^Pejabat yang berwenang menghukum adalah Sari \(Sekretaris Dinas\), pejabat 1 tingkat/,
    );
    expect(text).toMatch(
      /kosong atau tidak ada, sehingga kewenangan beralih ke pejabat yang lebih tinggi\.$/,
    );
  });

  it('a designated JF', () => {
    const r = resolveAuthority(rows, { ...q, level: 'ringan', chain: [], designatedJfAvailable: true })!;
    expect(describeAuthority(r, name)).toBe(
      'Pejabat yang berwenang menghukum adalah pejabat fungsional yang ditunjuk PPK, karena unit tidak memiliki ' +
        'pejabat struktural pada tingkat yang berwenang atas hukuman disiplin tingkat ringan (PP 94/2021 Pasal 21).',
    );
  });

  it('the PPK, with every level of the row', () => {
    const r = resolveAuthority(rows, { ...q, level: 'berat', chain: [P(), A(), JPTP()] })!;
    expect(describeAuthority(r, name)).toBe(
      'Pejabat yang berwenang menghukum adalah Pejabat Pembina Kepegawaian (PPK) yang berwenang atas hukuman ' +
        'disiplin tingkat sedang dan berat; keputusan PPK dicatat oleh BKD (PP 94/2021 Pasal 18 ayat (3)–(4)).',
    );
    const top = resolveAuthority(rows, {
      ...q,
      examineeKind: 'JPT_PRATAMA',
      examineeTier: 3,
      level: 'ringan',
      chain: [],
    })!;
    expect(describeAuthority(top, name)).toMatch(/hukuman disiplin tingkat ringan, sedang dan berat/);
  });

  it('a tier row names the tier', () => {
    const row: AuthorityRow = {
      id: 'T',
      examineeKinds: ['PELAKSANA'],
      levels: ['sedang'],
      official: { tier: 'JPT_PRATAMA' },
      legalBasis: { regulation: 'Perkada Uji' },
    };
    const r = resolveAuthority([row], { ...q, level: 'sedang', chain: [P(), A(), JPTP()] })!;
    expect(describeAuthority(r, name)).toBe(
      'Pejabat yang berwenang menghukum adalah Andi (Kepala Dinas), pejabat pimpinan tinggi pratama di atas ' +
        'pegawai yang diperiksa, yang berwenang atas hukuman disiplin tingkat sedang (Perkada Uji).',
    );
  });
});
