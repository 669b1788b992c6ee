import { sql, type Kysely } from 'kysely';

/**
 * One employee's TPP in a run: the amounts finance pays from (whole rupiah, bigint), the core's breakdown that
 * explains every rupiah, and the snapshot of the inputs it was computed from (statuses, kinerja figure,
 * sanctions, exclusions, placement, gaji, bank account) with their hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_run_lines (
    run_id uuid not null references tpp_runs(id) on delete cascade,
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    nip text,
    name text not null,
    golongan text,
    position_name text,
    employee_type text not null,
    kelas int,
    base bigint not null,
    kinerja bigint not null,
    disiplin bigint not null,
    deductions bigint not null,
    sanction_cut bigint not null,
    gross bigint not null,
    bpjs_employer bigint not null,
    bpjs_employee bigint not null,
    tax bigint not null default 0,
    correction bigint not null default 0,
    net bigint not null,
    excluded boolean not null default false,
    exclusion_code text,
    breakdown jsonb not null,
    inputs jsonb not null,
    inputs_hash text not null,
    version int not null default 1,
    updated_at timestamptz not null default now(),
    primary key (run_id, employee_id)
  )`.execute(db);
  await sql`create index tpp_run_lines_employee on tpp_run_lines (employee_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_run_lines`.execute(db);
}
