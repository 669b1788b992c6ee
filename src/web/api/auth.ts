import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody } from '../../shared/api/access.ts';
import { ApiError, request, setCsrfToken } from './http.ts';
import type { Me } from './types.ts';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request<Me>('GET', '/auth/me', { quietAuth: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) {
      setCsrfToken(null);
      return null;
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
