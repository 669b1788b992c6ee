import { AppError } from '../../errors.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Exec } from '../../relations/relations-service.ts';

export type Trx = Transaction<Database>;
import { parseTableFile, type RawRow } from '../../lib/table-file.ts';
import type { CompetencyImportReport } from '../../../shared/api/competency.ts';
import type { CompetencyContext } from './competency-context.ts';

export interface RowProblem {
  line: number;
  column: string | null;
  message: string;
}

/**
 * What one kind of competency import does: the columns it needs, how it checks all rows (a group of rows written
 * together is refused as a whole when one of its rows is bad) and how it writes the good groups.
 */
export interface ImportKind<G> {
  required: string[];
  aliases: Record<string, string>;
  check(
    rows: RawRow[],
    exec: Exec,
  ): Promise<{
    groups: { lines: number[]; item: G }[];
    errors: RowProblem[];
  }>;
  write(trx: Trx, items: G[]): Promise<void>;
}

/**
 * The row-by-row import of a file (XLSX or CSV): every bad row with its line and reason. A dry run only reports; a
 * commit writes everything when every row is good, or only the good groups when the caller asks (`validOnly`);
 * otherwise 422 IMPORT_INVALID with the rows and nothing written. The check runs again inside the writing
 * transaction (`inTransaction` also checks the caller's permission there first).
 */
export async function runImport<G>(
  ctx: CompetencyContext,
  kind: ImportKind<G>,
  file: { name: string; buf: Buffer },
  opts: { dryRun: boolean; validOnly: boolean },
  inTransaction: (trx: Trx) => Promise<void>,
): Promise<CompetencyImportReport> {
  const { headers, rows } = await parseTableFile(file.name, file.buf, kind.aliases, ctx.config.importLimits);
  const missing = kind.required.filter((c) => !headers.includes(c));
  if (missing.length > 0)
    throw new AppError(
      'IMPORT_INVALID',
      `Kolom wajib tidak ada di baris judul: ${missing.join(', ')}`,
      missing.map((c) => ({ line: 1, column: c, message: `Kolom wajib "${c}" tidak ada` })),
    );
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', 'Berkas tidak berisi baris data');

  const report = (
    c: Awaited<ReturnType<ImportKind<G>['check']>>,
    committed: boolean,
  ): CompetencyImportReport => {
    const bad = new Set(c.errors.map((e) => e.line));
    return {
      fileName: file.name,
      dryRun: opts.dryRun,
      committed,
      totalRows: rows.length,
      validRows: rows.filter((r) => !bad.has(r.line)).length,
      written: c.groups.filter((g) => g.lines.every((l) => !bad.has(l))).length,
      errors: c.errors.sort((a, b) => a.line - b.line),
    };
  };
  if (opts.dryRun) return report(await kind.check(rows, ctx.db), false);

  return ctx.db.transaction().execute(async (trx) => {
    await inTransaction(trx);
    const c = await kind.check(rows, trx);
    const bad = new Set(c.errors.map((e) => e.line));
    if (c.errors.length > 0 && !opts.validOnly)
      throw new AppError(
        'IMPORT_INVALID',
        `Berkas memiliki ${c.errors.length} kesalahan pada ${bad.size} baris; tidak ada yang disimpan`,
        c.errors,
      );
    const good = c.groups.filter((g) => g.lines.every((l) => !bad.has(l))).map((g) => g.item);
    await kind.write(trx, good);
    return report(c, true);
  });
}

/** A level cell: a whole number 1–5, or the reason it is not. */
export function levelCell(v: string | undefined): number | string {
  const s = (v ?? '').trim().replace(',', '.');
  if (s === '') return 'Level kosong';
  const n = Number(s);
  if (!Number.isInteger(n)) return `Level "${s}" bukan bilangan bulat 1–5`;
  if (n < 1 || n > 5) return `Level ${n} di luar rentang 1–5`;
  return n;
}
