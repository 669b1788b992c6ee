import { sql, type Kysely } from 'kysely';

/**
 * ASN teladan review: the ranking stored when the committee starts its review and when it publishes (figures
 * frozen), the committee's decision per candidate, and the awards published (issue 18 point 4).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table teladan_snapshots (
      period_id uuid not null references teladan_periods (id) on delete cascade,
      stage text not null check (stage in ('REVIEW', 'PUBLISHED')),
      ranking jsonb not null,
      taken_by uuid not null references users (id),
      taken_at timestamptz not null,
      primary key (period_id, stage)
    )`.execute(db);
  await sql`
    create table teladan_decisions (
      period_id uuid not null references teladan_periods (id) on delete cascade,
      employee_id uuid not null references employees (id),
      decision text not null check (decision in ('WINNER', 'NOT_SELECTED')),
      category text check (category in ('OPD', 'REGION')),
      note text,
      decided_by uuid not null references users (id),
      decided_at timestamptz not null,
      primary key (period_id, employee_id),
      check ((decision = 'WINNER') = (category is not null))
    )`.execute(db);
  await sql`
    create table teladan_awards (
      id uuid primary key default gen_random_uuid(),
      period_id uuid not null references teladan_periods (id),
      employee_id uuid not null references employees (id),
      category text not null check (category in ('OPD', 'REGION')),
      opd_id uuid not null references units (id),
      score numeric not null,
      region_rank int not null,
      opd_rank int not null,
      letter_number text,
      published_at timestamptz not null,
      unique (period_id, employee_id)
    )`.execute(db);
  await sql`create index teladan_awards_employee on teladan_awards (employee_id, published_at desc)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table teladan_awards`.execute(db);
  await sql`drop table teladan_decisions`.execute(db);
  await sql`drop table teladan_snapshots`.execute(db);
}
