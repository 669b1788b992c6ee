import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  AUDIT_FIELD_LABELS,
  auditActionLabel,
  auditFieldLabel,
  diffValues,
} from '../../../shared/api/audit-labels.ts';
import { NOTIFICATION_KINDS } from '../../../shared/api/notifications.ts';
import { PERMISSIONS } from '../../auth/authz.ts';

/*
 * The audit log in words (issue 13 point 10): every action the server writes has an Indonesian label
 * (src/shared/api/audit-labels.ts, used by id.ts and the CSV export), found by reading the server's sources for
 * action names; en.ts has the English ones (its type is id.ts's shape, so tsc finds a missing one).
 */

const SERVER = path.resolve(import.meta.dirname, '../..');
const NOT_ACTIONS = new Set<string>([...Object.keys(PERMISSIONS), ...NOTIFICATION_KINDS]);
const FILE_TYPES = /\.(csv|xlsx|json|dat|txt|pdf|html|exe|png|jpe?g|svg|ts|js)$/;

/** `'prefix.verb'` literals of the server's sources whose prefix is a kind of audited action. */
async function writtenActions(): Promise<string[]> {
  const prefixes = new Set(Object.keys(AUDIT_ACTION_LABELS));
  const found = new Set<string>();
  for (const entry of await readdir(SERVER, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const src = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
    if (!/audit\.record|recordStandalone|action:/.test(src)) continue;
    for (const m of src.matchAll(/'([a-z_]+)\.([a-z_]+)'/g)) {
      const name = `${m[1]}.${m[2]}`;
      if (prefixes.has(m[1]!) && !NOT_ACTIONS.has(name) && !FILE_TYPES.test(name)) found.add(name);
    }
  }
  return [...found].sort();
}

describe('audit labels', () => {
  it('every action the server writes has an Indonesian label (a new one: add it to audit-labels.ts and en.ts)', async () => {
    const actions = await writtenActions();
    expect(actions.length).toBeGreaterThan(60);
    expect(actions.filter((a) => auditActionLabel(a) === a)).toEqual([]);
  });

  it('labels every kind of record the server writes, and leaves an unknown action as it is', async () => {
    const prefixes = new Set((await writtenActions()).map((a) => a.split('.')[0]!));
    expect(prefixes.size).toBeGreaterThan(15);
    expect(auditActionLabel('permit.approved')).toBe('Izin disetujui');
    expect(auditActionLabel('something.new')).toBe('something.new');
    // English: en.ts must have every key of these maps (its type is id.ts's shape, checked by tsc).
    expect(Object.keys(AUDIT_ENTITY_LABELS)).toContain('leave_request');
    expect(Object.keys(AUDIT_FIELD_LABELS).length).toBeGreaterThan(80);
  });

  it('labels fields (nested ones by their parts) and compares before/after', () => {
    expect(auditFieldLabel('superiorId')).toBe('Atasan langsung');
    expect(auditFieldLabel('destination.lat')).toBe('Tujuan · Lintang');
    expect(auditFieldLabel('somethingNew')).toBe('somethingNew');
    expect(diffValues({ status: 'DIAJUKAN', note: null }, { status: 'DISETUJUI', note: null })).toEqual([
      { field: 'status', before: 'DIAJUKAN', after: 'DISETUJUI', changed: true },
      { field: 'note', before: null, after: null, changed: false },
    ]);
  });
});
