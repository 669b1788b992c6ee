import { sql, type Transaction } from 'kysely';
import { PREPARED, type Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { FailureCounter, Reservation } from '../../core/access/login-throttle.ts';
import { sessionActorSelect, type SessionActorRow } from './session-sql.ts';

type Trx = Transaction<Database>;
/** The counter of an account over all its sources, beside the per-source rows. */
const ACCOUNT_SOURCE = '*';
const at = (ms: number | null) => (ms === null ? null : new Date(ms));
const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** Queries for accounts, sessions and grants. */
export function createAccessRepo(db: Db) {
  return {
    findUserByLogin(identifier: string) {
      const digits = identifier.replace(/\s+/g, '');
      return db
        .selectFrom('users as u')
        .leftJoin('employees as e', 'e.id', 'u.employeeId')
        .selectAll('u')
        .select(['e.nip as nip', 'e.name as employeeName'])
        .where((eb) => eb.or([eb('u.username', '=', identifier.toLowerCase()), eb('e.nip', '=', digits)]))
        .executeTakeFirst();
    },

    findUserById(id: string) {
      return db
        .selectFrom('users as u')
        .leftJoin('employees as e', 'e.id', 'u.employeeId')
        .selectAll('u')
        .select(['e.nip as nip', 'e.name as employeeName'])
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

    /**
     * The failure counters of an account over all sources (row `*`) and of one source, inside the reservation
     * transaction. The account's users row is locked first, so attempts on one account are counted one after
     * the other whatever the engine.
     */
    async lockCounters(trx: Trx, userId: string, source: string) {
      await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const rows = await trx
        .selectFrom('loginThrottles')
        .select(['source', 'failures', 'lockedUntil', 'lastFailedAt'])
        .where('userId', '=', userId)
        .where('source', 'in', [ACCOUNT_SOURCE, source])
        .execute();
      const counter = (src: string): FailureCounter | undefined => {
        const r = rows.find((x) => x.source === src);
        return (
          r && { failures: r.failures, lockedUntil: ms(r.lockedUntil), lastFailedAt: ms(r.lastFailedAt) }
        );
      };
      return {
        account: counter(ACCOUNT_SOURCE) ?? { failures: 0, lockedUntil: null, lastFailedAt: null },
        source: counter(source),
      };
    },

    /**
     * Store a reserved attempt (counted as a failure until it succeeds) in the source's and the account's
     * counters, and what administrators see on the users row: the account's count, and the latest lock of any
     * source (users.locked_until is only ever raised here: setting it to null is how an administrator clears
     * every counter, trigger users_unlock_clears_throttles).
     */
    async storeReservation(
      trx: Trx,
      userId: string,
      source: string,
      r: Extract<Reservation, { kind: 'reserved' }>,
    ) {
      for (const [src, c] of [
        [source, r.source],
        [ACCOUNT_SOURCE, r.account],
      ] as const) {
        const values = {
          failures: c.failures,
          lockedUntil: at(c.lockedUntil),
          lastFailedAt: at(c.lastFailedAt)!,
        };
        await trx
          .insertInto('loginThrottles')
          .values({ userId, source: src, ...values })
          .onConflict((oc) => oc.columns(['userId', 'source']).doUpdateSet(values))
          .execute();
      }
      const lock = r.engaged ? new Date(r.engaged.lockedUntil) : null;
      await trx
        .updateTable('users')
        .set({
          failedAttempts: r.account.failures,
          ...(lock ? { lockedUntil: sql<Date>`greatest(coalesce(locked_until, ${lock}), ${lock})` } : {}),
        })
        .where('id', '=', userId)
        .execute();
    },

    /**
     * A verified password: the account's count and this source's count start again (other sources keep
     * theirs); an account lock engaged by this very attempt's reservation ends now. users.locked_until shows the
     * latest lock still in force elsewhere, or now (never null: see storeReservation).
     */
    async resetAfterSuccess(trx: Trx, userId: string, source: string, now: Date) {
      // The users row first: its lock orders this reset with the reservations of the same account.
      await trx.updateTable('users').set({ failedAttempts: 0 }).where('id', '=', userId).execute();
      await trx
        .deleteFrom('loginThrottles')
        .where('userId', '=', userId)
        .where('source', '=', source)
        .execute();
      await trx
        .updateTable('loginThrottles')
        .set((eb) => ({
          failures: 0,
          lockedUntil: eb.case().when('lockedUntil', '>', now).then(now).else(eb.ref('lockedUntil')).end(),
        }))
        .where('userId', '=', userId)
        .where('source', '=', ACCOUNT_SOURCE)
        .execute();
      await trx
        .updateTable('users')
        .set((eb) => ({
          lockedUntil: eb.fn.coalesce(
            eb
              .selectFrom('loginThrottles as t')
              .select((x) => x.fn.max('t.lockedUntil').as('m'))
              .whereRef('t.userId', '=', 'users.id')
              .where('t.lockedUntil', '>', now),
            eb.val(now),
          ),
        }))
        .where('id', '=', userId)
        .where('lockedUntil', '>', now)
        .execute();
    },

    /**
     * Active accounts whose password is still the demo/default one (users.is_demo): those holding a role grant
     * first (system administrators without an employee record before the others), then by user name.
     */
    defaultPasswordAccounts() {
      return db
        .selectFrom('users as u')
        .select('u.username')
        .where('u.active', '=', true)
        .where('u.isDemo', '=', true)
        .orderBy(
          (eb) =>
            eb.exists(eb.selectFrom('roleGrants as g').select('g.id').whereRef('g.userId', '=', 'u.id')),
          'desc',
        )
        .orderBy((eb) => eb('u.employeeId', 'is', null), 'desc')
        .orderBy('u.username')
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
