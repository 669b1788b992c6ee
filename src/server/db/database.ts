import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createHash } from 'node:crypto';
import { multiHostClient, parseMultiHostUrl } from './multi-host.ts';
import { PGliteDialect, PREPARED } from './pglite-dialect.ts';
import { withUnitOfWork } from './unit-of-work.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DbEngine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  engine: DbEngine;
  close(): Promise<void>;
  /** The embedded instance, when the engine is PGlite (used to dump test templates). */
  pglite?: PGlite;
}

/**
 * Type parsing is the same on both engines, so code and tests never see a difference:
 * int8 → number (throws past 2^53), numeric → string (exact), date → 'YYYY-MM-DD' string (never a JS Date,
 * so no time-zone shift), timestamptz → Date.
 */
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
}
const identity = (value: string) => value;
const parseTimestamptz = (value: string) => new Date(value);
const parseTimestamp = (value: string) => new Date(`${value.replace(' ', 'T')}Z`);

export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  [OID.INT8]: parseInt8,
  [OID.NUMERIC]: identity,
  [OID.DATE]: identity,
  [OID.TIMESTAMP]: parseTimestamp,
  [OID.TIMESTAMPTZ]: parseTimestamptz,
};

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const parser = TYPE_PARSERS[oid];
    if (parser && format !== 'binary') return parser;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` or undefined for in-memory. */
  dataDir?: string | undefined;
  /** A PGlite data-dir tarball to start from (test templates). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  /**
   * PostgreSQL `application_name` of this process's connections (pg_stat_activity shows which server process holds
   * a connection or a lock; main.ts sets `abdi <pid>`).
   */
  applicationName?: string | undefined;
}

function kyselyFor(dialect: ConstructorParameters<typeof Kysely<Database>>[0]['dialect']): Db {
  // Column names are snake_case in SQL and camelCase in code; JSON values (rulebooks, audit before/after,
  // punch reasons) keep their keys exactly as written, e.g. the reason code `ACCURACY_TOO_POOR`.
  return new Kysely<Database>({
    dialect: withUnitOfWork(dialect),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

export { PREPARED };

/**
 * Hot-path queries (session lookup, check-in) are planned once per connection instead of on every call: a
 * query whose text carries the PREPARED marker runs as a named prepared statement (pg sends Parse only the
 * first time on each connection). Only marked queries are prepared, so texts that vary (IN lists) never pile
 * up statements on the server. PGlite does the same in its dialect (pglite-dialect.ts).
 */
function preparedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Map<string, string>();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && text.includes(PREPARED) && args.length <= 2) {
      let name = names.get(text);
      if (!name)
        names.set(text, (name = `abdi_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
      return query({ name, text, values });
    }
    return query(...args);
  };
}

/** The connection pool of a PostgreSQL database, as the metrics read it. */
export interface PoolStats {
  /** Connections open (idle and in use). */
  total: number;
  idle: number;
  /** Queries waiting for a connection (the pool is exhausted). */
  waiting: number;
  /** DATABASE_POOL_SIZE. */
  max: number;
}

const pools = new WeakMap<Db, pg.Pool>();

/**
 * The pool of a database opened on PostgreSQL, or null on PGlite (one in-process connection, queries serialised by
 * the dialect's mutex: there is no pool to report).
 */
export function poolStatsOf(db: Db): PoolStats | null {
  const pool = pools.get(db);
  if (!pool) return null;
  return {
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
    max: pool.options.max ?? 10,
  };
}

/**
 * A new connection of its own to the PostgreSQL database `db` was opened on, outside the pool (same URL and
 * application name), for a caller that holds session state on it, e.g. the periodic jobs' advisory locks; null on
 * PGlite. The caller connects and ends it.
 */
export function dedicatedClientOf(db: Db): pg.Client | null {
  const pool = pools.get(db);
  if (!pool) return null;
  const o = pool.options as pg.PoolConfig;
  // A multi-host URL's pool makes its connections with the client that finds the writable host: so does this one.
  const Client = (o as { Client?: typeof pg.Client }).Client ?? pg.Client;
  return new Client({
    connectionString: o.connectionString,
    options: o.options,
    ...(o.application_name ? { application_name: o.application_name } : {}),
  });
}

/**
 * Open PostgreSQL (when a URL is given) or the embedded PGlite. A URL naming several hosts (`h1:p1,h2:p2`, libpq's
 * syntax) gets a pool whose every new connection goes to the first host that may write (src/server/db/multi-host.ts):
 * after a standby is promoted the app finds it by itself (docs/operations.md "High availability").
 */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const multi = parseMultiHostUrl(options.databaseUrl);
    const pool = new pg.Pool({
      connectionString: multi?.url ?? options.databaseUrl,
      // Keepalives so a connection to a primary that vanished without closing its sockets is found dead too.
      ...(multi
        ? { Client: multiHostClient(multi), keepAlive: true, keepAliveInitialDelayMillis: 10_000 }
        : {}),
      max: options.poolSize ?? 10,
      types: pgTypes,
      // No JIT: our statements are short, and on a set-based one with a high (misestimated) cost, such as the
      // month recap over `day_statuses`, compiling it took 2.6 s of a 13 s run.
      options: '-c jit=off',
      ...(options.applicationName ? { application_name: options.applicationName } : {}),
    });
    pool.on('connect', (client) => {
      preparedStatements(client);
      // A connection that dies while checked out (PostgreSQL restarted, the primary failed over) fails its query,
      // which the caller sees, and emits 'error', which nobody hears while the pool has lent it out (Kysely adds no
      // listener): unheard, that event would end the process. On release the pool drops it (no longer queryable).
      client.on('error', () => undefined);
    });
    // An idle connection that dies is dropped by the pool, which then emits 'error' on itself: the same.
    pool.on('error', () => undefined);
    // Fail fast with a clear error when the server is unreachable.
    const client = await pool.connect();
    client.release();
    const db = kyselyFor(new PostgresDialect({ pool }));
    pools.set(db, pool);
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const pglite = await PGlite.create(
    options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined,
    {
      parsers: Object.fromEntries(
        Object.entries(TYPE_PARSERS).map(([oid, fn]) => [oid, (v: string) => fn(v)]),
      ),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    },
  );
  const db = kyselyFor(new PGliteDialect(pglite));
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export { pgliteTypes };
