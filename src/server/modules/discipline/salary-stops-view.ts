import { sql, type Selectable } from 'kysely';
import type { DisciplineSalaryStopsTable } from '../../db/schema.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { inScope, scopeOf, unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { forbidden, notFound } from '../../errors.ts';
import { DISCIPLINE_READERS, type DisciplineContext } from './discipline-context.ts';
import { scopeUnion, staffSuperiorsOf, standingOfActor } from './indications-access.ts';
import { formatFullName } from '../../../core/people/names.ts';
import {
  findLadder,
  type DisciplineEmployeeType,
  type DisciplineRules,
} from '../../../core/discipline/discipline-rules.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  SALARY_STOP_STATUS_LABELS,
  SETTLEMENT_KIND_LABELS,
  type SalaryStop,
  type SalaryStopList,
  type SalaryStopListParams,
  type SalaryStopStatus,
  type SettlementKind,
} from '../../../shared/api/discipline-indications.ts';

/** States in which the salary is (to be) stopped by decision: open stops (the unique index covers them too). */
export const OPEN: SalaryStopStatus[] = ['DILAPORKAN', 'DIVERIFIKASI', 'DIHENTIKAN', 'PENGAKTIFAN_DIAJUKAN'];
/** States in which the ten days were confirmed (a month paid in them is refunded: SETOR_KEMBALI). */
export const CONFIRMED: SalaryStopStatus[] = [
  'DIVERIFIKASI',
  'DIHENTIKAN',
  'PENGAKTIFAN_DIAJUKAN',
  'DIAKTIFKAN',
];

export interface StatementFile {
  fileId: string;
  attachmentId: string;
  fileName: string | null;
  mime: string;
}

/** `discipline_salary_stops.reactivation` as stored. */
export interface Reactivation {
  requestedBy: string;
  requestedAt: string;
  recapMonths: string[];
  note: string;
  employeeStatement: StatementFile;
  superiorStatement: StatementFile;
  decidedBy?: string | null;
  decidedAt?: string | null;
  decisionNumber?: string | null;
}

export type StopRow = Selectable<DisciplineSalaryStopsTable> & {
  name: string;
  frontTitle: string | null;
  backTitle: string | null;
  nip: string | null;
  employeeType: string;
  unitId: string | null;
  unitName: string | null;
  timeZone: string | null;
};

export const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * The reads of the salary-stops section (issue 16 point 6): a stop with the actor's standing toward it (404 for
 * outsiders), its presentation with the actions open to the actor, the list, and the months a salary is stopped.
 */
export function createSalaryStopsView(ctx: DisciplineContext) {
  const { db } = ctx;

  const base = (exec: Exec) =>
    exec
      .selectFrom('disciplineSalaryStops as s')
      .innerJoin('employees as e', 'e.id', 's.employeeId')
      .leftJoin('disciplineIndications as i', 'i.id', 's.indicationId')
      .leftJoin('units as u', (join) => join.on(sql<boolean>`u.id = coalesce(i.unit_id, e.unit_id)`))
      .selectAll('s')
      .select([
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'e.employeeType',
        'e.superiorId',
        'u.id as unitId',
        'u.name as unitName',
        'u.timeZone',
      ]);

  async function rowOf(id: string, exec: Exec, forUpdate = false): Promise<StopRow> {
    if (!isUuid(id)) throw notFound('Penghentian gaji');
    if (forUpdate)
      await sql`select id from discipline_salary_stops where id = ${id} for update`.execute(exec);
    const row = await base(exec).where('s.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Penghentian gaji');
    return row as StopRow;
  }

  /** The actor toward a stop: readers (discipline.read/manage/salary over the unit), BKD, finance, superior. */
  async function standing(actor: Actor, row: StopRow, exec: Exec) {
    const who = await standingOfActor(
      ctx,
      actor,
      { employeeId: row.employeeId, unitPath: row.unitPath },
      exec,
      ['discipline.salary'],
    );
    const finance = inScope(scopeOf(actor, 'discipline.salary'), row.unitPath);
    return { ...who, finance };
  }

  async function load(actor: Actor, id: string, exec: Exec, forUpdate = false, selfMayRead = false) {
    const row = await rowOf(id, exec, forUpdate);
    const who = await standing(actor, row, exec);
    if (!who.reader && !who.decider && !(selfMayRead && who.self)) throw notFound('Penghentian gaji');
    return { row, who };
  }

  /** The rules the stop is read with: those in force on the last day of the run. */
  const rulesOfStop = (row: Pick<StopRow, 'streakTo'>, exec: Exec) => ctx.rulesOn(row.streakTo, exec);

  function requiredDays(rules: DisciplineRules, employeeType: string): number {
    return findLadder(rules, employeeType as DisciplineEmployeeType)?.consecutive?.days ?? 10;
  }

  /** The month (YYYY-MM) of an instant in the unit's zone. */
  const monthOf = (at: Date, zone: string | null) =>
    localDateAt(at.getTime(), (zone ?? 'Asia/Jakarta') as IndonesianTimeZone).slice(0, 7);

  function suggestion(row: StopRow): SettlementKind | null {
    const done = new Set(row.settlements.map((s) => s.kind));
    if (row.status === 'DIBATALKAN' && row.stoppedAt && !done.has('BAYAR_KEMBALI')) return 'BAYAR_KEMBALI';
    if (
      CONFIRMED.includes(row.status as SalaryStopStatus) &&
      row.stoppedAt &&
      monthOf(row.stoppedAt, row.timeZone) > row.fromMonth &&
      !done.has('SETOR_KEMBALI')
    )
      return 'SETOR_KEMBALI';
    return null;
  }

  function settleKinds(row: StopRow): SettlementKind[] {
    const kinds: SettlementKind[] = [];
    if (row.status === 'DIBATALKAN' && row.stoppedAt) kinds.push('BAYAR_KEMBALI');
    if (CONFIRMED.includes(row.status as SalaryStopStatus)) kinds.push('SETOR_KEMBALI');
    return kinds;
  }

  async function present(
    row: StopRow,
    who: Awaited<ReturnType<typeof standing>>,
    exec: Exec,
  ): Promise<SalaryStop> {
    const rules = await rulesOfStop(row, exec);
    const re = row.reactivation as unknown as Reactivation | null;
    const userIds = [
      row.notifiedBy,
      row.verifiedBy,
      row.stoppedBy,
      re?.requestedBy,
      re?.decidedBy,
      ...row.settlements.map((s) => s.recordedBy),
    ].filter((x): x is string => !!x);
    const names = new Map(
      userIds.length
        ? (
            await exec.selectFrom('users').select(['id', 'displayName']).where('id', 'in', userIds).execute()
          ).map((u) => [u.id, u.displayName])
        : [],
    );
    const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
    const status = row.status as SalaryStopStatus;
    const file = (f: StatementFile | undefined) =>
      f ? { id: f.fileId, fileName: f.fileName, mime: f.mime } : null;
    return {
      id: row.id,
      employeeId: row.employeeId,
      employeeName: formatFullName({
        frontTitle: row.frontTitle ?? undefined,
        name: row.name,
        backTitle: row.backTitle ?? undefined,
      }),
      nip: row.nip,
      unitId: row.unitId,
      unitName: row.unitName,
      indicationId: row.indicationId,
      caseId: row.caseId,
      streak: { from: row.streakFrom, to: row.streakTo, days: row.streakDays },
      requiredDays: requiredDays(rules, row.employeeType),
      fromMonth: row.fromMonth,
      status,
      statusLabel: SALARY_STOP_STATUS_LABELS[status] ?? status,
      legalBasis: rules.procedure.salaryStop.legalBasis,
      notified: { byName: nameOf(row.notifiedBy), at: row.notifiedAt.toISOString() },
      verification:
        row.verifiedAt && row.confirmedDays !== null
          ? {
              byName: nameOf(row.verifiedBy),
              at: row.verifiedAt.toISOString(),
              confirmedDays: row.confirmedDays,
              note: row.verificationNote ?? '',
            }
          : null,
      stop:
        row.stoppedAt && row.stopDecisionNumber
          ? {
              byName: nameOf(row.stoppedBy),
              at: row.stoppedAt.toISOString(),
              decisionNumber: row.stopDecisionNumber,
            }
          : null,
      reactivation: re
        ? {
            requestedByName: nameOf(re.requestedBy),
            requestedAt: re.requestedAt,
            recapMonths: re.recapMonths,
            note: re.note,
            employeeStatement: file(re.employeeStatement),
            superiorStatement: file(re.superiorStatement),
            decidedByName: nameOf(re.decidedBy),
            decidedAt: re.decidedAt ?? null,
            decisionNumber: re.decisionNumber ?? null,
            fromMonth: row.reactivatedFromMonth,
          }
        : null,
      settlements: row.settlements.map((s) => ({
        kind: s.kind,
        kindLabel: SETTLEMENT_KIND_LABELS[s.kind],
        months: s.months,
        note: s.note,
        byName: nameOf(s.recordedBy),
        at: s.recordedAt,
      })),
      settlementSuggested: suggestion(row),
      actions: {
        verify: who.manager && ['DILAPORKAN', 'DIVERIFIKASI', 'DIHENTIKAN'].includes(status),
        stop: who.finance && status === 'DIVERIFIKASI',
        requestReactivation: who.decider && status === 'DIHENTIKAN',
        reactivate: who.finance && status === 'PENGAKTIFAN_DIAJUKAN',
        settle: who.finance && settleKinds(row).length > 0,
      },
    };
  }

  /**
   * GET /salary-stops/:id (also the notification service's access check): also the employee whose salary it is,
   * who is told of every step (the steps themselves stay with the officials).
   */
  async function get(actor: Actor, id: string): Promise<SalaryStop> {
    const { row, who } = await load(actor, id, db, false, true);
    return present(row, who, db);
  }

  /** GET /salary-stops: BKD, finance and discipline readers over their scope; superiors their staff's. */
  async function list(actor: Actor, q: SalaryStopListParams): Promise<SalaryStopList> {
    const scope = scopeUnion(actor, [...DISCIPLINE_READERS, 'discipline.salary']);
    const sups = await staffSuperiorsOf(ctx, actor);
    if (scope !== 'all' && scope.length === 0 && !actor.isAtasan && sups.length <= 1)
      throw forbidden('Anda tidak berwenang melihat penghentian gaji');
    let unitPath: string | null = null;
    if (q.unitId) {
      const u = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!u) throw notFound('Unit');
      unitPath = u.path;
    }
    const filtered = () => {
      let query = base(db).where((eb) =>
        eb.or([
          unitScopeCondition(eb, scope, 's.unitPath'),
          ...(sups.length ? [eb('e.superiorId', 'in', sups)] : []),
        ]),
      );
      if (q.status) query = query.where('s.status', '=', q.status);
      if (unitPath) query = query.where('s.unitPath', 'like', `${unitPath}%`);
      if (q.q) {
        const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like)]));
      }
      return query;
    };
    const [rows, count] = await Promise.all([
      filtered()
        .orderBy('s.notifiedAt', 'desc')
        .orderBy('s.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      db
        .selectFrom(filtered().as('x'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const items = [];
    for (const r of rows) {
      const row = r as StopRow;
      const {
        reactivation: _r,
        settlements: _s,
        verification: _v,
        stop: _t,
        ...rest
      } = await present(row, await standing(actor, row, db), db);
      items.push(rest);
    }
    return { items, total: Number(count.n), page: q.page, pageSize: q.pageSize };
  }

  /**
   * Employees whose salary is stopped in `month` (YYYY-MM): a stop decided by the KPA (DIHENTIKAN or later, not
   * cancelled) from its first month until the month of re-activation (exclusive). For TPP / payroll; `exec`: the
   * caller's transaction (a TPP run reads inside its own).
   */
  async function stoppedInMonth(
    employeeIds: readonly string[],
    month: string,
    exec: Exec = db,
  ): Promise<Set<string>> {
    if (employeeIds.length === 0) return new Set();
    const rows = await exec
      .selectFrom('disciplineSalaryStops')
      .select('employeeId')
      .where('employeeId', 'in', [...employeeIds])
      .where('status', 'in', ['DIHENTIKAN', 'PENGAKTIFAN_DIAJUKAN', 'DIAKTIFKAN'])
      .where('fromMonth', '<=', month)
      .where((eb) => eb.or([eb('reactivatedFromMonth', 'is', null), eb('reactivatedFromMonth', '>', month)]))
      .execute();
    return new Set(rows.map((r) => r.employeeId));
  }

  return {
    rowOf,
    standing,
    load,
    rulesOfStop,
    requiredDays,
    present,
    settleKinds,
    get,
    list,
    stoppedInMonth,
  };
}
