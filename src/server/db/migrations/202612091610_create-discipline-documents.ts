import { sql, type Kysely } from 'kysely';

/**
 * The documents of a case (Peraturan BKN 6/2022 annex layouts): summons I/II, SK of the examination team, BAP,
 * examination report, SK hukuman disiplin, delivery record, appeal papers: the letter number and date given when
 * the document was first issued (so a reprint keeps its number), and the signed scans uploaded (attachments).
 * Confidential: views are logged in attachment_views (owner kind `discipline_case`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_documents (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references discipline_cases(id),
    kind text not null check (kind in ('PANGGILAN_I', 'PANGGILAN_II', 'SK_TIM', 'BAP', 'LHP', 'SK_HUKDIS', 'BA_PENYAMPAIAN', 'UPAYA_ADMINISTRATIF', 'LAINNYA')),
    letter_number text,
    letter_date date,
    attachment_id uuid references attachments(id),
    title text not null,
    created_by uuid not null references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index discipline_documents_case on discipline_documents (case_id, kind)`.execute(db);
  await sql`create unique index discipline_documents_issued on discipline_documents (case_id, kind) where attachment_id is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_documents`.execute(db);
}
