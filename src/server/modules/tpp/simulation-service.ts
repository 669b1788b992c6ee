import { randomUUID } from 'node:crypto';
import { requireAny, type Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatMonthId } from '../../../core/common/date-text.ts';
import { monthRange } from '../../../core/common/local-date.ts';
import { parseRulebook, type Rulebook } from '../../../core/rulebook/rulebook.ts';
import { validateTppRules, type TppRules } from '../../../core/tpp/tpp-rules.ts';
import { rulebookTariff } from '../../../core/tpp/tariff-table.ts';
import type { SimulationCreateBody, SimulationTariffs } from '../../../shared/api/tpp-simulation.ts';
import { simulationCreateBodySchema } from '../../../shared/api/tpp-simulation.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { TppRunsSection } from './runs-service.ts';
import { computedLineRow, type StoredRulebook } from './runs-compute.ts';
import {
  runHashes,
  runRulesOf,
  summaryOf,
  totalsOf,
  type RunRules,
  type TariffLookup,
} from './runs-engine.ts';
import { createSimulationResults, type SimulationMeta } from './simulation-results.ts';

const LINE_CHUNK = 500;

/**
 * Simulation of a new Perkada (issue 17 point 6): BKD runs a draft rulebook version (its TPP section: tariffs,
 * weights, deduction table) and/or other tariffs (a stored table used as a draft, or an inline list) on a past
 * closed month for chosen OPDs or the whole region. The lines are computed by the run engine (`runs.linesFor`, the
 * same gathering and `computeLines`) and stored as runs of kind SIMULASI, status SIMULASI, one per OPD, grouped by
 * the simulation's id (`totals.simulation.id`). Nothing of it reaches an employee or a payment: the runs' views,
 * my TPP, the lifecycle, the finance files and the overlap check read kind RUN only, and no notification is sent.
 * Results (simulation-results.ts): cost per OPD against the pagu, each employee's change against the month's run.
 * Source: issue 17 point 6 and "Bad input"; regulations.md §5, §10.
 */
export function createSimulationSection(ctx: TppContext, inputs: TppInputsSection, runs: TppRunsSection) {
  const { db, audit, clock } = ctx;
  const results = createSimulationResults(ctx);

  /** tpp.manage over the unit (BKD); 403 before anything is read or written. */
  const requireManager = (actor: Actor, unitPath: string) =>
    ctx.requireOn(actor, ['tpp.manage'], unitPath, 'Hanya BKD yang menjalankan simulasi TPP');

  /** The draft rulebook version (status `draft`), parsed; 400 with the validator's issues when it is not usable. */
  async function draftRulebook(exec: Exec, versionId: string) {
    const row = await exec
      .selectFrom('rulebookVersions')
      .select(['id', 'rulebookId', 'name', 'version', 'status', 'content'])
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (!row) throw notFound('Versi rulebook');
    if (row.status !== 'draft')
      throw new AppError(
        'VALIDATION',
        `Rulebook ${row.name} versi ${row.version} bukan draf; simulasi memakai versi berstatus draf`,
        [{ path: 'rulebookVersionId', message: 'Pilih versi rulebook berstatus draf' }],
      );
    const parsed = parseRulebook(row.content);
    if (!parsed.ok)
      throw new AppError(
        'VALIDATION',
        `Draf rulebook ${row.name} versi ${row.version} tidak dapat disimulasikan: ` +
          parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
        parsed.issues,
      );
    return { row, rulebook: parsed.rulebook };
  }

  /** The TPP section simulated: the rulebook's, with the inline tariffs replacing its rows kelas by kelas. */
  function tppOf(rulebook: Rulebook, tariffs: SimulationTariffs): TppRules {
    if (tariffs.kind !== 'inline') return rulebook.tpp;
    const kelas = new Set<number>();
    for (const r of tariffs.rows) {
      if (kelas.has(r.kelas))
        throw new AppError('VALIDATION', `Kelas jabatan ${r.kelas} tercantum lebih dari sekali`, [
          { path: 'tariffs.rows', message: `Kelas jabatan ${r.kelas} tercantum lebih dari sekali` },
        ]);
      kelas.add(r.kelas);
    }
    const rows = [
      ...rulebook.tpp.tariffs.rows.filter((r) => !kelas.has(r.kelas)),
      ...tariffs.rows.map((r) => ({ kelas: r.kelas, amount: r.amount, note: 'besaran simulasi' })),
    ].sort((a, b) => a.kelas - b.kelas);
    return { ...rulebook.tpp, tariffs: { ...rulebook.tpp.tariffs, rows } };
  }

  /** The tariff lookup of the simulation and how it is described. */
  async function lookupOf(
    exec: Exec,
    tariffs: SimulationTariffs,
    year: number,
  ): Promise<{ lookup: TariffLookup; text: string }> {
    const fromRules: TariffLookup = {
      source: { kind: 'rulebook' },
      amountFor: (kelas, _g, _u, _p, rules) => rulebookTariff(rules, kelas),
    };
    if (tariffs.kind === 'rulebook') return { lookup: fromRules, text: 'Besaran TPP dari rulebook' };
    if (tariffs.kind === 'inline')
      return { lookup: fromRules, text: 'Besaran TPP simulasi (daftar yang dimasukkan)' };
    const lookup =
      tariffs.kind === 'table'
        ? await inputs.tariffsOfTable(exec, tariffs.tableId)
        : await inputs.tariffsFor(exec, year);
    const text =
      lookup.source.kind === 'table'
        ? `Tabel besaran TPP ${lookup.source.perkadaRef}`
        : `Besaran TPP dari rulebook (belum ada tabel Perkada tahun ${year})`;
    return { lookup, text };
  }

  /** The units simulated: the chosen ones (no one inside another) or every OPD of the region. */
  async function unitsOf(actor: Actor, unitIds: string[]) {
    if (unitIds.length === 0) {
      const all = await db
        .selectFrom('units')
        .select(['id', 'path', 'name', 'code'])
        .where('kind', '=', 'OPD')
        .orderBy('code')
        .execute();
      if (all.length === 0) throw new AppError('CONFLICT', 'Belum ada OPD untuk disimulasikan');
      for (const u of all) requireManager(actor, u.path);
      return { units: all, region: true };
    }
    const units = [];
    for (const id of new Set(unitIds)) units.push(await ctx.unitOr404(id));
    for (const u of units) requireManager(actor, u.path);
    for (const a of units)
      for (const b of units)
        if (a.id !== b.id && b.path.startsWith(a.path))
          throw new AppError('VALIDATION', `${b.name} sudah termasuk di dalam ${a.name}; pilih salah satu`, [
            { path: 'unitIds', message: `${b.name} termasuk di dalam ${a.name}` },
          ]);
    return { units, region: false };
  }

  /**
   * POST /simulations: computes and stores the simulation in one transaction (all OPDs or nothing). Refused,
   * writing nothing: 403 without tpp.manage over every unit; 400 for a version that is not a draft or whose TPP
   * section has issues (the validator's Indonesian messages, e.g. weights not 100, a kelas missing from the tariff
   * table); 409 for a chosen OPD whose month is not closed (the whole region skips those, listed) or a kelas
   * without tariff.
   */
  async function create(actor: Actor, raw: SimulationCreateBody) {
    requireAny(actor, 'tpp.manage');
    const body = simulationCreateBodySchema.parse(raw);
    const { month } = body;
    const { units, region } = await unitsOf(actor, body.unitIds);
    const year = Number(month.slice(0, 4));
    const id = randomUUID();
    await db.transaction().execute(async (trx) => {
      const draft = body.rulebookVersionId ? await draftRulebook(trx, body.rulebookVersionId) : null;
      const rulebook = draft?.rulebook ?? (await ctx.rulebookOn(monthRange(month).to, trx));
      const tpp = tppOf(rulebook, body.tariffs);
      const issues = validateTppRules(tpp);
      if (issues.length)
        throw new AppError(
          'VALIDATION',
          `Aturan TPP ${draft ? 'draf ' : ''}rulebook ${rulebook.meta.name} versi ${rulebook.meta.version} ` +
            `tidak dapat disimulasikan: ${issues.map((i) => i.message).join('; ')}`,
          issues,
        );
      const { lookup, text } = await lookupOf(trx, body.tariffs, year);
      const rules = runRulesOf({
        tpp,
        discipline: {
          sanctionTypes: rulebook.discipline.sanctionTypes,
          absence: rulebook.discipline.absence,
        },
        whenNoEvaluation: rulebook.performance.kinerjaFigure.whenNoEvaluation,
        tariffSource: lookup.source,
      } satisfies RunRules);
      const book: StoredRulebook = {
        id: rulebook.meta.id,
        name: rulebook.meta.name,
        version: rulebook.meta.version,
        effectiveFrom: rulebook.meta.effectiveFrom,
        tppEffectiveFrom: tpp.effectiveFrom,
        isExample: tpp.isExample,
      };
      const skipped: SimulationMeta['skipped'] = [];
      const todo = [];
      for (const u of units) {
        if (region && (await ctx.recap().closedMonthsOf(u.path, month, month, trx)).length === 0) {
          skipped.push({
            unitId: u.id,
            unitName: u.name,
            reason: `Rekap bulan ${formatMonthId(month)} belum ditutup`,
          });
          continue;
        }
        todo.push(u);
      }
      if (todo.length === 0)
        throw new AppError(
          'CONFLICT',
          `Rekap kehadiran bulan ${formatMonthId(month)} belum ditutup di OPD mana pun; simulasi memakai bulan ` +
            'yang sudah ditutup',
        );
      const meta: SimulationMeta = {
        id,
        rulebookVersionId: draft?.row.id ?? null,
        rulebookStatus: draft ? 'draft' : 'active',
        tariffs: body.tariffs.kind,
        tariffSource: text,
        skipped,
      };
      let employees = 0;
      for (const u of todo) {
        const lines = await runs.linesFor(trx, u, month, rules, lookup);
        const totals = {
          ...totalsOf(lines.map(summaryOf)),
          budget: await inputs.budgetOf(trx, u.id, year),
          simulation: meta,
        };
        const hashes = runHashes({ unitId: u.id, month }, rules, lines.map(summaryOf));
        const run = await trx
          .insertInto('tppRuns')
          .values({
            unitId: u.id,
            unitPath: u.path,
            month,
            kind: 'SIMULASI',
            status: 'SIMULASI',
            label: body.label,
            rulebook: JSON.stringify(book),
            rules: JSON.stringify(rules),
            tariffTableId: lookup.source.kind === 'table' ? lookup.source.tableId : null,
            inputsHash: hashes.inputsHash,
            resultHash: hashes.resultHash,
            totals: JSON.stringify(totals),
            createdBy: actor.userId,
            createdAt: clock.now(),
            updatedAt: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (let i = 0; i < lines.length; i += LINE_CHUNK)
          await trx
            .insertInto('tppRunLines')
            .values(lines.slice(i, i + LINE_CHUNK).map((l) => computedLineRow(run.id, 1, l, clock.now())))
            .execute();
        employees += lines.length;
      }
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_simulation.created',
        entityType: 'tpp_simulation',
        entityId: id,
        after: {
          label: body.label,
          month,
          rulebook: `${book.id} ${book.version}`,
          tariffSource: text,
          units: todo.map((u) => u.name),
          skipped: skipped.map((s) => s.unitName),
          employees,
        },
      });
    });
    return results.detail(actor, id, 10);
  }

  /** DELETE /simulations/:id (BKD over every OPD of it): its runs and lines removed, audited; 404 when gone. */
  async function remove(actor: Actor, id: string): Promise<void> {
    requireAny(actor, 'tpp.manage');
    await db.transaction().execute(async (trx) => {
      const rows = await results.rowsOf(trx, id, true);
      if (rows.length === 0 || rows.some((r) => !ctx.holds(actor, ['tpp.manage'], r.unitPath)))
        throw notFound('Simulasi TPP');
      const ids = rows.map((r) => r.id);
      const gone = await trx
        .deleteFrom('tppRuns')
        .where('id', 'in', ids)
        .where('kind', '=', 'SIMULASI')
        .returning('id')
        .execute();
      if (gone.length === 0) throw notFound('Simulasi TPP');
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_simulation.deleted',
        entityType: 'tpp_simulation',
        entityId: id,
        before: { label: rows[0]!.label, month: rows[0]!.month, units: rows.length },
      });
    });
  }

  return {
    create,
    remove,
    list: results.list,
    detail: results.detail,
    employees: results.employees,
    exportXlsx: results.exportXlsx,
  };
}
export type TppSimulationSection = ReturnType<typeof createSimulationSection>;
