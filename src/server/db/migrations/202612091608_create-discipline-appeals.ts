import { sql, type Kysely } from 'kysely';

/**
 * Upaya administratif against a sanction (PP 79/2021; regulations.md §1.9): keberatan to the superior of the
 * deciding official or banding administratif to BPASN, filed by the employee within the rulebook's window, the
 * response deadline, and the outcome (confirmed, changed with the new sanction, annulled). While one is pending the
 * sanction does not take effect.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_appeals (
    id uuid primary key default gen_random_uuid(),
    sanction_id uuid not null references discipline_sanctions(id),
    case_id uuid not null references discipline_cases(id),
    kind text not null check (kind in ('KEBERATAN', 'BANDING')),
    filed_on date not null,
    filing_deadline date not null,
    response_due date not null,
    reason text not null,
    filed_by uuid not null references users(id),
    status text not null default 'DIAJUKAN' check (status in ('DIAJUKAN', 'DIPUTUS')),
    outcome text check (outcome in ('DIKUATKAN', 'DIUBAH', 'DIBATALKAN')),
    new_sanction_code text,
    decided_on date,
    decision_number text,
    decision_note text,
    decided_by uuid references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index discipline_appeals_one_pending on discipline_appeals (sanction_id) where status = 'DIAJUKAN'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_appeals`.execute(db);
}
