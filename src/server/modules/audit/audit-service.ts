import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../clock.ts';
import { GENESIS_HASH, hashEntry, type HashedFields } from './audit-hash.ts';
import type { UnitScope } from '../access/authz.ts';
import { unitScopeCondition } from '../access/authz.ts';

/** Who did something and from where (taken from the request). */
export interface AuditContext {
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditWrite {
  action: string;
  entityType: string;
  entityId?: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Arbitrary lock key for serialising appends to the chain. */
const AUDIT_LOCK_KEY = 7_426_001;

function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function createAuditService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /**
   * Append one entry inside the caller's transaction, chained to the previous entry's hash.
   * The advisory lock serialises appends across server processes.
   */
  async function record(trx: Transaction<Database>, ctx: AuditContext, w: AuditWrite): Promise<void> {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await trx
      .selectFrom('auditLog')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const prevHash = last?.hash ?? GENESIS_HASH;
    const fields: HashedFields = {
      at: clock.now(),
      actorId: ctx.actorId,
      actorName: ctx.actorName,
      action: w.action,
      entityType: w.entityType,
      entityId: w.entityId ?? null,
      unitId: w.unitId ?? null,
      before: plain(w.before),
      after: plain(w.after),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    };
    await trx
      .insertInto('auditLog')
      .values({
        ...fields,
        before: fields.before === null ? null : JSON.stringify(fields.before),
        after: fields.after === null ? null : JSON.stringify(fields.after),
        prevHash,
        hash: hashEntry(prevHash, fields),
      })
      .execute();
  }

  /** Convenience for writes that are only an audit entry (e.g. a failed login). */
  async function recordStandalone(ctx: AuditContext, w: AuditWrite): Promise<void> {
    await db.transaction().execute((trx) => record(trx, ctx, w));
  }

  /** Audit entries visible in a unit scope, newest first. */
  async function list(
    scope: UnitScope,
    q: {
      q?: string;
      entityType?: string;
      unitId?: string;
      from?: string;
      to?: string;
      page: number;
      pageSize: number;
    },
    zone = 'Asia/Jakarta',
  ) {
    let query = db.selectFrom('auditLog as a').leftJoin('units as u', 'u.id', 'a.unitId');
    query = query.where((eb) =>
      unitScopeCondition(eb, scope, 'u.path', { includeUnscoped: scope === 'all' }),
    );
    if (q.entityType) query = query.where('a.entityType', '=', q.entityType);
    if (q.unitId) {
      const unit = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      query = query.where('u.path', 'like', `${unit?.path ?? '/none/'}%`);
    }
    if (q.from) query = query.where(sql<boolean>`(a.at at time zone ${zone})::date >= ${q.from}::date`);
    if (q.to) query = query.where(sql<boolean>`(a.at at time zone ${zone})::date <= ${q.to}::date`);
    if (q.q) {
      const like = `%${q.q.toLowerCase()}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['a.actorName']), 'like', like),
          eb(eb.fn('lower', ['a.action']), 'like', like),
          eb('a.entityId', '=', q.q!),
        ]),
      );
    }
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await query
      .selectAll('a')
      .orderBy('a.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      items: items.map((r) => ({ ...r, at: r.at.toISOString() })),
      total: total.n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * Walk the whole chain and report the first entry whose content, hash or link to its predecessor
   * does not match — i.e. the first changed or deleted entry.
   */
  async function verify(): Promise<{
    ok: boolean;
    checked: number;
    firstBadId: number | null;
    reason: string | null;
  }> {
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let afterId = 0;
    for (;;) {
      const batch = await db
        .selectFrom('auditLog')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (batch.length === 0) break;
      for (const e of batch) {
        if (e.prevHash !== prevHash) {
          return {
            ok: false,
            checked,
            firstBadId: e.id,
            reason: 'Entri sebelumnya telah dihapus atau diubah (rantai hash terputus)',
          };
        }
        const expected = hashEntry(prevHash, {
          at: e.at,
          actorId: e.actorId,
          actorName: e.actorName,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          unitId: e.unitId,
          before: e.before,
          after: e.after,
          ip: e.ip,
          userAgent: e.userAgent,
        });
        if (expected !== e.hash) {
          return {
            ok: false,
            checked,
            firstBadId: e.id,
            reason: 'Isi entri tidak sesuai dengan hash-nya (entri diubah)',
          };
        }
        prevHash = e.hash;
        checked++;
        afterId = e.id;
      }
    }
    return { ok: true, checked, firstBadId: null, reason: null };
  }

  /** Entries written on a local date, within a scope (for the dashboard). */
  async function countOn(scope: UnitScope, date: string, zone = 'Asia/Jakarta'): Promise<number> {
    const row = await db
      .selectFrom('auditLog as a')
      .leftJoin('units as u', 'u.id', 'a.unitId')
      .where((eb) => unitScopeCondition(eb, scope, 'u.path', { includeUnscoped: scope === 'all' }))
      .where(sql<boolean>`(a.at at time zone ${zone})::date = ${date}::date`)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  return { record, recordStandalone, list, verify, countOn };
}

export type AuditService = ReturnType<typeof createAuditService>;
