import { parse, protocol, type PGlite, type Transaction } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * A small Kysely dialect for PGlite. PGlite is a single connection, so every query and every transaction
 * takes one mutex: a transaction holds it from BEGIN to COMMIT/ROLLBACK, and queries from other callers wait.
 * (STACK.md: `kysely-pglite` lost a committed row when a parallel transaction rolled back.)
 */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

/** Put `PREPARED` in a query's text (as a comment) to have it prepared once per connection (both engines). */
export const PREPARED = '/* prepared */';

const { serialize } = protocol;
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * Named prepared statements on PGlite, which its `query` does not offer (it parses, plans and describes every
 * call): a text marked PREPARED is parsed once under a name (PostgreSQL then keeps its plan, generic after five
 * custom ones, like a pg named statement), and each call is Bind/Describe/Execute/Sync in ONE protocol exchange
 * instead of five. Parameters are serialised by the types PostgreSQL inferred, as `query` does; results go
 * through PGlite's own parsers (the TYPE_PARSERS of database.ts). Per PGlite instance, by text.
 */
const preparedByInstance = new WeakMap<PGlite, Map<string, { name: string; types: number[] }>>();
async function preparedQuery<R>(pglite: PGlite, text: string, params: readonly unknown[]) {
  let statements = preparedByInstance.get(pglite);
  if (!statements) preparedByInstance.set(pglite, (statements = new Map()));
  return pglite.runExclusive(async () => {
    let st = statements.get(text);
    if (!st) {
      const name = `abdi_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      const r = await pglite.execProtocol(
        concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
        { syncToFs: false },
      );
      st = { name, types: parse.parseDescribeStatementResults(r.messages) };
      statements.set(text, st);
    }
    const types = st.types;
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const ser = pglite.serializers[types[i]!];
      return ser ? ser(v) : String(v as string);
    });
    const r = await pglite.execProtocol(
      concat([
        serialize.bind({ statement: st.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    return parse.parseResults(r.messages, pglite.parsers, { rowMode: 'object' })[0]! as unknown as {
      rows: R[];
      affectedRows?: number;
    };
  });
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;
  release: (() => void) | null = null;
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = compiled.sql.includes(PREPARED)
      ? await preparedQuery<R>(this.#pglite, compiled.sql, compiled.parameters)
      : await this.#pglite.query<R>(compiled.sql, compiled.parameters as unknown[], {
          rowMode: 'object',
        });
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && compiled.query.kind !== 'SelectQueryNode'
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming');
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #mutex = new Mutex();
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  async init() {
    await this.#pglite.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const conn = new PGliteConnection(this.#pglite);
    conn.release = release;
    return conn;
  }
  async beginTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }
  async rollbackToSavepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }
  async releaseSavepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }
  async releaseConnection(conn: DatabaseConnection) {
    const c = conn as PGliteConnection;
    const release = c.release;
    c.release = null;
    release?.();
  }
  async destroy() {
    // The owner of the PGlite instance closes it (see createDatabase).
  }
}

export type { Transaction };
