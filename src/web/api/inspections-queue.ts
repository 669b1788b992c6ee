import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import { useEffect, useSyncExternalStore } from 'react';
import { isApiError } from './http.ts';
import type { FindingCreateBody, MarkBody } from '../../shared/api/inspections.ts';

/**
 * The offline queue of an inspection's work on the phone (sidak, issue 18 point 1), in the pattern of the punch and
 * daily-report queues (src/web/lib/punch-queue.ts, report-queue.ts): a presence mark or a finding (with an optional
 * photo) made without a connection waits in IndexedDB (database `abdi-sidak`) with the id the phone generated
 * (crypto.randomUUID), is shown as "menunggu sinkron", and is sent when the phone is back online. The server stores
 * an id once and answers a repeat with `duplicate: true`, so a send whose answer was lost is never stored twice; an
 * item leaves the queue only after a 2xx. A refusal (4xx) stays on the phone with the server's reason; network,
 * server and session errors keep it for the next try. The roster and checklist are cached in the same database.
 */

export type SidakQueueState = 'waiting' | 'sending' | 'retry' | 'refused';

export type QueuedSidakItem = {
  clientId: string;
  inspectionId: string;
  createdAt: number;
  state: SidakQueueState;
  attempts: number;
  message: string | null;
} & (
  | { kind: 'mark'; body: MarkBody }
  | {
      kind: 'finding';
      body: FindingCreateBody;
      /** An optional photo, sent after the finding (its upload is idempotent by content). */
      file: Blob | null;
      fileName: string | null;
      findingStored: boolean;
    }
);

interface SidakDb extends DBSchema {
  queue: { key: string; value: QueuedSidakItem };
  cache: { key: string; value: unknown };
}

let dbPromise: Promise<IDBPDatabase<SidakDb>> | null = null;
function sidakDb(): Promise<IDBPDatabase<SidakDb>> {
  dbPromise ??= openDB<SidakDb>('abdi-sidak', 1, {
    upgrade(db) {
      db.createObjectStore('queue', { keyPath: 'clientId' });
      db.createObjectStore('cache');
    },
  });
  return dbPromise;
}

/** A copy kept on the phone (an inspection's roster, the checklist) for opening it offline. */
export async function cacheGet<T>(key: string): Promise<T | undefined> {
  return (await (await sidakDb()).get('cache', key)) as T | undefined;
}
export async function cacheSet(key: string, value: unknown): Promise<void> {
  await (await sidakDb()).put('cache', value, key);
}

/** Sends one item; registered by the API module (inspections.ts). */
export type SidakSender = (
  item: QueuedSidakItem,
  update: (next: QueuedSidakItem) => Promise<void>,
) => Promise<void>;

export interface SidakQueueSnapshot {
  items: QueuedSidakItem[];
  syncing: boolean;
  loaded: boolean;
}

let snapshot: SidakQueueSnapshot = { items: [], syncing: false, loaded: false };
const listeners = new Set<() => void>();
const sentListeners = new Set<() => void>();
let syncPromise: Promise<void> | null = null;

function emit(next: Partial<SidakQueueSnapshot>) {
  snapshot = { ...snapshot, ...next };
  for (const l of listeners) l();
}

async function reload() {
  try {
    const items = (await (await sidakDb()).getAll('queue')).sort((a, b) => a.createdAt - b.createdAt);
    emit({
      items: items.map((i) => (i.state === 'sending' && !syncPromise ? { ...i, state: 'retry' } : i)),
      loaded: true,
    });
  } catch {
    emit({ loaded: true });
  }
}

/** Stores an item on the phone. */
export async function enqueueSidakItem(item: QueuedSidakItem): Promise<void> {
  await (await sidakDb()).put('queue', item);
  await reload();
}

/** Drops an item (a refused one the inspector gives up on). */
export async function discardSidakItem(clientId: string): Promise<void> {
  await (await sidakDb()).delete('queue', clientId);
  await reload();
}

/** Called after each item the queue delivered (to refresh the inspection). */
export function onSidakItemSent(listener: () => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

const retryable = (error: unknown) =>
  !isApiError(error) ||
  error.status === 0 ||
  error.status >= 500 ||
  ([401, 408, 423, 425, 429].includes(error.status) && error.code !== 'FORBIDDEN') ||
  error.code === 'CSRF';

async function runSync(sender: SidakSender) {
  const db = await sidakDb();
  const items = (await db.getAll('queue'))
    .filter((i) => i.state !== 'refused')
    .sort((a, b) => a.createdAt - b.createdAt);
  for (const item of items) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) break;
    emit({
      items: snapshot.items.map((i) => (i.clientId === item.clientId ? { ...i, state: 'sending' } : i)),
    });
    try {
      await sender(item, async (next) => {
        await db.put('queue', next);
      });
      await db.delete('queue', item.clientId);
      for (const l of sentListeners) l();
    } catch (error) {
      const current = (await db.get('queue', item.clientId)) ?? item;
      if (retryable(error)) {
        await db.put('queue', { ...current, state: 'retry', attempts: current.attempts + 1 });
        break;
      }
      await db.put('queue', {
        ...current,
        state: 'refused',
        attempts: current.attempts + 1,
        message: isApiError(error) ? error.message : null,
      });
    }
  }
}

/** Sends what waits, one sync at a time. */
export function syncSidakQueue(sender: SidakSender): Promise<void> {
  if (syncPromise) return syncPromise;
  emit({ syncing: true });
  syncPromise = (async () => {
    try {
      await runSync(sender);
    } catch {
      // IndexedDB trouble: the next trigger tries again
    } finally {
      syncPromise = null;
      await reload();
      emit({ syncing: false });
    }
  })();
  return syncPromise;
}

export function useSidakQueue(): SidakQueueSnapshot {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
}

/** Keeps the queue moving while mounted: on load, when the phone comes online, and every 15 s while items wait. */
export function useSidakSync(sender: SidakSender): void {
  useEffect(() => {
    let stopped = false;
    void reload().then(() => {
      if (!stopped) void syncSidakQueue(sender);
    });
    const online = () => void syncSidakQueue(sender);
    window.addEventListener('online', online);
    const timer = window.setInterval(() => {
      if (snapshot.items.some((i) => i.state !== 'refused')) void syncSidakQueue(sender);
    }, 15_000);
    return () => {
      stopped = true;
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [sender]);
}
