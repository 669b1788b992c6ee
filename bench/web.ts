/**
 * Benchmark of the employee's first screen on a cheap phone: the time until the punch button on /presensi can be
 * pressed, in a real Chromium (playwright-core, Debian's /usr/bin/chromium or CHROME_PATH) with the network and
 * the CPU throttled through the DevTools protocol (`Network.emulateNetworkConditions`,
 * `Emulation.setCPUThrottlingRate`), against the built app served by the real server (scripts/start.ts) with the
 * demo province on a fresh PGlite.
 *
 *   npm run bench:web [-- --profiles fast3g,slow3g] [--cpu 4] [--runs 3] [--login NIP] [--root DIR] [--no-build]
 *                     [--trace] [--profile] [--floor-only]
 *
 * The phone is set up once as a returning employee would have it (signed in, device key registered, camera and
 * location allowed, standing in the office). Then, per network profile:
 *   - blank: a tiny document from the same server (/api/health), cache cleared: the baseline of this run;
 *   - cold: /presensi with the HTTP cache, the service worker and its caches cleared (a first visit after a
 *     deploy; cookies, local storage and IndexedDB kept);
 *   - warm: /presensi again with the service worker installed and the HTTP cache filled (the installed app).
 * "Usable" is the moment (performance.now(), from navigation start) the punch button is in the page and enabled
 * (camera running, location fixed, device active), seen by a MutationObserver installed before the page's own
 * scripts. Printed: medians and the ratio to the blank page, bytes transferred (as sent, compressed), requests, and
 * the JavaScript /presensi loads before it is usable (as transferred, and gzip -9 of the same files, the target's
 * unit). Targets (issue 13): initial JavaScript ≤ 150 KB gzip; usable ≤ 8 s cold on fast 3G with 4× CPU
 * slowdown, ≤ 3 s warm. The service worker's own fetches (precaching) are not throttled: the warm run starts after
 * it has installed.
 *
 * `--root DIR` runs another checkout's server and build (e.g. an older commit unpacked with `git archive`, with
 * node_modules linked), for before/after figures on the same machine in the same way.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core';
import { generateDemoData, pickDemoLogins } from '../src/server/db/seeds/demo-data.ts';
import { spawnServer } from '../e2e/server-process.ts';
import { opt } from './pg-admin.ts';

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const ROOT = path.resolve(opt('root', path.resolve(import.meta.dirname, '..')));
const RUNS = Math.max(1, Number(opt('runs', '3')));
const CPU = Number(opt('cpu', '4'));
const PROFILE_NAMES = opt('profiles', 'fast3g,slow3g').split(',');
const BUILD = !argv.includes('--no-build');
/** Print the resource timeline (start → end, ms from navigation start) of each measured load. */
const TRACE = argv.includes('--trace');
/** Print where the main thread spent its time until usable (a sampled CPU profile, self time by function). */
const PROFILE = argv.includes('--profile');
const PASSWORD = 'abdi-demo';

/** Chrome DevTools' presets (bytes per second, latency in ms added to every request). */
const PROFILES: Record<string, { latency: number; downloadThroughput: number; uploadThroughput: number }> = {
  fast3g: {
    latency: 562.5,
    downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8,
    uploadThroughput: (750 * 1000 * 0.9) / 8,
  },
  slow3g: {
    latency: 2000,
    downloadThroughput: (500 * 1000 * 0.8) / 8,
    uploadThroughput: (500 * 1000 * 0.8) / 8,
  },
};
for (const p of PROFILE_NAMES) if (!PROFILES[p]) throw new Error(`--profiles: ${p}? (fast3g, slow3g)`);

// ------------------------------------------------------------------ build and server
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(path.join(p, e));
    else if (s.mtimeMs > newest) newest = s.mtimeMs;
  };
  paths.forEach(visit);
  return newest;
}

/** Builds ROOT/dist when it is missing or older than the web sources (as the browser tests do). */
function ensureBuild(): void {
  const index = path.join(ROOT, 'dist', 'index.html');
  const sources = ['src/web', 'src/shared', 'src/core', 'public', 'index.html', 'vite.config.ts'].map((p) =>
    path.join(ROOT, p),
  );
  if (existsSync(index) && (!BUILD || statSync(index).mtimeMs >= newestMtime(sources))) return;
  console.log('building the web app (vite build)…');
  const res = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('vite build failed');
}

/**
 * The real server of ROOT (e2e/server-process.ts, with package.json `start`'s Node flags) on a fresh PGlite with the
 * province without history: the employee's phone is not bound to anyone yet, so this browser becomes it.
 */
async function startServer(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-web-'));
  const started = performance.now();
  const server = await spawnServer(
    { dataDir },
    {},
    { root: ROOT, nodeArgs: ['--max-semi-space-size=128'] },
  ).catch(async (err: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });
  console.log(`server ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${ROOT})`);
  return {
    baseUrl: server.baseUrl,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ measuring
/** Installed before any page script: records when the punch button is first present and enabled. */
const READY_SCRIPT = `(() => {
  const marks = (window.__marks = {});
  const seen = (name, selector) => {
    if (marks[name] === undefined && document.querySelector(selector)) marks[name] = Math.round(performance.now());
  };
  const check = () => {
    seen('shell', '[data-testid="user-menu"], header');
    seen('page', '[data-testid="presensi-page"]');
    seen('button', '[data-testid="punch-button"]');
    seen('camera', '[data-testid="camera"][data-status="ready"]');
    seen('location', '[data-testid="location-status"][data-status="ready"]');
    if (window.__punchReady !== undefined) return;
    const b = document.querySelector('[data-testid="punch-button"]');
    if (b && !b.disabled && !b.hasAttribute('data-disabled') && !b.hasAttribute('data-loading')) {
      window.__punchReady = performance.now();
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Load {
  ms: number;
  bytes: number;
  requests: number;
  /** JavaScript files loaded before "usable": transferred bytes and gzip -9 of their bodies. */
  js: { files: number; transferred: number; gzip: number; raw: number };
}

async function throttle(cdp: CDPSession, profile: string): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILES[profile]! });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
}

/** Watches a page's network: bytes as transferred, and the JavaScript responses (to size them afterwards). */
function watchNetwork(cdp: CDPSession) {
  let bytes = 0;
  let requests = 0;
  const scripts = new Map<string, { url: string; transferred: number }>();
  const types = new Map<string, string>();
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.response.mimeType);
  });
  cdp.on('Network.loadingFinished', (e) => {
    requests++;
    bytes += e.encodedDataLength;
    if ((types.get(e.requestId) ?? '').includes('javascript'))
      scripts.set(e.requestId, { url: '', transferred: e.encodedDataLength });
  });
  return {
    snapshot: () => ({ bytes, requests, scripts: new Map(scripts) }),
  };
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function and per script of a sampled profile (ms, as measured under the CPU slowdown). */
function printProfile(profile: CpuProfile): void {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++)
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const script = url.replace(/^https?:\/\/[^/]+/, '') || `(${functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${script}:${lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `      ${v.toFixed(0).padStart(6)} ms  ${k}`);
  console.log(`    CPU profile, ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms; by script:`);
  console.log(top(byScript, 12).join('\n'));
  console.log('    by function:');
  console.log(top(byFunction, 25).join('\n'));
}

async function measurePresensi(context: BrowserContext, baseUrl: string, profile: string, sizeJs: boolean) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const net = watchNetwork(cdp);
  await throttle(cdp, profile);
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${baseUrl}/presensi`, { waitUntil: 'commit', timeout: 180_000 });
  const handle = await page.waitForFunction(
    () => (window as unknown as { __punchReady?: number }).__punchReady,
    null,
    {
      timeout: 180_000,
      polling: 250,
    },
  );
  const ms = (await handle.jsonValue()) as number;
  if (PROFILE) printProfile((await cdp.send('Profiler.stop')).profile);
  if (TRACE) {
    const timeline = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .map(
          (e) =>
            `${e.startTime.toFixed(0).padStart(6)} → ${e.responseEnd.toFixed(0).padStart(6)}  ${e.name.replace(location.origin, '')}`,
        ),
    );
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return `document ${n.responseEnd.toFixed(0)}, DOMContentLoaded ${n.domContentLoadedEventEnd.toFixed(0)}`;
    });
    const marks = await page.evaluate(() =>
      JSON.stringify((window as unknown as { __marks: object }).__marks),
    );
    console.log(`    ${nav}, usable ${ms.toFixed(0)}; first seen: ${marks}\n    ${timeline.join('\n    ')}`);
  }
  const seen = net.snapshot();
  const js = { files: 0, transferred: 0, gzip: 0, raw: 0 };
  for (const [requestId, s] of seen.scripts) {
    js.files++;
    js.transferred += s.transferred;
    if (!sizeJs) continue;
    try {
      const body = (await cdp.send('Network.getResponseBody', { requestId })) as {
        body: string;
        base64Encoded: boolean;
      };
      const buf = Buffer.from(body.body, body.base64Encoded ? 'base64' : 'utf8');
      js.raw += buf.length;
      js.gzip += gzipSync(buf, { level: 9 }).length;
    } catch {
      // evicted from the inspector's buffer: not counted
    }
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const load: Load = { ms, bytes: seen.bytes, requests: seen.requests, js };
  return { page, cdp, load };
}

async function clearCaches(context: BrowserContext, baseUrl: string): Promise<void> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(baseUrl).origin,
    storageTypes: 'service_workers,cache_storage',
  });
  await page.close();
}

async function measureBlank(context: BrowserContext, baseUrl: string, profile: string): Promise<number> {
  await clearCaches(context, baseUrl);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await throttle(cdp, profile);
  await page.goto(`${baseUrl}/api/health`, { waitUntil: 'load', timeout: 120_000 });
  const ms = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.loadEventEnd;
  });
  await page.close();
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// ------------------------------------------------------------------ main
/**
 * What the libraries STACK.md chose cost before a line of Abdi's code: each bundled alone with the exports a shell
 * needs (rolldown, minified, production), and all together, gzip -9. The honest floor for the initial JavaScript.
 */
const FLOOR_PARTS: { label: string; code: string }[] = [
  {
    label: 'react + react-dom (createRoot)',
    code: "import { createRoot } from 'react-dom/client'; export { createRoot };",
  },
  {
    label: 'react-router (data router, links, search params)',
    code: "export { createBrowserRouter, RouterProvider, useNavigate, Link, useSearchParams, useLocation, Outlet } from 'react-router-dom';",
  },
  {
    label: '@tanstack/react-query (client, provider, useQuery, useMutation)',
    code: "export { QueryClient, QueryClientProvider, useQuery, useMutation } from '@tanstack/react-query';",
  },
  {
    label: 'i18next + react-i18next',
    code: "import i18n from 'i18next'; export { i18n }; export { useTranslation, initReactI18next } from 'react-i18next';",
  },
  {
    label: '@mantine/core (provider, Button, Card, Text, Group, Stack, Alert)',
    code: "export { MantineProvider, Button, Card, Text, Group, Stack, Badge, Alert, Loader, Title } from '@mantine/core';",
  },
];

async function frameworkFloor(): Promise<{ parts: { label: string; gzip: number }[]; total: number } | null> {
  const dir = await mkdtemp(path.join(ROOT, '.bench-floor-'));
  try {
    const bundle = async (code: string): Promise<number> => {
      const entry = path.join(dir, 'entry.js');
      const out = path.join(dir, 'out');
      await rm(out, { recursive: true, force: true });
      await writeFile(entry, code);
      const res = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules/rolldown/bin/cli.mjs'),
          entry,
          '--minify',
          '--platform',
          'browser',
          '--define',
          'process.env.NODE_ENV="production"',
          '-d',
          out,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      if (res.status !== 0) throw new Error(res.stderr);
      const files = readdirSync(out).filter((f) => f.endsWith('.js'));
      return gzipSync(Buffer.concat(files.map((f) => readFileSync(path.join(out, f)))), { level: 9 }).length;
    };
    const parts = [];
    for (const p of FLOOR_PARTS) parts.push({ label: p.label, gzip: await bundle(p.code) });
    const total = await bundle(FLOOR_PARTS.map((p) => p.code).join('\n'));
    return { parts, total };
  } catch (error) {
    console.log(`(the stack's floor could not be measured: ${(error as Error).message.split('\n')[0]})`);
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let floor: Awaited<ReturnType<typeof frameworkFloor>> = null;

async function main(): Promise<void> {
  floor = await frameworkFloor();
  if (argv.includes('--floor-only')) {
    for (const part of floor?.parts ?? []) console.log(`  ${part.label.padEnd(64)} ${kb(part.gzip)}`);
    if (floor) console.log(`  ${'together'.padEnd(64)} ${kb(floor.total)}`);
    return;
  }
  ensureBuild();
  const demo = generateDemoData();
  const login = opt('login', pickDemoLogins(demo).pegawai[0]!.login);
  const server = await startServer();
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  // A browser that cannot start (no Chromium) leaves no server behind: it runs in its own process group.
  const browser = await chromium
    .launch({
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    })
    .catch(async (err: unknown) => {
      await server.stop();
      throw err;
    });
  try {
    // Where the employee's office is (their own today's places), to stand inside its fence.
    const probe = await browser.newContext({ baseURL: server.baseUrl });
    const res = await probe.request.post('/api/auth/login', {
      data: { identifier: login, password: PASSWORD },
    });
    if (!res.ok()) throw new Error(`login ${login}: ${res.status()} ${await res.text()}`);
    const today = (await (await probe.request.get('/api/attendance/today')).json()) as {
      places: {
        label: string;
        fence: {
          kind: string;
          center?: { lat: number; lon: number };
          points?: { lat: number; lon: number }[];
        };
      }[];
    };
    await probe.close();
    const fence = today.places[0]?.fence;
    const at = fence?.center ?? fence?.points?.[0];
    if (!at) throw new Error(`${login} has no place today`);

    const context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'id-ID',
      timezoneId: 'Asia/Jakarta',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      permissions: ['geolocation', 'camera'],
      geolocation: { latitude: at.lat, longitude: at.lon, accuracy: 10 },
      serviceWorkers: 'allow',
    });
    await context.addInitScript(READY_SCRIPT);
    // The returning employee: signed in, this phone registered as their device.
    const setup = await context.newPage();
    const signIn = await context.request.post('/api/auth/login', {
      data: { identifier: login, password: PASSWORD },
    });
    if (!signIn.ok()) throw new Error(`login ${login}: ${signIn.status()}`);
    await setup.goto('/presensi');
    await setup
      .locator('[data-testid="punch-button"], [data-testid="register-device"]')
      .first()
      .waitFor({ timeout: 60_000 });
    if (await setup.getByTestId('register-device').isVisible())
      await setup.getByTestId('register-device').click();
    await setup.waitForFunction(() => (window as unknown as { __punchReady?: number }).__punchReady, null, {
      timeout: 60_000,
    });
    await setup.close();
    console.log(
      `employee ${login} at ${today.places[0]!.label}; CPU ${CPU}× slower; ${RUNS} run(s) per figure`,
    );

    for (const profile of PROFILE_NAMES) {
      const p = PROFILES[profile]!;
      console.log(
        `\n--- ${profile}: ${p.latency} ms latency, ${kb(p.downloadThroughput)}/s down, ${kb(p.uploadThroughput)}/s up, CPU ${CPU}× ---`,
      );
      const blank: number[] = [];
      const cold: Load[] = [];
      const warm: Load[] = [];
      for (let run = 0; run < RUNS; run++) {
        blank.push(await measureBlank(context, server.baseUrl, profile));
        await clearCaches(context, server.baseUrl);
        const c = await measurePresensi(context, server.baseUrl, profile, run === 0);
        cold.push(c.load);
        // Let the service worker install (precache) unthrottled, as it would during the first visit's idle time.
        await c.cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
        const hasSw = await c.page.evaluate(async () => {
          if (!('serviceWorker' in navigator)) return false;
          const reg = await Promise.race([
            navigator.serviceWorker.ready,
            new Promise<null>((r) => setTimeout(() => r(null), 60_000)),
          ]);
          return !!reg;
        });
        await c.page.close();
        const w = await measurePresensi(context, server.baseUrl, profile, false);
        const controlled = await w.page.evaluate(() => !!navigator.serviceWorker?.controller);
        warm.push(w.load);
        await w.page.close();
        console.log(
          `  run ${run + 1}: blank ${sec(blank.at(-1)!)}, cold ${sec(c.load.ms)} (${kb(c.load.bytes)}, ${c.load.requests} req), ` +
            `warm ${sec(w.load.ms)} (${kb(w.load.bytes)}, ${w.load.requests} req${hasSw && controlled ? ', service worker' : ', NO service worker'})`,
        );
      }
      const b = median(blank);
      const coldMs = median(cold.map((l) => l.ms));
      const warmMs = median(warm.map((l) => l.ms));
      const js = cold[0]!.js;
      console.log(`  blank page (baseline)      ${sec(b)}`);
      console.log(
        `  /presensi usable, cold     ${sec(coldMs)}  = ${(coldMs / b).toFixed(1)}× blank   (target ≤ 8 s on fast3g)`,
      );
      console.log(
        `  /presensi usable, warm     ${sec(warmMs)}  = ${(warmMs / b).toFixed(1)}× blank   (target ≤ 3 s on fast3g)`,
      );
      console.log(
        `  transferred, cold / warm   ${kb(median(cold.map((l) => l.bytes)))} / ${kb(median(warm.map((l) => l.bytes)))}`,
      );
      console.log(
        `  initial JavaScript         ${js.files} files, ${kb(js.transferred)} transferred, ${kb(js.gzip)} gzip -9, ${kb(js.raw)} raw   (target ≤ 150 KB gzip)`,
      );
      if (floor)
        console.log(
          `  of which the libraries     ≥ ${kb(floor.total)} gzip -9 (the stack's floor, measured below); Abdi's own ≤ ${kb(js.gzip - floor.total)}`,
        );
    }
    if (floor) {
      console.log(
        "\n--- the stack's floor: each library alone, bundled and minified as the build does, gzip -9 ---",
      );
      for (const part of floor.parts) console.log(`  ${part.label.padEnd(64)} ${kb(part.gzip)}`);
      console.log(`  ${'together (one bundle, shared code counted once)'.padEnd(64)} ${kb(floor.total)}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
