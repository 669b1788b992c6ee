import { sql, type Kysely } from 'kysely';

/**
 * `day_statuses` is derived data written only by the status service, from employee and unit ids it reads in
 * the same transaction (employees and units are never deleted). Its foreign keys cost a lookup per written
 * row: rebuilding a province month (~1.5 M rows) spent most of its time in them. They are dropped; the rows can
 * always be rebuilt from the punches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table day_statuses drop constraint if exists day_statuses_employee_id_fkey`.execute(db);
  await sql`alter table day_statuses drop constraint if exists day_statuses_unit_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table day_statuses add constraint day_statuses_employee_id_fkey
    foreign key (employee_id) references employees(id)`.execute(db);
  await sql`alter table day_statuses add constraint day_statuses_unit_id_fkey
    foreign key (unit_id) references units(id)`.execute(db);
}
