import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import { useEffect, useSyncExternalStore } from 'react';
import { isApiError } from '../api/http.ts';
import type { ReportInput } from '../../shared/api/kinerja-reports.ts';

/**
 * The offline queue of daily activity reports (laporan kinerja harian), like the punch queue (punch-queue.ts): a
 * report written without a connection waits on the phone (IndexedDB, database `abdi-kinerja`, a database of its
 * own so the attendance database keeps its version) with its client id (crypto.randomUUID) and its own date, is
 * shown as "menunggu sinkron", and is sent exactly once when the phone is back online. The server stores a report
 * once per (employee, clientId) and answers a repeat with the stored report, so a send whose answer was lost is
 * never stored twice; an item leaves the queue only after a 2xx. A 4xx that retrying cannot fix (a date outside
 * the entry window, 25 hours in a day …) stays on the phone as `refused`, with the server's reason, for the employee
 * to correct or discard; network, server and session errors keep it for the next try with back-off.
 */

/** Where a queued report is on its way to the server. */
export type ReportQueueState = 'waiting' | 'sending' | 'retry' | 'auth' | 'refused';

/** The report as the form captured it: the body of POST /api/kinerja/reports without the evidence's id. */
export type QueuedReportBody = Omit<ReportInput, 'attachmentId'>;

export interface QueuedReport {
  clientId: string;
  employeeId: string;
  body: QueuedReportBody;
  /** Optional evidence (photo or file) sent with the report. */
  file: Blob | null;
  fileName: string | null;
  /** The evidence's id once uploaded (a retry then sends the report without uploading the file again). */
  attachmentId: string | null;
  /** A label of the RHK for the list on the phone. */
  rhkLabel: string;
  createdAt: number;
  state: ReportQueueState;
  attempts: number;
  lastAttemptAt: number | null;
  lastError: string | null;
  /** The server's reason when it refused the report (state `refused`). */
  message: string | null;
}

interface KinerjaDb extends DBSchema {
  reports: { key: string; value: QueuedReport; indexes: { byEmployee: string } };
}

const DB_NAME = 'abdi-kinerja';
let dbPromise: Promise<IDBPDatabase<KinerjaDb>> | null = null;

function kinerjaDb(): Promise<IDBPDatabase<KinerjaDb>> {
  dbPromise ??= openDB<KinerjaDb>(DB_NAME, 1, {
    upgrade(db) {
      const store = db.createObjectStore('reports', { keyPath: 'clientId' });
      store.createIndex('byEmployee', 'employeeId');
    },
  });
  return dbPromise;
}

async function allQueued(): Promise<QueuedReport[]> {
  const items = await (await kinerjaDb()).getAll('reports');
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

async function putQueued(item: QueuedReport): Promise<void> {
  await (await kinerjaDb()).put('reports', item);
}

async function deleteQueued(clientId: string): Promise<void> {
  await (await kinerjaDb()).delete('reports', clientId);
}

/** Keeps what a send learnt on the queued item (the evidence's id after its upload). */
export async function updateQueuedReport(item: QueuedReport): Promise<void> {
  await putQueued(item);
}

/** Sends one report to the server; registered by the API module (api/kinerja-reports.ts). */
export type ReportSender = (item: QueuedReport) => Promise<unknown>;

export interface ReportQueueSnapshot {
  items: QueuedReport[];
  /** Client ids sent during this page's life (to say "terkirim"). */
  sent: string[];
  syncing: boolean;
  loaded: boolean;
}

const LOCK_NAME = 'abdi-report-sync';
const MAX_BACKOFF_MS = 5 * 60_000;

let snapshot: ReportQueueSnapshot = { items: [], sent: [], syncing: false, loaded: false };
const listeners = new Set<() => void>();
const sentListeners = new Set<() => void>();
let syncPromise: Promise<void> | null = null;

function emit(next: Partial<ReportQueueSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called after every report the queue delivered (to refresh the month and the lists). */
export function onReportSent(listener: () => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

export async function reloadReportQueue(): Promise<void> {
  try {
    const items = await allQueued();
    emit({
      items: items.map((i) => (i.state === 'sending' && !syncPromise ? { ...i, state: 'retry' } : i)),
      loaded: true,
    });
  } catch {
    emit({ loaded: true });
  }
}

/** Stores a report on the phone (new, or corrected after a refusal: same client id, back to `waiting`). */
export async function enqueueReport(item: QueuedReport): Promise<void> {
  await putQueued(item);
  await reloadReportQueue();
}

/** Drops a report from the phone (a refused one the employee gives up on). */
export async function discardQueuedReport(clientId: string): Promise<void> {
  await deleteQueued(clientId);
  await reloadReportQueue();
}

/** Whether a failed send may succeed later unchanged: no answer, a server error, or a session/rate problem. */
export function isRetryableReportError(error: unknown): boolean {
  if (!isApiError(error)) return true;
  if (error.status === 0 || error.status >= 500) return true;
  return [401, 403, 408, 423, 425, 429].includes(error.status) && error.code !== 'FORBIDDEN';
}

function dueAt(item: QueuedReport): number {
  if (item.state === 'waiting' || item.lastAttemptAt === null) return 0;
  return item.lastAttemptAt + Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, item.attempts - 1));
}

async function sendOne(item: QueuedReport, sender: ReportSender): Promise<'ok' | 'stop'> {
  emit({
    items: snapshot.items.map((i) => (i.clientId === item.clientId ? { ...i, state: 'sending' } : i)),
  });
  try {
    await sender(item);
    await deleteQueued(item.clientId);
    emit({ sent: [item.clientId, ...snapshot.sent.filter((c) => c !== item.clientId)].slice(0, 20) });
    for (const listener of sentListeners) listener();
    return 'ok';
  } catch (error) {
    if (isRetryableReportError(error)) {
      const auth = isApiError(error) && (error.status === 401 || error.code === 'CSRF');
      await putQueued({
        ...item,
        state: auth ? 'auth' : 'retry',
        attempts: item.attempts + 1,
        lastAttemptAt: Date.now(),
        lastError: isApiError(error) ? error.code : 'UNKNOWN',
      });
      return 'stop';
    }
    // Refused (4xx): kept on the phone with the server's reason, for correction; never retried as it is.
    await putQueued({
      ...item,
      state: 'refused',
      attempts: item.attempts + 1,
      lastAttemptAt: Date.now(),
      lastError: isApiError(error) ? error.code : 'UNKNOWN',
      message: isApiError(error) ? error.message : null,
    });
    return 'ok';
  }
}

async function runSync(employeeId: string, sender: ReportSender, force: boolean): Promise<void> {
  const items = (await allQueued()).filter((i) => i.employeeId === employeeId && i.state !== 'refused');
  const now = Date.now();
  for (const item of items) {
    if (!force && dueAt(item) > now) continue;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) break;
    if ((await sendOne(item, sender)) === 'stop') break;
  }
}

/** Sends the due reports of the signed-in employee; one sync at a time (and across tabs with Web Locks). */
export function syncReportQueue(employeeId: string, sender: ReportSender, force = false): Promise<void> {
  if (syncPromise) return syncPromise;
  emit({ syncing: true });
  const run = async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      if (locks) {
        await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
          if (lock) await runSync(employeeId, sender, force);
        });
      } else {
        await runSync(employeeId, sender, force);
      }
    } catch {
      // IndexedDB trouble: the next trigger tries again
    } finally {
      syncPromise = null;
      await reloadReportQueue();
      emit({ syncing: false });
    }
  };
  syncPromise = run();
  return syncPromise;
}

export function useReportQueue(): ReportQueueSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** Keeps the employee's report queue moving while mounted: on load, on `online`, and on a timer while any wait. */
export function useReportSync(employeeId: string | null, sender: ReportSender): void {
  useEffect(() => {
    if (!employeeId) return;
    let stopped = false;
    void reloadReportQueue().then(() => {
      if (!stopped) void syncReportQueue(employeeId, sender, true);
    });
    const online = () => void syncReportQueue(employeeId, sender, true);
    window.addEventListener('online', online);
    const timer = window.setInterval(() => {
      if (snapshot.items.some((i) => i.employeeId === employeeId && i.state !== 'refused'))
        void syncReportQueue(employeeId, sender);
    }, 10_000);
    return () => {
      stopped = true;
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [employeeId, sender]);
}
