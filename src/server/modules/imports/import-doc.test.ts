import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPLOYEE_COLUMNS, HEADER_ALIASES, UNIT_COLUMNS } from './import-columns.ts';

/** docs/import.md is the documented column layout: it must name every column and alias the code reads. */
describe('docs/import.md', async () => {
  const doc = await readFile(path.resolve(import.meta.dirname, '../../../../docs/import.md'), 'utf8');
  const rows = new Map(
    [...doc.matchAll(/^\| `([a-z_]+)` \| (ya|—) \|/gm)].map((m) => [m[1]!, m[2] === 'ya'] as const),
  );

  it.each([...UNIT_COLUMNS, ...EMPLOYEE_COLUMNS].map((c) => [c.name, c.required] as const))(
    'documents column %s (required: %s)',
    (name, required) => {
      expect(rows.get(name)).toBe(required);
    },
  );

  it.each(Object.entries(HEADER_ALIASES))('documents the SIASN-style header %s → %s', (alias, column) => {
    expect(doc).toContain(`| \`${alias}\` | \`${column}\` |`);
  });
});
