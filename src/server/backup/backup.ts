import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import {
  BACKUP_FORMAT,
  MANIFEST_ENTRY,
  fileEntryName,
  tableEntryName,
  type BackupManifest,
  type FileStoreName,
} from '../../core/common/backup-manifest.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { PhotoStore } from '../modules/attendance/photo-store.ts';
import { TarWriter } from './tar.ts';

/** The two content-addressed file stores of an installation (app.ts builds the same). */
export type BackupStores = Record<FileStoreName, PhotoStore>;

/** Where a long backup or restore reports how far it is. */
export interface BackupProgress {
  /** A table done (`rows` rows). */
  table(name: string, rows: number, index: number, total: number): void;
  /** Files copied so far of `total`. */
  files(done: number, total: number): void;
}

const NO_PROGRESS: BackupProgress = { table: () => undefined, files: () => undefined };

/** A write to the backup target failed (disk full, no permission, …); the partial file has been removed. */
export class BackupTargetError extends Error {
  readonly code: string | undefined;
  readonly target: string;
  constructor(message: string, target: string, cause: unknown) {
    super(message, { cause });
    this.name = 'BackupTargetError';
    this.target = target;
    this.code = (cause as NodeJS.ErrnoException | null)?.code;
  }
}

/** A SQL identifier, quoted (table and column names come from the catalog; no case conversion). */
export const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema version
type AnyDb = Kysely<any>;

/** The tables a backup holds: every table of the public schema but Kysely's migration bookkeeping. */
export async function dataTables(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables
    where schemaname = 'public' and tablename not in ('kysely_migration', 'kysely_migration_lock')
    order by 1`.execute(db);
  return rows.map((r) => r.name);
}

/** The files the rows cite, per store: live punch photos, and the contents of live attachments. */
const FILE_QUERIES: Record<FileStoreName, string> = {
  photos: 'select hash as h from photos where purged_at is null order by 1',
  attachments: 'select distinct sha256 as h from attachments where purged_at is null order by 1',
};

const FETCH = 2000;

/**
 * Write a backup of the database and of the files its rows cite to `target` (a file path that must not exist):
 * the rows of every table read in ONE repeatable-read, read-only transaction (the tables agree with each
 * other), as JSON lines per table (engine-neutral, so a PGlite office can move to PostgreSQL and back); then,
 * in the same snapshot, the photo and attachment files its rows cite, read through the stores' own interface
 * (local folder or S3). Files are content-addressed and never rewritten, so a file a snapshot row cites is the
 * file that row meant; files written after the snapshot are not cited, so not copied; a cited file gone by the
 * time it is copied (a retention run after the snapshot) is listed in the manifest as missing, not fatal.
 *
 * Everything is written to `<target>.partial-…` next to the target and renamed at the end, so the target
 * appears complete or not at all: on any write error (ENOSPC …) the partial file is removed and a
 * {@link BackupTargetError} thrown. Nothing in the database or the stores is changed.
 */
export async function writeBackup(
  handle: DatabaseHandle,
  stores: BackupStores,
  target: string,
  opts: { appVersion: string; now: Date; progress?: BackupProgress },
): Promise<BackupManifest> {
  const progress = opts.progress ?? NO_PROGRESS;
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  const work = `${partial}.table`;
  let fh;
  try {
    fh = await open(partial, 'wx');
  } catch (err) {
    throw new BackupTargetError(
      `Tidak dapat membuat berkas ${partial}: ${(err as Error).message}`,
      target,
      err,
    );
  }
  // Errors of the target (the archive and the table's work file) are told apart from the database's.
  const onTarget = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      // File-system errors carry the failed system call; a database error does not.
      if (typeof (err as NodeJS.ErrnoException | null)?.syscall !== 'string') throw err;
      throw new BackupTargetError(targetMessage(target, err), target, err);
    }
  };
  try {
    const tar = new TarWriter(fh, opts.now);
    const manifest = await handle.db.transaction().execute(async (trx) => {
      await sql`set transaction isolation level repeatable read, read only`.execute(trx);
      const last = await sql<{
        name: string;
      }>`select name from kysely_migration order by name desc limit 1`.execute(trx);
      const schemaVersion = last.rows[0]?.name;
      if (!schemaVersion) throw new Error('Basis data belum dimigrasi: tidak ada yang dapat dicadangkan');
      const m: BackupManifest = {
        format: BACKUP_FORMAT,
        app: 'abdi',
        appVersion: opts.appVersion,
        schemaVersion,
        engine: handle.engine,
        createdAt: opts.now.toISOString(),
        tables: [],
        sequences: [],
        files: [],
        missingFiles: [],
      };
      const tables = await dataTables(trx);
      for (const [i, table] of tables.entries()) {
        const rows = await onTarget(() => dumpTable(trx, table, work));
        const { size } = await stat(work);
        const hash = createHash('sha256');
        await onTarget(() => tar.addFile(tableEntryName(table), work, size, (c) => hash.update(c)));
        m.tables.push({ name: table, rows, bytes: size, sha256: hash.digest('hex') });
        progress.table(table, rows, i + 1, tables.length);
      }
      await rm(work, { force: true });
      const seqs = await sql<{ name: string; lastValue: number | null }>`
        select sequencename as name, last_value from pg_sequences where schemaname = 'public' order by 1`.execute(
        trx,
      );
      m.sequences = seqs.rows.map((r) => ({ name: r.name, lastValue: r.lastValue }));

      // The files, within the same snapshot.
      const totals = await Promise.all(
        (Object.keys(FILE_QUERIES) as FileStoreName[]).map(async (store) => {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${sql.raw(
            FILE_QUERIES[store],
          )}) x`.execute(trx);
          return rows[0]!.n;
        }),
      );
      const totalFiles = totals.reduce((a, b) => a + b, 0);
      let done = 0;
      progress.files(0, totalFiles);
      for (const store of Object.keys(FILE_QUERIES) as FileStoreName[]) {
        await sql`declare abdi_backup_files no scroll cursor for ${sql.raw(FILE_QUERIES[store])}`.execute(
          trx,
        );
        for (;;) {
          const { rows } = await sql<{ h: string }>`fetch 500 from abdi_backup_files`.execute(trx);
          if (rows.length === 0) break;
          for (const { h } of rows) {
            const bytes = /^[0-9a-f]{64}$/.test(h) ? await stores[store].get(h) : null;
            if (!bytes) m.missingFiles.push({ store, sha256: h, reason: 'hilang' });
            else if (createHash('sha256').update(bytes).digest('hex') !== h)
              m.missingFiles.push({ store, sha256: h, reason: 'rusak' });
            else {
              await onTarget(() => tar.add(fileEntryName(store, h), bytes));
              m.files.push({ store, sha256: h, size: bytes.length });
            }
            progress.files(++done, totalFiles);
          }
        }
        await sql`close abdi_backup_files`.execute(trx);
      }
      return m;
    });
    await onTarget(async () => {
      await tar.add(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 1)));
      await tar.finish();
      await fh!.sync();
      await fh!.close();
      fh = undefined;
      await rename(partial, target);
    });
    return manifest;
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await rm(partial, { force: true });
    await rm(work, { force: true });
    throw err;
  }
}

/** The rows of `table` as JSON lines, gzipped into `file`, read through a cursor (never all in memory). */
async function dumpTable(trx: AnyDb, table: string, file: string): Promise<number> {
  const gz = createGzip();
  const written = pipeline(gz, createWriteStream(file));
  written.catch(() => undefined); // awaited below; a failure also errors `gz`, which ends the loop
  let rows = 0;
  await sql`declare abdi_backup no scroll cursor for select row_to_json(t)::text as j from ${ident(table)} t`.execute(
    trx,
  );
  for (;;) {
    const batch = await sql<{ j: string }>`fetch ${sql.raw(String(FETCH))} from abdi_backup`.execute(trx);
    if (batch.rows.length === 0) break;
    rows += batch.rows.length;
    if (!gz.write(batch.rows.map((r) => r.j).join('\n') + '\n')) await once(gz, 'drain');
  }
  await sql`close abdi_backup`.execute(trx);
  gz.end();
  await written;
  return rows;
}

/** The message of a failed write to the backup target, in Indonesian, disk full named as such. */
export function targetMessage(target: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return `Ruang disk tujuan penuh: ${target} tidak dapat ditulis sampai selesai (${code}). Berkas sebagian telah dihapus; kosongkan ruang atau pilih tujuan lain dengan --out.`;
  return `Gagal menulis cadangan ke ${target}: ${(err as Error).message}. Berkas sebagian telah dihapus.`;
}
