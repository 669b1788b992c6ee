import type pg from 'pg';
import { dedicatedClientOf, poolStatsOf, type Db } from '../db/database.ts';

/** A background job run on a timer (and at start), in every server process, by one of them at a time. */
export interface PeriodicJob {
  /** Stable name: the key of its advisory lock and of its log lines (`jobs.sweep`). */
  name: string;
  /** Interval between runs in this process. */
  everyMs: number;
  /** Also run once when the scheduler starts (default true). */
  atStart?: boolean;
  /** The work; idempotent (a run killed half-way is redone by the next run, in any process). */
  run: () => Promise<unknown>;
}

type Log = {
  info(obj: unknown, msg: string): void;
  debug(obj: unknown, msg: string): void;
  error(obj: unknown, msg: string): void;
};

/** First key of the two-int advisory locks of periodic jobs (the second is `hashtext(name)`). */
export const PERIODIC_LOCK_CLASS = 7_426_401;

/** What one call of `runExclusive` did. */
export type PeriodicOutcome = 'done' | 'failed' | 'busy';

/**
 * One small scheduler for every periodic background job (issue 20 point 1): each run takes the PostgreSQL session
 * advisory lock (PERIODIC_LOCK_CLASS, hashtext(name)) with `pg_try_advisory_lock` on a connection of its own
 * (outside the pool, so a pool of one connection never waits on itself), and releases it when the run ends; so of
 * several server processes (SERVER_PROCESSES, or several machines) at most one runs a job at a time, and a process
 * finding it taken skips that run. A process killed half-way (SIGKILL) loses that connection and PostgreSQL drops
 * its locks with the session: the next tick of any process takes the lock and redoes or completes the work (every
 * job is idempotent; its effects are claimed in the database). On PGlite (one in-process database, one process)
 * the job runs without a lock. A run never overlaps the previous run of the same job in this process.
 * `intervalOverrideMs` (TEST_JOB_INTERVAL_SECONDS) replaces every job's interval in tests.
 */
export function createPeriodicScheduler(deps: { db: Db; log: Log; intervalOverrideMs?: number | null }) {
  const { db, log } = deps;
  const locking = poolStatsOf(db) !== null;
  const timers = new Set<ReturnType<typeof setInterval>>();
  const inFlight = new Map<string, Promise<PeriodicOutcome>>();
  let client: Promise<pg.Client> | null = null;
  let stopped = false;
  /** Lock statements one after another on the lock connection (pg queues them, but warns when asked to). */
  let chain: Promise<unknown> = Promise.resolve();
  function lockQuery<R extends pg.QueryResultRow>(c: pg.Client, text: string, values: unknown[]) {
    const p = chain.then(() => c.query<R>(text, values));
    chain = p.catch(() => undefined);
    return p;
  }

  /** The lock connection, opened on first use and again after it broke. */
  function lockClient(): Promise<pg.Client> {
    if (!client) {
      const c = dedicatedClientOf(db)!;
      const opened = c.connect().then(() => c);
      // A broken connection has lost its locks on the server too: the next run opens a new one.
      c.on('error', (err) => {
        log.error({ err }, 'periodic job lock connection lost');
        if (client === opened) client = null;
      });
      opened.catch(() => {
        if (client === opened) client = null;
      });
      client = opened;
    }
    return client;
  }

  async function work(job: PeriodicJob): Promise<PeriodicOutcome> {
    const startedAt = new Date();
    log.debug({ job: job.name }, 'periodic job started');
    try {
      const result = await job.run();
      log.info(
        { job: job.name, startedAt: startedAt.toISOString(), ms: Date.now() - startedAt.getTime(), result },
        'periodic job done',
      );
      return 'done';
    } catch (err) {
      log.error({ err, job: job.name }, 'periodic job failed');
      return 'failed';
    }
  }

  async function attempt(job: PeriodicJob): Promise<PeriodicOutcome> {
    if (!locking) return work(job);
    const c = await lockClient();
    const key = [PERIODIC_LOCK_CLASS, job.name];
    const got = await lockQuery<{ ok: boolean }>(
      c,
      'select pg_try_advisory_lock($1::int, hashtext($2)) as ok',
      key,
    );
    if (!got.rows[0]?.ok) {
      log.debug({ job: job.name }, 'periodic job skipped: another process runs it');
      return 'busy';
    }
    try {
      return await work(job);
    } finally {
      await lockQuery(c, 'select pg_advisory_unlock($1::int, hashtext($2))', key).catch((err: unknown) => {
        // Unlock failed: end the connection, which drops every lock it holds.
        log.error({ err, job: job.name }, 'periodic job unlock failed');
        if (client) void client.then((x) => x.end()).catch(() => undefined);
        client = null;
      });
    }
  }

  /**
   * Run `job` now under its lock, unless this process is already running it (then that run's outcome).
   * @returns done, failed (logged), or busy (another process holds the lock)
   */
  function runExclusive(job: PeriodicJob): Promise<PeriodicOutcome> {
    const current = inFlight.get(job.name);
    if (current) return current;
    const p = attempt(job)
      .catch((err: unknown) => {
        log.error({ err, job: job.name }, 'periodic job lock failed');
        return 'failed' as const;
      })
      .finally(() => inFlight.delete(job.name));
    inFlight.set(job.name, p);
    return p;
  }

  /** Schedule `job` every `everyMs` (or the test override), and now when `atStart` (default). */
  function add(job: PeriodicJob) {
    if (stopped) return;
    const every = deps.intervalOverrideMs ?? job.everyMs;
    const timer = setInterval(() => void runExclusive(job), every);
    timer.unref();
    timers.add(timer);
    if (job.atStart !== false) void runExclusive(job);
  }

  /** Stop the timers and wait for runs in progress (their locks are released when they end). */
  async function stop() {
    stopped = true;
    for (const t of timers) clearInterval(t);
    timers.clear();
    await Promise.allSettled([...inFlight.values()]);
    const c = client;
    client = null;
    if (c) await c.then((x) => x.end()).catch(() => undefined);
  }

  return { add, runExclusive, stop, locking };
}

export type PeriodicScheduler = ReturnType<typeof createPeriodicScheduler>;
