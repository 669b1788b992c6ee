import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, backupFileName, compareSchema, manifestProblems } from './backup-manifest.ts';

const KNOWN = ['202601010000_a', '202601020000_b', '202601030000_c'];

describe('compareSchema', () => {
  it('same: the backup is at this release’s last migration', () => {
    expect(compareSchema('202601030000_c', KNOWN)).toEqual({ kind: 'same' });
  });
  it('older: the migrations to apply after loading, in order', () => {
    expect(compareSchema('202601010000_a', KNOWN)).toEqual({
      kind: 'older',
      pending: ['202601020000_b', '202601030000_c'],
    });
  });
  it('newer: a name past the last known one', () => {
    expect(compareSchema('202701010000_z', KNOWN)).toEqual({ kind: 'newer', latest: '202601030000_c' });
  });
  it('unknown: a name this release never had, sorting before its last', () => {
    expect(compareSchema('202601015000_other-branch', KNOWN)).toEqual({
      kind: 'unknown',
      latest: '202601030000_c',
    });
  });
});

describe('manifestProblems', () => {
  const ok = {
    format: BACKUP_FORMAT,
    app: 'abdi',
    schemaVersion: '202601030000_c',
    tables: [],
    sequences: [],
    files: [],
    missingFiles: [],
  };
  it('accepts a complete manifest', () => {
    expect(manifestProblems(ok)).toEqual([]);
  });
  it('names another program’s file, a newer format and missing fields', () => {
    expect(manifestProblems({ ...ok, app: 'other' })).toEqual(['bukan cadangan Abdi']);
    expect(manifestProblems({ ...ok, format: BACKUP_FORMAT + 1 })[0]).toContain('lebih baru');
    expect(manifestProblems({ ...ok, tables: undefined, schemaVersion: '' })).toEqual([
      'versi skema tidak tercantum',
      'daftar tabel tidak ada',
    ]);
    expect(manifestProblems(null)).toEqual(['manifest bukan objek JSON']);
  });
});

describe('backupFileName', () => {
  it('is the UTC time, sortable', () => {
    expect(backupFileName(new Date('2026-12-06T14:05:09.123Z'))).toBe('abdi-backup-20261206-140509.tar');
  });
});
