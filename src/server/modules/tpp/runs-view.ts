import { sql, type Selectable } from 'kysely';
import type { TppRunLinesTable } from '../../db/schema.ts';
import { scopeOf, unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { addDays } from '../../../core/common/local-date.ts';
import {
  canTakeRunAction,
  PUBLISHED_STATUSES,
  RUN_ACTIONS,
  RUN_STATUS_LABELS,
  type RunAction,
  type RunStatus,
} from '../../../core/tpp/run-machine.ts';
import type {
  MyTpp,
  RunDetail,
  RunLineDetail,
  RunLineRow,
  RunLinesQuery,
  RunListQuery,
  RunSummary,
  StaffTppQuery,
} from '../../../shared/api/tpp-runs.ts';
import type { TppContext } from './tpp-context.ts';
import type { RunRow, RunsAccess } from './runs-access.ts';
import { readLineInputs, readLineResult, storedLineAmounts } from './runs-engine.ts';
import type { StoredRulebook, StoredTotals } from './runs-compute.ts';

type LineRow = Selectable<TppRunLinesTable>;

/** The web page of a day in the recap calendar (src/web/pages/RekapPage: `?pegawai=&bulan=`, the day as `tanggal`). */
export const recapDayLink = (employeeId: string, date: string) =>
  `/rekap?pegawai=${employeeId}&bulan=${date.slice(0, 7)}&tanggal=${date}`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The runs as the API answers them (issue 17 points 3, 4): the list and the run with its totals, timeline and the
 * steps open to the caller; its lines (paginated, searchable by name or NIP); one line explained, every deduction
 * with its date, code, percentage, rupiah, rule, legal basis and the link to that day in the recap calendar; the
 * employee's own TPP and the superior's view of their staff. Reading never writes.
 */
export function createRunsView(ctx: TppContext, access: RunsAccess) {
  const { db } = ctx;

  async function unitNames(ids: string[], exec: Exec = db) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await exec.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  function summaryOf(run: RunRow, unitName: string): RunSummary {
    const book = run.rulebook as unknown as StoredRulebook;
    const rules = run.rules as unknown as { tariffSource: RunSummary['tariffSource'] };
    return {
      id: run.id,
      unitId: run.unitId,
      unitName,
      month: run.month,
      status: run.status as RunStatus,
      statusLabel: RUN_STATUS_LABELS[run.status as RunStatus],
      version: run.version,
      rulebook: { id: book.id, name: book.name, version: book.version, isExample: book.isExample },
      tariffSource: rules.tariffSource,
      inputsHash: run.inputsHash,
      resultHash: run.resultHash,
      totals: run.totals as unknown as StoredTotals,
      objectionUntil: run.objectionUntil,
      createdAt: iso(run.createdAt)!,
      updatedAt: iso(run.updatedAt)!,
      lockedAt: iso(run.lockedAt),
    };
  }

  /**
   * GET /runs: the runs of the caller's subtree (tpp.read) and the published runs of the units whose designated
   * treasurer the caller is, newest month first; empty for anyone else.
   */
  async function list(actor: Actor, q: RunListQuery) {
    const { page, pageSize } = q;
    let query = db
      .selectFrom('tppRuns as r')
      .where('r.kind', '=', 'RUN')
      .where((eb) =>
        eb.or([
          unitScopeCondition(eb, scopeOf(actor, 'tpp.read'), 'r.unitPath'),
          access.treasurerRunsCondition(actor, 'r'),
        ]),
      );
    if (q.month) query = query.where('r.month', '=', q.month);
    if (q.status) query = query.where('r.status', '=', q.status);
    if (q.unitId) {
      const unit = await ctx.unitOr404(q.unitId);
      query = query.where('r.unitPath', 'like', `${unit.path}%`);
    }
    const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('r')
      .orderBy('r.month', 'desc')
      .orderBy('r.unitPath')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const names = await unitNames([...new Set(rows.map((r) => r.unitId))]);
    return {
      items: rows.map((r) => summaryOf(r, names.get(r.unitId) ?? '')),
      total: Number(n),
      page,
      pageSize,
    };
  }

  /** The run as a reader sees it, with its timeline, the steps open to the caller and what still blocks approval. */
  async function present(actor: Actor, run: RunRow, exec: Exec = db): Promise<RunDetail> {
    const who = access.standing(actor, run);
    const [names, events, pending, head, today] = await Promise.all([
      unitNames([run.unitId], exec),
      exec
        .selectFrom('tppRunEvents as e')
        .leftJoin('users as u', 'u.id', 'e.actorUserId')
        .select(['e.at', 'e.action', 'e.fromStatus', 'e.toStatus', 'e.note', 'u.displayName'])
        .where('e.runId', '=', run.id)
        .orderBy('e.at')
        .execute(),
      exec
        .selectFrom('tppObjections')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('runId', '=', run.id)
        .where('status', '=', 'DIAJUKAN')
        .executeTakeFirstOrThrow(),
      access.headOf(run, exec),
      access.todayOfUnit(run.unitId, exec),
    ]);
    const status = run.status as RunStatus;
    const isHead = !!actor.employeeId && !!head?.deciderIds.includes(actor.employeeId);
    const allowed: Record<RunAction, boolean> = {
      compute: who.runner,
      check: who.runner,
      publish: who.runner,
      approveOpd: isHead,
      approve: who.manager,
      lock: who.manager,
    };
    const blockers: string[] = [];
    if (status === 'DIUMUMKAN' && run.objectionUntil && today <= run.objectionUntil)
      blockers.push(
        `Masa keberatan berakhir ${formatDdMmYyyy(run.objectionUntil)}; persetujuan mulai ` +
          formatDdMmYyyy(addDays(run.objectionUntil, 1)),
      );
    if (Number(pending.n) > 0) blockers.push(`${pending.n} keberatan belum diputus`);
    return {
      ...summaryOf(run, names.get(run.unitId) ?? ''),
      events: events.map((e) => ({
        at: iso(e.at)!,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorName: e.displayName ?? null,
        note: e.note,
      })),
      actions: RUN_ACTIONS.filter((a) => allowed[a] && canTakeRunAction(status, a)),
      blockers,
      pendingObjections: Number(pending.n),
      head: head ? { positionName: head.positionName, vacant: head.deciderIds.length === 0 } : null,
      canRecordCorrections: status === 'DIKUNCI' && who.runner,
    };
  }

  /** GET /runs/:id (readers of the run's unit, its head, and its designated treasurer once published). */
  async function detail(actor: Actor, id: string): Promise<RunDetail> {
    const { run } = await access.financeReadableRun(actor, id);
    return present(actor, run);
  }

  const toRow = (l: LineRow): RunLineRow => ({
    employeeId: l.employeeId,
    nip: l.nip,
    name: l.name,
    golongan: l.golongan,
    positionName: l.positionName,
    employeeType: l.employeeType,
    kelas: l.kelas,
    ...storedLineAmounts(l),
    excluded: l.excluded,
    exclusionCode: l.exclusionCode,
  });

  const searchOn = (q: string | undefined) => {
    const s = q?.trim();
    return s ? `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  };

  /**
   * GET /runs/:id/lines: a reader (or the head of the run's unit, or its treasurer) sees every line; once the run is published, the employee sees their own and the
   * superior their staff's (404 for anyone else, and for them before publication). By name, searchable by name / NIP.
   */
  async function lines(actor: Actor, id: string, q: RunLinesQuery) {
    const run = await access.runRow(id);
    const who = access.standing(actor, run);
    let only: string[] | null = null;
    if (!(await access.mayRead(actor, run)) && !(await access.isTreasurer(actor, run))) {
      if (!who.published || !actor.employeeId) throw notFound('TPP');
      only = [actor.employeeId, ...(await access.staffOf(actor))];
      const visible = await db
        .selectFrom('tppRunLines')
        .select('employeeId')
        .where('runId', '=', run.id)
        .where('employeeId', 'in', only)
        .executeTakeFirst();
      if (!visible) throw notFound('TPP');
    }
    const { page, pageSize } = q;
    let query = db.selectFrom('tppRunLines').where('runId', '=', run.id);
    if (only) query = query.where('employeeId', 'in', only);
    const like = searchOn(q.q);
    if (like)
      query = query.where((eb) =>
        eb.or([eb('name', 'ilike', like), eb(sql<string>`coalesce(nip, '')`, 'like', like)]),
      );
    const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('name')
      .orderBy('employeeId')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toRow), total: Number(n), page, pageSize };
  }

  /** One line explained (what the slip prints). `withBank`: the employee themselves and readers only. */
  function explain(run: RunRow, unitName: string, l: LineRow, withBank: boolean): RunLineDetail {
    const r = readLineResult(l.breakdown);
    const inputs = readLineInputs(l.inputs);
    const book = run.rulebook as unknown as StoredRulebook;
    const byIndex = inputs.segments;
    return {
      run: {
        id: run.id,
        month: run.month,
        status: run.status as RunStatus,
        statusLabel: RUN_STATUS_LABELS[run.status as RunStatus],
        unitId: run.unitId,
        unitName,
        version: run.version,
        objectionUntil: run.objectionUntil,
        rulebook: { id: book.id, name: book.name, version: book.version, isExample: book.isExample },
      },
      employee: {
        id: l.employeeId,
        nip: l.nip,
        name: l.name,
        golongan: l.golongan,
        positionName: l.positionName,
        employeeType: l.employeeType,
      },
      amounts: r.amounts,
      excluded: r.excluded,
      kinerja: {
        score: r.kinerjaScore,
        status: inputs.kinerja.status,
        predikat: inputs.kinerja.predikat,
        method: inputs.kinerja.method,
      },
      segments: r.segments.map((s, i) => ({
        from: s.from,
        to: s.to,
        unitId: s.unitId,
        positionName: byIndex[i]?.positionName ?? null,
        positionGroup: s.positionGroup,
        kelas: s.kelasJabatan,
        tariff: s.tariff,
        tariffParts: byIndex[i]?.tariffParts ?? [],
        prorationMethod: s.breakdown.proration.method,
        daysPlaced: s.daysPlaced,
        daysInPeriod: s.daysInPeriod,
        employeeTypePercent: s.breakdown.employeeTypePercent,
        base: s.breakdown.base,
        weights: s.breakdown.weights,
        kinerjaShare: s.breakdown.components.kinerja.share,
        kinerjaAmount: s.breakdown.components.kinerja.amount,
        disiplinShare: s.breakdown.components.disiplin.share,
        deductionBase: s.breakdown.deductionBase,
        deductionBaseAmount: s.breakdown.deductionBaseAmount,
        deductionCap: s.breakdown.deductionCap,
        totalDeduction: s.breakdown.totalDeduction,
        sanctionCut: s.breakdown.sanctionCut,
        gross: s.breakdown.gross,
      })),
      deductions: r.deductions.map((d) => ({
        date: d.date,
        code: d.code,
        detail: d.detail ?? null,
        percent: d.percent,
        amount: d.amount,
        appliedAmount: d.appliedAmount,
        rule: d.rule,
        legalBasis: d.legalBasis,
        link: recapDayLink(l.employeeId, d.date),
        segmentAmounts: d.segmentAmounts ?? null,
      })),
      isCapped: r.isCapped,
      sanctions: r.sanctions,
      bpjs: r.bpjs,
      tax: r.tax,
      corrections: r.corrections.map((c) => ({
        amount: c.amount,
        applied: c.applied,
        reason: c.reason,
        originMonth: c.originMonth,
      })),
      byCause: r.byCause,
      bank:
        withBank && inputs.bank
          ? {
              bankName: inputs.bank.bankName,
              accountNumber: inputs.bank.accountNumber,
              accountHolder: inputs.bank.accountHolder,
            }
          : null,
      notes: r.notes,
    };
  }

  /** One line the caller may see (404 otherwise), with the run and its unit's name. */
  async function lineOf(actor: Actor, id: string, employeeId: string, exec: Exec = db) {
    const run = await access.runRow(id, exec);
    if (!(await access.maySeeLine(actor, run, employeeId, exec))) throw notFound('Rincian TPP');
    const l = await exec
      .selectFrom('tppRunLines')
      .selectAll()
      .where('runId', '=', run.id)
      .where('employeeId', '=', employeeId)
      .executeTakeFirst();
    if (!l) throw notFound('Rincian TPP');
    const names = await unitNames([run.unitId], exec);
    const withBank = access.standing(actor, run).reader || employeeId === actor.employeeId;
    return { run, line: l, detail: explain(run, names.get(run.unitId) ?? '', l, withBank) };
  }

  /** GET /runs/:id/lines/:employeeId. */
  async function line(actor: Actor, id: string, employeeId: string): Promise<RunLineDetail> {
    return (await lineOf(actor, id, employeeId)).detail;
  }

  /** GET /mine?month=: the caller's own lines in the month's published runs (never a draft or a checked run). */
  async function mine(actor: Actor, month: string): Promise<MyTpp> {
    if (!actor.employeeId) return { month, items: [] };
    const rows = await db
      .selectFrom('tppRunLines as l')
      .innerJoin('tppRuns as r', 'r.id', 'l.runId')
      .select('r.id')
      .where('l.employeeId', '=', actor.employeeId)
      .where('r.month', '=', month)
      .where('r.kind', '=', 'RUN')
      .where('r.status', 'in', [...PUBLISHED_STATUSES])
      .orderBy('r.unitPath')
      .execute();
    const items: RunLineDetail[] = [];
    for (const r of rows) items.push(await line(actor, r.id, actor.employeeId));
    return { month, items };
  }

  /** GET /staff?month=: the lines of the caller's staff today in the month's published runs. */
  async function staff(actor: Actor, q: StaffTppQuery) {
    const { page, pageSize } = q;
    const ids = [...(await access.staffOf(actor))];
    if (ids.length === 0) return { items: [], total: 0, page, pageSize };
    let query = db
      .selectFrom('tppRunLines as l')
      .innerJoin('tppRuns as r', 'r.id', 'l.runId')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .where('l.employeeId', 'in', ids)
      .where('r.month', '=', q.month)
      .where('r.kind', '=', 'RUN')
      .where('r.status', 'in', [...PUBLISHED_STATUSES]);
    const like = searchOn(q.q);
    if (like)
      query = query.where((eb) =>
        eb.or([eb('l.name', 'ilike', like), eb(sql<string>`coalesce(l.nip, '')`, 'like', like)]),
      );
    const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('l')
      .select(['r.month', 'r.status', 'u.name as unitName'])
      .orderBy('l.name')
      .orderBy('l.employeeId')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return {
      items: rows.map((l) => ({
        ...toRow(l),
        runId: l.runId,
        month: l.month,
        status: l.status as RunStatus,
        unitName: l.unitName,
      })),
      total: Number(n),
      page,
      pageSize,
    };
  }

  /**
   * For the notification service: resolves when the caller may open the run's notice (a reader, or, once the run
   * is published, someone with a line in it or whose staff has one); throws 404 otherwise.
   */
  async function canOpen(actor: Actor, id: string): Promise<void> {
    const run = await access.runRow(id);
    const who = access.standing(actor, run);
    if (await access.mayRead(actor, run)) return;
    if (!who.published || !actor.employeeId) throw notFound('TPP');
    const ids = [actor.employeeId, ...(await access.staffOf(actor))];
    const hit = await db
      .selectFrom('tppRunLines')
      .select('employeeId')
      .where('runId', '=', run.id)
      .where('employeeId', 'in', ids)
      .executeTakeFirst();
    if (!hit) throw notFound('TPP');
  }

  return { list, present, detail, lines, line, lineOf, mine, staff, canOpen };
}
export type RunsView = ReturnType<typeof createRunsView>;
