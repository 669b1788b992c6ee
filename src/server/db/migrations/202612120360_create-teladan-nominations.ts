import { sql, type Kysely } from 'kysely';

/**
 * ASN teladan nominations: by a superior (with the reason) or by the public, recorded by BKD from another channel
 * (source and reference, each reference once per period). Issue 18 point 4.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table teladan_nominations (
      id uuid primary key default gen_random_uuid(),
      period_id uuid not null references teladan_periods (id) on delete cascade,
      employee_id uuid not null references employees (id),
      kind text not null check (kind in ('SUPERIOR', 'PUBLIC')),
      reason text not null,
      nominator_employee_id uuid references employees (id),
      source text,
      reference text,
      recorded_by uuid not null references users (id),
      created_at timestamptz not null,
      check ((kind = 'SUPERIOR') = (nominator_employee_id is not null)),
      check ((kind = 'PUBLIC') = (source is not null))
    )`.execute(db);
  await sql`create index teladan_nominations_period on teladan_nominations (period_id, employee_id)`.execute(
    db,
  );
  await sql`
    create unique index teladan_nominations_superior_once on teladan_nominations (period_id, employee_id,
      nominator_employee_id) where kind = 'SUPERIOR'`.execute(db);
  await sql`
    create unique index teladan_nominations_reference_once on teladan_nominations (period_id, source, reference)
      where kind = 'PUBLIC' and reference is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table teladan_nominations`.execute(db);
}
