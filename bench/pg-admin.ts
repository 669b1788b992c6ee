import pg from 'pg';

/** The same server's URL with another database name (benchmarks create a scratch database per run). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One statement on the server at `url` (create/drop database), on a connection of its own (benchmarks, and the
 * browser tests' templates: e2e/).
 */
export async function adminQuery(url: string, text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

/**
 * A command-line option of a benchmark: `--name value` or `--name=value` (a following `--flag` is not a value),
 * else `fallback`.
 */
export function opt(name: string, fallback: string, argv: readonly string[] = process.argv.slice(2)): string {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) return argv[i + 1]!;
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}
