import { sql } from 'kysely';
import { inScope, scopeOf, type Actor, type UnitScope } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { RawRow } from '../../lib/table-file.ts';
import { TPP_READERS, type TppContext } from './tpp-context.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { TppImportRowError } from '../../../shared/api/tpp-inputs.ts';
import { parseDateCell } from '../../lib/table-cells.ts';

export { parseDateCell };

/*
 * What the inputs sections share (issue 17 point 1): the readers' scope, an employee and the actor's standing
 * toward her (pay data and exclusion records), names of users, today's date, and the cells of an uploaded table.
 */

/** Union of the actor's scopes over the TPP readers' permissions ('all' wins). */
export function readerScope(actor: Actor): UnitScope {
  const paths: string[] = [];
  for (const p of TPP_READERS) {
    const s = scopeOf(actor, p);
    if (s === 'all') return 'all';
    paths.push(...s);
  }
  return paths;
}

/** True when the actor reads TPP somewhere (tpp.read, tpp.run or tpp.manage over some unit). */
export const readsSomewhere = (actor: Actor) => {
  const s = readerScope(actor);
  return s === 'all' || s.length > 0;
};

/** `%q%` for ilike, with the pattern characters escaped. */
export const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Today in the region (WIB: the installation's reference date for "in force today"). */
export const todayOf = (ctx: TppContext): LocalDate => localDateAt(ctx.clock.now().getTime(), 'Asia/Jakarta');

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export interface EmployeeTarget {
  id: string;
  nip: string | null;
  name: string;
  unitId: string;
  unitName: string;
  unitPath: string;
}

/**
 * An employee and how the actor stands toward her pay data and exclusion records: `reader` (tpp.read/run/manage
 * over her current unit), `runner` (tpp.run over it: admin OPD of her OPD, BKD), `self`. 404 for an unknown id and
 * for anyone who may not read her (her existence is not disclosed); with `write`, 403 for a reader who may not
 * write and for the employee herself (told who records it). Checked before anything is written.
 */
export async function employeeFor(
  ctx: TppContext,
  actor: Actor,
  employeeId: string,
  exec: Exec,
  opts: { write?: boolean; selfMayRead?: boolean } = {},
) {
  if (!isUuid(employeeId)) throw notFound('Pegawai');
  const e = await exec
    .selectFrom('employees as e')
    .innerJoin('units as u', 'u.id', 'e.unitId')
    .select([
      'e.id',
      'e.nip',
      'e.name',
      'e.frontTitle',
      'e.backTitle',
      'e.unitId',
      'u.name as unitName',
      'u.path',
    ])
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
  if (!e) throw notFound('Pegawai');
  const reader = ctx.holds(actor, TPP_READERS, e.path);
  const runner = inScope(scopeOf(actor, 'tpp.run'), e.path);
  const self = actor.employeeId === e.id;
  if (!reader && !(self && (opts.selfMayRead || opts.write))) throw notFound('Pegawai');
  if (opts.write && !runner)
    throw forbidden(
      self
        ? 'Data TPP Anda dicatat oleh admin OPD atau BKD, bukan oleh Anda sendiri'
        : 'Hanya admin OPD pegawai ini atau BKD yang mencatat data TPP-nya',
    );
  const target: EmployeeTarget = {
    id: e.id,
    nip: e.nip,
    name: fullName(e),
    unitId: e.unitId,
    unitName: e.unitName,
    unitPath: e.path,
  };
  return { employee: target, reader, runner, self };
}

/** An employee's name with titles. */
export const fullName = (e: { name: string; frontTitle: string | null; backTitle: string | null }) =>
  formatFullName({
    frontTitle: e.frontTitle ?? undefined,
    name: e.name,
    backTitle: e.backTitle ?? undefined,
  });

/** Display names of users by id. */
export async function userNames(exec: Exec, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (list.length === 0) return new Map();
  const rows = await exec.selectFrom('users').select(['id', 'displayName']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** `column = any($ids::uuid[])`: one parameter whatever the number of ids (a run reads a whole region). */
export const idIn = (column: string, ids: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} = any(${[...ids]}::uuid[])`;

/** One import at a time per kind: a commit racing another would check against rows the other is writing. */
export const lockImport = (exec: Exec, kind: string) =>
  sql`select pg_advisory_xact_lock(hashtext('tpp'), hashtext(${kind}))`.execute(exec);

// ------------------------------------------------------------------------------------------ table cells

export { parseNumberCell, parseRupiahCell } from '../../lib/table-cells.ts';

/** The columns of an upload: name (normalised header), required, example, description. */
export interface ImportColumn {
  name: string;
  required: boolean;
  example: string;
  description: string;
}

/**
 * The rows of an uploaded file, refused as a whole (422 IMPORT_INVALID) when a required column is missing from the
 * header or there is no data row.
 */
export function requireColumns(headers: string[], rows: RawRow[], columns: ImportColumn[]): void {
  const missing = columns.filter((c) => c.required && !headers.includes(c.name));
  if (missing.length)
    throw new AppError(
      'IMPORT_INVALID',
      `Kolom wajib tidak ada di baris judul: ${missing.map((c) => c.name).join(', ')}`,
      missing.map((c): TppImportRowError => ({
        line: 1,
        column: c.name,
        message: `Kolom wajib "${c.name}" tidak ada`,
      })),
    );
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', 'Berkas tidak berisi baris data');
}

/** The refusal of a commit with bad rows: nothing is written. */
export function importInvalid(errors: TppImportRowError[]): AppError {
  const lines = new Set(errors.map((e) => e.line));
  return new AppError(
    'IMPORT_INVALID',
    `Berkas memiliki ${errors.length} kesalahan pada ${lines.size} baris; tidak ada yang disimpan`,
    errors,
  );
}
