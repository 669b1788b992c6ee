import { sql, type Kysely } from 'kysely';

/**
 * The monthly kinerja figure of each employee for TPP (issue 15 point 6; regulations.md §5.2, §5.5): the score
 * (0..1, four decimals) by the rulebook's method, its inputs (minutes required and accepted, reports, the
 * evaluation and predikat used) and the explanation, the rulebook it was computed under, and when it was frozen by
 * the month's closing. Changes to a frozen month are stored as adjustments (next migration).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table kinerja_monthly (
    employee_id uuid not null references employees(id),
    month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    unit_id uuid not null references units(id),
    method text not null,
    score numeric(7, 4) check (score is null or (score >= 0 and score <= 1)),
    required_days integer not null default 0,
    minutes_required integer not null default 0,
    minutes_accepted integer not null default 0,
    reports_accepted integer not null default 0,
    reports_pending integer not null default 0,
    reports_returned integer not null default 0,
    evaluation_id uuid references evaluations(id),
    predikat text,
    explanation jsonb not null default '[]',
    rulebook_id text not null,
    computed_at timestamptz not null,
    frozen_at timestamptz,
    primary key (employee_id, month)
  )`.execute(db);
  await sql`create index kinerja_monthly_unit on kinerja_monthly (unit_id, month)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table kinerja_monthly`.execute(db);
}
