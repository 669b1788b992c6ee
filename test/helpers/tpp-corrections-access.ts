import type { Ctx, Where } from '../security/scope-harness.ts';
import { tppRuns } from './tpp-runs-activity.ts';

/*
 * Locked runs for the corrections' access table (test/security/access/tpp-corrections.ts), made lazily once per
 * scope world: for each side, a copy of its OPD's published run (tpp-runs-activity.ts) as a LOCKED run of November
 * 2025 with the same lines, and one open correction of the side's employee from it (`tppCorrection:in|out` in
 * `x.cache`, the list's marks). Nobody has days in November 2025: recomputing finds nothing to correct, so recording
 * writes nothing and answers 200 to whoever may record.
 */

export const LOCKED_MONTH = '2025-11';
const memos = new WeakMap<Ctx, Promise<Record<Where, string>>>();

/** The locked run of each side's OPD (built on first use). */
export function tppLockedRuns(x: Ctx): Promise<Record<Where, string>> {
  let m = memos.get(x);
  if (!m) {
    m = build(x);
    memos.set(x, m);
  }
  return m;
}

export const tppLockedRunOf = async (x: Ctx, w: Where) => (await tppLockedRuns(x))[w];

async function build(x: Ctx): Promise<Record<Where, string>> {
  const { t } = x;
  const published = await tppRuns(x);
  const out = {} as Record<Where, string>;
  for (const w of ['in', 'out'] as const) {
    const src = await t.db
      .selectFrom('tppRuns')
      .selectAll()
      .where('id', '=', published[w])
      .executeTakeFirstOrThrow();
    const run = await t.db
      .insertInto('tppRuns')
      .values({
        unitId: src.unitId,
        unitPath: src.unitPath,
        month: LOCKED_MONTH,
        kind: 'RUN',
        status: 'DIKUNCI',
        rulebook: JSON.stringify(src.rulebook),
        rules: JSON.stringify(src.rules),
        inputsHash: src.inputsHash,
        resultHash: src.resultHash,
        totals: JSON.stringify(src.totals),
        createdBy: src.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lines = await t.db.selectFrom('tppRunLines').selectAll().where('runId', '=', src.id).execute();
    await t.db
      .insertInto('tppRunLines')
      .values(
        lines.map(({ runId: _run, ...l }) => ({
          ...l,
          runId: run.id,
        })),
      )
      .execute();
    const c = await t.db
      .insertInto('tppCorrections')
      .values({
        employeeId: x.side[w].employeeId,
        originRunId: run.id,
        originMonth: LOCKED_MONTH,
        amount: 10_000,
        reason: 'Kekurangan bayar TPP November 2025: uji akses',
        createdBy: src.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    out[w] = run.id;
    x.cache.set(`tppCorrection:${w}`, c.id);
  }
  return out;
}
