/**
 * `npm run db:migrate` — open the database from the server's configuration (DATABASE_URL or DATA_DIR) and
 * apply every pending migration. Prints the names of the migrations applied.
 */
import { describeDatabase, EXIT, openDatabase } from './cli-db.ts';

const { config, handle, applied } = await openDatabase();
await handle.close();
if (applied.length === 0) {
  console.log(`Basis data sudah mutakhir (${describeDatabase(config)}); tidak ada migrasi baru.`);
} else {
  console.log(`${applied.length} migrasi diterapkan (${describeDatabase(config)}):`);
  for (const name of applied) console.log(`  ${name}`);
}
process.exit(EXIT.OK);
