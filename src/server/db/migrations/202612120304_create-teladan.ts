import { sql, type Kysely } from 'kysely';

/**
 * ASN teladan: award periods (name, year, months, scope, legal basis, criteria as a checked JSON document, winners
 * per OPD and across the region, the review state) and the committee designated per period (issue 18 point 4).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table teladan_periods (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      year int not null,
      from_month text not null,
      to_month text not null check (from_month <= to_month),
      unit_ids uuid[] not null default '{}',
      employee_types text[] not null,
      legal_basis text not null,
      criteria jsonb not null,
      winners_per_opd int not null check (winners_per_opd >= 0),
      winners_region int not null check (winners_region >= 0),
      status text not null default 'DRAFT' check (status in ('DRAFT', 'REVIEW', 'PUBLISHED')),
      created_by uuid references users (id),
      created_at timestamptz not null,
      review_started_at timestamptz,
      published_at timestamptz,
      published_by uuid references users (id)
    )`.execute(db);
  await sql`create index teladan_periods_year on teladan_periods (year desc, created_at desc)`.execute(db);
  await sql`
    create table teladan_committee (
      period_id uuid not null references teladan_periods (id) on delete cascade,
      employee_id uuid not null references employees (id),
      role text not null check (role in ('KETUA', 'ANGGOTA')),
      primary key (period_id, employee_id)
    )`.execute(db);
  await sql`create index teladan_committee_employee on teladan_committee (employee_id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table teladan_committee`.execute(db);
  await sql`drop table teladan_periods`.execute(db);
}
