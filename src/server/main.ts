import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { offsetClock, systemClock } from './clock.ts';
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

/**
 * Process entry: config → database → migrations → production check → demo data → web build → listen; graceful
 * shutdown. In production the server refuses to start, before serving anything, while an active account has a
 * demo/default password or when DEMO_DATA=true would load the demo province (`productionStartRefusal`).
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
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
  const handle = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  }).catch((err: Error) => {
    console.error(`Tidak dapat membuka basis data: ${err.message}`);
    process.exit(3);
  });
  await migrateToLatest(handle.db);
  const refusal = await productionStartRefusal({ db: handle.db, config });
  if (refusal) {
    console.error(refusal);
    await handle.close();
    process.exit(EXIT_UNSAFE_PRODUCTION);
  }
  ensureWebBuild(config);
  // TEST_CLOCK=true (tests only; refused in production by loadConfig): a clock POST /api/test/clock moves forward.
  const clock = config.testClock ? offsetClock() : systemClock;
  const { app, services } = await buildApp({ config, db: handle.db, clock });
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
  // Day statuses: recomputed within a minute of any change (a punch, a decision, a roster, a rulebook version);
  // every employee-day is stored once its date has ended.
  const stopStatuses = startStatusWorker(services.statuses, STATUS_WORKER_INTERVAL_MS, (err) =>
    console.error(`Pembaruan status harian gagal: ${(err as Error).message}`),
  );
  await services.org.syncCurrentPlacements();
  const timer = setInterval(
    () => void services.org.syncCurrentPlacements().catch(() => undefined),
    3_600_000,
  );
  timer.unref();
  // Leave and permit files kept before issue 14 move into the attachment store (once; idempotent).
  await services.files
    .adoptLegacy(legacyDirsOf(config))
    .then((n) => n > 0 && console.log(`Lampiran lama: ${n} berkas dipindahkan ke penyimpanan lampiran`))
    .catch((err: Error) =>
      console.error(`Pemindahan lampiran lama gagal (dicoba lagi saat mulai): ${err.message}`),
    );
  // Photo retention (PHOTO_RETENTION_DAYS) and attachment retention (ATTACHMENT_RETENTION_DAYS): once at
  // start, then daily.
  const purge = () => {
    void services.attendance
      .purgePhotos()
      .then((n) => n > 0 && console.log(`Retensi foto: ${n} foto presensi dihapus`))
      .catch((err: Error) => console.error(`Retensi foto gagal: ${err.message}`));
    void services.files
      .purgeExpired()
      .then((n) => n > 0 && console.log(`Retensi lampiran: ${n} lampiran dihapus`))
      .catch((err: Error) => console.error(`Retensi lampiran gagal: ${err.message}`));
  };
  purge();
  // Temporary files of photo / attachment writes cut off by a kill -9 (photos, attachments).
  void removeOrphanTempFiles(config.photoDir)
    .then((n) => n > 0 && console.log(`Berkas sementara yatim: ${n} dihapus`))
    .catch((err: Error) => console.error(`Pembersihan berkas sementara gagal: ${err.message}`));
  const purgeTimer = setInterval(purge, 86_400_000);
  purgeTimer.unref();
  // The daily digest of waiting items for superiors, once the local hour NOTIFICATION_DIGEST_HOUR has passed in
  // their zone; each zone-day is claimed in the database, so of several server processes one sends it.
  const digest = () =>
    void services.notifications
      .runDigests()
      .then((n) => n > 0 && console.log(`Ringkasan harian: ${n} notifikasi untuk atasan`))
      .catch((err: Error) => console.error(`Ringkasan harian gagal: ${err.message}`));
  const digestTimer = setInterval(digest, 5 * 60_000);
  digestTimer.unref();
  digest();
  await app.listen({ host: config.host, port: config.port });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://localhost:${port}`;
  console.log(
    `\nAbdi berjalan di ${url}  (basis data: ${handle.engine === 'pglite' ? `PGlite di ${config.dataDir}` : 'PostgreSQL'})`,
  );
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
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: menutup server…`);
    clearInterval(timer);
    clearInterval(purgeTimer);
    clearInterval(digestTimer);
    await stopStatuses();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
