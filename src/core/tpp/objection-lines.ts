import { formatDdMmYyyy } from '../common/date-text.ts';
import type { TppMonthResult } from './tpp-month.ts';

/**
 * The line of a published TPP an employee objects to (issue 17 point 4: "an employee objects to a line with a
 * reason and evidence"): one deduction (its date and day code), one sanction cut (its sanction type), the kinerja
 * component, the exclusion, or something else of the line ("other").
 * Source: issue 17 point 4; regulations.md §5 (the line's parts: core/tpp/tpp-month.ts).
 */
export const OBJECTION_LINE_KINDS = ['DEDUCTION', 'SANCTION', 'KINERJA', 'EXCLUSION', 'OTHER'] as const;
export type ObjectionLineKind = (typeof OBJECTION_LINE_KINDS)[number];

export type ObjectionLine =
  | { kind: 'DEDUCTION'; date: string; code: string }
  | { kind: 'SANCTION'; sanctionType: string }
  | { kind: 'KINERJA' }
  | { kind: 'EXCLUSION' }
  | { kind: 'OTHER' };

export const OBJECTION_LINE_KIND_LABELS: Readonly<Record<ObjectionLineKind, string>> = {
  DEDUCTION: 'Potongan harian',
  SANCTION: 'Potongan hukuman disiplin',
  KINERJA: 'Komponen kinerja',
  EXCLUSION: 'Pengecualian TPP',
  OTHER: 'Lainnya',
};

/** The line in words, e.g. "Potongan TK tanggal 04/02/2027". */
export function objectionLineLabel(line: ObjectionLine): string {
  switch (line.kind) {
    case 'DEDUCTION':
      return `Potongan ${line.code} tanggal ${formatDdMmYyyy(line.date)}`;
    case 'SANCTION':
      return `Potongan hukuman disiplin ${line.sanctionType}`;
    default:
      return OBJECTION_LINE_KIND_LABELS[line.kind];
  }
}

/**
 * Whether the line is in the employee's breakdown: a deduction of that date and code, a sanction cut of that type,
 * an exclusion (the line is excluded); the kinerja component only on a line that is paid; "other" always.
 */
export function lineExistsIn(
  result: Pick<TppMonthResult, 'deductions' | 'sanctions' | 'excluded'>,
  line: ObjectionLine,
) {
  switch (line.kind) {
    case 'DEDUCTION':
      return result.deductions.some((d) => d.date === line.date && d.code === line.code);
    case 'SANCTION':
      return result.sanctions.some((s) => s.sanctionType === line.sanctionType);
    case 'KINERJA':
      return result.excluded === null;
    case 'EXCLUSION':
      return result.excluded !== null;
    case 'OTHER':
      return true;
  }
}

/** A key of the line: two pending objections to the same key are one too many. */
export function objectionLineKey(line: ObjectionLine): string {
  switch (line.kind) {
    case 'DEDUCTION':
      return `DEDUCTION|${line.date}|${line.code}`;
    case 'SANCTION':
      return `SANCTION|${line.sanctionType}`;
    default:
      return line.kind;
  }
}
