import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PunchVerdict } from '../../core/attendance/judge-punch.ts';
import { PUNCH_VERDICTS } from '../../shared/api/attendance.ts';
import type { PoolStats } from '../db/database.ts';
import { sendError } from './error-handler.ts';

/**
 * Prometheus metrics (issue 20 point 4; docs/operations.md "Metrics, logs and health"), through prom-client with a
 * registry of each app's own (tests build many apps in one process). Off unless METRICS_TOKEN is set: then no hook,
 * timer or Node metric collector is added and GET /metrics answers 404. On: every request is counted and timed by
 * its route template (never the raw URL, so ids do not multiply the series), check-ins by verdict, and the queues
 * and the database pool are read when Prometheus scrapes. A scrape reads, never writes.
 */

/** What a scrape reads besides the counters: each one cheap, each failure reported apart (`abdi_probe_up`). */
export interface MetricsProbes {
  /** Jobs queued and running in the database (all server processes). */
  jobs(): Promise<{ queued: number; running: number }>;
  /** This process's worker threads: tasks running and waiting for a thread. */
  workers(): { running: number; waiting: number };
  /** Computable days in the status queue and the age of the oldest, in seconds (null when empty). */
  statusQueue(): Promise<{ days: number; oldestSeconds: number | null }>;
  /** The PostgreSQL pool, or null on PGlite (no pool). */
  dbPool(): PoolStats | null;
}

/** Latency buckets in seconds: a check-in is tens of milliseconds, an export download seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The route label of a request no route matched (404s, scanners): one series, whatever the path. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The metrics of one app. */
export function createMetrics(opts: { pool: boolean }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labels = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: labels,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by method, route template and status',
    labelNames: labels,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const checkins = new Counter({
    name: 'abdi_checkins_total',
    help: 'Check-ins (punches) stored, by the verdict of the rules: ACCEPTED, FLAGGED (to review) or REJECTED',
    labelNames: ['verdict'],
    registers: [registry],
  });
  // Every verdict is a series from the start, so a rate over it never begins with a gap.
  for (const verdict of PUNCH_VERDICTS) checkins.inc({ verdict }, 0);
  const jobQueue = new Gauge({
    name: 'abdi_job_queue_depth',
    help: 'Background jobs (exports) in the database by state: queued or running',
    labelNames: ['state'],
    registers: [registry],
  });
  const workerTasks = new Gauge({
    name: 'abdi_worker_tasks',
    help: "This process's worker-thread tasks by state: running, or waiting for a free thread (JOB_WORKERS)",
    labelNames: ['state'],
    registers: [registry],
  });
  const statusDays = new Gauge({
    name: 'abdi_status_queue_days',
    help: 'Employee-days waiting in the daily-status queue that can be computed now (counted up to 100000)',
    registers: [registry],
  });
  const statusLag = new Gauge({
    name: 'abdi_status_queue_lag_seconds',
    help: 'Age of the oldest employee-day waiting in the daily-status queue (0 when it is empty)',
    registers: [registry],
  });
  const probeUp = new Gauge({
    name: 'abdi_probe_up',
    help: 'Whether the last scrape could read a source (jobs, status_queue): 1 yes, 0 no (its gauges are then absent or NaN)',
    labelNames: ['probe'],
    registers: [registry],
  });
  // PGlite has no pool (one in-process connection): these series exist on PostgreSQL only.
  const pool = opts.pool
    ? {
        total: new Gauge({
          name: 'abdi_db_pool_connections',
          help: 'PostgreSQL connections open in the pool (idle and in use)',
          registers: [registry],
        }),
        idle: new Gauge({
          name: 'abdi_db_pool_idle_connections',
          help: 'PostgreSQL connections open and idle',
          registers: [registry],
        }),
        waiting: new Gauge({
          name: 'abdi_db_pool_waiting_queries',
          help: 'Queries waiting for a free PostgreSQL connection (the pool is exhausted)',
          registers: [registry],
        }),
        max: new Gauge({
          name: 'abdi_db_pool_max_connections',
          help: 'DATABASE_POOL_SIZE',
          registers: [registry],
        }),
      }
    : null;

  /** Read one source; when it fails its gauges are cleared (never a stale value) and its probe reads 0. */
  async function probe(
    name: string,
    read: () => Promise<void>,
    clear: () => void,
    onError: (e: unknown) => void,
  ) {
    try {
      await read();
      probeUp.set({ probe: name }, 1);
    } catch (err) {
      clear();
      probeUp.set({ probe: name }, 0);
      onError(err);
    }
  }

  return {
    registry,
    contentType: registry.contentType,

    /** Count and time one answered request. */
    observe(method: string, route: string | undefined, status: number, seconds: number) {
      const l = { method, route: route ?? UNMATCHED_ROUTE, status: String(status) };
      requests.inc(l);
      duration.observe(l, seconds);
    },

    /** Count a stored check-in by its verdict. */
    countCheckIn(verdict: PunchVerdict) {
      checkins.inc({ verdict });
    },

    /** Read the probes, then the whole registry in the text exposition format. */
    async scrape(probes: MetricsProbes, onError: (err: unknown) => void): Promise<string> {
      const w = probes.workers();
      workerTasks.set({ state: 'running' }, w.running);
      workerTasks.set({ state: 'waiting' }, w.waiting);
      const p = pool && probes.dbPool();
      if (pool && p) {
        pool.total.set(p.total);
        pool.idle.set(p.idle);
        pool.waiting.set(p.waiting);
        pool.max.set(p.max);
      }
      await Promise.all([
        probe(
          'jobs',
          async () => {
            const j = await probes.jobs();
            jobQueue.set({ state: 'queued' }, j.queued);
            jobQueue.set({ state: 'running' }, j.running);
          },
          // Labelled series go absent.
          () => jobQueue.reset(),
          onError,
        ),
        probe(
          'status_queue',
          async () => {
            const q = await probes.statusQueue();
            statusDays.set(q.days);
            statusLag.set(Math.max(0, q.oldestSeconds ?? 0));
          },
          // A series without labels always has a sample: NaN, never a reassuring 0.
          () => {
            statusDays.set(NaN);
            statusLag.set(NaN);
          },
          onError,
        ),
      ]);
      return registry.metrics();
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the Authorization header carries the token, compared in constant time (digests of equal length). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  return !!m && timingSafeEqual(digest(m[1]!), digest(token));
}

/**
 * Count and time every request (an onResponse hook, registered before the routes), and serve GET /metrics:
 * 404 while METRICS_TOKEN is unset (`metrics` null), 401 without `Authorization: Bearer <METRICS_TOKEN>`, the text
 * exposition format otherwise. The route is left out of the API document: it is for Prometheus, not API clients.
 */
export function registerMetrics(
  app: FastifyInstance,
  opts: { metrics: Metrics | null; token: string | null; probes: () => MetricsProbes },
) {
  const { metrics, token } = opts;
  if (metrics) {
    app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      metrics.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    });
    app.addHook('onClose', async () => metrics.registry.clear());
  }
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!metrics || !token)
      return sendError(
        reply,
        'NOT_FOUND',
        'Metrik tidak diaktifkan di server ini (METRICS_TOKEN belum diatur)',
      );
    const auth = request.headers.authorization;
    if (!bearerMatches(auth, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendError(
        reply,
        'UNAUTHENTICATED',
        auth
          ? 'Token metrik salah: kirim Authorization: Bearer <METRICS_TOKEN> yang diatur di server'
          : 'Metrik memerlukan header Authorization: Bearer <METRICS_TOKEN>',
      );
    }
    const body = await metrics.scrape(opts.probes(), (err) =>
      request.log.warn({ err }, 'metrics probe failed'),
    );
    return reply.type(metrics.contentType).send(body);
  });
}
