import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../clock.ts';
import { GENESIS_HASH, hashEntry, type HashedFields } from './audit-hash.ts';
import type { UnitScope } from '../../auth/authz.ts';
import { unitScopeCondition } from '../../auth/authz.ts';
import { aboutPerson, createAuditNames } from './audit-names.ts';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  auditActionLabel,
  auditFieldLabel,
  diffValues,
} from '../../../shared/api/audit-labels.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { formatHhmm, toZoned } from '../../../core/common/zoned-time.ts';

/** The filters of the audit list and its export. */
export interface AuditQuery {
  q?: string | undefined;
  entityType?: string | undefined;
  action?: string | undefined;
  personId?: string | undefined;
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Most entries one CSV export holds (a year of a unit's entries fits; narrow the filters for more). */
export const AUDIT_EXPORT_LIMIT = 10_000;

/** Columns of the audit CSV export (labels, names, the changes in words). */
export const AUDIT_EXPORT_COLUMNS = [
  { header: 'Waktu (WIB)', key: 'at', width: 18 },
  { header: 'Pelaku', key: 'actor', width: 30 },
  { header: 'Aksi', key: 'action', width: 34 },
  { header: 'Jenis data', key: 'entity', width: 18 },
  { header: 'Pegawai', key: 'employee', width: 36 },
  { header: 'Unit', key: 'unit', width: 30 },
  { header: 'Perubahan', key: 'changes', width: 60 },
  { header: 'Alamat IP', key: 'ip', width: 16 },
  { header: 'No. entri', key: 'id', width: 10 },
];

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

export interface VerifyResult {
  ok: boolean;
  /** Entries that matched before the first problem (all entries when ok). */
  checked: number;
  /** The first changed or deleted entry (for a deleted tail: see `verify`), null when ok or unknown. */
  firstBadId: number | null;
  reason: string | null;
}

/** Arbitrary lock key for serialising appends to the chain. */
const AUDIT_LOCK_KEY = 7_426_001;

function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function createAuditService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /**
   * Append one entry inside the caller's transaction, chained to the hash of the chain head (the newest
   * entry as recorded in `audit_head`; the insert trigger moves the head to the new entry in the same
   * transaction). Chaining to the head rather than to the newest surviving row keeps a deleted tail visible
   * even after later appends. The advisory lock serialises appends across server processes.
   */
  async function record(trx: Transaction<Database>, ctx: AuditContext, w: AuditWrite): Promise<void> {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const head = await trx.selectFrom('auditHead').select('lastHash').where('id', '=', 1).executeTakeFirst();
    if (!head) throw new Error('audit_head is missing: the audit chain checkpoint row was deleted');
    const prevHash = head.lastHash;
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

  const naming = createAuditNames(db);

  /** The entries of a scope matching the filters (a query to count or to page). */
  async function filtered(scope: UnitScope, q: AuditQuery, zone: string) {
    let query = db.selectFrom('auditLog as a').leftJoin('units as u', 'u.id', 'a.unitId');
    query = query.where((eb) =>
      unitScopeCondition(eb, scope, 'u.path', { includeUnscoped: scope === 'all' }),
    );
    if (q.entityType) query = query.where('a.entityType', '=', q.entityType);
    if (q.action)
      query = q.action.endsWith('.')
        ? query.where('a.action', 'like', `${q.action}%`)
        : query.where('a.action', '=', q.action);
    if (q.personId) query = query.where(aboutPerson(q.personId));
    if (q.unitId) {
      const unit = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      query = query.where('u.path', 'like', `${unit?.path ?? '/none/'}%`);
    }
    if (q.from) query = query.where(sql<boolean>`(a.at at time zone ${zone})::date >= ${q.from}::date`);
    if (q.to) query = query.where(sql<boolean>`(a.at at time zone ${zone})::date <= ${q.to}::date`);
    if (q.q) {
      const like = `%${q.q.toLowerCase()}%`;
      // Actions whose Indonesian label matches ("disetujui" finds every approval).
      const labelled = Object.entries(AUDIT_ACTION_LABELS).flatMap(([prefix, verbs]) =>
        Object.entries(verbs as Record<string, string>)
          .filter(([, label]) => label.toLowerCase().includes(q.q!.toLowerCase()))
          .map(([verb]) => `${prefix}.${verb}`),
      );
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['a.actorName']), 'like', like),
          eb(eb.fn('lower', ['a.action']), 'like', like),
          eb('a.entityId', '=', q.q!),
          ...(labelled.length > 0 ? [eb('a.action', 'in', labelled)] : []),
        ]),
      );
    }
    return query;
  }

  /** A page of entries with the unit's name, the employee each is about, and names for the ids they hold. */
  async function page(scope: UnitScope, q: AuditQuery, limit: number, offset: number, zone: string) {
    const query = await filtered(scope, q, zone);
    const rows = await query
      .selectAll('a')
      .select('u.name as unitName')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    const subjects = await naming.subjects(rows);
    const items = rows.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      subjectEmployeeId: subjects.get(`${r.entityType}:${r.entityId}`) ?? null,
    }));
    const names = await naming.names(
      items.flatMap((r) => [r.before, r.after, r.entityId, r.actorId, r.subjectEmployeeId]),
    );
    return { items, names };
  }

  /**
   * Audit entries visible in a unit scope, newest first, filtered by unit, period (local dates in `zone`),
   * action, kind of record, person or text; with names for the ids they hold (issue 13 point 10).
   */
  async function list(
    scope: UnitScope,
    q: AuditQuery & { page: number; pageSize: number },
    zone = 'Asia/Jakarta',
  ) {
    const query = await filtered(scope, q, zone);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const { items, names } = await page(scope, q, q.pageSize, (q.page - 1) * q.pageSize, zone);
    return { items, total: total.n, page: q.page, pageSize: q.pageSize, names };
  }

  /**
   * The filtered entries as CSV rows in words (labels, names, "field: before → after"), at most
   * AUDIT_EXPORT_LIMIT, newest first; times in WIB.
   */
  async function exportRows(scope: UnitScope, q: AuditQuery, zone = 'Asia/Jakarta') {
    const { items, names } = await page(scope, q, AUDIT_EXPORT_LIMIT, 0, zone);
    const named = (v: unknown) =>
      v === null || v === undefined ? '—' : typeof v === 'string' ? (names[v] ?? v) : JSON.stringify(v);
    return items.map((e) => {
      const local = toZoned(Date.parse(e.at), 'Asia/Jakarta');
      return {
        at: `${formatDdMmYyyy(local.date)} ${formatHhmm(local.minute)}`,
        actor: e.actorName ?? 'Sistem',
        action: auditActionLabel(e.action),
        entity: AUDIT_ENTITY_LABELS[e.entityType as keyof typeof AUDIT_ENTITY_LABELS] ?? e.entityType,
        employee: e.subjectEmployeeId ? (names[e.subjectEmployeeId] ?? '') : '',
        unit: e.unitName ?? '',
        changes: diffValues(e.before, e.after)
          .filter((d) => d.changed)
          .map((d) => `${auditFieldLabel(d.field)}: ${named(d.before)} → ${named(d.after)}`)
          .join('; '),
        ip: e.ip ?? '',
        id: e.id,
      };
    });
  }

  /** The chain head checkpoint (newest entry's id and hash, number of entries), or null when it is missing. */
  async function head(): Promise<{ lastId: number; lastHash: string; entryCount: number } | null> {
    const row = await db
      .selectFrom('auditHead')
      .select(['lastId', 'lastHash', 'entryCount'])
      .where('id', '=', 1)
      .executeTakeFirst();
    return row ?? null;
  }

  /**
   * Walk the chain up to the head checkpoint and report the first entry whose content, hash or link to its
   * predecessor does not match — i.e. the first changed or deleted entry — then compare the end of the walk
   * with the checkpoint: fewer entries than recorded means the newest entries were deleted (named by id when
   * the missing ids are contiguous, else the newest recorded id); a different final hash means the chain was
   * rewritten; an entry past the checkpoint was inserted around the chain.
   * Entries appended while verifying (past the checkpoint read at the start) are left for the next run.
   */
  async function verify(): Promise<VerifyResult> {
    const start = await head();
    if (!start) {
      return {
        ok: false,
        checked: 0,
        firstBadId: null,
        reason: 'Titik kepala rantai (audit_head) telah dihapus; keutuhan rantai tidak dapat dipastikan',
      };
    }
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let afterId = 0;
    for (;;) {
      const batch = await db
        .selectFrom('auditLog')
        .selectAll()
        .where('id', '>', afterId)
        .where('id', '<=', start.lastId)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (batch.length === 0) break;
      for (const e of batch) {
        if (e.prevHash !== prevHash) {
          // Ids missing just before this entry (a rolled-back write also leaves a gap, so: "not found").
          const gap =
            e.id - afterId === 2
              ? `; entri #${afterId + 1} tidak ditemukan`
              : e.id - afterId > 2
                ? `; entri #${afterId + 1}–#${e.id - 1} tidak ditemukan`
                : '';
          return {
            ok: false,
            checked,
            firstBadId: e.id,
            reason: `Entri sebelumnya telah dihapus atau diubah (rantai hash terputus${gap})`,
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
    if (afterId < start.lastId) {
      const missing = start.entryCount - checked;
      const contiguous = missing > 0 && start.lastId - afterId === missing;
      return {
        ok: false,
        checked,
        firstBadId: contiguous ? afterId + 1 : start.lastId,
        reason:
          `${missing > 0 ? missing : 'Beberapa'} entri terakhir telah dihapus: rantai berakhir ` +
          `${afterId > 0 ? `pada entri #${afterId}` : 'sebelum entri pertama'}, ` +
          `padahal entri terakhir yang tercatat adalah #${start.lastId}`,
      };
    }
    if (prevHash !== start.lastHash) {
      return {
        ok: false,
        checked,
        firstBadId: start.lastId,
        reason: 'Hash entri terakhir tidak sesuai dengan titik kepala rantai (rantai ditulis ulang)',
      };
    }
    if (checked !== start.entryCount) {
      return {
        ok: false,
        checked,
        firstBadId: null,
        reason: `Jumlah entri (${checked}) tidak sesuai dengan titik kepala rantai (${start.entryCount})`,
      };
    }
    // The newest row first, then the head: a legitimate append moves both in one transaction, so a newer
    // row than the head read afterwards was inserted while the head trigger was switched off.
    const newest = await db
      .selectFrom('auditLog')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const end = await head();
    if (newest && end && newest.id > end.lastId) {
      const outside = await db
        .selectFrom('auditLog')
        .select('id')
        .where('id', '>', end.lastId)
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      return {
        ok: false,
        checked,
        firstBadId: outside.id,
        reason: 'Entri ditambahkan di luar rantai (titik kepala rantai tidak ikut diperbarui)',
      };
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

  return { record, recordStandalone, list, exportRows, verify, head, countOn };
}

export type AuditService = ReturnType<typeof createAuditService>;
