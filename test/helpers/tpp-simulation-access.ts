import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx, Where } from '../security/scope-harness.ts';
import { tppRuns, RUN_MONTH } from './tpp-runs-activity.ts';

/*
 * Simulations for the access table (test/security/access/tpp-simulation.ts): for each side, a simulation of its
 * OPD's December 2025 (a SIMULASI run with the lines of the side's published run copied), stored as the simulation
 * section stores it. A delete uses one up: the next request gets a new one (the id is kept in `x.cache` under
 * `tppSimulation:<side>`).
 */

/** The id of a side's simulation, made (again) when none exists. */
export async function tppSimulationOf(x: Ctx, w: Where): Promise<string> {
  const key = `tppSimulation:${w}`;
  const cached = x.cache.get(key);
  if (cached) {
    const alive = await x.t.db
      .selectFrom('tppRuns')
      .select('id')
      .where('kind', '=', 'SIMULASI')
      .where(sql<boolean>`totals -> 'simulation' ->> 'id' = ${cached}`)
      .executeTakeFirst();
    if (alive) return cached;
  }
  const runId = (await tppRuns(x))[w];
  const run = await x.t.db
    .selectFrom('tppRuns')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  const totals = {
    ...(run.totals as object),
    simulation: {
      id,
      rulebookVersionId: null,
      rulebookStatus: 'active',
      tariffs: 'year',
      tariffSource: 'Besaran TPP dari rulebook',
      skipped: [],
    },
  };
  const sim = await x.t.db
    .insertInto('tppRuns')
    .values({
      unitId: run.unitId,
      unitPath: run.unitPath,
      month: RUN_MONTH,
      kind: 'SIMULASI',
      status: 'SIMULASI',
      label: `Simulasi ${x.n()}`,
      rulebook: JSON.stringify(run.rulebook),
      rules: JSON.stringify(run.rules),
      inputsHash: run.inputsHash,
      resultHash: run.resultHash,
      totals: JSON.stringify(totals),
      createdBy: run.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lines = await x.t.db.selectFrom('tppRunLines').selectAll().where('runId', '=', runId).execute();
  await x.t.db
    .insertInto('tppRunLines')
    .values(
      lines.map((l) => ({
        ...l,
        runId: sim.id,
      })),
    )
    .execute();
  x.cache.set(key, id);
  return id;
}
