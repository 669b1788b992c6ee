import { sql, type Kysely } from 'kysely';

/**
 * The roster of an inspection: each employee of the inspected units with their status from Abdi when the team
 * started (or last refreshed) it, so the discrepancies are judged against what Abdi said at the inspection.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection_roster (
      inspection_id uuid not null references inspections (id) on delete cascade,
      employee_id uuid not null references employees (id),
      unit_id uuid not null references units (id),
      status text not null,
      code text,
      check_in_at timestamptz,
      reason text,
      primary key (inspection_id, employee_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inspection_roster`.execute(db);
}
