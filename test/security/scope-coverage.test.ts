import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { apiRoutes } from '../helpers/api-routes.ts';
import { ACCESS_TABLES, AREA_PATHS } from './access/index.ts';

/*
 * The access tables of the scope tests (test/security/access/, checked by the scope-<area>.test.ts files) together
 * name every route of the API document once: a new route must say who may call it, in its area's table.
 */
describe('scope tables: one entry per route of the API document', () => {
  let t: TestApp;
  let routes: string[];
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    routes = apiRoutes(t.app).map((r) => r.key);
  });
  afterAll(() => t?.close());

  const areas = Object.entries(ACCESS_TABLES);
  const under = (key: string, paths: readonly string[]) => {
    const path = key.slice(key.indexOf(' ') + 1);
    return paths.some((p) => path === p || path.startsWith(`${p}/`));
  };

  it('names every route, and only routes of the document (a new route must say who may call it)', () => {
    const named = new Set(areas.flatMap(([, table]) => Object.keys(table)));
    const missing = routes.filter((r) => !named.has(r));
    const stale = [...named].filter((k) => !routes.includes(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  // A route in no table at all is the test above's "missing".
  it('names each route in one table only, the one of its area', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const [area, table] of areas)
      for (const key of Object.keys(table)) {
        const other = seen.get(key);
        if (other) problems.push(`${key}: in ${other} and ${area}`);
        seen.set(key, area);
        for (const [owner, paths] of Object.entries(AREA_PATHS)) {
          if (area === owner && !under(key, paths))
            problems.push(`${key}: in ${area}, outside ${paths.join(', ')}`);
          if (area !== owner && under(key, paths)) problems.push(`${key}: in ${area}, belongs to ${owner}`);
        }
      }
    expect(problems).toEqual([]);
  });

  it('gives seven codes per entry, or a reason to skip', () => {
    const problems: string[] = [];
    for (const [area, table] of areas)
      for (const [key, e] of Object.entries(table)) {
        if ('skip' in e) {
          if (!e.skip.trim()) problems.push(`${area} ${key}: a skip without its reason`);
        } else if (!/^[AIDN]{7}$/.test(e.expect)) problems.push(`${area} ${key}: codes "${e.expect}"`);
      }
    expect(problems).toEqual([]);
  });

  it('checks every table in a test file of its own', () => {
    const withoutFile = areas
      .map(([area]) => `scope-${area}.test.ts`)
      .filter((f) => !existsSync(new URL(`./${f}`, import.meta.url)));
    expect(withoutFile).toEqual([]);
  });
});
