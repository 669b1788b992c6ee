/**
 * The server's clock as last seen, with a monotonic baseline. Offline punches carry the last server time and
 * the milliseconds elapsed since it on `performance.now()` (which a user cannot set), so the server can
 * estimate the real capture time even when the phone's own clock is wrong.
 *
 * The baseline is only valid within one page lifetime (`performance.timeOrigin`): after a reload the monotonic
 * clock starts again, so the stored server time is still sent but the elapsed time is not.
 */

interface Baseline {
  serverTime: number;
  perfNow: number;
  timeOrigin: number;
}

const STORAGE_KEY = 'abdi.serverClock';
let baseline: Baseline | null = null;

function stored(): Baseline | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Baseline>;
    if (
      typeof value.serverTime === 'number' &&
      typeof value.perfNow === 'number' &&
      typeof value.timeOrigin === 'number'
    )
      return value as Baseline;
  } catch {
    // unreadable: no baseline
  }
  return null;
}

/** Call with the server's epoch ms when an answer carrying it arrives (e.g. /attendance/today). */
export function recordServerTime(serverTime: number): void {
  baseline = { serverTime, perfNow: performance.now(), timeOrigin: performance.timeOrigin };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(baseline));
  } catch {
    // private mode: memory only
  }
}

function current(): Baseline | null {
  return baseline ?? stored();
}

/** The offline evidence for a capture happening now. */
export function offlineClock(): {
  deviceTime: number;
  lastServerTime: number | null;
  elapsedSinceServerMs: number | null;
} {
  const b = current();
  const deviceTime = Date.now();
  if (!b) return { deviceTime, lastServerTime: null, elapsedSinceServerMs: null };
  const samePage = b.timeOrigin === performance.timeOrigin;
  return {
    deviceTime,
    lastServerTime: Math.round(b.serverTime),
    elapsedSinceServerMs: samePage ? Math.max(0, Math.round(performance.now() - b.perfNow)) : null,
  };
}

/** The best estimate of the server's time now (epoch ms); the phone's clock when the server was never seen. */
export function serverNow(): number {
  const b = current();
  if (!b || b.timeOrigin !== performance.timeOrigin) return Date.now();
  return b.serverTime + (performance.now() - b.perfNow);
}
