import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import {
  MANIFEST_ENTRY,
  compareSchema,
  fileEntryName,
  manifestProblems,
  tableEntryName,
  type BackupManifest,
  type SchemaVerdict,
} from '../../core/common/backup-manifest.ts';
import { systemClock } from '../clock.ts';
import type { DatabaseHandle, Db } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { createAuditService } from '../modules/audit/audit-service.ts';
import { dataTables, ident, type BackupProgress, type BackupStores } from './backup.ts';
import { entryStream, indexTar, readEntry, type TarEntry } from './tar.ts';

/** A restore refused or failed for a reason the operator can act on; the target is as it was. */
export class RestoreError extends Error {
  /** 'refused': checked before anything was touched; 'failed': rolled back. */
  readonly kind: 'refused' | 'failed';
  constructor(message: string, kind: 'refused' | 'failed') {
    super(message);
    this.name = 'RestoreError';
    this.kind = kind;
  }
}

/** A backup file opened and checked: its manifest, its entries, where its schema stands against this release. */
export interface OpenedBackup {
  file: string;
  fh: FileHandle;
  manifest: BackupManifest;
  entries: Map<string, TarEntry>;
  schema: SchemaVerdict;
  close(): Promise<void>;
}

const KNOWN = Object.keys(migrations);

/**
 * Open a backup and check, before anything is touched, that this release can restore it: an Abdi backup of a
 * known format, complete (every table and file the manifest names is in the archive, the archive not cut
 * off), of a schema this release has (the same, or older: migrated forward after the rows are loaded).
 * @throws RestoreError ('refused') naming the reason: a newer schema says to update Abdi first.
 */
export async function openBackup(file: string): Promise<OpenedBackup> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RestoreError(
      `Berkas cadangan ${file} tidak dapat dibuka: ${code === 'ENOENT' ? 'tidak ditemukan' : (err as Error).message}`,
      'refused',
    );
  }
  const refuse = async (why: string): Promise<never> => {
    await fh.close();
    throw new RestoreError(`Berkas ${file} tidak dapat dipulihkan: ${why}`, 'refused');
  };
  let entries: Map<string, TarEntry>;
  let manifest: BackupManifest;
  try {
    entries = new Map((await indexTar(fh)).map((e) => [e.name, e]));
    const m = entries.get(MANIFEST_ENTRY);
    if (!m) return await refuse('manifest.json tidak ada (bukan cadangan Abdi, atau berkas tidak lengkap)');
    manifest = JSON.parse((await readEntry(fh, m)).toString('utf8')) as BackupManifest;
  } catch (err) {
    if (err instanceof RestoreError) throw err;
    return await refuse(`berkas rusak atau tidak lengkap (${(err as Error).message})`);
  }
  const problems = manifestProblems(manifest);
  if (problems.length) return await refuse(problems.join('; '));
  const schema = compareSchema(manifest.schemaVersion, KNOWN);
  if (schema.kind === 'newer') {
    await fh.close();
    throw new RestoreError(
      `Cadangan dibuat oleh versi Abdi yang lebih baru (skema ${manifest.schemaVersion}, Abdi ${manifest.appVersion}); ` +
        `versi ini hanya mengenal skema sampai ${schema.latest}. Perbarui Abdi dulu, lalu pulihkan lagi. ` +
        'Basis data tujuan tidak diubah.',
      'refused',
    );
  }
  if (schema.kind === 'unknown')
    return await refuse(
      `skema ${manifest.schemaVersion} tidak dikenal versi Abdi ini (bukan bagian dari riwayat migrasinya)`,
    );
  const absent = [
    ...manifest.tables.map((t) => tableEntryName(t.name)),
    ...manifest.files.map((f) => fileEntryName(f.store, f.sha256)),
  ].filter((name) => !entries.has(name));
  if (absent.length)
    return await refuse(
      `${absent.length} isi yang tercantum di manifest tidak ada di arsip (mis. ${absent[0]})`,
    );
  return { file, fh, manifest, entries, schema, close: () => fh.close() };
}

/** What a target database holds, to decide whether it is empty. */
export interface TargetState {
  /** Any table in the public schema (a database migrated at least once). */
  hasTables: boolean;
  /** The migrations applied, in order. */
  applied: string[];
  /** Rows of the tables that any use of Abdi fills (users, employees, units, audit entries). */
  rows: Record<string, number>;
  empty: boolean;
}

const USE_TABLES = ['users', 'employees', 'units', 'audit_log'] as const;

/**
 * A target is empty when no one has used it: no user, employee, unit or audit entry (what migrations put in on
 * their own, e.g. the audit chain's head, does not count).
 */
export async function targetState(db: Db): Promise<TargetState> {
  const tables = new Set(await dataTables(db));
  const hasTables = tables.size > 0;
  let applied: string[] = [];
  const mig = await sql<{
    n: string | null;
  }>`select to_regclass('public.kysely_migration')::text as n`.execute(db);
  if (mig.rows[0]?.n)
    applied = (
      await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
    ).rows.map((r) => r.name);
  const rows: Record<string, number> = {};
  for (const t of USE_TABLES) {
    if (!tables.has(t)) continue;
    const r = await sql<{ n: number }>`select count(*)::int as n from ${ident(t)}`.execute(db);
    rows[t] = r.rows[0]!.n;
  }
  return { hasTables, applied, rows, empty: Object.values(rows).every((n) => n === 0) };
}

const BATCH_BYTES = 2 * 1024 * 1024;

/**
 * Restore an opened backup into the database of `handle` and the `stores`, which must be empty unless `force`
 * (the caller makes a backup of what is there first). The database part is ONE transaction: the schema put at
 * exactly the backup's version (a database already at that version is emptied; any other is reset: its public
 * schema dropped and migrated afresh), the rows loaded with triggers and foreign-key checks off (the rows come
 * from one consistent snapshot; `session_replication_role = replica`, which needs a superuser or a role granted
 * SET on that parameter), sequences set, then checked: every table's checksum and row count equal the
 * manifest's, and the audit chain verifies. The files are put back (each checked against its hash) before the
 * commit; a backup of an older schema is then migrated forward in the same transaction. Any failure rolls the
 * database back and removes the files this restore added: the target is as it was.
 */
export async function restoreBackup(
  handle: DatabaseHandle,
  stores: BackupStores,
  backup: OpenedBackup,
  opts: { force: boolean; progress?: BackupProgress },
): Promise<{ migratedForward: string[]; auditEntries: number }> {
  const { manifest } = backup;
  const progress = opts.progress;
  const state = await targetState(handle.db);
  if (!state.empty && !opts.force)
    throw new RestoreError(
      `Basis data tujuan tidak kosong (${Object.entries(state.rows)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t}: ${n} baris`)
        .join(', ')}). Pemulihan hanya ke basis data kosong; tambahkan --force untuk menggantinya ` +
        '(isinya dicadangkan dulu). Tidak ada yang diubah.',
      'refused',
    );
  const added: { store: keyof BackupStores; sha256: string }[] = [];
  try {
    const result = await handle.db.transaction().execute(async (trx) => {
      const atVersion =
        state.applied.length > 0 &&
        state.applied.length === KNOWN.indexOf(manifest.schemaVersion) + 1 &&
        state.applied.every((name, i) => KNOWN[i] === name);
      if (!atVersion) {
        if (state.hasTables) {
          await sql`drop schema public cascade`.execute(trx);
          await sql`create schema public`.execute(trx);
        }
        await migrate(trx, manifest.schemaVersion);
      }
      await sql`set local session_replication_role = replica`.execute(trx).catch((err: unknown) => {
        throw new RestoreError(
          `Peran basis data tidak boleh mematikan pemicu selama pemulihan (${(err as Error).message}). ` +
            'Jalankan sebagai superuser, atau berikan: GRANT SET ON PARAMETER session_replication_role TO <peran>.',
          'failed',
        );
      });
      const tables = await dataTables(trx);
      const expected = manifest.tables.map((t) => t.name).sort();
      const extra = tables.filter((t) => !expected.includes(t));
      const lacking = expected.filter((t) => !tables.includes(t));
      if (extra.length || lacking.length)
        throw new RestoreError(
          `Tabel cadangan tidak cocok dengan skema ${manifest.schemaVersion}` +
            (lacking.length ? `; tidak ada di skema: ${lacking.join(', ')}` : '') +
            (extra.length ? `; tidak ada di cadangan: ${extra.join(', ')}` : ''),
          'failed',
        );
      for (const t of tables) await sql`delete from ${ident(t)}`.execute(trx);
      for (const [i, t] of manifest.tables.entries()) {
        const rows = await loadTable(trx, backup, t);
        if (rows !== t.rows)
          throw new RestoreError(
            `Tabel ${t.name}: ${rows} baris dimuat, manifest mencatat ${t.rows}`,
            'failed',
          );
        progress?.table(t.name, rows, i + 1, manifest.tables.length);
      }
      for (const s of manifest.sequences) {
        const seq = `public.${s.name}`;
        if (s.lastValue === null) await sql`select setval(${seq}::regclass, 1, false)`.execute(trx);
        else await sql`select setval(${seq}::regclass, ${s.lastValue}, true)`.execute(trx);
      }
      // Counted again from the tables themselves (not from what was sent).
      for (const t of manifest.tables) {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${ident(t.name)}`.execute(trx);
        if (r.rows[0]!.n !== t.rows)
          throw new RestoreError(
            `Jumlah baris ${t.name} tidak cocok: ${r.rows[0]!.n}, manifest mencatat ${t.rows}`,
            'failed',
          );
      }
      await sql`set local session_replication_role = origin`.execute(trx);
      const audit = await createAuditService({ db: trx, clock: systemClock }).verify();
      if (!audit.ok)
        throw new RestoreError(
          `Rantai audit hasil pemulihan tidak utuh${audit.firstBadId === null ? '' : ` pada entri #${audit.firstBadId}`}: ${audit.reason}`,
          'failed',
        );
      let done = 0;
      progress?.files(0, manifest.files.length);
      for (const f of manifest.files) {
        const bytes = await readEntry(backup.fh, backup.entries.get(fileEntryName(f.store, f.sha256))!);
        if (bytes.length !== f.size || createHash('sha256').update(bytes).digest('hex') !== f.sha256)
          throw new RestoreError(`Berkas ${f.store}/${f.sha256} di dalam cadangan rusak`, 'failed');
        const store = stores[f.store];
        if ((await store.get(f.sha256)) === null) {
          await store.put(f.sha256, bytes);
          added.push({ store: f.store, sha256: f.sha256 });
        }
        progress?.files(++done, manifest.files.length);
      }
      const migratedForward =
        backup.schema.kind === 'older' ? await migrate(trx, KNOWN[KNOWN.length - 1]!) : [];
      return { migratedForward, auditEntries: audit.checked };
    });
    return result;
  } catch (err) {
    for (const f of added) await stores[f.store].delete(f.sha256).catch(() => undefined);
    throw err;
  }
}

/** Migrate `db` (a transaction) up to exactly `name`; returns the migrations applied. */
async function migrate(db: Db, name: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateTo(name);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new RestoreError(
      `Migrasi gagal${failed ? ` (${failed.migrationName})` : ''}: ${error instanceof Error ? error.message : String(error)}`,
      'failed',
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Load one table's JSON lines, in batches of about 2 MB, through `json_populate_recordset` (each value parsed by
 * its column's own type, the same on both engines); generated columns are left to the database, identity
 * columns keep their values. The entry's sha256 is checked as it is read.
 */
async function loadTable(
  trx: Db,
  backup: OpenedBackup,
  t: BackupManifest['tables'][number],
): Promise<number> {
  const cols = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = ${t.name} and is_generated = 'NEVER'
    order by ordinal_position`.execute(trx);
  const list = sql.join(cols.rows.map((c) => ident(c.name)));
  const entry = backup.entries.get(tableEntryName(t.name))!;
  const hash = createHash('sha256');
  const raw = entryStream(backup.file, entry);
  const tee = new PassThrough();
  raw.on('data', (c: Buffer) => hash.update(c));
  raw.on('error', (e) => tee.destroy(e));
  raw.pipe(tee);
  const gunzip = createGunzip();
  tee.pipe(gunzip);
  tee.on('error', (e) => gunzip.destroy(e));
  let rows = 0;
  let batch: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const json = `[${batch.join(',')}]`;
    await sql`insert into ${ident(t.name)} (${list}) overriding system value
      select ${list} from json_populate_recordset(null::${ident(t.name)}, ${json}::json)`.execute(trx);
    rows += batch.length;
    batch = [];
    bytes = 0;
  };
  try {
    for await (const line of createInterface({ input: gunzip, crlfDelay: Infinity })) {
      if (!line) continue;
      batch.push(line);
      bytes += line.length;
      if (bytes >= BATCH_BYTES) await flush();
    }
    await flush();
  } catch (err) {
    if (err instanceof RestoreError) throw err;
    // Damaged data can fail as a gzip error or as rows the database rejects: the entry's checksum tells.
    if ((await entrySha256(backup.file, entry)) !== t.sha256)
      throw new RestoreError(`Data tabel ${t.name} di dalam cadangan rusak (checksum tidak cocok)`, 'failed');
    throw err;
  }
  if (hash.digest('hex') !== t.sha256)
    throw new RestoreError(`Data tabel ${t.name} di dalam cadangan rusak (checksum tidak cocok)`, 'failed');
  return rows;
}

/** The sha256 of an entry's bytes, read again from the archive. */
async function entrySha256(file: string, entry: TarEntry): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of entryStream(file, entry) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
