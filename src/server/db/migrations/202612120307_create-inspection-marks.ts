import { sql, type Kysely } from 'kysely';

/**
 * Presence marks of an inspection: who the team found (or did not find) at their post. The id is generated on the
 * phone, so a mark re-sent from the offline queue is stored exactly once; the latest mark per employee counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection_marks (
      id uuid primary key,
      inspection_id uuid not null references inspections (id) on delete cascade,
      employee_id uuid not null references employees (id),
      found boolean not null,
      note text,
      marked_by uuid not null references users (id),
      marked_at timestamptz not null,
      received_at timestamptz not null
    )`.execute(db);
  await sql`create index inspection_marks_employee on inspection_marks (inspection_id, employee_id, marked_at desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inspection_marks`.execute(db);
}
