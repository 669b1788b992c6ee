import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  InspectionsCreate,
  InspectionsList,
  InspectionsListQuery,
} from '../../shared/api/inspections.ts';
import { api, type QueryParams } from './http.ts';

export const inspectionsKeys = {
  all: ['inspections'] as const,
  list: (query: InspectionsListQuery) => ['inspections', 'list', query] as const,
};

/** A page of Inspections items (types from the contract, src/shared/api/inspections.ts). */
export function useInspectionsList(query: InspectionsListQuery) {
  return useQuery({
    queryKey: inspectionsKeys.list(query),
    queryFn: ({ signal }) => api.get<InspectionsList>('/inspections', query as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateInspections() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionsCreate) => api.post<{ id: string }>('/inspections', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inspectionsKeys.all }),
  });
}
