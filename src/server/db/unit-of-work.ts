import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * A request-level unit of work: every query a state-changing request makes runs in one database transaction,
 * which commits only when the request succeeds and rolls back otherwise. So a request refused after it has
 * written (a 403 from a check that came late, a 409, a crash) leaves the database exactly as it was: no row, no
 * audit entry. Services need not know: inside a unit of work the driver hands every query the request's own
 * connection, and a `db.transaction()` becomes a savepoint on it.
 *
 * The transaction begins lazily, at the first query, so a request that is refused before it reads anything
 * holds no connection. Work that must wait until the rows are committed (a job that reads them on another
 * connection, a cache to forget) is registered with `afterCommit`.
 */
export class UnitOfWork {
  readonly #states = new Map<UnitOfWorkDriver, ScopeState>();
  readonly #afterCommit: (() => unknown)[] = [];
  #finished = false;

  get finished(): boolean {
    return this.#finished;
  }

  /** Run `fn` (and everything it awaits) inside this unit of work. */
  run<T>(fn: () => T): T {
    return storage.run(this, fn);
  }

  /** @internal the driver's state of this unit of work, begun on first use. */
  stateFor(driver: UnitOfWorkDriver, begin: () => Promise<DatabaseConnection>): ScopeState {
    let state = this.#states.get(driver);
    if (!state) {
      state = new ScopeState(driver.inner, begin());
      this.#states.set(driver, state);
    }
    return state;
  }

  /** @internal */
  addAfterCommit(fn: () => unknown) {
    this.#afterCommit.push(fn);
  }

  /**
   * Commit (when `commit`) or roll back every connection the unit of work used, and release them. After a
   * commit the `afterCommit` callbacks run outside any unit of work; their errors are reported to `onError`
   * and do not undo the commit. @throws when a commit fails (the transaction is then rolled back).
   */
  async finish(commit: boolean, onError: (err: unknown) => void = () => undefined): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    let failure: unknown = null;
    for (const state of this.#states.values()) {
      try {
        await state.end(commit && failure === null);
      } catch (err) {
        failure ??= err;
      }
    }
    this.#states.clear();
    if (failure !== null) throw failure;
    if (!commit) return;
    for (const fn of this.#afterCommit.splice(0)) {
      try {
        await storage.exit(fn);
      } catch (err) {
        onError(err);
      }
    }
  }
}

const storage = new AsyncLocalStorage<UnitOfWork>();

/** The unit of work the caller runs in, if one is open. */
export function currentUnitOfWork(): UnitOfWork | null {
  const uow = storage.getStore();
  return uow && !uow.finished ? uow : null;
}

/**
 * Run `fn` once the caller's unit of work has committed, or at once (awaited) when there is none. Nothing runs
 * when it rolls back. Inside a unit of work the errors of `fn` are logged by the unit's owner and never undo the
 * commit; outside one they reach the caller.
 */
export async function afterCommit(fn: () => unknown): Promise<void> {
  const uow = currentUnitOfWork();
  if (uow) uow.addAfterCommit(fn);
  else await fn();
}

/** Run `fn` outside the caller's unit of work (its queries use connections of their own). */
export function outsideUnitOfWork<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** The SQLSTATE of a failed query, when it has one. */
const sqlState = (err: unknown) => (err as { code?: unknown } | null)?.code;

/** The connection of one driver inside one unit of work: the inner connection with its open transaction. */
class ScopeState {
  readonly #inner: Driver;
  readonly connection: Promise<DatabaseConnection>;
  /** Savepoints are taken one at a time: two `db.transaction()`s of one request run one after the other. */
  #tail: Promise<void> = Promise.resolve();
  #seq = 0;
  /** A query failed outside any savepoint: PostgreSQL then refuses everything up to the end of the transaction. */
  aborted: unknown = null;
  /** Statements go to the connection one at a time (a request's `Promise.all` of reads shares it). */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(inner: Driver, connection: Promise<DatabaseConnection>) {
    this.#inner = inner;
    this.connection = connection;
    // A failed begin is reported to the query that asked for it; nothing else may wait on it unhandled.
    connection.catch(() => undefined);
  }

  /** Wait for the savepoint slot; returns its name and the release of the slot. */
  async takeSavepoint(): Promise<{ name: string; release: () => void }> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.#tail;
    this.#tail = prev.then(() => next);
    await prev;
    return { name: `uow_${++this.#seq}`, release };
  }

  /** Run one statement on the unit's connection after the ones already sent. */
  exec<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const run = this.#queue.then(async () => (await this.connection).executeQuery<R>(compiled));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Hold the connection for a streamed query until its last row. */
  async *stream<R>(compiled: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const prev = this.#queue;
    this.#queue = prev.then(() => held);
    await prev;
    try {
      yield* (await this.connection).streamQuery<R>(compiled, chunkSize);
    } finally {
      release();
    }
  }

  async end(commit: boolean): Promise<void> {
    let conn: DatabaseConnection;
    try {
      conn = await this.connection;
      await this.#queue; // statements still in flight (nobody awaited them) go first
    } catch {
      return; // never began: nothing to end
    }
    try {
      if (commit && this.aborted === null) {
        await this.#inner.commitTransaction(conn);
      } else {
        await this.#inner.rollbackTransaction(conn);
        // PostgreSQL answers COMMIT in an aborted transaction with a silent rollback: report it instead.
        if (commit) throw this.aborted;
      }
    } catch (err) {
      if (commit && this.aborted === null) await this.#inner.rollbackTransaction(conn).catch(() => undefined);
      throw err;
    } finally {
      await this.#inner.releaseConnection(conn);
    }
  }
}

/** What Kysely holds while a query or a transaction runs inside a unit of work. */
class ScopedConnection implements DatabaseConnection {
  readonly state: ScopeState;
  savepoint: { name: string; release: () => void } | null = null;
  constructor(state: ScopeState) {
    this.state = state;
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.state.exec<R>(compiled);
    } catch (err) {
      // Inside a savepoint Kysely rolls back to it when the error leaves the transaction's callback.
      if (!this.savepoint && sqlState(err) !== undefined) this.state.aborted ??= err;
      throw err;
    }
  }
  streamQuery<R>(compiled: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.state.stream<R>(compiled, chunkSize);
  }
}

/**
 * Wraps a dialect's driver: outside a unit of work it is the driver itself; inside one, every acquisition
 * gets the unit's connection (begun once) and transactions become savepoints on it.
 */
export class UnitOfWorkDriver implements Driver {
  readonly inner: Driver;
  constructor(inner: Driver) {
    this.inner = inner;
  }
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const uow = currentUnitOfWork();
    if (!uow) return this.inner.acquireConnection();
    const state = uow.stateFor(this, async () => {
      const conn = await this.inner.acquireConnection();
      try {
        await this.inner.beginTransaction(conn, {});
      } catch (err) {
        await this.inner.releaseConnection(conn);
        throw err;
      }
      return conn;
    });
    return new ScopedConnection(state);
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    if (!(conn instanceof ScopedConnection)) return this.inner.beginTransaction(conn, settings);
    const slot = await conn.state.takeSavepoint();
    try {
      await conn.state.exec(CompiledQuery.raw(`savepoint ${slot.name}`));
    } catch (err) {
      slot.release();
      throw err;
    }
    conn.savepoint = slot;
  }
  async commitTransaction(conn: DatabaseConnection) {
    if (!(conn instanceof ScopedConnection)) return this.inner.commitTransaction(conn);
    await this.#endSavepoint(conn, `release savepoint`);
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    if (!(conn instanceof ScopedConnection)) return this.inner.rollbackTransaction(conn);
    await this.#endSavepoint(conn, `rollback to savepoint`);
  }
  async #endSavepoint(conn: ScopedConnection, verb: string) {
    const slot = conn.savepoint;
    if (!slot) return;
    conn.savepoint = null;
    try {
      await conn.state.exec(CompiledQuery.raw(`${verb} ${slot.name}`));
      if (verb.startsWith('rollback'))
        await conn.state.exec(CompiledQuery.raw(`release savepoint ${slot.name}`));
    } finally {
      slot.release();
    }
  }
  // Savepoints of a controlled transaction are plain statements on whatever connection Kysely holds.
  savepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.savepoint!(conn, name, compile);
  }
  rollbackToSavepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.rollbackToSavepoint!(conn, name, compile);
  }
  releaseSavepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.releaseSavepoint!(conn, name, compile);
  }
  async releaseConnection(conn: DatabaseConnection) {
    if (!(conn instanceof ScopedConnection)) return this.inner.releaseConnection(conn);
    // A transaction callback that never finished (should not happen): free its slot for the others.
    conn.savepoint?.release();
    conn.savepoint = null;
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** A dialect whose driver takes part in request units of work. */
export function withUnitOfWork(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new UnitOfWorkDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
