import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetAuditChain } from '../../../../test/helpers/audit-chain.ts';
import { createTestDb } from '../../../../test/helpers/test-db.ts';
import { fixedClock } from '../../clock.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { migrations } from '../../db/migrations/index.ts';
import { createAuditService, type AuditService } from './audit-service.ts';
import { GENESIS_HASH, hashEntry } from './audit-hash.ts';

/*
 * The chain-head checkpoint (audit_head) and the TRUNCATE guard: what the hash chain alone cannot show —
 * deleted newest entries, a rewritten chain, entries inserted around the chain, a truncated table.
 * One database for the file (PGlite, or a PostgreSQL database with TEST_DATABASE_URL; several connections
 * there): the first test sees it as migrated, and after each test the chain is put back to that empty state
 * (`resetAuditChain`).
 */

const SYSTEM = { actorId: null, actorName: 'Uji', ip: null, userAgent: null };

let h: DatabaseHandle;
let audit: AuditService;
const clock = fixedClock('2026-01-15T02:00:00Z');

beforeAll(async () => {
  h = await createTestDb();
  audit = createAuditService({ db: h.db, clock });
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await resetAuditChain(h.db);
});

async function append(n: number): Promise<{ id: number; hash: string }[]> {
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    await audit.recordStandalone(SYSTEM, { action: 'test.write', entityType: 'test', after: { i } });
  }
  return h.db.selectFrom('auditLog').select(['id', 'hash']).orderBy('id').execute();
}
const trigger = (table: string, name: string, on: boolean) =>
  sql.raw(`alter table ${table} ${on ? 'enable' : 'disable'} trigger ${name}`).execute(h.db);
async function withTriggerOff(table: string, name: string, fn: () => Promise<unknown>) {
  await trigger(table, name, false);
  try {
    await fn();
  } finally {
    await trigger(table, name, true);
  }
}
const deleteIds = (ids: number[]) =>
  withTriggerOff('audit_log', 'audit_log_no_update', () =>
    sql`delete from audit_log where id in (${sql.join(ids)})`.execute(h.db),
  );

describe('audit chain head checkpoint', () => {
  it('starts empty at the genesis hash and follows every append (id, hash, count)', async () => {
    expect(await audit.head()).toEqual({ lastId: 0, lastHash: GENESIS_HASH, entryCount: 0 });
    expect(await audit.verify()).toEqual({ ok: true, checked: 0, firstBadId: null, reason: null });
    const rows = await append(5);
    expect(await audit.head()).toEqual({ lastId: rows[4]!.id, lastHash: rows[4]!.hash, entryCount: 5 });
    expect(await audit.verify()).toEqual({ ok: true, checked: 5, firstBadId: null, reason: null });
  });

  it('moves in the same transaction as the append: a rolled-back write leaves it unchanged', async () => {
    await append(2);
    const before = await audit.head();
    await expect(
      h.db.transaction().execute(async (trx) => {
        await audit.record(trx, SYSTEM, { action: 'test.rolled-back', entityType: 'test' });
        expect(
          (await trx.selectFrom('auditHead').select('entryCount').executeTakeFirstOrThrow()).entryCount,
        ).toBe(3);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await audit.head()).toEqual(before);
    // The rolled-back write used up an id: the next entry leaves a gap, which is not a deletion.
    await append(1);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 3 });
  });

  it('stays exact under parallel appends (several connections on PostgreSQL)', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.recordStandalone(SYSTEM, { action: 'test.parallel', entityType: 'test', after: { i } }),
      ),
    );
    const rows = await h.db.selectFrom('auditLog').select(['id', 'hash']).orderBy('id').execute();
    expect(rows).toHaveLength(20);
    expect(await audit.head()).toEqual({ lastId: rows[19]!.id, lastHash: rows[19]!.hash, entryCount: 20 });
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 20 });
  });

  it('reports deleted newest entries, naming the first deleted one', async () => {
    const rows = await append(6);
    await deleteIds([rows[4]!.id, rows[5]!.id]);
    expect(await audit.verify()).toEqual({
      ok: false,
      checked: 4,
      firstBadId: rows[4]!.id,
      reason: `2 entri terakhir telah dihapus: rantai berakhir pada entri #${rows[3]!.id}, padahal entri terakhir yang tercatat adalah #${rows[5]!.id}`,
    });
  });

  it('keeps a deleted tail visible after later appends (the next entry chains to the deleted hash)', async () => {
    const rows = await append(4);
    await deleteIds([rows[3]!.id]);
    const later = await append(2);
    expect(later.map((r) => r.id)).not.toContain(rows[3]!.id);
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: false, checked: 3, firstBadId: later[3]!.id });
    expect(result.reason).toMatch(/dihapus/);
    expect(result.reason).toContain(`#${rows[3]!.id} tidak ditemukan`);
  });

  it('reports every entry deleted (head at #n, no rows) from the first one', async () => {
    const rows = await append(3);
    await deleteIds(rows.map((r) => r.id));
    expect(await audit.verify()).toMatchObject({
      ok: false,
      checked: 0,
      firstBadId: rows[0]!.id,
      reason: expect.stringMatching(/^3 entri terakhir telah dihapus: rantai berakhir sebelum entri pertama/),
    });
  });

  it('reports a chain rewritten from some entry on (hashes recomputed) at the newest entry', async () => {
    const rows = await append(3);
    const last = await h.db
      .selectFrom('auditLog')
      .selectAll()
      .where('id', '=', rows[2]!.id)
      .executeTakeFirstOrThrow();
    const forged = hashEntry(last.prevHash, {
      at: last.at,
      actorId: last.actorId,
      actorName: last.actorName,
      action: last.action,
      entityType: last.entityType,
      entityId: last.entityId,
      unitId: last.unitId,
      before: last.before,
      after: { i: 99 },
      ip: last.ip,
      userAgent: last.userAgent,
    });
    await withTriggerOff('audit_log', 'audit_log_no_update', () =>
      sql`update audit_log set after = ${JSON.stringify({ i: 99 })}::jsonb, hash = ${forged} where id = ${last.id}`.execute(
        h.db,
      ),
    );
    expect(await audit.verify()).toMatchObject({
      ok: false,
      checked: 3,
      firstBadId: last.id,
      reason: expect.stringMatching(/ditulis ulang/),
    });
  });

  it('reports an entry inserted while the head trigger was switched off', async () => {
    const rows = await append(2);
    await withTriggerOff('audit_log', 'audit_log_advance_head', () =>
      sql`insert into audit_log (at, action, entity_type, prev_hash, hash)
          values (now(), 'forged', 'test', ${rows[1]!.hash}, ${'f'.repeat(64)})`.execute(h.db),
    );
    const forged = await h.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'forged')
      .executeTakeFirstOrThrow();
    expect(await audit.verify()).toMatchObject({
      ok: false,
      checked: 2,
      firstBadId: forged.id,
      reason: expect.stringMatching(/di luar rantai/),
    });
  });

  it('cannot be changed, deleted or truncated directly', async () => {
    await append(1);
    const before = await audit.head();
    await expect(sql`update audit_head set entry_count = 0`.execute(h.db)).rejects.toThrow(
      /maintained by audit_log inserts only/,
    );
    await expect(sql`delete from audit_head`.execute(h.db)).rejects.toThrow(
      /maintained by audit_log inserts only/,
    );
    await expect(sql`truncate audit_head`.execute(h.db)).rejects.toThrow(
      /maintained by audit_log inserts only/,
    );
    expect(await audit.head()).toEqual(before);
  });

  it('a missing head (deleted with its guard off) is reported and blocks further appends', async () => {
    await append(2);
    await withTriggerOff('audit_head', 'audit_head_no_change', () =>
      sql`delete from audit_head`.execute(h.db),
    );
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstBadId: null,
      reason: expect.stringMatching(/audit_head/),
    });
    await expect(append(1)).rejects.toThrow(/audit_head is missing/);
    await expect(
      sql`insert into audit_log (at, action, entity_type, prev_hash, hash) values (now(), 'x', 'y', '0', '1')`.execute(
        h.db,
      ),
    ).rejects.toThrow(/audit_head is missing/);
  });

  it('the migration starts the head from the entries already in the log', async () => {
    const rows = await append(4);
    const order = [
      '202611301002_protect-audit-head',
      '202611301001_advance-audit-head',
      '202611301000_create-audit-head',
    ];
    for (const name of order) await migrations[name]!.down!(h.db);
    for (const name of [...order].reverse()) await migrations[name]!.up(h.db);
    expect(await audit.head()).toEqual({ lastId: rows[3]!.id, lastHash: rows[3]!.hash, entryCount: 4 });
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 4 });
  });
});

describe('audit log TRUNCATE', () => {
  it('is refused, also with the per-row trigger switched off', async () => {
    await append(2);
    await expect(sql`truncate audit_log`.execute(h.db)).rejects.toThrow(/append-only/);
    await withTriggerOff('audit_log', 'audit_log_no_update', async () => {
      await expect(sql`truncate audit_log`.execute(h.db)).rejects.toThrow(/append-only/);
    });
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 2 });
  });

  it('done anyway (statement trigger switched off) is reported by verify as every entry deleted', async () => {
    const rows = await append(3);
    await withTriggerOff('audit_log', 'audit_log_no_truncate', () => sql`truncate audit_log`.execute(h.db));
    expect(await audit.verify()).toMatchObject({ ok: false, checked: 0, firstBadId: rows[0]!.id });
  });
});
