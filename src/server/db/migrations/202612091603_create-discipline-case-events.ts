import { sql, type Kysely } from 'kysely';

/**
 * The timeline of a case: every step taken (who, as what, from which state to which, the data and the reason),
 * shown to the parties as far as they may see it. `confidential` events (the team's notes) are hidden from the
 * examinee (Peraturan BKN 6/2022 Pasal 57).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_case_events (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references discipline_cases(id),
    at timestamptz not null default now(),
    action text not null,
    from_state text,
    to_state text,
    actor_user_id uuid references users(id),
    actor_employee_id uuid references employees(id),
    acting_as text check (acting_as in ('PLT', 'PLH', 'PPK')),
    data jsonb not null default '{}',
    reason text,
    confidential boolean not null default false
  )`.execute(db);
  await sql`create index discipline_case_events_case on discipline_case_events (case_id, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_case_events`.execute(db);
}
