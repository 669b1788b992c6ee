import { sql, type Kysely } from 'kysely';

/**
 * The examination of a case recorded as a BAP (berita acara pemeriksaan; PP 94/2021 Pasal 26–31, regulations.md
 * §1.6): date, closed face-to-face or virtual, questions and answers, whether the examinee signed (a refusal is
 * noted and does not invalidate it), the day the copy was given; and the examiner's report (LHP) with the level
 * found and the sanction proposed. `team_notes` are confidential to the examiners.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_examinations (
    case_id uuid primary key references discipline_cases(id),
    exam_date date not null,
    mode text not null check (mode in ('TATAP_MUKA', 'VIRTUAL')),
    place text not null,
    qa jsonb not null default '[]',
    examinee_statement text,
    signed_by_examinee boolean not null,
    refusal_note text,
    copy_given_on date,
    team_notes text,
    report_summary text,
    found_level text check (found_level in ('ringan', 'sedang', 'berat')),
    proposed_sanction text,
    reported_to jsonb,
    reported_at timestamptz,
    recorded_by uuid not null references users(id),
    recorded_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_examinations`.execute(db);
}
