import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The body of every worker thread of the pool (`worker-pool.ts`): load the task's module, run the named export
 * with its input and an io object (pages pulled from the main thread, progress), post the result or the error
 * (an AppError keeps its code, message and details).
 */
const port = parentPort!;

// Background work yields the CPU to the requests: on Linux the nice value of a thread is its own, so this lowers
// this worker thread only, not the server's main thread.
try {
  os.setPriority(10);
} catch {
  // not permitted here: the worker runs at normal priority
}
const { module, fn } = workerData as { module: string; fn: string };

type ToWorker = { type: 'start'; input: unknown } | { type: 'page'; items: unknown[] } | { type: 'end' };

let pageWaiter: ((m: ToWorker) => void) | null = null;

async function* feed(): AsyncGenerator<unknown[]> {
  for (;;) {
    const next = await new Promise<ToWorker>((resolve) => {
      pageWaiter = resolve;
      port.postMessage({ type: 'pull' });
    });
    if (next.type !== 'page') return;
    yield next.items;
  }
}

let lastProgress = 0;
function progress(done: number, total: number) {
  // At most about ten messages a second: the main thread writes progress to the database.
  const now = Date.now();
  if (now - lastProgress < 100 && done < total) return;
  lastProgress = now;
  port.postMessage({ type: 'progress', done, total });
}

async function start(input: unknown) {
  try {
    const mod = (await import(module)) as Record<string, unknown>;
    const task = mod[fn];
    if (typeof task !== 'function') throw new Error(`task ${fn} not found in ${module}`);
    const value: unknown = await (task as (i: unknown, io: unknown) => Promise<unknown>)(input, {
      feed: feed(),
      progress,
    });
    port.postMessage({ type: 'result', value });
  } catch (err) {
    const e = err as { name?: string; code?: unknown; message?: string; details?: unknown };
    port.postMessage({
      type: 'error',
      error: {
        name: e?.name,
        code: typeof e?.code === 'string' ? e.code : undefined,
        message: e?.message ?? String(err),
        details: e?.details,
      },
    });
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'start') void start(m.input);
  else {
    const w = pageWaiter;
    pageWaiter = null;
    w?.(m);
  }
});
