import { useEffect, useSyncExternalStore } from 'react';
import { isApiError } from '../api/http.ts';
import { isAuthError, isRetryable, sendPunch } from '../api/attendance.ts';
import type { Punch, PunchResult } from '../api/attendance.ts';
import { allQueuedPunches, deleteQueuedPunch, putQueuedPunch } from './attendance-db.ts';
import type { QueuedPunch } from './attendance-db.ts';

/**
 * The offline punch queue: signed punches captured without a connection wait in IndexedDB and are sent
 * exactly once, in capture order, when the phone is back online (the `online` event, page load, and a retry
 * timer with back-off). Each keeps its idempotency key, so a send whose answer was lost is answered as a
 * replay, never stored twice. An item leaves the queue only after a 200/201, or a 4xx that retrying cannot
 * fix (then it is reported as failed); network, server and session errors keep it for the next try.
 */

/** What happened to a punch that left the queue during this page's life. */
export interface QueueOutcome {
  idempotencyKey: string;
  employeeId: string;
  kind: QueuedPunch['body']['kind'];
  capturedAt: number;
  state: 'sent' | 'failed' | 'duplicate';
  punch?: Punch;
  replayed?: boolean;
  errorCode?: string;
  message?: string;
}

export interface QueueSnapshot {
  items: QueuedPunch[];
  outcomes: QueueOutcome[];
  syncing: boolean;
  loaded: boolean;
}

const LOCK_NAME = 'abdi-punch-sync';
const MAX_BACKOFF_MS = 5 * 60_000;

let snapshot: QueueSnapshot = { items: [], outcomes: [], syncing: false, loaded: false };
const listeners = new Set<() => void>();
const sentListeners = new Set<(result: PunchResult, idempotencyKey: string) => void>();
let syncPromise: Promise<void> | null = null;

function emit(next: Partial<QueueSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called after every punch the queue delivered (to refresh today's status and history). */
export function onQueueSent(listener: (result: PunchResult, idempotencyKey: string) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

export async function reloadQueue(): Promise<void> {
  try {
    const items = await allQueuedPunches();
    // A send interrupted by closing the page left 'sending' behind: it is simply due again.
    emit({
      items: items.map((i) => (i.state === 'sending' && !syncPromise ? { ...i, state: 'retry' } : i)),
      loaded: true,
    });
  } catch {
    emit({ loaded: true });
  }
}

export async function enqueuePunch(item: QueuedPunch): Promise<void> {
  await putQueuedPunch(item);
  await reloadQueue();
}

function dueAt(item: QueuedPunch): number {
  if (item.state === 'waiting' || item.lastAttemptAt === null) return 0;
  return item.lastAttemptAt + Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, item.attempts - 1));
}

function addOutcome(outcome: QueueOutcome): void {
  emit({
    outcomes: [
      outcome,
      ...snapshot.outcomes.filter((o) => o.idempotencyKey !== outcome.idempotencyKey),
    ].slice(0, 20),
  });
}

async function sendOne(item: QueuedPunch): Promise<'ok' | 'stop'> {
  emit({
    items: snapshot.items.map((i) =>
      i.idempotencyKey === item.idempotencyKey ? { ...i, state: 'sending' } : i,
    ),
  });
  const base = {
    idempotencyKey: item.idempotencyKey,
    employeeId: item.employeeId,
    kind: item.body.kind,
    capturedAt: item.capturedAt,
  };
  try {
    const result = await sendPunch(item.body, item.photo);
    await deleteQueuedPunch(item.idempotencyKey);
    addOutcome({ ...base, state: 'sent', punch: result.punch, replayed: result.replayed });
    for (const listener of sentListeners) listener(result, item.idempotencyKey);
    return 'ok';
  } catch (error) {
    if (isRetryable(error)) {
      const next: QueuedPunch = {
        ...item,
        state: isAuthError(error) ? 'auth' : 'retry',
        attempts: item.attempts + 1,
        lastAttemptAt: Date.now(),
        lastError: isApiError(error) ? error.code : 'UNKNOWN',
      };
      await putQueuedPunch(next);
      return 'stop';
    }
    // 409: this key is already stored with another body (a send whose answer was lost, then re-signed).
    const duplicate = isApiError(error) && error.status === 409;
    await deleteQueuedPunch(item.idempotencyKey);
    addOutcome({
      ...base,
      state: duplicate ? 'duplicate' : 'failed',
      errorCode: isApiError(error) ? error.code : 'UNKNOWN',
      message: isApiError(error) ? error.message : undefined,
    });
    return 'ok';
  }
}

async function runSync(employeeId: string, force: boolean): Promise<void> {
  const items = (await allQueuedPunches()).filter((i) => i.employeeId === employeeId);
  const now = Date.now();
  for (const item of items) {
    if (!force && dueAt(item) > now) continue;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) break;
    const outcome = await sendOne(item);
    // Keep capture order: when one cannot be sent now, the later ones wait too.
    if (outcome === 'stop') break;
  }
}

/**
 * Sends the due punches of the signed-in employee (only theirs: the session decides who a punch belongs
 * to). One sync at a time in this page, and across tabs through the Web Locks API where there is one.
 */
export function syncQueue(employeeId: string, force = false): Promise<void> {
  if (syncPromise) return syncPromise;
  emit({ syncing: true });
  const run = async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      if (locks) {
        await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
          if (lock) await runSync(employeeId, force);
        });
      } else {
        await runSync(employeeId, force);
      }
    } catch {
      // IndexedDB trouble: the next trigger tries again
    } finally {
      syncPromise = null;
      await reloadQueue();
      emit({ syncing: false });
    }
  };
  syncPromise = run();
  return syncPromise;
}

export function useQueueSnapshot(): QueueSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/**
 * Keeps the queue of the signed-in employee moving: syncs on load, on the `online` event and on a timer
 * while anything waits. Mount once in the signed-in shell.
 */
export function usePunchSync(employeeId: string | null): void {
  useEffect(() => {
    if (!employeeId) return;
    let stopped = false;
    void reloadQueue().then(() => {
      if (!stopped) void syncQueue(employeeId, true);
    });
    const online = () => void syncQueue(employeeId, true);
    window.addEventListener('online', online);
    const timer = window.setInterval(() => {
      if (snapshot.items.some((i) => i.employeeId === employeeId)) void syncQueue(employeeId);
    }, 10_000);
    return () => {
      stopped = true;
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [employeeId]);
}
