import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
import { adminQuery } from '../bench/pg-admin.ts';
import { findFreePort, spawnServer } from './server-process.ts';
import { ensureWebBuild } from './web-build.ts';

export { ensureWebBuild, findFreePort };

/** How long a file that needs the lived-in province waits for the run's template of it (e2e/global-build.ts). */
const SEED_TIMEOUT_MS = 180_000;

export const DEMO_PASSWORD = 'abdi-demo';

export interface RunningServer {
  baseUrl: string;
  /** 'pglite' or 'postgres', for messages. */
  engine: 'pglite' | 'postgres';
  stop: () => Promise<void>;
}

/**
 * Starts the real server (`scripts/start.ts`) on a free port with demo data, on a fresh PGlite data directory,
 * or on a fresh PostgreSQL database when the run has TEST_DATABASE_URL: a clone of the run's template with the
 * province already loaded (bare, or lived-in with DEMO_HISTORY: 'true'), else of the migrated template.
 * Resolves once /api/health answers ok. `stop()` ends the process group and removes the database.
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  ensureWebBuild();
  const serverUrl = inject('pgServerUrl');
  const cleanups: (() => Promise<void>)[] = [];
  let storage: { databaseUrl: string } | { dataDir: string };
  if (serverUrl) {
    const name = `abdi_e2e_${randomBytes(6).toString('hex')}`;
    // A clone of the run's province already loaded by a server at this run's start (e2e/global-build.ts): the
    // server finds the demo there and skips loading it; else a clone of the migrated template, loaded at start.
    const template = (await seededTemplate(extraEnv.DEMO_HISTORY === 'true')) ?? inject('pgTemplateDb');
    await adminQuery(serverUrl, `create database ${name} template ${template}`);
    storage = { databaseUrl: withDatabase(serverUrl, name) };
    cleanups.push(async () => {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    });
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-e2e-'));
    storage = { dataDir };
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  }
  try {
    const server = await spawnServer(storage, extraEnv);
    return {
      baseUrl: server.baseUrl,
      engine: serverUrl ? 'postgres' : 'pglite',
      stop: async () => {
        await server.stop();
        for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw err;
  }
}

/**
 * The name of the run's template with the demo province (the lived-in one with `history`) loaded by a server at
 * the run's start, or undefined when there is none (PGlite, or its loading failed: each server then loads its own).
 * The lived-in province is loaded while the first files run: a file that needs it waits here until it is ready.
 */
async function seededTemplate(history: boolean): Promise<string | undefined> {
  const t = inject('e2eDemoTemplates');
  if (!history) return t.bare || undefined;
  if (!t.historyReady) return undefined;
  const deadline = Date.now() + SEED_TIMEOUT_MS;
  while (!existsSync(t.historyReady)) {
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 250));
  }
  const ready = JSON.parse(await readFile(t.historyReady, 'utf8')) as { ok: boolean };
  return ready.ok ? t.history : undefined;
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
    // Transitions off (the theme respects reduced motion): less renderer work, and no wait for an element to settle.
    reducedMotion: 'reduce',
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
