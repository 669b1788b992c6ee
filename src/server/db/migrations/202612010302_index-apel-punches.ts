import { sql, type Kysely } from 'kysely';

/** Apel attendance of a month (punches scanned at an apel kiosk) is read by date for the monthly recap. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index punches_apel_day on punches (local_date, employee_id) where apel_session_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index punches_apel_day`.execute(db);
}
