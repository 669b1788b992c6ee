import net from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from './database.ts';
import { isDatabaseUnavailable } from '../plugins/error-handler.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, parseMultiHostUrl } from './multi-host.ts';

describe('parseMultiHostUrl', () => {
  it('leaves a URL with one host to node-postgres (null), whatever its parameters', () => {
    expect(parseMultiHostUrl('postgres://postgres@127.0.0.1:5432/abdi')).toBeNull();
    expect(parseMultiHostUrl('postgresql://u:p@db/abdi?target_session_attrs=any&sslmode=disable')).toBeNull();
    expect(parseMultiHostUrl('postgres://db')).toBeNull();
  });

  it('reads the hosts in order, with the default port, IPv6 literals and the password kept for pg', () => {
    const t = parseMultiHostUrl(
      'postgres://abdi:s%40cret@db1.local:5433,db2.local,[::1]:6432/abdi?application_name=x&connect_timeout=2',
    )!;
    expect(t.hosts).toEqual([
      { host: 'db1.local', port: 5433 },
      { host: 'db2.local', port: 5432 },
      { host: '::1', port: 6432 },
    ]);
    expect(t.url).toBe('postgres://abdi:s%40cret@db1.local:5433/abdi?application_name=x');
    expect(t.targetSessionAttrs).toBe('read-write');
    expect(t.connectTimeoutMs).toBe(2000);
  });

  it('takes read-write by default, primary as read-write, any as any, and refuses the rest', () => {
    const attrs = (q: string) => parseMultiHostUrl(`postgres://a:1,b:2/db${q}`)!.targetSessionAttrs;
    expect(attrs('')).toBe('read-write');
    expect(attrs('?target_session_attrs=primary')).toBe('read-write');
    expect(attrs('?target_session_attrs=any')).toBe('any');
    expect(() => attrs('?target_session_attrs=standby')).toThrow(
      /target_session_attrs=standby tidak didukung/,
    );
    expect(parseMultiHostUrl('postgres://a:1,b:2/db')!.connectTimeoutMs).toBe(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(() => parseMultiHostUrl('postgres://a:1,b:2/db?connect_timeout=soon')).toThrow(
      /connect_timeout=soon/,
    );
    expect(() => parseMultiHostUrl('postgres://a:1,,b:2/db')).toThrow(/alamat host "" tidak sah/);
  });
});

// ---------------------------------------------------------------------------------------------------- PostgreSQL
/**
 * A TCP proxy in front of the test server that stands for one host of the list: `read-write` passes the
 * connection through; `read-only` adds `-c default_transaction_read_only=on` to the startup message's options, so
 * that server really answers `transaction_read_only = on` on every session it opens (what a standby answers);
 * `down()` closes the port and cuts every open connection, as a primary that dies.
 */
function hostProxy(target: { host: string; port: number }, mode: 'read-write' | 'read-only') {
  const sockets = new Set<net.Socket>();
  const state = { mode, accepted: 0 };
  const server = net.createServer((client) => {
    state.accepted++;
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    const readOnly = state.mode === 'read-only';
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head.length < 4 || head.length < head.readInt32BE(0)) return;
      client.off('data', onData);
      const len = head.readInt32BE(0);
      upstream.write(readOnly ? withReadOnly(head.subarray(0, len)) : head.subarray(0, len));
      upstream.write(head.subarray(len));
      client.pipe(upstream);
    };
    client.on('data', onData);
    upstream.pipe(client);
  });
  return {
    state,
    open: () => [...sockets].length,
    listen: () =>
      new Promise<number>((r) =>
        server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)),
      ),
    down: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The StartupMessage with `-c default_transaction_read_only=on` added to its `options`. */
function withReadOnly(startup: Buffer): Buffer {
  const pairs: [string, string][] = [];
  let at = 8;
  for (;;) {
    const k = startup.indexOf(0, at);
    if (k === at) break;
    const v = startup.indexOf(0, k + 1);
    pairs.push([startup.toString('utf8', at, k), startup.toString('utf8', k + 1, v)]);
    at = v + 1;
  }
  const opts = pairs.find(([k]) => k === 'options');
  if (opts) opts[1] += ' -c default_transaction_read_only=on';
  else pairs.push(['options', '-c default_transaction_read_only=on']);
  const body = Buffer.concat([...pairs.flatMap(([k, v]) => [Buffer.from(`${k}\0${v}\0`)]), Buffer.from([0])]);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(startup.readInt32BE(4), 4);
  return Buffer.concat([head, body]);
}

/** A port nothing listens on: bound, then closed. */
async function refusedPort(): Promise<number> {
  const s = net.createServer();
  const port = await new Promise<number>((r) =>
    s.listen(0, '127.0.0.1', () => r((s.address() as net.AddressInfo).port)),
  );
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const serverUrl = inject('pgServerUrl');

describe.skipIf(!serverUrl)('a DATABASE_URL with several hosts (PostgreSQL)', () => {
  const target = () => {
    const u = new URL(serverUrl);
    return {
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      db: u.pathname,
    };
  };
  const urlOf = (ports: number[], query = '') => {
    const t = target();
    return `postgres://${t.user}@${ports.map((p) => `127.0.0.1:${p}`).join(',')}${t.db}${query}`;
  };
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const open = async (url: string, poolSize = 3): Promise<DatabaseHandle> => {
    const h = await createDatabase({ databaseUrl: url, poolSize });
    cleanups.push(() => h.close());
    return h;
  };
  const proxy = async (mode: 'read-write' | 'read-only') => {
    const p = hostProxy(target(), mode);
    const port = await p.listen();
    cleanups.push(() => p.down());
    return { ...p, port };
  };
  const readOnly = async (h: DatabaseHandle) =>
    (await sql<{ ro: string }>`select current_setting('transaction_read_only') as ro`.execute(h.db)).rows[0]!
      .ro;

  it('skips a host that refuses the connection and writes on the next one', async () => {
    const h = await open(urlOf([await refusedPort(), target().port]));
    await sql`create temp table t_multi (x int)`.execute(h.db);
    await sql`insert into t_multi values (1)`.execute(h.db);
    expect(await readOnly(h)).toBe('off');
  });

  it('skips a host whose sessions are read-only (as a standby) and keeps the first writable one', async () => {
    const ro = await proxy('read-only');
    const rw = await proxy('read-write');
    const h = await open(urlOf([ro.port, rw.port]));
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(h.db))); // three connections
    expect(await readOnly(h)).toBe('off');
    expect(ro.state.accepted).toBeGreaterThanOrEqual(3); // asked first, once per new connection
    expect(ro.open()).toBe(0); // and never kept
    expect(rw.open()).toBeGreaterThanOrEqual(2 * 3); // the three connections (client and upstream sockets each)
  });

  it('with target_session_attrs=any keeps the first host that answers, read-only or not', async () => {
    const ro = await proxy('read-only');
    const h = await open(urlOf([await refusedPort(), ro.port, target().port], '?target_session_attrs=any'));
    expect(await readOnly(h)).toBe('on');
  });

  it('fails with every host named when none may write', async () => {
    const ro = await proxy('read-only');
    const refused = await refusedPort();
    await expect(createDatabase({ databaseUrl: urlOf([refused, ro.port]) })).rejects.toThrow(
      new RegExp(
        `Tidak ada server basis data yang dapat ditulisi di antara 2 host: 127.0.0.1:${refused} .*; 127.0.0.1:${ro.port} hanya-baca`,
      ),
    );
  });

  it('moves past a host that accepts TCP but never answers, within connect_timeout', async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((s) => {
      held.add(s.on('error', () => undefined));
    });
    const port = await new Promise<number>((r) =>
      silent.listen(0, '127.0.0.1', () => r((silent.address() as net.AddressInfo).port)),
    );
    cleanups.push(() => {
      for (const s of held) s.destroy();
      return new Promise((r) => silent.close(r));
    });
    const h = await open(urlOf([port, target().port], '?connect_timeout=0.3'), 1);
    expect(await readOnly(h)).toBe('off');
  });

  it('after the primary dies and the standby is promoted, carries on with the same pool and no restart', async () => {
    const primary = await proxy('read-write');
    const standby = await proxy('read-only');
    const h = await open(urlOf([primary.port, standby.port], '?connect_timeout=1'));
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(h.db)));
    expect(primary.open()).toBeGreaterThan(0);

    // A query under way when the primary dies fails to its caller; the dead connection never ends the process
    // (vitest fails a file on an uncaught error).
    const underWay = sql`select pg_sleep(5)`.execute(h.db);
    await new Promise((r) => setTimeout(r, 100));
    await primary.down(); // the primary dies: its port refuses, its connections are cut
    await expect(underWay).rejects.toThrow(/terminated/);
    // Before promotion no host may write: queries fail rather than land on the standby.
    let before = 0;
    for (let i = 0; i < 3; i++)
      await sql`select 1`.execute(h.db).then(
        () => undefined,
        () => before++,
      );
    expect(before).toBe(3);
    // …and fail as an unreachable database does (503 DATABASE_UNAVAILABLE, what the phone's queue retries).
    const refused = await sql`select 1`.execute(h.db).catch((e: unknown) => e);
    expect(String(refused)).toMatch(/Tidak ada server basis data yang dapat ditulisi/);
    expect(isDatabaseUnavailable(refused)).toBe(true);

    standby.state.mode = 'read-write'; // promoted: its new sessions may write
    let failures = 0;
    for (;;) {
      try {
        await sql`select 1`.execute(h.db);
        break;
      } catch {
        if (++failures > 20) throw new Error('the pool never reached the promoted standby');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await sql`create temp table t_after (x int)`.execute(h.db);
    expect(await readOnly(h)).toBe('off');
    expect(standby.open()).toBeGreaterThan(0);
  });
});
