import { performance } from 'node:perf_hooks';

/** The value of `f` and its wall time in ms. */
export async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

/** The `q` quantile (0–1) of `xs`: the element at floor(q × n) of the sorted values (the largest for q = 1). */
export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
