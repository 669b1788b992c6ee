import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetAuditChain } from '../helpers/audit-chain.ts';
import { createCliDatabase, runCli, runNpmScript, type CliDatabase } from '../helpers/cli.ts';
import { main } from '../../scripts/audit-verify.ts';
import { fixedClock } from '../../src/server/clock.ts';
import type { DatabaseHandle } from '../../src/server/db/database.ts';
import { createAuditService } from '../../src/server/modules/audit/audit-service.ts';

/*
 * `npm run audit:verify` against a database of its own (a PGlite data directory, or a PostgreSQL database with
 * TEST_DATABASE_URL), tampered with the way someone with database rights could: the append-only trigger
 * switched off, then a row changed or deleted. The first case runs the npm script's command line in a child
 * process; the others call the tool's `main` in this process. One database for the file: each case starts
 * from an empty chain (`resetAuditChain`).
 */

const SYSTEM = { actorId: null, actorName: 'Uji', ip: null, userAgent: null };
let store: CliDatabase;

beforeAll(async () => {
  store = await createCliDatabase();
});
afterAll(async () => {
  await store?.dispose();
});

/** The database's chain made of `n` entries; returns their ids, oldest first. */
async function chainOf(n: number): Promise<number[]> {
  return store.use(async (h) => {
    await resetAuditChain(h.db);
    const clock = fixedClock('2026-01-15T02:00:00Z');
    const audit = createAuditService({ db: h.db, clock });
    for (let i = 0; i < n; i++) {
      clock.advance(60_000);
      await audit.recordStandalone(SYSTEM, {
        action: 'employee.updated',
        entityType: 'employee',
        entityId: `e${i}`,
        before: { phone: `0811-${i}` },
        after: { phone: `0812-${i}` },
      });
    }
    return (await h.db.selectFrom('auditLog').select('id').orderBy('id').execute()).map((r) => r.id);
  });
}

/** Run `sql` with the append-only trigger switched off (as a table owner or superuser could). */
async function tamper(run: (h: DatabaseHandle) => Promise<unknown>) {
  await store.use(async (h) => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(h.db);
    try {
      await run(h);
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(h.db);
    }
  });
}

const verify = () => runCli(main, [], store.env);

// A spawned CLI boots Node and its database: on a loaded 2-core runner that alone can take most of the default 30 s.
describe('npm run audit:verify', { timeout: 90_000 }, () => {
  it('exits 0 on an intact chain and prints the number of entries and the newest entry (npm script, spawned)', async () => {
    const ids = await chainOf(5);
    const r = runNpmScript('audit:verify', [], store.env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Rantai audit utuh: 5 entri diperiksa');
    expect(r.stdout).toMatch(new RegExp(`Entri terakhir #${ids[4]}, hash [0-9a-f]{64}`));
  });

  it('exits 1 naming a changed entry', async () => {
    const ids = await chainOf(5);
    await tamper((h) =>
      sql`update audit_log set after = ${JSON.stringify({ phone: '0000' })}::jsonb where id = ${ids[1]!}`.execute(
        h.db,
      ),
    );
    const r = await verify();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `Rantai audit RUSAK pada entri #${ids[1]}: Isi entri tidak sesuai dengan hash-nya (entri diubah)`,
    );
    expect(r.stderr).toContain('1 entri sebelumnya utuh.');
    expect(r.stdout).not.toContain('utuh:');
  });

  it('exits 1 on a deleted middle entry, naming the entry after it and the missing id', async () => {
    const ids = await chainOf(5);
    await tamper((h) => sql`delete from audit_log where id = ${ids[2]!}`.execute(h.db));
    const r = await verify();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Rantai audit RUSAK pada entri #${ids[3]}: Entri sebelumnya telah dihapus`);
    expect(r.stderr).toContain(`entri #${ids[2]} tidak ditemukan`);
    expect(r.stderr).toContain('2 entri sebelumnya utuh.');
  });

  it('exits 1 on deleted newest entries, naming the first deleted one', async () => {
    const ids = await chainOf(5);
    await tamper((h) => sql`delete from audit_log where id >= ${ids[3]!}`.execute(h.db));
    const r = await verify();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `Rantai audit RUSAK pada entri #${ids[3]}: 2 entri terakhir telah dihapus: rantai berakhir pada entri #${ids[2]}, padahal entri terakhir yang tercatat adalah #${ids[4]}`,
    );
    expect(r.stderr).toContain('3 entri sebelumnya utuh.');
  });

  it('names the earliest problem when there are several (a changed entry before a deleted tail)', async () => {
    const ids = await chainOf(6);
    await tamper(async (h) => {
      await sql`delete from audit_log where id = ${ids[5]!}`.execute(h.db);
      await sql`update audit_log set actor_name = 'Orang Lain' where id = ${ids[2]!}`.execute(h.db);
    });
    const r = await verify();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Rantai audit RUSAK pada entri #${ids[2]}:`);
  });
});
