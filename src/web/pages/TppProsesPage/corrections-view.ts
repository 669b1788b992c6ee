import type { Correction, CorrectionPreviewItem } from '../../api/tpp-corrections.ts';

/*
 * Pure helpers of the "Koreksi" card of a locked TPP run (issue 17 point 4): what a difference is called and
 * coloured, the order of the preview's rows, the preview's summary, a recorded correction's state. No React here:
 * test/web/tpp-corrections-web.test.ts.
 */

/** A difference: kekurangan bayar (paid too little, > 0), kelebihan bayar (paid too much, < 0), or none. */
export type CorrectionKind = 'KEKURANGAN' | 'KELEBIHAN' | 'NONE';

/** The kind of a correction amount (recomputed − paid − recorded). */
export function correctionKind(amount: number): CorrectionKind {
  return amount > 0 ? 'KEKURANGAN' : amount < 0 ? 'KELEBIHAN' : 'NONE';
}

/** The Mantine colour of a kind: the employee is owed (teal), owes (red), nothing (dimmed). */
export function correctionColor(kind: CorrectionKind): string {
  return kind === 'KEKURANGAN' ? 'teal.8' : kind === 'KELEBIHAN' ? 'red.7' : 'dimmed';
}

/**
 * The preview's rows in reading order: the differences to record first, largest (in rupiah, either sign) first,
 * then the lines without a difference; ties by name, then NIP. A new array (the query's data stays as it came).
 */
export function sortPreviewItems<T extends Pick<CorrectionPreviewItem, 'amount' | 'name' | 'nip'>>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) =>
      Number(b.amount !== 0) - Number(a.amount !== 0) ||
      Math.abs(b.amount) - Math.abs(a.amount) ||
      a.name.localeCompare(b.name, 'id') ||
      (a.nip ?? '').localeCompare(b.nip ?? ''),
  );
}

export interface PreviewSummary {
  /** Employees with a difference to record. */
  toRecord: number;
  /** Sum of the kekurangan bayar (≥ 0). */
  underpaid: number;
  /** Sum of the kelebihan bayar, as a positive amount (≥ 0). */
  overpaid: number;
  /** underpaid − overpaid: what the next runs pay in total. */
  net: number;
}

/** The preview's figures above the table and in the confirmation. */
export function previewSummary(items: readonly Pick<CorrectionPreviewItem, 'amount'>[]): PreviewSummary {
  let toRecord = 0;
  let underpaid = 0;
  let overpaid = 0;
  for (const { amount } of items) {
    if (amount === 0) continue;
    toRecord += 1;
    if (amount > 0) underpaid += amount;
    else overpaid -= amount;
  }
  return { toRecord, underpaid, overpaid, net: underpaid - overpaid };
}

/** A recorded correction's state: still open (paid by the employee's next run), or paid by a run of a month. */
export type CorrectionState = { kind: 'OPEN' } | { kind: 'PAID'; runId: string | null; month: string | null };

/** The state of a recorded correction, from the server's status and the run that paid it. */
export function correctionState(
  c: Pick<Correction, 'status' | 'appliedRunId' | 'appliedMonth'>,
): CorrectionState {
  return c.status === 'PAID'
    ? { kind: 'PAID', runId: c.appliedRunId, month: c.appliedMonth }
    : { kind: 'OPEN' };
}
