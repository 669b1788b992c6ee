import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

/** Apply every pending migration. @throws with the failing migration's name when one fails. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migrasi gagal${failed ? ` (${failed.migrationName})` : ''}: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The migrations of this release not applied to the database yet, in order (readiness: GET /api/health/ready).
 * Reads Kysely's own `kysely_migration` table; none at all when the table does not exist yet (42P01).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const applied = await sql<{ name: string }>`select name from kysely_migration`
    .execute(db)
    .then((r) => new Set(r.rows.map((x) => x.name)))
    .catch((err: unknown) => {
      if ((err as { code?: unknown } | null)?.code === '42P01') return new Set<string>();
      throw err;
    });
  return Object.keys(migrations).filter((name) => !applied.has(name));
}
