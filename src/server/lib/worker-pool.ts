import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { ErrorCode } from '../../shared/api/errors.ts';

/**
 * Heavy work off the event loop: each task runs in a fresh worker thread (so its memory is returned when it
 * ends) with a bounded heap (`JOB_WORKER_MEMORY_MB`), at most `JOB_WORKERS` at once; further tasks wait their
 * turn. A task is a named export of a module (`export async function name(input, io)`), loaded in the worker
 * by URL, so this file knows no feature. Rows a task needs from the database are pulled page by page from the
 * main thread (`feed`): the worker asks for the next page only when it has written the last one, so at most one
 * page is in flight and memory stays bounded whatever the size of the export.
 * Source: issue 12 point 5; Node.js `worker_threads` (resourceLimits, postMessage structured clone).
 */

/** What a task receives besides its input: the pages of rows from the main thread and a progress callback. */
export interface TaskIo<Row = unknown> {
  /** The pages the main thread reads for the task (empty when the caller gives no feed). */
  feed: AsyncIterable<Row[]>;
  progress(done: number, total: number): void;
}

export interface RunOptions<I> {
  /** The module that exports the task (`new URL('./x.ts', import.meta.url)`). */
  module: URL;
  /** The exported function's name. */
  fn: string;
  input: I;
  /** Pages of rows, read on the main thread while the worker asks for them. */
  feed?: AsyncIterable<unknown[]>;
  onProgress?: (done: number, total: number) => void;
  /** Buffers to move (not copy) into the worker. */
  transfer?: ArrayBuffer[];
}

export interface WorkerPool {
  run<R, I = unknown>(opts: RunOptions<I>): Promise<R>;
  /** Tasks running and waiting (for tests and health of the queue). */
  stats(): { running: number; waiting: number };
  /** JOB_WORKER_MEMORY_MB. */
  readonly memoryMb: number;
}

/** The worker ran out of its heap (JOB_WORKER_MEMORY_MB). */
export class WorkerMemoryError extends Error {
  constructor() {
    super('worker out of memory');
    this.name = 'WorkerMemoryError';
  }
}

const ENTRY = new URL('./worker-entry.ts', import.meta.url);

type FromWorker =
  | { type: 'pull' }
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: { code?: string; message: string; details?: unknown; name?: string } };

export function createWorkerPool(opts: { size: number; memoryMb: number }): WorkerPool {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function slot(): Promise<() => void> {
    if (running >= opts.size) await new Promise<void>((r) => waiting.push(r));
    else running++;
    return () => {
      const next = waiting.shift();
      if (next) next();
      else running--;
    };
  }

  async function run<R, I>(o: RunOptions<I>): Promise<R> {
    const release = await slot();
    try {
      return await runOne<R, I>(o);
    } finally {
      release();
    }
  }

  function runOne<R, I>(o: RunOptions<I>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const worker = new Worker(ENTRY, {
        workerData: { module: o.module.href, fn: o.fn },
        resourceLimits: {
          maxOldGenerationSizeMb: opts.memoryMb,
          maxYoungGenerationSizeMb: Math.min(64, Math.max(16, Math.floor(opts.memoryMb / 8))),
        },
        stdout: false,
        stderr: false,
      });
      const iterator = o.feed?.[Symbol.asyncIterator]();
      let settled = false;
      const finish = (err: unknown, value?: R) => {
        if (settled) return;
        settled = true;
        void iterator?.return?.();
        void worker.terminate();
        if (err) reject(err);
        else resolve(value as R);
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'pull') {
          if (!iterator) {
            worker.postMessage({ type: 'end' });
            return;
          }
          iterator.next().then(
            (r) => {
              if (settled) return;
              worker.postMessage(r.done ? { type: 'end' } : { type: 'page', items: r.value });
            },
            (err: unknown) => finish(err),
          );
        } else if (m.type === 'progress') o.onProgress?.(m.done, m.total);
        else if (m.type === 'result') finish(null, m.value as R);
        else if (m.type === 'error') {
          const e = m.error;
          finish(
            e.name === 'AppError' && e.code
              ? new AppError(e.code as ErrorCode, e.message, e.details)
              : new Error(e.message),
          );
        }
      });
      worker.on('error', (err: Error & { code?: string }) =>
        finish(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerMemoryError() : err),
      );
      worker.on('exit', (code) => finish(new Error(`worker exited with code ${code}`)));
      worker.postMessage({ type: 'start', input: o.input }, o.transfer ?? []);
    });
  }

  return { run, stats: () => ({ running, waiting: waiting.length }), memoryMb: opts.memoryMb };
}

/**
 * Run an import task; a worker that runs out of its heap becomes 413 FILE_TOO_LARGE naming JOB_WORKER_MEMORY_MB
 * (the file is refused and nothing is stored).
 */
export async function inWorker<T>(workers: WorkerPool, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WorkerMemoryError)
      throw new AppError(
        'FILE_TOO_LARGE',
        `Berkas melebihi batas JOB_WORKER_MEMORY_MB: membacanya memerlukan lebih dari ${workers.memoryMb} MB memori. Pecah berkas menjadi beberapa bagian; tidak ada data yang disimpan.`,
        { limit: 'JOB_WORKER_MEMORY_MB', max: workers.memoryMb },
      );
    throw err;
  }
}
