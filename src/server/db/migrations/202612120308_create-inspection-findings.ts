import { sql, type Kysely } from 'kysely';

/**
 * Findings of an inspection against the checklist, with their follow-up (who must act, by when, what was done,
 * closed by the team) and the discipline case a finding opened. The id is generated on the phone (idempotent
 * re-send). Photos are attachments owned by rows of `inspection_photos` (src/server/files).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection_findings (
      id uuid primary key,
      inspection_id uuid not null references inspections (id) on delete cascade,
      unit_id uuid not null references units (id),
      checklist_item_id uuid references inspection_checklist_items (id),
      category text not null,
      employee_id uuid references employees (id),
      note text not null,
      recorded_by uuid not null references users (id),
      recorded_at timestamptz not null,
      received_at timestamptz not null,
      follow_up_status text not null default 'NONE'
        check (follow_up_status in ('NONE', 'OPEN', 'REPORTED', 'CLOSED')),
      assignee_user_id uuid references users (id),
      due_date date,
      action_taken text,
      action_at timestamptz,
      closed_by uuid references users (id),
      closed_at timestamptz,
      close_note text,
      discipline_case_id uuid
    )`.execute(db);
  await sql`create index inspection_findings_inspection on inspection_findings (inspection_id, recorded_at)`.execute(
    db,
  );
  await sql`create index inspection_findings_assignee on inspection_findings (assignee_user_id, follow_up_status)`.execute(
    db,
  );
  await sql`
    create table inspection_photos (
      id uuid primary key default gen_random_uuid(),
      finding_id uuid not null references inspection_findings (id) on delete cascade,
      sha256 text not null,
      created_at timestamptz not null,
      unique (finding_id, sha256)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inspection_photos`.execute(db);
  await sql`drop table inspection_findings`.execute(db);
}
