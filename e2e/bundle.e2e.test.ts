import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_GRAPH_FILE, chunkFor, filesNeeded, type ChunkGraph } from '../scripts/web-build-plugins.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { idShell } from '../src/web/text/id-shell.ts';
import { ensureWebBuild } from './harness.ts';

/**
 * Keeps the phone's first screen honest without timing anything (bench/web.ts measures the time): the built
 * /presensi loads no charts, maps, QR decoder, schema library or English strings and only a few files; the service
 * worker precaches the employee's pages but not the admin app; and the server sends the built files compressed with
 * the right caching (hashed files immutable for a year, the rest revalidated) and compresses API answers.
 */

const DIST = path.resolve(import.meta.dirname, '..', 'dist');
let graph: ChunkGraph;
let t: TestApp;

beforeAll(async () => {
  ensureWebBuild();
  graph = JSON.parse(readFileSync(path.join(DIST, CHUNK_GRAPH_FILE), 'utf8')) as ChunkGraph;
  // No demo data: only the static files and one public JSON route are asked for.
  t = await createTestApp({ demo: false, env: { WEB_DIST_DIR: DIST, API_DOCS: 'public' } });
});

afterAll(async () => {
  await t?.close();
});

const entry = () => Object.keys(graph).find((file) => graph[file]!.isEntry)!;
const modulesOf = (files: Iterable<string>) => [...files].flatMap((file) => graph[file]?.modules ?? []);

describe('the /presensi bundle', () => {
  it('loads no charts, maps, QR decoder, zod or English strings, in a few files', () => {
    const presensi = chunkFor(graph, 'src/web/pages/PresensiPage/PresensiPage.tsx');
    expect(presensi).toBeDefined();
    const files = filesNeeded(graph, [entry(), presensi!]);
    const js = [...files].filter((f) => f.endsWith('.js'));
    const modules = modulesOf(js).filter((m) => !m.endsWith('.css'));
    for (const heavy of [
      'node_modules/leaflet/',
      'node_modules/react-leaflet/',
      'node_modules/recharts/',
      'node_modules/@mantine/charts/',
      'node_modules/jsqr/',
      'node_modules/zod/',
      'src/web/text/en.ts',
      // The other pages' strings, and the floating elements of the user menu and the notification panel.
      'src/web/text/id-pages.ts',
      'node_modules/@floating-ui/',
    ])
      expect(
        modules.filter((m) => m.includes(heavy)),
        heavy,
      ).toEqual([]);
    // The English strings are not inlined anywhere in it either (a string only en.ts has).
    const source = js.map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('\n');
    expect(source).not.toContain('Civil Servant Attendance');
    expect(source).toContain('Pegawai');
    // Few files: on HTTP/1.1 with a 3G round trip per file, many small chunks cost seconds.
    expect(js.length).toBeLessThanOrEqual(6);
  });

  it("uses only the first screen's strings (id-shell.ts): no label of it waits for the pages' strings", () => {
    const presensi = chunkFor(graph, 'src/web/pages/PresensiPage/PresensiPage.tsx')!;
    const files = [...filesNeeded(graph, [entry(), presensi])].filter((f) => f.endsWith('.js'));
    const sources = modulesOf(files).filter((m) => m.startsWith('src/web/') && /\.tsx?$/.test(m));
    expect(sources.length).toBeGreaterThan(20);
    const shellSections = new Set(Object.keys(idShell));
    const used = new Map<string, string>();
    for (const file of sources) {
      const text = readFileSync(path.resolve(import.meta.dirname, '..', file), 'utf8');
      // t('section.key' …), t(`section.${…}`), i18n.t('section.key'): the section is the key's first part.
      for (const m of text.matchAll(/\bt\(\s*['"`]([A-Za-z]+)\./g)) used.set(m[1]!, file);
    }
    expect(used.size).toBeGreaterThan(5);
    for (const [section, file] of used) expect(shellSections.has(section), `${section} (${file})`).toBe(true);
    // And the pages' strings are a chunk of their own, precached for the installed app.
    expect(chunkFor(graph, 'src/web/text/id-pages.ts')).toBeDefined();
  });

  it('the English strings and the maps still exist, each in its own lazy chunk', () => {
    expect(chunkFor(graph, 'src/web/text/en.ts')).toBeDefined();
    expect(Object.values(graph).some((c) => c.modules.some((m) => m.includes('node_modules/leaflet/')))).toBe(
      true,
    );
  });

  it('the service worker precaches the shell and the employee pages, not the admin app', () => {
    const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    const precached = new Set([...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1]!));
    expect(precached).toContain('index.html');
    // The early requests of /presensi (public/boot.js) work in the installed app too.
    expect(precached).toContain('boot.js');
    expect(precached).toContain(chunkFor(graph, 'src/web/text/id-pages.ts'));
    for (const page of [
      'DashboardPage',
      'PresensiPage',
      'CutiPage',
      'IzinPage',
      'KoreksiPage',
      'RekapPage',
      'KinerjaPage',
    ]) {
      const file = chunkFor(graph, `src/web/pages/${page}/${page}.tsx`);
      expect(precached, page).toContain(file);
    }
    const admin = [
      'PlacesPage',
      'RekapUnitPage',
      'AuditPage',
      'ImportPage',
      'TodayPage',
      'KinerjaProgresPage',
      'KinerjaImporPage',
    ].map((page) => chunkFor(graph, `src/web/pages/${page}/${page}.tsx`));
    for (const file of admin) expect(precached).not.toContain(file);
    // The leaders' section of the home page (charts) is its own chunk, not precached.
    expect(precached).not.toContain(chunkFor(graph, 'src/web/pages/DashboardPage/LeadersSection.tsx'));
    const heavy = modulesOf([...precached].filter((f) => f.startsWith('assets/'))).filter((m) =>
      /node_modules\/(?:leaflet|recharts|jsqr)\//.test(m),
    );
    expect(heavy).toEqual([]);
  });
});

describe('the built files and the API on the wire', () => {
  const get = (url: string, encoding = 'br, gzip') =>
    t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });

  it('sends hashed files brotli-compressed and immutable, the rest revalidated', async () => {
    const js = await get(`/${entry()}`);
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('br');
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers.vary).toMatch(/accept-encoding/i);

    const gz = await get(`/${entry()}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get(`/${entry()}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(js.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    expect((await get('/presensi')).payload).toMatch(/<script async src="\/boot\.js"><\/script>/);
    for (const url of ['/', '/index.html', '/presensi', '/sw.js', '/boot.js', '/manifest.webmanifest']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers a missing hashed file with 404, never with the page, and does not serve the build graph', async () => {
    expect((await get('/assets/index-deadbeef.js')).statusCode).toBe(404);
    const graphRes = await get(`/${CHUNK_GRAPH_FILE}`);
    expect(graphRes.headers['content-type']).not.toMatch(/json/);
  });

  it('compresses API answers for browsers that accept it', async () => {
    const docs = await get('/docs/json', 'gzip');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-encoding']).toBe('gzip');
    expect((await get('/docs/json', 'br')).headers['content-encoding']).toBe('br');
    expect((await get('/docs/json', 'identity')).headers['content-encoding']).toBeUndefined();
  });
});
