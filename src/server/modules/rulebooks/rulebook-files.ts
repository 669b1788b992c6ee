/**
 * Loading the rulebooks stored as data files in the repository: one folder per rulebook with `rulebook.json`
 * (metadata) and one JSON file per section (`calendar.json`, `schedule.json`, `attendance.json`, …).
 * A rulebook whose metadata names `extends` inherits the sections it does not define from that rulebook.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleIssue } from '../../../core/common/rule-issue.ts';
import type { Rulebook, RulebookMetaInput, RulebookSectionsInput } from '../../../core/rulebook/rulebook.ts';
import {
  assembleRulebook,
  RULEBOOK_SECTIONS,
  validateRulebookVersions,
} from '../../../core/rulebook/rulebook.ts';

interface RawFolder {
  folder: string;
  meta: Record<string, unknown>;
  sections: RulebookSectionsInput;
}

/** Issue with the file it belongs to. */
interface FileIssue {
  file: string;
  path: string;
  message: string;
}

async function readJson(
  file: string,
): Promise<{ ok: true; value: unknown } | { ok: false; missing: boolean; message: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', message: `Berkas tidak dapat dibaca: ${String(err)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, missing: false, message: `JSON tidak valid: ${(err as Error).message}` };
  }
}

/** Which file of a folder an issue path (e.g. `tpp.weights[0]`, `meta.id`) belongs to. */
function fileOf(folder: string, path: string): string {
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  return (RULEBOOK_SECTIONS as readonly string[]).includes(head)
    ? `${folder}/${head}.json`
    : `${folder}/rulebook.json`;
}

/**
 * Read, assemble (with `extends` inheritance and `mergeSections`) and validate every rulebook folder under
 * `dir`, then check the versions of each region for overlaps and gaps.
 * @param dir the rulebooks directory (default `rulebooks`, relative to the working directory)
 * @returns the parsed rulebooks, sorted by folder name
 * @throws Error listing every issue per file when any folder fails to load or validate
 */
export async function loadRulebookFiles(dir = 'rulebooks'): Promise<Rulebook[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const issues: FileIssue[] = [];
  const raws = new Map<string, RawFolder>();

  for (const folder of folders) {
    const metaFile = await readJson(join(dir, folder, 'rulebook.json'));
    if (!metaFile.ok) {
      issues.push({ file: `${folder}/rulebook.json`, path: '', message: metaFile.message });
      continue;
    }
    const meta = metaFile.value;
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
      issues.push({
        file: `${folder}/rulebook.json`,
        path: '',
        message: 'Metadata rulebook harus berupa objek JSON',
      });
      continue;
    }
    const metaObj = meta as Record<string, unknown>;
    const id = typeof metaObj.id === 'string' ? metaObj.id : folder;
    if (id !== folder)
      issues.push({
        file: `${folder}/rulebook.json`,
        path: 'meta.id',
        message: `Id rulebook ${id} harus sama dengan nama folder ${folder}`,
      });
    const sections: RulebookSectionsInput = {};
    for (const key of RULEBOOK_SECTIONS) {
      const section = await readJson(join(dir, folder, `${key}.json`));
      if (section.ok) sections[key] = section.value;
      else if (!section.missing)
        issues.push({ file: `${folder}/${key}.json`, path: '', message: section.message });
    }
    raws.set(folder, { folder, meta: metaObj, sections });
  }

  const done = new Map<string, Rulebook | null>();
  const assemble = (folder: string, trail: string[]): Rulebook | null => {
    if (done.has(folder)) return done.get(folder) ?? null;
    const raw = raws.get(folder);
    if (!raw) return null;
    let base: Rulebook | undefined;
    const parent = raw.meta.extends;
    if (typeof parent === 'string') {
      if (trail.includes(parent)) {
        issues.push({
          file: `${folder}/rulebook.json`,
          path: 'meta.extends',
          message: `Pewarisan melingkar: ${[...trail, parent].join(' → ')}`,
        });
        done.set(folder, null);
        return null;
      }
      if (!raws.has(parent)) {
        issues.push({
          file: `${folder}/rulebook.json`,
          path: 'meta.extends',
          message: `Rulebook induk ${parent} tidak ditemukan`,
        });
        done.set(folder, null);
        return null;
      }
      const parsedParent = assemble(parent, [...trail, folder]);
      if (!parsedParent) {
        issues.push({
          file: `${folder}/rulebook.json`,
          path: 'meta.extends',
          message: `Rulebook induk ${parent} tidak valid`,
        });
        done.set(folder, null);
        return null;
      }
      base = parsedParent;
    }
    const result = assembleRulebook(raw.meta as RulebookMetaInput, raw.sections, base);
    if (!result.ok) {
      for (const i of result.issues)
        issues.push({ file: fileOf(folder, i.path), path: i.path, message: i.message });
      done.set(folder, null);
      return null;
    }
    done.set(folder, result.rulebook);
    return result.rulebook;
  };

  const rulebooks: Rulebook[] = [];
  for (const folder of raws.keys()) {
    const rb = assemble(folder, []);
    if (rb) rulebooks.push(rb);
  }
  const versionIssues: RuleIssue[] = validateRulebookVersions(rulebooks);
  for (const i of versionIssues) {
    const id = /^rulebooks\[([^\]]+)\]/.exec(i.path)?.[1] ?? '';
    issues.push({ file: `${id}/rulebook.json`, path: i.path, message: i.message });
  }

  if (issues.length > 0) {
    const byFile = new Map<string, FileIssue[]>();
    for (const i of issues) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i]);
    const lines = [...byFile].map(
      ([file, list]) =>
        `${join(dir, file)}:\n${list.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`,
    );
    throw new Error(`Rulebook tidak valid (${issues.length} masalah):\n${lines.join('\n')}`);
  }
  return rulebooks;
}
