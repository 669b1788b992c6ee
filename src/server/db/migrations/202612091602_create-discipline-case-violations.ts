import { sql, type Kysely } from 'kysely';

/**
 * The violations a case examines: an indication (at most one case per indication, so a violation is never
 * sanctioned twice: PP 94/2021 Pasal 35 ayat (3)) or a violation from the catalogue with its article, date and
 * evidence. Several violations in one case end in one sanction, the heaviest (regulations.md §1.6).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_case_violations (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references discipline_cases(id),
    indication_id uuid unique references discipline_indications(id),
    violation_code text not null,
    article text not null,
    occurred_on date not null,
    description text not null,
    level text check (level in ('ringan', 'sedang', 'berat')),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index discipline_case_violations_case on discipline_case_violations (case_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_case_violations`.execute(db);
}
