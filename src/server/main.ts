import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { offsetClock, systemClock, type Clock } from './clock.ts';
import { loadDemoData, DEMO_PASSWORD } from './db/seeds/load-demo.ts';
import { startStatusWorker, STATUS_WORKER_INTERVAL_MS } from './modules/statuses/status-service.ts';
import { demoLoginBanner, generateDemoData } from './db/seeds/demo-data.ts';
import { productionStartRefusal } from './auth/production-check.ts';
import { removeOrphanTempFiles } from './modules/attendance/photo-store.ts';
import { legacyDirsOf } from './files/attachment-service.ts';
import { addDays } from '../core/common/local-date.ts';
import { toZoned } from '../core/common/zoned-time.ts';

/**
 * The go-live of the demo province without history (DEMO_HISTORY=false): the first day of the month before last
 * (WIB), so the recent months have data to judge and earlier ones are "no data".
 */
function bareDemoGoLive(now: Date): string {
  const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
  const today = toZoned(now.getTime(), 'Asia/Jakarta').date;
  return firstOfMonth(addDays(firstOfMonth(addDays(firstOfMonth(today), -1)), -1));
}

/** Exit code of a production start refused for demo/default passwords (after 2 configuration, 3 database). */
export const EXIT_UNSAFE_PRODUCTION = 4;

/** Build the web app with Vite when dist/ is missing (first `npm start` on a fresh clone). */
function ensureWebBuild(config: Config) {
  if (existsSync(path.join(config.webDistDir, 'index.html'))) return;
  console.log('Membangun aplikasi web (sekali saja)…');
  const res = spawnSync(
    process.execPath,
    [
      path.resolve('node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      config.webDistDir,
      '--logLevel',
      'warn',
    ],
    {
      stdio: 'inherit',
    },
  );
  if (res.status !== 0) console.warn('Peringatan: build web gagal; API tetap berjalan.');
}

/** What `prepare` built: the app (not listening yet), its services and the periodic scheduler. */
type Prepared = Awaited<ReturnType<typeof buildApp>> & { seeded: boolean };

/** Open the database (exit 3 when it cannot be opened). */
async function openDatabase(config: Config) {
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
  return createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    applicationName: `abdi ${process.pid}`,
  }).catch((err: Error) => {
    console.error(`Tidak dapat membuka basis data: ${err.message}`);
    process.exit(3);
  });
}

/**
 * The one-time work of a start, done by one process: migrations, the production check (exit 4), the web build,
 * the rulebooks of the repository, the demo data, and the move of legacy attachment folders.
 */
async function prepare(config: Config, handle: DatabaseHandle, clock: Clock): Promise<Prepared> {
  await migrateToLatest(handle.db);
  const refusal = await productionStartRefusal({ db: handle.db, config });
  if (refusal) {
    console.error(refusal);
    await handle.close();
    process.exit(EXIT_UNSAFE_PRODUCTION);
  }
  ensureWebBuild(config);
  const built = await buildApp({ config, db: handle.db, clock });
  const { services } = built;
  // Rulebooks first: the demo history is judged and classified by them.
  await services.rulebooks.syncRepoRulebooks();
  let seeded = false;
  if (config.demoData) {
    const any = await handle.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
    if (!any) {
      console.log(
        config.demoHistory ? 'Memuat data demo dengan riwayat tiga bulan terakhir…' : 'Memuat data demo…',
      );
      const loaded = await loadDemoData(
        handle.db,
        services.audit,
        undefined,
        config.demoHistory
          ? { history: { until: clock.now(), config } }
          : { goLive: bareDemoGoLive(clock.now()) },
      );
      const h = loaded.history;
      if (h)
        console.log(
          `Riwayat demo ${h.start} s.d. ${h.today}: ${h.punches} presensi, ${h.leave} cuti, ${h.permits} izin, ` +
            `${h.corrections} koreksi, ${h.reviews} tinjauan, ${h.closings} penutupan bulan (${(h.ms / 1000).toFixed(1)} s)`,
        );
      seeded = true;
    }
  }
  // Leave and permit files kept before issue 14 move into the attachment store (once; idempotent).
  await services.files
    .adoptLegacy(legacyDirsOf(config))
    .then((n) => n > 0 && console.log(`Lampiran lama: ${n} berkas dipindahkan ke penyimpanan lampiran`))
    .catch((err: Error) =>
      console.error(`Pemindahan lampiran lama gagal (dicoba lagi saat mulai): ${err.message}`),
    );
  return { ...built, seeded };
}

/**
 * Serve: the background work of this process (status worker; periodic jobs under the scheduler's advisory locks, so
 * of several processes one runs each at a time), listen, graceful shutdown on SIGINT/SIGTERM. @returns the port
 */
async function serve(config: Config, handle: DatabaseHandle, { app, services, periodic }: Prepared) {
  // Day statuses: recomputed within a minute of any change (a punch, a decision, a roster, a rulebook version);
  // every employee-day is stored once its date has ended. The queue is taken under its own advisory lock.
  const stopStatuses = startStatusWorker(
    services.statuses,
    config.testJobIntervalMs ?? STATUS_WORKER_INTERVAL_MS,
    (err) => console.error(`Pembaruan status harian gagal: ${(err as Error).message}`),
  );
  // The denormalised current placement of every employee: before serving, then hourly.
  const placements = {
    name: 'org.sync-placements',
    everyMs: 3_600_000,
    atStart: false,
    run: async () => Number((await services.org.syncCurrentPlacements()).numAffectedRows ?? 0),
  };
  await periodic.runExclusive(placements);
  periodic.add(placements);
  // Photo retention (PHOTO_RETENTION_DAYS) and attachment retention (ATTACHMENT_RETENTION_DAYS): once at
  // start, then daily.
  periodic.add({
    name: 'retention.purge',
    everyMs: 86_400_000,
    run: async () => {
      const photos = await services.attendance.purgePhotos();
      if (photos > 0) console.log(`Retensi foto: ${photos} foto presensi dihapus`);
      const attachments = await services.files.purgeExpired();
      if (attachments > 0) console.log(`Retensi lampiran: ${attachments} lampiran dihapus`);
      return { photos, attachments };
    },
  });
  // Temporary files of photo / attachment writes cut off by a kill -9 (photos, attachments; only those older than
  // 15 minutes, so another process's write in progress is left alone).
  void removeOrphanTempFiles(config.photoDir)
    .then((n) => n > 0 && console.log(`Berkas sementara yatim: ${n} dihapus`))
    .catch((err: Error) => console.error(`Pembersihan berkas sementara gagal: ${err.message}`));
  // The daily digest of waiting items for superiors, once the local hour NOTIFICATION_DIGEST_HOUR has passed in
  // their zone; each zone-day is claimed in the database, so of several server processes one sends it.
  periodic.add({
    name: 'notifications.digest',
    everyMs: 5 * 60_000,
    run: async () => {
      const n = await services.notifications.runDigests();
      if (n > 0) console.log(`Ringkasan harian: ${n} notifikasi untuk atasan`);
      return n;
    },
  });
  await app.listen({ host: config.host, port: config.port });
  let closing = false;
  const shutdown = async (signal: string) => {
    // A worker gets the signal twice when its process group is signalled (from there and from the primary).
    if (closing) return;
    closing = true;
    if (!cluster.isWorker) console.log(`\n${signal}: menutup server…`);
    await stopStatuses();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  const on = cluster.isWorker ? process.on.bind(process) : process.once.bind(process);
  on('SIGINT', () => void shutdown('SIGINT'));
  on('SIGTERM', () => void shutdown('SIGTERM'));
  return (app.server.address() as { port: number }).port;
}

/** The lines printed once the server answers: its address, the API document, demo logins, the first admin. */
async function banner(
  config: Config,
  port: number,
  engine: string,
  services: Prepared['services'],
  seeded: boolean,
) {
  const url = `http://localhost:${port}`;
  console.log(`\nAbdi berjalan di ${url}  (basis data: ${engine})`);
  if (config.apiDocs !== 'off')
    console.log(`Dokumentasi API: ${url}/docs${config.apiDocs === 'login' ? ' (setelah masuk)' : ''}`);
  if (config.demoData) {
    console.log(
      `\nLogin demo (kata sandi semua akun: ${DEMO_PASSWORD})${seeded ? '' : ' — data demo sudah ada'}:`,
    );
    for (const line of demoLoginBanner(generateDemoData())) console.log(line);
  }
  if (!(await services.accounts.hasAnyAccount()))
    console.log(
      '\nBelum ada akun. Buat super admin pertama (hentikan server dulu bila memakai PGlite):\n' +
        '  npm run admin:create -- --username admin',
    );
}

/** Longest wait before a worker process that keeps dying is started again. */
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that lived this long is healthy again: its next restart waits 1 s. */
const HEALTHY_AFTER_MS = 60_000;
/** How long a graceful stop waits for the workers before killing them. */
const STOP_GRACE_MS = 20_000;

/**
 * SERVER_PROCESSES > 1 (PostgreSQL only): this primary process does the one-time work once, then forks the worker
 * processes (node:cluster; they share the port), starts again a worker that dies (after 1 s, doubling up to 30 s
 * while it keeps dying within a minute; logged), and on SIGINT/SIGTERM stops them gracefully.
 */
async function runPrimary(config: Config, clock: Clock) {
  const handle = await openDatabase(config);
  const prepared = await prepare(config, handle, clock);
  const hasAccount = await prepared.services.accounts.hasAnyAccount();
  await prepared.app.close();
  await handle.close();
  const want = config.serverProcesses;
  const slotOf = new Map<number, { slot: number; startedAt: number }>();
  const failures = new Array<number>(want).fill(0);
  const listening = new Set<number>();
  let stopping = false;
  const fork = (slot: number) => {
    const w = cluster.fork();
    slotOf.set(w.id, { slot, startedAt: Date.now() });
  };
  cluster.on('listening', (worker, address) => {
    const slot = slotOf.get(worker.id)!.slot;
    const fresh = !listening.has(slot);
    listening.add(slot);
    console.log(`Proses pekerja ${worker.process.pid} siap`);
    // Once, when every worker of the first start listens (a restarted worker says only that it is ready).
    if (fresh && listening.size === want) {
      const url = `http://localhost:${address.port}`;
      console.log(`\nAbdi berjalan di ${url}  (basis data: PostgreSQL, ${want} proses pekerja)`);
      if (config.apiDocs !== 'off')
        console.log(`Dokumentasi API: ${url}/docs${config.apiDocs === 'login' ? ' (setelah masuk)' : ''}`);
      if (config.demoData) {
        console.log(
          `\nLogin demo (kata sandi semua akun: ${DEMO_PASSWORD})${prepared.seeded ? '' : ' — data demo sudah ada'}:`,
        );
        for (const line of demoLoginBanner(generateDemoData())) console.log(line);
      }
      if (!hasAccount)
        console.log(
          '\nBelum ada akun. Buat super admin pertama:\n  npm run admin:create -- --username admin',
        );
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const info = slotOf.get(worker.id)!;
    slotOf.delete(worker.id);
    if (stopping) return;
    failures[info.slot] = Date.now() - info.startedAt > HEALTHY_AFTER_MS ? 1 : failures[info.slot]! + 1;
    const delay = Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (failures[info.slot]! - 1));
    console.error(
      `Proses pekerja ${worker.process.pid} berhenti (${signal ?? `kode ${code}`}); ` +
        `dimulai ulang dalam ${delay / 1000} s`,
    );
    setTimeout(() => !stopping && fork(info.slot), delay);
  });
  for (let slot = 0; slot < want; slot++) fork(slot);
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: menutup ${want} proses pekerja…`);
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    const exited = workers.map(
      (w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))),
    );
    for (const w of workers) w.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      console.error('Proses pekerja tidak berhenti tepat waktu; dihentikan paksa');
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await Promise.all(exited);
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** A worker process of the cluster: the primary did the one-time work; this one builds the app and serves. */
async function runWorker(config: Config, clock: Clock) {
  const handle = await openDatabase(config);
  const built = await buildApp({ config, db: handle.db, clock });
  await serve(config, handle, { ...built, seeded: false });
}

/**
 * Process entry: config (exit 2 on a bad variable, e.g. SERVER_PROCESSES=0) → database → migrations → production
 * check → demo data → web build → listen; graceful shutdown. In production the server refuses to start, before
 * serving anything, while an active account has a demo/default password or when DEMO_DATA=true would load the demo
 * province (`productionStartRefusal`). SERVER_PROCESSES > 1: a primary does the one-time work and runs that many
 * worker processes on the port (`runPrimary`); 1 = this one process does everything, as before.
 */
export async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // TEST_CLOCK=true (tests only; refused in production by loadConfig): a clock POST /api/test/clock moves forward.
  const clock = config.testClock ? offsetClock() : systemClock;
  if (cluster.isWorker) return runWorker(config, clock);
  if (config.serverProcesses > 1) return runPrimary(config, clock);
  const handle = await openDatabase(config);
  const prepared = await prepare(config, handle, clock);
  const port = await serve(config, handle, prepared);
  await banner(
    config,
    port,
    handle.engine === 'pglite' ? `PGlite di ${config.dataDir}` : 'PostgreSQL',
    prepared.services,
    prepared.seeded,
  );
}
