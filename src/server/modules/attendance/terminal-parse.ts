import { limitError, type ImportLimits } from '../../lib/table-reader.ts';
import { inWorker, type WorkerPool } from '../../lib/worker-pool.ts';
import { parseTerminalLog, parseTerminalUserCsv } from '../../../core/attendance/terminal-log.ts';

/**
 * The parse part of the terminal imports, bounded and off the event loop: the bytes are scanned line by line
 * against the import limits (lines = IMPORT_MAX_ROWS, a line longer than IMPORT_MAX_CELL_CHARS, more fields than
 * IMPORT_MAX_COLUMNS) before anything is decoded, then parsed by the pure parsers of the core, in a worker
 * thread when the service has a pool. Source: issue 12 points 3 and 5.
 */

/**
 * Scan the lines of a text upload against the limits, without decoding it: a line longer than
 * IMPORT_MAX_CELL_CHARS (counted in bytes, four per character at most), more fields than IMPORT_MAX_COLUMNS
 * (comma, semicolon or tab separated), more non-empty lines than IMPORT_MAX_ROWS.
 * @throws FILE_TOO_LARGE naming the limit crossed, with the line
 */
export function checkLines(bytes: Uint8Array, limits: ImportLimits) {
  let line = 0;
  let rows = 0;
  let start = 0;
  const n = bytes.length;
  while (start < n) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = n;
    line++;
    if (end - start > limits.maxCellChars * 4)
      throw limitError('IMPORT_MAX_CELL_CHARS', limits.maxCellChars, line);
    let blank = true;
    let fields = 1;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b !== 13 && b !== 32 && b !== 9) blank = false;
      if (b === 44 || b === 59 || b === 9) fields++;
    }
    if (!blank) {
      if (fields > limits.maxColumns) throw limitError('IMPORT_MAX_COLUMNS', limits.maxColumns, line);
      // The first non-empty line may be a header; a file of exactly IMPORT_MAX_ROWS data lines passes.
      if (++rows > limits.maxRows + 1) throw limitError('IMPORT_MAX_ROWS', limits.maxRows, line);
    }
    start = end + 1;
  }
}

const text = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** Worker task: a terminal log (ZKTeco attlog or CSV) within the limits. */
export async function parseLogTask(input: {
  bytes: Uint8Array;
  serial: string | null;
  limits: ImportLimits;
}) {
  checkLines(input.bytes, input.limits);
  return parseTerminalLog(text(input.bytes), { serial: input.serial });
}

/** Worker task: a terminal-user mapping CSV within the limits. */
export async function parseUsersTask(input: { bytes: Uint8Array; limits: ImportLimits }) {
  checkLines(input.bytes, input.limits);
  return parseTerminalUserCsv(text(input.bytes));
}

const SELF = new URL(import.meta.url);

async function offThread<I extends { bytes: Uint8Array }, R>(
  workers: WorkerPool | undefined,
  fn: string,
  local: (i: I) => Promise<R>,
  input: I,
): Promise<R> {
  if (!workers) return local(input);
  const bytes = new Uint8Array(input.bytes);
  return inWorker(workers, () =>
    workers.run<R>({ module: SELF, fn, input: { ...input, bytes }, transfer: [bytes.buffer] }),
  );
}

/** Parse a terminal log in the pool (or here, without one). */
export const parseLogOffThread = (
  workers: WorkerPool | undefined,
  input: Parameters<typeof parseLogTask>[0],
) => offThread(workers, 'parseLogTask', parseLogTask, input);

/** Parse a terminal-user CSV in the pool (or here, without one). */
export const parseUsersOffThread = (
  workers: WorkerPool | undefined,
  input: Parameters<typeof parseUsersTask>[0],
) => offThread(workers, 'parseUsersTask', parseUsersTask, input);
