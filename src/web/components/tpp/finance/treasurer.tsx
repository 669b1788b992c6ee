import type { ReactNode } from 'react';
import { useMe } from '../../../api/auth.ts';
import { useMyTreasurerUnits } from '../../../api/tpp-finance.ts';
import { ForbiddenState } from '../../../app/ForbiddenState.tsx';
import { hasAnyRole } from '../../../lib/roles.ts';
import { LoadingState } from '../../LoadingState.tsx';
import { TPP_DATA_VIEWERS } from '../roles.ts';

/**
 * Whether the signed-in user reaches the TPP finance pages as the designated treasurer (bendahara pengeluaran) of
 * a unit, without a TPP reading role: the server's answer (`GET /api/tpp/finance/treasurer`, runs-access.ts
 * `isTreasurer`), asked only for an employee without such a role. `readOnly`: the run pages show the figures and
 * the downloads, no step, objection or input.
 */
export function useTppTreasurer() {
  const me = useMe();
  const reader = hasAnyRole(me.data, TPP_DATA_VIEWERS);
  const candidate = !!me.data?.user.employeeId && !reader;
  const q = useMyTreasurerUnits(candidate);
  const treasurer = candidate && (q.data?.units.length ?? 0) > 0;
  return { reader, treasurer, readOnly: !reader && treasurer, pending: candidate && q.isPending };
}

/** Shows a TPP finance page (runs, a run, the recap) to TPP readers and to a designated treasurer. */
export function RequireTppFinance({ children }: { children: ReactNode }) {
  const { reader, treasurer, pending } = useTppTreasurer();
  if (reader || treasurer) return <>{children}</>;
  if (pending) return <LoadingState minHeight={320} />;
  return <ForbiddenState />;
}
