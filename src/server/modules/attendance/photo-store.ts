import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where punch photos live, addressed by the SHA-256 of their (stripped) bytes. Local disk by default; the
 * same interface can be backed by an S3-compatible store.
 */
export interface PhotoStore {
  put(hash: string, bytes: Uint8Array): Promise<void>;
  get(hash: string): Promise<Uint8Array | null>;
  delete(hash: string): Promise<void>;
}

/**
 * Photos under `dir/ab/cd/<hash>` (two levels of fan-out), written atomically (temp file + rename). A put of a
 * photo already stored writes the same bytes again (content-addressed: no check first, one file-system call
 * fewer per check-in); a folder is made once per process (again if it was removed meanwhile).
 */
export function localPhotoStore(dir: string): PhotoStore {
  const fileOf = (hash: string) => {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('invalid photo hash');
    return path.join(dir, hash.slice(0, 2), hash.slice(2, 4), hash);
  };
  /** Folders this process has made (at most 65,536). */
  const made = new Set<string>();
  return {
    async put(hash, bytes) {
      const file = fileOf(hash);
      const folder = path.dirname(file);
      // Unique per write: concurrent puts of one photo (identical check-ins) must not share a temporary file.
      const tmp = `${file}.${randomUUID()}.tmp`;
      if (!made.has(folder)) {
        await mkdir(folder, { recursive: true });
        made.add(folder);
      }
      try {
        await writeFile(tmp, bytes);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        await mkdir(folder, { recursive: true });
        await writeFile(tmp, bytes);
      }
      await rename(tmp, file);
    },
    async get(hash) {
      try {
        return new Uint8Array(await readFile(fileOf(hash)));
      } catch {
        return null;
      }
    },
    async delete(hash) {
      await rm(fileOf(hash), { force: true });
    },
  };
}

/** A temporary file of `put` (`<hash>.<unique part>.tmp`), as written now or by earlier versions. */
const TEMP_FILE = /^[0-9a-f]{64}\.[^/]+\.tmp$/;

/** How old a temporary file must be before the sweep takes it for an orphan: no write takes this long. */
export const ORPHAN_TEMP_MIN_AGE_MS = 15 * 60_000;

/**
 * Remove the temporary files a killed process left under `dir` (a `put` cut off between its write and its
 * rename), at start-up. Only files named like `put`'s temporary files and older than `minAgeMs` are removed, so
 * a write in progress in another server process sharing the folder is left alone; photos are never touched.
 * Returns how many were removed (0 when `dir` does not exist). Source: issue 12 point 6 (orphans at start).
 */
export async function removeOrphanTempFiles(
  dir: string,
  minAgeMs = ORPHAN_TEMP_MIN_AGE_MS,
  now = Date.now(),
): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const e of entries) {
    if (!e.isFile() || !TEMP_FILE.test(e.name)) continue;
    const file = path.join(e.parentPath, e.name);
    try {
      if (now - (await stat(file)).mtimeMs < minAgeMs) continue;
      await rm(file);
      removed++;
    } catch {
      // gone meanwhile (renamed by its writer, or removed by another process's sweep)
    }
  }
  return removed;
}
