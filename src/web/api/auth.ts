import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody } from '../../shared/api/access.ts';
import { ApiError, request, setCsrfToken } from './http.ts';
import type { Me } from './types.ts';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The signed-in user; `offline` when it is the copy kept on this device because the server is unreachable. */
export type CurrentUser = Me & { offline?: boolean };

const ME_CACHE_KEY = 'abdi.me';

/**
 * Remembers who is signed in on this device (never the CSRF token), so the installed app can open offline
 * (e.g. /presensi with its offline queue). Cleared on sign-out and when the session is gone.
 */
function rememberMe(me: Me | null): void {
  try {
    if (me) localStorage.setItem(ME_CACHE_KEY, JSON.stringify({ user: me.user }));
    else localStorage.removeItem(ME_CACHE_KEY);
  } catch {
    // private mode: no offline start
  }
}

/** Forgets the user kept on this device (the session ended). */
export function forgetMe(): void {
  rememberMe(null);
}

/** The user kept on this device by the last sign-in or session check (null when none). */
export function rememberedMe(): CurrentUser | null {
  try {
    const raw = localStorage.getItem(ME_CACHE_KEY);
    if (!raw) return null;
    const { user } = JSON.parse(raw) as Pick<Me, 'user'>;
    return user?.id ? { user, csrfToken: '', offline: true } : null;
  } catch {
    return null;
  }
}

/** The signed-in user, or null when there is no session; offline, the copy kept on this device. */
export async function fetchMe(): Promise<CurrentUser | null> {
  try {
    const me = await request<Me>('GET', '/auth/me', { quietAuth: true });
    setCsrfToken(me.csrfToken);
    rememberMe(me);
    return me;
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) {
      setCsrfToken(null);
      rememberMe(null);
      return null;
    }
    if (error instanceof ApiError && error.code === 'NETWORK') {
      const cached = rememberedMe();
      if (cached) return cached;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: (count, error) => error instanceof ApiError && error.code === 'NETWORK' && count < 1,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => request<Me>('POST', '/auth/login', { body, quietAuth: true }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      rememberMe(me);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<void>('POST', '/auth/logout', { quietAuth: true }),
    onSettled: () => {
      setCsrfToken(null);
      rememberMe(null);
      queryClient.setQueryData(authKeys.me(), null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      request<void>('POST', '/auth/change-password', { body }),
    onSuccess: () => {
      queryClient.setQueryData<Me | null>(authKeys.me(), (me) =>
        me ? { ...me, user: { ...me.user, mustChangePassword: false } } : me,
      );
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}
