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
import { describeDatabase, EXIT, openDatabase } from './cli-db.ts';

const USAGE = 'Pemakaian: npm run statuses:repair';

try {
  const { values, positionals } = parseArgs({
    options: { help: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.OK);
  }
  if (positionals.length > 0) throw new Error(`Argumen tidak dikenal: ${positionals.join(' ')}`);
} catch (err) {
  console.error(`${(err as Error).message}\n\n${USAGE}`);
  process.exit(EXIT.USAGE);
}

const { config, handle } = await openDatabase();
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
    console.error(`Rulebook tidak dapat dimuat: ${(err as Error).message}`);
    return EXIT.DATABASE;
  }
  console.log(`Memperbaiki status harian "belum ada data" di ${describeDatabase(config)} …`);
  const recapsBefore = await recapRows();
  const totals = await services.statuses.repairNoData((month, days) => {
    if (days > 0)
      console.log(`  ${month}: ${days} hari tersimpan tanpa data (sebelum mulai / di luar masa tugas)`);
  });
  const recapsRemoved = recapsBefore - (await recapRows());
  console.log(
    `\nSelesai: ${totals.days} hari-pegawai tanpa data ditemukan pada ${totals.employees} pegawai di ` +
      `${totals.months} bulan; ${totals.cleared} hari dihapus, ${totals.adjusted} hari di bulan yang sudah ditutup ` +
      `dicatat sebagai penyesuaian ke bulan terbuka berikutnya, ${recapsRemoved} baris rekap bulanan dihapus ` +
      '(rekap bulan yang tersentuh dihitung ulang).',
  );
  if (totals.days === 0) console.log('Tidak ada yang perlu diperbaiki.');
  if (totals.adjusted > 0)
    console.log(
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
process.exit(code);
