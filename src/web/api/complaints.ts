import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComplaintsCreate, ComplaintsList, ComplaintsListQuery } from '../../shared/api/complaints.ts';
import { api, type QueryParams } from './http.ts';

export const complaintsKeys = {
  all: ['complaints'] as const,
  list: (query: ComplaintsListQuery) => ['complaints', 'list', query] as const,
};

/** A page of Complaints items (types from the contract, src/shared/api/complaints.ts). */
export function useComplaintsList(query: ComplaintsListQuery) {
  return useQuery({
    queryKey: complaintsKeys.list(query),
    queryFn: ({ signal }) => api.get<ComplaintsList>('/complaints', query as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateComplaints() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintsCreate) => api.post<{ id: string }>('/complaints', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complaintsKeys.all }),
  });
}
