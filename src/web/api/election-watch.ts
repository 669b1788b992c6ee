import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ElectionWatchCreate,
  ElectionWatchList,
  ElectionWatchListQuery,
} from '../../shared/api/election-watch.ts';
import { api, type QueryParams } from './http.ts';

export const electionWatchKeys = {
  all: ['election-watch'] as const,
  list: (query: ElectionWatchListQuery) => ['election-watch', 'list', query] as const,
};

/** A page of ElectionWatch items (types from the contract, src/shared/api/election-watch.ts). */
export function useElectionWatchList(query: ElectionWatchListQuery) {
  return useQuery({
    queryKey: electionWatchKeys.list(query),
    queryFn: ({ signal }) => api.get<ElectionWatchList>('/election-watch', query as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateElectionWatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ElectionWatchCreate) => api.post<{ id: string }>('/election-watch', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: electionWatchKeys.all }),
  });
}
