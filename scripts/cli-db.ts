import { randomBytes } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from '../src/server/config.ts';
import { createDatabase, type DatabaseHandle, type Db } from '../src/server/db/database.ts';
import type { Actor } from '../src/server/auth/authz.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import type { AuditService } from '../src/server/modules/audit/audit-service.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/** Exit codes shared by the command-line tools (docs/import.md). TOO_LARGE: a file over IMPORT_MAX_BYTES. */
export const EXIT = { OK: 0, REJECTED: 1, USAGE: 2, DATABASE: 3, TOO_LARGE: 4 } as const;

/** A stream a tool writes progress to: a terminal gets a progress bar (cli-progress), anything else plain lines. */
export type CliStream = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * Where a tool writes and how it ends early. On the command line ({@link processIo}): console.log/console.error,
 * process.stderr and process.exit. A test calling a tool's `main` in-process passes its own (test/helpers/cli.ts):
 * captured output, and an `exit` that throws {@link CliExit}, which `main` turns into its return value.
 */
export interface CliIo {
  /** One line on stdout (as console.log). */
  log(line: string): void;
  /** One line on stderr (as console.error). */
  error(line: string): void;
  /** stderr as a stream, for progress. */
  stderr: CliStream;
  /** End the tool with `code`. */
  exit(code: number): never;
}

export const processIo: CliIo = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  stderr: process.stderr,
  exit: (code) => process.exit(code),
};

/** Thrown by an in-process `exit` (see {@link CliIo}). */
export class CliExit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.name = 'CliExit';
    this.code = code;
  }
}

/** A tool's body run to its exit code: its return value, or the code of an in-process `exit` ({@link CliExit}). */
export async function exitCodeOf(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CliExit) return err.code;
    throw err;
  }
}

/** The server's configuration (src/server/config.ts); exits with 2 and the list of problems when it is bad. */
export function loadCliConfig(
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.error(err.message);
      io.exit(EXIT.USAGE);
    }
    throw err;
  }
}

/**
 * Open the database exactly as the server does (src/server/config.ts: DATABASE_URL, else PGlite in DATA_DIR)
 * and apply pending migrations. A PGlite data directory can be opened by one process at a time: stop the
 * server before running a tool against it (or use PostgreSQL).
 * Exits with 2 on a bad configuration and 3 when the database cannot be opened.
 */
export async function openDatabase(
  config: Config = loadCliConfig(),
  io: CliIo = processIo,
): Promise<{ config: Config; handle: DatabaseHandle; applied: string[] }> {
  let handle: DatabaseHandle;
  try {
    if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
    handle = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  } catch (err) {
    io.error(`Tidak dapat membuka basis data: ${(err as Error).message}`);
    if (!config.databaseUrl)
      io.error(
        `Jika server Abdi sedang berjalan dengan PGlite di ${config.dataDir}, hentikan dulu servernya.`,
      );
    io.exit(EXIT.DATABASE);
  }
  try {
    const applied = await migrateToLatest(handle.db);
    return { config, handle, applied };
  } catch (err) {
    io.error((err as Error).message);
    await handle.close();
    io.exit(EXIT.DATABASE);
  }
}

/** Where the data lives, for messages. */
export function describeDatabase(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL' : `PGlite di ${config.dataDir}`;
}

type FileRead = { ok: true; buf: Buffer } | { ok: false; size: number; exact: boolean };

/**
 * Read a file of at most `max` bytes for a CLI import. The size is taken from the file system first, so an
 * oversized file is refused without being read; a file that grows meanwhile is cut off after max + 1 bytes.
 */
async function readAtMost(file: string, max: number): Promise<FileRead> {
  const fh = await open(file, 'r');
  try {
    const stat = await fh.stat();
    if (!stat.isFile()) throw Object.assign(new Error('bukan berkas biasa'), { code: 'ENOTFILE' });
    if (stat.size > max) return { ok: false, size: stat.size, exact: true };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, max + 1 - total));
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) return { ok: false, size: total, exact: false };
    }
    return { ok: true, buf: Buffer.concat(chunks, total) };
  } finally {
    await fh.close();
  }
}

/**
 * The bytes of an import file, or the process ends: too large → exit TOO_LARGE with what to do (nothing
 * written); unreadable → `usageError` with the reason.
 */
export async function readImportFile(
  file: string,
  max: number,
  usageError: (message: string) => never,
  io: CliIo = processIo,
): Promise<Buffer> {
  let read: FileRead;
  try {
    read = await readAtMost(file, max);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    usageError(
      `Berkas ${file} tidak dapat dibaca: ${code === 'ENOENT' ? 'tidak ditemukan' : (err as Error).message}`,
    );
  }
  if (read.ok) return read.buf;
  io.error(
    `Berkas ${file} terlalu besar: ${read.exact ? '' : 'lebih dari '}${formatBytes(read.size)}; ` +
      `batas IMPORT_MAX_BYTES ${formatBytes(max)}. ` +
      'Pecah berkas menjadi beberapa bagian, atau naikkan IMPORT_MAX_BYTES. Tidak ada data yang ditulis.',
  );
  io.exit(EXIT.TOO_LARGE);
}

/** A byte count for CLI messages, e.g. "12,4 MB (13002342 bita)". */
function formatBytes(n: number): string {
  const mb = (x: number) => (x / (1024 * 1024)).toFixed(1).replace('.', ',');
  return n >= 1024 * 1024 ? `${mb(n)} MB (${n} bita)` : `${n} bita`;
}

/**
 * The actor a CLI acts as: the `admin` user when it exists and is active, else a `system` user (created on
 * first use with a random, never-shown password and a SUPER_ADMIN grant, recorded in the audit log). Either
 * way the actor holds a whole-organisation grant, like a super admin. `userAgent` names the tool in the audit.
 */
export async function systemActor(
  db: Db,
  audit: Pick<AuditService, 'record'>,
  userAgent: string,
): Promise<Actor> {
  let user = await db
    .selectFrom('users')
    .select(['id', 'username', 'displayName'])
    .where('username', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) {
    user = await db
      .selectFrom('users')
      .select(['id', 'username', 'displayName'])
      .where('username', '=', 'system')
      .executeTakeFirst();
    if (!user) {
      const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
      user = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('users')
          .values({
            username: 'system',
            displayName: 'Sistem (baris perintah)',
            passwordHash,
            mustChangePassword: true,
          })
          .returning(['id', 'username', 'displayName'])
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('roleGrants')
          .values({ userId: created.id, role: 'SUPER_ADMIN', unitId: null })
          .execute();
        await audit.record(
          trx,
          { actorId: null, actorName: 'Sistem', ip: null, userAgent },
          {
            action: 'user.created',
            entityType: 'user',
            entityId: created.id,
            after: {
              username: 'system',
              role: 'SUPER_ADMIN',
              reason: 'Pengguna sistem untuk impor lewat baris perintah',
            },
          },
        );
        return created;
      });
    }
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    employeeId: null,
    nip: null,
    grants: [{ role: 'SUPER_ADMIN', unitId: null, unitName: null, unitPath: null }],
    isAtasan: false,
    mustChangePassword: false,
    ip: null,
    userAgent,
  };
}
