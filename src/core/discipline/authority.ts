/**
 * Who may impose a sanction (pejabat yang berwenang menghukum, PyB): the rulebook's authority matrix applied to the
 * chain of posts above the examinee. Pure: the caller (the server's PyB resolver) builds the chain from the org tree
 * on the date and says whether a PPK-designated JF is available for the examinee's unit.
 * Source: PP 94/2021 Pasal 18–21 (PyBM), regulations.md §1.5 (matrix; a vacant post moves the authority up; PPK
 * designation of a JF where the unit has no structural official of the level).
 */
import { pickAtLevel, tierOf } from '../org/relations.ts';
import type { DisciplineLevel } from './discipline-rules.ts';
import type { AuthorityRow } from './procedure-rules.ts';

/** One post of the chain above the examinee, nearest first: its structural tier and whether somebody fills it. */
export interface ChainOfficial {
  /** 1 Pengawas … 4 JPT Madya; 0 for a JF or pelaksana superior (`tierOf`). */
  tier: number;
  /** False when the post is vacant and nobody acts in it (Plt/Plh). */
  hasOfficial: boolean;
}

/** The competent official found: a post of the chain (by index), a PPK-designated JF, or the PPK. */
export type AuthorityResult =
  | { kind: 'chain'; index: number; exact: boolean; row: AuthorityRow } // index into the chain given
  | { kind: 'designatedJf'; row: AuthorityRow }
  | { kind: 'ppk'; row: AuthorityRow };

/** The question asked of the matrix. */
export interface AuthorityQuery {
  /** The examinee's position kind (`PELAKSANA`, `JF_AHLI_MUDA`, …); null = no position recorded (`NONE`). */
  examineeKind: string | null;
  /** The examinee's own structural tier (`tierOf`; pelaksana and JF are 0). */
  examineeTier: number;
  level: DisciplineLevel;
  /** The sanction type code (as decided, e.g. `S1`), matched against a row's optional `sanctions`. */
  sanctionCode: string;
  /** Posts above the examinee, nearest first. */
  chain: readonly ChainOfficial[];
  /** Whether a JF designated by the PPK as PyB over the examinee's unit is in force for this level. */
  designatedJfAvailable: boolean;
}

function rowMatches(row: AuthorityRow, q: AuthorityQuery): boolean {
  const kind = q.examineeKind ?? 'NONE';
  return (
    (row.examineeKinds as readonly string[]).includes(kind) &&
    row.levels.includes(q.level) &&
    (row.sanctions === undefined || row.sanctions.includes(q.sanctionCode))
  );
}

function tryRow(row: AuthorityRow, q: AuthorityQuery): AuthorityResult | null {
  const o = row.official;
  if ('levelsAbove' in o) {
    const hit = pickAtLevel(q.chain, q.examineeTier + o.levelsAbove);
    return hit === null ? null : { kind: 'chain', index: hit.index, exact: hit.exact, row };
  }
  if ('tier' in o) {
    const hit = pickAtLevel(q.chain, tierOf(o.tier));
    return hit === null ? null : { kind: 'chain', index: hit.index, exact: hit.exact, row };
  }
  if ('designatedJf' in o) return q.designatedJfAvailable ? { kind: 'designatedJf', row } : null;
  return { kind: 'ppk', row };
}

/**
 * The competent official (PyB) for a sanction on an examinee. Rows are tried in order; a row matches when the
 * examinee's position kind (`NONE` without a position) is in `examineeKinds`, the level in `levels` and, when the
 * row lists `sanctions`, the sanction code in it. The matched row's official:
 * - `{ levelsAbove: n }` → the first filled post of tier examineeTier + n or higher in the chain (`pickAtLevel`: a
 *   vacant post or a missing tier moves the authority up, `exact` false);
 * - `{ tier: X }` → the first filled post of tier X or higher;
 * - `{ designatedJf: true }` → only when a designated JF is available;
 * - `{ ppk: true }` → the PPK.
 * When the row's official cannot be found (nobody high enough in the chain, no designated JF) the next matching row
 * is tried; when no matching row yields an official, the PPK with the last matching row; null when no row matches.
 *
 * One refinement (our reading of regulations.md §1.5, last two rows): the PPK designates a JF as PyB precisely for a
 * unit without a structural official of the level, so when a row's chain official is only found by moving up
 * (`exact` false) and a later matching row names an available designated JF, the designated JF is the PyB.
 * Source: PP 94/2021 Pasal 18–21; regulations.md §1.5.
 *
 * @returns the PyB, or null when the matrix has no row for the examinee and level (a rulebook gap)
 */
export function resolveAuthority(rows: readonly AuthorityRow[], q: AuthorityQuery): AuthorityResult | null {
  const matching = rows.filter((r) => rowMatches(r, q));
  for (let i = 0; i < matching.length; i++) {
    const row = matching[i]!;
    const found = tryRow(row, q);
    if (found === null) continue;
    if (found.kind === 'chain' && !found.exact && q.designatedJfAvailable) {
      const jf = matching.slice(i + 1).find((r) => 'designatedJf' in r.official);
      if (jf !== undefined) return { kind: 'designatedJf', row: jf };
    }
    return found;
  }
  const last = matching[matching.length - 1];
  return last === undefined ? null : { kind: 'ppk', row: last };
}

const LEVEL_WORDS: Readonly<Record<DisciplineLevel, string>> = {
  ringan: 'ringan',
  sedang: 'sedang',
  berat: 'berat',
};

function basisText(row: AuthorityRow): string {
  const b = row.legalBasis;
  return b.article === undefined ? b.regulation : `${b.regulation} ${b.article}`;
}

function levelsText(row: AuthorityRow): string {
  const words = row.levels.map((l) => LEVEL_WORDS[l]);
  const list =
    words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} dan ${words[words.length - 1]}`;
  return `hukuman disiplin tingkat ${list}`;
}

/**
 * An Indonesian sentence naming the PyB and why: the official (by `chainNames(index)` for a chain post), the rule
 * of the matrix row (n levels above, a tier, a designated JF, the PPK), the move up when the post of the level is
 * vacant or missing, and the legal basis.
 * Source: PP 94/2021 Pasal 18–21; regulations.md §1.5.
 */
export function describeAuthority(r: AuthorityResult, chainNames: (index: number) => string): string {
  const what = levelsText(r.row);
  const basis = basisText(r.row);
  if (r.kind === 'ppk') {
    return (
      `Pejabat yang berwenang menghukum adalah Pejabat Pembina Kepegawaian (PPK) yang berwenang atas ${what}; ` +
      `keputusan PPK dicatat oleh BKD (${basis}).`
    );
  }
  if (r.kind === 'designatedJf') {
    return (
      `Pejabat yang berwenang menghukum adalah pejabat fungsional yang ditunjuk PPK, karena unit tidak memiliki ` +
      `pejabat struktural pada tingkat yang berwenang atas ${what} (${basis}).`
    );
  }
  const o = r.row.official;
  const rule =
    'levelsAbove' in o
      ? `pejabat ${o.levelsAbove} tingkat di atas pegawai yang diperiksa`
      : 'tier' in o
        ? `pejabat ${TIER_WORDS[o.tier]} di atas pegawai yang diperiksa`
        : 'pejabat di atas pegawai yang diperiksa';
  const moved = r.exact
    ? ''
    : ' Jabatan pada tingkat tersebut kosong atau tidak ada, sehingga kewenangan beralih ke pejabat yang lebih tinggi.';
  return `Pejabat yang berwenang menghukum adalah ${chainNames(r.index)}, ${rule}, yang berwenang atas ${what} (${basis}).${moved}`;
}

const TIER_WORDS: Readonly<Record<'PENGAWAS' | 'ADMINISTRATOR' | 'JPT_PRATAMA' | 'JPT_MADYA', string>> = {
  PENGAWAS: 'pengawas',
  ADMINISTRATOR: 'administrator',
  JPT_PRATAMA: 'pimpinan tinggi pratama',
  JPT_MADYA: 'pimpinan tinggi madya',
};
