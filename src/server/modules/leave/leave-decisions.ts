import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import type { Actor } from '../../auth/authz.ts';
import type { LeaveRow } from './leave-repo.ts';
import { eachDay } from '../../../core/common/local-date.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { decidedByText } from '../../../core/common/instant-text.ts';
import {
  afterDecision,
  canCancel,
  monthsOf,
  waitingStep,
  type LeaveStatus,
} from '../../../core/leave/leave-workflow.ts';
import type { Exec, LeaveContext } from './leave-context.ts';
import type { LeaveBalances } from './leave-balances.ts';

const SETTLED_WORD: Record<string, string> = {
  DISETUJUI_ATASAN: 'disetujui atasan',
  DISETUJUI: 'disetujui',
  DITOLAK: 'ditolak',
  DIBATALKAN: 'dibatalkan',
};

/**
 * Deciding on leave (a section of the leave service, leave-service.ts): the direct superior (incl. Plt/Plh) and
 * then the PyBMC approve or reject, the final approval issues the letter number; the employee before the start, or
 * the PyBMC with a reason, cancels. Each decision is audited and notified; the days it changes are queued for the
 * daily statuses. Source: PP 11/2017 jo. PP 17/2020 Pasal 309–341; Peraturan BKN 24/2017; regulations.md §4.1.
 */
export function createLeaveDecisions(ctx: LeaveContext, balances: Pick<LeaveBalances, 'balanceOf'>) {
  const { db, repo, audit, clock, statuses, notifications, documents } = ctx.deps;
  const { todayIn, employeeOf, rulesFor, mayDecide, isPybmc, load, get, decider } = ctx;
  const { balanceOf } = balances;

  /**
   * 409 for a request decided or cancelled already (or meanwhile, by a concurrent call), naming its latest
   * decision: "Permohonan cuti ini sudah disetujui atasan oleh Budi pada 15/01/2026 09:00 WIB".
   */
  async function settled(r: LeaveRow, exec: Exec = db): Promise<AppError> {
    const last = (await repo.decisionsOf([r.id], exec)).at(-1);
    const who = last ? decidedByText(last.deciderName, last.decidedAt, r.timeZone as IndonesianTimeZone) : '';
    const word = SETTLED_WORD[r.status] ?? r.status.toLowerCase();
    return new AppError('CONFLICT', `Permohonan cuti ini sudah ${word}${who ? ` ${who}` : ''}`, {
      status: r.status,
    });
  }

  /**
   * POST /api/leave/requests/:id/decision: the waiting step approves or rejects (with a note). Concurrency: the
   * employee's advisory lock (`lockEmployee`) is taken and the request read again under it, and the status
   * update is conditional on the status read (`setStatus`), so of N identical decisions one is written (one
   * decision row, one audit entry) and the others answer 409 naming it. A decider whose step is past (the
   * superior once the request waits for the PyBMC) gets that 409 too, not a 403.
   */
  async function decide(actor: Actor, id: string, input: { decision: 'APPROVE' | 'REJECT'; note: string }) {
    const r0 = await load(actor, id);
    if (actor.employeeId === r0.employeeId)
      throw forbidden('Anda tidak dapat memutuskan permohonan cuti Anda sendiri');
    const step = waitingStep(r0.status as LeaveStatus, r0.superiorId !== null);
    if (!step) throw await settled(r0);
    if (!(await mayDecide(actor, r0, step))) {
      if (step === 'PYBMC' && r0.superiorId !== null && (await mayDecide(actor, r0, 'ATASAN')))
        throw await settled(r0);
      throw forbidden(
        step === 'ATASAN'
          ? 'Permohonan ini menunggu keputusan atasan langsung pegawai'
          : 'Permohonan ini menunggu keputusan pejabat yang berwenang memberikan cuti',
      );
    }
    if (input.decision === 'REJECT' && input.note.trim().length < 3)
      throw fieldError('note', 'Alasan penolakan wajib diisi');
    const next = afterDecision(r0.status as LeaveStatus, r0.superiorId !== null, input.decision)!;
    const who = await decider(actor);
    const now = clock.now();
    const rules = await rulesFor(r0.dateFrom, r0.dateTo);
    const emp = await employeeOf(r0.employeeId);
    const letterUnit = await repo.unit(r0.approverUnitId ?? r0.unitId);
    await db.transaction().execute(async (trx) => {
      await repo.lockEmployee(trx, r0.employeeId);
      const r = await repo.byId(id, trx);
      if (!r) throw notFound('Permohonan cuti');
      if (r.status !== r0.status) throw await settled(r, trx);
      let letterNumber: string | undefined;
      if (next === 'DISETUJUI') {
        const closed = await repo.closedMonths(trx, r.unitPath, monthsOf(r.dateFrom, r.dateTo));
        if (closed.length > 0)
          throw new AppError(
            'MONTH_CLOSED',
            `Bulan ${closed.join(', ')} sudah ditutup; cuti tidak dapat disetujui`,
          );
        if (r.type === 'CT') {
          const b = await balanceOf(emp, Number(r.dateFrom.slice(0, 4)), rules, trx);
          if (r.workingDays > b.remaining)
            throw new AppError(
              'VALIDATION',
              `Sisa cuti tahunan ${b.remaining} hari kerja, diminta ${r.workingDays} hari kerja`,
              [{ path: 'decision', message: 'Saldo cuti tidak mencukupi', code: 'BALANCE' }],
            );
        }
        // The number from BKD's scheme for the granting unit, taken in this transaction (no gap on a rollback, no
        // duplicate under concurrency); without a scheme, the built-in 800.1.11.4/NNNN/CUTI/UNIT/YEAR.
        letterNumber =
          (await documents?.issueNumber(trx, {
            unitId: letterUnit?.id ?? r.unitId,
            letterType: 'CUTI',
            date: todayIn(r.timeZone),
          })) ?? undefined;
        if (!letterNumber) {
          const year = Number(now.toISOString().slice(0, 4));
          const seq = await repo.nextLetterSeq(trx, year);
          letterNumber = `800.1.11.4/${String(seq).padStart(4, '0')}/CUTI/${letterUnit?.code ?? 'ASN'}/${year}`;
        }
      }
      const ok = await repo.setStatus(trx, id, r.status, next, now, letterNumber);
      if (!ok) throw await settled((await repo.byId(id, trx))!, trx);
      await repo.insertDecision(trx, {
        requestId: id,
        step,
        decision: input.decision,
        note: input.note.trim() || null,
        ...who,
        decidedAt: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: input.decision === 'APPROVE' ? 'leave.approved' : 'leave.rejected',
        entityType: 'leave_request',
        entityId: id,
        unitId: r.unitId,
        before: { status: r.status },
        after: { status: next, step, note: input.note.trim() || null, letterNumber: letterNumber ?? null },
      });
      await notifications?.leaveDecided(trx, r, next, {
        name: who.deciderName,
        note: input.note.trim() || null,
      });
    });
    if (next === 'DISETUJUI')
      await statuses?.markDirty(r0.employeeId, eachDay(r0.dateFrom, r0.dateTo), 'leave');
    return get(actor, id);
  }

  /**
   * POST /api/leave/requests/:id/cancel: the employee before the start, or the PyBMC with a reason. Concurrency
   * as for `decide`: under the employee's lock, conditional on the status read; the others answer 409 naming the
   * cancellation.
   */
  async function cancel(actor: Actor, id: string, input: { reason: string }) {
    const r0 = await load(actor, id);
    const today = todayIn(r0.timeZone);
    const status = r0.status as LeaveStatus;
    let by: 'EMPLOYEE' | 'PYBMC';
    if (actor.employeeId === r0.employeeId) by = 'EMPLOYEE';
    else if (await isPybmc(actor, r0)) by = 'PYBMC';
    else throw forbidden('Hanya pegawai yang bersangkutan atau pejabat pemberi cuti yang dapat membatalkan');
    const check = canCancel(status, by, r0.dateFrom, today);
    if (!check.ok && (status === 'DIBATALKAN' || status === 'DITOLAK')) throw await settled(r0);
    if (!check.ok) throw new AppError('CONFLICT', check.reason);
    if (by === 'PYBMC' && input.reason.trim().length < 3)
      throw fieldError('reason', 'Alasan pembatalan wajib diisi');
    const who = await decider(actor);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await repo.lockEmployee(trx, r0.employeeId);
      const r = await repo.byId(id, trx);
      if (!r) throw notFound('Permohonan cuti');
      if (r.status !== r0.status) throw await settled(r, trx);
      if (status === 'DISETUJUI') {
        const closed = await repo.closedMonths(trx, r.unitPath, monthsOf(r.dateFrom, r.dateTo));
        if (closed.length > 0)
          throw new AppError(
            'MONTH_CLOSED',
            `Bulan ${closed.join(', ')} sudah ditutup; cuti tidak dapat dibatalkan`,
          );
      }
      const ok = await repo.setStatus(trx, id, r.status, 'DIBATALKAN', now);
      if (!ok) throw await settled((await repo.byId(id, trx))!, trx);
      await repo.insertDecision(trx, {
        requestId: id,
        step: by === 'EMPLOYEE' ? 'PEGAWAI' : 'PYBMC',
        decision: 'CANCEL',
        note: input.reason.trim() || null,
        ...who,
        decidedAt: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'leave.cancelled',
        entityType: 'leave_request',
        entityId: id,
        unitId: r.unitId,
        before: { status: r.status },
        after: { status: 'DIBATALKAN', by, reason: input.reason.trim() || null },
      });
      if (by === 'PYBMC')
        await notifications?.leaveCancelled(trx, r, { name: who.deciderName, reason: input.reason.trim() });
    });
    if (status === 'DISETUJUI')
      await statuses?.markDirty(r0.employeeId, eachDay(r0.dateFrom, r0.dateTo), 'leave');
    return get(actor, id);
  }

  return { decide, cancel };
}
