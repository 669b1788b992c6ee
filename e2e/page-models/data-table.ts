import type { Locator } from 'playwright-core';

/**
 * Waits until a DataTable shows the result fetched for parameters that `accept` takes. The table names the
 * request its rows came from in `data-for` (empty while a previous result is kept on screen), so this works
 * whether the result comes from the network or from the app's cache.
 */
export async function waitForTableData(
  table: Locator,
  accept: (params: URLSearchParams) => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await table.getAttribute('data-for')) ?? '';
    if (last && accept(new URL(last, 'http://x').searchParams)) return;
    await table.page().waitForTimeout(50);
  }
  throw new Error(`the table did not show the expected result (last shown: "${last}")`);
}
