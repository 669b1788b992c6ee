import { formatDdMmYyyy } from '../../../../core/common/date-text.ts';
import { objectionLineKey } from '../../../../core/tpp/objection-lines.ts';
import type { Objection, ObjectionLine, ObjectionStatus } from '../../../api/tpp-objections.ts';
import type { RunLineDetail } from '../../../api/tpp.ts';
import { objectionOpen } from '../tpp-view.ts';

/*
 * Pure helpers of the TPP objection screens (issue 17 point 4): which lines of a published TPP offer an objection,
 * how a line reference reads, which lines already have a pending objection, the evidence file check. No React
 * here: test/web/tpp-objections.test.ts.
 */

export { objectionLineKey };

/**
 * Whether the employee may still object to the line's run on `today`: the run is published and not yet approved
 * (DIUMUMKAN; the server refuses later steps with 409) and today is on or before the window's end.
 */
export function canObject(
  run: Pick<RunLineDetail['run'], 'status' | 'objectionUntil'>,
  today: string,
): boolean {
  return run.status === 'DIUMUMKAN' && objectionOpen(run.objectionUntil, today);
}

/**
 * The lines of a breakdown an objection may name, in the order the page shows them: each deduction (its date and
 * code, once each), each sanction cut (its type, once each), the kinerja component of a paid line, the exclusion
 * of an excluded one. "Other" is left to the page (one general action). Mirrors core lineExistsIn.
 */
export function objectableLines(
  line: Pick<RunLineDetail, 'deductions' | 'sanctions' | 'excluded'>,
): ObjectionLine[] {
  const out: ObjectionLine[] = [];
  const seen = new Set<string>();
  const add = (l: ObjectionLine) => {
    const key = objectionLineKey(l);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(l);
  };
  for (const d of line.deductions) add({ kind: 'DEDUCTION', date: d.date, code: d.code });
  for (const s of line.sanctions) add({ kind: 'SANCTION', sanctionType: s.sanctionType });
  add(line.excluded ? { kind: 'EXCLUSION' } : { kind: 'KINERJA' });
  return out;
}

/** The objections of one run still waiting for a decision, by line key (one pending per line: the server's 409). */
export function pendingByLine(
  objections: readonly Pick<Objection, 'runId' | 'status' | 'line' | 'id'>[],
  runId: string,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const o of objections)
    if (o.runId === runId && o.status === 'DIAJUKAN') map.set(objectionLineKey(o.line), o.id);
  return map;
}

/** How a line reference reads: a text key under `tppObjections.lines` and its values (dates dd/MM/yyyy). */
export function lineRef(line: ObjectionLine): {
  key: 'DEDUCTION' | 'SANCTION' | 'KINERJA' | 'EXCLUSION' | 'OTHER';
  values: Record<string, string>;
} {
  switch (line.kind) {
    case 'DEDUCTION':
      return { key: 'DEDUCTION', values: { code: line.code, date: formatDdMmYyyy(line.date) } };
    case 'SANCTION':
      return { key: 'SANCTION', values: { type: line.sanctionType } };
    default:
      return { key: line.kind, values: {} };
  }
}

/** The colour of an objection's status: blue waiting, teal upheld, red rejected. */
export function objectionStatusColor(status: ObjectionStatus | string): string {
  return status === 'DITERIMA' ? 'teal' : status === 'DITOLAK' ? 'red' : 'blue';
}

/** The evidence types the form offers (the server judges the bytes and also takes WebP). */
export const EVIDENCE_ACCEPT = 'application/pdf,image/jpeg,image/png';
const EVIDENCE_TYPES = new Set(EVIDENCE_ACCEPT.split(','));
/** The installation's default ATTACHMENT_MAX_BYTES (the server's limit decides; this only warns early). */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

/** Why an evidence file would be refused before sending it: its type, its size, or null when it may go. */
export function evidenceProblem(
  file: Pick<File, 'type' | 'size' | 'name'> | null,
  maxBytes = EVIDENCE_MAX_BYTES,
): 'type' | 'size' | null {
  if (!file) return null;
  const byName = /\.(pdf|jpe?g|png)$/i.test(file.name);
  if (!(file.type ? EVIDENCE_TYPES.has(file.type) : byName)) return 'type';
  if (file.size > maxBytes) return 'size';
  return null;
}
