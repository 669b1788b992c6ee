import { sql, type Kysely } from 'kysely';

/**
 * Behaviour feedback from peers and subordinates for an evaluation (Penilaian Rekan Kerja / Bawahan, BKN
 * e-Kinerja; regulations.md §6.4): one entry per author, a rating per BerAKHLAK value and a note.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table evaluation_peer_feedback (
    id uuid primary key default gen_random_uuid(),
    evaluation_id uuid not null references evaluations(id) on delete cascade,
    author_id uuid not null references employees(id),
    relation text not null check (relation in ('REKAN', 'BAWAHAN')),
    ratings jsonb not null default '{}',
    note text,
    created_at timestamptz not null default now(),
    unique (evaluation_id, author_id)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table evaluation_peer_feedback`.execute(db);
}
