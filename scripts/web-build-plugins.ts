/**
 * Build-time helpers for the web app (used by vite.config.ts only):
 * - `chunkGraph`: writes dist/.vite/chunk-graph.json (every chunk with its static and dynamic imports, its CSS and
 *   its modules) and knows which chunks the employee's pages need, for the service worker's precache list;
 * - `precompress`: writes a brotli (.br) and a gzip (.gz) copy of every text asset after the build, served by
 *   @fastify/static with `preCompressed` (no compression work per request for the app's files).
 * The dot folder is not served (@fastify/static globs without dot files), and the test of the bundle reads the
 * graph (e2e/bundle.e2e.test.ts).
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

export interface ChunkInfo {
  /** The module a chunk stands for (entry, lazy page, lazy library), relative to the project root. */
  facade: string | null;
  isEntry: boolean;
  isDynamicEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  css: string[];
  /** Modules in the chunk, relative to the project root (node_modules/… for packages). */
  modules: string[];
}
export type ChunkGraph = Record<string, ChunkInfo>;

export const CHUNK_GRAPH_FILE = '.vite/chunk-graph.json';

/** A chunk file and every chunk it imports statically (what must load before it runs). */
export function staticClosure(graph: ChunkGraph, files: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !graph[file]) return;
    seen.add(file);
    for (const next of graph[file].imports) visit(next);
  };
  files.forEach(visit);
  return seen;
}

/**
 * The chunk that runs a module, e.g. 'src/web/pages/PresensiPage/PresensiPage.tsx': the chunk it is the facade of
 * (a lazy page), or else the chunk that contains it (a page merged into a group chunk, see vite.config.ts).
 */
export function chunkFor(graph: ChunkGraph, module: string): string | undefined {
  const files = Object.keys(graph);
  return (
    files.find((file) => graph[file]!.facade === module) ??
    files.find((file) => graph[file]!.modules.includes(module))
  );
}

/** Every file (JS and CSS) the given chunks need before they run: their static closure and its CSS. */
export function filesNeeded(graph: ChunkGraph, chunks: string[]): Set<string> {
  const files = new Set<string>();
  for (const chunk of staticClosure(graph, chunks)) {
    files.add(chunk);
    for (const css of graph[chunk]!.css) files.add(css);
  }
  return files;
}

export function chunkGraph(root: string): Plugin & { graph: () => ChunkGraph } {
  let graph: ChunkGraph = {};
  const rel = (id: string) => path.relative(root, id.replace(/^\0/, '')).split(path.sep).join('/');
  return {
    name: 'abdi-chunk-graph',
    apply: 'build',
    graph: () => graph,
    generateBundle(_options, bundle) {
      graph = {};
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        graph[file] = {
          facade: chunk.facadeModuleId ? rel(chunk.facadeModuleId) : null,
          isEntry: chunk.isEntry,
          isDynamicEntry: chunk.isDynamicEntry,
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          css: [...(chunk.viteMetadata?.importedCss ?? [])],
          modules: Object.keys(chunk.modules).map(rel),
        };
      }
      this.emitFile({ type: 'asset', fileName: CHUNK_GRAPH_FILE, source: JSON.stringify(graph, null, 1) });
    },
  };
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) out.push(...(await filesUnder(full)));
    } else out.push(full);
  }
  return out;
}

/**
 * After everything is written (including the service worker, hence `order: 'post'`), a `.br` (quality 11) and a
 * `.gz` (level 9) beside every text file of at least 1 KB whose compressed copy is smaller.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'abdi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await filesUnder(outDir)).filter((f) => COMPRESSIBLE.test(f));
        await Promise.all(
          files.map(async (file) => {
            if ((await stat(file)).size < 1024) return;
            const raw = await readFile(file);
            const [br, gz] = await Promise.all([
              brotli(raw, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
                },
              }),
              gzip(raw, { level: 9 }),
            ]);
            if (br.length < raw.length) await writeFile(`${file}.br`, br);
            if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
          }),
        );
      },
    },
  };
}
