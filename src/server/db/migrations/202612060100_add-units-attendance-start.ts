import { sql, type Kysely } from 'kysely';

/**
 * The date from which Abdi is a unit's attendance record (go-live). Days before it are "no data", never TK.
 * New units default to the day they are created (the installation date for the first ones). Existing units of a
 * running installation get the day of the first punch of anyone placed in them (any source), or the day the unit
 * was created when nobody has punched yet: the days before were not recorded in Abdi.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table units add column attendance_start date`.execute(db);
  await sql`update units u set attendance_start = coalesce(
      (select min(p.local_date) from punches p where p.unit_id = u.id),
      (u.created_at at time zone 'Asia/Jakarta')::date)`.execute(db);
  await sql`alter table units alter column attendance_start set default current_date`.execute(db);
  await sql`alter table units alter column attendance_start set not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table units drop column attendance_start`.execute(db);
}
