import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { chunkFor, chunkGraph, filesNeeded, precompress } from './scripts/web-build-plugins.ts';

const root = path.dirname(new URL(import.meta.url).pathname);
const apiTarget = process.env.ABDI_API_URL ?? 'http://localhost:3000';
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * What the service worker precaches besides the shell (the entry chunk and everything it imports statically):
 * the employee's own pages, so the installed app opens them offline — Presensi with its offline queue,
 * Cuti, Izin/dinas luar, Koreksi —, the login page, the toast container, the other pages' Indonesian strings and the English strings. Every other
 * chunk (the admin app, charts, maps, the QR decoder) is cached when it is first used (runtime caching below).
 * Facade modules, relative to the project root.
 */
export const PRECACHED_MODULES = [
  // The start page of the installed app (start_url `/`): the pegawai's home (the leaders' charts stay lazy).
  'src/web/pages/DashboardPage/DashboardPage.tsx',
  'src/web/pages/PresensiPage/PresensiPage.tsx',
  'src/web/pages/CutiPage/CutiPage.tsx',
  'src/web/pages/IzinPage/IzinPage.tsx',
  'src/web/pages/KoreksiPage/KoreksiPage.tsx',
  'src/web/pages/RekapPage/RekapPage.tsx',
  // Kinerja Saya with today's report form (/kinerja/lapor), so a report can be written offline on a cold start.
  'src/web/pages/KinerjaPage/KinerjaPage.tsx',
  'src/web/pages/LoginPage/LoginPage.tsx',
  'src/web/pages/NotFoundPage/NotFoundPage.tsx',
  'src/web/text/en.ts',
  'src/web/text/id-pages.ts',
  'node_modules/@mantine/notifications/esm/index.mjs',
];

/**
 * Web Push (and any other service-worker event handler): a plain script `public/sw-push.js`, when it exists, is
 * loaded by the generated worker with importScripts (served with no-cache and checked for updates with sw.js).
 */
const SW_EXTENSIONS = ['sw-push.js'].filter((file) => existsSync(path.join(root, 'public', file)));

const graph = chunkGraph(root);

export default defineConfig({
  root: '.',
  publicDir: 'public',
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  plugins: [
    react(),
    graph,
    // The PWA: a Workbox service worker (dist/sw.js, registered by src/web/sw/register.ts in production) that
    // precaches the shell and the employee's pages (PRECACHED_MODULES) so /presensi opens offline, and answers every
    // page navigation with index.html. Other chunks are cached on first use (hashed names: cache first). The API
    // and the docs are never cached. The manifest is public/manifest.webmanifest.
    VitePWA({
      strategies: 'generateSW',
      filename: 'sw.js',
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      includeAssets: [
        'icon.svg',
        'icon-maskable.svg',
        'icon-192.png',
        'icon-512.png',
        'icon-maskable-512.png',
      ],
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Imported by the worker itself (importScripts), not a page resource.
        globIgnores: ['**/node_modules/**', ...SW_EXTENSIONS],
        manifestTransforms: [
          (entries) => {
            const g = graph.graph();
            const entry = Object.keys(g).filter((file) => g[file]!.isEntry);
            const pages = PRECACHED_MODULES.map((module) => chunkFor(g, module)).filter(
              (file): file is string => !!file,
            );
            const keep = filesNeeded(g, [...entry, ...pages]);
            // Hashed chunks only when needed; everything outside assets/ (index.html, icons, manifest) always.
            const manifest = entries.filter((e) => !e.url.startsWith('assets/') || keep.has(e.url));
            return { manifest, warnings: [] };
          },
        ],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/docs/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        importScripts: SW_EXTENSIONS,
        runtimeCaching: [
          {
            // Hashed file names never change content: once fetched, served from the cache.
            urlPattern: /\/assets\/[^/]+\.(?:js|css|woff2?|png|svg)$/,
            handler: 'CacheFirst',
            options: {
              cacheName: 'abdi-assets',
              expiration: { maxEntries: 300, maxAgeSeconds: 60 * 24 * 3600, purgeOnQuotaError: true },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
      devOptions: { enabled: false },
    }),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The shell (everything the entry imports statically) as one file, and the Presensi page with everything
            // it needs beyond the shell as another: on HTTP/1.1 a phone fetches 6 files at a time, and with a
            // 3G round trip per file, sixty small shared chunks cost seconds before the button can appear.
            { name: 'shell', tags: ['$initial'], priority: 3 },
            // (The punch history below the fold, with its pagination, is left out: it arrives after the first screen.)
            {
              name: 'presensi',
              test: /src[\\/]web[\\/]pages[\\/]PresensiPage[\\/](?!components[\\/]HistoryCard\.tsx$)/,
              priority: 2,
            },
            // zod (the API contract's schemas, imported by the web only for types and a few constants) in a chunk
            // of its own, so a small shared module never drags it into a page that does not need it.
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 1 },
            { name: 'local-date', test: /src[\\/]core[\\/]common[\\/]local-date\.ts$/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/docs': { target: apiTarget, changeOrigin: false },
    },
  },
});
