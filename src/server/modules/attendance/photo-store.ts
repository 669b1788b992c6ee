import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/** Photos under `dir/ab/cd/<hash>` (two levels of fan-out), written atomically (temp file + rename). */
export function localPhotoStore(dir: string): PhotoStore {
  const fileOf = (hash: string) => {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('invalid photo hash');
    return path.join(dir, hash.slice(0, 2), hash.slice(2, 4), hash);
  };
  return {
    async put(hash, bytes) {
      const file = fileOf(hash);
      try {
        await stat(file);
        return; // same content already stored
      } catch {
        // not there yet
      }
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, bytes);
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
