import { sql, type Kysely } from 'kysely';

/**
 * A monthly TPP run of an OPD (or the whole region) and its lifecycle: draft → checked by admin OPD → published to
 * employees with an objection window → approved by the head of OPD → approved by BKD → locked. A simulation of a
 * draft rulebook is a run of kind SIMULASI that never leaves its status. The run keeps the rulebook versions, the
 * TPP section and tariffs it used and a hash of its inputs, so it can be reproduced byte for byte.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_runs (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id),
    unit_path text not null,
    month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    kind text not null default 'RUN' check (kind in ('RUN', 'SIMULASI')),
    status text not null check (status in ('DRAFT', 'DIPERIKSA', 'DIUMUMKAN', 'DISETUJUI_OPD', 'DISETUJUI', 'DIKUNCI', 'SIMULASI')),
    rulebook jsonb not null,
    rules jsonb not null,
    tariff_table_id uuid references tpp_tariff_tables(id),
    inputs_hash text not null,
    result_hash text not null,
    totals jsonb not null,
    objection_until date,
    label text,
    version int not null default 1,
    created_by uuid not null references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    locked_at timestamptz
  )`.execute(db);
  await sql`create unique index tpp_runs_one_per_month on tpp_runs (unit_id, month) where kind = 'RUN'`.execute(
    db,
  );
  await sql`create index tpp_runs_month on tpp_runs (month, unit_path)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_runs`.execute(db);
}
