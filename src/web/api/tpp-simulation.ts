import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Dashboard,
  SimulationCreateBody,
  SimulationDetail,
  SimulationEmployeeList,
  SimulationSummary,
} from '../../shared/api/tpp-simulation.ts';
import { api, apiUrl, type QueryParams } from './http.ts';

export type {
  Dashboard,
  SimulationCreateBody,
  SimulationDetail,
  SimulationEmployee,
  SimulationSummary,
} from '../../shared/api/tpp-simulation.ts';

/**
 * The web client of the TPP simulation (issue 17 point 6, BKD) and the TPP dashboards (point 7): TanStack Query
 * hooks for /api/tpp/simulations and /api/tpp/dashboard; types from src/shared/api/tpp-simulation.ts (types only).
 */

const ROOT = ['tpp-simulation'] as const;
const T = '/tpp';

/** A rulebook version as GET /api/rulebooks lists it (only the fields the form needs). */
export interface RulebookVersionOption {
  id: string;
  rulebookId: string;
  name: string;
  version: string;
  status: 'draft' | 'active' | 'retired';
  effectiveFrom: string;
}

export function useRulebookVersions() {
  return useQuery({
    queryKey: [...ROOT, 'rulebooks'],
    queryFn: ({ signal }) => api.get<RulebookVersionOption[]>('/rulebooks', undefined, signal),
  });
}

export function useSimulations() {
  return useQuery({
    queryKey: [...ROOT, 'list'],
    queryFn: ({ signal }) => api.get<{ items: SimulationSummary[] }>(`${T}/simulations`, undefined, signal),
  });
}

export function useSimulation(id: string | undefined, top = 10) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id, top],
    queryFn: ({ signal }) => api.get<SimulationDetail>(`${T}/simulations/${id}`, { top }, signal),
    enabled: !!id,
  });
}

export function useSimulationEmployees(
  id: string | undefined,
  q: { q?: string; change?: 'all' | 'up' | 'down' | 'same'; page: number; pageSize: number },
) {
  return useQuery({
    queryKey: [...ROOT, 'employees', id, q],
    queryFn: ({ signal }) =>
      api.get<SimulationEmployeeList>(`${T}/simulations/${id}/employees`, { ...q } as QueryParams, signal),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

function useSimulationMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT }) });
}

export const useCreateSimulation = () =>
  useSimulationMutation((body: SimulationCreateBody) => api.post<SimulationDetail>(`${T}/simulations`, body));
export const useDeleteSimulation = () =>
  useSimulationMutation((id: string) => api.delete(`${T}/simulations/${id}`));
export const simulationExportUrl = (id: string) => apiUrl(`${T}/simulations/${id}/export.xlsx`);

export interface DashboardParams {
  year: number;
  unitId?: string;
  basis: 'approved' | 'published';
}

export function useTppDashboard(q: DashboardParams) {
  return useQuery({
    queryKey: [...ROOT, 'dashboard', q],
    queryFn: ({ signal }) => api.get<Dashboard>(`${T}/dashboard`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}
export const dashboardExportUrl = (q: DashboardParams) =>
  apiUrl(`${T}/dashboard/export.xlsx`, { ...q } as QueryParams);
