import { diffValues, type AuditDiffRow } from '../../../../shared/api/audit-labels.ts';

export type DiffRow = AuditDiffRow;

/** Field-by-field comparison of an audit entry's before and after; changed fields first (shared with the export). */
export const diffJson = diffValues;

export function showValue(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
