import { sql, type Kysely } from 'kysely';

/**
 * A month's day codes, late bands, missing check-ins, non-working days and units beside the month key: a heatmap
 * of a province month reads ~0.6 KB per employee from this index (an index-only scan) instead of each ~4 KB month
 * row with its reasons, and counts the days itself (src/server/modules/recap/recap-reads.ts). Same key as
 * `status_months_month`, which it replaces (every reader by month keeps an index). Source: issue 13 point 12
 * (the province heatmap took 18 s).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index status_months_month_days on status_months (month)
    include (units, unit_ix, code, late_band, missing_check_in, non_working_day)`.execute(db);
  await sql`drop index status_months_month`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index status_months_month on status_months (month)`.execute(db);
  await sql`drop index status_months_month_days`.execute(db);
}
