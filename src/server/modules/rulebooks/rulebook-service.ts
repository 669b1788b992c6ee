import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

type Exec = Db | Transaction<Database>;
import type { Clock } from '../../clock.ts';
import { afterCommit, currentUnitOfWork } from '../../db/unit-of-work.ts';
import { AppError, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { requireAny, type Actor } from '../../auth/authz.ts';
import {
  parseRulebook,
  resolveRulebook,
  validateRulebookVersions,
  type Rulebook,
} from '../../../core/rulebook/rulebook.ts';
import { addDays } from '../../../core/common/local-date.ts';
import { decidedByText } from '../../../core/common/instant-text.ts';

/** JSON with object keys sorted at every level (arrays keep their order). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** How long a process trusts its list of active rulebook versions (another process's activation shows after this). */
const VERSION_CACHE_MS = 5_000;

/** Advisory-lock class of rulebook activations; the object is the hash of the region. */
const RULEBOOK_REGION_LOCK = 7_426_501;

type Deps = {
  db: Db;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  loadRepoRulebooks: () => Promise<Rulebook[]>;
};

/**
 * Versioned rulebooks: the repo's data files are loaded as active versions on start; BKD can validate a new
 * version, save it as a draft and activate it (the previous open-ended version of the region then ends the day
 * before), with an audit entry for each decision. Facts are judged by the version in force on their date.
 */
export function createRulebookService({ db, audit, clock, loadRepoRulebooks }: Deps) {
  /** Called after a version is activated (committed), e.g. to queue the days it changes for recompute. */
  type ActivationListener = (v: {
    region: string;
    effectiveFrom: string;
    rulebookId: string;
  }) => Promise<unknown>;
  const activationListeners = new Set<ActivationListener>();
  /** Register a listener for activations; returns the function that removes it. */
  function onActivated(listener: ActivationListener) {
    activationListeners.add(listener);
    return () => void activationListeners.delete(listener);
  }

  /** Insert repo rulebooks that are not in the database yet (idempotent). */
  async function syncRepoRulebooks(): Promise<number> {
    const files = await loadRepoRulebooks();
    const known = new Set(
      (await db.selectFrom('rulebookVersions').select('rulebookId').execute()).map((r) => r.rulebookId),
    );
    let added = 0;
    for (const rb of files) {
      if (known.has(rb.meta.id)) {
        added += await refreshRepoRulebook(rb);
        continue;
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('rulebookVersions')
          .values({
            rulebookId: rb.meta.id,
            region: rb.meta.region,
            name: rb.meta.name,
            version: rb.meta.version,
            effectiveFrom: rb.meta.effectiveFrom,
            effectiveTo: rb.meta.effectiveTo,
            status: 'active',
            source: 'repo',
            content: JSON.stringify(rb),
            activatedAt: clock.now(),
          })
          .execute();
        await audit.record(
          trx,
          { actorId: null, actorName: 'Sistem', ip: null, userAgent: null },
          {
            action: 'rulebook.loaded',
            entityType: 'rulebook',
            entityId: rb.meta.id,
            after: { region: rb.meta.region, version: rb.meta.version, effectiveFrom: rb.meta.effectiveFrom },
          },
        );
      });
      added++;
      forgetVersions();
    }
    return added;
  }

  /**
   * A repo rulebook already loaded but changed in the repository since (a new section, a corrected number):
   * its stored content follows the file, with an audit entry. Versions made through the API are never touched.
   */
  async function refreshRepoRulebook(rb: Rulebook): Promise<number> {
    const row = await db
      .selectFrom('rulebookVersions')
      .select(['id', 'content', 'source'])
      .where('rulebookId', '=', rb.meta.id)
      .executeTakeFirstOrThrow();
    const content = JSON.stringify(rb);
    // jsonb does not keep key order: compare with keys sorted.
    if (row.source !== 'repo' || stableJson(row.content) === stableJson(rb)) return 0;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('rulebookVersions').set({ content }).where('id', '=', row.id).execute();
      await audit.record(
        trx,
        { actorId: null, actorName: 'Sistem', ip: null, userAgent: null },
        {
          action: 'rulebook.reloaded',
          entityType: 'rulebook',
          entityId: rb.meta.id,
          after: { version: rb.meta.version },
        },
      );
    });
    parsed.clear();
    forgetVersions();
    return 1;
  }

  /** The active version row of a region in force on a date. @throws NOT_FOUND when none covers the date */
  /**
   * Active versions by region, kept for a few seconds: resolving the rulebook is on every punch's path, and a
   * new version is rare. This process forgets them at once on its own changes; other processes within
   * VERSION_CACHE_MS.
   */
  type VersionRow = Awaited<ReturnType<typeof loadActiveVersions>>[number];
  const versionCache = new Map<string, { at: number; rows: Promise<VersionRow[]>; settled?: boolean }>();
  const forgetVersions = () => versionCache.clear();

  async function activeVersionOn(region: string, date: string, exec: Exec = db) {
    const now = clock.now().getTime();
    const shared = versionCache.get(region);
    // Inside a request's unit of work the versions are read on its own connection and not shared: they may be
    // uncommitted, and (on PGlite, one connection) a load begun by another request would wait for this one. The
    // same holds for any other open transaction (the status worker refreshing recaps, a GET printing a document):
    // it never waits for a load still running on the plain connection, which on PGlite waits for the transaction
    // itself — the whole server then stops (issue 16). A load that has finished is shared as before.
    let hit =
      currentUnitOfWork() || (exec.isTransaction && shared && !shared.settled)
        ? { at: now, rows: loadActiveVersions(region, exec) }
        : shared;
    if (!hit || now - hit.at > VERSION_CACHE_MS || now < hit.at) {
      const entry: { at: number; rows: Promise<VersionRow[]>; settled?: boolean } = {
        at: now,
        rows: loadActiveVersions(region, exec),
      };
      hit = entry;
      versionCache.set(region, entry);
      entry.rows.then(
        () => (entry.settled = true),
        () => versionCache.delete(region),
      );
    }
    const rows = await hit.rows;
    const r = resolveRulebook(
      rows.map((x) => ({
        meta: {
          region: x.region,
          effectiveFrom: x.effectiveFrom,
          effectiveTo: x.effectiveTo,
          id: x.rulebookId,
        },
        row: x,
      })),
      region,
      date,
    );
    if (!r.ok) throw new AppError('NOT_FOUND', r.error);
    return r.rulebook.row;
  }

  function loadActiveVersions(region: string, exec: Exec) {
    return (
      exec
        .selectFrom('rulebookVersions')
        // Not the content: this runs on hot paths (every punch); rulesOn loads it once per version.
        .select([
          'id',
          'rulebookId',
          'region',
          'name',
          'version',
          'effectiveFrom',
          'effectiveTo',
          'status',
          'source',
          'createdAt',
          'activatedAt',
        ])
        .where('region', '=', region)
        .where('status', '=', 'active')
        .execute()
    );
  }

  /** Parsed rulebooks by version row (content + activation), so a hot path does not re-validate JSON. */
  const parsed = new Map<string, Rulebook>();

  /**
   * The rulebook in force for a region on a date, for the services that judge facts (no permission check:
   * callers are services acting on facts they may already touch). `exec`: the caller's open transaction, if
   * any (on PGlite a read on the plain connection would wait for it forever).
   * @throws NOT_FOUND when no active version covers the date
   */
  async function rulesOn(region: string, date: string, exec: Exec = db): Promise<Rulebook> {
    const row = await activeVersionOn(region, date, exec);
    const key = `${row.id}:${row.activatedAt?.getTime() ?? 0}`;
    const hit = parsed.get(key);
    if (hit) return hit;
    const { content } = await exec
      .selectFrom('rulebookVersions')
      .select('content')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    const result = parseRulebook(content);
    if (!result.ok)
      throw new AppError(
        'INTERNAL',
        `Rulebook ${row.rulebookId} tersimpan tidak valid: ${result.issues[0]?.message}`,
      );
    parsed.set(key, result.rulebook);
    return result.rulebook;
  }

  const summary = (r: {
    id: string;
    rulebookId: string;
    region: string;
    name: string;
    version: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    status: string;
    source: string;
    createdAt: Date;
    activatedAt: Date | null;
  }) => ({
    id: r.id,
    rulebookId: r.rulebookId,
    region: r.region,
    name: r.name,
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    status: r.status as 'draft' | 'active' | 'retired',
    source: r.source as 'repo' | 'api',
    createdAt: r.createdAt.toISOString(),
    activatedAt: r.activatedAt?.toISOString() ?? null,
  });

  async function list(actor: Actor) {
    requireAny(actor, 'rulebook.read');
    const rows = await db
      .selectFrom('rulebookVersions')
      .selectAll()
      .orderBy('region')
      .orderBy('effectiveFrom')
      .execute();
    return rows.map(summary);
  }

  async function get(actor: Actor, id: string) {
    requireAny(actor, 'rulebook.read');
    const row = await db.selectFrom('rulebookVersions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Rulebook');
    return { ...summary(row), content: row.content };
  }

  /** Check a rulebook document without saving it: every issue with its path. */
  function validate(actor: Actor, content: unknown) {
    requireAny(actor, 'rulebook.read');
    const r = parseRulebook(content);
    return r.ok ? { ok: true as const, issues: [] } : { ok: false as const, issues: r.issues };
  }

  /** Save a valid rulebook as a draft. @throws VALIDATION listing every issue; CONFLICT on a used id. */
  async function createDraft(actor: Actor, content: unknown) {
    requireAny(actor, 'rulebook.write');
    const r = parseRulebook(content);
    if (!r.ok)
      throw new AppError('VALIDATION', `Rulebook tidak valid (${r.issues.length} masalah)`, r.issues);
    const rb = r.rulebook;
    const exists = await db
      .selectFrom('rulebookVersions')
      .select('id')
      .where('rulebookId', '=', rb.meta.id)
      .executeTakeFirst();
    if (exists)
      throw new AppError('CONFLICT', `Id rulebook ${rb.meta.id} sudah dipakai`, [
        { path: 'meta.id', message: 'Id sudah dipakai' },
      ]);
    const row = await db.transaction().execute(async (trx) => {
      const saved = await trx
        .insertInto('rulebookVersions')
        .values({
          rulebookId: rb.meta.id,
          region: rb.meta.region,
          name: rb.meta.name,
          version: rb.meta.version,
          effectiveFrom: rb.meta.effectiveFrom,
          effectiveTo: rb.meta.effectiveTo,
          status: 'draft',
          source: 'api',
          content: JSON.stringify(rb),
          createdBy: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'rulebook.draft_created',
        entityType: 'rulebook',
        entityId: rb.meta.id,
        after: { region: rb.meta.region, version: rb.meta.version, effectiveFrom: rb.meta.effectiveFrom },
      });
      return saved;
    });
    return summary(row);
  }

  /**
   * Activate a draft. An active version of the same region that is still open on the draft's start date ends the
   * day before; a version that would start on or after it must be retired first. The resulting set of the region's
   * versions must have no gap and no overlap.
   */
  /**
   * Activate a draft, closing the active versions of its region the day before it takes effect. Concurrency:
   * activations of one region run one at a time under a transaction-level advisory lock on the region, taken
   * before the draft and the active versions are read, so N identical activations give one (one audit entry,
   * one closing of the previous version) and 409s naming it, and two drafts activated at once never overlap.
   */
  async function activate(actor: Actor, id: string) {
    requireAny(actor, 'rulebook.write');
    forgetVersions();
    const result = await db.transaction().execute(async (trx) => {
      const region = await trx
        .selectFrom('rulebookVersions')
        .select('region')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!region) throw notFound('Rulebook');
      await sql`select pg_advisory_xact_lock(${RULEBOOK_REGION_LOCK}::int, hashtext(${region.region}))`.execute(
        trx,
      );
      const draft = await trx
        .selectFrom('rulebookVersions as v')
        .leftJoin('users as us', 'us.id', 'v.activatedBy')
        .selectAll('v')
        .select('us.displayName as activatedByName')
        .where('v.id', '=', id)
        .executeTakeFirst();
      if (!draft) throw notFound('Rulebook');
      if (draft.status === 'active' && draft.activatedAt)
        throw new AppError(
          'CONFLICT',
          `Versi ini sudah diaktifkan ${decidedByText(draft.activatedByName ?? 'sistem', draft.activatedAt)}`,
        );
      if (draft.status !== 'draft') throw new AppError('CONFLICT', 'Hanya draf yang dapat diaktifkan');
      const active = await trx
        .selectFrom('rulebookVersions')
        .selectAll()
        .where('region', '=', draft.region)
        .where('status', '=', 'active')
        .execute();
      const later = active.find((a) => a.effectiveFrom >= draft.effectiveFrom);
      if (later) {
        throw new AppError(
          'CONFLICT',
          `Versi ${later.version} sudah berlaku mulai ${later.effectiveFrom}; nonaktifkan versi itu dahulu`,
        );
      }
      const closed: { id: string; effectiveTo: string; before: string | null }[] = [];
      for (const a of active) {
        if (a.effectiveTo === null || a.effectiveTo >= draft.effectiveFrom)
          closed.push({ id: a.id, effectiveTo: addDays(draft.effectiveFrom, -1), before: a.effectiveTo });
      }
      const metas = [
        ...active.map((a) => {
          const c = closed.find((x) => x.id === a.id);
          return {
            meta: { ...(a.content as Rulebook).meta, effectiveTo: c ? c.effectiveTo : a.effectiveTo },
          };
        }),
        { meta: (draft.content as Rulebook).meta },
      ];
      const issues = validateRulebookVersions(metas);
      if (issues.length) throw new AppError('VALIDATION', issues[0]!.message, issues);
      for (const c of closed) {
        const a = active.find((x) => x.id === c.id)!;
        const content = a.content as Rulebook;
        await trx
          .updateTable('rulebookVersions')
          .set({
            effectiveTo: c.effectiveTo,
            content: JSON.stringify({ ...content, meta: { ...content.meta, effectiveTo: c.effectiveTo } }),
          })
          .where('id', '=', c.id)
          .execute();
        await audit.record(trx, ctxOf(actor), {
          action: 'rulebook.closed',
          entityType: 'rulebook',
          entityId: a.rulebookId,
          before: { effectiveTo: c.before },
          after: { effectiveTo: c.effectiveTo },
        });
      }
      const row = await trx
        .updateTable('rulebookVersions')
        .set({ status: 'active', activatedBy: actor.userId, activatedAt: clock.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'rulebook.activated',
        entityType: 'rulebook',
        entityId: draft.rulebookId,
        before: { status: 'draft' },
        after: { status: 'active', region: draft.region, effectiveFrom: draft.effectiveFrom },
      });
      return summary(row);
    });
    forgetVersions();
    // The version counts once committed (a request's unit of work commits it): the caches are forgotten again
    // then, and a failing listener (e.g. the status queue) must not undo it.
    await afterCommit(async () => {
      forgetVersions();
      for (const listener of activationListeners)
        await listener({
          region: result.region,
          effectiveFrom: result.effectiveFrom,
          rulebookId: result.rulebookId,
        }).catch(() => undefined);
    });
    return result;
  }

  /** The active version of a region in force on a date (regulation is judged by the date of the fact). */
  async function resolve(actor: Actor, region: string, date: string) {
    requireAny(actor, 'rulebook.read');
    return summary(await activeVersionOn(region, date));
  }

  return { syncRepoRulebooks, list, get, validate, createDraft, activate, resolve, rulesOn, onActivated };
}

export type RulebookService = ReturnType<typeof createRulebookService>;
