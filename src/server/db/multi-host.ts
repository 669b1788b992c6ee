import pg from 'pg';

/**
 * A DATABASE_URL naming several PostgreSQL servers, in libpq's syntax:
 *
 *   postgres://user:password@db1:5432,db2:5432/abdi?target_session_attrs=read-write&connect_timeout=5
 *
 * node-postgres takes one host only, so the pool gets a client class ({@link multiHostClient}) that, for every new
 * connection, tries the hosts in the order written and keeps the first whose session may write (a primary, not a
 * standby in recovery nor a server whose sessions are read-only): after a failover the standby that was promoted
 * is found by the next connection, with no restart and no change of configuration. Broken connections (the old
 * primary died) are dropped by the pool (pg-pool removes a client that errored or is no longer queryable).
 */
export interface MultiHostTarget {
  /** The URL with its first host and without the parameters handled here: what node-postgres parses. */
  url: string;
  hosts: { host: string; port: number }[];
  /** `read-write` (also libpq's `primary`): only a writable session; `any`: the first server that answers. */
  targetSessionAttrs: 'read-write' | 'any';
  /** How long one host may take to accept a connection before the next is tried (libpq's connect_timeout). */
  connectTimeoutMs: number;
}

/** Default per-host connect timeout: libpq waits forever; a server that must fail over cannot. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

const URL_PARTS = /^(postgres(?:ql)?:\/\/)([^/?#]*@)?([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;

function parseHost(text: string, url: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(text);
  const host = m?.[1]?.replace(/^\[(.*)\]$/, '$1');
  if (!m || !host) throw new Error(`DATABASE_URL: alamat host "${text}" tidak sah (${redact(url)})`);
  return { host: decodeURIComponent(host), port: m[2] ? Number(m[2]) : 5432 };
}

/** The URL without its password, for error messages. */
function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/?#@]*):[^@/?#]*@/, '$1:***@');
}

/**
 * Parse a DATABASE_URL with several hosts (`h1:p1,h2:p2`). A URL with one host gives null: it is opened exactly as
 * before, by node-postgres itself. Throws a clear (Indonesian) reason for a target_session_attrs this code cannot
 * honour or a connect_timeout that is not a number.
 */
export function parseMultiHostUrl(url: string): MultiHostTarget | null {
  const m = URL_PARTS.exec(url);
  if (!m || !m[3]!.includes(',')) return null;
  const [, scheme, userinfo = '', hostList, path = '', query = '', fragment = ''] = m;
  const hosts = hostList!.split(',').map((h) => parseHost(h, url));
  const params = new URLSearchParams(query.slice(1));
  const attrs = params.get('target_session_attrs') ?? 'read-write';
  if (!['read-write', 'primary', 'any'].includes(attrs))
    throw new Error(
      `DATABASE_URL: target_session_attrs=${attrs} tidak didukung; gunakan read-write (bawaan), primary atau any`,
    );
  const timeout = params.get('connect_timeout');
  const seconds = timeout === null ? DEFAULT_CONNECT_TIMEOUT_MS / 1000 : Number(timeout);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`DATABASE_URL: connect_timeout=${timeout} harus berupa jumlah detik lebih dari 0`);
  params.delete('target_session_attrs');
  params.delete('connect_timeout');
  const first = hostList!.split(',')[0]!;
  const rest = params.toString();
  return {
    url: `${scheme}${userinfo}${first}${path}${rest ? `?${rest}` : ''}${fragment}`,
    hosts,
    targetSessionAttrs: attrs === 'any' ? 'any' : 'read-write',
    connectTimeoutMs: Math.round(seconds * 1000),
  };
}

/**
 * A connection that found no host to keep. Its code is SQLSTATE 08001 (the client could not establish a
 * connection), so the error handler answers 503 DATABASE_UNAVAILABLE as for one unreachable server.
 */
export class NoTargetHostError extends Error {
  readonly code = '08001';
}

/** Whether the session on `client` may write: libpq's read-write test (a hot standby answers `on` too). */
export async function isWritable(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ transaction_read_only: string }>('show transaction_read_only');
  return rows[0]?.transaction_read_only === 'off';
}

/**
 * The pg.Client class for a pool on a {@link MultiHostTarget}. A pg client can connect only once, so for each host
 * in turn a short-lived probe connects (within the connect timeout) and is asked whether it may write; the client
 * itself then connects to the first host that passed, and asks again on its own session (the server may have
 * changed in between). When no host qualifies the connection fails with every host's reason, and the request
 * that wanted it fails as it would with one unreachable host; the next connection tries again from the top.
 */
export function multiHostClient(target: MultiHostTarget): typeof pg.Client {
  const config = (c: pg.ClientConfig | string | undefined): pg.ClientConfig => ({
    ...(typeof c === 'string' ? { connectionString: c } : c),
    connectionTimeoutMillis: target.connectTimeoutMs,
  });
  return class MultiHostClient extends pg.Client {
    readonly #config: pg.ClientConfig;
    constructor(c?: pg.ClientConfig | string) {
      super(config(c));
      this.#config = config(c);
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null, c?: pg.Client) => void): void;
    override connect(callback?: (err: Error | null, c?: pg.Client) => void): Promise<pg.Client> | void {
      const done = this.#connectToTarget();
      if (!callback) return done;
      done.then(
        (c) => callback(null, c),
        (err: Error) => callback(err),
      );
    }

    async #connectToTarget(): Promise<pg.Client> {
      const reasons: string[] = [];
      for (const { host, port } of target.hosts) {
        const probe = new pg.Client(this.#config);
        probe.host = host;
        probe.port = port;
        probe.on('error', () => undefined); // a probe that dies is simply not chosen
        try {
          await probe.connect();
          if (target.targetSessionAttrs === 'read-write' && !(await isWritable(probe))) {
            reasons.push(`${host}:${port} hanya-baca`);
            continue;
          }
        } catch (err) {
          reasons.push(`${host}:${port} ${(err as Error).message}`);
          continue;
        } finally {
          await probe.end().catch(() => undefined);
        }
        this.host = host;
        this.port = port;
        await super.connect();
        if (target.targetSessionAttrs === 'read-write' && !(await isWritable(this))) {
          await this.end().catch(() => undefined);
          throw new NoTargetHostError(`${host}:${port} menjadi hanya-baca saat tersambung`);
        }
        return this;
      }
      throw new NoTargetHostError(
        `Tidak ada server basis data yang dapat ditulisi di antara ${target.hosts.length} host: ${reasons.join('; ')}`,
      );
    }
  };
}
