/**
 * `npm run statuses:repair`: repair an installation after issue 13. Before it, opening a past month stored every
 * working day before the installation (before a unit's go-live, `units.attendance_start`) as TK, and those false
 * TK days fed the recaps and the early warnings. This removes every stored day that is "no data" — before the
 * go-live of its unit, or outside the employee's service (src/core/recap/no-data.ts) — through the statuses
 * service (`repairNoData`): the day leaves its month row, an adjustment of it is void, a day of a closed month is
 * carried into the next open month as an adjustment to "no data" (closed months stay frozen), and the recap of
 * every touched employee-month is stored again (a month left without days loses its recap row). Prints counts.
 * Idempotent: a second run finds nothing. Stop the server first on PGlite (one process per data directory).
 *
 * Exit codes (scripts/cli-db.ts EXIT): 0 done (or nothing to do); 2 bad usage or configuration; 3 the database
 * cannot be opened or the rulebooks cannot be loaded.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildServices } from '../src/server/app.ts';
import { systemClock } from '../src/server/clock.ts';
import {
  type CliIo,
  describeDatabase,
  EXIT,
  exitCodeOf,
  loadCliConfig,
  openDatabase,
  processIo,
} from './cli-db.ts';

const USAGE = 'Pemakaian: npm run statuses:repair';

/**
 * The tool: `args` as after `npm run statuses:repair --`, the configuration from `env`, output and early exits
 * through `io`. Returns the exit code (the command line below exits with it).
 */
export function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  return exitCodeOf(() => runTool(argv, env, io));
}

function parseCli(argv: string[], io: CliIo): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true,
    });
    if (!parsed.values.help && parsed.positionals.length > 0)
      throw new Error(`Argumen tidak dikenal: ${parsed.positionals.join(' ')}`);
  } catch (err) {
    io.error(`${(err as Error).message}\n\n${USAGE}`);
    io.exit(EXIT.USAGE);
  }
  if (parsed.values.help) {
    io.log(USAGE);
    io.exit(EXIT.OK);
  }
}

async function runTool(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  parseCli(argv, io);
  const { config, handle } = await openDatabase(loadCliConfig(env, io), io);
  const services = buildServices({ config, db: handle.db, clock: systemClock });
  const recapRows = async () =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from monthly_recaps`.execute(handle.db)).rows[0]?.n ?? 0,
    );

  async function run(): Promise<number> {
    // The recaps are stored again under the rulebook in force: load the repository's, as the server does on start.
    try {
      await services.rulebooks.syncRepoRulebooks();
    } catch (err) {
      io.error(`Rulebook tidak dapat dimuat: ${(err as Error).message}`);
      return EXIT.DATABASE;
    }
    io.log(`Memperbaiki status harian "belum ada data" di ${describeDatabase(config)} …`);
    const recapsBefore = await recapRows();
    const totals = await services.statuses.repairNoData((month, days) => {
      if (days > 0)
        io.log(`  ${month}: ${days} hari tersimpan tanpa data (sebelum mulai / di luar masa tugas)`);
    });
    const recapsRemoved = recapsBefore - (await recapRows());
    io.log(
      `\nSelesai: ${totals.days} hari-pegawai tanpa data ditemukan pada ${totals.employees} pegawai di ` +
        `${totals.months} bulan; ${totals.cleared} hari dihapus, ${totals.adjusted} hari di bulan yang sudah ditutup ` +
        `dicatat sebagai penyesuaian ke bulan terbuka berikutnya, ${recapsRemoved} baris rekap bulanan dihapus ` +
        '(rekap bulan yang tersentuh dihitung ulang).',
    );
    if (totals.days === 0) io.log('Tidak ada yang perlu diperbaiki.');
    if (totals.adjusted > 0)
      io.log(
        'Bulan yang sudah ditutup tetap beku; BKD dapat membukanya kembali agar angkanya diperbaiki di tempat.',
      );
    if (totals.days > 0)
      await services.audit.recordStandalone(
        {
          actorId: null,
          actorName: 'Sistem (statuses:repair)',
          ip: null,
          userAgent: 'abdi-cli/statuses-repair',
        },
        {
          action: 'statuses.repaired',
          entityType: 'day_status',
          entityId: 'no-data',
          after: { ...totals, recapsRemoved },
        },
      );
    return EXIT.OK;
  }

  let code: number;
  try {
    code = await run();
  } finally {
    await handle.close();
  }
  return code;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
