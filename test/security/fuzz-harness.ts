import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, login, type Client, type TestApp } from '../helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../helpers/db-fingerprint.ts';
import {
  apiRoutes,
  encodePathSegment,
  fillPath,
  type ApiRoute,
  type JsonSchema,
} from '../helpers/api-routes.ts';
import { seedActivity } from '../helpers/activity.ts';

/*
 * Hostile input for every route of the API document (so a new route is fuzzed the day it is added): for each
 * operation, requests built from its own schema with one place — a path parameter, a query parameter, a body
 * field or the whole body — replaced by a hostile value (NUL, lone surrogates, impossible and extreme dates,
 * huge numbers, wrong types, deep nesting, 10,000-character strings, SQL and path tricks, broken multipart). Each
 * answer must be below 500, an error must have the shape `{ error: { code, message }, requestId }`, and a refused
 * request must leave the database exactly as it was. fast-check picks new values on every run (the seed is
 * printed on a failure); FUZZ_RUNS scales the runs per route (default 14).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 14);

/**
 * Routes that write on purpose while answering an error: a failed login or a wrong current password is counted
 * and audited (that is the lockout). Their refusals are exempt from the "wrote nothing" check, nothing else.
 */
const WRITES_ON_REFUSAL = new Set(['POST /api/auth/login', 'POST /api/auth/change-password']);
/** Routes fuzzed without a session (the fuzzer's own sessions must survive the run). */
const ANONYMOUS = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/change-password',
]);

const UUID0 = '00000000-0000-4000-8000-000000000000';
const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\u0007\u001b[31m',
  '\u202eevil',
  'A'.repeat(10_001),
  '😀'.repeat(400),
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '1900-01-01',
  '2100-12-31',
  '1899-12-31',
  '2026-02',
  '2026-00',
  '24:00',
  '-1',
  '1e308',
  'NaN',
  'Infinity',
  'null',
  'true',
  "' or 1=1 --",
  '"; drop table users; --',
  '../../../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  UUID0,
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'İstanbul ß ﬀ Å',
  '١٢٣٤',
  'a\r\nb',
];
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3000 }) },
);
const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      -0,
      2 ** 31,
      2 ** 53,
      -(2 ** 53),
      1e308,
      -1e308,
      Number.MIN_VALUE,
      [],
      {},
      [null],
      { __proto__: { admin: true } },
      JSON.parse('{"__proto__":{"polluted":true}}'),
      deep(200),
      Array.from({ length: 20_000 }, (_, i) => i),
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Raw bodies that are not JSON at all, or multipart gone wrong. */
const rawBodies: { contentType: string; payload: string | Buffer }[] = [
  { contentType: 'application/json', payload: '{' },
  { contentType: 'application/json', payload: '{"a":' + '['.repeat(5000) },
  { contentType: 'application/json', payload: '"just a string"' },
  { contentType: 'application/json', payload: '\u0000' },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/xml', payload: '<a/>' },
  { contentType: 'multipart/form-data', payload: 'no boundary' },
  { contentType: 'multipart/form-data; boundary=X', payload: '--X\r\nbroken' },
  {
    contentType: 'multipart/form-data; boundary=X',
    payload:
      '--X\r\nContent-Disposition: form-data; name="file"; filename="../../a.csv"\r\n\r\n\u0000\u0001\r\n--X--\r\n',
  },
  {
    contentType: 'multipart/form-data; boundary=X',
    payload: '--X\r\nContent-Disposition: form-data; name="punch"\r\n\r\n{"kind":"IN"\r\n--X--\r\n',
  },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=%00' },
];

type Pools = Record<string, string[]>;

/** Which table an `{id}`-like path parameter or an `…Id` field refers to, by route prefix or field name. */
function poolFor(path: string, name: string): string {
  if (name !== 'id') {
    const field: Record<string, string> = {
      unitId: 'units',
      parentId: 'units',
      officeId: 'offices',
      employeeId: 'employees',
      superiorId: 'employees',
      positionId: 'positions',
      apelSessionId: 'apelSessions',
      grantId: 'roleGrants',
      deviceId: 'devices',
    };
    return field[name] ?? 'none';
  }
  const byPrefix: [string, string][] = [
    ['/api/units', 'units'],
    ['/api/employees', 'employees'],
    ['/api/imports', 'importJobs'],
    ['/api/rulebooks', 'rulebookVersions'],
    ['/api/accounts', 'users'],
    ['/api/attendance/punches', 'punches'],
    ['/api/attendance/devices', 'devices'],
    ['/api/attendance/work-locations', 'workLocations'],
    ['/api/attendance/kiosks', 'kioskSessions'],
    ['/api/attendance/terminal-users', 'terminalUsers'],
    ['/api/permits', 'permits'],
    ['/api/corrections', 'corrections'],
    ['/api/leave/requests', 'leaveRequests'],
    ['/api/jobs', 'jobs'],
  ];
  return byPrefix.find(([p]) => path.startsWith(p))?.[1] ?? 'none';
}

/** A plausible value for a schema (so that the one hostile place reaches past validation of the others). */
function plausible(schema: JsonSchema, name: string, path: string, pools: Pools, rnd: () => number): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[Math.floor(rnd() * schema.enum.length)];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) {
    const nonNull = alt.filter((s) => s.type !== 'null');
    return plausible(nonNull[0] ?? alt[0]!, name, path, pools, rnd);
  }
  if (schema.allOf?.length) return plausible(schema.allOf[0]!, name, path, pools, rnd);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') {
        const pool = pools[poolFor(path, name)] ?? [];
        return pool.length && rnd() < 0.85 ? pool[Math.floor(rnd() * pool.length)] : UUID0;
      }
      if (schema.format === 'email') return 'uji@example.go.id';
      const p = schema.pattern ?? '';
      if (p.includes('\\d{4}-\\d{2}-\\d{2}')) return /to$/i.test(name) ? '2026-01-23' : '2026-01-19';
      if (p.includes('\\d{4}-(0[1-9]|1[0-2])')) return '2026-01';
      if (p.includes('[01]\\d|2[0-3]')) return '07:30';
      if (p.includes('[0-9a-f]{64}')) return 'a'.repeat(64);
      if (p.includes('{43}')) return 'A'.repeat(43);
      if (/date/i.test(name) || /^(from|to|validFrom|validTo|dateFrom|dateTo)$/.test(name))
        return /to$/i.test(name) ? '2026-01-23' : '2026-01-19';
      if (/^include/.test(name)) return rnd() < 0.5 ? 'true' : 'false';
      if (name === 'month') return '2026-01';
      const min = schema.minLength ?? 0;
      return 'Uji fuzz abdi'.padEnd(min, 'x').slice(0, Math.max(min, Math.min(schema.maxLength ?? 13, 13)));
    }
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const hi = schema.maximum ?? lo + 100;
      const v = lo + Math.floor(rnd() * Math.min(hi - lo + 1, 100));
      return type === 'integer' ? Math.trunc(v) : v;
    }
    case 'boolean':
      return rnd() < 0.5;
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, rnd() < 0.5 ? 1 : 0);
      return Array.from({ length: n }, () => plausible(schema.items ?? {}, name, path, pools, rnd));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {}))
        if (schema.required?.includes(k) || rnd() < 0.7) out[k] = plausible(s, k, path, pools, rnd);
      return out;
    }
    default:
      return null;
  }
}

/** One generated request: which place is hostile, and the hostile value or raw body. */
interface Case {
  client: number;
  place: number;
  value: unknown;
  raw: number;
  seed: number;
}

/**
 * The fuzz suite over one shard of the routes (`fuzz-N.test.ts`, N = 1…shards): the routes of the document in
 * their order, every `shards`-th from `shard - 1`, so each file stays within the per-file time limit and the shards
 * run side by side; together they cover every route (the first shard also checks the document lists them all).
 */
export function fuzzSuite(shard: number, shards: number) {
  describe(`fuzz (${shard}/${shards}): every route of the API document with hostile input`, () => {
    let t: TestApp;
    let clients: Client[];
    let pools: Pools;
    let all: ApiRoute[];
    let routes: ApiRoute[];
    /** The database as of the last time something was written (xid horizon → fingerprint). */
    let known: { xid: string; fp: Record<string, string> } | null = null;

    const horizon = async () =>
      (await sql<{ x: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as x`.execute(t.db))
        .rows[0]!.x;

    /** Background export jobs started by earlier requests write their progress: let them finish first. */
    async function jobsSettled() {
      for (let i = 0; i < 600 && t.services.jobs.running() > 0; i++)
        await new Promise((r) => setTimeout(r, 20));
    }

    beforeAll(async () => {
      t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
      await t.services.rulebooks.syncRepoRulebooks();
      // Requests waiting for decisions, phones, a flagged punch: the fuzzer's ids reach real records.
      await seedActivity(t);
      const d = t.demo;
      const admin = d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!;
      const bkd = d.roleGrants.find((g) => g.role === 'BKD')!;
      const leaf = d.employees.find(
        (e) =>
          e.unitCode === 'DINKES-PKM-CURUG' && e.nip && !d.employees.some((x) => x.superiorNip === e.nip),
      )!;
      clients = [
        await login(t.app, 'admin'),
        await login(t.app, admin.nip ?? admin.username!),
        await login(t.app, bkd.nip ?? bkd.username!),
        await login(t.app, leaf.nip!),
      ];
      const own = new Set(clients.flatMap((c) => [c.me.user.id, c.me.user.employeeId]).filter(Boolean));
      const ids = async (table: string, limit = 40) =>
        (
          await sql<{
            id: string;
          }>`select id::text as id from ${sql.table(table)} order by id limit ${limit}`.execute(t.db)
        ).rows
          .map((r) => r.id)
          .filter((id) => !own.has(id));
      pools = {};
      for (const [key, table] of Object.entries({
        units: 'units',
        offices: 'offices',
        employees: 'employees',
        positions: 'positions',
        importJobs: 'import_jobs',
        rulebookVersions: 'rulebook_versions',
        users: 'users',
        punches: 'punches',
        devices: 'devices',
        workLocations: 'work_locations',
        kioskSessions: 'kiosk_sessions',
        terminalUsers: 'terminal_users',
        permits: 'permits',
        corrections: 'corrections',
        leaveRequests: 'leave_requests',
        apelSessions: 'apel_sessions',
        roleGrants: 'role_grants',
        jobs: 'jobs',
      }))
        pools[key] = await ids(table).catch(() => []);
      all = apiRoutes(t.app);
      routes = all.filter((_, i) => i % shards === shard - 1);
    }, 120_000);
    afterAll(() => t?.close());

    it('finds every module in the document, and its shard of the routes', () => {
      expect(all.length).toBeGreaterThan(100);
      expect(routes.length).toBeGreaterThanOrEqual(Math.floor(all.length / shards));
    });

    /** Build the request of a case for a route. */
    function build(route: ApiRoute, c: Case) {
      let s = c.seed;
      const rnd = () => {
        s = (s * 1103515245 + 12345) % 2 ** 31;
        return s / 2 ** 31;
      };
      const params: Record<string, unknown> = {};
      const query: Record<string, unknown> = {};
      for (const p of route.params) {
        const v = plausible(p.schema, p.name, route.path, pools, rnd);
        if (p.in === 'path') params[p.name] = v;
        else if (p.required || rnd() < 0.6) query[p.name] = v;
      }
      let body: unknown = route.body ? plausible(route.body, '', route.path, pools, rnd) : undefined;
      // The hostile place: a path parameter, a query parameter, a body field, the whole body, or a raw body.
      const places: (() => void)[] = [
        ...route.params.map((p) => () => {
          (p.in === 'path' ? params : query)[p.name] = c.value;
        }),
        ...Object.keys(route.body?.properties ?? {}).map((k) => () => {
          body = { ...(body as object), [k]: c.value };
        }),
        () => {
          body = c.value;
        },
        () => {
          query[typeof c.value === 'string' ? c.value.slice(0, 50) || 'x' : 'extra'] = 'x';
        },
      ];
      // One case in five keeps the plausible request as it is: valid-looking values reach the services too.
      if (c.place % 5 !== 0) places[Math.floor(c.place / 5) % places.length]!();
      const str = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
      const url =
        fillPath(route.path, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, str(v)]))) +
        (Object.keys(query).length
          ? '?' +
            Object.entries(query)
              .map(([k, v]) => `${encodePathSegment(k)}=${encodePathSegment(str(v))}`)
              .join('&')
          : '');
      const raw = c.raw % (rawBodies.length * 4);
      if (route.method !== 'GET' && raw < rawBodies.length)
        return { url, payload: rawBodies[raw]!.payload, contentType: rawBodies[raw]!.contentType };
      return {
        url,
        payload: route.method === 'GET' || body === undefined ? undefined : JSON.stringify(body),
        contentType: 'application/json',
      };
    }

    async function send(route: ApiRoute, c: Case): Promise<{ res: LightMyRequestResponse; req: unknown }> {
      const req = build(route, c);
      const anonymous = ANONYMOUS.has(route.key);
      const client = clients[c.client % clients.length]!;
      const headers: Record<string, string> = anonymous
        ? {}
        : { cookie: client.cookie, 'x-csrf-token': client.csrf };
      if (req.payload !== undefined) headers['content-type'] = req.contentType;
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: req.url,
        headers,
        ...(req.payload !== undefined ? { payload: req.payload } : {}),
      });
      return { res, req };
    }

    const caseArb = fc.record({
      client: fc.nat(),
      place: fc.nat(),
      value: hostileValue,
      raw: fc.nat(),
      seed: fc.nat(),
    });

    it('answers every hostile request below 500, in the error shape, and a refusal writes nothing', async () => {
      const failures: string[] = [];
      const stats: Record<string, Record<number, number>> = {};
      for (const route of routes) {
        await fc
          .assert(
            fc.asyncProperty(caseArb, async (c) => {
              await jobsSettled();
              const x0 = await horizon();
              if (!known || known.xid !== x0) known = { xid: x0, fp: await dbFingerprint(t.db) };
              const { res, req } = await send(route, c);
              if (process.env.FUZZ_STATS === 'base' && c.place % 5 === 0 && res.statusCode === 400)
                console.log(`${route.key} ${JSON.stringify(req).slice(0, 400)} → ${res.body.slice(0, 300)}`);
              const tally = (stats[route.key] ??= {});
              tally[res.statusCode] = (tally[res.statusCode] ?? 0) + 1;
              const where = `${route.key} ${JSON.stringify(req).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
              if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
              if (res.statusCode >= 400) {
                const body = (() => {
                  try {
                    return res.json();
                  } catch {
                    return null;
                  }
                })();
                if (
                  !body ||
                  typeof body.error?.code !== 'string' ||
                  typeof body.error?.message !== 'string' ||
                  typeof body.requestId !== 'string'
                )
                  throw new Error(`error shape: ${where}`);
                if (!WRITES_ON_REFUSAL.has(route.key) && (await horizon()) !== x0) {
                  const changed = changedTables(known.fp, await dbFingerprint(t.db));
                  if (changed.length) throw new Error(`refused but wrote ${changed.join(', ')}: ${where}`);
                }
              }
            }),
            { numRuns: RUNS, endOnFailure: true },
          )
          .catch((err: Error) => {
            const seed = /seed: (-?\d+)/.exec(err.message)?.[1];
            const cause = (err.cause as Error | undefined)?.message ?? err.message.slice(0, 500);
            failures.push(`${cause} (fast-check seed ${seed})`);
          });
      }
      if (process.env.FUZZ_STATS)
        console.log(
          Object.entries(stats)
            .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
            .join('\n'),
        );
      if (failures.length) console.error(failures.join('\n\n'));
      expect(failures).toEqual([]);
    }, 600_000);
  });
}
