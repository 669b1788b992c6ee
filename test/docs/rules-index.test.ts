import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The rules index (docs/rules.md) and the glossary (docs/glossary.md) cite files of this repository so that code
 * comments can point at them and readers can follow them. This test keeps the citations true, by reading text only
 * (no import of the app, no database):
 * - every backticked path starting with src/, rulebooks/, test/, docs/, e2e/ or scripts/ exists (a path ending
 *   in "/" must be a folder);
 * - `file.ts#name` names an export of the file (a text search for `export … name`, `export { … name … }`);
 * - `file.json#a.b` names a key path of the JSON file (a rulebook section's key);
 * - every rule row of the index has a unique id, cites its implementation under src/ and a test file (or "—").
 * Fenced code blocks are not read.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PREFIXES = ['src/', 'rulebooks/', 'test/', 'docs/', 'e2e/', 'scripts/'];

interface Citation {
  where: string;
  target: string;
  file: string;
  fragment: string | null;
}

/** The markdown without fenced code blocks (their lines kept empty, so line numbers stay right). */
function withoutFences(markdown: string): string[] {
  let inFence = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      return '';
    }
    return inFence ? '' : line;
  });
}

/** The citations of one line: backticked spans that start with a repository folder. */
function citationsOfLine(line: string, where: string): Citation[] {
  const out: Citation[] = [];
  for (const m of line.matchAll(/`([^`]+)`/g)) {
    const target = (m[1] ?? '').trim();
    if (!PREFIXES.some((p) => target.startsWith(p))) continue;
    const hash = target.indexOf('#');
    out.push({
      where,
      target,
      file: hash < 0 ? target : target.slice(0, hash),
      fragment: hash < 0 ? null : target.slice(hash + 1),
    });
  }
  return out;
}

function citationsOf(markdown: string, doc: string): Citation[] {
  return withoutFences(markdown).flatMap((line, i) => citationsOfLine(line, `${doc}:${i + 1}`));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a source text exports `name` (declaration or export list), found by text search. */
function exportsName(source: string, name: string): boolean {
  const n = escapeRegExp(name);
  const declaration = new RegExp(
    `export\\s+(?:declare\\s+)?(?:default\\s+)?(?:async\\s+)?(?:abstract\\s+)?` +
      `(?:function\\*?|const|let|var|class|type|interface|enum)\\s+${n}(?![\\w$])`,
  );
  const list = new RegExp(`export\\s+(?:type\\s+)?\\{[^}]*(?<![\\w$])${n}(?![\\w$])[^}]*\\}`);
  return declaration.test(source) || list.test(source);
}

/** Whether a dotted key path (`a.b.c`, numeric segments index arrays) exists in a JSON value. */
function hasKeyPath(value: unknown, keyPath: string): boolean {
  let v: unknown = value;
  for (const key of keyPath.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(key)) v = v[Number(key)];
    else if (v !== null && typeof v === 'object' && Object.hasOwn(v, key))
      v = (v as Record<string, unknown>)[key];
    else return false;
  }
  return v !== undefined;
}

/** What is wrong with one citation, or null when it holds. */
function problemOf(c: Citation): string | null {
  const abs = path.join(ROOT, c.file);
  if (!existsSync(abs)) return `${c.where}: \`${c.target}\` — no such file or folder`;
  const isDir = statSync(abs).isDirectory();
  if (c.file.endsWith('/') !== isDir)
    return `${c.where}: \`${c.target}\` — ${isDir ? 'a folder, write it with a final /' : 'not a folder'}`;
  if (c.fragment === null) return null;
  if (c.fragment === '') return `${c.where}: \`${c.target}\` — empty name after #`;
  if (isDir) return `${c.where}: \`${c.target}\` — a folder has no exports`;
  const text = readFileSync(abs, 'utf8');
  if (/\.json$/.test(c.file)) {
    return hasKeyPath(JSON.parse(text), c.fragment)
      ? null
      : `${c.where}: \`${c.target}\` — ${c.file} has no key ${c.fragment}`;
  }
  if (/\.(ts|tsx|js|mjs)$/.test(c.file)) {
    return exportsName(text, c.fragment)
      ? null
      : `${c.where}: \`${c.target}\` — ${c.file} exports no ${c.fragment}`;
  }
  return `${c.where}: \`${c.target}\` — "#name" is only checked in .ts/.tsx/.js/.json files`;
}

/** The rule rows of the index: `| ID | rule | source | implementation | numbers | tests |`. */
function ruleRows(markdown: string): { id: string; where: string; cells: string[] }[] {
  const rows: { id: string; where: string; cells: string[] }[] = [];
  withoutFences(markdown).forEach((line, i) => {
    const m = /^\|\s*([A-Z]{2,4}-\d{2})\s*\|/.exec(line);
    if (!m) return;
    const cells = line
      .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
      .split(' | ')
      .map((c) => c.trim());
    rows.push({ id: m[1] as string, where: `docs/rules.md:${i + 1}`, cells });
  });
  return rows;
}

const read = (doc: string) => readFileSync(path.join(ROOT, doc), 'utf8');

describe('the checker itself (so a pass means something)', () => {
  const sample = [
    'A real one: `src/core/attendance/classify-day.ts#classifyDay`, a folder `src/core/`, a rulebook key',
    '`rulebooks/national/attendance.json#lateBands.bands.0.band`, and words `not/a/path`.',
    'Broken: `src/core/attendance/no-such-file.ts`, `src/core/attendance/classify-day.ts#noSuchExport`,',
    '`rulebooks/national/attendance.json#noSuchKey`, `src/core` (a folder without /).',
    '```',
    '`src/ignored/inside-a-fence.ts`',
    '```',
  ].join('\n');

  it('finds citations outside fences only, with their line', () => {
    const found = citationsOf(sample, 'sample.md');
    expect(found.map((c) => c.target)).toEqual([
      'src/core/attendance/classify-day.ts#classifyDay',
      'src/core/',
      'rulebooks/national/attendance.json#lateBands.bands.0.band',
      'src/core/attendance/no-such-file.ts',
      'src/core/attendance/classify-day.ts#noSuchExport',
      'rulebooks/national/attendance.json#noSuchKey',
      'src/core',
    ]);
    expect(found[3]?.where).toBe('sample.md:3');
  });

  it('accepts the real citations and names each broken one', () => {
    const problems = citationsOf(sample, 'sample.md').map(problemOf);
    expect(problems.slice(0, 3)).toEqual([null, null, null]);
    expect(problems.slice(3)).toEqual([
      'sample.md:3: `src/core/attendance/no-such-file.ts` — no such file or folder',
      'sample.md:3: `src/core/attendance/classify-day.ts#noSuchExport` — src/core/attendance/classify-day.ts exports no noSuchExport',
      'sample.md:4: `rulebooks/national/attendance.json#noSuchKey` — rulebooks/national/attendance.json has no key noSuchKey',
      'sample.md:4: `src/core` — a folder, write it with a final /',
    ]);
  });

  it.each([
    ['export function f(', 'f', true],
    ['export async function f(', 'f', true],
    ['export const fee = 1; export const f2 = 2', 'f', false],
    ['export type F = string;', 'F', true],
    ['export interface F {', 'F', true],
    ['export { a, f as g, F } from "./x"', 'F', true],
    ['export type { Exec } from "./r"', 'Exec', true],
    ['const f = 1; // export f', 'f', false],
    ['function f() {} export default f', 'f', false],
  ])('%s exports %s: %s', (source, name, expected) => {
    expect(exportsName(source, name)).toBe(expected);
  });
});

describe.each(['docs/rules.md', 'docs/glossary.md'])('%s', (doc) => {
  it('every cited path exists and every cited export or rulebook key is there', () => {
    const citations = citationsOf(read(doc), doc);
    expect(citations.length).toBeGreaterThan(40);
    expect(citations.map(problemOf).filter((p) => p !== null)).toEqual([]);
  });
});

describe('docs/rules.md rule rows', () => {
  const rows = ruleRows(read('docs/rules.md'));

  it('have unique ids and six cells', () => {
    expect(rows.length).toBeGreaterThan(50);
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const r of rows) {
      if (seen.has(r.id)) problems.push(`${r.where}: ${r.id} listed twice`);
      seen.add(r.id);
      if (r.cells.length !== 6) problems.push(`${r.where}: ${r.id} has ${r.cells.length} cells, not 6`);
    }
    expect(problems).toEqual([]);
  });

  it('each cites its implementation under src/ and a test file (or says "—")', () => {
    const problems: string[] = [];
    for (const r of rows) {
      const [, , , implementation = '', , tests = ''] = r.cells;
      if (!/`src\//.test(implementation))
        problems.push(`${r.where}: ${r.id} cites no implementation in src/`);
      if (tests !== '—' && !/`[^`]+\.test\.ts`/.test(tests))
        problems.push(`${r.where}: ${r.id} cites no test file`);
    }
    expect(problems).toEqual([]);
  });
});
