/**
 * A short-lived cache of expensive answers that many callers ask for alike (the today view of a province,
 * polled by every leader): an answer of at least `minSize` items is kept for `freshMs` and shared by every
 * request with the same key; up to `staleMs` old it is still served while one fresh answer is computed beside
 * the requests (never two at once); older, it is computed again before answering. Small answers are never kept.
 * At most `max` keys are kept (the oldest goes first). `at(value)` is the instant the value describes.
 */
export function sharedSnapshots<T>(options: {
  compute: (key: string) => Promise<T>;
  size: (value: T) => number;
  at: (value: T) => number;
  now: () => number;
  minSize: number;
  freshMs: number;
  staleMs: number;
  max: number;
}) {
  const { compute, size, at, now, minSize, freshMs, staleMs, max } = options;
  const kept = new Map<string, { value: T; refreshing: boolean }>();
  const keep = (key: string, value: T) => {
    if (size(value) < minSize) return;
    kept.delete(key);
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
    kept.set(key, { value, refreshing: false });
  };
  return {
    async get(key: string): Promise<T> {
      const hit = kept.get(key);
      if (hit) {
        const age = now() - at(hit.value);
        if (age >= 0 && age < freshMs) return hit.value;
        if (age >= 0 && age < staleMs) {
          if (!hit.refreshing) {
            hit.refreshing = true;
            compute(key).then(
              (value) => keep(key, value),
              () => (hit.refreshing = false),
            );
          }
          return hit.value;
        }
        kept.delete(key);
      }
      const value = await compute(key);
      keep(key, value);
      return value;
    },
  };
}
