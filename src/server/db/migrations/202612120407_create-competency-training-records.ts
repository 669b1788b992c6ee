import { sql, type Kysely } from 'kysely';

/**
 * Training an employee took (issue 19 point 4): title, provider, dates, lesson hours (JP), cost, the catalogue entry
 * when there is one; the certificate is an attachment owned by the row (`competency_training_record`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_training_records (
      id uuid primary key default gen_random_uuid(),
      employee_id uuid not null references employees (id),
      unit_id uuid not null references units (id),
      title text not null,
      provider text not null,
      start_date date not null,
      end_date date not null check (end_date >= start_date),
      jp integer not null check (jp > 0),
      cost bigint not null check (cost >= 0),
      training_id uuid references competency_trainings (id),
      created_by uuid references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index competency_training_records_employee on competency_training_records (employee_id, end_date desc)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_training_records`.execute(db);
}
