/**
 * `npm run attendance:import -- --file attlog.dat [--serial SN] [--unit KODE] [--dry-run]`: import a
 * fingerprint/face terminal log (ZKTeco attlog or CSV) as punches, exactly as the web upload does
 * (src/server/modules/attendance/terminal-service.ts), run as a system actor with a whole-organisation grant.
 *
 * Exit codes (scripts/cli-db.ts EXIT): 0 every line imported (or already there); 1 some lines were broken or
 * had an unknown terminal user id (the good lines are imported; with every line broken nothing is written);
 * 2 usage error (unknown flag, missing or unreadable file, unknown unit code); 3 the database cannot be opened
 * or has no usable rulebook; 4 the file is larger than IMPORT_MAX_BYTES.
 * A PGlite data directory can be opened by one process at a time: stop the server first (or use PostgreSQL).
 *
 * Progress goes to stderr: a progress bar on a terminal, else plain lines "Memeriksa: 500/2000 baris (25%)" at
 * each quarter of a phase.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { buildServices } from '../src/server/app.ts';
import { systemClock } from '../src/server/clock.ts';
import { AppError } from '../src/server/errors.ts';
import {
  createTerminalService,
  type TerminalService,
} from '../src/server/modules/attendance/terminal-service.ts';
import type { TerminalImportResult } from '../src/shared/api/attendance.ts';
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

const USAGE = `Pemakaian: npm run attendance:import -- --file <attlog.dat|log.csv> [--serial SN] [--unit KODE] [--dry-run]

  --file     log mesin presensi: attlog ZKTeco (ID, YYYY-MM-DD HH:mm:ss, status, mode verifikasi, …) atau CSV
             berjudul (user_id, datetime, status, verify_mode, device_serial; koma atau titik koma)
  --serial   nomor seri mesin, untuk baris yang tidak memuatnya
  --unit     kode unit yang zona waktunya dipakai jam mesin (bawaan: zona unit masing-masing pegawai)
  --dry-run  periksa saja, jangan tulis data
  --help     tampilkan bantuan ini

Kode keluar: 0 berhasil, 1 ada baris rusak atau ID mesin tidak dikenal (baris lain tetap diimpor), 2 salah pemakaian,
3 basis data tidak dapat dibuka, 4 berkas lebih besar dari IMPORT_MAX_BYTES (bawaan 10 MB).
PGlite hanya dapat dibuka satu proses: hentikan server Abdi dulu (atau gunakan PostgreSQL).`;

/** The message and the usage on stderr, exit 2. */
function usageError(io: CliIo, message: string): never {
  io.error(`${message}\n\n${USAGE}`);
  return io.exit(EXIT.USAGE);
}

type Args = { file: string; serial: string | null; unit: string | null; dryRun: boolean };

function parseCli(argv: string[], io: CliIo): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        serial: { type: 'string' },
        unit: { type: 'string' },
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
  const file = values.file ? values.file : usageError(io, '--file wajib diisi');
  if (values.serial !== undefined && values.serial.trim() === '')
    usageError(io, '--serial tidak boleh kosong');
  if (values.unit !== undefined && values.unit.trim() === '') usageError(io, '--unit tidak boleh kosong');
  return {
    file,
    serial: values.serial?.trim() ?? null,
    unit: values.unit?.trim() ?? null,
    dryRun: values['dry-run'],
  };
}

/**
 * One progress bar per phase on stderr when it is a terminal; otherwise (cli-progress draws nothing there)
 * a plain line at each quarter of a phase, so logs and pipes still show progress.
 */
function progressReporter(stderr: CliIo['stderr']) {
  const tty = stderr.isTTY === true;
  const labels = { check: 'Memeriksa', write: 'Menulis  ' } as const;
  let bar: cliProgress.SingleBar | null = null;
  let phase: keyof typeof labels | null = null;
  let lastQuarter = 0;
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
              format: `${labels[next]} |{bar}| {value}/{total} baris`,
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
        bar.update(Math.min(done, total));
        return;
      }
      const quarter = Math.floor((Math.min(done, total) / total) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stderr.write(
          `${labels[next].trim()}: ${Math.min(done, total)}/${total} baris (${Math.floor((Math.min(done, total) / total) * 100)}%)\n`,
        );
      }
    },
    stop() {
      bar?.stop();
      bar = null;
      phase = null;
    },
  };
}

function printErrors(errors: { line: number; message: string }[], io: CliIo) {
  if (errors.length === 0) return;
  io.log(`\nBaris rusak (${errors.length}):`);
  for (const e of errors) io.log(`  Baris ${e.line}: ${e.message}`);
}

function printReport(fileName: string, r: TerminalImportResult, dryRun: boolean, io: CliIo) {
  const unknownLines = r.unknownIds.reduce((n, u) => n + u.lines.length, 0);
  io.log(
    `\nBerkas ${fileName}: ${r.totalLines} baris; ${r.imported} ${dryRun ? 'akan diimpor' : 'diimpor'}, ` +
      `${r.duplicates} duplikat (sudah ada), ${unknownLines} baris dengan ID mesin tidak dikenal, ${r.errors.length} baris rusak.`,
  );
  if (r.unknownIds.length > 0) {
    io.log(
      `\nID pengguna mesin tidak dikenal atau di luar kewenangan (${r.unknownIds.length}); petakan dulu ke pegawai:`,
    );
    for (const u of r.unknownIds) io.log(`  ID ${u.terminalUserId}: baris ${u.lines.join(', ')}`);
  }
  printErrors(r.errors, io);
}

/**
 * The tool: `args` as after `npm run attendance:import --`, the configuration from `env`, output and early exits
 * through `io`. Returns the exit code (the command line below exits with it).
 */
export function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  return exitCodeOf(() => runTool(argv, env, io));
}

async function runTool(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const args = parseCli(argv, io);
  const cliConfig = loadCliConfig(env, io);
  const buf = await readImportFile(args.file, cliConfig.importMaxBytes, (m) => usageError(io, m), io);

  const { config, handle } = await openDatabase(cliConfig, io);
  const services = buildServices({ config, db: handle.db, clock: systemClock });
  const progress = progressReporter(io.stderr);

  async function run(): Promise<number> {
    // The server loads the repository's rulebooks on start; a database only ever used by tools may not have them.
    try {
      await services.rulebooks.syncRepoRulebooks();
    } catch (err) {
      io.error(`Rulebook tidak dapat dimuat: ${(err as Error).message}`);
      return EXIT.DATABASE;
    }
    const terminal: TerminalService =
      (services as Partial<{ terminal: TerminalService }>).terminal ??
      createTerminalService({
        db: handle.db,
        audit: services.audit,
        clock: systemClock,
        config,
        rulebooks: services.rulebooks,
      });
    let unitId: string | null = null;
    if (args.unit) {
      const unit = await handle.db
        .selectFrom('units')
        .select(['id', 'name', 'timeZone'])
        .where('code', '=', args.unit)
        .executeTakeFirst();
      if (!unit) {
        io.error(`Unit dengan kode ${args.unit} tidak ditemukan.\n\n${USAGE}`);
        return EXIT.USAGE;
      }
      unitId = unit.id;
      io.log(`Jam mesin dibaca dalam zona waktu ${unit.name} (${unit.timeZone}).`);
    }
    const actor = await systemActor(handle.db, services.audit, 'abdi-cli/attendance-import');
    const fileName = path.basename(args.file);
    io.log(
      `Impor log mesin presensi dari ${fileName} ke ${describeDatabase(config)} sebagai ${actor.displayName}.`,
    );
    try {
      const result = await terminal.importLog(
        actor,
        { fileName, buf, serial: args.serial, unitId, dryRun: args.dryRun },
        progress.onProgress,
      );
      progress.stop();
      printReport(fileName, result, args.dryRun, io);
      if (args.dryRun) io.log('\nUji coba (--dry-run): tidak ada data yang ditulis.');
      return result.unknownIds.length > 0 || result.errors.length > 0 ? EXIT.REJECTED : EXIT.OK;
    } catch (err) {
      progress.stop();
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'VALIDATION') {
        // Every line is broken (or the file is empty): nothing was written.
        const lines = Array.isArray(err.details)
          ? (err.details as { line?: number; message: string }[]).filter((d) => d.line !== undefined)
          : [];
        printErrors(lines as { line: number; message: string }[], io);
        io.error(`\nBerkas ditolak: ${err.message}`);
        return EXIT.REJECTED;
      }
      if (err.code === 'FILE_TOO_LARGE') {
        io.error(err.message);
        return EXIT.TOO_LARGE;
      }
      // No rulebook in force, or one without capture rules: the database is not ready for punches.
      io.error(`Impor tidak dapat dijalankan: ${err.message}`);
      return EXIT.DATABASE;
    }
  }

  let code: number;
  try {
    code = await run();
  } finally {
    progress.stop();
    await handle.close();
  }
  return code;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
