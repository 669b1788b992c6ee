import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST = path.join(ROOT, 'dist');

/** Newest modification time of any file under the given paths (directories walked recursively). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  paths.forEach(visit);
  return newest;
}

/**
 * Builds the web app into dist/ once, before any server starts, when dist/index.html is missing or older
 * than the web sources (so the browser never tests a stale bundle and servers never race to build it).
 */
export function ensureWebBuild(): void {
  const index = path.join(DIST, 'index.html');
  const sources = ['src/web', 'src/shared', 'public', 'index.html', 'vite.config.ts'].map((p) =>
    path.join(ROOT, p),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  const res = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (res.status !== 0)
    throw new Error(`vite build failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
}
