import { useEffect } from 'react';
import { useEvaluationInbox } from '../../api/kinerja-evaluations.ts';
import { useReportInboxCount, useReportQueueSending } from '../../api/kinerja-reports.ts';
import { useSkpInboxCount } from '../../api/kinerja-skp.ts';

/**
 * What e-Kinerja does from every page, loaded by the shell (AppLayout) as a lazy chunk after the first screen, so
 * the punch screen's first bytes do not grow:
 * - the daily reports written offline are sent as soon as the phone is back online, whatever page is open;
 * - for a superior (`verifier`), the count of what waits on them: reports to verify, SKP to approve, evaluations to
 *   finalise or approve and objections to decide (the "Verifikasi" badge). No request for anyone else.
 * Renders nothing; the count goes to the shell through `onCount`.
 */
export function KinerjaShellWork({
  employeeId,
  verifier,
  onCount,
}: {
  employeeId: string | null;
  verifier: boolean;
  onCount: (count: number) => void;
}) {
  useReportQueueSending(employeeId);
  const reports = useReportInboxCount(verifier);
  const skp = useSkpInboxCount(verifier);
  const evaluations = useEvaluationInbox(verifier, { refetchInterval: 60_000 });
  const ev = evaluations.data?.counts;
  const count = verifier
    ? (reports.data?.total ?? 0) +
      (skp.data?.count ?? 0) +
      (ev ? ev.toFinalise + ev.toApprove + ev.objections : 0)
    : 0;
  useEffect(() => onCount(count), [count, onCount]);
  return null;
}
