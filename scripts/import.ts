/**
 * `npm run import -- --kind employees --file pegawai.xlsx [--valid-only] [--dry-run]` (or `--kind units`):
 * the same validation and commit as the web import (src/server/modules/imports), run as a system actor with a
 * whole-organisation grant. See docs/import.md.
 *
 * Exit codes: 0 written (or a clean dry run); 1 rows were rejected and nothing was written; 2 usage error
 * (unknown flag, missing or unreadable file); 3 the database cannot be opened; 4 the file is larger than
 * IMPORT_MAX_BYTES (checked from the file's size before reading it, and again while reading it).
 * A PGlite data directory can be opened by one process at a time: stop the server first (or use PostgreSQL).
 *
 * Progress goes to stderr: a progress bar on a terminal, else (a pipe, a log file, CI) plain lines
 * "Memeriksa: 50/200 langkah (25%)" at each quarter of a phase.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { buildServices } from '../src/server/app.ts';
import { systemClock } from '../src/server/clock.ts';
import { AppError } from '../src/server/errors.ts';
import type { ImportJob } from '../src/shared/api/imports.ts';
import {
  type CliIo,
  describeDatabase,
  EXIT,
  exitCodeOf,
  loadCliConfig,
  openDatabase,
  processIo,
  readImportFile,
  systemActor,
} from './cli-db.ts';

const USAGE = `Pemakaian: npm run import -- --kind <units|employees> --file <berkas.csv|berkas.xlsx> [--valid-only] [--dry-run]

  --kind        units (unit organisasi) atau employees (pegawai)
  --file        berkas CSV (koma atau titik koma, UTF-8) atau XLSX; kolom: docs/import.md
  --valid-only  tulis baris yang valid saja, lewati baris bermasalah
  --dry-run     periksa saja, jangan tulis data
  --help        tampilkan bantuan ini

Kode keluar: 0 berhasil, 1 ada baris ditolak dan tidak ada yang ditulis, 2 salah pemakaian, 3 basis data tidak dapat dibuka,
4 berkas lebih besar dari IMPORT_MAX_BYTES (bawaan 10 MB).
PGlite hanya dapat dibuka satu proses: hentikan server Abdi dulu (atau gunakan PostgreSQL).`;

/** The message and the usage on stderr, exit 2. */
function usageError(io: CliIo, message: string): never {
  io.error(`${message}\n\n${USAGE}`);
  return io.exit(EXIT.USAGE);
}

type Args = { kind: 'units' | 'employees'; file: string; validOnly: boolean; dryRun: boolean };

function parseCli(argv: string[], io: CliIo): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        kind: { type: 'string' },
        file: { type: 'string' },
        'valid-only': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    // parseArgs throws for unknown flags and flags missing their value.
    usageError(io, (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.log(USAGE);
    io.exit(EXIT.OK);
  }
  if (positionals.length > 0) usageError(io, `Argumen tidak dikenal: ${positionals.join(' ')}`);
  const kind: 'units' | 'employees' =
    values.kind === 'units' || values.kind === 'employees'
      ? values.kind
      : usageError(io, '--kind harus "units" atau "employees"');
  const file = values.file ? values.file : usageError(io, '--file wajib diisi');
  return { kind, file, validOnly: values['valid-only'], dryRun: values['dry-run'] };
}

/**
 * One progress bar per phase on stderr when it is a terminal; otherwise (cli-progress draws nothing there)
 * a plain line at each quarter of a phase, so logs and pipes still show progress.
 */
function progressReporter(stderr: CliIo['stderr']) {
  const tty = stderr.isTTY === true;
  const labels = { validate: 'Memeriksa', commit: 'Menulis  ' } as const;
  let bar: cliProgress.SingleBar | null = null;
  let phase: keyof typeof labels | null = null;
  let lastQuarter = 0;
  const plainLine = (done: number, total: number) =>
    stderr.write(
      `${labels[phase!].trim()}: ${done}/${total} langkah (${Math.floor((done / total) * 100)}%)\n`,
    );
  return {
    onProgress(next: keyof typeof labels, done: number, rawTotal: number) {
      const total = Math.max(rawTotal, 1);
      if (phase !== next) {
        bar?.stop();
        bar = null;
        phase = next;
        lastQuarter = 0;
        if (tty) {
          bar = new cliProgress.SingleBar(
            {
              format: `${labels[next]} |{bar}| {value}/{total} langkah`,
              hideCursor: true,
              clearOnComplete: false,
              stream: stderr,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
        }
      }
      if (bar) {
        bar.setTotal(total);
        bar.update(done);
        return;
      }
      const quarter = Math.floor((Math.min(done, total) / total) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        plainLine(Math.min(done, total), total);
      }
    },
    stop() {
      bar?.stop();
      bar = null;
      phase = null;
    },
  };
}

function printReport(job: ImportJob, io: CliIo) {
  io.log(
    `\nBerkas ${job.fileName}: ${job.totalRows} baris data, ${job.validRows} valid, ${job.totalRows - job.validRows} bermasalah.`,
  );
  if (job.errors.length === 0) return;
  io.log(`\nLaporan baris bermasalah (${job.errors.length} kesalahan):`);
  for (const e of job.errors)
    io.log(`  Baris ${e.line}${e.column ? `, kolom ${e.column}` : ''}: ${e.message}`);
}

/**
 * The tool: `args` as after `npm run import --`, the configuration from `env`, output and early exits through
 * `io`. Returns the exit code (the command line below exits with it).
 */
export function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  return exitCodeOf(() => run(argv, env, io));
}

async function run(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const args = parseCli(argv, io);
  const cliConfig = loadCliConfig(env, io);
  const buf = await readImportFile(args.file, cliConfig.importMaxBytes, (m) => usageError(io, m), io);

  const { config, handle } = await openDatabase(cliConfig, io);
  const services = buildServices({ config, db: handle.db, clock: systemClock });
  const progress = progressReporter(io.stderr);
  let code: number = EXIT.OK;
  try {
    const actor = await systemActor(handle.db, services.audit, 'abdi-cli/import');
    io.log(
      `Impor ${args.kind === 'units' ? 'unit' : 'pegawai'} dari ${path.basename(args.file)} ke ${describeDatabase(config)} sebagai ${actor.displayName}.`,
    );
    let job: ImportJob;
    try {
      job = await services.imports.validate(
        actor,
        args.kind,
        path.basename(args.file),
        buf,
        progress.onProgress,
      );
    } catch (err) {
      progress.stop();
      if (err instanceof AppError) {
        io.error(`Berkas tidak dapat diproses: ${err.message}`);
        code = EXIT.USAGE;
      } else throw err;
    }
    progress.stop();
    if (code === EXIT.OK) {
      printReport(job!, io);
      const hasErrors = job!.errors.length > 0;
      if (args.dryRun) {
        io.log(`\nUji coba (--dry-run): tidak ada data yang ditulis.`);
        if (hasErrors) code = EXIT.REJECTED;
      } else if (hasErrors && (!args.validOnly || job!.validRows === 0)) {
        io.error(
          args.validOnly
            ? '\nTidak ada baris valid; tidak ada data yang ditulis.'
            : '\nBerkas ditolak: tidak ada data yang ditulis. Perbaiki baris di atas, atau jalankan ulang dengan --valid-only untuk menulis baris yang valid saja.',
        );
        code = EXIT.REJECTED;
      } else {
        try {
          const saved = await services.imports.commit(
            actor,
            job!.id,
            args.validOnly ? 'validOnly' : 'all',
            progress.onProgress,
          );
          progress.stop();
          const r = saved.result!;
          io.log(
            `\nSelesai: ${r.inserted} baru, ${r.updated} diperbarui, ${r.skipped} tidak berubah${hasErrors ? `; ${job!.totalRows - job!.validRows} baris bermasalah dilewati` : ''}.`,
          );
        } catch (err) {
          progress.stop();
          if (!(err instanceof AppError) || err.code !== 'IMPORT_INVALID') throw err;
          // The database changed between validation and commit (e.g. a unit was removed meanwhile).
          io.error(`\n${err.message}`);
          for (const e of (err.details as ImportJob['errors']) ?? [])
            io.error(`  Baris ${e.line}${e.column ? `, kolom ${e.column}` : ''}: ${e.message}`);
          code = EXIT.REJECTED;
        }
      }
    }
  } finally {
    progress.stop();
    await handle.close();
  }
  return code;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
