import { useEffect } from 'react';
import { useDisciplineInbox } from '../../api/discipline.ts';

/**
 * What the discipline module does from every page, loaded by the shell (AppLayout) as a lazy chunk after the first
 * screen, so the punch screen's first bytes do not grow: the count of what waits on the user (cases whose next step
 * they hold, indications to open or dismiss, salary stops, appeals: the inbox's `count`, OVERSIGHT items left out)
 * for the "Kotak masuk disiplin" badge, refreshed every minute. Only for superiors and the discipline roles
 * (`enabled`); renders nothing.
 */
export function DisciplineShellWork({ onCount }: { onCount: (count: number) => void }) {
  const inbox = useDisciplineInbox(true, { poll: true });
  const count = inbox.data?.count ?? 0;
  useEffect(() => onCount(count), [count, onCount]);
  return null;
}
