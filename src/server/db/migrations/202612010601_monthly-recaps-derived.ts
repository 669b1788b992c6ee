import { sql, type Kysely } from 'kysely';

/**
 * `monthly_recaps` is derived data written only by the recap service from stored statuses, for employees and
 * units it has just read (neither is ever deleted). Its foreign keys cost two key-share locks per written row:
 * storing a province month's recap (50,000 rows) spent more time in them than in the rows. They are dropped,
 * as for `day_statuses` (migration 202612010402); the rows can always be stored again from the statuses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table monthly_recaps drop constraint if exists monthly_recaps_employee_id_fkey`.execute(db);
  await sql`alter table monthly_recaps drop constraint if exists monthly_recaps_unit_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table monthly_recaps add constraint monthly_recaps_employee_id_fkey
    foreign key (employee_id) references employees(id)`.execute(db);
  await sql`alter table monthly_recaps add constraint monthly_recaps_unit_id_fkey
    foreign key (unit_id) references units(id)`.execute(db);
}
