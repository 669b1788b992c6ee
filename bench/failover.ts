/**
 * A standby that takes over: the primary PostgreSQL is killed under check-in load, the standby is promoted, and the
 * app carries on by itself (issue 20, point 2; docs/operations.md "High availability").
 *
 *   npm run bench:failover [-- --employees 40] [--clients 16] [--before 8] [--promote-after 2] [--after 10]
 *                             [--kill sigkill|immediate] [--sync on|remote_apply] [--ports 55432,55433]
 *                             [--request-timeout 3000] [--retry-ms 250]
 *
 * Run as root (the clusters run as the OS user `postgres`, binaries in /usr/lib/postgresql/15/bin). It:
 *   1. creates two PostgreSQL 15 clusters of its own in a temp dir (never the one on 5432): a primary with
 *      wal_level=replica, synchronous_standby_names='abdi_standby' and synchronous_commit=on|remote_apply, and a
 *      standby from `pg_basebackup -R`; waits until the primary reports it in pg_stat_replication as sync_state=sync;
 *   2. starts the real server (bench/checkin-server.ts: the demo province on a fresh database) with
 *      DATABASE_URL=postgres://postgres@127.0.0.1:P1,127.0.0.1:P2/abdi?target_session_attrs=read-write;
 *   3. drives check-in load: `--clients` loops send signed punches, each with its own idempotency key; a punch
 *      that fails (network error, time-out, 5xx) is sent again, the same bytes under the same key, every
 *      `--retry-ms` until acknowledged (2xx), as the PWA's offline queue does. /api/health/ready is polled too;
 *   4. after `--before` s kills the primary hard (SIGKILL of the postmaster and all its processes: a crash; or
 *      `pg_ctl stop -m immediate`), waits `--promote-after` s (the time an operator or Patroni takes to decide), runs
 *      `pg_ctl promote` on the standby and keeps the load going for `--after` s; then waits for every punch to be
 *      acknowledged;
 *   5. prints the punches acknowledged, the acknowledged punches missing from the promoted database (must be 0), the
 *      idempotency keys stored twice or acknowledged with another punch's id (must be 0), the seconds without
 *      service, and whether the server process is the one started at the beginning (no restart).
 * Exits 1 when a punch was lost or doubled, or the server did not recover. The clusters and the temp dir are
 * removed at the end, also on failure or Ctrl-C.
 */
import { execFile, type ExecFileOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  prepareEmployees,
  signedPunch,
  spawnBenchServer,
  type BenchServerProcess,
  type Emp,
} from './checkin-client.ts';
import { opt } from './pg-admin.ts';

const EMPLOYEES = Number(opt('employees', '40'));
const CLIENTS = Number(opt('clients', '16'));
const BEFORE_S = Number(opt('before', '8'));
const PROMOTE_AFTER_S = Number(opt('promote-after', '2'));
const AFTER_S = Number(opt('after', '10'));
const KILL = opt('kill', 'sigkill');
const SYNC = opt('sync', 'on');
const [P1, P2] = opt('ports', '55432,55433').split(',').map(Number) as [number, number];
const REQUEST_TIMEOUT_MS = Number(opt('request-timeout', '3000'));
const RETRY_MS = Number(opt('retry-ms', '250'));
const BIN = '/usr/lib/postgresql/15/bin';
const ROOT = path.resolve(import.meta.dirname, '..');
if (!['sigkill', 'immediate'].includes(KILL)) throw new Error('--kill sigkill|immediate');
if (!['on', 'remote_apply'].includes(SYNC)) throw new Error('--sync on|remote_apply');
if (P1 === 5432 || P2 === 5432) throw new Error('--ports: 5432 is the main cluster; choose other ports');

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const t0 = performance.now();
const now = () => performance.now() - t0;
const secs = (ms: number) => `${fmt(ms / 1000, 2)} s`;
const log = (msg: string) => console.log(`[${fmt(now() / 1000, 1).padStart(6)} s] ${msg}`);

/** A PostgreSQL binary run as the OS user postgres. */
async function asPostgres(bin: string, args: string[], options: ExecFileOptions = {}) {
  return run('runuser', ['-u', 'postgres', '--', path.join(BIN, bin), ...args], {
    ...options,
    encoding: 'utf8',
  });
}

// ------------------------------------------------------------------ clean-up, also on failure and Ctrl-C
const cleanups: (() => Promise<unknown>)[] = [];
let cleaned = false;
async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  for (const c of cleanups.splice(0).reverse())
    await c().catch((e: Error) => console.error(`cleanup: ${e.message}`));
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(sig, () => {
    console.error(`\n${sig}: menghentikan server dan klaster, menghapus direktori sementara…`);
    void cleanUp().finally(() => process.exit(130));
  });

// ------------------------------------------------------------------ the two clusters
interface Cluster {
  name: string;
  dir: string;
  port: number;
}

async function pgConf(dir: string, lines: Record<string, string | number>) {
  const text = Object.entries(lines)
    .map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v}'`}\n`)
    .join('');
  await appendFile(path.join(dir, 'postgresql.auto.conf'), text);
}

async function startCluster(c: Cluster) {
  await asPostgres('pg_ctl', ['-D', c.dir, '-l', `${c.dir}.log`, '-w', '-t', '60', 'start']);
  cleanups.push(() => stopCluster(c));
}
/** Stop a cluster if it still runs (fast shutdown). */
async function stopCluster(c: Cluster) {
  const pid = await postmasterPid(c);
  if (pid !== null && alive(pid))
    await asPostgres('pg_ctl', ['-D', c.dir, '-w', '-t', '30', '-m', 'fast', 'stop']);
}
async function postmasterPid(c: Cluster): Promise<number | null> {
  try {
    return Number((await readFile(path.join(c.dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return null;
  }
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** The process ids of `pid`'s children (the backends, walsender, checkpointer… of a postmaster). */
async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

const clusterQuery = async <T extends pg.QueryResultRow>(port: number, text: string, db = 'postgres') => {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: db });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
};

async function setUpClusters(): Promise<{ primary: Cluster; standby: Cluster }> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'abdi-failover-'));
  cleanups.push(() => rm(base, { recursive: true, force: true }));
  await chown(base, ...(await postgresIds()));
  const primary: Cluster = { name: 'primary', dir: path.join(base, 'primary'), port: P1 };
  const standby: Cluster = { name: 'standby', dir: path.join(base, 'standby'), port: P2 };
  for (const p of [P1, P2]) {
    const busy = await clusterQuery(p, 'select 1').then(
      () => true,
      () => false,
    );
    if (busy)
      throw new Error(`Port ${p} sudah dipakai server PostgreSQL lain; pilih port lain dengan --ports`);
  }

  await asPostgres('initdb', [
    '-D',
    primary.dir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  await pgConf(primary.dir, {
    listen_addresses: '127.0.0.1',
    port: P1,
    unix_socket_directories: base,
    max_connections: 60,
    shared_buffers: '64MB',
    wal_level: 'replica',
    max_wal_senders: 4,
    synchronous_commit: SYNC,
  });
  await startCluster(primary);
  await clusterQuery(P1, 'create database abdi');

  await asPostgres('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(P1),
    '-U',
    'postgres',
    '-D',
    standby.dir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  await pgConf(standby.dir, {
    port: P2,
    // Named so the primary's synchronous_standby_names matches it.
    primary_conninfo: `host=127.0.0.1 port=${P1} user=postgres application_name=abdi_standby`,
    // Once promoted it has no standby of its own: waiting for one would block every commit.
    synchronous_standby_names: '',
  });
  await startCluster(standby);

  // Only now that the standby exists: with it named earlier, every commit (`create database` too) would wait for it.
  // From here the commit of a punch returns only once the standby has it (flushed, or applied with remote_apply).
  await clusterQuery(P1, `alter system set synchronous_standby_names = 'abdi_standby'`);
  await clusterQuery(P1, 'select pg_reload_conf()');
  for (let i = 0; ; i++) {
    const rows = await clusterQuery<{ sync_state: string; state: string }>(
      P1,
      `select sync_state, state from pg_stat_replication where application_name = 'abdi_standby'`,
    );
    if (rows[0]?.sync_state === 'sync' && rows[0].state === 'streaming') break;
    if (i > 300) throw new Error(`the standby never streamed synchronously: ${JSON.stringify(rows)}`);
    await sleep(100);
  }
  return { primary, standby };
}

async function postgresIds(): Promise<[number, number]> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return [uid, gid];
}

/** The primary crashes: SIGKILL of the postmaster and every process of it, or `pg_ctl stop -m immediate`. */
async function killPrimary(c: Cluster) {
  if (KILL === 'immediate') {
    await asPostgres('pg_ctl', ['-D', c.dir, '-m', 'immediate', 'stop']);
    return;
  }
  const pid = (await postmasterPid(c))!;
  const pidFile = await readFile(path.join(c.dir, 'postmaster.pid'), 'utf8');
  const children = await childrenOf(pid);
  for (const p of [pid, ...children]) process.kill(p, 'SIGKILL');
  // A postmaster killed outright leaves its System V shared memory segment behind (line 7: key and id).
  const shmId = pidFile.split('\n')[6]?.trim().split(/\s+/)[1];
  cleanups.push(async () => {
    if (shmId) await run('ipcrm', ['-m', shmId]).catch(() => undefined);
  });
}

// ------------------------------------------------------------------ the load
interface Punch {
  key: string;
  emp: Emp;
  body: string;
  /** Request attempts and when each ended. */
  attempts: number;
  ackAt?: number;
  ackId?: string;
  replayed?: boolean;
}
const stats = {
  sent: 0,
  acked: 0,
  retries: 0,
  replayedAcks: 0,
  statuses: new Map<string, number>(),
  conflicts: 0,
  refusals: [] as string[],
};
const punches: Punch[] = [];
const tag = randomBytes(3).toString('hex');
const countStatus = (s: string) => stats.statuses.set(s, (stats.statuses.get(s) ?? 0) + 1);
/** Successful and failed answers, each with the time it arrived (ms since start). */
const successes: number[] = [];
const failures: number[] = [];

/** Send one punch until acknowledged (the PWA's queue: same body, same key, again after a pause). */
async function deliver(url: string, p: Punch) {
  for (;;) {
    p.attempts++;
    if (p.attempts > 1) stats.retries++;
    let status: string;
    try {
      const r = await fetch(`${url}/api/attendance/punches`, {
        method: 'POST',
        headers: {
          cookie: p.emp.cookie,
          'x-csrf-token': p.emp.csrf,
          'content-type': 'application/json',
          'user-agent': 'abdi-failover/1 (Android 14)',
        },
        body: p.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = String(r.status);
      const json = (await r.json()) as {
        punch?: { id: string };
        replayed?: boolean;
        error?: { code: string };
      };
      if (r.status === 200 || r.status === 201) {
        p.ackAt = now();
        p.ackId = json.punch!.id;
        p.replayed = json.replayed === true;
        if (p.replayed) stats.replayedAcks++;
        stats.acked++;
        successes.push(p.ackAt);
        countStatus(status);
        return;
      }
      if (r.status === 409) {
        stats.conflicts++;
        countStatus(status);
        return; // the same body under the same key must never be a conflict: reported, not retried
      }
      if (r.status < 500) {
        // Any other refusal is a bug of the setup (session, signature): reported, not retried.
        stats.refusals.push(`${p.key}: ${r.status} ${JSON.stringify(json)}`);
        countStatus(status);
        return;
      }
    } catch (err) {
      status = (err as Error).name === 'TimeoutError' ? 'time-out' : 'network error';
    }
    countStatus(status);
    failures.push(now());
    await sleep(RETRY_MS);
  }
}

// ------------------------------------------------------------------ main
let exitCode = 1;
try {
  console.log(
    `Failover test — ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')} ` + `(other processes share this machine: absolute times are inflated by them)`,
  );
  const { primary, standby } = await setUpClusters();
  log(`primary on ${P1}, synchronous standby on ${P2} streaming (synchronous_commit=${SYNC})`);

  const databaseUrl = `postgres://postgres@127.0.0.1:${P1},127.0.0.1:${P2}/abdi?target_session_attrs=read-write&connect_timeout=2`;
  const photoDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-failover-photos-'));
  cleanups.push(() => rm(photoDir, { recursive: true, force: true }));
  const server: BenchServerProcess = await spawnBenchServer({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'fatal',
    DEMO_DATA: 'true',
    WEB_DIST_DIR: path.join(ROOT, '.no-web'),
    PHOTO_DIR: photoDir,
    LOGIN_RATE_PER_MINUTE: '10000',
    DATABASE_URL: databaseUrl,
    DATA_DIR: undefined,
  });
  cleanups.push(() => server.stop());
  const serverPid = server.pid;
  log(`server ${serverPid} up on ${server.url} with DATABASE_URL=${databaseUrl}`);
  const emps = await prepareEmployees(server.url, EMPLOYEES);
  log(`${emps.length} employees signed in with a device key; load: ${CLIENTS} clients`);

  // Readiness, polled all along.
  const ready: { at: number; status: number }[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const status = await fetch(`${server.url}/api/health/ready`, {
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }).then(
        (r) => r.status,
        () => 0,
      );
      ready.push({ at: now(), status });
      await sleep(200);
    }
  })();

  let producing = true;
  let seq = 0;
  const client = async () => {
    while (producing) {
      const i = seq++;
      const emp = emps[i % emps.length]!;
      const key = `fo-${tag}-${i}`;
      const p: Punch = { key, emp, body: JSON.stringify(signedPunch(emp, i, key)), attempts: 0 };
      punches.push(p);
      stats.sent++;
      await deliver(server.url, p);
    }
  };
  const clients = Array.from({ length: CLIENTS }, () => client());

  await sleep(BEFORE_S * 1000);
  const ackedBeforeKill = stats.acked;
  const killAt = now();
  await killPrimary(primary);
  log(
    `primary killed (${KILL === 'sigkill' ? 'SIGKILL of the postmaster and its processes' : 'pg_ctl stop -m immediate'}); ${ackedBeforeKill} punches acknowledged so far`,
  );
  await sleep(PROMOTE_AFTER_S * 1000);
  const promoteStart = now();
  await asPostgres('pg_ctl', ['-D', standby.dir, '-w', '-t', '60', 'promote']);
  const promotedAt = now();
  log(`standby promoted (pg_ctl promote took ${secs(promotedAt - promoteStart)})`);
  await sleep(AFTER_S * 1000);
  producing = false;
  log('load stopped; waiting for the punches still being retried');
  await Promise.race([Promise.all(clients), sleep(60_000)]);
  polling = false;
  await poller;

  // ---------------------------------------------------------------- verification on the promoted database
  const stored = await clusterQuery<{ key: string; id: string; employee_id: string }>(
    P2,
    `select idempotency_key as key, id::text as id, employee_id::text as employee_id from punches where idempotency_key like 'fo-${tag}-%'`,
    'abdi',
  );
  const storedByKey = new Map<string, { id: string; employee_id: string }[]>();
  for (const r of stored) storedByKey.set(r.key, [...(storedByKey.get(r.key) ?? []), r]);
  const acked = punches.filter((p) => p.ackId);
  const lost = acked.filter((p) => !storedByKey.has(p.key));
  const doubledKeys = [...storedByKey.values()].filter((rows) => rows.length > 1).length;
  const wrongId = acked.filter((p) => {
    const rows = storedByKey.get(p.key);
    return rows && !rows.some((r) => r.id === p.ackId && r.employee_id === p.emp.employeeId);
  });
  const unacked = punches.filter((p) => !p.ackId);
  const inRecovery = (await clusterQuery<{ r: boolean }>(P2, 'select pg_is_in_recovery() as r'))[0]!.r;

  const lastBefore = successes.filter((t) => t < killAt).at(-1) ?? killAt;
  const firstAfter = successes.find((t) => t > promotedAt);
  // The first request that failed because of the kill (one timed out earlier under load does not count).
  const firstFailure = failures.find((t) => t >= killAt) ?? null;
  const notReady = ready.filter((r) => r.at > killAt && r.status !== 200);
  const readyAgain = ready.find((r) => r.at > promotedAt && r.status === 200);
  const serverAlive = server.child.exitCode === null && server.child.signalCode === null && alive(serverPid);

  console.log('\nResults');
  console.log(
    `  punches sent                                  ${fmt(stats.sent)} (${fmt(stats.retries)} retries of a failed or timed-out request)`,
  );
  console.log(
    `  punches acknowledged                          ${fmt(acked.length)} (${fmt(ackedBeforeKill)} before the kill; ${fmt(stats.replayedAcks)} answered as a replay of a punch already stored)`,
  );
  console.log(
    `  answers by status                             ${[...stats.statuses].map(([k, v]) => `${k} × ${fmt(v)}`).join(', ')}`,
  );
  console.log(
    `  acknowledged punches lost                     ${lost.length}${
      lost.length
        ? ` (${lost
            .slice(0, 5)
            .map((p) => p.key)
            .join(', ')}…)`
        : ''
    }  (must be 0)`,
  );
  console.log(
    `  retried punches doubled                       ${doubledKeys + wrongId.length} (keys stored twice ${doubledKeys}, acknowledged with another row's id ${wrongId.length})  (must be 0)`,
  );
  console.log(`  conflicts (409) on a retry                    ${stats.conflicts}  (must be 0)`);
  if (stats.refusals.length)
    console.log(
      `  other refusals (4xx)                          ${stats.refusals.length}: ${stats.refusals.slice(0, 3).join('; ')}`,
    );
  console.log(`  punches never acknowledged                    ${unacked.length}`);
  console.log(
    `  rows of this run in the promoted database     ${fmt(stored.length)} (${inRecovery ? 'STILL IN RECOVERY' : 'now the primary'})`,
  );
  console.log('  timeline (from the kill)');
  console.log(`    first failed request                        +${secs((firstFailure ?? killAt) - killAt)}`);
  console.log(
    `    standby promoted                            +${secs(promotedAt - killAt)} (--promote-after ${PROMOTE_AFTER_S} s: the operator's or Patroni's decision)`,
  );
  console.log(
    `    first acknowledged punch after promotion    ${firstAfter !== undefined ? `+${secs(firstAfter - killAt)}` : 'NONE'}`,
  );
  console.log(
    `    readiness 503 during the outage             ${notReady.length} of the polls after the kill${notReady.length ? ` (first at +${secs(notReady[0]!.at - killAt)})` : ''}; 200 again at ${readyAgain ? `+${secs(readyAgain.at - killAt)}` : 'NEVER'}`,
  );
  const withoutService = firstAfter !== undefined ? firstAfter - lastBefore : NaN;
  console.log(
    `  seconds without service                       ${secs(withoutService)} (last acknowledgement before the kill → first after the promotion)`,
  );
  if (firstFailure !== null && firstAfter !== undefined)
    console.log(
      `    of which: first failed request → first success ${secs(firstAfter - firstFailure)}; the app's own share, promotion → first success ${secs(firstAfter - promotedAt)}`,
    );
  console.log(
    `  server process                                ${serverAlive ? `the same (pid ${serverPid}), never restarted` : 'DIED'}`,
  );

  const ok =
    lost.length === 0 &&
    doubledKeys === 0 &&
    wrongId.length === 0 &&
    stats.conflicts === 0 &&
    stats.refusals.length === 0 &&
    unacked.length === 0 &&
    firstAfter !== undefined &&
    serverAlive &&
    !inRecovery;
  console.log(
    `\n${ok ? 'PASS' : 'FAIL'}: ${ok ? 'no acknowledged punch lost, none doubled, the app carried on by itself' : 'see above'}`,
  );
  exitCode = ok ? 0 : 1;
} catch (err) {
  console.error(`\nGAGAL: ${(err as Error).stack ?? String(err)}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
