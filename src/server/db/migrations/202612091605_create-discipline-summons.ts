import { sql, type Kysely } from 'kysely';

/**
 * Summons I and II of a case (PP 94/2021 Pasal 26): the letter (number, date), the examination date and place it
 * sets, whether the employee came, and the recorded reason when a date goes past the rulebook's limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_summons (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references discipline_cases(id),
    seq int not null check (seq in (1, 2)),
    letter_number text not null,
    letter_date date not null,
    exam_date date not null,
    exam_time text,
    exam_place text not null,
    limit_date date not null,
    late_reason text,
    attended boolean,
    recorded_at timestamptz not null default now(),
    unique (case_id, seq)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_summons`.execute(db);
}
