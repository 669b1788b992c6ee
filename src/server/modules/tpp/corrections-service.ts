import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../auth/authz.ts';
import { scopeOf, unitScopeCondition } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatMonthId } from '../../../core/common/date-text.ts';
import { RUN_STATUS_LABELS, type RunStatus } from '../../../core/tpp/run-machine.ts';
import type {
  Correction,
  CorrectionListQuery,
  CorrectionPreview,
  CorrectionPreviewItem,
} from '../../../shared/api/tpp-corrections.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import { createRunInputs } from './runs-inputs.ts';
import { createRunsAccess, type RunRow } from './runs-access.ts';
import { computeLines, readLineInputs, runRulesOf, type LineInputs } from './runs-engine.ts';

const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

/** The remainder of a kelebihan recovered in part (runs-lifecycle.ts `settleCorrections`): not a new amount due. */
const REMAINDER_PREFIX = 'Sisa: ';

/**
 * Corrections of locked TPP runs (issue 17 point 4: "a change after locking is never an edit of the locked run; it
 * becomes a correction line — kekurangan / kelebihan bayar — in the employee's next run"). A locked run's lines
 * (all, or one employee's) are computed again from fresh inputs (the gathering, with the closed month's
 * adjustments laid over it) under the run's stored rules and tariff source, with the engine the run used
 * (`computeLines`); the corrections the locked line paid stay in its inputs, so only what changed since counts.
 * An employee's correction = fresh net − paid net − the corrections already recorded for (that run, employee):
 * recording twice records nothing the second time. Corrections are paid by the employee's next run
 * (`openCorrections`, core/tpp/tpp-month.ts) and marked paid when that run is locked (`settleCorrections`).
 */
export function createCorrectionsSection(ctx: TppContext, inputs: TppInputsSection) {
  const { db, audit, clock, notifications } = ctx;
  const access = createRunsAccess(ctx);
  const gathering = createRunInputs(ctx, inputs);

  /** 409 unless the run is locked (a run before locking is computed again, not corrected). */
  function requireLocked(run: RunRow) {
    if (run.status !== 'DIKUNCI')
      throw new AppError(
        'CONFLICT',
        `TPP bulan ${formatMonthId(run.month)} berstatus ` +
          `${RUN_STATUS_LABELS[run.status as RunStatus].toLowerCase()}; koreksi hanya dicatat untuk TPP yang ` +
          'sudah dikunci (sebelum dikunci, TPP dihitung ulang)',
        { status: run.status },
      );
  }

  /** 403 to a reader who may not record, 404 to anyone else; then 409 unless locked. */
  function requireRunner(actor: Actor, run: RunRow) {
    const who = access.standing(actor, run);
    access.refuseUnless(who.runner, who, 'Hanya admin OPD unit ini atau BKD yang mencatat koreksi TPP');
    requireLocked(run);
  }

  /** Why the line changed: the fresh inputs' notes the paid line did not have, and the kinerja figure. */
  function reasonOf(month: string, amount: number, paid: LineInputs, fresh: LineInputs | null): string {
    const label = amount > 0 ? 'Kekurangan bayar' : 'Kelebihan bayar';
    const why: string[] = [];
    if (!fresh) why.push('data kehadiran pegawai bulan itu tidak lagi ada di unit ini');
    else {
      if ((paid.kinerja?.score ?? null) !== (fresh.kinerja.score ?? null))
        why.push(
          `angka kinerja ${paid.kinerja?.score ?? 'tanpa angka'} menjadi ${fresh.kinerja.score ?? 'tanpa angka'}`,
        );
      const before = new Set(paid.notes ?? []);
      for (const n of fresh.notes) if (!before.has(n) && !n.startsWith('Angka kinerja')) why.push(n);
    }
    if (why.length === 0) why.push('data masukan berubah setelah TPP dikunci');
    return `${label} TPP ${formatMonthId(month)}: ${why.join('; ')}`;
  }

  /**
   * The locked run's lines (all, or `only`) computed again and compared with what was paid and recorded, in
   * employee name order. Reads only (through `exec`).
   */
  async function recompute(exec: Exec, run: RunRow, only?: readonly string[]) {
    let q = exec
      .selectFrom('tppRunLines')
      .select(['employeeId', 'name', 'nip', 'net', 'inputs'])
      .where('runId', '=', run.id);
    if (only) q = q.where('employeeId', 'in', [...only]);
    const paid = await q.orderBy('name').orderBy('employeeId').execute();
    if (paid.length === 0) return [];
    const ids = paid.map((p) => p.employeeId);
    const paidInputs = new Map(paid.map((p) => [p.employeeId, readLineInputs(p.inputs)]));
    const gathered = await gathering.gather(exec, { id: run.unitId, path: run.unitPath }, run.month, ids);
    // The corrections of earlier months the locked line paid are part of what it paid: kept as they were.
    for (const g of gathered) g.corrections = paidInputs.get(g.employeeId)?.corrections ?? [];
    const rules = runRulesOf(run.rules);
    const lines = computeLines(
      gathered,
      run.month,
      await inputs.tariffsOfSource(exec, rules.tariffSource),
      rules,
    );
    const fresh = new Map(lines.map((l) => [l.inputs.employee.id, l]));
    const recordedRows = await exec
      .selectFrom('tppCorrections')
      .select(['employeeId', (eb) => eb.fn.sum<string>('amount').as('sum')])
      .where('originRunId', '=', run.id)
      .where('employeeId', 'in', ids)
      .where('reason', 'not like', `${REMAINDER_PREFIX}%`)
      .groupBy('employeeId')
      .execute();
    const recorded = new Map(recordedRows.map((r) => [r.employeeId, Number(r.sum)]));
    return paid.map((p): CorrectionPreviewItem => {
      const line = fresh.get(p.employeeId) ?? null;
      const paidNet = Number(p.net);
      const done = recorded.get(p.employeeId) ?? 0;
      // An employee without data in the month any more is not recomputed (no correction is guessed).
      const amount = line ? line.amounts.net - paidNet - done : 0;
      return {
        employeeId: p.employeeId,
        name: p.name,
        nip: p.nip,
        paidNet,
        recomputedNet: line?.amounts.net ?? null,
        recorded: done,
        amount,
        reason:
          amount === 0 && line
            ? 'Tidak ada selisih'
            : reasonOf(run.month, amount, paidInputs.get(p.employeeId)!, line?.inputs ?? null),
      };
    });
  }

  async function lineOr404(exec: Exec, run: RunRow, employeeId: string | undefined) {
    if (!employeeId) return undefined;
    const row = await exec
      .selectFrom('tppRunLines')
      .select('employeeId')
      .where('runId', '=', run.id)
      .where('employeeId', '=', employeeId)
      .executeTakeFirst();
    if (!row) throw notFound('Baris TPP');
    return [employeeId];
  }

  /** GET /runs/:id/corrections/preview (tpp.run over the run's unit): what recording would record. Never writes. */
  async function preview(actor: Actor, id: string, q: { employeeId?: string | undefined }) {
    const run = await access.runRow(id);
    requireRunner(actor, run);
    const items = await recompute(db, run, await lineOr404(db, run, q.employeeId));
    return {
      runId: run.id,
      month: run.month,
      items,
      total: items.reduce((s, i) => s + i.amount, 0),
    } satisfies CorrectionPreview;
  }

  /**
   * Record the non-zero corrections of some of a locked run's lines in the caller's transaction: a row each, an
   * audit entry each, and a notice to the employee with the amount, the month and why. Returns the ids.
   */
  async function recordIn(
    trx: Transaction<Database>,
    actor: Actor,
    run: RunRow,
    items: readonly CorrectionPreviewItem[],
  ) {
    const ids: string[] = [];
    for (const it of items) {
      if (it.amount === 0) continue;
      const row = await trx
        .insertInto('tppCorrections')
        .values({
          employeeId: it.employeeId,
          originRunId: run.id,
          originMonth: run.month,
          amount: it.amount,
          reason: it.reason,
          createdBy: actor.userId,
          createdAt: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_correction.recorded',
        entityType: 'tpp_correction',
        entityId: row.id,
        unitId: run.unitId,
        after: {
          runId: run.id,
          month: run.month,
          employeeId: it.employeeId,
          paidNet: it.paidNet,
          recomputedNet: it.recomputedNet,
          recordedBefore: it.recorded,
          amount: it.amount,
          reason: it.reason,
        },
      });
      const month = formatMonthId(run.month);
      const kind = it.amount > 0 ? 'kekurangan bayar' : 'kelebihan bayar';
      await notifications.notify(trx, {
        employeeIds: [it.employeeId],
        exceptUserIds: [actor.userId],
        entity: { type: 'tpp_run', id: run.id },
        once: false,
        kind: 'tpp_correction.recorded',
        title: `Koreksi TPP ${month}: ${kind} ${rupiah(Math.abs(it.amount))}`,
        body:
          `${it.reason}. ` +
          (it.amount > 0
            ? 'Kekurangan dibayarkan bersama TPP Anda bulan berikutnya.'
            : 'Kelebihan diperhitungkan (dikurangkan) dari TPP Anda bulan berikutnya.'),
        link: `/tpp?bulan=${run.month}`,
      });
    }
    return ids;
  }

  /**
   * POST /runs/:id/corrections (tpp.run over the run's unit, checked before anything is written, with the run
   * locked for update): the non-zero corrections recorded. Idempotent: what was recorded counts in the next
   * difference, so a second call records nothing.
   */
  async function record(actor: Actor, id: string, body: { employeeId?: string | undefined }) {
    return db.transaction().execute(async (trx) => {
      const run = await access.runRow(id, trx, true);
      requireRunner(actor, run);
      const items = await recompute(trx, run, await lineOr404(trx, run, body.employeeId));
      const ids = await recordIn(trx, actor, run, items);
      return { runId: run.id, recorded: await presentIds(trx, ids) };
    });
  }

  /**
   * When a run of `month` is computed (in its transaction): the days and kinerja figures of earlier months
   * changed after the locked run paying them computed the employee's line (a status adjustment or a kinerja
   * adjustment created after the line) become corrections now, so that this run pays them. Only the employees of
   * `unit`'s subtree with days in the month; the actor is the one computing (recorded as its author).
   */
  async function fromLaterAdjustments(
    trx: Transaction<Database>,
    actor: Actor,
    unit: { id: string; path: string },
    month: string,
  ): Promise<number> {
    // Driven by the adjustments (few) rather than by the locked lines (a year of runs): each adjustment of an
    // earlier month created after the locked line of that month was computed.
    const due = await sql<{ runId: string; employeeId: string }>`
      select distinct r.id as run_id, l.employee_id
      from (select employee_id, month_closed, created_at from status_adjustments where month_closed < ${month}
            union all
            select employee_id, month_closed, created_at from kinerja_adjustments where month_closed < ${month}) a
      join tpp_run_lines l on l.employee_id = a.employee_id and a.created_at > l.updated_at
      join tpp_runs r on r.id = l.run_id and r.month = a.month_closed
      where r.kind = 'RUN' and r.status = 'DIKUNCI'
        and a.employee_id in (select x.employee_id from status_months x
          where x.month = ${`${month}-01`}::date
            and x.units && array(select id from units where path like ${`${unit.path}%`}))
      order by r.id, l.employee_id`.execute(trx);
    const byRun = new Map<string, string[]>();
    for (const d of due.rows) byRun.set(d.runId, [...(byRun.get(d.runId) ?? []), d.employeeId]);
    let n = 0;
    for (const [runId, employees] of byRun) {
      const run = await access.runRow(runId, trx, true);
      n += (await recordIn(trx, actor, run, await recompute(trx, run, employees))).length;
    }
    return n;
  }

  async function presentIds(exec: Exec, ids: string[]): Promise<Correction[]> {
    if (ids.length === 0) return [];
    return (await baseQuery(exec).where('c.id', 'in', ids).orderBy('l.name').execute()).map(present);
  }

  function baseQuery(exec: Exec) {
    return exec
      .selectFrom('tppCorrections as c')
      .innerJoin('tppRuns as r', 'r.id', 'c.originRunId')
      .leftJoin('tppRunLines as l', (j) =>
        j.onRef('l.runId', '=', 'c.originRunId').onRef('l.employeeId', '=', 'c.employeeId'),
      )
      .innerJoin('employees as e', 'e.id', 'c.employeeId')
      .leftJoin('tppRuns as a', 'a.id', 'c.appliedRunId')
      .select([
        'c.id',
        'c.employeeId',
        'e.name as employeeName',
        'e.nip',
        'l.name',
        'c.originRunId',
        'c.originMonth',
        'c.amount',
        'c.reason',
        'c.createdAt',
        'c.appliedRunId',
        'a.month as appliedMonth',
      ]);
  }

  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
  function present(r: Row): Correction {
    return {
      id: r.id,
      employeeId: r.employeeId,
      name: r.name ?? r.employeeName,
      nip: r.nip,
      originRunId: r.originRunId,
      originMonth: r.originMonth,
      amount: Number(r.amount),
      reason: r.reason,
      createdAt: new Date(r.createdAt).toISOString(),
      status: r.appliedRunId ? 'PAID' : 'OPEN',
      appliedRunId: r.appliedRunId,
      appliedMonth: r.appliedMonth ?? null,
    };
  }

  /** GET /corrections (readers of TPP in scope, by the origin run's unit): newest first, paginated. */
  async function list(actor: Actor, q: CorrectionListQuery) {
    const { page, pageSize } = q;
    let query = baseQuery(db).where((eb) =>
      eb.or(
        (['tpp.read', 'tpp.run', 'tpp.manage'] as const).map((p) =>
          unitScopeCondition(eb, scopeOf(actor, p), 'r.unitPath'),
        ),
      ),
    );
    if (q.unitId) {
      const unit = await ctx.unitOr404(q.unitId);
      query = query.where('r.unitPath', 'like', `${unit.path}%`);
    }
    if (q.month) query = query.where('c.originMonth', '=', q.month);
    if (q.runId) query = query.where('c.originRunId', '=', q.runId);
    if (q.status === 'OPEN') query = query.where('c.appliedRunId', 'is', null);
    if (q.status === 'PAID') query = query.where('c.appliedRunId', 'is not', null);
    const { n } = await query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .orderBy('c.createdAt', 'desc')
      .orderBy('c.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(present), total: Number(n), page, pageSize };
  }

  return { preview, record, list, fromLaterAdjustments };
}
export type TppCorrectionsSection = ReturnType<typeof createCorrectionsSection>;
