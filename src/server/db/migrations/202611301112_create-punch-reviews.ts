import { sql, type Kysely } from 'kysely';

/** The decision on a flagged punch (accept or reject, with a note): one per punch, never changed. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table punch_reviews (
    punch_id uuid primary key references punches(id),
    decision text not null check (decision in ('ACCEPTED', 'REJECTED')),
    note text not null,
    decided_by uuid not null references users(id),
    decided_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table punch_reviews`.execute(db);
}
