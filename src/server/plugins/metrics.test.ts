import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/helpers/test-app.ts';
import { createTestDb } from '../../../test/helpers/test-db.ts';
import { changedTables, dbFingerprint } from '../../../test/helpers/db-fingerprint.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { fixedClock } from '../clock.ts';
import { bearerMatches } from './metrics.ts';

/*
 * GET /metrics through real HTTP handling (app.inject) on the demo province (docs/operations.md "Metrics, logs and
 * health"): off without METRICS_TOKEN, refused without the token (nothing stored changes), and with it the
 * Prometheus text format: requests by route template, latency buckets, the queues, the pool and check-ins.
 */
const TOKEN = 'metrics-token-for-tests-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The value of one sample line (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t?.close());

  it('answers 404 NOT_FOUND saying metrics are off, with or without a token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }]) {
      const res = await t.app.inject({ url: '/metrics', headers });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: {
          code: 'NOT_FOUND',
          message: 'Metrik tidak diaktifkan di server ini (METRICS_TOKEN belum diatur)',
        },
        requestId: expect.stringMatching(UUID),
      });
    }
  });

  it('is not in the API document (it is for Prometheus)', () => {
    const spec = (t.app as unknown as { swagger(): { paths: Record<string, unknown> } }).swagger();
    expect(Object.keys(spec.paths)).not.toContain('/metrics');
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  const scrape = () => t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: TOKEN, LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
  });
  afterAll(() => t?.close());

  it.each([
    ['no Authorization header', {}, 'Metrik memerlukan header Authorization: Bearer <METRICS_TOKEN>'],
    [
      'a wrong token',
      { authorization: `Bearer ${TOKEN}x` },
      'Token metrik salah: kirim Authorization: Bearer <METRICS_TOKEN> yang diatur di server',
    ],
    [
      'the token in another scheme',
      { authorization: `Basic ${TOKEN}` },
      'Token metrik salah: kirim Authorization: Bearer <METRICS_TOKEN> yang diatur di server',
    ],
    [
      'a prefix of the token',
      { authorization: `Bearer ${TOKEN.slice(0, 20)}` },
      'Token metrik salah: kirim Authorization: Bearer <METRICS_TOKEN> yang diatur di server',
    ],
  ])('%s: 401 UNAUTHENTICATED with the reason, and nothing stored changes', async (_, headers, message) => {
    const before = await dbFingerprint(t.db);
    const res = await t.app.inject({ url: '/metrics', headers });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(res.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message },
      requestId: expect.stringMatching(UUID),
    });
    expect(res.body).not.toContain('http_requests_total');
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('with the token: the text format, requests by route template (never the id), latency buckets', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    // Without a session: 401, still counted under the route's template.
    expect((await t.app.inject({ url: `/api/employees/${id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/no-such-page/12345' })).statusCode).toBe(404);
    const before = await dbFingerprint(t.db);
    const res = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).not.toContain(id);
    expect(text).not.toContain('no-such-page');
    expect(sample(text, 'http_requests_total{method="GET",route="/api/employees/:id",status="401"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(
      sample(
        text,
        'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/employees/:id",status="401"}',
      ),
    ).toBe(1);
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/employees\/:id",status="401"\} [01]$/m,
    );
    // Default Node process metrics.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    // Read at scrape time; reading writes nothing.
    expect(sample(text, 'abdi_job_queue_depth{state="queued"}')).toBe(0);
    expect(sample(text, 'abdi_job_queue_depth{state="running"}')).toBe(0);
    expect(sample(text, 'abdi_worker_tasks{state="running"}')).toBe(0);
    expect(sample(text, 'abdi_probe_up{probe="jobs"}')).toBe(1);
    expect(sample(text, 'abdi_probe_up{probe="status_queue"}')).toBe(1);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    // The scrape itself is counted at the next one.
    const again = (await scrape()).body;
    expect(sample(again, 'http_requests_total{method="GET",route="/metrics",status="200"}')).toBe(1);
  });

  it('the database pool on PostgreSQL only (PGlite has none)', async () => {
    const text = (await scrape()).body;
    if (t.handle.engine === 'postgres') {
      expect(sample(text, 'abdi_db_pool_max_connections')).toBe(5);
      expect(sample(text, 'abdi_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'abdi_db_pool_waiting_queries')).toBe(0);
      expect(sample(text, 'abdi_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    } else expect(text).not.toContain('abdi_db_pool_');
  });

  it('the status queue: computable days waiting and the age of the oldest, by the database clock', async () => {
    const employee = await t.db.selectFrom('employees').select('id').limit(1).executeTakeFirstOrThrow();
    await t.db.deleteFrom('statusQueue').execute();
    let text = (await scrape()).body;
    expect(sample(text, 'abdi_status_queue_days')).toBe(0);
    expect(sample(text, 'abdi_status_queue_lag_seconds')).toBe(0);
    await sql`insert into status_queue (employee_id, local_date, reason, queued_at)
      values (${employee.id}, '2026-01-14', 'test', now() - interval '1 hour'),
             (${employee.id}, '2026-01-13', 'test', now() - interval '5 minutes'),
             (${employee.id}, '2026-02-01', 'test', now() - interval '3 hours')`.execute(t.db);
    text = (await scrape()).body;
    // The day in February cannot be computed yet on 15 January: it is not waiting.
    expect(sample(text, 'abdi_status_queue_days')).toBe(2);
    const lag = sample(text, 'abdi_status_queue_lag_seconds')!;
    expect(lag).toBeGreaterThanOrEqual(3600);
    expect(lag).toBeLessThan(3 * 3600);
  });

  it('counts a check-in by its verdict once it is stored', async () => {
    const before = (await scrape()).body;
    for (const verdict of ['ACCEPTED', 'FLAGGED', 'REJECTED'])
      expect(sample(before, `abdi_checkins_total{verdict="${verdict}"}`)).toBe(0);
    const employee = t.demo.employees.find((e) => e.unitCode === 'DINKES-PKM-CURUG' && e.nip)!;
    const c = await login(t.app, employee.nip!);
    const res = await c.post('/api/attendance/punches', {
      idempotencyKey: 'metrics-checkin-1',
      kind: 'IN',
      location: { lat: -6.1489, lon: 106.1616, accuracyM: 10, mocked: false },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const verdict = res.json().punch.verdict as string;
    // The same key again is a replay: nothing new is stored, nothing counted.
    const replay = await c.post('/api/attendance/punches', {
      idempotencyKey: 'metrics-checkin-1',
      kind: 'IN',
      location: { lat: -6.1489, lon: 106.1616, accuracyM: 10, mocked: false },
    });
    expect(replay.json().replayed).toBe(true);
    const after = (await scrape()).body;
    expect(sample(after, `abdi_checkins_total{verdict="${verdict}"}`)).toBe(1);
    expect(
      ['ACCEPTED', 'FLAGGED', 'REJECTED'].reduce(
        (n, v) => n + sample(after, `abdi_checkins_total{verdict="${v}"}`)!,
        0,
      ),
    ).toBe(1);
  });

  it('a source that cannot be read goes absent (or NaN) and its probe reads 0; the scrape still answers', async () => {
    const { jobs, statuses } = t.services;
    const original = { jobs: jobs.queueDepth, statuses: statuses.queueLag };
    jobs.queueDepth = async () => {
      throw new Error('jobs table unreadable');
    };
    statuses.queueLag = async () => {
      throw new Error('status queue unreadable');
    };
    try {
      const res = await scrape();
      expect(res.statusCode).toBe(200);
      const text = res.body;
      expect(sample(text, 'abdi_probe_up{probe="jobs"}')).toBe(0);
      expect(text).not.toMatch(/^abdi_job_queue_depth\{/m);
      expect(sample(text, 'abdi_probe_up{probe="status_queue"}')).toBe(0);
      expect(sample(text, 'abdi_status_queue_days')).toBeNaN();
      expect(sample(text, 'abdi_status_queue_lag_seconds')).toBeNaN();
    } finally {
      jobs.queueDepth = original.jobs;
      statuses.queueLag = original.statuses;
    }
    const text = (await scrape()).body;
    expect(sample(text, 'abdi_probe_up{probe="jobs"}')).toBe(1);
    expect(sample(text, 'abdi_job_queue_depth{state="queued"}')).toBe(0);
    expect(sample(text, 'abdi_status_queue_lag_seconds')).not.toBeNaN();
  });
});

describe('METRICS_TOKEN in the configuration', () => {
  it('is refused when short or not a bearer token', () => {
    for (const bad of ['short', 'has space in the middle!!', 'ümlaut-token-0123456789'])
      expect(() => loadConfig({ METRICS_TOKEN: bad })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(loadConfig({}).metricsToken).toBeNull();
  });

  it('is compared whole, in the Bearer scheme only', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN} extra`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer`, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
  });
});

describe('JSON logs with request ids', () => {
  const lines: Record<string, unknown>[] = [];
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let close: () => Promise<void>;
  beforeAll(async () => {
    const handle = await createTestDb();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-logs-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATA_DIR: dir,
      WEB_DIST_DIR: './.no-web',
    });
    ({ app } = await buildApp({
      config,
      db: handle.db,
      clock: fixedClock('2026-01-15T02:00:00Z'),
      logStream: { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    }));
    await app.ready();
    close = async () => {
      await app.close();
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    };
  });
  afterAll(() => close?.());

  const linesOf = (id: string) => lines.filter((l) => l.requestId === id);

  it('every line of a request carries its id, which comes back in x-request-id and in an error body', async () => {
    const res = await app.inject({ url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(res.json().requestId).toBe(id);
    const mine = linesOf(id);
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    for (const l of mine) expect(l).toMatchObject({ level: 30, requestId: id, time: expect.any(Number) });
    // No line of the request without its id.
    expect(lines.filter((l) => 'req' in l || 'res' in l).every((l) => typeof l.requestId === 'string')).toBe(
      true,
    );
  });

  it('takes a safe x-request-id from the caller (a proxy) and logs under it', async () => {
    const res = await app.inject({ url: '/api/health/live', headers: { 'x-request-id': 'lb-7f3a.c2_9' } });
    expect(res.headers['x-request-id']).toBe('lb-7f3a.c2_9');
    expect(linesOf('lb-7f3a.c2_9')).toHaveLength(2);
  });

  it.each([
    ['too long', 'a'.repeat(65)],
    ['with spaces', 'one two'],
    ['a log-injection attempt', 'x"}\\n{"level":60'],
    ['empty', ''],
    ['starting with a dash', '-abc'],
  ])('replaces an unsafe x-request-id (%s) with a new UUID', async (_, given) => {
    const res = await app.inject({ url: '/api/auth/me', headers: { 'x-request-id': given } });
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(res.json().requestId).toBe(id);
    expect(lines.some((l) => l.requestId === given)).toBe(false);
  });
});
