import { sql, type Kysely } from 'kysely';

/**
 * Letter-number schemes (issue 14 point 4): per unit and letter type, the pattern BKD configures
 * (`{kode}/{nomor}/{unit}/{tahun}`), the classification code and unit code it prints, and the zero-padding of the
 * sequence. A scheme applies to the unit and its sub-units unless one of them has its own. The pattern is stored
 * normalised and must hold the counter `{nomor}` and the year `{tahun}` (checked by the service with the reason;
 * the constraints are the last guard).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table letter_number_schemes (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id) on delete cascade,
    letter_type text not null,
    pattern text not null check (position('{nomor}' in pattern) > 0 and position('{tahun}' in pattern) > 0),
    classification_code text not null default '',
    unit_code text not null,
    counter_digits integer not null default 0 check (counter_digits between 0 and 6),
    updated_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint letter_number_schemes_unit_type_key unique (unit_id, letter_type)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table letter_number_schemes`.execute(db);
}
