import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http.ts';
import type { Office, OfficeInput, Position, Unit, UnitInput, UnitTreeNode } from './types.ts';

export const unitKeys = {
  all: ['units'] as const,
  tree: () => [...unitKeys.all, 'tree'] as const,
  detail: (id: string) => [...unitKeys.all, 'detail', id] as const,
};

export const positionKeys = {
  all: ['positions'] as const,
  list: (unitId: string | null) => [...positionKeys.all, 'list', unitId] as const,
};

export function useUnitTree(enabled = true) {
  return useQuery({
    queryKey: unitKeys.tree(),
    queryFn: ({ signal }) => api.get<UnitTreeNode[]>('/units/tree', undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useUnit(id: string | null) {
  return useQuery({
    queryKey: unitKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Unit>(`/units/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePositions(unitId: string | null) {
  return useQuery({
    queryKey: positionKeys.list(unitId),
    queryFn: ({ signal }) => api.get<Position[]>('/positions', { unitId }, signal),
    enabled: !!unitId,
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UnitInput) => api.post<Unit>('/units', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

export function useUpdateUnit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<UnitInput>) => api.patch<Unit>(`/units/${encodeURIComponent(id)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

export function useCreateOffice(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OfficeInput) =>
      api.post<Office>(`/units/${encodeURIComponent(unitId)}/offices`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.detail(unitId) }),
  });
}

export function useDeleteOffice(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (officeId: string) =>
      api.delete(`/units/${encodeURIComponent(unitId)}/offices/${encodeURIComponent(officeId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.detail(unitId) }),
  });
}
