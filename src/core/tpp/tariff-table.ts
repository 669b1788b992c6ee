/**
 * TPP tariff tables as a region's Perkada sets them: an amount per kelas jabatan and criterion, optionally only for
 * a position group (`positions.kind`) or a unit (and its subtree). Checking a table before it is stored, and picking
 * the rows that apply to one employee.
 * Source: PP 12/2019 Pasal 58 (criteria: beban kerja, prestasi kerja, tempat bertugas, kondisi kerja, kelangkaan
 * profesi, pertimbangan objektif lainnya; amount by kelas jabatan); regulations.md §5.1, §10 (tariff per kelas
 * jabatan and year, configurable).
 */
import { formatRupiah } from '../common/money.ts';
import type { TppRules } from './tpp-rules.ts';

/** The criteria of PP 12/2019 Pasal 58 a tariff row is given for (regulations.md §5.1). */
export const TPP_CRITERIA = [
  'BEBAN_KERJA',
  'PRESTASI_KERJA',
  'TEMPAT_BERTUGAS',
  'KONDISI_KERJA',
  'KELANGKAAN_PROFESI',
  'PERTIMBANGAN_OBJEKTIF',
] as const;
export type TppCriterion = (typeof TPP_CRITERIA)[number];

/** The criteria in words (PP 12/2019 Pasal 58 ayat (2)). */
export const TPP_CRITERION_LABELS: Record<TppCriterion, string> = {
  BEBAN_KERJA: 'Beban kerja',
  PRESTASI_KERJA: 'Prestasi kerja',
  TEMPAT_BERTUGAS: 'Tempat bertugas',
  KONDISI_KERJA: 'Kondisi kerja',
  KELANGKAAN_PROFESI: 'Kelangkaan profesi',
  PERTIMBANGAN_OBJEKTIF: 'Pertimbangan objektif lainnya',
};

/** The kelas jabatan range (Perpres / PermenPANRB kelas jabatan 1–17; regulations.md §5.1). */
export const KELAS_MIN = 1;
export const KELAS_MAX = 17;
/** Sanity ceiling of one row (a monthly amount per criterion), far above any Perkada tariff. */
export const TARIFF_AMOUNT_MAX = 1_000_000_000;

/** A stored tariff row, with the path of its unit (subtree match) when it is limited to one. */
export interface TariffRow {
  kelas: number;
  criterion: TppCriterion;
  positionGroup: string | null;
  unitId: string | null;
  /** Materialised path `/root/…/unit/` of `unitId`; null for a row of the whole region. */
  unitPath: string | null;
  amount: number;
}

/** Whom a tariff is looked up for: the kelas and position group of the post, the path of its unit. */
export interface TariffTarget {
  kelas: number;
  positionGroup: string | null;
  unitPath: string;
}

/** The monthly tariff of one post: the sum over criteria, with each criterion's amount. */
export interface TariffAmount {
  amount: number;
  parts: { criterion: string; amount: number }[];
}

const depth = (path: string) => path.split('/').filter(Boolean).length;

/**
 * How specific a row is: a unit row beats a position-group row, which beats a general one; a deeper unit beats its
 * ancestors; a unit row for the position group beats the unit row for everyone.
 * Source: regulations.md §5.1 (tariffs per kelas, per position group or place of duty where the Perkada says so).
 */
export function specificity(row: Pick<TariffRow, 'positionGroup' | 'unitPath'>): number {
  return (row.unitPath ? depth(row.unitPath) * 2 : 0) + (row.positionGroup ? 1 : 0);
}

/** Whether a row applies to the target: same kelas, its group or none, its unit's subtree or the whole region. */
export function rowApplies(row: TariffRow, t: TariffTarget): boolean {
  return (
    row.kelas === t.kelas &&
    (row.positionGroup === null || row.positionGroup === t.positionGroup) &&
    (row.unitPath === null || t.unitPath.startsWith(row.unitPath))
  );
}

/**
 * The tariff of a post: per criterion the most specific row that applies (unit > position group > general), summed.
 * Null when no row applies (the kelas has no tariff for that post).
 * Source: regulations.md §5.1, §5.5 (`base = tpp_tariff(e.kelas_jabatan, region, year)`).
 */
export function pickTariff(rows: readonly TariffRow[], t: TariffTarget): TariffAmount | null {
  const best = new Map<TppCriterion, TariffRow>();
  for (const r of rows) {
    if (!rowApplies(r, t)) continue;
    const held = best.get(r.criterion);
    if (!held || specificity(r) > specificity(held)) best.set(r.criterion, r);
  }
  if (best.size === 0) return null;
  const parts = TPP_CRITERIA.filter((c) => best.has(c)).map((c) => ({
    criterion: c as string,
    amount: best.get(c)!.amount,
  }));
  return { amount: parts.reduce((s, p) => s + p.amount, 0), parts };
}

/**
 * The rulebook's tariff of a kelas (criterion PRESTASI_KERJA), used when no table is stored for the year.
 * Source: regulations.md §5.1 (example tariff per kelas jabatan); the rulebook's `tpp.tariffs`.
 */
export function rulebookTariff(rules: Pick<TppRules, 'tariffs'>, kelas: number): TariffAmount | null {
  const row = rules.tariffs.rows.find((r) => r.kelas === kelas);
  return row ? { amount: row.amount, parts: [{ criterion: 'PRESTASI_KERJA', amount: row.amount }] } : null;
}

/** A row as entered or read from a file, before it is checked; the unit as written and what it resolved to. */
export interface TariffRowInput {
  kelas: number;
  criterion: string;
  positionGroup: string | null;
  /** `ref` as written (unit code); `id`/`path` null when no such unit exists. */
  unit: { ref: string; id: string | null; path: string | null } | null;
  amount: number;
}

/** A post of the region (a position) whose kelas must have a tariff. */
export interface PositionInUse {
  kelas: number;
  positionGroup: string;
  unitPath: string;
  name: string;
  unitName: string;
}

/** A problem with a row (`row` = its index in the input) or with the whole table (`row` null). */
export interface TariffIssue {
  row: number | null;
  field: 'kelas' | 'criterion' | 'positionGroup' | 'unit' | 'amount' | null;
  message: string;
}

const criterionList = () => TPP_CRITERIA.map((c) => `${TPP_CRITERION_LABELS[c]} (${c})`).join(', ');

/** `"beban kerja"`, `Beban Kerja`, `BEBAN_KERJA` → BEBAN_KERJA; null when it is no criterion. */
export function parseCriterion(text: string): TppCriterion | null {
  const key = text
    .trim()
    .toUpperCase()
    .replace(/[\s\-/]+/g, '_');
  if ((TPP_CRITERIA as readonly string[]).includes(key)) return key as TppCriterion;
  const byLabel = TPP_CRITERIA.find(
    (c) => TPP_CRITERION_LABELS[c].toUpperCase().replace(/\s+/g, '_') === key,
  );
  return byLabel ?? (key === 'PERTIMBANGAN_OBJEKTIF_LAINNYA' ? 'PERTIMBANGAN_OBJEKTIF' : null);
}

/**
 * Checks a tariff table before it is stored, with Indonesian reasons:
 * - each row: kelas a whole number 1–17, a known criterion, a known position group (`positions.kind`), a known unit,
 *   an amount in whole rupiah, not negative (the issue's "a tariff that is negative");
 * - no two rows with the same kelas, criterion, position group and unit;
 * - every post of the region (a position with a kelas jabatan) has at least one row that applies to it (the
 *   issue's "a tariff missing for a kelas in use"), reported once per kelas, naming it — unless a refused row of
 *   that kelas already explains the gap;
 * - a table has rows.
 * Source: regulations.md §5.1, §10; issue 17 "Bad input".
 *
 * @param rows the rows as entered (indexes are the issues' `row`)
 * @param opts the known position groups, the posts in use, how a row is named in a message (default "baris n")
 * @returns the issues (empty when the table may be stored) and the valid rows as they would be stored
 */
export function validateTariffTable(
  rows: readonly TariffRowInput[],
  opts: {
    positionGroups: readonly string[];
    inUse: readonly PositionInUse[];
    rowName?: (index: number) => string;
  },
): { issues: TariffIssue[]; rows: TariffRow[] } {
  const issues: TariffIssue[] = [];
  const rowName = opts.rowName ?? ((i: number) => `baris ${i + 1}`);
  const valid: TariffRow[] = [];
  const refusedKelas = new Set<number>();
  const seen = new Map<string, number>();
  if (rows.length === 0) issues.push({ row: null, field: null, message: 'Tabel besaran TPP kosong' });

  rows.forEach((r, i) => {
    const before = issues.length;
    const add = (field: TariffIssue['field'], message: string) => issues.push({ row: i, field, message });
    const kelasOk = Number.isInteger(r.kelas) && r.kelas >= KELAS_MIN && r.kelas <= KELAS_MAX;
    if (!Number.isFinite(r.kelas)) add('kelas', `Kelas jabatan harus angka ${KELAS_MIN}–${KELAS_MAX}`);
    else if (!Number.isInteger(r.kelas)) add('kelas', `Kelas jabatan ${r.kelas} harus bilangan bulat`);
    else if (!kelasOk) add('kelas', `Kelas jabatan ${r.kelas} di luar rentang ${KELAS_MIN}–${KELAS_MAX}`);
    const criterion = parseCriterion(r.criterion);
    if (!r.criterion.trim()) add('criterion', `Kriteria wajib diisi: ${criterionList()}`);
    else if (!criterion)
      add('criterion', `Kriteria "${r.criterion}" tidak dikenal; gunakan ${criterionList()}`);
    if (r.positionGroup !== null && !opts.positionGroups.includes(r.positionGroup))
      add(
        'positionGroup',
        `Kelompok jabatan "${r.positionGroup}" tidak dikenal; gunakan jenis jabatan ${opts.positionGroups.join(', ')} atau kosongkan`,
      );
    if (r.unit && !r.unit.id)
      add('unit', `Unit "${r.unit.ref}" tidak dikenal (isi kode unit atau kosongkan)`);
    if (!Number.isFinite(r.amount)) add('amount', 'Besaran TPP harus berupa angka rupiah bulat');
    else if (r.amount < 0) add('amount', `Besaran TPP tidak boleh negatif (${formatRupiah(r.amount)})`);
    else if (!Number.isInteger(r.amount)) add('amount', `Besaran TPP harus rupiah bulat, bukan ${r.amount}`);
    else if (r.amount > TARIFF_AMOUNT_MAX)
      add('amount', `Besaran TPP melebihi batas ${formatRupiah(TARIFF_AMOUNT_MAX)} per bulan`);
    if (issues.length > before) {
      if (kelasOk) refusedKelas.add(r.kelas);
      return;
    }
    const key = [r.kelas, criterion, r.positionGroup ?? '', r.unit?.id ?? ''].join('|');
    const first = seen.get(key);
    if (first !== undefined) {
      const what = [
        `kelas ${r.kelas}`,
        TPP_CRITERION_LABELS[criterion!].toLowerCase(),
        ...(r.positionGroup ? [`kelompok ${r.positionGroup}`] : []),
        ...(r.unit ? [`unit ${r.unit.ref}`] : []),
      ].join(', ');
      add(null, `Baris ganda: ${what} sudah ada di ${rowName(first)}`);
      refusedKelas.add(r.kelas);
      return;
    }
    seen.set(key, i);
    valid.push({
      kelas: r.kelas,
      criterion: criterion!,
      positionGroup: r.positionGroup,
      unitId: r.unit?.id ?? null,
      unitPath: r.unit?.path ?? null,
      amount: r.amount,
    });
  });

  const uncovered = new Map<number, PositionInUse[]>();
  for (const p of opts.inUse) {
    if (p.kelas < KELAS_MIN || p.kelas > KELAS_MAX || refusedKelas.has(p.kelas)) continue;
    if (pickTariff(valid, p)) continue;
    uncovered.set(p.kelas, [...(uncovered.get(p.kelas) ?? []), p]);
  }
  for (const [kelas, posts] of [...uncovered].sort((a, b) => a[0] - b[0])) {
    const e = posts[0]!;
    issues.push({
      row: null,
      field: 'kelas',
      message:
        `Kelas jabatan ${kelas} dipakai ${posts.length} jabatan (mis. ${e.name}, ${e.unitName}) tetapi tidak ` +
        `memiliki besaran TPP di tabel ini`,
    });
  }
  return { issues, rows: valid };
}
