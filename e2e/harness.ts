import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  chromium,
  request,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from 'playwright-core';
import { inject } from 'vitest';
import { withDatabase } from '../test/helpers/global-setup.ts';
import { DIST, ensureWebBuild } from './web-build.ts';

export { ensureWebBuild };

const ROOT = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 120_000;

export const DEMO_PASSWORD = 'abdi-demo';

export interface RunningServer {
  baseUrl: string;
  /** 'pglite' or 'postgres', for messages. */
  engine: 'pglite' | 'postgres';
  stop: () => Promise<void>;
}

/** A free TCP port on localhost (listen on 0, read the port, close). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited early (code ${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok && ((await res.json()) as { status?: string }).status === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not answer /api/health within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** Sends a signal to the server's whole process group (it was spawned detached, so it leads one). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the real server (`scripts/start.ts`) on a free port with demo data, on a fresh PGlite data directory,
 * or on a fresh PostgreSQL database (a clone of the run's migrated template) when the run has TEST_DATABASE_URL.
 * Resolves once /api/health answers ok. `stop()` ends the process group and removes the database.
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  ensureWebBuild();
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const serverUrl = inject('pgServerUrl');
  const cleanups: (() => Promise<void>)[] = [];
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'true',
    // The bare province (no history): fast to load, and each story starts from a known state (no phone bound,
    // no request pending). A file that shows the lived-in demo passes DEMO_HISTORY: 'true'.
    DEMO_HISTORY: 'false',
    WEB_DIST_DIR: DIST,
    // The e2e run signs in many times from one address; keep the limiter out of the way.
    LOGIN_RATE_PER_MINUTE: '1000',
    DATABASE_URL: undefined,
    DATA_DIR: undefined,
    ...extraEnv,
  };

  if (serverUrl) {
    const name = `abdi_e2e_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      // A clone of the run's migrated template (test/helpers/global-setup.ts): the server skips the migrations.
      await admin.query(`create database ${name} template ${inject('pgTemplateDb')}`);
    } finally {
      await admin.end();
    }
    env.DATABASE_URL = withDatabase(serverUrl, name);
    cleanups.push(async () => {
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      try {
        await drop.query(`drop database if exists ${name} with (force)`);
      } finally {
        await drop.end();
      }
    });
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-e2e-'));
    env.DATA_DIR = dataDir;
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  }

  const child = spawn(process.execPath, ['scripts/start.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    signalGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, 10_000))) {
      signalGroup(child, 'SIGKILL');
      await waitForExit(child, 5_000);
    }
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };

  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, engine: serverUrl ? 'postgres' : 'pglite', stop };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium flags for a fake camera (a generated test pattern, or a .y4m/.mjpeg file) with no permission prompt. */
export function fakeMediaArgs(videoFile?: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    ...(videoFile ? [`--use-file-for-fake-video-capture=${videoFile}`] : []),
  ];
}

export interface LaunchOptions {
  /** Give the browser a fake camera (and microphone) that needs no permission prompt. */
  fakeMedia?: boolean;
  /** With `fakeMedia`: play this .y4m or .mjpeg file as the camera instead of the test pattern. */
  fakeVideoFile?: string;
}

/**
 * Debian's Chromium for the browser tests: CHROME_PATH when set, else the headless shell
 * (`chromium-headless-shell`, the same engine without the browser's window layer: about a third less CPU per
 * test file, measured on e2e/home.e2e.test.ts) when installed, else the full browser (`chromium`). Fails loudly
 * when none is there.
 */
export function chromiumPath(): string {
  const candidates = process.env.CHROME_PATH
    ? [process.env.CHROME_PATH]
    : ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `Chromium not found at ${candidates.join(' or ')}. Install it with ` +
        '`apt-get update && apt-get install -y chromium-headless-shell` (or `chromium`), or set CHROME_PATH to a ' +
        'Chromium/Chrome binary.',
    );
  return found;
}

/**
 * Launches Debian's Chromium through playwright-core (never a downloaded browser). Each `newContext()` gets
 * its own fresh profile. Fails loudly when the binary is missing. Without options it launches exactly as
 * before; `fakeMedia` adds a fake camera for pages that use getUserMedia.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  const args = options.fakeMedia
    ? [...CHROMIUM_ARGS, ...fakeMediaArgs(options.fakeVideoFile)]
    : CHROMIUM_ARGS;
  return chromium.launch({ executablePath, headless: true, args });
}

/** A fresh browser context for one test: Indonesian locale, WIB, downloads allowed, no service worker. */
export function newContext(
  browser: Browser,
  baseUrl: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    // The PWA service worker caches the shell; tests want every navigation to reach the server.
    serviceWorkers: 'block',
    ...options,
  });
}

/**
 * An API client signed in as `identifier` (for test setup and for checking what the UI wrote, never for the
 * behaviour under test). Dispose it when done.
 */
export async function apiAs(
  baseUrl: string,
  identifier: string,
  password = DEMO_PASSWORD,
): Promise<APIRequestContext> {
  const anonymous = await request.newContext({ baseURL: baseUrl });
  const res = await anonymous.post('/api/auth/login', { data: { identifier, password } });
  if (!res.ok()) throw new Error(`API login as ${identifier} failed: ${res.status()} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  // The session cookie plus the CSRF token on every request, as the web app sends them. `connection: close`: a
  // setup client is idle for minutes while the browser works, and a kept-alive socket the server closes at its idle
  // timeout just as the next request goes out fails that request (ECONNRESET); a fresh connection each time cannot.
  const api = await request.newContext({
    baseURL: baseUrl,
    storageState: await anonymous.storageState(),
    extraHTTPHeaders: { 'x-csrf-token': csrfToken, connection: 'close' },
  });
  await anonymous.dispose();
  return api;
}
