import type { Ctx, Where } from '../security/scope-harness.ts';
import {
  computeLine,
  runHashes,
  summaryOf,
  totalsOf,
  type LineInputs,
  type RunRules,
} from '../../src/server/modules/tpp/runs-engine.ts';
import { computedLineRow } from '../../src/server/modules/tpp/runs-compute.ts';

/*
 * Runs of the TPP for the access table (test/security/access/tpp-runs.ts), made lazily once per scope world (memo
 * keyed on the Ctx): for each side, its OPD's run of December 2025, published (objection window open until 2099,
 * so the approvals answer 409 to whoever may take them), with the lines of the side's employee and a colleague
 * computed by the run engine from fixed inputs and stored as a run stores them. `x.cache` keeps the run ids
 * (`tppRun:in` / `tppRun:out`) for the lists' marks.
 */

export const RUN_MONTH = '2025-12';
const memos = new WeakMap<Ctx, Promise<Record<Where, string>>>();

/** The published run of each side's OPD (built on first use). */
export function tppRuns(x: Ctx): Promise<Record<Where, string>> {
  let m = memos.get(x);
  if (!m) {
    m = build(x);
    memos.set(x, m);
  }
  return m;
}

/** The id of a side's run. */
export const tppRunOf = async (x: Ctx, w: Where) => (await tppRuns(x))[w];

async function build(x: Ctx): Promise<Record<Where, string>> {
  const { t } = x;
  const rb = await t.services.rulebooks.rulesOn(t.config.rulebookRegion, '2025-12-31');
  const rules: RunRules = {
    tpp: rb.tpp,
    discipline: { sanctionTypes: rb.discipline.sanctionTypes, absence: rb.discipline.absence },
    whenNoEvaluation: rb.performance.kinerjaFigure.whenNoEvaluation,
    tariffSource: { kind: 'rulebook' },
  };
  const out = {} as Record<Where, string>;
  for (const w of ['in', 'out'] as const) {
    const s = x.side[w];
    const unit = await t.db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('id', '=', s.opdUnitId)
      .executeTakeFirstOrThrow();
    const people = await t.db
      .selectFrom('employees')
      .select(['id', 'nip', 'name', 'golongan', 'employeeType', 'unitId'])
      .where('id', 'in', [s.employeeId, s.colleagueId])
      .execute();
    const lines = people.map((e) => {
      const inputs: LineInputs = {
        employee: {
          id: e.id,
          nip: e.nip,
          name: e.name,
          golongan: e.golongan,
          employeeType: e.employeeType as LineInputs['employee']['employeeType'],
          unitId: e.unitId,
          positionName: 'Pelaksana',
        },
        month: RUN_MONTH,
        segments: [
          {
            from: '2025-12-01',
            to: '2025-12-31',
            unitId: e.unitId,
            unitPath: unit.path,
            positionId: null,
            positionName: 'Pelaksana',
            positionGroup: 'PELAKSANA',
            kelasJabatan: 7,
            daysPlaced: 31,
            daysInPeriod: 31,
            tariff: 5_130_000,
            tariffParts: [{ criterion: 'PRESTASI_KERJA', amount: 5_130_000 }],
          },
        ],
        segmentsOutside: [],
        gajiPokok: 4_000_000,
        bank: null,
        days: [{ date: '2025-12-03', code: 'H', lateBand: 'TL1', lateMinutes: 10 }],
        apelMisses: [],
        missingActivityReportDates: [],
        kinerja: { score: 1, predikat: 'BAIK', method: 'PREDIKAT', status: 'FINAL', frozen: true },
        sanctions: [],
        salaryStopped: false,
        exclusions: [],
        corrections: [],
        notes: [],
      };
      return computeLine(inputs, rules);
    });
    const hashes = runHashes({ unitId: unit.id, month: RUN_MONTH }, rules, lines.map(summaryOf));
    const run = await t.db
      .insertInto('tppRuns')
      .values({
        unitId: unit.id,
        unitPath: unit.path,
        month: RUN_MONTH,
        kind: 'RUN',
        status: 'DIUMUMKAN',
        rulebook: JSON.stringify({
          id: rb.meta.id,
          name: rb.meta.name,
          version: rb.meta.version,
          effectiveFrom: rb.meta.effectiveFrom,
          tppEffectiveFrom: rb.tpp.effectiveFrom,
          isExample: rb.tpp.isExample,
        }),
        rules: JSON.stringify(rules),
        inputsHash: hashes.inputsHash,
        resultHash: hashes.resultHash,
        totals: JSON.stringify({ ...totalsOf(lines.map(summaryOf)), budget: null }),
        objectionUntil: '2099-12-31',
        createdBy: x.c.superAdmin.me.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('tppRunLines')
      .values(lines.map((l) => computedLineRow(run.id, 1, l, t.clock.now())))
      .execute();
    out[w] = run.id;
    x.cache.set(`tppRun:${w}`, run.id);
  }
  return out;
}
