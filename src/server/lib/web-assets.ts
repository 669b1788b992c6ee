/**
 * How the built web app (dist/) and the API's answers travel to a phone on a slow network:
 * - every response of a compressible type (JSON, HTML, CSS, JS, CSV, SVG; not photos, PDFs, spreadsheets or
 *   server-sent events) is compressed with brotli (quality 4: fast enough per request) or gzip when the browser
 *   accepts it (@fastify/compress);
 * - the app's own files are compressed once at build time (.br/.gz beside each file, scripts/web-build-plugins.ts)
 *   and sent as they are (@fastify/static `preCompressed`);
 * - files with a content hash in their name (assets/*, workbox-*.js) are cached for a year and never revalidated;
 *   everything else (index.html, sw.js, the manifest, icons) is revalidated on every use (`no-cache` + ETag), so a
 *   new release reaches every phone on its next visit.
 */
import type { FastifyCompressOptions } from '@fastify/compress';
import type { FastifyStaticOptions } from '@fastify/static';
import path from 'node:path';
import zlib from 'node:zlib';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The Cache-Control of a file of the built app, by its path relative to dist/ (with or without .br/.gz). */
export function cacheControlFor(relativePath: string): string {
  const file = relativePath
    .split(path.sep)
    .join('/')
    .replace(/\.(?:br|gz)$/, '');
  if (file.startsWith('assets/') || /^workbox-[0-9a-f]{8}\.js$/.test(file)) return IMMUTABLE;
  return REVALIDATE;
}

export const compressOptions: FastifyCompressOptions = {
  global: true,
  encodings: ['br', 'gzip'],
  threshold: 1024,
  // Text and JSON (and, through mime-db, JS/SVG/CSV); never server-sent events (held back by the compressor) and
  // never arbitrary binary (the plugin's default would compress application/octet-stream).
  customTypes: /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)/,
  brotliOptions: {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
    },
  },
  // Request bodies are never inflated: the body limits stay limits on what arrives.
  globalDecompression: false,
};

/** @fastify/static options for dist/: precompressed files, the cache policy above, no .br/.gz routes of their own. */
export function webStaticOptions(root: string): FastifyStaticOptions {
  return {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header('cache-control', cacheControlFor(path.relative(root, file)));
    },
  };
}
