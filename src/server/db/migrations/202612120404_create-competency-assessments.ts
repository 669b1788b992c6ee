import { sql, type Kysely } from 'kysely';

/**
 * Results of an assessment centre or a potential test: per employee and date, the level reached on each competency
 * (`levels`: [{ code, level }]), the method, the assessor's notes and recommendation, and the position held then.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_assessments (
      id uuid primary key default gen_random_uuid(),
      employee_id uuid not null references employees (id),
      assessed_on date not null,
      method text not null,
      assessor text not null,
      unit_id uuid not null references units (id),
      position_id uuid references positions (id),
      levels jsonb not null,
      notes text,
      recommendation text,
      import_id uuid,
      created_by uuid references users (id),
      created_at timestamptz not null,
      unique (employee_id, assessed_on, method)
    )`.execute(db);
  await sql`create index competency_assessments_unit on competency_assessments (unit_id, assessed_on desc)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_assessments`.execute(db);
}
