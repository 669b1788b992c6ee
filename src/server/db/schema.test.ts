import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/test-db.ts';
import type { DatabaseHandle } from './database.ts';

/**
 * schema.ts is kept by hand next to the migrations: this reads its table interfaces as text and compares
 * them, table by table and column by column, with the migrated database, so the two cannot drift.
 */
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

async function declaredTables(): Promise<Map<string, string[]>> {
  const src = await readFile(path.join(import.meta.dirname, 'schema.ts'), 'utf8');
  const interfaces = new Map<string, string[]>();
  for (const m of src.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const fields = [...m[2]!.matchAll(/^ {2}(\w+): /gm)].map((f) => f[1]!);
    interfaces.set(m[1]!, fields);
  }
  const tables = new Map<string, string[]>();
  const database = src.match(/export interface Database \{\n([\s\S]*?)\n\}/)![1]!;
  for (const [, table, iface] of database.matchAll(/^ {2}(\w+): (\w+);/gm))
    tables.set(snake(table!), interfaces.get(iface!)!.map(snake).sort());
  return tables;
}

describe('schema.ts matches the migrated database', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle.close());

  it('declares every table with exactly its columns', async () => {
    // The CamelCasePlugin turns the result columns into tableName/columnName.
    const rows = await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_%'`.execute(handle.db);
    const actual = new Map<string, string[]>();
    for (const r of rows.rows) actual.set(r.tableName, [...(actual.get(r.tableName) ?? []), r.columnName]);
    for (const cols of actual.values()) cols.sort();
    const declared = await declaredTables();
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
    for (const [table, cols] of declared) expect({ table, cols }).toEqual({ table, cols: actual.get(table) });
  });
});
