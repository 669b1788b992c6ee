import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { fingerprint, historyApp } from './history-test-world.ts';

/*
 * The demo history is deterministic: two fresh databases loaded at the same clock hold the same data (every punch,
 * day status, recap, leave, permit, correction, closing, device and audit action, by natural keys). Apart from
 * load-history.test.ts so that each file's loads stay within the per-file time limit.
 */

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = (await historyApp()).t;
  b = (await historyApp()).t;
}, 600_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('the demo history', () => {
  it('is deterministic: a second fresh database loaded at the same clock holds the same data', async () => {
    const [x, y] = [await fingerprint(a), await fingerprint(b)];
    for (const k of Object.keys(y) as (keyof typeof y)[]) expect(x[k], k).toEqual(y[k]);
  });
});
