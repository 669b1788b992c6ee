import type { LightMyRequestResponse } from 'fastify';
import type { Client, TestApp } from './test-app.ts';

/*
 * The inspections cases of test/security/concurrency.test.ts (not a test itself): for every decision route of the module,
 * N identical calls fired at once give one success and N−1 clear answers, and one effect in the database; the
 * module's other state-changing routes are listed in `inspectionsNotDecisions` with the reason they need no case.
 * Demo province, clock Thursday 15 Jan 2026 09:00 WIB.
 */

export interface InspectionsConcurrencyDeps {
  get(): { t: TestApp; adminOpd: Client; bkd: Client; superAdmin: Client };
  fire(call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]>;
  expectOneWinner(
    rs: LightMyRequestResponse[],
    said: RegExp,
    alsoAllowed?: { status: number; code: string; said: RegExp }[],
  ): LightMyRequestResponse;
}

/** State-changing routes of the module that are not decisions, each with why N identical calls need no case. */
export const inspectionsNotDecisions: Record<string, string> = {};

/** The concurrency cases of the module's decision routes. */
export function inspectionsCases(deps: InspectionsConcurrencyDeps): Record<string, () => Promise<void>> {
  void deps;
  return {};
}
