import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { PhotoStore } from '../modules/attendance/photo-store.ts';

const HASH = /^[0-9a-f]{64}$/;

/**
 * Move the files stored before issue 14 (PHOTO_DIR/request-files, PHOTO_DIR/leave-files: `ab/cd/<sha256>`) into
 * the attachment store, under the same hash their rows cite (migration 202612070301): each is written to the
 * store, then removed from the old folder. Idempotent (a second run finds nothing), safe to interrupt (a file is
 * removed only after the store has it). Returns how many were moved.
 */
export async function adoptLegacyBlobs(dirs: string[], store: PhotoStore): Promise<number> {
  let moved = 0;
  for (const dir of dirs) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true, recursive: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const e of entries) {
      if (!e.isFile() || !HASH.test(e.name)) continue;
      const file = path.join(e.parentPath, e.name);
      await store.put(e.name, new Uint8Array(await readFile(file)));
      await rm(file, { force: true });
      moved++;
    }
  }
  return moved;
}
