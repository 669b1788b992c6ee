import { sql, type Kysely } from 'kysely';

/**
 * An objection (keberatan) to the predikat of an evaluation, filed by the employee within the rulebook's window and
 * decided by the atasan pejabat penilai: upheld with a new predikat or rejected, with the reason (regulations.md
 * §6.3: 14 days to object, 7 days to decide [REG]).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table evaluation_objections (
    id uuid primary key default gen_random_uuid(),
    evaluation_id uuid not null references evaluations(id),
    filed_by uuid not null references employees(id),
    reason text not null,
    filed_at timestamptz not null default now(),
    status text not null default 'DIAJUKAN' check (status in ('DIAJUKAN', 'DITERIMA', 'DITOLAK')),
    decided_by uuid references employees(id),
    decided_as text check (decided_as in ('PLT', 'PLH')),
    decided_at timestamptz,
    decision_note text,
    predikat_before text not null,
    predikat_after text,
    unique (evaluation_id)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table evaluation_objections`.execute(db);
}
