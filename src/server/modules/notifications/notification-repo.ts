import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { actingInForceSql } from '../../relations/relations-service.ts';

export type Exec = Kysely<Database> | Transaction<Database>;

/** One notification as stored, for the recipients a statement resolves. */
export interface NotificationRow {
  kind: string;
  title: string;
  body: string;
  link: string;
  entityType: string;
  entityId: string;
  subjectEmployeeId: string | null;
  dedupeKey: string | null;
  createdAt: Date;
}

const NONE = '00000000-0000-0000-0000-000000000000';
const idList = (ids: readonly string[]) => sql.join(ids.length > 0 ? ids : [NONE]);

/** Acting (Plt/Plh) assignments in force on `date`, as a condition over `a` (the relations' one condition). */
const actingOn = (date: string) => actingInForceSql(date);

/** Queries of notifications, push subscriptions, digest runs and the recipients they resolve (Kysely). */
export function createNotificationRepo(db: Db) {
  return {
    /**
     * Store one notification for every active account among `userIds` and the accounts of `employeeIds`, but
     * `exceptUserIds`, in one statement; a recipient who has it already (same dedupe key) gets nothing new.
     * Returns the stored rows' ids and recipients.
     */
    insertFor: async (
      exec: Exec,
      to: {
        userIds: readonly string[];
        employeeIds: readonly string[];
        exceptUserIds: readonly string[];
        exceptEmployeeIds: readonly string[];
      },
      n: NotificationRow,
    ) => {
      const { rows } = await sql<{ id: string; userId: string }>`
        insert into notifications (user_id, kind, title, body, link, entity_type, entity_id,
          subject_employee_id, dedupe_key, created_at)
        select u.id, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.entityType}, ${n.entityId},
          ${n.subjectEmployeeId}::uuid, ${n.dedupeKey}, ${n.createdAt}::timestamptz
        from users u
        where u.active and (u.id in (${idList(to.userIds)}) or u.employee_id in (${idList(to.employeeIds)}))
          and u.id not in (${idList(to.exceptUserIds)})
          and (u.employee_id is null or u.employee_id not in (${idList(to.exceptEmployeeIds)}))
        on conflict (user_id, dedupe_key) do nothing
        returning id, user_id`.execute(exec);
      return rows;
    },

    /** Many notifications (one per row, each its own recipient) in one statement; duplicates skipped. */
    insertMany: async (exec: Exec, rows: (NotificationRow & { userId: string })[]) => {
      if (rows.length === 0) return [];
      return exec
        .insertInto('notifications')
        .values(rows)
        .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
        .returning(['id', 'userId'])
        .execute();
    },

    list: async (userId: string, q: { unread: boolean; page: number; pageSize: number }) => {
      let query = db.selectFrom('notifications').where('userId', '=', userId);
      if (q.unread) query = query.where('readAt', 'is', null);
      const [items, total, unread] = await Promise.all([
        query
          .selectAll()
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.unread ? null : unreadCount(userId),
      ]);
      return { items, total: total.n, unread: unread ?? total.n };
    },

    unreadCount,

    /** The caller's own notification (null for anyone else's: it does not exist for them). */
    own: (userId: string, id: string) =>
      db
        .selectFrom('notifications')
        .selectAll()
        .where('id', '=', id)
        .where('userId', '=', userId)
        .executeTakeFirst(),

    markRead: async (userId: string, id: string, at: Date) =>
      (
        await db
          .updateTable('notifications')
          .set({ readAt: at })
          .where('id', '=', id)
          .where('userId', '=', userId)
          .where('readAt', 'is', null)
          .executeTakeFirst()
      ).numUpdatedRows,

    markAllRead: async (userId: string, at: Date) =>
      Number(
        (
          await db
            .updateTable('notifications')
            .set({ readAt: at })
            .where('userId', '=', userId)
            .where('readAt', 'is', null)
            .executeTakeFirst()
        ).numUpdatedRows,
      ),

    // ------------------------------------------------------------ recipients

    /** Accounts holding one of `roles` over the unit at `unitPath` (a grant on it, an ancestor, or everything). */
    grantHolders: async (exec: Exec, roles: readonly string[], unitPath: string) =>
      (
        await sql<{ userId: string }>`
          select distinct g.user_id from role_grants g
            left join units gu on gu.id = g.unit_id
            join users u on u.id = g.user_id
          where u.active and g.role in (${sql.join([...roles])})
            and (g.unit_id is null or ${unitPath} like (gu.path || '%'))`.execute(exec)
      ).rows.map((r) => r.userId),

    /** The unit path and zone of an employee's current unit. */
    employeeUnit: (employeeId: string, exec: Exec = db) =>
      exec
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['e.id', 'u.id as unitId', 'u.path as unitPath', 'u.timeZone'])
        .where('e.id', '=', employeeId)
        .executeTakeFirst(),

    /** A unit's materialised path (null when there is no such unit). */
    unitPath: async (unitId: string) =>
      /^[0-9a-f-]{36}$/.test(unitId)
        ? ((await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst())?.path ??
          null)
        : null,

    // ------------------------------------------------------------ push

    /** Which of these notifications exist (are committed), read outside any transaction of the caller. */
    existing: async (ids: string[]) =>
      ids.length === 0
        ? []
        : (await db.selectFrom('notifications').select('id').where('id', 'in', ids).execute()).map(
            (r) => r.id,
          ),

    subscriptionsOf: (userIds: readonly string[]) =>
      db
        .selectFrom('pushSubscriptions')
        .selectAll()
        .where('userId', 'in', [...userIds])
        .execute(),

    /** Store a device's subscription for the user (the same endpoint signed in as someone else moves over). */
    saveSubscription: (row: {
      userId: string;
      endpoint: string;
      p256dh: string;
      auth: string;
      userAgent: string | null;
    }) =>
      db
        .insertInto('pushSubscriptions')
        .values(row)
        .onConflict((oc) =>
          oc.column('endpoint').doUpdateSet({
            userId: row.userId,
            p256dh: row.p256dh,
            auth: row.auth,
            userAgent: row.userAgent,
          }),
        )
        .execute(),

    removeSubscription: async (userId: string, endpoint: string) =>
      Number(
        (
          await db
            .deleteFrom('pushSubscriptions')
            .where('userId', '=', userId)
            .where('endpoint', '=', endpoint)
            .executeTakeFirst()
        ).numDeletedRows,
      ),

    /** A subscription the push service says is gone (404/410). */
    dropSubscription: (id: string) => db.deleteFrom('pushSubscriptions').where('id', '=', id).execute(),

    touchSubscriptions: (ids: string[], at: Date) =>
      ids.length === 0
        ? Promise.resolve()
        : db.updateTable('pushSubscriptions').set({ lastSentAt: at }).where('id', 'in', ids).execute(),

    // ------------------------------------------------------------ digest runs

    /**
     * Claim a run: the first process inserts it; a claim older than `staleBefore` that never finished (its
     * process died) may be taken over. True when this process holds the run.
     */
    claimRun: async (kind: string, runKey: string, by: string, at: Date, staleBefore: Date) => {
      const inserted = await db
        .insertInto('notificationRuns')
        .values({ kind, runKey, claimedBy: by, claimedAt: at })
        .onConflict((oc) => oc.columns(['kind', 'runKey']).doNothing())
        .returning('runKey')
        .executeTakeFirst();
      if (inserted) return true;
      const taken = await db
        .updateTable('notificationRuns')
        .set({ claimedBy: by, claimedAt: at })
        .where('kind', '=', kind)
        .where('runKey', '=', runKey)
        .where('finishedAt', 'is', null)
        .where('claimedAt', '<', staleBefore)
        .returning('runKey')
        .executeTakeFirst();
      return taken !== undefined;
    },

    finishRun: (kind: string, runKey: string, at: Date, sent: number) =>
      db
        .updateTable('notificationRuns')
        .set({ finishedAt: at, sent })
        .where('kind', '=', kind)
        .where('runKey', '=', runKey)
        .execute(),

    /**
     * What waits for each decider (employee) of units in `zone`, set-based: pending permits and corrections of
     * their staff, leave at the superior's step or at the PyBMC position's step, undecided flagged punches of
     * their staff. The deciders are related to staff exactly as the services let them decide: the direct
     * superior and whoever acts (Plt/Plh) in the superior's position on `date` (and, for leave, the holder of
     * the PyBMC position and whoever acts in it); never on their own items.
     */
    waitingByDecider: async (exec: Exec, zone: string, date: string) => {
      const deciders = sql`
        select s.id as superior_id, s.id as decider_id from employees s
        union
        select s.id, a.employee_id from employees s
          join acting_assignments a on a.position_id = s.position_id
        where ${actingOn(date)} and a.employee_id <> s.id`;
      const positions = sql`
        select e.position_id, e.id as decider_id from employees e where e.position_id is not null
        union
        select a.position_id, a.employee_id from acting_assignments a where ${actingOn(date)}`;
      const perStaff = (table: RawBuilder<unknown>, kind: string, extra: RawBuilder<unknown>) => sql`
        select d.decider_id, ${kind}::text as kind, count(*)::int as n
        from ${table} x
        join employees e on e.id = x.employee_id
        join (${deciders}) d on d.superior_id = e.superior_id
        where ${extra} and x.employee_id <> d.decider_id
        group by d.decider_id`;
      const { rows } = await sql<{ deciderId: string; kind: string; n: number }>`
        with waiting as (
          ${perStaff(sql`permits`, 'permits', sql`x.status = 'DIAJUKAN'`)}
          union all
          ${perStaff(sql`corrections`, 'corrections', sql`x.status = 'DIAJUKAN'`)}
          union all
          ${perStaff(
            sql`punches`,
            'punches',
            sql`x.verdict = 'FLAGGED' and not exists (select 1 from punch_reviews r where r.punch_id = x.id)`,
          )}
          union all
          select d.decider_id, 'leave', count(*)::int from leave_requests r
            join (${deciders}) d on d.superior_id = r.superior_id
          where r.status = 'DIAJUKAN' and r.employee_id <> d.decider_id
          group by d.decider_id
          union all
          select p.decider_id, 'leave', count(*)::int from leave_requests r
            join (${positions}) p on p.position_id = r.approver_position_id
          where r.approver_kind = 'OPD_HEAD'
            and (r.status = 'DISETUJUI_ATASAN' or (r.status = 'DIAJUKAN' and r.superior_id is null))
            and r.employee_id <> p.decider_id
          group by p.decider_id
        )
        select w.decider_id, w.kind, sum(w.n)::int as n
        from waiting w
        join employees de on de.id = w.decider_id
        join units du on du.id = de.unit_id
        where du.time_zone = ${zone}
        group by w.decider_id, w.kind`.execute(exec);
      const out = new Map<string, Record<string, number>>();
      for (const r of rows) {
        const m = out.get(r.deciderId) ?? {};
        m[r.kind] = (m[r.kind] ?? 0) + r.n;
        out.set(r.deciderId, m);
      }
      return out;
    },

    /** Active accounts of employees: employee id → user ids. */
    accountsOf: async (exec: Exec, employeeIds: string[]) => {
      if (employeeIds.length === 0) return new Map<string, string[]>();
      const rows = await exec
        .selectFrom('users')
        .select(['id', 'employeeId'])
        .where('active', '=', true)
        .where('employeeId', 'in', employeeIds)
        .execute();
      const out = new Map<string, string[]>();
      for (const r of rows) out.set(r.employeeId!, [...(out.get(r.employeeId!) ?? []), r.id]);
      return out;
    },
  };

  async function unreadCount(userId: string) {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return row.n;
  }
}

export type NotificationRepo = ReturnType<typeof createNotificationRepo>;
