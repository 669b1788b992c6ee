import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { JobsTable } from '../../db/schema.ts';

/** Queries of the `jobs` table. */
/** The columns of a job row its rendering moves along. */
type JobPatch = Partial<{
  state: JobsTable['state'];
  progress: number;
  filePath: string | null;
  fileBytes: number | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date;
  expiresAt: Date;
}>;

export function createJobRepo(db: Db) {
  return {
    insert: (v: {
      ownerId: string;
      kind: string;
      params: Record<string, unknown>;
      fileName: string;
      contentType: string;
      owner: string;
      leaseMs: number;
    }) =>
      db
        .insertInto('jobs')
        .values({
          ownerId: v.ownerId,
          kind: v.kind,
          params: JSON.stringify(v.params),
          fileName: v.fileName,
          contentType: v.contentType,
          state: 'queued',
          owner: v.owner,
          leaseUntil: sql<Date>`now() + make_interval(secs => ${v.leaseMs / 1000})`,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    find: (id: string) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst(),
    listOf: (ownerId: string, limit: number) =>
      db
        .selectFrom('jobs')
        .selectAll()
        .where('ownerId', '=', ownerId)
        .orderBy('createdAt', 'desc')
        .limit(limit)
        .execute(),
    update: (id: string, set: JobPatch) => db.updateTable('jobs').set(set).where('id', '=', id).execute(),
    /**
     * Finish a job this process still holds (queued or running, `owner`): a job the sweep has failed meanwhile
     * (its lease passed) stays failed. @returns whether the row was updated
     */
    finish: async (id: string, owner: string, set: JobPatch) => {
      const r = await db
        .updateTable('jobs')
        .set(set)
        .where('id', '=', id)
        .where('owner', '=', owner)
        .where('state', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Move on the lease of the jobs this process is rendering (its heartbeat). */
    renewLeases: (ids: string[], owner: string, leaseMs: number) =>
      ids.length === 0
        ? Promise.resolve()
        : db
            .updateTable('jobs')
            .set({ leaseUntil: sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})` })
            .where('id', 'in', ids)
            .where('owner', '=', owner)
            .where('state', 'in', ['queued', 'running'])
            .execute()
            .then(() => undefined),
    /**
     * Jobs queued or running whose lease has passed by the database clock: their process stopped half-way (killed,
     * crashed, cut off). Each is failed once, with the reason. @returns how many
     */
    failExpiredLeases: async (now: Date) => {
      const r = await db
        .updateTable('jobs')
        .set({
          state: 'failed',
          finishedAt: now,
          error: JSON.stringify({
            code: 'INTERNAL',
            message: 'Proses server berhenti saat membuat berkas; silakan minta ulang',
          }),
        })
        .where('state', 'in', ['queued', 'running'])
        .where('leaseUntil', '<', sql<Date>`now()`)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Progress of a running job (a late update never touches a finished one). */
    progress: (id: string, progress: number) =>
      db.updateTable('jobs').set({ progress }).where('id', '=', id).where('state', '=', 'running').execute(),
    /**
     * Jobs waiting and running, by state (the metrics' queue depth). The table holds every job until it expires
     * (JOB_FILE_TTL_HOURS), so a count over it stays small.
     */
    queueDepth: async () => {
      const rows = await db
        .selectFrom('jobs')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('state', 'in', ['queued', 'running'])
        .groupBy('state')
        .execute();
      const n = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
      return { queued: n('queued'), running: n('running') };
    },
    /** Done jobs whose file is past its time. */
    expired: (now: Date) =>
      db
        .selectFrom('jobs')
        .select(['id', 'filePath'])
        .where('state', '=', 'done')
        .where('expiresAt', '<', now)
        .execute(),
    /** Jobs without a lease (written before leases) left queued or running by a process that stopped (older than `before`). */
    failStale: (before: Date, now: Date) =>
      db
        .updateTable('jobs')
        .set({
          state: 'failed',
          finishedAt: now,
          error: JSON.stringify({
            code: 'INTERNAL',
            message: 'Pekerjaan terhenti karena server dimulai ulang',
          }),
        })
        .where('state', 'in', ['queued', 'running'])
        .where('leaseUntil', 'is', null)
        .where('createdAt', '<', before)
        .execute(),
  };
}
export type JobRepo = ReturnType<typeof createJobRepo>;
