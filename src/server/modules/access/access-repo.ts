import { sql } from 'kysely';
import { PREPARED, type Db } from '../../db/database.ts';
import { sessionActorSelect, type SessionActorRow } from './session-sql.ts';

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

    /** A session with everything its actor needs, in one statement (this runs on every request). */
    async sessionActor(id: string, date: string) {
      const r = await sql<SessionActorRow>`${sql.raw(PREPARED)} ${sessionActorSelect(id, date)}`.execute(db);
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
