import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TeladanCreate, TeladanList, TeladanListQuery } from '../../shared/api/teladan.ts';
import { api, type QueryParams } from './http.ts';

export const teladanKeys = {
  all: ['teladan'] as const,
  list: (query: TeladanListQuery) => ['teladan', 'list', query] as const,
};

/** A page of Teladan items (types from the contract, src/shared/api/teladan.ts). */
export function useTeladanList(query: TeladanListQuery) {
  return useQuery({
    queryKey: teladanKeys.list(query),
    queryFn: ({ signal }) => api.get<TeladanList>('/teladan', query as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateTeladan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TeladanCreate) => api.post<{ id: string }>('/teladan', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teladanKeys.all }),
  });
}
