import { sql } from 'kysely';
import { dayAfter, put, type Ctx, type Where } from '../security/scope-harness.ts';

/*
 * Records of the TPP inputs for the access table (test/security/access/tpp-inputs.ts), made lazily through the API
 * as the super admin, once per scope world (memo keyed on the Ctx): a tariff table, the pagu of both sides' OPDs, an
 * exclusion record of each side's employee (for the lists), and open exclusion records that `end` uses up.
 */

interface Memo {
  tariffTable?: Promise<string>;
  lists?: Promise<void>;
  open: Partial<Record<Where, { id: string; validFrom: string }>>;
}
const memos = new WeakMap<Ctx, Memo>();
const memoOf = (x: Ctx) => {
  let m = memos.get(x);
  if (!m) memos.set(x, (m = { open: {} }));
  return m;
};

/** One general tariff row per kelas 1–17 (every post of the scope world is covered). */
export const tariffRows = (base = 2_000_000) =>
  Array.from({ length: 17 }, (_, i) => ({
    kelas: i + 1,
    criterion: 'BEBAN_KERJA',
    amount: base + i * 250_000,
  }));

/** The same rows as a CSV file of the import's columns. */
export const tariffCsv = () =>
  `kelas,kriteria,besaran\n${tariffRows()
    .map((r) => `${r.kelas},Beban kerja,${r.amount}`)
    .join('\n')}\n`;

/** A tariff table of 2026 (stored once). */
export function tariffTableOf(x: Ctx): Promise<string> {
  const m = memoOf(x);
  m.tariffTable ??= (async () => {
    const res = await x.c.superAdmin.post('/api/tpp/tariff-tables', {
      year: 2026,
      perkadaRef: 'Pergub Uji 1/2026',
      rows: tariffRows(),
    });
    if (res.statusCode !== 201) throw new Error(`tariff table: ${res.body}`);
    return res.json().id as string;
  })();
  return m.tariffTable;
}

/** The pagu of both sides' OPDs and an exclusion record of both sides' employees (for the lists). */
export function listedInputs(x: Ctx): Promise<void> {
  const m = memoOf(x);
  m.lists ??= (async () => {
    for (const w of ['in', 'out'] as const) {
      const b = await x.c.superAdmin.request(
        put('/api/tpp/budgets', {
          unitId: x.side[w].opdUnitId,
          year: 2026,
          amount: 5_000_000_000,
          reference: `DPA ${w}/2026`,
        }),
      );
      if (b.statusCode !== 200) throw new Error(`budget: ${b.body}`);
      const e = await x.c.superAdmin.post('/api/tpp/exclusions', {
        employeeId: x.side[w].employeeId,
        code: 'TPG',
        validFrom: '2025-01-01',
        validTo: '2025-01-31',
        reason: 'Menerima tunjangan profesi guru',
        reference: `SK TPG ${w}/2025`,
      });
      if (e.statusCode !== 201) throw new Error(`exclusion: ${e.body}`);
    }
  })();
  return m.lists;
}

/**
 * An open exclusion record (NONAKTIF) of the side's employee, reused until an authorised `end` closes it; each new
 * one starts on a later weekday, so it never overlaps the ones ended before (they end on their first day).
 */
export async function openExclusion(x: Ctx, w: Where): Promise<{ id: string; validFrom: string }> {
  const m = memoOf(x);
  const held = m.open[w];
  if (held) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from tpp_exclusion_records where id = ${held.id} and valid_to is null`.execute(
      x.t.db,
    );
    if (rows[0]!.n > 0) return held;
  }
  const validFrom = dayAfter(2000 + x.n());
  const res = await x.c.superAdmin.post('/api/tpp/exclusions', {
    employeeId: x.side[w].employeeId,
    code: 'NONAKTIF',
    validFrom,
    validTo: null,
    reason: 'Diberhentikan sementara',
    reference: `SK ${validFrom}`,
  });
  if (res.statusCode !== 201) throw new Error(`open exclusion: ${res.body}`);
  m.open[w] = { id: res.json().id as string, validFrom };
  return m.open[w];
}
