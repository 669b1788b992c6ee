import { mkdir } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from '../src/server/config.ts';
import { createDatabase, type DatabaseHandle } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/** Exit codes shared by the command-line tools (docs/import.md). TOO_LARGE: a file over IMPORT_MAX_BYTES. */
export const EXIT = { OK: 0, REJECTED: 1, USAGE: 2, DATABASE: 3, TOO_LARGE: 4 } as const;

/** The server's configuration (src/server/config.ts); exits with 2 and the list of problems when it is bad. */
export function loadCliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(EXIT.USAGE);
    }
    throw err;
  }
}

/**
 * Open the database exactly as the server does (src/server/config.ts: DATABASE_URL, else PGlite in DATA_DIR)
 * and apply pending migrations. A PGlite data directory can be opened by one process at a time: stop the
 * server before running a tool against it (or use PostgreSQL).
 * Exits with 2 on a bad configuration and 3 when the database cannot be opened.
 */
export async function openDatabase(
  config: Config = loadCliConfig(),
): Promise<{ config: Config; handle: DatabaseHandle; applied: string[] }> {
  let handle: DatabaseHandle;
  try {
    if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
    handle = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  } catch (err) {
    console.error(`Tidak dapat membuka basis data: ${(err as Error).message}`);
    if (!config.databaseUrl)
      console.error(
        `Jika server Abdi sedang berjalan dengan PGlite di ${config.dataDir}, hentikan dulu servernya.`,
      );
    process.exit(EXIT.DATABASE);
  }
  try {
    const applied = await migrateToLatest(handle.db);
    return { config, handle, applied };
  } catch (err) {
    console.error((err as Error).message);
    await handle.close();
    process.exit(EXIT.DATABASE);
  }
}

/** Where the data lives, for messages. */
export function describeDatabase(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL' : `PGlite di ${config.dataDir}`;
}
