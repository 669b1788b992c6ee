import { sql, type SqlBool } from 'kysely';
import { unitScopeCondition, type UnitScope } from '../../auth/authz.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';

/** Filters of the case list (already validated by the contract). */
export interface CaseListFilter {
  q?: string | undefined;
  unitPath?: string | null;
  state?: string | undefined;
  level?: string | undefined;
  source?: string | undefined;
  from?: LocalDate | undefined;
  to?: LocalDate | undefined;
}

/** Who may see which cases in the list: readers' subtrees, and the cases the person is a party to. */
export interface CaseListAccess {
  scope: UnitScope;
  employeeId: string | null;
  /** The superiors of record the person decides for (themselves and the posts they act in). */
  superiorIds: string[];
}

/**
 * SQL of the cases section (no rules, no access decisions: the service passes the scope and the party ids).
 * Source: docs/modules.md (repo).
 */
export function createCasesRepo() {
  /** The list query with access and filters applied (for counting and paging). */
  function listQuery(exec: Exec, access: CaseListAccess, f: CaseListFilter) {
    const me = access.employeeId;
    let q = exec
      .selectFrom('disciplineCases as c')
      .innerJoin('employees as e', 'e.id', 'c.employeeId')
      .innerJoin('units as u', 'u.id', 'c.unitId')
      .where((eb) => {
        const ors = [unitScopeCondition(eb, access.scope, 'c.unitPath')];
        if (me) {
          ors.push(eb('c.employeeId', '=', me));
          ors.push(
            eb.exists(
              eb
                .selectFrom('disciplineTeamMembers as tm')
                .select('tm.caseId')
                .whereRef('tm.caseId', '=', 'c.id')
                .where('tm.employeeId', '=', me),
            ),
          );
          ors.push(
            sql<SqlBool>`coalesce(c.next_holder->'employeeIds', '[]'::jsonb) @> jsonb_build_array(${me}::text)`,
          );
          ors.push(
            eb.exists(
              eb
                .selectFrom('disciplineExaminations as x')
                .select('x.caseId')
                .whereRef('x.caseId', '=', 'c.id')
                .where(
                  sql<SqlBool>`coalesce(x.reported_to->'deciderIds', '[]'::jsonb) @> jsonb_build_array(${me}::text)`,
                ),
            ),
          );
          ors.push(
            eb.exists(
              eb
                .selectFrom('disciplineSanctions as s')
                .select('s.id')
                .whereRef('s.caseId', '=', 'c.id')
                .where('s.decidedByEmployee', '=', me),
            ),
          );
          if (access.superiorIds.length > 0) ors.push(eb('e.superiorId', 'in', access.superiorIds));
        }
        return eb.or(ors);
      });
    if (f.unitPath) q = q.where('c.unitPath', 'like', `${f.unitPath}%`);
    if (f.state) q = q.where('c.state', '=', f.state);
    if (f.level) q = q.where('c.expectedLevel', '=', f.level);
    if (f.source) q = q.where('c.source', '=', f.source);
    if (f.from) q = q.where('c.violationDate', '>=', f.from);
    if (f.to) q = q.where('c.violationDate', '<=', f.to);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      q = q.where((eb) =>
        eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like), eb('c.caseNumber', 'ilike', like)]),
      );
    }
    return q;
  }

  async function list(exec: Exec, access: CaseListAccess, f: CaseListFilter, page: number, pageSize: number) {
    const base = listQuery(exec, access, f);
    const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select([
        'c.id',
        'c.caseNumber',
        'c.employeeId',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'c.unitId',
        'u.name as unitName',
        'u.timeZone',
        'c.source',
        'c.track',
        'c.procedure',
        'c.violationDate',
        'c.expectedLevel',
        'c.state',
        'c.nextStep',
        'c.nextDue',
        'c.createdAt',
      ])
      .orderBy('c.createdAt', 'desc')
      .orderBy('c.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { total: Number(total.n), rows };
  }

  /** The case with its employee, position and unit, for the view. */
  const caseWithPeople = (exec: Exec, id: string) =>
    exec
      .selectFrom('disciplineCases as c')
      .innerJoin('employees as e', 'e.id', 'c.employeeId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .innerJoin('units as u', 'u.id', 'c.unitId')
      .leftJoin('users as ou', 'ou.id', 'c.openedBy')
      .selectAll('c')
      .select([
        'e.name as employeeName',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'p.name as positionName',
        'p.kind as currentPositionKind',
        'u.name as unitName',
        'u.timeZone',
        'ou.displayName as openedByName',
      ])
      .where('c.id', '=', id)
      .executeTakeFirstOrThrow();

  const violations = (exec: Exec, caseId: string) =>
    exec
      .selectFrom('disciplineCaseViolations')
      .selectAll()
      .where('caseId', '=', caseId)
      .orderBy('occurredOn')
      .orderBy('createdAt')
      .execute();

  const events = (exec: Exec, caseId: string) =>
    exec
      .selectFrom('disciplineCaseEvents as ev')
      .leftJoin('employees as ae', 'ae.id', 'ev.actorEmployeeId')
      .leftJoin('users as au', 'au.id', 'ev.actorUserId')
      .selectAll('ev')
      .select(['ae.name as actorName', 'ae.frontTitle', 'ae.backTitle', 'au.displayName as actorUserName'])
      .where('ev.caseId', '=', caseId)
      .orderBy('ev.at')
      .orderBy('ev.id')
      .execute();

  const team = (exec: Exec, caseId: string) =>
    exec
      .selectFrom('disciplineTeamMembers as t')
      .innerJoin('employees as e', 'e.id', 't.employeeId')
      .select([
        't.employeeId',
        't.role',
        't.isChair',
        't.positionName',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
      ])
      .where('t.caseId', '=', caseId)
      .orderBy('t.isChair', 'desc')
      .orderBy('t.addedAt')
      .execute();

  const summonses = (exec: Exec, caseId: string) =>
    exec.selectFrom('disciplineSummons').selectAll().where('caseId', '=', caseId).orderBy('seq').execute();

  const summons = (exec: Exec, caseId: string, seq: number) =>
    exec
      .selectFrom('disciplineSummons')
      .selectAll()
      .where('caseId', '=', caseId)
      .where('seq', '=', seq)
      .executeTakeFirst();

  const examination = (exec: Exec, caseId: string) =>
    exec.selectFrom('disciplineExaminations').selectAll().where('caseId', '=', caseId).executeTakeFirst();

  const sanction = (exec: Exec, caseId: string) =>
    exec.selectFrom('disciplineSanctions').selectAll().where('caseId', '=', caseId).executeTakeFirst();

  const appeals = (exec: Exec, caseId: string) =>
    exec
      .selectFrom('disciplineAppeals')
      .selectAll()
      .where('caseId', '=', caseId)
      .orderBy('createdAt')
      .execute();

  /** Names of employees by id. */
  async function names(exec: Exec, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return exec
      .selectFrom('employees')
      .select(['id', 'name', 'frontTitle', 'backTitle', 'nip'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
  }

  /** An employee as the procedure checks them (service span, type, unit). */
  const employee = (exec: Exec, id: string) =>
    exec
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select([
        'e.id',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.employeeType',
        'e.activeFrom',
        'e.activeTo',
        'e.unitId',
        'u.path as unitPath',
        'u.name as unitName',
      ])
      .where('e.id', '=', id)
      .executeTakeFirst();

  /** The kelas jabatan of positions by id. */
  async function kelasOf(exec: Exec, positionIds: readonly string[]) {
    const ids = [...new Set(positionIds)];
    if (ids.length === 0) return new Map<string, number | null>();
    const rows = await exec
      .selectFrom('positions')
      .select(['id', 'kelasJabatan'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.kelasJabatan]));
  }

  /** An open case (not final) of the employee for the same violation on the same date, if any. */
  const openDuplicate = (exec: Exec, employeeId: string, code: string, date: LocalDate) =>
    exec
      .selectFrom('disciplineCases as c')
      .innerJoin('disciplineCaseViolations as v', 'v.caseId', 'c.id')
      .select(['c.id', 'c.caseNumber'])
      .where('c.employeeId', '=', employeeId)
      .where('v.violationCode', '=', code)
      .where('v.occurredOn', '=', date)
      .where('c.state', 'not in', ['SELESAI', 'DIHENTIKAN'])
      .executeTakeFirst();

  return {
    list,
    caseWithPeople,
    violations,
    events,
    team,
    summonses,
    summons,
    examination,
    sanction,
    appeals,
    names,
    employee,
    kelasOf,
    openDuplicate,
  };
}
export type CasesRepo = ReturnType<typeof createCasesRepo>;
