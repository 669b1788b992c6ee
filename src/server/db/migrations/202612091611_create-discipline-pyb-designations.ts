import { sql, type Kysely } from 'kysely';

/**
 * PPK designations of a JF as pejabat yang berwenang menghukum over a unit that has no structural official of the
 * level (regulations.md §1.5: JF Ahli Madya / Ahli Muda designated by the PPK, ringan for PNS one level below), with
 * the decree and its validity.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_pyb_designations (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    levels jsonb not null,
    decree_number text not null,
    valid_from date not null,
    valid_to date,
    created_by uuid not null references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index discipline_pyb_designations_unit on discipline_pyb_designations (unit_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_pyb_designations`.execute(db);
}
