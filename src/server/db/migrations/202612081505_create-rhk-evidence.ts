import { sql, type Kysely } from 'kysely';

/**
 * Evidence (eviden) an employee attaches to the realisation of an RHK for a period (issue 15 point 4; BKN
 * e-Kinerja, regulations.md §6.4): a description, an optional link, the file through the attachment service
 * (owner kind `rhk_evidence`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rhk_evidence (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    skp_id uuid not null references skp(id),
    rhk_id uuid not null references skp_rhk(id),
    period_start date not null,
    period_end date not null check (period_end >= period_start),
    description text not null,
    link text,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index rhk_evidence_skp on rhk_evidence (skp_id, period_start)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rhk_evidence`.execute(db);
}
