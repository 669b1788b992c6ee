import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { inScope, unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { DISCIPLINE_READERS, type DisciplineContext } from './discipline-context.ts';
import { actingAs, scopeUnion, staffSuperiorsOf, standingOfActor } from './indications-access.ts';
import {
  ATTENDANCE_VIOLATION,
  CLOSING_CTX,
  createIndicationScan,
  type StoredEvidence,
} from './indications-scan.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import {
  DISCIPLINE_LEVEL_LABELS,
  INDICATION_SOURCE_LABELS,
  INDICATION_STATUS_LABELS,
  SALARY_STOP_STATUS_LABELS,
  type DismissIndicationInput,
  type IndicationDetail,
  type IndicationEvidence,
  type IndicationList,
  type IndicationListParams,
  type IndicationScanResult,
  type IndicationSource,
  type IndicationStatus,
  type IndicationSummary,
  type OpenFromIndicationInput,
  type SalaryStopStatus,
} from '../../../shared/api/discipline-indications.ts';

type IndicationRow = Awaited<ReturnType<ReturnType<typeof indicationQueries>['byId']>> & object;

/** The reads of the section (SQL only). */
function indicationQueries(exec: Exec) {
  const base = () =>
    exec
      .selectFrom('disciplineIndications as i')
      .innerJoin('employees as e', 'e.id', 'i.employeeId')
      .innerJoin('units as u', 'u.id', 'i.unitId')
      .select([
        'i.id',
        'i.employeeId',
        'i.unitId',
        'i.unitPath',
        'i.year',
        'i.source',
        'i.step',
        'i.level',
        'i.sanctionCode',
        'i.totalDays',
        'i.reachedOn',
        'i.salaryStop',
        'i.salaryStopFromMonth',
        'i.evidence',
        'i.reasons',
        'i.regulationSet',
        'i.status',
        'i.caseId',
        'i.decidedBy',
        'i.decidedAs',
        'i.decidedAt',
        'i.dismissReason',
        'i.foundAt',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'e.employeeType',
        'e.superiorId',
        'u.name as unitName',
      ]);
  return {
    base,
    byId: (id: string) => base().where('i.id', '=', id).executeTakeFirst(),
  };
}

const nameOf = (r: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: r.frontTitle ?? undefined,
    name: r.name,
    backTitle: r.backTitle ?? undefined,
  });

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * The indications section (issue 16 point 1; regulations.md §1.3, §1.4, §1.8, §1.11): what the rules core
 * indicates after a recap build, stored per employee, year, source and step with its evidence (the TK days and
 * minute days that count, the consecutive run, the valid reasons already recorded in the span) and never a
 * sanction: the direct superior (or their Plt/Plh) or BKD opens a case from it or dismisses it with a reason.
 */
export function createIndicationsSection(ctx: DisciplineContext) {
  const { db, audit, clock } = ctx;
  const { scan } = createIndicationScan(ctx);

  // ------------------------------------------------------------------------------------------ scan

  /** The month-closing listener: stores the closed subtree's indications in the closing's transaction. */
  async function scanClosedMonth(
    trx: Transaction<Database>,
    e: { unitId: string; unitPath: string; month: string; closedAt: Date },
  ): Promise<void> {
    await scan(trx, { id: e.unitId, path: e.unitPath }, e.month, CLOSING_CTX);
  }

  /**
   * POST /indications/scan: the same on request, by a holder of discipline.read / recap.close over the unit or a
   * superior for their own unit. Audited when it stored something.
   */
  async function scanUnit(
    actor: Actor,
    input: { unitId: string; month: string },
  ): Promise<IndicationScanResult> {
    return db.transaction().execute(async (trx) => {
      const unit = await trx
        .selectFrom('units')
        .select(['id', 'path'])
        .where('id', '=', input.unitId)
        .executeTakeFirst();
      if (!unit) throw notFound('Unit');
      const byRole = scopeUnion(actor, [...DISCIPLINE_READERS, 'recap.close']);
      let allowed = inScope(byRole, unit.path);
      if (!allowed && actor.employeeId) {
        const own = await trx
          .selectFrom('employees')
          .select('unitId')
          .where('id', '=', actor.employeeId)
          .executeTakeFirst();
        const staff = await staffSuperiorsOf(ctx, actor);
        const hasStaff = await trx
          .selectFrom('employees')
          .select('id')
          .where('superiorId', 'in', staff)
          .executeTakeFirst();
        allowed = own?.unitId === unit.id && !!hasStaff;
      }
      if (!allowed) throw forbidden('Anda tidak berwenang memindai indikasi disiplin unit ini');
      const r = await scan(trx, unit, input.month, ctxOf(actor));
      if (r.created + r.superseded > 0)
        await audit.record(trx, ctxOf(actor), {
          action: 'discipline.indications_scanned',
          entityType: 'unit',
          entityId: unit.id,
          unitId: unit.id,
          after: { month: input.month, created: r.created, superseded: r.superseded },
        });
      return r;
    });
  }

  // ------------------------------------------------------------------------------------------ reads

  function summaryOf(r: IndicationRow): IndicationSummary {
    const ev = r.evidence as unknown as StoredEvidence;
    const source = r.source as IndicationSource;
    const status = r.status as IndicationStatus;
    return {
      id: r.id,
      employeeId: r.employeeId,
      employeeName: nameOf(r),
      nip: r.nip,
      employeeType: r.employeeType,
      unitId: r.unitId,
      unitName: r.unitName,
      year: r.year,
      source,
      sourceLabel: INDICATION_SOURCE_LABELS[source],
      step: r.step,
      level: r.level as DisciplineLevel,
      levelLabel: DISCIPLINE_LEVEL_LABELS[r.level as DisciplineLevel],
      sanctionCode: r.sanctionCode,
      sanctionName: ev.sanction.name,
      headline: ev.headline,
      totalDays: r.totalDays,
      reachedOn: r.reachedOn,
      salaryStop: r.salaryStop,
      salaryStopFromMonth: r.salaryStopFromMonth,
      status,
      statusLabel: INDICATION_STATUS_LABELS[status],
      caseId: r.caseId,
      foundAt: r.foundAt.toISOString(),
    };
  }

  function evidenceOut(ev: StoredEvidence): IndicationEvidence {
    return {
      tkDays: ev.days.filter((d) => d.lateMinutes + d.earlyMinutes === 0).map((d) => d.date),
      minuteDays: ev.days
        .filter((d) => d.lateMinutes + d.earlyMinutes > 0)
        .map((d) => ({ date: d.date, lateMinutes: d.lateMinutes, earlyMinutes: d.earlyMinutes })),
      tkCount: ev.tkCount,
      lateMinutes: ev.lateMinutes,
      earlyMinutes: ev.earlyMinutes,
      minutesPerDay: ev.minutesPerDay,
      minutesAsDays: ev.minutesAsDays,
      run: ev.streak,
      span: ev.span,
      excused: ev.excused,
    };
  }

  /** The row and the actor's standing, or 404 for who may not see it (the employee neither). */
  async function loadFor(actor: Actor, id: string, exec: Exec, forUpdate = false) {
    if (!isUuid(id)) throw notFound('Indikasi disiplin');
    if (forUpdate) await sql`select id from discipline_indications where id = ${id} for update`.execute(exec);
    const row = await indicationQueries(exec).byId(id);
    if (!row) throw notFound('Indikasi disiplin');
    const who = await standingOfActor(ctx, actor, row, exec);
    if (!who.reader && !who.decider) throw notFound('Indikasi disiplin');
    return { row, who };
  }

  async function detailOf(
    row: IndicationRow,
    who: Awaited<ReturnType<typeof standingOfActor>>,
    exec: Exec,
  ): Promise<IndicationDetail> {
    const ev = row.evidence as unknown as StoredEvidence;
    const [decider, kase, stop] = await Promise.all([
      row.decidedBy
        ? exec.selectFrom('users').select('displayName').where('id', '=', row.decidedBy).executeTakeFirst()
        : undefined,
      row.caseId
        ? exec
            .selectFrom('disciplineCases')
            .select('caseNumber')
            .where('id', '=', row.caseId)
            .executeTakeFirst()
        : undefined,
      exec
        .selectFrom('disciplineSalaryStops')
        .select(['id', 'status'])
        .where('indicationId', '=', row.id)
        .orderBy('notifiedAt', 'desc')
        .executeTakeFirst(),
    ]);
    const open = row.status === 'BARU' && !who.self && (who.decider || who.manager);
    let salaryTypes: readonly string[] = [];
    if (row.salaryStop && !stop && who.decider && row.status !== 'DIABAIKAN' && row.status !== 'DIGANTIKAN')
      salaryTypes = (await ctx.rulesOn(row.reachedOn ?? `${row.year}-12-31`, exec)).procedure.salaryStop
        .employeeTypes;
    return {
      ...summaryOf(row),
      evidence: evidenceOut(ev),
      reasons: row.reasons,
      regulationSet: row.regulationSet,
      sanction: ev.sanction,
      caseNumber: kase?.caseNumber ?? null,
      decision: row.decidedAt
        ? {
            byName: decider?.displayName ?? null,
            as: (row.decidedAs as 'PLT' | 'PLH' | null) ?? null,
            at: row.decidedAt.toISOString(),
            dismissReason: row.dismissReason,
          }
        : null,
      salaryStopRecord: stop
        ? {
            id: stop.id,
            status: stop.status,
            statusLabel: SALARY_STOP_STATUS_LABELS[stop.status as SalaryStopStatus] ?? stop.status,
          }
        : null,
      actions: {
        open,
        dismiss: open,
        reportSalaryStop: salaryTypes.includes(row.employeeType),
      },
    };
  }

  /** GET /indications/:id (also the notification service's access check). */
  async function get(actor: Actor, id: string): Promise<IndicationDetail> {
    const { row, who } = await loadFor(actor, id, db);
    return detailOf(row, who, db);
  }

  /**
   * GET /indications: discipline.read holders see their scope, superiors (and their Plt/Plh) their staff's.
   * Filters: status, source, unit subtree, year, name / NIP. Newest first.
   */
  async function list(actor: Actor, q: IndicationListParams): Promise<IndicationList> {
    const scope = scopeUnion(actor, DISCIPLINE_READERS);
    const sups = await staffSuperiorsOf(ctx, actor);
    if (scope !== 'all' && scope.length === 0 && !actor.isAtasan && sups.length <= 1)
      throw forbidden('Anda tidak berwenang melihat indikasi disiplin');
    const { page, pageSize } = q;
    let unitPath: string | null = null;
    if (q.unitId) {
      const u = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!u) throw notFound('Unit');
      unitPath = u.path;
    }
    const filtered = () => {
      let query = indicationQueries(db)
        .base()
        .where((eb) =>
          eb.or([
            unitScopeCondition(eb, scope, 'i.unitPath'),
            ...(sups.length ? [eb('e.superiorId', 'in', sups)] : []),
          ]),
        );
      if (q.status) query = query.where('i.status', '=', q.status);
      if (q.source) query = query.where('i.source', '=', q.source);
      if (q.year) query = query.where('i.year', '=', q.year);
      if (unitPath) query = query.where('i.unitPath', 'like', `${unitPath}%`);
      if (q.q) {
        const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like)]));
      }
      return query;
    };
    const [rows, count] = await Promise.all([
      filtered()
        .orderBy('i.foundAt', 'desc')
        .orderBy('e.name')
        .orderBy('i.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      db
        .selectFrom(filtered().as('x'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(summaryOf), total: Number(count.n), page, pageSize };
  }

  // ------------------------------------------------------------------------------------------ decisions

  /** Who may decide on an indication: its employee's superior today (or Plt/Plh) or discipline.manage; never the employee. */
  function requireDecider(who: Awaited<ReturnType<typeof standingOfActor>>, what: string) {
    if (who.self) throw forbidden(`Anda tidak dapat ${what} indikasi disiplin Anda sendiri`);
    if (!who.decider && !who.manager)
      throw forbidden(
        `Hanya atasan langsung pegawai (atau Plt/Plh-nya) atau BKD yang dapat ${what} indikasi disiplin ini`,
      );
  }

  function requireNew(row: IndicationRow) {
    if (row.status !== 'BARU')
      throw new AppError(
        'CONFLICT',
        `Indikasi ini sudah ${INDICATION_STATUS_LABELS[row.status as IndicationStatus].toLowerCase()}`,
        { status: row.status },
      );
  }

  /** POST /indications/:id/open: a case from the indication (source INDIKASI, violation PASAL_4_F). */
  async function open(actor: Actor, id: string, input: OpenFromIndicationInput): Promise<IndicationDetail> {
    return db.transaction().execute(async (trx) => {
      const { row, who } = await loadFor(actor, id, trx, true);
      requireDecider(who, 'membuka kasus dari');
      requireNew(row);
      const as = who.decider ? await actingAs(ctx, actor, row.employeeId, trx) : null;
      const ev = row.evidence as unknown as StoredEvidence;
      const occurredOn = row.reachedOn ?? ev.span?.to ?? `${row.year}-12-31`;
      const rules = await ctx.rulesOn(occurredOn, trx);
      const violation = rules.procedure.violations.find((v) => v.code === ATTENDANCE_VIOLATION);
      const expectedLevel = input.expectedLevel ?? (row.level as DisciplineLevel);
      const summary =
        input.summary ??
        `${ev.headline} (indikasi ${INDICATION_SOURCE_LABELS[row.source as IndicationSource].toLowerCase()} tahun ${row.year})`;
      const kase = await ctx.openCase(trx, actor, {
        employeeId: row.employeeId,
        source: 'INDIKASI',
        sourceRef: row.id,
        violationDate: occurredOn,
        summary,
        expectedLevel,
        track: 'disiplin',
        openedAs: as,
        violations: [
          {
            indicationId: row.id,
            violationCode: ATTENDANCE_VIOLATION,
            article: violation?.article ?? 'PP 94/2021 Pasal 4 huruf f',
            occurredOn,
            description: ev.headline,
            level: row.level as DisciplineLevel,
          },
        ],
      });
      const now = clock.now();
      await trx
        .updateTable('disciplineIndications')
        .set({
          status: 'DIPROSES',
          caseId: kase.id,
          decidedBy: actor.userId,
          decidedByEmployee: actor.employeeId,
          decidedAs: as,
          decidedAt: now,
        })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'discipline.indication_opened',
        entityType: 'discipline_indication',
        entityId: row.id,
        unitId: row.unitId,
        before: { status: row.status },
        after: { status: 'DIPROSES', caseId: kase.id, caseNumber: kase.caseNumber, expectedLevel, as },
      });
      const fresh = await loadFor(actor, id, trx);
      return detailOf(fresh.row, fresh.who, trx);
    });
  }

  /** POST /indications/:id/dismiss: DIABAIKAN with the reason (e.g. a valid reason the data missed). */
  async function dismiss(actor: Actor, id: string, input: DismissIndicationInput): Promise<IndicationDetail> {
    return db.transaction().execute(async (trx) => {
      const { row, who } = await loadFor(actor, id, trx, true);
      requireDecider(who, 'mengabaikan');
      requireNew(row);
      const as = who.decider ? await actingAs(ctx, actor, row.employeeId, trx) : null;
      const reason = input.reason.trim();
      await trx
        .updateTable('disciplineIndications')
        .set({
          status: 'DIABAIKAN',
          dismissReason: reason,
          decidedBy: actor.userId,
          decidedByEmployee: actor.employeeId,
          decidedAs: as,
          decidedAt: clock.now(),
        })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'discipline.indication_dismissed',
        entityType: 'discipline_indication',
        entityId: row.id,
        unitId: row.unitId,
        before: { status: row.status },
        after: { status: 'DIABAIKAN', reason, as },
      });
      const fresh = await loadFor(actor, id, trx);
      return detailOf(fresh.row, fresh.who, trx);
    });
  }

  /** The stored row (no access check): for the salary-stops section, which checks access itself. */
  const rowOf = (id: string, exec: Exec = db) =>
    isUuid(id) ? indicationQueries(exec).byId(id) : Promise.resolve(undefined);

  return { get, list, open, dismiss, scanUnit, scanClosedMonth, rowOf };
}

export type IndicationsSection = ReturnType<typeof createIndicationsSection>;
