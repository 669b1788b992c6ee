import { sql } from 'kysely';
import { PREPARED, type Db } from '../../db/database.ts';

/** Queries for accounts, sessions and grants. */
export function createAccessRepo(db: Db) {
  return {
    findUserByLogin(identifier: string) {
      const digits = identifier.replace(/\s+/g, '');
      return db
        .selectFrom('users as u')
        .leftJoin('employees as e', 'e.id', 'u.employeeId')
        .selectAll('u')
        .select(['e.nip as nip'])
        .where((eb) => eb.or([eb('u.username', '=', identifier.toLowerCase()), eb('e.nip', '=', digits)]))
        .executeTakeFirst();
    },

    findUserById(id: string) {
      return db
        .selectFrom('users as u')
        .leftJoin('employees as e', 'e.id', 'u.employeeId')
        .selectAll('u')
        .select(['e.nip as nip'])
        .where('u.id', '=', id)
        .executeTakeFirst();
    },

    insertSession(s: {
      id: string;
      userId: string;
      csrfToken: string;
      expiresAt: Date;
      lastSeenAt: Date;
      ip: string | null;
      userAgent: string | null;
    }) {
      return db.insertInto('sessions').values(s).execute();
    },

    /**
     * A session with everything its actor needs, in one statement (this runs on every request): the session,
     * its user and NIP, the grants with their units, and whether the employee supervises anyone on `date`
     * (direct staff still in service, or an active Plt/Plh assignment). Undefined when there is no such session.
     */
    async sessionActor(id: string, date: string) {
      const r = await sql<{
        csrfToken: string;
        expiresAt: Date;
        lastSeenAt: Date;
        userId: string;
        username: string;
        displayName: string;
        employeeId: string | null;
        active: boolean;
        mustChangePassword: boolean;
        nip: string | null;
        grants: Array<{
          role: string;
          unitId: string | null;
          unitName: string | null;
          unitPath: string | null;
        }>;
        isAtasan: boolean;
      }>`
        ${sql.raw(PREPARED)} select s.csrf_token as "csrfToken", s.expires_at as "expiresAt", s.last_seen_at as "lastSeenAt",
          u.id as "userId", u.username, u.display_name as "displayName", u.employee_id as "employeeId",
          u.active, u.must_change_password as "mustChangePassword", e.nip,
          coalesce((select json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitName', gu.name,
              'unitPath', gu.path))
            from role_grants g left join units gu on gu.id = g.unit_id where g.user_id = u.id), '[]'::json)
            as grants,
          (u.employee_id is not null and (
            exists (select 1 from employees x where x.superior_id = u.employee_id
              and (x.active_to is null or x.active_to >= ${date}::date))
            or exists (select 1 from acting_assignments a where a.employee_id = u.employee_id
              and a.valid_from <= ${date}::date and (a.valid_to is null or a.valid_to >= ${date}::date))))
            as "isAtasan"
        from sessions s
        join users u on u.id = s.user_id
        left join employees e on e.id = u.employee_id
        where s.id = ${id}`.execute(db);
      return r.rows[0];
    },

    touchSession(id: string, at: Date) {
      return db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
    },

    deleteSession(id: string) {
      return db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    deleteOtherSessions(userId: string, keepId: string) {
      return db.deleteFrom('sessions').where('userId', '=', userId).where('id', '!=', keepId).execute();
    },

    deleteExpiredSessions(now: Date) {
      return db.deleteFrom('sessions').where('expiresAt', '<', now).execute();
    },

    /** Count a failed sign-in (restarting the count after an expired lock) and lock when asked. */
    recordFailure(userId: string, lockUntil: Date | null, restartCount = false) {
      return db
        .updateTable('users')
        .set((eb) => ({
          failedAttempts: restartCount ? 1 : eb('failedAttempts', '+', 1),
          ...(lockUntil ? { lockedUntil: lockUntil } : restartCount ? { lockedUntil: null } : {}),
        }))
        .where('id', '=', userId)
        .returning(['failedAttempts'])
        .executeTakeFirstOrThrow();
    },

    resetFailures(userId: string) {
      return db
        .updateTable('users')
        .set({ failedAttempts: 0, lockedUntil: null })
        .where('id', '=', userId)
        .execute();
    },

    countSessions() {
      return db
        .selectFrom('sessions')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
    },
  };
}

export type AccessRepo = ReturnType<typeof createAccessRepo>;
