import { sql, type Kysely } from 'kysely';

/**
 * The sanction decided in a case (SK hukuman disiplin; PP 94/2021 Pasal 8, 33–41): the type decided and the form
 * applied (interim substitute), who decided as PyB, the SK, its delivery (in person or by post), the effective date
 * computed by the rules core, the serving period and its status (waiting for a heavier one to end, replaced by a
 * heavier one, annulled on appeal). One per case; the flags that block KGB and promotion while serving.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_sanctions (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null unique references discipline_cases(id),
    employee_id uuid not null references employees(id),
    sanction_code text not null,
    applied_code text not null,
    level text not null check (level in ('ringan', 'sedang', 'berat')),
    name text not null,
    duration_months int,
    decided_by_user uuid not null references users(id),
    decided_by_employee uuid references employees(id),
    decided_as text check (decided_as in ('PLT', 'PLH', 'PPK')),
    authority jsonb not null,
    sk_number text not null,
    sk_date date not null,
    considerations text not null,
    delivery_due date not null,
    delivery_summoned_on date,
    delivery_method text check (delivery_method in ('langsung', 'pos')),
    posted_on date,
    received_on date,
    delivered_by uuid references employees(id),
    effective_on date,
    starts_on date,
    ends_on date,
    status text not null default 'DITETAPKAN' check (status in ('DITETAPKAN', 'DISAMPAIKAN', 'DITUNDA_UPAYA', 'MENUNGGU', 'BERLAKU', 'SELESAI', 'DIGANTI', 'DIBATALKAN')),
    blocks_kgb boolean not null default false,
    blocks_promotion boolean not null default false,
    replaced_by uuid references discipline_sanctions(id),
    annulled_on date,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index discipline_sanctions_employee on discipline_sanctions (employee_id, effective_on)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_sanctions`.execute(db);
}
