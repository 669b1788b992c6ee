import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError } from '../../errors.ts';
import { formatDdMmYyyy, formatMonthId } from '../../../core/common/date-text.ts';
import { addDays } from '../../../core/common/local-date.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { addWorkingDays } from '../../../core/calendar/working-days.ts';
import { createRuleViews } from '../../../core/attendance/rule-views.ts';
import {
  nextRunStatus,
  RUN_ACTION_LABELS,
  RUN_STATUS_LABELS,
  type RunAction,
  type RunStatus,
} from '../../../core/tpp/run-machine.ts';
import type { TppRules } from '../../../core/tpp/tpp-rules.ts';
import type { TppContext } from './tpp-context.ts';
import type { RunRow, RunsAccess } from './runs-access.ts';
import { readLineResult, type RunRules } from './runs-engine.ts';

/** What a step takes: an optional note, and the version the actor looked at (a re-run since then is refused). */
export interface RunStepInput {
  note?: string | undefined;
  version?: number | undefined;
}

/** The steps after computing (audit action names). */
const AUDIT_ACTIONS: Record<Exclude<RunAction, 'compute'>, string> = {
  check: 'tpp_run.checked',
  publish: 'tpp_run.published',
  approveOpd: 'tpp_run.approved_opd',
  approve: 'tpp_run.approved',
  lock: 'tpp_run.locked',
};

/**
 * The lifecycle of a run after it is computed (issue 17 point 4; core/tpp/run-machine.ts): admin OPD checks it
 * (tpp.run) and publishes it to the employees with an objection window of `tpp.objectionDays` working days on the
 * unit's calendar; after the window, with no objection pending, the head of the run's unit (the holder of its head
 * post or whoever acts in it as Plt/Plh today: relations service) approves; then BKD (tpp.manage) approves and
 * locks. Every step checks role and scope, then the status, inside one transaction with the run row locked; a
 * refused step writes nothing. Each writes an event and an audit entry and tells whom it concerns.
 */
export function createRunsLifecycle(ctx: TppContext, access: RunsAccess) {
  const { db, audit, clock, notifications, relations } = ctx;
  const views = createRuleViews();

  /** `date` plus the rule's objection days, counted on the unit's working-day calendar (rulebook in force then). */
  async function objectionEnd(trx: Transaction<Database>, run: RunRow, date: string, days: number) {
    const unit = await ctx.unitOr404(run.unitId, trx);
    const rulebook = await ctx.rulebookOn(date, trx);
    const cal = views.calendarOf(rulebook, unit.code, unit.timeZone as IndonesianTimeZone);
    return addWorkingDays((d) => cal.isWorkingDay(d), date, days);
  }

  function requireStep(run: RunRow, action: RunAction): RunStatus {
    const to = nextRunStatus(run.status as RunStatus, action);
    if (to === null)
      throw new AppError(
        'CONFLICT',
        `${RUN_ACTION_LABELS[action]} tidak dapat dilakukan: TPP bulan ${formatMonthId(run.month)} berstatus ` +
          `${RUN_STATUS_LABELS[run.status as RunStatus].toLowerCase()}`,
        { status: run.status },
      );
    return to;
  }

  async function requireNoPendingObjection(trx: Transaction<Database>, run: RunRow) {
    const pending = await trx
      .selectFrom('tppObjections')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('runId', '=', run.id)
      .where('status', '=', 'DIAJUKAN')
      .executeTakeFirstOrThrow();
    if (Number(pending.n) > 0)
      throw new AppError(
        'CONFLICT',
        `Masih ada ${pending.n} keberatan pegawai yang belum diputus; putuskan dulu sebelum menyetujui`,
        { pendingObjections: Number(pending.n) },
      );
  }

  async function unitName(trx: Transaction<Database>, run: RunRow) {
    return (await ctx.unitOr404(run.unitId, trx)).name;
  }

  /** Who has a line in the run (the employees told of its publication). */
  async function employeesOf(trx: Transaction<Database>, run: RunRow) {
    const rows = await trx
      .selectFrom('tppRunLines')
      .select('employeeId')
      .where('runId', '=', run.id)
      .execute();
    return rows.map((r) => r.employeeId);
  }

  /**
   * One step on a run. Checks, in order: the run exists and the actor may take the step over its unit (403 for a
   * reader without the role, 404 for anyone else), the version looked at, the status (409), the step's own
   * conditions (409); then writes the status, the event, the audit entry and the notices.
   */
  async function step(
    actor: Actor,
    id: string,
    action: Exclude<RunAction, 'compute'>,
    input: RunStepInput,
  ): Promise<{ id: string }> {
    return db.transaction().execute(async (trx) => {
      const run = await access.runRow(id, trx, true);
      const who = access.standing(actor, run);
      let actingAs: { kind: 'PLT' | 'PLH'; positionName: string } | null = null;
      if (action === 'check' || action === 'publish')
        access.refuseUnless(
          who.runner,
          who,
          'Hanya admin OPD atau BKD yang memeriksa dan mengumumkan TPP unit ini',
        );
      else if (action === 'approve' || action === 'lock')
        access.refuseUnless(who.manager, who, 'Hanya BKD yang menyetujui dan mengunci TPP');
      else {
        const head = await access.headOf(run, trx);
        const isHead = !!actor.employeeId && !!head?.deciderIds.includes(actor.employeeId);
        if (!isHead && who.reader && (!head || head.deciderIds.length === 0))
          throw new AppError(
            'CONFLICT',
            head
              ? `Jabatan ${head.positionName} lowong dan tidak ada Plt/Plh; tunjuk Plt/Plh lebih dulu`
              : 'Unit ini tidak memiliki jabatan kepala; persetujuan kepala OPD tidak dapat diberikan',
          );
        access.refuseUnless(
          isHead,
          who,
          `Hanya ${head?.positionName ?? 'kepala unit'} (atau Plt/Plh-nya) yang menyetujui TPP unit ini`,
        );
        const acting = await relations.actingPostAt(actor.employeeId!, [head!.positionId], clock.now(), trx);
        actingAs = acting ? { kind: acting.kind, positionName: acting.positionName } : null;
      }
      if (input.version !== undefined && input.version !== run.version)
        throw new AppError(
          'CONFLICT',
          `TPP ini sudah dihitung ulang (versi ${run.version}, Anda melihat versi ${input.version}); muat ulang dan periksa lagi`,
          { version: run.version },
        );
      const to = requireStep(run, action);
      const rules = (run.rules as unknown as RunRules).tpp as TppRules;
      const today = await access.todayOfUnit(run.unitId, trx);
      const set: Partial<{ status: string; objectionUntil: string; lockedAt: Date; updatedAt: Date }> = {
        status: to,
        updatedAt: clock.now(),
      };
      if (action === 'publish') set.objectionUntil = await objectionEnd(trx, run, today, rules.objectionDays);
      if (action === 'approveOpd' || action === 'approve') {
        if (run.objectionUntil && today <= run.objectionUntil)
          throw new AppError(
            'CONFLICT',
            `Masa keberatan pegawai berakhir ${formatDdMmYyyy(run.objectionUntil)}; persetujuan dapat diberikan ` +
              `mulai ${formatDdMmYyyy(addDays(run.objectionUntil, 1))}`,
            { objectionUntil: run.objectionUntil },
          );
        await requireNoPendingObjection(trx, run);
      }
      if (action === 'lock') set.lockedAt = clock.now();
      await trx.updateTable('tppRuns').set(set).where('id', '=', run.id).execute();
      const settled = action === 'lock' ? await settleCorrections(trx, actor, run) : null;

      const note = input.note?.trim() || null;
      const data = {
        version: run.version,
        ...(set.objectionUntil ? { objectionUntil: set.objectionUntil } : {}),
        ...(actingAs ? { actingAs } : {}),
        ...(settled ? { correctionsSettled: settled } : {}),
      };
      await access.addEvent(trx, actor, run.id, { action, from: run.status, to, note, data });
      await audit.record(trx, ctxOf(actor), {
        action: AUDIT_ACTIONS[action],
        entityType: 'tpp_run',
        entityId: run.id,
        unitId: run.unitId,
        before: { status: run.status },
        after: { status: to, month: run.month, ...data, ...(note ? { note } : {}) },
      });
      await tell(trx, actor, run, action, set.objectionUntil ?? run.objectionUntil);
      return { id: run.id };
    });
  }

  /**
   * On locking: the corrections of earlier months the run paid are marked paid by it (`applied_run_id`), so the
   * next month's run does not pay them again; a kelebihan bayar recovered only in part leaves its remainder as a
   * new correction of the same origin (recovered from a later month). Corrections of a line not paid (excluded)
   * stay open. Source: issue 17 point 4 ("a change after locking becomes a correction line in the next month").
   */
  async function settleCorrections(trx: Transaction<Database>, actor: Actor, run: RunRow) {
    const rows = await trx
      .selectFrom('tppRunLines')
      .select(['employeeId', 'breakdown'])
      .where('runId', '=', run.id)
      .where(sql<boolean>`jsonb_array_length(breakdown::jsonb->'corrections') > 0`)
      .execute();
    let paid = 0;
    let remainders = 0;
    for (const r of rows) {
      for (const c of readLineResult(r.breakdown).corrections) {
        if (c.applied === 0) continue;
        const done = await trx
          .updateTable('tppCorrections')
          .set({ appliedRunId: run.id })
          .where('id', '=', c.id)
          .where('appliedRunId', 'is', null)
          .returning(['originRunId'])
          .executeTakeFirst();
        if (!done) continue;
        paid++;
        if (c.applied !== c.amount) {
          remainders++;
          await trx
            .insertInto('tppCorrections')
            .values({
              employeeId: r.employeeId,
              originRunId: done.originRunId,
              originMonth: c.originMonth,
              amount: c.amount - c.applied,
              reason: `Sisa: ${c.reason}`,
              createdBy: actor.userId,
            })
            .execute();
        }
      }
    }
    return { paid, remainders };
  }

  /** The notices of a step: employees on publication, the head when it waits for them, BKD after the head. */
  async function tell(
    trx: Transaction<Database>,
    actor: Actor,
    run: RunRow,
    action: Exclude<RunAction, 'compute'>,
    objectionUntil: string | null,
  ) {
    const name = await unitName(trx, run);
    const month = formatMonthId(run.month);
    const base = {
      exceptUserIds: [actor.userId],
      entity: { type: 'tpp_run', id: run.id },
      once: false,
    };
    if (action === 'publish') {
      await notifications.notify(trx, {
        ...base,
        employeeIds: await employeesOf(trx, run),
        kind: 'tpp_slip.published',
        title: `TPP ${month} diumumkan`,
        body:
          `Rincian TPP Anda bulan ${month} dapat dilihat, setiap potongan dengan tanggal dan dasar hukumnya. ` +
          `Keberatan dapat diajukan sampai ${formatDdMmYyyy(objectionUntil!)}.`,
        link: `/tpp?bulan=${run.month}`,
      });
      const head = await access.headOf(run, trx);
      if (head?.deciderIds.length)
        await notifications.notify(trx, {
          ...base,
          employeeIds: head.deciderIds,
          kind: 'tpp_approval.waiting',
          title: `TPP ${name} ${month} menunggu persetujuan Anda`,
          body: `Persetujuan kepala OPD dapat diberikan setelah masa keberatan berakhir ${formatDdMmYyyy(objectionUntil!)}.`,
          link: `/tpp/proses/${run.id}`,
        });
    } else if (action === 'approveOpd') {
      await notifications.notify(trx, {
        ...base,
        userIds: await notifications.grantHolders(trx, ['BKD'], run.unitPath),
        kind: 'tpp_approval.opd_approved',
        title: `TPP ${name} ${month} disetujui kepala OPD`,
        body: 'Menunggu persetujuan dan penguncian oleh BKD.',
        link: `/tpp/proses/${run.id}`,
      });
    } else if (action === 'approve' || action === 'lock') {
      await notifications.notify(trx, {
        ...base,
        userIds: await notifications.grantHolders(trx, ['ADMIN_OPD'], run.unitPath),
        kind: action === 'approve' ? 'tpp_approval.approved' : 'tpp_approval.locked',
        title: `TPP ${name} ${month} ${action === 'approve' ? 'disetujui BKD' : 'dikunci'}`,
        body:
          action === 'approve'
            ? 'BKD menyetujui TPP; menunggu penguncian.'
            : 'TPP dikunci; perubahan selanjutnya dicatat sebagai koreksi pada bulan berikutnya.',
        link: `/tpp/proses/${run.id}`,
      });
    }
  }

  return { step };
}
