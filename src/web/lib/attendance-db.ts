import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { PunchBody } from '../../shared/api/attendance.ts';

/**
 * The phone's own attendance storage (IndexedDB, database `abdi-attendance`):
 * - `devices`: the device key pair per employee (a non-extractable ECDSA P-256 CryptoKeyPair, kept as a
 *   CryptoKey object, so the private key can sign but never be read out) and the server's device id;
 * - `queue`: punches captured offline (signed body + photo blob), waiting to be sent exactly once;
 * - `kv`: small cached values (the last /today answer for offline use).
 */

export interface StoredDevice {
  employeeId: string;
  keyPair: CryptoKeyPair;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** The id the server gave the device (null until registered). */
  deviceId: string | null;
  createdAt: number;
}

/** Where a queued punch is on its way to the server. */
export type QueueState = 'waiting' | 'sending' | 'retry' | 'auth';

export interface QueuedPunch {
  idempotencyKey: string;
  employeeId: string;
  /** The signed body, exactly as it will be sent (never changed after signing). */
  body: PunchBody;
  photo: Blob | null;
  /** Epoch ms on the phone's clock when the punch was captured. */
  capturedAt: number;
  state: QueueState;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: number | null;
}

interface AttendanceDb extends DBSchema {
  devices: { key: string; value: StoredDevice };
  queue: { key: string; value: QueuedPunch; indexes: { byEmployee: string } };
  kv: { key: string; value: unknown };
}

const DB_NAME = 'abdi-attendance';
let dbPromise: Promise<IDBPDatabase<AttendanceDb>> | null = null;

export function attendanceDb(): Promise<IDBPDatabase<AttendanceDb>> {
  dbPromise ??= openDB<AttendanceDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('devices', { keyPath: 'employeeId' });
      const queue = db.createObjectStore('queue', { keyPath: 'idempotencyKey' });
      queue.createIndex('byEmployee', 'employeeId');
      db.createObjectStore('kv');
    },
  });
  return dbPromise;
}

export async function getStoredDevice(employeeId: string): Promise<StoredDevice | undefined> {
  return (await attendanceDb()).get('devices', employeeId);
}

export async function putStoredDevice(device: StoredDevice): Promise<void> {
  await (await attendanceDb()).put('devices', device);
}

export async function deleteStoredDevice(employeeId: string): Promise<void> {
  await (await attendanceDb()).delete('devices', employeeId);
}

export async function queuedPunches(employeeId: string): Promise<QueuedPunch[]> {
  const items = await (await attendanceDb()).getAllFromIndex('queue', 'byEmployee', employeeId);
  return items.sort((a, b) => a.capturedAt - b.capturedAt);
}

export async function allQueuedPunches(): Promise<QueuedPunch[]> {
  const items = await (await attendanceDb()).getAll('queue');
  return items.sort((a, b) => a.capturedAt - b.capturedAt);
}

export async function putQueuedPunch(item: QueuedPunch): Promise<void> {
  await (await attendanceDb()).put('queue', item);
}

export async function deleteQueuedPunch(idempotencyKey: string): Promise<void> {
  await (await attendanceDb()).delete('queue', idempotencyKey);
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await (await attendanceDb()).get('kv', key)) as T | undefined;
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await (await attendanceDb()).put('kv', value, key);
}
