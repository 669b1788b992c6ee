import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type Services } from '../../src/server/app.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { fixedClock } from '../../src/server/clock.ts';
import type { DatabaseHandle } from '../../src/server/db/database.ts';
import { loadDemoData } from '../../src/server/db/seeds/load-demo.ts';
import { generateDemoData, type DemoData } from '../../src/server/db/seeds/demo-data.ts';
import { DEMO_TEMPLATE_NOW } from './global-setup.ts';
import { createTestDb } from './test-db.ts';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  handle: DatabaseHandle;
  db: DatabaseHandle['db'];
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  demo: DemoData;
  close(): Promise<void>;
}

/**
 * A real Fastify app on a fresh cloned database with a fixed clock, optionally loaded with the demo province.
 * Requests go through `app.inject` (real routing, hooks, validation and serialisation). At the default clock the
 * database is a clone of the run's demo template (the province loaded once per run at that clock); at another
 * clock the province is loaded into the fresh database at that clock, as before.
 */
export async function createTestApp(
  opts: { demo?: boolean; now?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const now = opts.now ?? DEMO_TEMPLATE_NOW;
  const demoTemplate = opts.demo !== false && now === DEMO_TEMPLATE_NOW;
  const handle = await createTestDb({ demo: demoTemplate });
  const clock = fixedClock(now);
  const photoDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-photos-'));
  const config = loadConfig({
    PHOTO_DIR: photoDir,
    // Job files (exports) and other data files go to the same temporary folder, removed on close.
    DATA_DIR: photoDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: './.no-web',
    ...opts.env,
  });
  const { app, services } = await buildApp({ config, db: handle.db, clock });
  const demo = generateDemoData();
  if (opts.demo !== false && !demoTemplate) await loadDemoData(handle.db, services.audit, demo);
  await app.ready();
  return {
    app,
    services,
    handle,
    db: handle.db,
    clock,
    config,
    demo,
    close: async () => {
      await app.close();
      await handle.close();
      await rm(photoDir, { recursive: true, force: true });
    },
  };
}

/** A logged-in client: carries the session cookie and the CSRF token on every request. */
export interface Client {
  cookie: string;
  csrf: string;
  me: { user: { id: string; employeeId: string | null; roles: { role: string; unitId: string | null }[] } };
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export async function login(
  app: FastifyInstance,
  identifier: string,
  password = 'abdi-demo',
): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password } });
  if (res.statusCode !== 200) throw new Error(`login ${identifier} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'abdi_session');
  const cookie = `abdi_session=${setCookie!.value}`;
  const me = res.json();
  const csrf = me.csrfToken as string;
  const request = (o: InjectOptions) =>
    app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
  return {
    cookie,
    csrf,
    me,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) =>
      request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
    del: (url) => request({ method: 'DELETE', url }),
  };
}

/** Build a multipart/form-data body by hand (no extra dependency). */
export function multipart(
  fields: Record<string, string>,
  file?: { field: string; name: string; content: Buffer | string; type?: string },
) {
  const boundary = `----abdi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
