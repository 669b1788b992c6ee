import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { loadDemoData, DEMO_PASSWORD } from './db/seeds/load-demo.ts';
import { startStatusWorker, STATUS_WORKER_INTERVAL_MS } from './modules/statuses/status-service.ts';
import { generateDemoData, pickDemoLogins } from './db/seeds/demo-data.ts';
import { productionStartRefusal } from './modules/access/production-check.ts';
import { removeOrphanTempFiles } from './modules/attendance/photo-store.ts';

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
  const { app, services } = await buildApp({ config, db: handle.db, clock: systemClock });
  let seeded = false;
  if (config.demoData) {
    const any = await handle.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
    if (!any) {
      console.log('Memuat data demo…');
      await loadDemoData(handle.db, services.audit);
      seeded = true;
    }
  }
  await services.rulebooks.syncRepoRulebooks();
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
  // Photo retention (PHOTO_RETENTION_DAYS): once at start, then daily.
  const purge = () =>
    void services.attendance
      .purgePhotos()
      .then((n) => n > 0 && console.log(`Retensi foto: ${n} foto presensi dihapus`))
      .catch((err: Error) => console.error(`Retensi foto gagal: ${err.message}`));
  purge();
  // Temporary files of photo / letter writes cut off by a kill -9 (photos, request-files, leave-files).
  void removeOrphanTempFiles(config.photoDir)
    .then((n) => n > 0 && console.log(`Berkas sementara yatim: ${n} dihapus`))
    .catch((err: Error) => console.error(`Pembersihan berkas sementara gagal: ${err.message}`));
  const purgeTimer = setInterval(purge, 86_400_000);
  purgeTimer.unref();
  await app.listen({ host: config.host, port: config.port });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://localhost:${port}`;
  console.log(
    `\nAbdi berjalan di ${url}  (basis data: ${handle.engine === 'pglite' ? `PGlite di ${config.dataDir}` : 'PostgreSQL'})`,
  );
  if (config.apiDocs !== 'off')
    console.log(`Dokumentasi API: ${url}/docs${config.apiDocs === 'login' ? ' (setelah masuk)' : ''}`);
  if (config.demoData) {
    const logins = pickDemoLogins(generateDemoData());
    console.log(
      `\nLogin demo (kata sandi semua akun: ${DEMO_PASSWORD})${seeded ? '' : ' — data demo sudah ada'}:`,
    );
    console.log(`  super admin : admin`);
    for (const [role, list] of Object.entries(logins))
      console.log(
        `  ${role.padEnd(12)}: ${list
          .slice(0, 2)
          .map((l) => l.login)
          .join(', ')}`,
      );
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
    await stopStatuses();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
