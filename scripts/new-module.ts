/**
 * Scaffolds a module as docs/modules.md lays it out: the contract, the routes, the service façade, the repo, the
 * migration, the API test, the web client hooks and the page. The result compiles and its test passes as soon as the
 * wiring steps it prints are done (composition root, route list, navigation, table types, concurrency list).
 *
 *   npm run new:module -- NAME [--dry-run] [--root DIR]
 *
 * NAME is lower-case kebab case (`sidak`, `kinerja-harian`): the module folder, the file prefix, the API path
 * (`/api/NAME`) and, in snake case, the table (`NAME_items`). Refuses a name that exists (module folder, contract
 * or page) and writes nothing then. `--dry-run` lists the files without writing them.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

export interface ModuleNames {
  /** kebab-case: folder, file prefix, URL segment. */
  name: string;
  /** camelCase: variables, permission prefix. */
  camel: string;
  /** PascalCase: types, factory functions, the page component. */
  pascal: string;
  /** snake_case: the table. */
  snake: string;
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const RESERVED = new Set(['api', 'auth', 'files', 'documents', 'relations', 'shared', 'core', 'web', 'test']);

/** The names of a module, or an error message for a name that cannot be one. */
export function moduleNames(raw: string): ModuleNames | string {
  if (!NAME.test(raw)) return `"${raw}": use lower-case kebab case, e.g. "sidak" or "kinerja-harian"`;
  if (raw.length > 40) return `"${raw}": at most 40 characters`;
  if (RESERVED.has(raw)) return `"${raw}" is a platform name`;
  const parts = raw.split('-');
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  return {
    name: raw,
    camel: parts[0]! + parts.slice(1).map(cap).join(''),
    pascal: parts.map(cap).join(''),
    snake: parts.join('_'),
  };
}

/** The files of a new module (path relative to the project root → content). */
export function moduleFiles(n: ModuleNames, migrationStamp: string): Record<string, string> {
  const { name, camel, pascal, snake } = n;
  const table = `${snake}_items`;
  return {
    [`src/shared/api/${name}.ts`]: `import { z } from 'zod';
import { id, localDate, pageQuerySchema, paged, searchText, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of ${pascal} (docs/modules.md): request and response schemas, used by the routes for validation
 * and the API documentation, and by the web client for its types (\`import type\`).
 */

/** GET /api/${name}: a page of items in the caller's scope, newest first. */
export const ${camel}ListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  month: yearMonth.optional(),
  q: searchText.optional(),
});
export type ${pascal}ListQuery = z.input<typeof ${camel}ListQuerySchema>;

/** POST /api/${name}. */
export const ${camel}CreateSchema = z.object({
  unitId: id,
  date: localDate,
  title: text({ max: 200, min: 3, label: 'Judul' }),
  note: text({ max: 2000, multiline: true, label: 'Catatan' }).optional(),
});
export type ${pascal}Create = z.input<typeof ${camel}CreateSchema>;

export const ${camel}ItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  date: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ${pascal}Item = z.output<typeof ${camel}ItemSchema>;

/** POST /api/${name}: 201 with the new item's id. */
export const ${camel}CreatedSchema = z.object({ id: z.string() });

export const ${camel}ListSchema = paged(${camel}ItemSchema);
export type ${pascal}List = z.output<typeof ${camel}ListSchema>;
`,
    [`src/server/db/migrations/${migrationStamp}_create-${name}.ts`]: `import { sql, type Kysely } from 'kysely';

/** ${pascal}: its items (one concern per migration; docs/modules.md). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql\`
    create table ${table} (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references units (id),
      date date not null,
      title text not null,
      note text,
      created_by uuid references users (id),
      created_at timestamptz not null
    )\`.execute(db);
  await sql\`create index ${table}_unit_date on ${table} (unit_id, date desc, id)\`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql\`drop table ${table}\`.execute(db);
}
`,
    [`src/server/modules/${name}/${name}-repo.ts`]: `import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** One stored item with the names the list shows. */
export interface ${pascal}Row {
  id: string;
  unitId: string;
  unitName: string;
  date: string;
  title: string;
  note: string | null;
  createdByName: string | null;
  createdAt: Date;
}

export interface ${pascal}Filter {
  /** Unit subtrees ('all' = the organisation). */
  paths: 'all' | string[];
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

/** SQL of ${pascal}: no rules and no access checks (the service does both). */
export function create${pascal}Repo(db: Db) {
  const where = (f: ${pascal}Filter) => {
    const parts = [sql<boolean>\`true\`];
    if (f.paths !== 'all')
      parts.push(
        f.paths.length === 0
          ? sql<boolean>\`false\`
          : sql<boolean>\`(\${sql.join(f.paths.map((p) => sql\`u.path like \${\`\${p}%\`}\`), sql\` or \`)})\`,
      );
    if (f.unitId) parts.push(sql<boolean>\`i.unit_id = \${f.unitId}::uuid\`);
    if (f.from) parts.push(sql<boolean>\`i.date >= \${f.from}::date\`);
    if (f.to) parts.push(sql<boolean>\`i.date <= \${f.to}::date\`);
    if (f.q) parts.push(sql<boolean>\`i.title ilike \${\`%\${f.q.replace(/[\\\\%_]/g, '\\\\$&')}%\`}\`);
    return sql.join(parts, sql\` and \`);
  };
  return {
    async unitPath(unitId: string, trx: Db = db): Promise<string | null> {
      const r = await sql<{ path: string }>\`select path from units where id = \${unitId}::uuid\`.execute(trx);
      return r.rows[0]?.path ?? null;
    },

    async list(f: ${pascal}Filter, page: number, pageSize: number): Promise<{ rows: ${pascal}Row[]; total: number }> {
      const rows = await sql<${pascal}Row>\`
        select i.id, i.unit_id as "unitId", u.name as "unitName", to_char(i.date, 'YYYY-MM-DD') as date, i.title,
               i.note, us.display_name as "createdByName", i.created_at as "createdAt"
          from ${table} i join units u on u.id = i.unit_id left join users us on us.id = i.created_by
         where \${where(f)}
         order by i.date desc, i.id
         limit \${pageSize} offset \${(page - 1) * pageSize}\`.execute(db);
      const total = await sql<{ n: number }>\`
        select count(*)::int as n from ${table} i join units u on u.id = i.unit_id where \${where(f)}\`.execute(db);
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    async insert(
      trx: Db,
      row: { unitId: string; date: string; title: string; note: string | null; createdBy: string; createdAt: Date },
    ): Promise<string> {
      const r = await sql<{ id: string }>\`
        insert into ${table} (unit_id, date, title, note, created_by, created_at)
        values (\${row.unitId}::uuid, \${row.date}::date, \${row.title}, \${row.note}, \${row.createdBy}::uuid,
                \${row.createdAt})
        returning id\`.execute(trx);
      return r.rows[0]!.id;
    },
  };
}
export type ${pascal}Repo = ReturnType<typeof create${pascal}Repo>;
`,
    [`src/server/modules/${name}/${name}-service.ts`]: `import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { ${pascal}Create, ${pascal}List, ${pascal}ListQuery } from '../../../shared/api/${name}.ts';
import type { ${pascal}Repo } from './${name}-repo.ts';

/** The last day of a YYYY-MM month. */
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return \`\${month}-\${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}\`;
};

/**
 * ${pascal}: the module's façade, the only part other modules may use (its type, wired in app.ts). Every write
 * checks the caller's role and scope first, inside the request's transaction, and leaves an audit entry.
 */
export function create${pascal}Service(deps: { db: Db; repo: ${pascal}Repo; audit: AuditService; clock: Clock }) {
  const { db, repo, audit, clock } = deps;
  return {
    /** A page of items in the caller's scope (403 without '${camel}.read' anywhere). */
    async list(actor: Actor, query: ${pascal}ListQuery & { page: number; pageSize: number }): Promise<${pascal}List> {
      const paths = requireAny(actor, '${camel}.read');
      if (query.unitId) {
        const unitPath = await repo.unitPath(query.unitId);
        if (!unitPath) throw notFound('Unit');
        requireUnit(actor, '${camel}.read', unitPath);
      }
      const { rows, total } = await repo.list(
        {
          paths,
          unitId: query.unitId,
          from: query.month ? \`\${query.month}-01\` : undefined,
          to: query.month ? monthEnd(query.month) : undefined,
          q: query.q,
        },
        query.page,
        query.pageSize,
      );
      return {
        items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Records an item in a unit of the caller's scope ('${camel}.write'); audited. */
    async create(actor: Actor, input: ${pascal}Create): Promise<{ id: string }> {
      return db.transaction().execute(async (trx) => {
        const unitPath = await repo.unitPath(input.unitId, trx);
        if (!unitPath) throw notFound('Unit');
        requireUnit(actor, '${camel}.write', unitPath);
        const id = await repo.insert(trx, {
          unitId: input.unitId,
          date: input.date,
          title: input.title,
          note: input.note ?? null,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        await audit.record(trx, ctxOf(actor), {
          action: '${camel}.created',
          entityType: '${snake}_item',
          entityId: id,
          unitId: input.unitId,
          after: { date: input.date, title: input.title },
        });
        return { id };
      });
    },
  };
}
export type ${pascal}Service = ReturnType<typeof create${pascal}Service>;
`,
    [`src/server/modules/${name}/${name}-routes.ts`]: `import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ${camel}CreatedSchema,
  ${camel}CreateSchema,
  ${camel}ListQuerySchema,
  ${camel}ListSchema,
} from '../../../shared/api/${name}.ts';
import { actorOf } from '../../plugins/session.ts';
import type { ${pascal}Service } from './${name}-service.ts';

const tags = ['${pascal}'];

/** Routes of ${pascal}: thin, one service call each; schemas from the contract (src/shared/api/${name}.ts). */
export function ${camel}Routes(deps: { ${camel}: ${pascal}Service }): FastifyPluginAsyncZod {
  const service = deps.${camel};
  return async (app) => {
    app.get(
      '/api/${name}',
      {
        schema: {
          tags,
          summary: '${pascal}: daftar dalam lingkup pemanggil',
          querystring: ${camel}ListQuerySchema,
          response: { 200: ${camel}ListSchema },
        },
      },
      (request) => service.list(actorOf(request), request.query),
    );

    app.post(
      '/api/${name}',
      {
        schema: {
          tags,
          summary: '${pascal}: catat satu butir (dicatat di log audit)',
          body: ${camel}CreateSchema,
          response: { 201: ${camel}CreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(actorOf(request), request.body)),
    );
  };
}
`,
    [`src/server/modules/${name}/${name}.test.ts`]: `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type UnitRef } from '../../../../test/factories/index.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { createTestApp, login, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { ${pascal}List } from '../../../shared/api/${name}.ts';

/*
 * ${pascal} through the API on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): two OPDs built by the
 * factories, an admin OPD of the first; what they may list and record, and that a refusal stores nothing.
 */
describe('${name} (GET/POST /api/${name})', () => {
  let t: TestApp;
  let mine: UnitRef;
  let other: UnitRef;
  let admin: Awaited<ReturnType<typeof login>>;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const f = factories(t);
    const root = await f.unit({ code: 'PROV' });
    mine = await f.unit({ code: 'OPD-A', kind: 'OPD', parent: root });
    other = await f.unit({ code: 'OPD-B', kind: 'OPD', parent: root });
    const person = await f.employee({ unit: mine });
    const account = await f.account(person);
    await f.grant(account, 'ADMIN_OPD', mine);
    admin = await login(t.app, account.username);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records an item in its scope and lists it', async () => {
    const res = await admin.post('/api/${name}', { unitId: mine.id, date: '2026-01-14', title: 'Butir pertama' });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await admin.get('/api/${name}?month=2026-01')).json<${pascal}List>();
    expect(list.items.map((i) => i.title)).toEqual(['Butir pertama']);
    expect(list.total).toBe(1);
  });

  it('refuses a unit outside its scope with 403 and stores nothing', async () => {
    const before = await dbFingerprint(t.db);
    const res = await admin.post('/api/${name}', { unitId: other.id, date: '2026-01-14', title: 'Di luar lingkup' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    expect((await admin.get(\`/api/${name}?unitId=\${other.id}\`)).statusCode).toBe(403);
  });

  it('answers bad input with 400 and the field, and stores nothing', async () => {
    const before = await dbFingerprint(t.db);
    const res = await admin.post('/api/${name}', { unitId: mine.id, date: '14/01/2026', title: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });
});
`,
    [`src/web/api/${name}.ts`]: `import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ${pascal}Create, ${pascal}List, ${pascal}ListQuery } from '../../shared/api/${name}.ts';
import { api, type QueryParams } from './http.ts';

export const ${camel}Keys = {
  all: ['${name}'] as const,
  list: (query: ${pascal}ListQuery) => ['${name}', 'list', query] as const,
};

/** A page of ${pascal} items (types from the contract, src/shared/api/${name}.ts). */
export function use${pascal}List(query: ${pascal}ListQuery) {
  return useQuery({
    queryKey: ${camel}Keys.list(query),
    queryFn: ({ signal }) => api.get<${pascal}List>('/${name}', query as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreate${pascal}() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ${pascal}Create) => api.post<{ id: string }>('/${name}', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ${camel}Keys.all }),
  });
}
`,
    [`src/web/pages/${pascal}Page/${pascal}Page.tsx`]: `import { Card, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { use${pascal}List } from '../../api/${name}.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';

/**
 * ${pascal}: the list of the caller's scope with search. Add its strings to text/id-pages.ts and en.ts, a \`lazyPage\`
 * line in app/routes.tsx and a line in app/nav.ts (docs/modules.md).
 */
export function ${pascal}Page() {
  const [q, setQ] = useState('');
  const list = use${pascal}List({ q: q || undefined, page: 1, pageSize: 50 });
  return (
    <Stack>
      <PageHeader title="${pascal}" />
      <TextInput label="Cari" value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={320} />
      <Card>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="Belum ada data" />
        ) : (
          <Table>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatDate(item.date)}</Table.Td>
                  <Table.Td>{item.title}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {item.unitName}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
`,
  };
}

/** What to wire by hand after scaffolding (printed). */
export function wiringSteps(n: ModuleNames): string[] {
  const { name, camel, pascal } = n;
  return [
    `src/server/auth/authz.ts: PERMISSIONS gained '${camel}.read' and '${camel}.write' (adjust the roles); the migration is registered in src/server/db/migrations/index.ts.`,
    `src/server/app.ts: const ${camel} = create${pascal}Service({ db, repo: create${pascal}Repo(db), audit, clock }); add it to the services; register ${camel}Routes({ ${camel}: services.${camel} }).`,
    `src/web/app/routes.tsx: const ${pascal}Page = lazyPage(() => import('../pages/${pascal}Page/${pascal}Page.tsx').then((m) => ({ default: m.${pascal}Page }))); and a route '/${name}'.`,
    `src/web/app/nav.ts: a line for /${name} with the roles that may open it; strings in text/id-pages.ts and text/en.ts.`,
    `src/server/db/schema.ts: the table's interface and its line in Database (src/server/db/schema.test.ts compares them with the migrated database).`,
    `test/security/concurrency.test.ts: each state-changing route as a concurrency case or in NOT_DECISIONS with the reason (its first test lists the routes missing).`,
    `npx vitest run src/server/modules/${name}   # the module's API test`,
  ];
}

/** Adds the module's two permissions to the PERMISSIONS table (before its closing line). */
export function withPermissions(authz: string, n: ModuleNames): string {
  const end = '} as const satisfies Record<string, readonly GrantableRole[]>;';
  if (!authz.includes(end)) throw new Error('PERMISSIONS table not found in authz.ts');
  const lines =
    `  /** ${n.pascal}: read in scope (scaffolded; adjust the roles). */\n` +
    `  '${n.camel}.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],\n` +
    `  /** ${n.pascal}: record in scope (scaffolded; adjust the roles). */\n` +
    `  '${n.camel}.write': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],\n`;
  return authz.replace(end, `${lines}${end}`);
}

function stamp(now: Date): string {
  const p = (v: number) => String(v).padStart(2, '0');
  return `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}`;
}

/**
 * The new migration's stamp: now, or one minute after the latest registered migration when that is later (the
 * migrator refuses a migration that sorts before one already run).
 */
export function nextStamp(registry: string, now: Date): string {
  const latest = [...registry.matchAll(/'(\d{12})_[^']+':/g)]
    .map((m) => m[1]!)
    .sort()
    .at(-1);
  const mine = stamp(now);
  if (!latest || mine > latest) return mine;
  const y = Number(latest.slice(0, 4));
  const next = new Date(
    Date.UTC(
      y,
      Number(latest.slice(4, 6)) - 1,
      Number(latest.slice(6, 8)),
      Number(latest.slice(8, 10)),
      Number(latest.slice(10, 12)) + 1,
    ),
  );
  return stamp(next);
}

/** Adds the migration to the static registry (migrations/index.ts): its import and its entry, last. */
export function withMigration(registry: string, file: string): string {
  const base = path.basename(file, '.ts');
  const alias = `m${base.slice(0, 12)}`;
  const lastImport = registry.lastIndexOf('\nimport * as ');
  const importEnd = registry.indexOf('\n', lastImport + 1);
  const close = registry.lastIndexOf('\n};');
  if (lastImport < 0 || close < 0)
    throw new Error('migration registry not recognised (src/server/db/migrations/index.ts)');
  const withImport = `${registry.slice(0, importEnd)}\nimport * as ${alias} from './${base}.ts';${registry.slice(importEnd)}`;
  const at = withImport.lastIndexOf('\n};');
  return `${withImport.slice(0, at)}\n  '${base}': ${alias},${withImport.slice(at)}`;
}

/** Writes the module under `root`; returns the files written, or throws with the reason (nothing written then). */
export async function scaffold(
  raw: string,
  opts: { root: string; now?: Date; dryRun?: boolean },
): Promise<{ files: string[]; steps: string[] }> {
  const n = moduleNames(raw);
  if (typeof n === 'string') throw new Error(n);
  const registryPath = path.join(opts.root, 'src/server/db/migrations/index.ts');
  const registry = await readFile(registryPath, 'utf8');
  const files = moduleFiles(n, nextStamp(registry, opts.now ?? new Date()));
  const migration = Object.keys(files).find((f) => f.startsWith('src/server/db/migrations/'))!;
  const newRegistry = withMigration(registry, migration);
  const clash = [
    `src/server/modules/${n.name}`,
    `src/shared/api/${n.name}.ts`,
    `src/web/pages/${n.pascal}Page`,
  ].filter((p) => existsSync(path.join(opts.root, p)));
  if (clash.length > 0) throw new Error(`"${n.name}" exists already: ${clash.join(', ')}`);
  const authzPath = path.join(opts.root, 'src/server/auth/authz.ts');
  const authz = withPermissions(await readFile(authzPath, 'utf8'), n);
  if (!opts.dryRun) {
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(opts.root, file);
      await mkdir(path.dirname(target), { recursive: true });
      // Formatted as `npm run format` would (the project's Prettier settings), so the new files pass format:check.
      const options = (await prettier.resolveConfig(target)) ?? {};
      await writeFile(target, await prettier.format(content, { ...options, filepath: target }), {
        flag: 'wx',
      });
    }
    await writeFile(authzPath, authz);
    await writeFile(registryPath, newRegistry);
  }
  return { files: Object.keys(files), steps: wiringSteps(n) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? path.resolve(args[rootAt + 1] ?? '.') : path.resolve(import.meta.dirname, '..');
  const name = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--root');
  if (!name) {
    console.error('usage: npm run new:module -- NAME [--dry-run] [--root DIR]');
    process.exit(2);
  }
  try {
    const { files, steps } = await scaffold(name, { root, dryRun: args.includes('--dry-run') });
    console.log(
      `${args.includes('--dry-run') ? 'Would write' : 'Wrote'}:\n${files.map((f) => `  ${f}`).join('\n')}`,
    );
    console.log(`\nThen:\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`);
  } catch (error) {
    console.error(`new:module: ${(error as Error).message}`);
    process.exit(1);
  }
}
