/*
 * The backup file's manifest and the rules a restore applies to it before touching anything (issue 20 point 3).
 * Pure: no I/O, no clock.
 */

/** Bumped when the layout of the backup file changes in a way an older release cannot read. */
export const BACKUP_FORMAT = 1;

/** The table data entry of `table` in the archive. */
export const tableEntryName = (table: string) => `tables/${table}.jsonl.gz`;
/** A stored file's entry: `photos` (punch photos) or `attachments` (every module's attachments). */
export const fileEntryName = (store: FileStoreName, sha256: string) => `files/${store}/${sha256}`;
export const MANIFEST_ENTRY = 'manifest.json';

export type FileStoreName = 'photos' | 'attachments';

export interface BackupManifest {
  format: number;
  app: 'abdi';
  appVersion: string;
  /** The last migration applied to the database backed up. */
  schemaVersion: string;
  engine: 'pglite' | 'postgres';
  createdAt: string;
  /** Per table (public schema, without Kysely's migration bookkeeping): rows, and the sha256 of its entry. */
  tables: { name: string; rows: number; bytes: number; sha256: string }[];
  /** Sequences and their last value (null: never used). */
  sequences: { name: string; lastValue: number | null }[];
  /** Files stored in the archive (the file's sha256 is its name). */
  files: { store: FileStoreName; sha256: string; size: number }[];
  /**
   * Files the rows cite that were not in the store when copied (removed by the retention run after the snapshot,
   * or lost before: `hilang`), or whose bytes no longer match their hash (`rusak`): their rows are restored as
   * they were; the bytes are not.
   */
  missingFiles: { store: FileStoreName; sha256: string; reason: 'hilang' | 'rusak' }[];
}

export type SchemaVerdict =
  | { kind: 'same' }
  /** Older: restore at that version, then migrate forward (`pending`: the migrations to apply after). */
  | { kind: 'older'; pending: string[] }
  | { kind: 'newer'; latest: string }
  /** A name this release does not know and that sorts before its latest: another branch's schema. */
  | { kind: 'unknown'; latest: string };

/**
 * Where a backup's schema stands against this release's migrations (`known`, in order; names begin with their
 * timestamp, so they sort in order of creation).
 */
export function compareSchema(schemaVersion: string, known: readonly string[]): SchemaVerdict {
  const latest = known[known.length - 1] ?? '';
  const at = known.indexOf(schemaVersion);
  if (at === known.length - 1) return { kind: 'same' };
  if (at >= 0) return { kind: 'older', pending: known.slice(at + 1) };
  if (schemaVersion > latest) return { kind: 'newer', latest };
  return { kind: 'unknown', latest };
}

/**
 * The problems of a parsed manifest (empty when it can be used): a file of another program or another format,
 * or a field missing.
 */
export function manifestProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['manifest bukan objek JSON'];
  const m = value as Partial<BackupManifest>;
  if (m.app !== 'abdi') return ['bukan cadangan Abdi'];
  if (typeof m.format !== 'number') return ['versi format tidak tercantum'];
  if (m.format > BACKUP_FORMAT)
    return [`format cadangan ${m.format} lebih baru dari yang dikenal versi ini (${BACKUP_FORMAT})`];
  const problems: string[] = [];
  if (typeof m.schemaVersion !== 'string' || !m.schemaVersion) problems.push('versi skema tidak tercantum');
  if (!Array.isArray(m.tables)) problems.push('daftar tabel tidak ada');
  if (!Array.isArray(m.sequences)) problems.push('daftar sequence tidak ada');
  if (!Array.isArray(m.files)) problems.push('daftar berkas tidak ada');
  if (!Array.isArray(m.missingFiles)) problems.push('daftar berkas hilang tidak ada');
  return problems;
}

/** `abdi-backup-YYYYMMDD-HHmmss.tar` for an instant (UTC, so names sort in time order on any server). */
export function backupFileName(at: Date): string {
  const iso = at.toISOString(); // 2026-12-06T14:05:09.123Z
  return `abdi-backup-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}.tar`;
}
