import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../api/auth.ts';
import type { Role } from '../api/types.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import { LoadingState } from '../components/LoadingState.tsx';
import { hasAnyRole } from '../lib/roles.ts';
import { ForbiddenState } from './ForbiddenState.tsx';
import { sessionHasExpired } from './session.ts';

/**
 * Lets a signed-in user through; otherwise redirects to /login (remembering where they wanted to go).
 * A user who must change the password is sent to /ganti-sandi first.
 */
export function RequireAuth({
  children,
  allowPasswordChange = false,
}: {
  children: ReactNode;
  allowPasswordChange?: boolean;
}) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingState minHeight={320} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const from = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?${sessionHasExpired() ? 'sesi=berakhir&' : ''}dari=${from}`} replace />;
  }
  if (me.data.user.mustChangePassword && !allowPasswordChange) return <Navigate to="/ganti-sandi" replace />;
  return <>{children}</>;
}

/** Shows the page only to holders of one of the roles. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (!hasAnyRole(me.data, roles)) return <ForbiddenState />;
  return <>{children}</>;
}
