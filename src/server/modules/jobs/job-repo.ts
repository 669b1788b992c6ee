import type { Db } from '../../db/database.ts';
import type { JobsTable } from '../../db/schema.ts';

/** Queries of the `jobs` table. */
export function createJobRepo(db: Db) {
  return {
    insert: (v: {
      ownerId: string;
      kind: string;
      params: Record<string, unknown>;
      fileName: string;
      contentType: string;
    }) =>
      db
        .insertInto('jobs')
        .values({ ...v, params: JSON.stringify(v.params), state: 'queued' })
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
    update: (
      id: string,
      set: Partial<{
        state: JobsTable['state'];
        progress: number;
        filePath: string | null;
        fileBytes: number | null;
        error: string | null;
        startedAt: Date;
        finishedAt: Date;
        expiresAt: Date;
      }>,
    ) => db.updateTable('jobs').set(set).where('id', '=', id).execute(),
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
    /** Jobs left queued or running by a process that stopped (older than `before`). */
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
        .where('createdAt', '<', before)
        .execute(),
  };
}
export type JobRepo = ReturnType<typeof createJobRepo>;
