import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatMonthId } from '../../../core/common/date-text.ts';
import { monthRange } from '../../../core/common/local-date.ts';
import { validateTppRules } from '../../../core/tpp/tpp-rules.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { canTakeRunAction, RUN_STATUS_LABELS, type RunStatus } from '../../../core/tpp/run-machine.ts';
import type { TppContext } from './tpp-context.ts';
import type { EmployeeMonthInput } from './runs-inputs.ts';
import type { RunRow, RunsAccess } from './runs-access.ts';
import {
  inlineLineComputer,
  workerLineComputer,
  WORKER_MIN_LINES,
  type LineComputer,
} from './line-computer.ts';
import {
  computeLine,
  computeLines,
  linePreparer,
  readLineInputs,
  readLineResult,
  sha256,
  runHashes,
  runRulesOf,
  outcomeOf,
  summaryOf,
  totalsOf,
  type ComputedLine,
  type LineOutcome,
  type LineSummary,
  type LineInputs,
  type RunRules,
  type RunTotals,
  type TariffLookup,
} from './runs-engine.ts';

/** What a run is computed from, provided by the inputs section and the gathering (runs-inputs.ts). */
export interface RunSources {
  gather(
    exec: Exec,
    unit: { id: string; path: string },
    month: string,
    only?: readonly string[],
  ): Promise<EmployeeMonthInput[]>;
  tariffsFor(exec: Exec, year: number): Promise<TariffLookup>;
  /** The tariffs a stored run was computed with (its `tariffSource`), for a line of it computed again. */
  tariffsOfSource(exec: Exec, source: TariffLookup['source']): Promise<TariffLookup>;
  /**
   * Called by `compute` in its transaction before the unit's month is gathered (not by the simulation nor the
   * re-run of one line): records the corrections of earlier locked months that this run then pays.
   */
  beforeGather?(
    trx: Transaction<Database>,
    actor: Actor,
    unit: { id: string; path: string },
    month: string,
  ): Promise<unknown>;
  /** `gather` batch by batch (a run computes and stores each batch before reading the next); else `gather`. */
  gatherBatches?(
    exec: Exec,
    unit: { id: string; path: string },
    month: string,
  ): AsyncIterable<EmployeeMonthInput[]>;
  budgetOf(
    exec: Exec,
    unitId: string,
    year: number,
  ): Promise<{ amount: number; reference: string | null } | null>;
}

/** A run's totals as stored (`tpp_runs.totals`): the engine's sums and the OPD's pagu of the year. */
export type StoredTotals = RunTotals & { budget: { amount: number; reference: string | null } | null };

/** The rulebook a run used (`tpp_runs.rulebook`). */
export interface StoredRulebook {
  id: string;
  name: string;
  version: string;
  effectiveFrom: string;
  tppEffectiveFrom: string;
  isExample: boolean;
}

const LINE_CHUNK = 500;

/**
 * A line as its row of `tpp_run_lines` (the amounts finance pays from, the explanation, the inputs): the employee
 * and the snapshot's text from its inputs, the rest from its outcome.
 */
export function lineRow(
  runId: string,
  version: number,
  line: { inputs: LineInputs; inputsJson: string; outcome: LineOutcome },
  now: Date,
) {
  const { inputs, outcome: o } = line;
  const amounts = o.summary.amounts;
  return {
    runId,
    employeeId: inputs.employee.id,
    unitId: inputs.employee.unitId,
    nip: inputs.employee.nip,
    name: inputs.employee.name,
    golongan: inputs.employee.golongan,
    positionName: inputs.employee.positionName,
    employeeType: inputs.employee.employeeType,
    kelas: o.kelas,
    base: amounts.base,
    kinerja: amounts.kinerja,
    disiplin: amounts.disiplin,
    deductions: amounts.deductions,
    sanctionCut: amounts.sanctionCut,
    gross: amounts.gross,
    bpjsEmployer: amounts.bpjsEmployer,
    bpjsEmployee: amounts.bpjsEmployee,
    tax: amounts.tax,
    correction: amounts.correction,
    net: amounts.net,
    excluded: o.summary.excluded,
    exclusionCode: o.exclusionCode,
    breakdown: o.resultJson,
    inputs: line.inputsJson,
    inputsHash: o.inputsHash,
    resultHash: o.resultHash,
    version,
    updatedAt: now,
  };
}

/** A line computed here (not by a run's worker) as its row. */
export function computedLineRow(runId: string, version: number, l: ComputedLine, now: Date) {
  return lineRow(
    runId,
    version,
    { inputs: l.inputs, inputsJson: l.json?.inputs ?? JSON.stringify(l.inputs), outcome: outcomeOf(l) },
    now,
  );
}

/**
 * Computing and reproducing runs (issue 17 point 2): `compute` turns a closed month of a unit into a DRAFT run (or
 * replaces the lines of its DRAFT / checked run, version + 1) in one transaction, never half-written; `verify`
 * recomputes a stored run from its stored inputs and rules and says whether every line and the result hash match
 * byte for byte. Source: regulations.md §5 (core/tpp/tpp-month.ts), §10.
 */
export function createRunsCompute(ctx: TppContext, access: RunsAccess, sources: RunSources) {
  const { db, audit, clock } = ctx;

  /** 409 unless the unit's month is closed (its own closing or an ancestor's: the recap service). */
  async function requireClosed(trx: Exec, unit: { path: string; name: string }, month: string) {
    const closed = await ctx.recap().closedMonthsOf(unit.path, month, month, trx);
    if (closed.length === 0)
      throw new AppError(
        'CONFLICT',
        `Rekap kehadiran ${unit.name} bulan ${formatMonthId(month)} belum ditutup. TPP hanya dihitung dari rekap ` +
          'yang sudah ditutup; tutup dulu rekap bulan itu',
        { month },
      );
  }

  /** 409 when another run of the month covers the unit or a part of it (an employee is never paid twice). */
  async function requireNoOverlap(
    trx: Exec,
    unit: { id: string; path: string; name: string },
    month: string,
  ) {
    const other = await trx
      .selectFrom('tppRuns as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .select(['u.name', 'r.unitPath'])
      .where('r.month', '=', month)
      .where('r.kind', '=', 'RUN')
      .where('r.unitId', '<>', unit.id)
      .where(sql<boolean>`(${unit.path} like r.unit_path || '%' or r.unit_path like ${unit.path} || '%')`)
      .executeTakeFirst();
    if (other)
      throw new AppError(
        'CONFLICT',
        `Sudah ada TPP bulan ${formatMonthId(month)} untuk ${other.name}, yang ` +
          (unit.path.startsWith(other.unitPath)
            ? `mencakup ${unit.name}`
            : `termasuk di dalam ${unit.name}`) +
          '; satu pegawai hanya dihitung dalam satu TPP per bulan',
      );
  }

  /**
   * Stores a run's lines as they are computed: `add` hands a batch's snapshot texts to the computer (a worker thread
   * for a large run) and stores the outcomes 500 rows per insert once the previous batch is stored; it returns as
   * soon as the previous batch is stored, so the next batch is gathered while this one is computed and stored.
   * `finish` waits for the last insert and returns every line's summary, in input order.
   */
  function lineStore(trx: Transaction<Database>, runId: string, version: number, computer: LineComputer) {
    const lines: LineSummary[] = [];
    let stored: Promise<void> = Promise.resolve();
    return {
      async add(prepared: readonly LineInputs[]) {
        if (prepared.length === 0) return;
        const texts = prepared.map((inputs) => JSON.stringify(inputs));
        const computed = computer.compute(texts);
        // Awaited in turn below; a failure is not "unhandled" in between.
        computed.catch(() => undefined);
        const previous = stored;
        stored = (async () => {
          const outcomes = await computed;
          await previous;
          for (let i = 0; i < prepared.length; i += LINE_CHUNK) {
            const now = clock.now();
            const rows: ReturnType<typeof lineRow>[] = [];
            for (let j = i; j < Math.min(i + LINE_CHUNK, prepared.length); j++) {
              rows.push(
                lineRow(
                  runId,
                  version,
                  { inputs: prepared[j]!, inputsJson: texts[j]!, outcome: outcomes[j]! },
                  now,
                ),
              );
              // The line itself is in its row now; only what the totals and hashes need is kept.
              lines.push(outcomes[j]!.summary);
            }
            await trx.insertInto('tppRunLines').values(rows).execute();
          }
        })();
        stored.catch(() => undefined);
        // At most one batch waits to be stored while the next is gathered (and computed, in the worker).
        await previous;
      },
      async finish(): Promise<LineSummary[]> {
        await stored;
        return lines;
      },
    };
  }

  /**
   * POST /api/tpp/runs (tpp.run over the unit): the month's run of a unit. Refused (nothing written) when the
   * actor may not run the unit (403), the month's recap is not closed (409), the unit's run is published or later
   * (409: a locked month changes only through corrections of a later month), another run of the month covers the
   * unit (409), the rulebook's TPP section has issues, e.g. weights not adding up to 100 (400), or a kelas in use
   * has no tariff (409, naming the kelas), or nothing changed since the stored version (409: same inputs, rules and
   * result). Otherwise, in one transaction: the inputs gathered, every line
   * computed, the run stored (a new DRAFT, or the DRAFT / checked run replaced as version + 1, back to DRAFT),
   * an event and an audit entry.
   */
  async function compute(actor: Actor, input: { unitId: string; month: string }): Promise<{ id: string }> {
    const { month } = input;
    const unit = await ctx.unitOr404(input.unitId);
    ctx.requireOn(actor, ['tpp.run'], unit.path, 'Hanya admin OPD atau BKD yang menghitung TPP unit ini');
    return db.transaction().execute(async (trx) => {
      // One computation of a month at a time: the overlap and the existing run are read under the lock.
      await sql`select pg_advisory_xact_lock(hashtext(${`tpp-run:${month}`}))`.execute(trx);
      await requireClosed(trx, unit, month);
      const existing = await trx
        .selectFrom('tppRuns')
        .select(['id', 'status', 'version', 'inputsHash', 'resultHash', 'updatedAt'])
        .where('unitId', '=', unit.id)
        .where('month', '=', month)
        .where('kind', '=', 'RUN')
        .forUpdate()
        .executeTakeFirst();
      if (existing && !canTakeRunAction(existing.status as RunStatus, 'compute'))
        throw new AppError(
          'CONFLICT',
          `TPP ${unit.name} bulan ${formatMonthId(month)} sudah berstatus ` +
            `${RUN_STATUS_LABELS[existing.status as RunStatus].toLowerCase()} dan tidak dapat dihitung ulang` +
            (existing.status === 'DIKUNCI'
              ? '; perubahan setelah dikunci dicatat sebagai koreksi pada TPP bulan berikutnya'
              : ''),
          { runId: existing.id, status: existing.status },
        );
      await requireNoOverlap(trx, unit, month);

      const { to } = monthRange(month);
      const rulebook = await ctx.rulebookOn(to, trx);
      const issues = validateTppRules(rulebook.tpp);
      if (issues.length)
        throw new AppError(
          'VALIDATION',
          `Aturan TPP rulebook ${rulebook.meta.name} versi ${rulebook.meta.version} tidak dapat dipakai: ` +
            issues.map((i) => i.message).join('; '),
          issues,
        );
      const year = Number(month.slice(0, 4));
      const tariffs = await sources.tariffsFor(trx, year);
      const rules = runRulesOf({
        tpp: rulebook.tpp,
        discipline: {
          sanctionTypes: rulebook.discipline.sanctionTypes,
          absence: rulebook.discipline.absence,
        },
        whenNoEvaluation: rulebook.performance.kinerjaFigure.whenNoEvaluation,
        tariffSource: tariffs.source,
      } satisfies RunRules);
      await sources.beforeGather?.(trx, actor, { id: unit.id, path: unit.path }, month);
      const book: StoredRulebook = {
        id: rulebook.meta.id,
        name: rulebook.meta.name,
        version: rulebook.meta.version,
        effectiveFrom: rulebook.meta.effectiveFrom,
        tppEffectiveFrom: rulebook.tpp.effectiveFrom,
        isExample: rulebook.tpp.isExample,
      };
      // The run row first (its lines reference it): a new DRAFT, or the existing run with its old lines removed;
      // its hashes and totals are set once every line is stored.
      let runId: string;
      let version = 1;
      if (existing) {
        version = existing.version + 1;
        runId = existing.id;
        await trx.deleteFrom('tppRunLines').where('runId', '=', runId).execute();
      } else {
        runId = (
          await trx
            .insertInto('tppRuns')
            .values({
              rulebook: JSON.stringify(book),
              rules: JSON.stringify(rules),
              inputsHash: '',
              resultHash: '',
              totals: '{}',
              status: 'DRAFT',
              updatedAt: clock.now(),
              unitId: unit.id,
              unitPath: unit.path,
              month,
              kind: 'RUN',
              createdBy: actor.userId,
              createdAt: clock.now(),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      // Gathered, computed and stored batch by batch; a kelas without a tariff (or a position without a kelas)
      // anywhere refuses the whole run, naming every one, and the transaction is rolled back.
      const ref = { id: unit.id, path: unit.path };
      const batches = sources.gatherBatches
        ? sources.gatherBatches(trx, ref, month)
        : (async function* () {
            yield await sources.gather(trx, ref, month);
          })();
      const preparer = linePreparer(month, tariffs, rules.tpp);
      let computer: LineComputer | null = null;
      let store: ReturnType<typeof lineStore> | null = null;
      let lines: LineSummary[];
      try {
        for await (const gathered of batches) {
          // A province-sized run computes in a worker thread; a small one here (the first batch tells).
          computer ??=
            gathered.length >= WORKER_MIN_LINES ? workerLineComputer(rules) : inlineLineComputer(rules);
          store ??= lineStore(trx, runId, version, computer);
          await store.add(preparer.add(gathered));
        }
        preparer.finish();
        lines = store ? await store.finish() : [];
      } finally {
        // On a refusal or a failure, no insert of this run may still be under way when the transaction ends.
        await store?.finish().catch(() => undefined);
        await computer?.close();
      }
      const totals: StoredTotals = { ...totalsOf(lines), budget: await sources.budgetOf(trx, unit.id, year) };
      const hashes = runHashes({ unitId: unit.id, month }, rules, lines);
      // A re-run only when something changed (an input or the rules): the same computation again would only bump
      // the version, so it is refused and the transaction rolled back — N identical calls give one effect.
      if (existing && existing.inputsHash === hashes.inputsHash && existing.resultHash === hashes.resultHash)
        throw new AppError(
          'CONFLICT',
          `TPP ${unit.name} bulan ${formatMonthId(month)} versi ${existing.version} sudah dihitung dari data dan ` +
            'aturan yang sama: tidak ada yang berubah, tidak dihitung ulang',
          { runId: existing.id, version: existing.version },
        );
      await trx
        .updateTable('tppRuns')
        .set({
          rulebook: JSON.stringify(book),
          rules: JSON.stringify(rules),
          tariffTableId: tariffs.source.kind === 'table' ? tariffs.source.tableId : null,
          inputsHash: hashes.inputsHash,
          resultHash: hashes.resultHash,
          totals: JSON.stringify(totals),
          status: 'DRAFT',
          version,
          updatedAt: clock.now(),
        })
        .where('id', '=', runId)
        .execute();
      const summary = {
        month,
        version,
        rulebook: `${book.id} ${book.version}`,
        tariffSource: tariffs.source,
        employees: totals.employees,
        excluded: totals.excluded,
        net: totals.amounts.net,
        inputsHash: hashes.inputsHash,
        resultHash: hashes.resultHash,
      };
      await access.addEvent(trx, actor, runId, {
        action: existing ? 'recomputed' : 'computed',
        from: existing?.status ?? null,
        to: 'DRAFT',
        data: summary,
      });
      await audit.record(trx, ctxOf(actor), {
        action: existing ? 'tpp_run.recomputed' : 'tpp_run.computed',
        entityType: 'tpp_run',
        entityId: runId,
        unitId: unit.id,
        ...(existing ? { before: { status: existing.status, version: existing.version } } : {}),
        after: { status: 'DRAFT', ...summary },
      });
      return { id: runId };
    });
  }

  /**
   * GET /api/tpp/runs/:id/verification (a reader of the run): every line recomputed from its stored inputs and the
   * run's stored rules (`computeLine`), compared byte for byte (canonical JSON) with the stored line, and the run's
   * input and result hashes recomputed. Reads only.
   */
  async function verify(actor: Actor, id: string) {
    const { run } = await access.readableRun(actor, id);
    const rows = await db
      .selectFrom('tppRunLines')
      .select(['employeeId', 'name', 'breakdown', 'inputs', 'inputsHash', 'resultHash', 'base', 'kinerja'])
      .select([
        'disiplin',
        'deductions',
        'sanctionCut',
        'gross',
        'bpjsEmployer',
        'bpjsEmployee',
        'tax',
        'correction',
        'net',
      ])
      .where('runId', '=', run.id)
      .execute();
    const rules = runRulesOf(run.rules);
    const mismatches: { employeeId: string; name: string; parts: string[] }[] = [];
    const recomputed: ComputedLine[] = [];
    for (const r of rows) {
      let line: ComputedLine;
      try {
        line = computeLine(readLineInputs(r.inputs), rules);
      } catch {
        // Stored inputs or rules the engine cannot read (a damaged row): not reproducible.
        mismatches.push({ employeeId: r.employeeId, name: r.name, parts: ['computation'] });
        continue;
      }
      const parts: string[] = [];
      // The snapshot is the text its hash was taken over; recomputing from it gives the same text again.
      if (sha256(r.inputs) !== r.inputsHash || line.inputsHash !== r.inputsHash) parts.push('inputsHash');
      if (canonicalJson(line.result) !== canonicalJson(readLineResult(r.breakdown))) parts.push('breakdown');
      if (line.resultHash !== r.resultHash) parts.push('resultHash');
      const columns = {
        base: r.base,
        kinerja: r.kinerja,
        disiplin: r.disiplin,
        deductions: r.deductions,
        sanctionCut: r.sanctionCut,
        gross: r.gross,
        bpjsEmployer: r.bpjsEmployer,
        bpjsEmployee: r.bpjsEmployee,
        tax: r.tax,
        correction: r.correction,
        net: r.net,
      };
      for (const [k, v] of Object.entries(columns))
        if (Number(v) !== line.amounts[k as keyof typeof columns]) parts.push(k);
      if (parts.length) mismatches.push({ employeeId: r.employeeId, name: r.name, parts });
      delete line.json;
      recomputed.push(line);
    }
    const hashes = runHashes({ unitId: run.unitId, month: run.month }, rules, recomputed.map(summaryOf));
    return {
      runId: run.id,
      version: run.version,
      lines: rows.length,
      inputsHash: { stored: run.inputsHash, recomputed: hashes.inputsHash },
      resultHash: { stored: run.resultHash, recomputed: hashes.resultHash },
      mismatches,
      reproducible:
        mismatches.length === 0 &&
        hashes.inputsHash === run.inputsHash &&
        hashes.resultHash === run.resultHash,
    };
  }

  /**
   * The lines of a unit's closed month under the given rules and tariffs, computed like a run but stored nowhere
   * and without the run's lifecycle (the simulation of a draft rulebook, simulation-service.ts). 409 when the
   * month's recap is not closed or a kelas in use has no tariff (`computeLines`).
   */
  async function linesFor(
    trx: Exec,
    unit: { id: string; path: string; name: string },
    month: string,
    rules: RunRules,
    tariffs: TariffLookup,
  ): Promise<ComputedLine[]> {
    await requireClosed(trx, unit, month);
    return computeLines(
      await sources.gather(trx, { id: unit.id, path: unit.path }, month),
      month,
      tariffs,
      rules,
    );
  }

  /**
   * One employee's line of a published run computed again from fresh inputs (an upheld objection whose input
   * changed, objections-decide.ts), in the caller's transaction with the run row locked: gathered like the run
   * (the whole unit, that employee kept), under the run's stored rules and tariffs (its table even when replaced
   * since). When the line's inputs hash is unchanged nothing is written (`changed: false`); otherwise the line is replaced (its version
   * + 1) and the run's totals and hashes are recomputed from all its lines. Source: issue 17 point 4 ("an upheld
   * objection that changes an input … re-runs that employee").
   */
  async function rerunEmployee(trx: Transaction<Database>, run: RunRow, employeeId: string) {
    const old = await trx
      .selectFrom('tppRunLines')
      .select(['net', 'inputsHash', 'version'])
      .where('runId', '=', run.id)
      .where('employeeId', '=', employeeId)
      .executeTakeFirstOrThrow();
    const before = { net: Number(old.net), version: old.version };
    const rules = runRulesOf(run.rules);
    const tariffs = await sources.tariffsOfSource(trx, rules.tariffSource);
    const gathered = await sources.gather(trx, { id: run.unitId, path: run.unitPath }, run.month, [
      employeeId,
    ]);
    if (gathered.length === 0)
      throw new AppError(
        'CONFLICT',
        `Data kehadiran pegawai ini bulan ${formatMonthId(run.month)} tidak lagi ada di unit TPP ini; ` +
          'baris TPP tidak dapat dihitung ulang',
      );
    const [line] = computeLines(gathered, run.month, tariffs, rules);
    if (line!.inputsHash === old.inputsHash) return { changed: false, before, after: before };
    const version = old.version + 1;
    await trx
      .updateTable('tppRunLines')
      .set(computedLineRow(run.id, version, line!, clock.now()))
      .where('runId', '=', run.id)
      .where('employeeId', '=', employeeId)
      .execute();
    const rows = await trx
      .selectFrom('tppRunLines')
      .select(['inputs', 'inputsHash', 'resultHash', 'breakdown'])
      .where('runId', '=', run.id)
      .execute();
    const lines = rows.map((r) =>
      summaryOf({
        inputs: readLineInputs(r.inputs),
        inputsHash: r.inputsHash,
        resultHash: r.resultHash,
        result: readLineResult(r.breakdown),
      }),
    );
    const stored = run.totals as unknown as StoredTotals;
    const totals: StoredTotals = { ...totalsOf(lines), budget: stored.budget ?? null };
    const hashes = runHashes({ unitId: run.unitId, month: run.month }, rules, lines);
    await trx
      .updateTable('tppRuns')
      .set({ ...hashes, totals: JSON.stringify(totals), updatedAt: clock.now() })
      .where('id', '=', run.id)
      .execute();
    return { changed: true, before, after: { net: line!.amounts.net, version } };
  }

  return { compute, verify, linesFor, rerunEmployee };
}
