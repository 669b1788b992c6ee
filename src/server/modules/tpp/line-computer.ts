import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../../shared/api/errors.ts';
import { AppError } from '../../errors.ts';
import { computeLineFromJson, outcomeOf, type LineOutcome, type RunRules } from './runs-engine.ts';

/** A batch of lines sent to the worker: their snapshot texts. */
export interface LineJob {
  id: number;
  inputs: string[];
}

/** The worker's answer: every line's outcome, in order, or why the batch could not be computed. */
export type LineJobAnswer =
  | { id: number; outcomes: LineOutcome[] }
  | { id: number; error: { code?: ErrorCode; message: string; details?: unknown } };

/** Computes a run's lines from their snapshot texts (`computeLineFromJson` under the run's rules). */
export interface LineComputer {
  compute(inputs: string[]): Promise<LineOutcome[]>;
  close(): Promise<void>;
}

/**
 * Lines at which a run computes in a worker thread: below, starting the thread (its modules loaded, ~0.1 s) costs
 * more than it saves. Above, the main thread gathers the next batch and stores the last while the worker computes
 * (bench/tpp, issue 17 point 8).
 */
export const WORKER_MIN_LINES = 2_000;

/** On the calling thread: each batch is computed when it is given. */
export function inlineLineComputer(rules: RunRules): LineComputer {
  return {
    compute: (inputs) => {
      try {
        return Promise.resolve(inputs.map((text) => outcomeOf(computeLineFromJson(text, rules))));
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    close: () => Promise.resolve(),
  };
}

/**
 * In a worker thread (line-computer-worker.ts) that keeps the run's rules: batches are computed in the order they
 * are given, beside the thread that gathers and stores. The same function computes the same text as inline (a test
 * compares them byte for byte). A refusal in the worker comes back as the same `AppError`; a crashed worker fails
 * every batch still waiting.
 */
export function workerLineComputer(rules: RunRules): LineComputer {
  const worker = new Worker(new URL('./line-computer-worker.ts', import.meta.url), { workerData: { rules } });
  const waiting = new Map<number, { resolve: (o: LineOutcome[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | null = null;
  const failAll = (err: Error) => {
    failure = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (answer: LineJobAnswer) => {
    const w = waiting.get(answer.id);
    if (!w) return;
    waiting.delete(answer.id);
    if ('outcomes' in answer) w.resolve(answer.outcomes);
    else
      w.reject(
        answer.error.code
          ? new AppError(answer.error.code, answer.error.message, answer.error.details)
          : new Error(`TPP line computation failed: ${answer.error.message}`),
      );
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => {
    if (waiting.size > 0) failAll(new Error(`TPP line worker exited (${code}) with batches waiting`));
  });
  return {
    compute(inputs) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, inputs } satisfies LineJob);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
