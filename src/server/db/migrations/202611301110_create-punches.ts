import { sql, type Kysely } from 'kysely';

/**
 * Every check-in/check-out with its evidence and verdict. Append-only (next migration): a review is its own
 * record. `occurred_at` is the server's clock for online punches, the judged capture time for offline ones,
 * the terminal's time for device logs. The idempotency key is unique per employee.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table punches (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    kind text not null check (kind in ('IN', 'OUT', 'ANY')),
    source text not null check (source in ('ONLINE', 'OFFLINE', 'QR', 'TERMINAL')),
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    local_date date not null,
    idempotency_key text not null,
    body_hash text not null,
    lat double precision,
    lon double precision,
    accuracy_m double precision,
    provider text,
    mock_location boolean,
    device_id uuid references devices(id),
    photo_hash text,
    network jsonb,
    app_version text,
    place_kind text,
    place_id uuid,
    place_label text,
    distance_m double precision,
    offline jsonb,
    kiosk_session_id uuid references kiosk_sessions(id),
    qr_window bigint,
    apel_session_id uuid references apel_sessions(id),
    terminal_serial text,
    verdict text not null check (verdict in ('ACCEPTED', 'FLAGGED', 'REJECTED')),
    reasons jsonb not null default '[]'
  )`.execute(db);
  await sql`create unique index punches_idempotency on punches (employee_id, idempotency_key)`.execute(db);
  await sql`create index punches_employee_day on punches (employee_id, local_date)`.execute(db);
  await sql`create index punches_unit_day on punches (unit_id, local_date)`.execute(db);
  await sql`create index punches_flagged on punches (unit_id, occurred_at) where verdict = 'FLAGGED'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table punches`.execute(db);
}
