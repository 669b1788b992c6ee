import { useCallback, useEffect, useState } from 'react';

/** Pages whose first screen says when it is ready (markFirstScreenReady): the punch screen. */
const SIGNALLING = new Set(['/presensi']);
/** How long a signalling page may keep the rest waiting (its first screen may be stuck on a denied camera). */
const SIGNAL_TIMEOUT_MS = 15_000;

let firstScreenReady = false;
const waiting = new Set<() => void>();

/**
 * The punch screen calls this when its button can be pressed: only then do the user menu, the notification panel,
 * the punch history and the other pages' strings start loading, so on 3G they do not share the line with what the
 * button waits for.
 */
export function markFirstScreenReady(): void {
  if (firstScreenReady) return;
  firstScreenReady = true;
  for (const go of [...waiting]) go();
  waiting.clear();
}

/**
 * Runs `fn` once the first screen has loaded and the main thread is idle: the moment to fetch what the first screen
 * does not need (the user menu, the notification list, the other pages' strings). On /presensi it also waits for
 * the punch button (markFirstScreenReady, at most 15 s). On a phone on 3G with a slow CPU this keeps those bytes and
 * that parsing off the path to a usable punch button. Returns a cancel function.
 */
export function afterFirstScreen(fn: () => void): () => void {
  let cancelled = false;
  let cancelWait = () => {};
  const idle = () => {
    if (cancelled) return;
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(fn, { timeout: 3_000 });
      cancelWait = () => window.cancelIdleCallback(id);
    } else {
      const id = window.setTimeout(fn, 1_000);
      cancelWait = () => window.clearTimeout(id);
    }
  };
  const loaded = () => {
    if (cancelled) return;
    if (firstScreenReady || !SIGNALLING.has(window.location.pathname)) return idle();
    const go = () => {
      window.clearTimeout(timer);
      waiting.delete(go);
      idle();
    };
    const timer = window.setTimeout(go, SIGNAL_TIMEOUT_MS);
    waiting.add(go);
    cancelWait = () => {
      window.clearTimeout(timer);
      waiting.delete(go);
    };
  };
  if (document.readyState === 'complete') loaded();
  else window.addEventListener('load', loaded, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', loaded);
    cancelWait();
  };
}

/**
 * For a part of the page whose code is a lazy chunk: false until the first screen is idle (afterFirstScreen), true
 * from then on, or at once after `now()` (the user reached for it first, e.g. clicked its placeholder).
 */
export function useAfterFirstScreen(): [ready: boolean, now: () => void] {
  const [ready, setReady] = useState(false);
  useEffect(() => afterFirstScreen(() => setReady(true)), []);
  return [ready, useCallback(() => setReady(true), [])];
}
