import { sql, type Kysely } from 'kysely';

/**
 * The latest counted punch of an employee (the minimum-interval check on every punch) read from an index, so a
 * check-in costs the same with 10 thousand or 10 million punches in the table (PRODUCT.md principle 8).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index punches_employee_latest on punches (employee_id, occurred_at desc) where verdict <> 'REJECTED'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index punches_employee_latest`.execute(db);
}
