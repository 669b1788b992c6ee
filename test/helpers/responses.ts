import { expect } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { changedTables, dbFingerprint } from './db-fingerprint.ts';

type Res = { statusCode: number; body: string };

/** The JSON body of a response after checking its status (the body is shown when the status differs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = <T = Record<string, any>>(res: Res & { json(): unknown }, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};

/**
 * A refused request leaves the database exactly as it was: `action` answers `status` (and, when given, an error
 * naming `code`) and no table's rows change. Returns the error body.
 */
export async function unchanged(t: { db: Db }, action: () => Promise<Res>, status: number, code?: string) {
  const before = await dbFingerprint(t.db);
  const res = await action();
  expect(res.statusCode, res.body).toBe(status);
  if (code) expect(JSON.stringify(JSON.parse(res.body).error)).toContain(code);
  expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return JSON.parse(res.body) as { error: { code: string; message: string; details?: any } };
}
