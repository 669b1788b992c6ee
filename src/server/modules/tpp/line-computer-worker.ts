import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import { computeLineFromJson, outcomeOf, type RunRules } from './runs-engine.ts';
import type { LineJob, LineJobAnswer } from './line-computer.ts';

/*
 * The worker thread of a large TPP run (line-computer.ts): computes the lines of each batch it is sent from their
 * snapshot texts under the run's rules (given once, as workerData) and answers with their outcomes. No I/O.
 */
const rules = (workerData as { rules: RunRules }).rules;

parentPort!.on('message', (job: LineJob) => {
  let answer: LineJobAnswer;
  try {
    answer = { id: job.id, outcomes: job.inputs.map((text) => outcomeOf(computeLineFromJson(text, rules))) };
  } catch (err) {
    answer = {
      id: job.id,
      error:
        err instanceof AppError
          ? { code: err.code, message: err.message, details: err.details }
          : { message: err instanceof Error ? err.message : String(err) },
    };
  }
  parentPort!.postMessage(answer);
});
