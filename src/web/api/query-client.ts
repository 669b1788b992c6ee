import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './http.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Fail fast offline and show the error/offline state instead of a spinner that never ends.
        networkMode: 'always',
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          count < 2 && isApiError(error) && (error.code === 'NETWORK' || error.code === 'INTERNAL'),
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
