import { sql, type Kysely } from 'kysely';

/**
 * An adjustment may now carry "no data" as the day's new state (`new_code` and `new_status` null): a day of a
 * closed month stored before the unit's go-live or outside the employee's service (the false TK of issue 13) is
 * not data; the closed row stays frozen and its removal is carried into the next open month like any later
 * change. Source: issue 13 point 1; PRODUCT.md principle 3.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table status_adjustments alter column new_code drop not null,
    alter column new_status drop not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from status_adjustments where new_code is null or new_status is null`.execute(db);
  await sql`alter table status_adjustments alter column new_code set not null,
    alter column new_status set not null`.execute(db);
}
