import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { DIST } from './web-build.ts';

/*
 * The real server (`scripts/start.ts`) as a child process, for the browser tests' files (e2e/harness.ts) and their
 * global setup (e2e/global-build.ts, which loads the demo province into the run's templates): no Vitest state here.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 120_000;

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
 * Spawns the server on a free port with demo data (the bare province unless `extraEnv` asks for DEMO_HISTORY), on
 * the given PostgreSQL database or PGlite data directory; resolves once /api/health answers ok. `stop()` ends its
 * process group (SIGTERM, then SIGKILL after 10 s). `root`: another checkout whose server and web build run (bench/web
 * `--root`); `nodeArgs`: Node flags before the script (e.g. those of package.json `start`).
 */
export async function spawnServer(
  storage: { databaseUrl: string } | { dataDir: string },
  extraEnv: Record<string, string> = {},
  { root = ROOT, nodeArgs = [] }: { root?: string; nodeArgs?: string[] } = {},
): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
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
    WEB_DIST_DIR: root === ROOT ? DIST : path.join(root, 'dist'),
    // The e2e run signs in many times from one address; keep the limiter out of the way.
    LOGIN_RATE_PER_MINUTE: '1000',
    DATABASE_URL: 'databaseUrl' in storage ? storage.databaseUrl : undefined,
    DATA_DIR: 'dataDir' in storage ? storage.dataDir : undefined,
    ...extraEnv,
  };
  const child = spawn(process.execPath, [...nodeArgs, 'scripts/start.ts'], {
    cwd: root,
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
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, stop };
}
