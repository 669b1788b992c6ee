/**
 * `npm run backup -- [--out <file or folder>]` — one file holding the whole installation: every table's rows
 * (read in one consistent snapshot) and the photo and attachment files they cite, with a manifest (docs/operations.md,
 * "Backup and restore"). Without --out it writes BACKUP_DIR/abdi-backup-YYYYMMDD-HHmmss.tar (UTC).
 * Exit 0 when written (missing files cited by rows are listed as warnings), 2 on bad arguments or an existing
 * target, 3 when the database cannot be read, 5 when the target cannot be written (disk full: the partial file is
 * removed). On PGlite, stop the server first.
 */
import { readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { backupFileName } from '../src/core/common/backup-manifest.ts';
import {
  BackupTargetError,
  writeBackup,
  type BackupProgress,
  type BackupStores,
} from '../src/server/backup/backup.ts';
import type { Config } from '../src/server/config.ts';
import { createDatabase, type DatabaseHandle } from '../src/server/db/database.ts';
import { attachmentStoreOf } from '../src/server/files/attachment-service.ts';
import { localPhotoStore } from '../src/server/modules/attendance/photo-store.ts';
import { s3PhotoStore } from '../src/server/modules/attendance/s3-photo-store.ts';
import { type CliIo, EXIT, exitCodeOf, loadCliConfig, processIo } from './cli-db.ts';

/** Exit codes of backup and restore: the shared ones, plus STORAGE when the backup target cannot be written. */
export const BACKUP_EXIT = { ...EXIT, STORAGE: 5 } as const;

/** The release's version (package.json), recorded in the manifest. */
export const APP_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The file stores exactly as the server builds them (app.ts): PHOTO_DIR or the S3 bucket. */
export function storesOf(config: Config): BackupStores {
  return {
    photos: config.s3 ? s3PhotoStore(config.s3) : localPhotoStore(config.photoDir),
    attachments: attachmentStoreOf(config),
  };
}

/**
 * Open the configured database WITHOUT migrating it (a backup changes nothing; a restore decides the schema
 * itself). Exits 3 when it cannot be opened.
 */
export async function openUnmigrated(config: Config, io: CliIo): Promise<DatabaseHandle> {
  try {
    if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
    return await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  } catch (err) {
    io.error(`Tidak dapat membuka basis data: ${(err as Error).message}`);
    if (!config.databaseUrl)
      io.error(
        `Jika server Abdi sedang berjalan dengan PGlite di ${config.dataDir}, hentikan dulu servernya.`,
      );
    io.exit(EXIT.DATABASE);
  }
}

/**
 * Progress on stderr: a bar per phase (tables, files) on a terminal; otherwise a line per quarter of each phase.
 */
export function progressOf(stderr: CliIo['stderr'], verb: string): BackupProgress & { stop(): void } {
  const tty = stderr.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  let phase = '';
  let quarter = 0;
  const step = (name: string, label: string, done: number, total: number) => {
    if (phase !== name) {
      bar?.stop();
      bar = null;
      phase = name;
      quarter = 0;
      if (tty && total > 0) {
        bar = new cliProgress.SingleBar(
          { format: `${verb} ${label} |{bar}| {value}/{total}`, hideCursor: true, stream: stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
    }
    if (bar) return bar.update(done);
    const q = total === 0 ? 4 : Math.floor((done / total) * 4);
    if (q > quarter) {
      quarter = q;
      stderr.write(
        `${verb} ${label}: ${done}/${total} (${Math.floor((done / Math.max(total, 1)) * 100)}%)\n`,
      );
    }
  };
  return {
    table: (_name, _rows, i, total) => step('tables', 'tabel', i, total),
    files: (done, total) => step('files', 'berkas', done, total),
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** Where the backup goes: `--out` as a file, or a folder (existing, or ending in /) given the default name. */
async function targetOf(out: string | undefined, config: Config, now: Date): Promise<string> {
  const name = backupFileName(now);
  if (!out) return path.join(config.backupDir, name);
  if (out.endsWith('/') || out.endsWith(path.sep)) return path.join(out, name);
  const s = await stat(out).catch(() => null);
  return s?.isDirectory() ? path.join(out, name) : out;
}

/** A byte count for messages ("12,4 MB"). */
export const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${n} bita`;

/**
 * The tool: arguments, configuration from `env`, output through `io`; returns the exit code. `now` is the
 * backup's time (its file name and manifest).
 */
export function main(
  argv: string[] = process.argv.slice(2),
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  return exitCodeOf(() => run(argv, env, io));
}

async function run(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let out: string | undefined;
  try {
    ({ out } = parseArgs({
      args: argv,
      options: { out: { type: 'string' } },
      allowPositionals: false,
    }).values);
  } catch (err) {
    io.error(`${(err as Error).message}\nPemakaian: npm run backup -- [--out <berkas atau folder>]`);
    return BACKUP_EXIT.USAGE;
  }
  const config = loadCliConfig(env, io);
  const now = new Date();
  const target = await targetOf(out, config, now);
  if (await stat(target).catch(() => null)) {
    io.error(`${target} sudah ada; cadangan tidak menimpa berkas. Pilih nama lain dengan --out.`);
    return BACKUP_EXIT.USAGE;
  }
  try {
    await mkdir(path.dirname(target), { recursive: true });
  } catch (err) {
    io.error(`Folder tujuan ${path.dirname(target)} tidak dapat dibuat: ${(err as Error).message}`);
    return BACKUP_EXIT.STORAGE;
  }
  const handle = await openUnmigrated(config, io);
  const progress = progressOf(io.stderr, 'Mencadangkan');
  try {
    const m = await writeBackup(handle, storesOf(config), target, { appVersion: APP_VERSION, now, progress });
    progress.stop();
    const rows = m.tables.reduce((a, t) => a + t.rows, 0);
    const { size } = await stat(target);
    io.log(
      `Cadangan selesai: ${target} (${sizeText(size)}; ${m.tables.length} tabel, ${rows} baris, ` +
        `${m.files.length} berkas; skema ${m.schemaVersion}, ${handle.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'})`,
    );
    if (m.missingFiles.length) {
      io.error(
        `Peringatan: ${m.missingFiles.length} berkas yang dirujuk basis data tidak ada atau rusak di penyimpanan ` +
          '(dicatat di manifest; barisnya tetap dicadangkan):',
      );
      for (const f of m.missingFiles.slice(0, 10)) io.error(`  ${f.store}/${f.sha256} (${f.reason})`);
      if (m.missingFiles.length > 10) io.error(`  … dan ${m.missingFiles.length - 10} lainnya`);
    }
    return BACKUP_EXIT.OK;
  } catch (err) {
    progress.stop();
    if (err instanceof BackupTargetError) {
      io.error(err.message);
      io.error('Basis data dan berkas yang tersimpan tidak diubah.');
      return BACKUP_EXIT.STORAGE;
    }
    io.error(`Cadangan gagal: ${(err as Error).message}. Tidak ada berkas cadangan yang ditulis.`);
    return BACKUP_EXIT.DATABASE;
  } finally {
    await handle.close();
  }
}

if (import.meta.main) process.exit(await main());
