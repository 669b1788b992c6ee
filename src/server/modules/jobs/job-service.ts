import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Selectable } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { JobsTable } from '../../db/schema.ts';
import { afterCommit, outsideUnitOfWork } from '../../db/unit-of-work.ts';
import { AppError, notFound } from '../../errors.ts';
import type { WorkerPool } from '../../lib/worker-pool.ts';
import type { Job } from '../../../shared/api/jobs.ts';
import type { Actor } from '../../auth/authz.ts';
import type { JobRepo } from './job-repo.ts';

/**
 * What a feature hands over to be rendered off the event loop: the worker task (a module's named export that
 * writes the file at `input.filePath`), the pages of rows it pulls from the main thread, and how to name the
 * file. The feature checks the caller's authority before building it (so a refused request writes nothing).
 */
export interface ExportSpec {
  kind: string;
  params: Record<string, unknown>;
  fileName: string;
  contentType: string;
  task: { module: URL; fn: string; input: Record<string, unknown> };
  /** Pages of rows read on the main thread as the worker asks for them. */
  feed?: () => AsyncIterable<unknown[]>;
}

type Deps = {
  repo: JobRepo;
  clock: Clock;
  config: Pick<Config, 'jobDir' | 'jobFileTtlHours'> & Partial<Pick<Config, 'testJobIntervalMs'>>;
  workers: WorkerPool;
  log?: { error(obj: unknown, msg: string): void };
};

/** Jobs without a lease (rows written before leases) older than this still queued or running were left behind. */
const STALE_MS = 6 * 3600_000;
/**
 * How long a job's process is taken to be alive without renewing the lease of its job (renewed every third of it).
 * A job whose lease has passed is failed by the sweep of any process (it runs every minute).
 */
export const JOB_LEASE_MS = 60_000;
/** How often the sweep runs (src/server/app.ts, under the periodic scheduler). */
export const JOB_SWEEP_EVERY_MS = 60_000;

/**
 * Background jobs for large exports: a job row per request (owner, kind, parameters, state, progress, file,
 * error), the rendering in a worker thread streaming to a file under DATA_DIR/jobs, pages of rows read here on
 * the main thread (PGlite is one in-process connection, a worker cannot open it). Only the owner sees and
 * downloads a job (others get 404); files are deleted after JOB_FILE_TTL_HOURS. The same rendering serves the
 * direct download routes (`runNow`), to a temporary file. Source: issue 12 point 5.
 */
export function createJobService({ repo, clock, config, workers, log }: Deps) {
  const running = new Set<Promise<void>>();
  let closing = false;
  /** This process, as the owner of the jobs it renders. */
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // In tests (TEST_JOB_INTERVAL_SECONDS) the lease is three sweep intervals, so a killed job fails within seconds.
  const leaseMs = config.testJobIntervalMs ? 3 * config.testJobIntervalMs : JOB_LEASE_MS;
  /** Jobs of this process queued or running: their leases are renewed while they are here. */
  const held = new Set<string>();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  function hold(id: string) {
    held.add(id);
    if (!heartbeat) {
      heartbeat = setInterval(
        () =>
          void repo
            .renewLeases([...held], owner, leaseMs)
            .catch((err: unknown) => log?.error({ err }, 'job lease renewal failed')),
        Math.max(250, Math.floor(leaseMs / 3)),
      );
      heartbeat.unref();
    }
  }
  function release(id: string) {
    held.delete(id);
    if (held.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  function present(row: Selectable<JobsTable>): Job {
    return {
      id: row.id,
      kind: row.kind,
      state: row.state,
      progress: row.progress,
      fileName: row.fileName,
      fileBytes: row.fileBytes === null ? null : Number(row.fileBytes),
      error: row.error ?? null,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
      expiresAt: row.expiresAt ? new Date(row.expiresAt).toISOString() : null,
      downloadUrl: row.state === 'done' ? `/api/jobs/${row.id}/download` : null,
    };
  }

  /** Pages of the feed until the service closes (then the worker is stopped). */
  async function* guarded(feed: AsyncIterable<unknown[]>): AsyncGenerator<unknown[]> {
    for await (const page of feed) {
      if (closing) throw new AppError('INTERNAL', 'Server sedang berhenti');
      yield page;
    }
  }

  /** Render a spec to `filePath` in a worker, reporting progress as a percentage. */
  async function render(spec: ExportSpec, filePath: string, onPercent?: (p: number) => void) {
    await workers.run({
      module: spec.task.module,
      fn: spec.task.fn,
      input: { ...spec.task.input, filePath },
      ...(spec.feed ? { feed: guarded(spec.feed()) } : {}),
      onProgress: (done, total) => {
        if (total > 0) onPercent?.(Math.min(99, Math.floor((done / total) * 100)));
      },
    });
  }

  async function execute(id: string, spec: ExportSpec) {
    const ext = path.extname(spec.fileName) || '.bin';
    const filePath = path.join(config.jobDir, `${id}${ext}`);
    let lastWrite = 0;
    let lastPercent = 0;
    hold(id);
    try {
      await mkdir(config.jobDir, { recursive: true });
      await repo.update(id, { state: 'running', startedAt: clock.now() });
      await render(spec, filePath, (p) => {
        const now = Date.now();
        if (p <= lastPercent || now - lastWrite < 500) return;
        lastPercent = p;
        lastWrite = now;
        void repo.progress(id, p).catch(() => undefined);
      });
      const size = (await stat(filePath)).size;
      const now = clock.now();
      const kept = await repo.finish(id, owner, {
        state: 'done',
        progress: 100,
        filePath,
        fileBytes: size,
        finishedAt: now,
        expiresAt: new Date(now.getTime() + config.jobFileTtlHours * 3600_000),
      });
      // The sweep failed it meanwhile (this process was cut off longer than the lease): the failure stands.
      if (!kept) await rm(filePath, { force: true }).catch(() => undefined);
    } catch (err) {
      await rm(filePath, { force: true }).catch(() => undefined);
      const e =
        err instanceof AppError && err.status < 500
          ? { code: err.code, message: err.message }
          : {
              code: 'INTERNAL',
              message: 'Ekspor gagal dibuat. Coba lagi; bila terulang, sampaikan kepada admin.',
            };
      if (!(err instanceof AppError) || err.status >= 500) log?.error({ err, jobId: id }, 'job failed');
      await repo
        .finish(id, owner, { state: 'failed', error: JSON.stringify(e), finishedAt: clock.now() })
        .catch(() => undefined);
    } finally {
      release(id);
    }
  }

  /**
   * Start a job for the actor: the row is written now (state queued); the work starts once the request's
   * transaction has committed and runs outside it. @returns the job as the API shows it (202)
   */
  async function start(actor: Actor, spec: ExportSpec): Promise<Job> {
    const row = await repo.insert({
      ownerId: actor.userId,
      kind: spec.kind,
      params: spec.params,
      fileName: spec.fileName,
      contentType: spec.contentType,
      owner,
      leaseMs,
    });
    await afterCommit(() => {
      const p = outsideUnitOfWork(() => execute(row.id, spec));
      running.add(p);
      void p.finally(() => running.delete(p));
    });
    return present(row);
  }

  async function own(actor: Actor, id: string) {
    const row = await repo.find(id);
    // Another user's job is not found, not forbidden: its existence is not theirs to know.
    if (!row || row.ownerId !== actor.userId) throw notFound('Pekerjaan');
    return row;
  }

  /** A job of the actor. @throws NOT_FOUND for a job of someone else */
  async function get(actor: Actor, id: string): Promise<Job> {
    return present(await own(actor, id));
  }

  /** The actor's recent jobs, newest first. */
  async function list(actor: Actor, limit = 20): Promise<{ items: Job[] }> {
    return { items: (await repo.listOf(actor.userId, limit)).map(present) };
  }

  /**
   * The file of a finished job of the actor, as a stream.
   * @throws NOT_FOUND (someone else's job, or its file was deleted), CONFLICT while it is not done
   */
  async function download(actor: Actor, id: string) {
    const row = await own(actor, id);
    if (row.state === 'expired')
      throw new AppError(
        'NOT_FOUND',
        'Berkas ekspor sudah dihapus karena melewati masa simpannya; buat ulang',
      );
    if (row.state === 'failed') throw new AppError('CONFLICT', row.error?.message ?? 'Ekspor gagal dibuat');
    if (row.state !== 'done' || !row.filePath)
      throw new AppError('CONFLICT', `Ekspor belum selesai (${row.progress}%)`, { progress: row.progress });
    const size = await stat(row.filePath).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new AppError('NOT_FOUND', 'Berkas ekspor tidak ditemukan; buat ulang');
    return {
      stream: createReadStream(row.filePath),
      fileName: row.fileName,
      contentType: row.contentType,
      size,
    };
  }

  /**
   * Render a spec now, off the event loop, to a temporary file (the direct download routes). The caller sends
   * the file and then calls `cleanup`.
   */
  async function runNow(spec: ExportSpec) {
    const dir = path.join(os.tmpdir(), 'abdi-exports');
    await mkdir(dir, { recursive: true });
    const filePath = path.join(dir, `${randomUUID()}${path.extname(spec.fileName)}`);
    try {
      await render(spec, filePath);
    } catch (err) {
      await rm(filePath, { force: true });
      throw err;
    }
    return {
      filePath,
      size: (await stat(filePath)).size,
      fileName: spec.fileName,
      contentType: spec.contentType,
      cleanup: () => rm(filePath, { force: true }),
    };
  }

  /**
   * Delete the files of jobs past JOB_FILE_TTL_HOURS and fail the jobs a stopped process left behind: those whose
   * lease has passed (their process was killed or cut off half-way; "Proses server berhenti saat membuat berkas;
   * silakan minta ulang"), and rows without a lease older than 6 hours. A failed job is not re-run elsewhere: its
   * owner asks again (one click), and a job never runs twice at once. Idempotent; run by the periodic scheduler.
   * @returns counts of files expired and jobs failed
   */
  async function sweep() {
    const now = clock.now();
    let expired = 0;
    for (const j of await repo.expired(now)) {
      if (j.filePath) await rm(j.filePath, { force: true }).catch(() => undefined);
      await repo.update(j.id, { state: 'expired', filePath: null });
      expired++;
    }
    const failed = await repo.failExpiredLeases(now);
    await repo.failStale(new Date(now.getTime() - STALE_MS), now);
    return { expired, failed };
  }

  /** Stop: running jobs stop at their next page and are marked failed; waits for them to settle. */
  async function close() {
    closing = true;
    await Promise.allSettled([...running]);
  }

  return {
    start,
    get,
    list,
    download,
    runNow,
    sweep,
    sweepEveryMs: JOB_SWEEP_EVERY_MS,
    close,
    running: () => running.size,
    /** Jobs queued and running in the database, over every server process (read by GET /metrics). */
    queueDepth: () => repo.queueDepth(),
  };
}

export type JobService = ReturnType<typeof createJobService>;
