import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, requireUnit, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, fieldError, forbidden } from '../../errors.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { ackableOn, ackDueAt, ackState, periodProblems } from '../../../core/oversight/election-watch.ts';
import {
  ABSENCE_KIND_LABELS,
  ACK_STATE_LABELS,
  STAGE_KIND_LABELS,
  WATCH_KIND_LABELS,
  type AckCreate,
  type DayList,
  type Period,
  type PeriodCreateInput,
  type PeriodList,
  type PeriodListQuery,
} from '../../../shared/api/election-watch.ts';
import type { AckRow, PeriodRow, UnitRow } from './election-watch-repo.ts';
import { READ, WRITE, type ComputedDay, type ElectionWatchContext } from './election-watch-context.ts';

/** The acknowledgement view of a day at `nowMs`. */
export function ackView(date: string, p: PeriodRow, opd: UnitRow, ack: AckRow | undefined, nowMs: number) {
  const due = ack ? ack.dueAt.getTime() : ackDueAt(date, p.ackDueTime, opd.timeZone as IndonesianTimeZone);
  const state = ackState(ack ? ack.acknowledgedAt.getTime() : null, due, nowMs);
  return {
    state,
    stateLabel: ACK_STATE_LABELS[state],
    dueAt: new Date(due).toISOString(),
    acknowledgedAt: ack ? ack.acknowledgedAt.toISOString() : null,
    acknowledgedByName: ack?.employeeName ?? null,
    acting: ack?.acting ?? null,
    note: ack?.note ?? null,
  };
}

/** Counts of a computed day (the list's header and the report's line). */
export function countsOf(d: ComputedDay) {
  const withStatus = d.lines.filter((l) => l.day && !l.day.nonWorkingDay && l.day.code !== 'LIBUR');
  return {
    staff: withStatus.length,
    tk: d.lines.filter((l) => l.kind === 'TK').length,
    late: d.lines.filter((l) => l.kind === 'TERLAMBAT').length,
    leaveOrPermit: d.lines.filter((l) => l.kind === 'CUTI' || l.kind === 'IZIN' || l.kind === 'DINAS').length,
    apelExpected: d.lines.reduce((n, l) => n + l.expectedApel, 0),
    apelMissed: d.lines.reduce((n, l) => n + l.missedApel.length, 0),
  };
}

/**
 * Declaring periods and the daily list with its acknowledgement. The list is computed on each read (stores nothing);
 * the acknowledgement is the head of the OPD's (or their Plt/Plh's) alone, once per OPD and day.
 * Source: issue 18 point 3 ("daily absence lists per OPD go to the head of OPD with a required acknowledgement" —
 * the Mukomuko circular); "Bad input" (an acknowledgement by someone who is not the head).
 */
export function createDaysSection(ctx: ElectionWatchContext) {
  const { db, repo, audit, clock } = ctx;

  /** BKD declares a period ('electionWatch.write' over every unit it covers; the whole region needs it unscoped). */
  async function declare(actor: Actor, input: PeriodCreateInput): Promise<{ id: string }> {
    const problems = periodProblems(input);
    if (problems.length > 0) throw new AppError('VALIDATION', problems[0]!.message, problems);
    const unitIds = [...new Set(input.unitIds)];
    return db.transaction().execute(async (trx) => {
      const scope = requireAny(actor, WRITE);
      if (unitIds.length === 0) {
        if (scope !== 'all' && !scope.some((p) => p.split('/').filter(Boolean).length === 1))
          throw forbidden('Masa pengawasan seluruh daerah hanya dapat ditetapkan oleh BKD tingkat daerah');
      } else {
        const units = await repo.units(unitIds, trx);
        if (units.length !== unitIds.length) throw fieldError('unitIds', 'Ada unit yang tidak ditemukan');
        for (const u of units) requireUnit(actor, WRITE, u.path);
      }
      const id = await repo.insertPeriod(
        trx,
        {
          name: input.name,
          kind: input.kind,
          legalBasis: input.legalBasis,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          ackDueTime: input.ackDueTime,
          wholeRegion: unitIds.length === 0,
          createdBy: actor.userId,
          createdAt: clock.now(),
        },
        input.stages,
        unitIds,
      );
      await audit.record(trx, ctxOf(actor), {
        action: 'election_watch.period_declared',
        entityType: 'election_watch_period',
        entityId: id,
        after: {
          name: input.name,
          kind: input.kind,
          legalBasis: input.legalBasis,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          units: unitIds.length === 0 ? 'seluruh daerah' : unitIds.length,
          stages: input.stages.length,
        },
      });
      return { id };
    });
  }

  /** Periods meeting the caller's read scope (heads of OPD without a grant see them through `get`). */
  async function list(
    actor: Actor,
    q: PeriodListQuery & { page: number; pageSize: number },
  ): Promise<PeriodList> {
    const scope = scopeOf(actor, READ);
    const { rows, total } = await repo.listPeriods({ paths: scope, q: q.q }, q.page, q.pageSize);
    return {
      items: rows.map((r) => ({
        ...r,
        kindLabel: WATCH_KIND_LABELS[r.kind],
        createdAt: r.createdAt.toISOString(),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Periods in which the caller heads a covered OPD today (their inbox of lists to acknowledge). */
  async function headed(actor: Actor): Promise<PeriodList> {
    if (!actor.employeeId) return { items: [], total: 0, page: 1, pageSize: 50 };
    const all = await repo.listPeriods({ paths: 'all' }, 1, 50);
    const items = [];
    for (const r of all.rows) {
      const opds = await repo.opdsCovered(r.id, r.wholeRegion);
      if ((await ctx.headedOpdIds(actor, opds)).size > 0)
        items.push({ ...r, kindLabel: WATCH_KIND_LABELS[r.kind], createdAt: r.createdAt.toISOString() });
    }
    return { items, total: items.length, page: 1, pageSize: 50 };
  }

  /** A period with its stages, units and the OPDs the caller may see (403 when none). */
  async function get(actor: Actor, id: string): Promise<Period> {
    const p = await ctx.periodOrThrow(id);
    const scope = scopeOf(actor, READ);
    const opds = [];
    const covered = await repo.opdsCovered(p.id, p.wholeRegion);
    const headed = await ctx.headedOpdIds(actor, covered);
    for (const o of covered) {
      const isHead = headed.has(o.id);
      if (isHead || inScope(scope, o.path)) opds.push({ unitId: o.id, unitName: o.name, isHead });
    }
    const units = await repo.periodUnits(p.id);
    // A head of a covered OPD, or a reader whose scope meets the OPDs or the units the period covers.
    const readable = opds.length > 0 || scope === 'all' || units.some((u) => inScope(scope, u.path));
    if (!readable) throw forbidden('Masa pengawasan ini tidak mencakup unit dalam kewenangan Anda');
    return {
      ...p,
      kindLabel: WATCH_KIND_LABELS[p.kind],
      createdAt: p.createdAt.toISOString(),
      units: units.map((u) => ({ id: u.id, name: u.name })),
      stages: (await repo.stages(p.id)).map((s) => ({ ...s, kindLabel: STAGE_KIND_LABELS[s.kind] })),
      opds,
    };
  }

  /** An OPD's list of one day, computed from the stored statuses and apel records (a read: stores nothing). */
  async function day(actor: Actor, periodId: string, q: { unitId: string; date: string }): Promise<DayList> {
    const p = await ctx.periodOrThrow(periodId);
    const opd = await ctx.coveredOpd(p, q.unitId);
    await ctx.requireOpdReader(actor, opd);
    if (q.date < p.startsOn || q.date > p.endsOn) throw fieldError('date', 'Tanggal di luar masa pengawasan');
    const [d] = await ctx.computeDays(p, await repo.stages(p.id), opd, [q.date]);
    const ack = (await repo.acks(p.id, opd.id)).find((a) => a.localDate === q.date);
    const head = await ctx.asHead(actor, opd);
    const today = ctx.todayIn(opd.timeZone);
    return {
      periodId: p.id,
      unitId: opd.id,
      unitName: opd.name,
      date: q.date,
      timeZone: opd.timeZone,
      workingDay: d!.workingDay,
      keyDate: d!.keyDate,
      stages: d!.stages,
      counts: countsOf(d!),
      entries: d!.lines
        .filter((l) => l.kind !== null || l.missedApel.length > 0 || !l.day)
        .map((l) => ({
          employeeId: l.staff.id,
          name: l.name,
          nip: l.staff.nip,
          unitName: l.staff.unitName,
          isHead: l.isHead,
          code: l.day?.code ?? null,
          kind: l.kind,
          kindLabel: l.kind ? ABSENCE_KIND_LABELS[l.kind] : null,
          lateMinutes: l.day?.lateMinutes ?? 0,
          missedApel: l.missedApel,
          noData: !l.day,
        })),
      ack: ackView(q.date, p, opd, ack, clock.now().getTime()),
      canAcknowledge: !!head && !ack && ackableOn(p, q.date, today) === null,
    };
  }

  /**
   * The head of the OPD (or their Plt/Plh today) confirms they checked the day's list: once per OPD and day, with an
   * optional note. Anyone else: 403 and nothing stored. Audited.
   */
  async function acknowledge(actor: Actor, periodId: string, input: AckCreate): Promise<{ id: string }> {
    return db.transaction().execute(async (trx) => {
      const p = await ctx.periodOrThrow(periodId, trx);
      const opd = await ctx.coveredOpd(p, input.unitId, trx);
      const head = await ctx.asHead(actor, opd, trx);
      if (!head)
        throw forbidden(
          `Hanya kepala ${opd.name} (atau Plt/Plh-nya) yang dapat mengonfirmasi daftar ketidakhadiran harian OPD ini`,
        );
      const problem = ackableOn(p, input.date, ctx.todayIn(opd.timeZone));
      if (problem) throw fieldError('date', problem);
      const now = clock.now();
      const dueAt = new Date(ackDueAt(input.date, p.ackDueTime, opd.timeZone as IndonesianTimeZone));
      const id = await repo.insertAck(trx, {
        periodId: p.id,
        unitId: opd.id,
        date: input.date,
        employeeId: head.employeeId,
        userId: actor.userId,
        acting: head.acting,
        note: input.note ?? null,
        at: now,
        dueAt,
      });
      if (!id) throw new AppError('CONFLICT', 'Daftar hari ini sudah dikonfirmasi untuk OPD ini');
      await audit.record(trx, ctxOf(actor), {
        action: 'election_watch.acknowledged',
        entityType: 'election_watch_ack',
        entityId: id,
        unitId: opd.id,
        after: {
          date: input.date,
          onTime: now.getTime() <= dueAt.getTime(),
          acting: head.acting,
          note: input.note ?? null,
        },
      });
      return { id };
    });
  }

  return { declare, list, headed, get, day, acknowledge };
}
