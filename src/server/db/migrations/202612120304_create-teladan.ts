import { sql, type Kysely } from 'kysely';

/** Teladan: its items (one concern per migration; docs/modules.md). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table teladan_items (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references units (id),
      date date not null,
      title text not null,
      note text,
      created_by uuid references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index teladan_items_unit_date on teladan_items (unit_id, date desc, id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table teladan_items`.execute(db);
}
