import { sql, type Kysely } from 'kysely';

/**
 * The examination team of a case (tim pemeriksa; Peraturan BKN 6/2022 Pasal 29): the direct superior (or the next
 * superior when the direct superior is implicated), the unsur pengawasan (Inspektorat) and the unsur kepegawaian
 * (BKD), none of lower rank than the examinee, formed by an SK whose number and date are kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_team_members (
    case_id uuid not null references discipline_cases(id),
    employee_id uuid not null references employees(id),
    role text not null check (role in ('ATASAN', 'INSPEKTORAT', 'BKD', 'LAINNYA')),
    is_chair boolean not null default false,
    position_name text,
    added_at timestamptz not null default now(),
    primary key (case_id, employee_id)
  )`.execute(db);
  await sql`create index discipline_team_members_employee on discipline_team_members (employee_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_team_members`.execute(db);
}
