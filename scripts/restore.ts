/**
 * `npm run restore -- <backup file> [--force]` — put a backup made by `npm run backup` (either engine) into the
 * configured database (DATABASE_URL or PGlite in DATA_DIR) and file stores (PHOTO_DIR or S3), which must be
 * empty. With --force an installation that holds data is replaced — after its current contents have been
 * backed up to BACKUP_DIR (the restore stops if that backup fails). The backup is checked before anything is
 * touched (a newer schema is refused: update Abdi first); the database part is one transaction, checked (row
 * counts, checksums, audit chain) before it commits. On PGlite, stop the server first.
 * Exit 0 restored; 1 refused or failed (nothing changed); 2 bad arguments; 3 database unreachable; 5 the
 * safety backup of --force could not be written.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupFileName } from '../src/core/common/backup-manifest.ts';
import { BackupTargetError, writeBackup } from '../src/server/backup/backup.ts';
import { RestoreError, openBackup, restoreBackup, targetState } from '../src/server/backup/restore.ts';
import { type CliIo, exitCodeOf, loadCliConfig, processIo } from './cli-db.ts';
import { APP_VERSION, BACKUP_EXIT, openUnmigrated, progressOf, storesOf } from './backup.ts';

const USAGE = 'Pemakaian: npm run restore -- <berkas cadangan> [--force]';

/** The tool: arguments, configuration from `env`, output through `io`; returns the exit code. */
export function main(
  argv: string[] = process.argv.slice(2),
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  return exitCodeOf(() => run(argv, env, io));
}

async function run(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let file: string;
  let force: boolean;
  try {
    const parsed = parseArgs({
      args: argv,
      options: { force: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    if (parsed.positionals.length !== 1) throw new Error('Sebutkan tepat satu berkas cadangan.');
    file = parsed.positionals[0]!;
    force = parsed.values.force;
  } catch (err) {
    io.error(`${(err as Error).message}\n${USAGE}`);
    return BACKUP_EXIT.USAGE;
  }
  const config = loadCliConfig(env, io);
  // The backup first: a newer schema, a damaged or incomplete file is refused before the target is opened.
  let backup;
  try {
    backup = await openBackup(file);
  } catch (err) {
    if (err instanceof RestoreError) {
      io.error(err.message);
      return BACKUP_EXIT.REJECTED;
    }
    throw err;
  }
  const { manifest } = backup;
  io.log(
    `Cadangan ${path.basename(file)}: dibuat ${manifest.createdAt} oleh Abdi ${manifest.appVersion} ` +
      `(${manifest.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}), skema ${manifest.schemaVersion}` +
      (backup.schema.kind === 'older'
        ? ` (lebih lama; ${backup.schema.pending.length} migrasi diterapkan sesudahnya)`
        : ''),
  );
  const handle = await openUnmigrated(config, io);
  const stores = storesOf(config);
  const progress = progressOf(io.stderr, 'Memulihkan');
  try {
    const state = await targetState(handle.db);
    if (!state.empty && force) {
      const safety = path.join(
        config.backupDir,
        backupFileName(new Date()).replace('.tar', '-sebelum-pulih.tar'),
      );
      io.log(`--force: isi basis data tujuan dicadangkan dulu ke ${safety}`);
      try {
        await writeBackup(handle, stores, safety, {
          appVersion: APP_VERSION,
          now: new Date(),
          progress: progressOf(io.stderr, 'Mencadangkan isi lama'),
        });
      } catch (err) {
        io.error(
          `${err instanceof BackupTargetError ? err.message : (err as Error).message}\n` +
            'Pemulihan dibatalkan: isi lama tidak dapat dicadangkan. Tidak ada yang diubah.',
        );
        return err instanceof BackupTargetError ? BACKUP_EXIT.STORAGE : BACKUP_EXIT.DATABASE;
      }
    }
    const result = await restoreBackup(handle, stores, backup, { force, progress });
    progress.stop();
    const rows = manifest.tables.reduce((a, t) => a + t.rows, 0);
    io.log(
      `Pemulihan selesai: ${manifest.tables.length} tabel, ${rows} baris, ${manifest.files.length} berkas; ` +
        `jumlah baris cocok dengan manifest; rantai audit utuh: ${result.auditEntries} entri diperiksa.`,
    );
    if (result.migratedForward.length)
      io.log(
        `${result.migratedForward.length} migrasi diterapkan sesudahnya (sampai ${result.migratedForward.at(-1)}).`,
      );
    if (manifest.missingFiles.length)
      io.error(
        `Catatan: ${manifest.missingFiles.length} berkas sudah tidak ada saat cadangan dibuat (lihat manifest); ` +
          'barisnya dipulihkan tanpa berkas.',
      );
    return BACKUP_EXIT.OK;
  } catch (err) {
    progress.stop();
    if (err instanceof RestoreError) {
      io.error(err.kind === 'refused' ? err.message : `Pemulihan gagal: ${err.message}`);
      if (err.kind === 'failed') io.error('Semua perubahan dibatalkan; basis data tujuan seperti semula.');
      return BACKUP_EXIT.REJECTED;
    }
    io.error(`Pemulihan gagal: ${(err as Error).message}`);
    io.error('Semua perubahan dibatalkan; basis data tujuan seperti semula.');
    return BACKUP_EXIT.DATABASE;
  } finally {
    await backup.close();
    await handle.close();
  }
}

if (import.meta.main) process.exit(await main());
