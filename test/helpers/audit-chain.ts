import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.ts';

/**
 * Put the audit chain back to what a freshly migrated database holds — no entry, ids from 1 again, the head
 * checkpoint at the genesis hash (migration 202611301000) — with every trigger of both tables switched on again.
 * For test files that tamper with the chain in one database per file instead of one per test: the guards
 * (append-only, TRUNCATE refused, head maintained by inserts only) are switched off for this one transaction,
 * as a table owner could.
 */
export async function resetAuditChain(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger user`.execute(trx);
    await sql`alter table audit_head disable trigger user`.execute(trx);
    await sql`truncate audit_log restart identity`.execute(trx);
    await sql`delete from audit_head`.execute(trx);
    await sql`insert into audit_head (id, last_id, last_hash, entry_count) values (1, 0, repeat('0', 64), 0)`.execute(
      trx,
    );
    await sql`alter table audit_log enable trigger user`.execute(trx);
    await sql`alter table audit_head enable trigger user`.execute(trx);
  });
}
