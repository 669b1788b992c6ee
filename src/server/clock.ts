/** The server's only source of "now"; tests pass a fixed clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A clock that can be moved forward by a number of milliseconds (the test clock, a fixed test clock). */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
}
export const isAdjustable = (c: Clock): c is AdjustableClock =>
  typeof (c as Partial<AdjustableClock>).advance === 'function';

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (next: string) => {
      t = new Date(next).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/**
 * The test clock (TEST_CLOCK=true, never in production: config.ts refuses it): the system clock plus an offset that
 * only grows, so a browser test can step past a deadline (the TPP objection window) on a server that otherwise runs
 * in real time. Moved by `POST /api/test/clock` (test-clock-routes.ts).
 */
export function offsetClock(base: Clock = systemClock): AdjustableClock & { offsetMs(): number } {
  let offset = 0;
  return {
    now: () => new Date(base.now().getTime() + offset),
    advance: (ms: number) => {
      if (ms < 0) throw new Error('the test clock only moves forward');
      offset += ms;
    },
    offsetMs: () => offset,
  };
}
