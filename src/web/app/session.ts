import type { QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { authKeys, forgetMe } from '../api/auth.ts';
import { setAuthListener, setCsrfToken } from '../api/http.ts';
import { i18n } from '../text/i18n.ts';

let expired = false;

/** Whether the last session ended by expiry (the login page then shows "Sesi Anda telah berakhir"). */
export function sessionHasExpired(): boolean {
  return expired;
}

export function clearSessionExpired(): void {
  expired = false;
}

type Navigate = (to: string, options?: { replace?: boolean }) => unknown;

/**
 * Reacts to auth errors from any API call: an expired session clears the cached user and goes to /login
 * with a notice; a required password change goes to /ganti-sandi.
 */
export function installSessionHandling(queryClient: QueryClient, navigate: Navigate): void {
  setAuthListener((event) => {
    const path = window.location.pathname;
    if (event === 'expired') {
      setCsrfToken(null);
      forgetMe();
      const hadUser = !!queryClient.getQueryData(authKeys.me());
      if (hadUser) expired = true;
      if (path !== '/login') {
        if (hadUser) {
          notifications.show({
            id: 'session-expired',
            color: 'yellow',
            title: i18n.t('login.sessionExpired'),
            message: '',
          });
        }
        const from = encodeURIComponent(path + window.location.search);
        void navigate(`/login?sesi=berakhir&dari=${from}`, { replace: true });
      }
      // After navigating, so the auth guard does not race us with its own redirect.
      queryClient.setQueryData(authKeys.me(), null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
    } else if (event === 'passwordChangeRequired' && path !== '/ganti-sandi') {
      void navigate('/ganti-sandi', { replace: true });
    }
  });
}
