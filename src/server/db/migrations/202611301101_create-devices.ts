import { sql, type Kysely } from 'kysely';

/**
 * Phones bound to an employee: the public half of a WebCrypto ECDSA P-256 key made on the phone. The first
 * device is active at once; a later one waits (PENDING) for admin OPD to approve the change of phone.
 * The key belongs to the phone (one per browser), so two employees on one phone share a thumbprint.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table devices (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id) on delete cascade,
    public_key jsonb not null,
    key_thumbprint text not null,
    label text not null,
    platform text,
    status text not null check (status in ('ACTIVE', 'PENDING', 'REJECTED', 'REVOKED')),
    request_reason text,
    decided_by uuid references users(id),
    decided_at timestamptz,
    decision_note text,
    last_used_at timestamptz,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index devices_employee_key on devices (employee_id, key_thumbprint) where status in ('ACTIVE', 'PENDING')`.execute(
    db,
  );
  // The same key under two employees = one phone used by two people (flagged as SHARED_DEVICE).
  await sql`create index devices_thumbprint_idx on devices (key_thumbprint)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table devices`.execute(db);
}
