import { AppError } from '../../errors.ts';
import type { ImportLimits } from '../../lib/table-reader.ts';
import type { TaskIo } from '../../lib/worker-pool.ts';
import { HEADER_ALIASES } from './import-columns.ts';
import { parseTableFile, type RawRow } from '../../lib/table-file.ts';
import {
  validateEmployeeRows,
  validateUnitRows,
  type EmployeeRow,
  type ImportLookups,
  type RowError,
  type UnitRow,
} from './import-validate.ts';

/**
 * Worker tasks of the imports (run off the event loop by the worker pool): read an uploaded file within the
 * import limits and validate every row against the lookups the main thread read from the database; and the
 * re-validation of stored rows before a commit. Source: issue 12 points 3 and 5; docs/import.md.
 */

export interface ValidatedFile {
  totalRows: number;
  valid: (UnitRow | EmployeeRow)[];
  errors: RowError[];
}

/** Parse and validate an uploaded file. @throws UNSUPPORTED_FILE, FILE_TOO_LARGE (limit named), IMPORT_INVALID */
export async function validateFileTask(
  input: {
    kind: 'units' | 'employees';
    fileName: string;
    bytes: Uint8Array;
    limits: ImportLimits;
    lookups: ImportLookups;
  },
  io: TaskIo,
): Promise<ValidatedFile> {
  const buf = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const { headers, rows } = await parseTableFile(input.fileName, buf, HEADER_ALIASES, input.limits);
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', 'Berkas tidak berisi baris data');
  const result =
    input.kind === 'units'
      ? validateUnitRows(headers, rows, input.lookups)
      : validateEmployeeRows(headers, rows, input.lookups, (done) => io.progress(done, rows.length));
  io.progress(rows.length, rows.length);
  return { totalRows: rows.length, valid: result.valid, errors: result.errors };
}

/** Validate rows already stored (a commit re-checks them against the database as it is now). */
export async function recheckTask(input: {
  kind: 'units' | 'employees';
  headers: string[];
  raw: RawRow[];
  lookups: ImportLookups;
}): Promise<{ valid: (UnitRow | EmployeeRow)[]; errors: RowError[] }> {
  return input.kind === 'units'
    ? validateUnitRows(input.headers, input.raw, input.lookups)
    : validateEmployeeRows(input.headers, input.raw, input.lookups);
}
