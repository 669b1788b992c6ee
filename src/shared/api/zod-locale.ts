import { z } from 'zod';

/**
 * Zod's own messages (the ones our schemas do not word themselves, e.g. "too big" on pageSize) in Bahasa
 * Indonesia, so that `details` of a 400 are as Indonesian as its message. Global to the zod instance: called
 * once by each entry point (the server's composition root and the web app's main).
 */
export function setIndonesianZodMessages(): void {
  z.config(z.locales.id());
}
