import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { moduleFiles, moduleNames, nextStamp, scaffold, type ModuleNames } from '../../scripts/new-module.ts';

/*
 * The module scaffolder (npm run new:module -- NAME): names, refusals that write nothing, and generated code that
 * is valid TypeScript whose every relative import names a file of this repository exporting what it imports — so
 * the template follows the code when a platform part moves.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const names = (raw: string) => moduleNames(raw) as ModuleNames;

describe('module names', () => {
  it.each([
    ['sidak', { name: 'sidak', camel: 'sidak', pascal: 'Sidak', snake: 'sidak' }],
    [
      'kinerja-harian',
      { name: 'kinerja-harian', camel: 'kinerjaHarian', pascal: 'KinerjaHarian', snake: 'kinerja_harian' },
    ],
    ['tpp2', { name: 'tpp2', camel: 'tpp2', pascal: 'Tpp2', snake: 'tpp2' }],
  ])('%s', (raw, expected) => {
    expect(moduleNames(raw)).toEqual(expected);
  });

  it.each(['Sidak', 'kinerja_harian', '-x', 'x-', '2tpp', 'a--b', '', 'auth', 'files', 'x'.repeat(41)])(
    'refuses %j',
    (raw) => {
      expect(typeof moduleNames(raw)).toBe('string');
    },
  );
});

describe('generated files', () => {
  const n = names('uji-modul');
  const files = moduleFiles(n, '202701010000');

  it('lay the module out as docs/modules.md describes', () => {
    expect(Object.keys(files).sort()).toEqual(
      [
        'src/shared/api/uji-modul.ts',
        'src/server/db/migrations/202701010000_create-uji-modul.ts',
        'src/server/modules/uji-modul/uji-modul-repo.ts',
        'src/server/modules/uji-modul/uji-modul-service.ts',
        'src/server/modules/uji-modul/uji-modul-routes.ts',
        'src/server/modules/uji-modul/uji-modul.test.ts',
        'src/web/api/uji-modul.ts',
        'src/web/pages/UjiModulPage/UjiModulPage.tsx',
      ].sort(),
    );
    const doc = readFileSync(path.join(ROOT, 'docs/modules.md'), 'utf8');
    expect(doc).toContain('npm run new:module');
  });

  it.each(Object.keys(files))('%s is valid TypeScript', (file) => {
    const out = ts.transpileModule(files[file]!, {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: {
        jsx: ts.JsxEmit.ReactJSX,
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
      },
    });
    expect(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) ?? []).toEqual(
      [],
    );
  });

  it.each(Object.keys(files))('%s imports only what exists in this repository', (file) => {
    const source = ts.createSourceFile(file, files[file]!, ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement)) continue;
      const spec = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(ROOT, path.dirname(file), spec);
      const generated = path.relative(ROOT, target);
      const text = files[generated] ?? (existsSync(target) ? readFileSync(target, 'utf8') : null);
      expect(text, `${file} → ${spec}`).not.toBeNull();
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const el of bindings.elements) {
        const name = (el.propertyName ?? el.name).text;
        expect(
          new RegExp(
            `export (?:async )?(?:const|function|type|interface|class|let) ${name}\\b|export \\{[^}]*\\b${name}\\b`,
          ).test(text!),
          `${file} imports ${name} from ${spec}`,
        ).toBe(true);
      }
    }
  });

  it('the routes take every schema from the contract (none built inline)', () => {
    const routes = files['src/server/modules/uji-modul/uji-modul-routes.ts']!;
    expect(routes).not.toMatch(/\bz\./);
    expect(routes).toContain("from '../../../shared/api/uji-modul.ts'");
  });

  it('the service checks scope before it writes and audits the write', () => {
    const service = files['src/server/modules/uji-modul/uji-modul-service.ts']!;
    const create = service.slice(service.indexOf('async create('));
    expect(create.indexOf("requireUnit(actor, 'ujiModul.write'")).toBeGreaterThan(0);
    expect(create.indexOf("requireUnit(actor, 'ujiModul.write'")).toBeLessThan(
      create.indexOf('repo.insert('),
    );
    expect(create).toContain("action: 'ujiModul.created'");
  });
});

describe('scaffold', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  async function fakeRoot(): Promise<string> {
    dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-scaffold-'));
    await mkdir(path.join(dir, 'src/server/auth'), { recursive: true });
    await mkdir(path.join(dir, 'src/server/db/migrations'), { recursive: true });
    await writeFile(
      path.join(dir, 'src/server/db/migrations/index.ts'),
      await readFile(path.join(ROOT, 'src/server/db/migrations/index.ts'), 'utf8'),
    );
    await writeFile(
      path.join(dir, 'src/server/auth/authz.ts'),
      await readFile(path.join(ROOT, 'src/server/auth/authz.ts'), 'utf8'),
    );
    return dir;
  }

  it('writes the files and adds the two permissions', async () => {
    const root = await fakeRoot();
    const { files, steps } = await scaffold('sidak', { root, now: new Date('2099-01-02T03:04:00Z') });
    for (const file of files) expect(existsSync(path.join(root, file)), file).toBe(true);
    expect(files).toContain('src/server/db/migrations/209901020304_create-sidak.ts');
    const registry = await readFile(path.join(root, 'src/server/db/migrations/index.ts'), 'utf8');
    expect(registry).toContain("import * as m209901020304 from './209901020304_create-sidak.ts';");
    expect(registry.trimEnd().endsWith("'209901020304_create-sidak': m209901020304,\n};")).toBe(true);
    const authz = await readFile(path.join(root, 'src/server/auth/authz.ts'), 'utf8');
    expect(authz).toMatch(/'sidak\.read': \[/);
    expect(authz).toMatch(/'sidak\.write': \[/);
    expect(steps.join('\n')).toContain('src/server/app.ts');
  });

  it('takes a stamp after the latest migration when the clock is behind it', () => {
    const registry = "  '202612071402_create-x': m1,\n  '202612312359_create-y': m2,\n};";
    expect(nextStamp(registry, new Date('2026-12-05T10:00:00Z'))).toBe('202701010000');
    expect(nextStamp(registry, new Date('2027-03-04T05:06:00Z'))).toBe('202703040506');
  });

  it('refuses a module that exists and writes nothing', async () => {
    const root = await fakeRoot();
    await mkdir(path.join(root, 'src/server/modules/sidak'), { recursive: true });
    const authzBefore = await readFile(path.join(root, 'src/server/auth/authz.ts'), 'utf8');
    await expect(scaffold('sidak', { root })).rejects.toThrow(/exists already/);
    expect(existsSync(path.join(root, 'src/shared/api/sidak.ts'))).toBe(false);
    expect(await readFile(path.join(root, 'src/server/auth/authz.ts'), 'utf8')).toBe(authzBefore);
  });

  it('a dry run writes nothing', async () => {
    const root = await fakeRoot();
    const { files } = await scaffold('sidak', { root, dryRun: true });
    expect(files.length).toBe(8);
    expect(existsSync(path.join(root, 'src/shared/api/sidak.ts'))).toBe(false);
  });
});
