import { sql, type Kysely } from 'kysely';

/**
 * Election-period watch: neutrality reports (Bawaslu recommendation, complaint, other) and their track under the
 * SKB 5 lembaga 2022: ethics (moral sanction of PP 42/2004, decided here) or discipline (a discipline case opened
 * through the discipline module, linked by id). Issue 18 point 3; regulations.md §8.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table election_watch_neutrality (
      id uuid primary key default gen_random_uuid(),
      period_id uuid references election_watch_periods (id),
      employee_id uuid not null references employees (id),
      unit_id uuid not null references units (id),
      source text not null check (source in ('BAWASLU', 'PENGADUAN', 'LAINNYA')),
      reference_no text not null,
      reference_date date not null,
      conduct_code text not null,
      conduct_date date not null,
      description text not null,
      track text check (track in ('ETIKA', 'DISIPLIN')),
      moral_sanction text check (moral_sanction in ('PERNYATAAN_TERTUTUP', 'PERNYATAAN_TERBUKA')),
      decision_note text,
      discipline_case_id uuid,
      created_by uuid references users (id),
      created_at timestamptz not null,
      decided_by uuid references users (id),
      decided_at timestamptz
    )`.execute(db);
  await sql`create index election_watch_neutrality_unit on election_watch_neutrality (unit_id, created_at desc)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table election_watch_neutrality`.execute(db);
}
