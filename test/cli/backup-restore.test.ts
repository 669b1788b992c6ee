import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { main as backupMain } from '../../scripts/backup.ts';
import { main as restoreMain } from '../../scripts/restore.ts';
import { main as auditVerifyMain } from '../../scripts/audit-verify.ts';
import { MANIFEST_ENTRY, type BackupManifest } from '../../src/core/common/backup-manifest.ts';
import { indexTar, readEntry, TarWriter } from '../../src/server/backup/tar.ts';
import { Migrator } from 'kysely/migration';
import { writeBackup } from '../../src/server/backup/backup.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { pendingMigrations } from '../../src/server/db/migrate.ts';
import { migrations } from '../../src/server/db/migrations/index.ts';
import { createAuditService } from '../../src/server/modules/audit/audit-service.ts';
import { localPhotoStore } from '../../src/server/modules/attendance/photo-store.ts';
import { createCliDatabase, runCli, runNpmScript, type CliDatabase } from '../helpers/cli.ts';
import { dbContent } from '../helpers/db-content.ts';
import { withDatabase } from '../helpers/global-setup.ts';
import { dropTestDatabase } from '../helpers/test-db.ts';

/*
 * The restore drill (issue 20 point 3): the demo province plus a few photos and attachments is backed up with
 * `npm run backup`, restored with `npm run restore` into empty databases (a migrated one, and one never
 * migrated, of this engine; with TEST_DATABASE_URL also through PGlite and back to PostgreSQL), and compared:
 * every table's rows and every sequence equal, the files byte-equal, the audit chain verifying. Then the bad
 * input: a target holding data, a backup of a newer schema, a damaged backup (rolled back half-way), a full
 * backup disk: each refused with its reason, nothing stored changed, no partial file left.
 */

interface Target {
  env: Record<string, string>;
  photoDir: string;
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

const tmp: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tmp.push(dir);
  return dir;
}

async function use<T>(t: Pick<Target, 'open'>, fn: (h: DatabaseHandle) => Promise<T>): Promise<T> {
  const h = await t.open();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

/** A migrated, empty database of this run's engine (a clone of the plain template) and an empty photo folder. */
async function migratedTarget(): Promise<Target> {
  const db: CliDatabase = await createCliDatabase();
  const photoDir = await tempDir('abdi-restore-photos-');
  return { env: { ...db.env, PHOTO_DIR: photoDir }, photoDir, open: db.open, dispose: db.dispose };
}

/** A PGlite data directory never opened: the restore migrates it itself. */
async function freshPglite(): Promise<Target> {
  const dir = await tempDir('abdi-restore-pglite-');
  const photoDir = await tempDir('abdi-restore-photos-');
  return {
    env: { DATA_DIR: dir, PHOTO_DIR: photoDir },
    photoDir,
    open: () => createDatabase({ dataDir: dir }),
    dispose: async () => undefined,
  };
}

/** A PostgreSQL database created from template0 (no table at all). */
async function freshPostgres(): Promise<Target> {
  const serverUrl = inject('pgServerUrl');
  const name = `abdi_restore_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template template0`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const photoDir = await tempDir('abdi-restore-photos-');
  return {
    env: { DATABASE_URL: url, PHOTO_DIR: photoDir },
    photoDir,
    open: () => createDatabase({ databaseUrl: url, poolSize: 2 }),
    dispose: () => dropTestDatabase(serverUrl, name),
  };
}

/** Every file under `dir` (relative path → sha256 of its bytes). */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let source: CliDatabase;
let sourcePhotos: string;
let sourceEnv: Record<string, string>;
let backupDir: string;
let backupFile: string;
let sourceContent: Record<string, string>;
let missingHash: string;
const targets: Target[] = [];

beforeAll(async () => {
  source = await createCliDatabase({ demo: true });
  sourcePhotos = await tempDir('abdi-backup-photos-');
  sourceEnv = { ...source.env, PHOTO_DIR: sourcePhotos };
  backupDir = await tempDir('abdi-backups-');
  // A few photos and attachments with their files; one photo row whose file is gone (purged after the snapshot).
  await source.use(async (h) => {
    const employee = await h.db.selectFrom('employees').select('id').limit(1).executeTakeFirstOrThrow();
    const photos = localPhotoStore(sourcePhotos);
    const attachments = localPhotoStore(path.join(sourcePhotos, 'attachments'));
    for (let i = 0; i < 3; i++) {
      const bytes = randomBytes(2000 + i);
      await photos.put(sha(bytes), bytes);
      await h.db
        .insertInto('photos')
        .values({ hash: sha(bytes), mime: 'image/jpeg', sizeBytes: bytes.length, employeeId: employee.id })
        .execute();
      const doc = randomBytes(3000 + i);
      await attachments.put(sha(doc), doc);
      await h.db
        .insertInto('attachments')
        .values({
          kind: 'request_upload',
          mime: 'application/pdf',
          sizeBytes: doc.length,
          sha256: sha(doc),
          fileName: `surat-${i}.pdf`,
          retentionClass: 'staging',
        })
        .execute();
    }
    missingHash = sha(randomBytes(16));
    await h.db
      .insertInto('photos')
      .values({ hash: missingHash, mime: 'image/jpeg', sizeBytes: 16, employeeId: employee.id })
      .execute();
    sourceContent = await dbContent(h.db);
  });
}, 120_000);

afterAll(async () => {
  for (const t of targets) await t.dispose();
  await source?.dispose();
  for (const dir of tmp) await rm(dir, { recursive: true, force: true });
});

/** A restore into `target`, then its content, files and audit chain compared with the source's. */
async function expectRestored(file: string, target: Target) {
  const r = await runCli(restoreMain, [file], target.env);
  expect(r.stderr).not.toContain('gagal');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(
    /Pemulihan selesai: \d+ tabel, \d+ baris, 6 berkas; jumlah baris cocok dengan manifest; rantai audit utuh: \d+ entri diperiksa/,
  );
  expect(r.stderr).toContain('1 berkas sudah tidak ada saat cadangan dibuat');
  expect(await use(target, (h) => dbContent(h.db))).toEqual(sourceContent);
  const photos = await filesOf(sourcePhotos);
  expect(Object.keys(photos)).toHaveLength(6);
  expect(await filesOf(target.photoDir)).toEqual(photos);
  const v = await runCli(auditVerifyMain, [], target.env);
  expect(v.status).toBe(0);
  expect(v.stdout).toMatch(/Rantai audit utuh: [1-9]\d* entri diperiksa/);
}

// Generous: a restore into a database never migrated runs every migration (on PGlite, seconds of CPU; minutes on a
// loaded 2-core runner).
describe('npm run backup / npm run restore', { timeout: 600_000 }, () => {
  it('writes one file with a manifest, the rows and the cited files; missing files are reported (npm script, spawned)', async () => {
    const r = runNpmScript('backup', ['--out', backupDir], sourceEnv);
    expect(r.stderr).not.toContain('gagal');
    expect(r.status).toBe(0);
    const files = await readdir(backupDir);
    expect(files).toHaveLength(1); // no partial or work file left beside it
    expect(files[0]).toMatch(/^abdi-backup-\d{8}-\d{6}\.tar$/);
    backupFile = path.join(backupDir, files[0]!);
    expect(r.stdout).toContain(`Cadangan selesai: ${backupFile}`);
    expect(r.stderr).toContain(`photos/${missingHash} (hilang)`);
    // A plain tar: the system's tar lists it.
    const listing = execFileSync('tar', ['-tf', backupFile], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('manifest.json');
    expect(listing).toContain('tables/audit_log.jsonl.gz');
    const fh = await open(backupFile, 'r');
    try {
      const entries = await indexTar(fh);
      const m = JSON.parse(
        (
          await readEntry(
            fh,
            entries.find((e) => e.name === MANIFEST_ENTRY)!,
          )
        ).toString(),
      ) as BackupManifest;
      expect(m.engine).toBe(source.engine);
      expect(m.files).toHaveLength(6);
      expect(m.missingFiles).toEqual([{ store: 'photos', sha256: missingHash, reason: 'hilang' }]);
      expect(m.tables.find((t) => t.name === 'photos')?.rows).toBe(
        Number(sourceContent.photos!.split(':')[0]),
      );
      expect(m.tables.some((t) => t.name.startsWith('kysely_migration'))).toBe(false);
    } finally {
      await fh.close();
    }
    // The source is unchanged by its backup.
    expect(await source.use((h) => dbContent(h.db))).toEqual(sourceContent);
  });

  it('restores into an empty, migrated database of the same engine: rows, sequences, files, audit chain equal', async () => {
    const target = await migratedTarget();
    targets.push(target);
    await expectRestored(backupFile, target);
  });

  it('restores into a database never migrated (PGlite), and from there to PostgreSQL when it runs', async () => {
    const pglite = await freshPglite();
    targets.push(pglite);
    await expectRestored(backupFile, pglite);
    if (!inject('pgServerUrl')) return;
    // PostgreSQL → PGlite above; now a backup of that PGlite → a PostgreSQL database without any table.
    const again = await tempDir('abdi-backups-pglite-');
    const b = await runCli(backupMain, ['--out', again], { ...pglite.env });
    expect(b.status).toBe(0);
    const file = path.join(again, (await readdir(again))[0]!);
    const pgTarget = await freshPostgres();
    targets.push(pgTarget);
    await expectRestored(file, pgTarget);
  });

  it('refuses a database holding data unless --force, changing nothing', async () => {
    const before = await source.use((h) => dbContent(h.db));
    const r = await runCli(restoreMain, [backupFile], sourceEnv);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Basis data tujuan tidak kosong \(users: \d+ baris/);
    expect(r.stderr).toContain('tambahkan --force');
    expect(await source.use((h) => dbContent(h.db))).toEqual(before);
  });

  it('refuses a backup of a newer schema before touching the target', async () => {
    const newer = path.join(await tempDir('abdi-newer-'), 'newer.tar');
    await rewriteManifest(backupFile, newer, (m) => ({
      ...m,
      schemaVersion: '209912312359_from-the-future',
    }));
    const target = await migratedTarget();
    targets.push(target);
    const before = await use(target, (h) => dbContent(h.db));
    const r = await runCli(restoreMain, [newer], target.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'Cadangan dibuat oleh versi Abdi yang lebih baru (skema 209912312359_from-the-future',
    );
    expect(r.stderr).toContain('Perbarui Abdi dulu');
    expect(await use(target, (h) => dbContent(h.db))).toEqual(before);
    expect(await filesOf(target.photoDir)).toEqual({});
  });

  it('rolls a damaged backup back half-way: the target as it was, no file left', async () => {
    // Damage the data of the last table with rows: every table before it has been loaded when it is found.
    const damaged = path.join(await tempDir('abdi-damaged-'), 'damaged.tar');
    await rewriteManifest(backupFile, damaged, (m) => m);
    const fh = await open(damaged, 'r+');
    let table: string;
    try {
      const entries = await indexTar(fh);
      const m = JSON.parse(
        (
          await readEntry(
            fh,
            entries.find((e) => e.name === MANIFEST_ENTRY)!,
          )
        ).toString(),
      ) as BackupManifest;
      table = m.tables.filter((t) => t.rows > 0).at(-1)!.name;
      const e = entries.find((x) => x.name === `tables/${table}.jsonl.gz`)!;
      const at = e.offset + Math.floor(e.size / 2);
      const b = Buffer.alloc(1);
      await fh.read(b, 0, 1, at);
      b[0] = b[0]! ^ 0xff;
      await fh.write(b, 0, 1, at);
    } finally {
      await fh.close();
    }
    const target = await migratedTarget();
    targets.push(target);
    const before = await use(target, (h) => dbContent(h.db));
    const r = await runCli(restoreMain, [damaged], target.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Data tabel ${table} di dalam cadangan rusak`);
    expect(r.stderr).toContain('basis data tujuan seperti semula');
    expect(await use(target, (h) => dbContent(h.db))).toEqual(before);
    expect(await filesOf(target.photoDir)).toEqual({});
  });

  it.skipIf(!canMountTmpfs())(
    'a full backup disk (a 64 KiB tmpfs): exit 5 with the reason, no partial file, nothing stored changed',
    async () => {
      const dir = await tempDir('abdi-full-');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
      try {
        const r = await runCli(backupMain, ['--out', dir], sourceEnv);
        expect(r.status).toBe(5);
        expect(r.stderr).toContain('Ruang disk tujuan penuh');
        expect(r.stderr).toContain('ENOSPC');
        expect(r.stderr).toContain('Berkas sebagian telah dihapus');
        expect(await readdir(dir)).toEqual([]);
      } finally {
        execFileSync('umount', [dir]);
      }
      expect(await source.use((h) => dbContent(h.db))).toEqual(sourceContent);
    },
  );

  it('restores a backup of an older schema at that version, then migrates it forward', async () => {
    const known = Object.keys(migrations);
    const older = known[known.length - 2]!;
    // A database at the release before this one's last migration (a migrated clone, its last migration undone),
    // with one audit entry.
    const dir = await tempDir('abdi-older-');
    const file = path.join(dir, 'older.tar');
    const db = await createCliDatabase();
    const h = await db.open();
    try {
      const { error } = await new Migrator({
        db: h.db,
        provider: { getMigrations: async () => migrations },
      }).migrateDown();
      expect(error).toBeUndefined();
      await createAuditService({ db: h.db, clock: systemClock }).recordStandalone(
        { actorId: null, actorName: 'Uji', ip: null, userAgent: null },
        { action: 'employee.updated', entityType: 'employee', entityId: 'e1', after: { phone: '0812' } },
      );
      const m = await writeBackup(
        h,
        { photos: localPhotoStore(dir), attachments: localPhotoStore(dir) },
        file,
        {
          appVersion: 'lama',
          now: new Date(),
        },
      );
      expect(m.schemaVersion).toBe(older);
    } finally {
      await h.close();
      await db.dispose();
    }
    const target = await migratedTarget();
    targets.push(target);
    const r = await runCli(restoreMain, [file], target.env);
    expect(r.stderr).not.toMatch(/gagal|Catatan/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`skema ${older} (lebih lama; 1 migrasi diterapkan sesudahnya)`);
    expect(r.stdout).toContain('rantai audit utuh: 1 entri diperiksa');
    expect(r.stdout).toContain(`1 migrasi diterapkan sesudahnya (sampai ${known.at(-1)})`);
    await use(target, async (t) => {
      expect(await pendingMigrations(t.db)).toEqual([]);
      expect(await t.db.selectFrom('auditLog').select('entityId').execute()).toEqual([{ entityId: 'e1' }]);
    });
  });

  it('refuses a target file that exists, and a file that is not a backup', async () => {
    const r = await runCli(backupMain, ['--out', backupFile], sourceEnv);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sudah ada; cadangan tidak menimpa berkas');
    const junk = path.join(await tempDir('abdi-junk-'), 'junk.tar');
    await writeFile(junk, 'bukan arsip');
    const target = await migratedTarget();
    targets.push(target);
    const j = await runCli(restoreMain, [junk], target.env);
    expect(j.status).toBe(1);
    expect(j.stderr).toContain('tidak dapat dipulihkan: berkas rusak atau tidak lengkap');
  });
});

/** Copy a backup, its manifest replaced by `edit(manifest)`. */
async function rewriteManifest(from: string, to: string, edit: (m: BackupManifest) => BackupManifest) {
  const src = await open(from, 'r');
  const dst = await open(to, 'wx');
  try {
    const w = new TarWriter(dst, new Date());
    for (const e of await indexTar(src)) {
      const bytes = await readEntry(src, e);
      if (e.name === MANIFEST_ENTRY)
        await w.add(
          e.name,
          Buffer.from(JSON.stringify(edit(JSON.parse(bytes.toString()) as BackupManifest))),
        );
      else await w.add(e.name, bytes);
    }
    await w.finish();
  } finally {
    await src.close();
    await dst.close();
  }
}

/** Whether this process may mount a tmpfs (root in the CI container); the full-disk case needs it. */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = path.join(os.tmpdir(), `abdi-mount-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir]);
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rmdir', [dir]);
  }
}
