import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { UnitScope } from '../../auth/authz.ts';
import { unitScopeCondition } from '../../auth/authz.ts';

export interface AccountFilter {
  q?: string | undefined;
  unitPath?: string | undefined;
  role?: string | undefined;
}

/** Queries for login accounts and their role grants. */
export function createAccountsRepo(db: Db) {
  function accountQuery(scope: UnitScope, f: AccountFilter) {
    let q = db
      .selectFrom('users as a')
      .leftJoin('employees as e', 'e.id', 'a.employeeId')
      .leftJoin('units as u', 'u.id', 'e.unitId')
      // Accounts without an employee (system administrators) are visible only to whole-organisation scope.
      .where((eb) => unitScopeCondition(eb, scope, 'u.path'));
    if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
    if (f.role)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('roleGrants as g')
            .select('g.id')
            .whereRef('g.userId', '=', 'a.id')
            .where('g.role', '=', f.role!),
        ),
      );
    if (f.q) {
      const like = `%${f.q.toLowerCase()}%`;
      const digits = f.q.replace(/\s+/g, '');
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['a.username']), 'like', like),
          eb(eb.fn('lower', ['a.displayName']), 'like', like),
          ...(/^\d+$/.test(digits) ? [eb('e.nip', 'like', `${digits}%`)] : []),
        ]),
      );
    }
    return q;
  }

  const accountColumns = [
    'a.id',
    'a.username',
    'a.displayName',
    'a.employeeId',
    'e.nip',
    'e.unitId',
    'u.name as unitName',
    'u.path as unitPath',
    'a.active',
    'a.mustChangePassword',
    'a.lockedUntil',
    'a.failedAttempts',
    'a.isDemo',
    'a.passwordChangedAt',
    'a.createdAt',
  ] as const;

  return {
    listAccounts: (scope: UnitScope, f: AccountFilter, limit: number, offset: number) =>
      accountQuery(scope, f)
        .select(accountColumns)
        .orderBy('a.displayName')
        .orderBy('a.id')
        .limit(limit)
        .offset(offset)
        .execute(),

    countAccounts: (scope: UnitScope, f: AccountFilter) =>
      accountQuery(scope, f)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),

    findAccount: (id: string) =>
      db
        .selectFrom('users as a')
        .leftJoin('employees as e', 'e.id', 'a.employeeId')
        .leftJoin('units as u', 'u.id', 'e.unitId')
        .select(accountColumns)
        .where('a.id', '=', id)
        .executeTakeFirst(),

    findAccountOfEmployee: (employeeId: string) =>
      db.selectFrom('users').select('id').where('employeeId', '=', employeeId).executeTakeFirst(),

    findUsername: (username: string) =>
      db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst(),

    /** The employee an account would be made for, with the unit path for the scope check. */
    findEmployee: (id: string) =>
      db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select([
          'e.id',
          'e.nip',
          'e.internalId',
          'e.name',
          'e.frontTitle',
          'e.backTitle',
          'e.activeTo',
          'u.path as unitPath',
        ])
        .where('e.id', '=', id)
        .executeTakeFirst(),

    grantsOf: (userIds: string[]) =>
      userIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('roleGrants as g')
            .leftJoin('units as u', 'u.id', 'g.unitId')
            .leftJoin('users as by', 'by.id', 'g.grantedBy')
            .select([
              'g.id',
              'g.userId',
              'g.role',
              'g.unitId',
              'u.name as unitName',
              'u.path as unitPath',
              'by.displayName as grantedBy',
              'g.createdAt',
            ])
            .where('g.userId', 'in', userIds)
            .orderBy('g.createdAt')
            .execute(),

    findUnit: (id: string) =>
      db.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst(),
  };
}

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
